"""Correction requests from the public, queued for curators."""
