"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest

from frontwatch.geo.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, built into the cache on first use (about 30 s) and loaded after."""
    return Gazetteer.load_default()
