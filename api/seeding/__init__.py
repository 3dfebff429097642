"""Seeding: load curated profile files, validate them whole, and upsert them in one transaction."""
