"""Evidence sentences as HTML with the values extracted from them marked: tolls, the place, date words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from frontwatch.model.mention import Count

NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
VAGUE_QUANTITIES = {10: "tens", 12: "dozens", 100: "hundreds"}
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_WORDS = re.compile(
    rf"\b(?:{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {MONTH}(?: \d{{4}})?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?: (?:morning|afternoon|evening|night))?"
    r"|overnight|yesterday|today|tonight|last (?:night|week|month)|this (?:morning|week))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch of an evidence text and what it is: "toll", "place" or "date"."""

    start: int
    end: int
    kind: str


def toll_pattern(counts: Iterable[Count | None]) -> re.Pattern[str] | None:
    """Matches the figures of ``counts`` as digits (also with thousands separators) or as words."""
    bounds = (bound for count in counts if count is not None for bound in (count.minimum, count.maximum))
    values = {bound for bound in bounds if bound is not None}
    if not values:
        return None
    forms = set()
    for value in values:
        forms.update({str(value), f"{value:,}"})
        if value < len(NUMBER_WORDS):
            forms.add(NUMBER_WORDS[value])
        if value in VAGUE_QUANTITIES:
            forms.add(VAGUE_QUANTITIES[value])
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w,.])(?:{alternatives})(?![\w]|[,.]\d)", re.IGNORECASE)


def place_pattern(names: Iterable[str | None]) -> re.Pattern[str] | None:
    """Matches any of the place ``names`` as whole words."""
    forms = sorted({name for name in names if name}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in forms) + r")\b", re.IGNORECASE)


def find_marks(text: str, patterns: Mapping[str, re.Pattern[str] | None]) -> list[Mark]:
    """Non-overlapping marks in ``text``, leftmost first; where two overlap, the longer one wins."""
    found = sorted(
        (
            Mark(match.start(), match.end(), kind)
            for kind, pattern in patterns.items()
            if pattern is not None
            for match in pattern.finditer(text)
            if match.end() > match.start()
        ),
        key=lambda mark: (mark.start, mark.start - mark.end),
    )
    marks: list[Mark] = []
    for mark in found:
        if not marks or mark.start >= marks[-1].end:
            marks.append(mark)
    return marks


def marked_html(text: str, marks: Iterable[Mark]) -> str:
    """``text`` HTML-escaped, each mark wrapped in ``<mark class="hl-KIND">``."""
    pieces, position = [], 0
    for mark in marks:
        pieces.append(escape(text[position : mark.start]))
        pieces.append(f'<mark class="hl-{mark.kind}">{escape(text[mark.start : mark.end])}</mark>')
        position = mark.end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def highlight_evidence(text: str, counts: Iterable[Count | None], places: Iterable[str | None]) -> str:
    """The evidence ``text`` as safe HTML with its toll figures, place names and date words marked."""
    patterns = {"toll": toll_pattern(counts), "place": place_pattern(places), "date": DATE_WORDS}
    return marked_html(text, find_marks(text, patterns))
