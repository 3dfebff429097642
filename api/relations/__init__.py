"""Relations: typed, dated, cited edges from an organization or person to an organization."""
