"""Revisions: the append-only history of every profile, and the published data version."""
