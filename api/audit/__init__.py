"""The audit log of writes, publishes, token events and authentication failures."""
