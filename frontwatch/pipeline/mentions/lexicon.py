"""Phrase tables: regular-expression aliases mapped to values, matched longest-first without overlap."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from frontwatch.model.span import Span

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class LexiconMatch(Generic[V]):
    span: Span
    value: V


class Lexicon(Generic[V]):
    """Aliases (regular expressions, matched on word boundaries) that each stand for a value."""

    def __init__(self, entries: Iterable[tuple[str, V]], flags: int = re.IGNORECASE) -> None:
        aliases = list(entries)
        self._entries = [
            (re.compile(rf"(?<![\w-])(?:{alias})(?![\w-])", flags), value) for alias, value in aliases
        ]
        either = "|".join(f"(?:{alias})" for alias, _ in aliases)
        self._starts = re.compile(rf"(?<![\w-])(?=(?:{either})(?![\w-]))", flags)
        """Where some alias matches: one scan of the text instead of one per alias."""

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[LexiconMatch[V]]:
        """Matches in ``text[start:end]``, left to right; a longer match wins over one it overlaps."""
        end = len(text) if end is None else end
        found = sorted(
            self._all_matches(text, start, end), key=lambda m: (-(m.span.end - m.span.start), m.span)
        )
        kept: list[LexiconMatch[V]] = []
        for match in found:
            if not any(match.span.overlaps(other.span) for other in kept):
                kept.append(match)
        return sorted(kept, key=lambda m: m.span)

    def _all_matches(self, text: str, start: int, end: int) -> Iterator[LexiconMatch[V]]:
        """Each alias's matches as its own ``finditer`` gives them, tried only where some alias starts."""
        starts = [hit.start() for hit in self._starts.finditer(text, start, end)]
        for pattern, value in self._entries:
            resume = start
            for position in starts:
                hit = pattern.match(text, position, end) if position >= resume else None
                if hit is not None and hit.end() > hit.start():
                    resume = hit.end()
                    yield LexiconMatch(Span(hit.start(), hit.end()), value)
