"""Liveness and readiness probes for operators and load balancers."""
