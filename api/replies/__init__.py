"""Right of reply: the people and outlets profiled answer their notes; curators moderate."""
