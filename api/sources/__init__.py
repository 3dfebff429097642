"""Source health: visit every citation URL, record what answered, and queue dead-only claims."""
