"""Export and import of the whole published dataset in the seed-file format."""
