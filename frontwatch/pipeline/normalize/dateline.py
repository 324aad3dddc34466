"""Wire datelines ("STEPANAKERT, Oct 4 (Reuters) -"): where a report was filed and on what day."""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch.model.span import Span

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_UPPER_WORD = r"[A-Z][A-Z'’.\-]*[A-Z]"
_TITLE_WORD = r"[A-Z][a-z'’\-]+(?:-[A-Z][a-z'’\-]+)*"
_DATELINE = re.compile(
    rf"""^[^\S\n]*
    (?P<place>{_UPPER_WORD}(?:[^\S\n]+{_UPPER_WORD})*|{_TITLE_WORD}(?:[^\S\n]+{_TITLE_WORD})?)
    (?:,[^\S\n]+(?P<region>{_TITLE_WORD}(?:[^\S\n]+{_TITLE_WORD})*))?
    (?:,?[^\S\n]+(?P<date>{MONTH}\.?[^\S\n]+\d{{1,2}}(?:,[^\S\n]+\d{{4}})?|\d{{1,2}}[^\S\n]+{MONTH}(?:[^\S\n]+\d{{4}})?))?
    [^\S\n]*(?:\((?P<agency>[^()\n]{{2,40}})\))?
    [^\S\n]*[-—–]+[^\S\n]*""",
    re.MULTILINE | re.VERBOSE,
)
_SEARCH_CHARS = 600


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline's spans: the whole of it, the place (and its region), the date and the agency."""

    span: Span
    place: Span
    region: Span | None
    date: Span | None
    agency: Span | None


def _group_span(match: re.Match[str], name: str) -> Span | None:
    return Span(match.start(name), match.end(name)) if match.group(name) is not None else None


def find_dateline(text: str, start: int = 0, end: int | None = None) -> Dateline | None:
    """The first dateline opening a line near the start of ``text[start:end]``, as spans into ``text``.

    A place counts only with a date, an agency or (in capitals) a region after it, so "UPDATE -"
    or "Officials said -" are not datelines.
    """
    end = len(text) if end is None else end
    for match in _DATELINE.finditer(text, start, min(end, start + _SEARCH_CHARS)):
        stated = match.group("date") or match.group("agency")
        if not (stated or (match.group("place").isupper() and match.group("region"))):
            continue
        place_span = _group_span(match, "place")
        assert place_span is not None
        return Dateline(
            span=Span(match.start("place"), match.end()),
            place=place_span,
            region=_group_span(match, "region"),
            date=_group_span(match, "date"),
            agency=_group_span(match, "agency"),
        )
    return None
