"""Reader notes: short curator-written texts per entity and language."""
