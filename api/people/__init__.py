"""People: experts, journalists and officials quoted or named in articles."""
