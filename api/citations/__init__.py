"""Citations: the sources every claim links to."""
