"""Short human-readable labels for tolls and date intervals (the web page, the terminal table)."""

from __future__ import annotations

from frontwatch.model.event import Tally
from frontwatch.store.records import StoredEvent


def format_tally(tally: Tally | None) -> str:
    """ "3" when sources agree, "5 (3–9)" as best (low–high) when they differ, "" when no toll is stated."""
    if tally is None:
        return ""
    if tally.low == tally.high:
        return str(tally.best)
    return f"{tally.best} ({tally.low}–{tally.high})"


def format_dates(event: StoredEvent) -> str:
    """ "2020-10-04", "2020-10-03 – 2020-10-04", or "" when undated."""
    if event.date_earliest is None:
        return ""
    if event.date_latest is None or event.date_latest == event.date_earliest:
        return event.date_earliest.isoformat()
    return f"{event.date_earliest.isoformat()} – {event.date_latest.isoformat()}"
