"""Mentions: typed values found in the text, each with the span of its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from frontwatch.model.place import PlaceMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import ActorType, DatePrecision, Stance, WeaponCategory


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression resolved to a closed interval of days."""

    span: Span
    text: str
    earliest: date
    latest: date
    precision: DatePrecision


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people: ``minimum`` and, when the text bounds it, ``maximum`` (None = open)."""

    minimum: int
    maximum: int | None

    def __post_init__(self) -> None:
        if self.minimum < 0 or (self.maximum is not None and self.maximum < self.minimum):
            raise ValueError(f"invalid count {{min: {self.minimum}, max: {self.maximum}}}")

    def to_json(self) -> dict[str, int | None]:
        return {"min": self.minimum, "max": self.maximum}


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """A toll: ``kind`` is "killed", "injured", "captured" or "missing".

    ``cumulative`` marks running totals ("since the war began") that are no single event's toll;
    ``civilian`` is True when the victims are said to be civilians.
    """

    span: Span
    text: str
    kind: str
    count: Count
    civilian: bool = False
    cumulative: bool = False


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A named actor, normalised to a canonical name with its side and ACLED type."""

    span: Span
    text: str
    name: str
    actor_type: ActorType
    side: str | None = None


@dataclass(frozen=True, slots=True)
class WeaponMention:
    span: Span
    text: str
    category: WeaponCategory


@dataclass(frozen=True, slots=True)
class AttributionMention:
    """Who a statement is attributed to ("officials in Artsakh said"), and how they stand."""

    span: Span
    text: str
    claimant: str
    stance: Stance
    partisan: bool = False


Mention = PlaceMention | DateMention | CasualtyMention | ActorMention | WeaponMention | AttributionMention
