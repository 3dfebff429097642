"""Profiles: the documents curators write, and their projection into the live tables."""
