"""Annotate: find profiled people and outlets in article text."""
