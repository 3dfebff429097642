"""Shared by the extension's end-to-end tests and demo: the API server, Chromium, article pages."""
