"""Merged events: one real-world event, with the ledger of every report that told it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision, GeoPrecision, Stance


@dataclass(frozen=True, slots=True)
class Report:
    """One source's version of an event: the candidate it yielded, and the claimant's side if partisan.

    The candidate is kept whole so that events can be re-clustered from their ledgers.
    """

    candidate: EventCandidate
    side: str | None = None

    @property
    def doc_id(self) -> str:
        return self.candidate.doc_id

    @property
    def claimed_by(self) -> str:
        return self.candidate.claimed_by

    @property
    def stance(self) -> Stance:
        return self.candidate.stance

    @property
    def partisan(self) -> bool:
        return self.candidate.partisan

    @property
    def killed(self) -> Count | None:
        return self.candidate.killed

    @property
    def injured(self) -> Count | None:
        return self.candidate.injured

    @property
    def evidence(self) -> tuple[Span, ...]:
        return self.candidate.evidence

    @property
    def confidence(self) -> float:
        return self.candidate.confidence

    @property
    def asserts(self) -> bool:
        """True unless the source denies or disputes the event."""
        return self.stance.asserts


@dataclass(frozen=True, slots=True)
class Tally:
    """A reconciled toll: the lowest credible figure, the best estimate and the highest credible bound."""

    low: int
    best: int
    high: int

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.best <= self.high:
            raise ValueError(f"invalid tally {{low: {self.low}, best: {self.best}, high: {self.high}}}")

    def to_json(self) -> dict[str, int]:
        return {"low": self.low, "best": self.best, "high": self.high}


@dataclass(frozen=True, slots=True)
class EventStatus:
    """``contested``: opposing sides disagree on whether it happened or who did it;
    ``corroborated``: an independent source confirms it, or two independent sources agree."""

    contested: bool
    corroborated: bool

    @property
    def label(self) -> str:
        """One word for lists and filters: "contested" wins over "corroborated"; otherwise "reported"."""
        if self.contested:
            return "contested"
        return "corroborated" if self.corroborated else "reported"


@dataclass(frozen=True, slots=True)
class Event:
    """One event merged across reports: the contract's fields, reconciled tolls and every report."""

    event_id: str
    event_type: str
    sub_event_type: str
    date_earliest: date | None
    date_latest: date | None
    date_precision: DatePrecision | None
    place: Place | None
    geo_precision: GeoPrecision | None
    actor1: str | None
    actor2: str | None
    killed: Tally | None
    injured: Tally | None
    civilian_targeting: bool
    weapons: tuple[str, ...]
    status: EventStatus
    reports: tuple[Report, ...]
