"""Cards: the public profile of an organization or person, with its state ties and sources."""
