"""Public history and the open-data dump."""
