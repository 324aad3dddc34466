"""Short human-readable labels for tolls and date intervals (the web page, the terminal table)."""

from __future__ import annotations

from frontwatch.model.mention import Count
from frontwatch.store.records import StoredEvent


def format_count(count: Count | None) -> str:
    """ "3", "3–5", "≥3", or "" when no toll is stated."""
    if count is None:
        return ""
    if count.maximum is None:
        return f"≥{count.minimum}"
    if count.maximum == count.minimum:
        return str(count.minimum)
    return f"{count.minimum}–{count.maximum}"


def format_dates(event: StoredEvent) -> str:
    """ "2020-10-04", "2020-10-03 – 2020-10-04", or "" when undated."""
    if event.date_earliest is None:
        return ""
    if event.date_latest is None or event.date_latest == event.date_earliest:
        return event.date_earliest.isoformat()
    return f"{event.date_earliest.isoformat()} – {event.date_latest.isoformat()}"
