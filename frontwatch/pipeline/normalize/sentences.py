"""Sentence segmentation with offsets, tuned for news prose (abbreviations, initials, datelines)."""

from __future__ import annotations

import re

from frontwatch.model.span import Span

_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "brig",
        "st",
        "mt",
        "ft",
        "no",
        "nos",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "est",
        "inc",
        "corp",
        "co",
        "ltd",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    }
)
_BOUNDARY = re.compile(r"([.!?]['\"”’)]*)(\s+)(?=[\"“‘(]?[A-Z0-9À-ÖØ-Þ])|\n\s*\n|\n(?=\s*[-•*–]\s)")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at index ``dot`` ends an abbreviation or an initial, not a sentence."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans into ``text``, stripped of surrounding space."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group(1) and match.group(1).startswith(".") and _is_abbreviation(text, match.start(1)):
            continue
        cut = match.end(1) if match.group(1) else match.start()
        _append_stripped(text, cursor, cut, spans)
        cursor = match.end()
    _append_stripped(text, cursor, end, spans)
    return spans


def _append_stripped(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
