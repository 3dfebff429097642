"""Outlets: page URLs to outlet editions, through their domains."""
