"""Accounts, roles and API tokens."""
