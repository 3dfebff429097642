"""Reader feedback on cards: helpful or not and why, counted per entity and revision."""
