"""Documents: clean text with its metadata, and a live blog's separate updates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from frontwatch.model.span import Span


@dataclass(frozen=True, slots=True)
class Update:
    """One item of a live blog or daily-update page: its span in the text and its own time."""

    span: Span
    published: date | datetime | None
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """Clean text of one report. ``doc_id`` is the raw document's content hash.

    ``updates`` is empty for an ordinary article; for a live blog each update covers a part of
    ``text`` and carries the time it was posted (or the page's date when it states none).
    """

    doc_id: str
    text: str
    title: str | None
    published: date | datetime | None
    language: str
    url: str | None = None
    external_id: str | None = None
    source: str | None = None
    updates: tuple[Update, ...] = field(default=())

    @property
    def published_date(self) -> date | None:
        """The publication day (the anchor for relative dates)."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published

    def anchor_for(self, offset: int) -> date | None:
        """The date against which a phrase at ``offset`` is resolved: its update's, else the page's."""
        for update in self.updates:
            if update.span.start <= offset < update.span.end and update.published is not None:
                stamp = update.published
                return stamp.date() if isinstance(stamp, datetime) else stamp
        return self.published_date
