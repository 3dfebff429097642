"""Feedback fixtures: two published profiles to vote on."""

import pytest
from sqlmodel import Session

from tests import factories


@pytest.fixture
def profiles(session: Session) -> None:
    """The outlet `daily` and the person `ann-writer`, published at revision 1."""
    factories.seed(
        session,
        citations=[factories.citation(key="daily-about")],
        organizations=[factories.outlet(["daily-about"], slug="daily", name="The Daily")],
        people=[factories.person(["daily-about"], slug="ann-writer", name="Ann Writer")],
    )
