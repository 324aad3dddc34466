"""What the store gives back: events with the reports that tell of them, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from frontwatch.model.candidate import count_to_json
from frontwatch.model.event import EventStatus, Tally
from frontwatch.model.mention import Count


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a document's text that supports an event, with the characters it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class StoredReport:
    """One document's account of an event: who claims it, how, with which numbers and evidence."""

    doc_id: str
    external_id: str | None
    title: str | None
    url: str | None
    published: date | datetime | None
    claimed_by: str
    stance: str
    partisan: bool
    killed: Count | None
    injured: Count | None
    evidence: tuple[Evidence, ...]
    confidence: float

    def to_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "external_id": self.external_id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "claimed_by": self.claimed_by,
            "stance": self.stance,
            "partisan": self.partisan,
            "killed": count_to_json(self.killed),
            "injured": count_to_json(self.injured),
            "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in self.evidence],
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A merged event as stored: reconciled tolls, status flags, reports (the first is the primary)."""

    event_id: str
    event_type: str
    sub_event_type: str
    date_earliest: date | None
    date_latest: date | None
    date_precision: str | None
    place: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    killed: Tally | None
    injured: Tally | None
    civilian_targeting: bool
    weapons: tuple[str, ...]
    confidence: float
    status: EventStatus
    created_at: datetime
    updated_at: datetime
    reports: tuple[StoredReport, ...]

    @property
    def claimants(self) -> tuple[str, ...]:
        """Who claims or reports the event, each once, in report order."""
        return tuple(dict.fromkeys(report.claimed_by for report in self.reports))

    def to_contract(self) -> dict[str, object]:
        """The extraction contract's object for this event, attribution from its primary report."""
        primary = self.reports[0]
        return {
            **self.facts(),
            "claimed_by": primary.claimed_by,
            "stance": primary.stance,
            "partisan": primary.partisan,
            "evidence": [{"start": e.start, "end": e.end} for e in primary.evidence],
            "confidence": round(self.confidence, 3),
        }

    def facts(self) -> dict[str, object]:
        """What, when, where, who, how many and with what: the contract's fields that are the event's
        own, not its primary report's."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date_earliest": self.date_earliest.isoformat() if self.date_earliest else None,
            "date_latest": self.date_latest.isoformat() if self.date_latest else None,
            "date_precision": self.date_precision,
            "place": self.place,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "geo_precision": self.geo_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "killed": tally_to_json(self.killed),
            "injured": tally_to_json(self.injured),
            "civilian_targeting": self.civilian_targeting,
            "weapons": list(self.weapons),
        }

    def to_json(self) -> dict[str, object]:
        """The contract's fields plus ``event_id``, ``status``, the flags, timestamps and every report."""
        return {
            "event_id": self.event_id,
            **self.to_contract(),
            "status": self.status.label,
            "contested": self.status.contested,
            "corroborated": self.status.corroborated,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "reports": [report.to_json() for report in self.reports],
        }


@dataclass(frozen=True, slots=True)
class StoredChange:
    """One step of an event's history: what changed, the document that caused it, and when."""

    seq: int
    event_id: str
    kind: str
    doc_id: str | None
    successor: str | None
    detail: str | None
    at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "event_id": self.event_id,
            "kind": self.kind,
            "doc_id": self.doc_id,
            "successor": self.successor,
            "detail": self.detail,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class GoneEvent:
    """An event no longer in the dataset, as it last stood (its reports left out): merged into
    ``successor`` (the event that now holds its reports), removed when a retraction took its last
    report (``retraction``, the reason given) or when its document, extracted again by newer rules,
    no longer reported it (neither), at ``gone_at``."""

    event: StoredEvent
    gone_at: datetime
    successor: str | None
    retraction: str | None

    @property
    def comment(self) -> str:
        if self.successor is not None:
            return f"merged into event {self.successor}"
        if self.retraction is None:
            return "removed: its document, extracted again by newer rules, no longer reports it"
        return f"removed: the document that reported it was retracted ({self.retraction})"


def tally_to_json(tally: Tally | None) -> dict[str, int] | None:
    return None if tally is None else tally.to_json()
