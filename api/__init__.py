"""Provenance Notes: cited provenance notes on news outlets and the experts they quote."""

# Every table must register on the metadata that carries the naming convention, so the
# convention is installed before any models module is imported.
from api import db as db
