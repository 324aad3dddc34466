"""Actor mentions: forces, groups and civilians normalised with conflict dictionaries (YAML).

Each file under ``frontwatch/data/actors/`` describes one conflict: its ``sides`` (side → main force)
and ``actors`` (canonical name, side, ACLED actor type, regular-expression aliases), and may declare
its ``area`` (gazetteer names of the regions where it is fought) and ``period`` (first and last day, the
last left open for a war still going on): weak evidence for the geoparser of where a report about the
conflict lies ('Martuni' in a report of the 2020 war is Karabakh's, not Armenia's). ``generic.yaml``
adds civilians, protesters, police and a demonym table that turns "Azerbaijani forces" into
"Military Forces of Azerbaijan" for any country listed. Users extend coverage by adding a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from frontwatch.errors import ExtractionError
from frontwatch.model.mention import ActorMention
from frontwatch.model.vocab import ActorType
from frontwatch.pipeline.mentions.lexicon import Lexicon

COUNTRY_PLACEHOLDER = "{country}"
_FORCE_NOUNS = r"(?:armed forces|forces|troops|army|military|soldiers|servicemen|units)"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor; ``name`` may hold "{country}", filled with the event's country."""

    name: str
    actor_type: ActorType
    side: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """The actors of one conflict, and each side's main force."""

    conflict: str
    sides: tuple[tuple[str, str], ...]
    entries: tuple[ActorEntry, ...]
    area: tuple[str, ...] = ()
    period: tuple[date, date | None] | None = None

    def covers(self, day: date) -> bool:
        """True when ``day`` falls in the conflict's declared period."""
        if self.period is None:
            return False
        first, last = self.period
        return first <= day and (last is None or day <= last)


def load_dictionary(path: Path) -> ActorDictionary:
    """Read one actor dictionary; a malformed file raises ExtractionError naming it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = [
            ActorEntry(item["name"], ActorType(item["type"]), item.get("side"), tuple(item["aliases"]))
            for item in data["actors"]
        ]
        entries += [
            _demonym_entry(demonym, country) for demonym, country in (data.get("demonyms") or {}).items()
        ]
        return ActorDictionary(
            str(data["conflict"]),
            tuple((data.get("sides") or {}).items()),
            tuple(entries),
            _area(data.get("area")),
            _period(data.get("period")),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        raise ExtractionError(
            f"actor dictionary {path} is malformed ({error}); fix or remove the file"
        ) from error


def _area(value: object) -> tuple[str, ...]:
    """The ``area`` field: a list of non-empty place names (none when absent)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(name, str) and name.strip() for name in value):
        raise ValueError(f"'area' must be a list of place names, not {value!r}")
    return tuple(value)


def _period(value: object) -> tuple[date, date | None] | None:
    """The ``period`` field: [first day, last day or null], in order (none when absent)."""
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], date)):
        raise ValueError(f"'period' must be [first day, last day or null], not {value!r}")
    first, last = value
    if last is not None and not (isinstance(last, date) and first <= last):
        raise ValueError(f"'period' must end on or after {first}, not {last!r}")
    return first, last


def _demonym_entry(demonym: str, country: str) -> ActorEntry:
    aliases = (
        rf"{demonym} {_FORCE_NOUNS}",
        rf"{country}(?:'s)? {_FORCE_NOUNS}",
        rf"(?:the )?army of {country}",
    )
    return ActorEntry(f"Military Forces of {country}", ActorType.STATE_FORCES, None, aliases)


@cache
def default_dictionaries() -> tuple[ActorDictionary, ...]:
    """The packaged dictionaries, conflict-specific ones first so they win over the generic table."""
    folder = resources.files("frontwatch") / "data" / "actors"
    paths = sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith(".yaml"))
    paths.sort(key=lambda path: path.stem == "generic")
    return tuple(load_dictionary(path) for path in paths)


@cache
def _lexicon(dictionaries: tuple[ActorDictionary, ...]) -> Lexicon[ActorEntry]:
    return Lexicon(
        (alias, entry)
        for dictionary in dictionaries
        for entry in dictionary.entries
        for alias in entry.aliases
    )


def find_actors(
    text: str, start: int = 0, end: int | None = None, dictionaries: Sequence[ActorDictionary] | None = None
) -> list[ActorMention]:
    """Actors named in ``text[start:end]``; names with "{country}" are completed by ``name_for_country``."""
    chosen = tuple(dictionaries) if dictionaries is not None else default_dictionaries()
    return [
        ActorMention(
            match.span, match.span.text_of(text), match.value.name, match.value.actor_type, match.value.side
        )
        for match in _lexicon(chosen).find(text, start, end)
    ]


def name_for_country(name: str, country: str | None) -> str | None:
    """Fill a country-coded name ("Civilians ({country})") with the event's country; None if unknown."""
    if COUNTRY_PLACEHOLDER not in name:
        return name
    return None if country is None else name.replace(COUNTRY_PLACEHOLDER, country)


def conflicts_of(
    actors: Iterable[ActorMention],
    published: date | None,
    dictionaries: Sequence[ActorDictionary] | None = None,
) -> tuple[ActorDictionary, ...]:
    """The conflicts a report is about: those whose sides its actors belong to, else those whose period
    covers its publication day (several at once where wars overlap in time)."""
    chosen = tuple(dictionaries) if dictionaries is not None else default_dictionaries()
    sides = {actor.side for actor in actors if actor.side is not None}
    named = tuple(d for d in chosen if any(side in sides for side, _ in d.sides))
    if named or published is None:
        return named
    return tuple(d for d in chosen if d.covers(published))


def opposing_force(side: str | None, dictionaries: Iterable[ActorDictionary] | None = None) -> str | None:
    """The main force of the other side in a two-sided conflict (the presumed attacker in a claim)."""
    for dictionary in dictionaries if dictionaries is not None else default_dictionaries():
        sides = dict(dictionary.sides)
        if side in sides and len(sides) == 2:
            return next(force for other, force in sides.items() if other != side)
    return None


def force_of_side(side: str | None, dictionaries: Iterable[ActorDictionary] | None = None) -> str | None:
    """The main force of ``side`` (the defender in a claim of an intercepted drone)."""
    for dictionary in dictionaries if dictionaries is not None else default_dictionaries():
        forces = dict(dictionary.sides)
        if side in forces:
            return forces[side]
    return None
