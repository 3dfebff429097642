"""Organizations: outlets and every other kind, with their domains and state-media category."""
