"""Phrase tables: every alias's matches, the longest of overlapping matches kept."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from frontwatch.model.span import Span
from frontwatch.pipeline.mentions.lexicon import Lexicon

ALIASES = (
    ("(?:the )?officials", "officials"),
    ("(?:the )?defen[cs]e ministry", "ministry"),
    ("Azerbaijan\\w*(?: side)?", "azerbaijan"),
    ("Azerbaijani forces", "forces"),
    ("forces", "any forces"),
    ("drones?", "drone"),
    ("kamikaze drones?", "loitering munition"),
)
WORDS = ("the", "officials", "defence", "defense", "ministry", "Azerbaijani", "Azerbaijan's", "side",
         "forces", "kamikaze", "drone", "drones", "said", "-", ",", "x")  # fmt: skip


def spans(lexicon: Lexicon[str], text: str) -> list[tuple[str, str]]:
    return [(text[m.span.start : m.span.end], m.value) for m in lexicon.find(text)]


def test_the_longest_of_overlapping_aliases_wins_and_words_must_stand_alone() -> None:
    lexicon = Lexicon(ALIASES)
    text = "The defence ministry said kamikaze drones hit Azerbaijani forces; pre-drones, drone-like don't."
    assert spans(lexicon, text) == [
        ("The defence ministry", "ministry"), ("kamikaze drones", "loitering munition"),
        ("Azerbaijani forces", "forces"),
    ]  # fmt: skip


def per_alias_matches(text: str, start: int, end: int) -> set[tuple[Span, str]]:
    """What scanning the text once per alias gives: the reference for the one-scan lookup."""
    return {
        (Span(hit.start(), hit.end()), value)
        for alias, value in ALIASES
        for hit in re.compile(rf"(?<![\w-])(?:{alias})(?![\w-])", re.IGNORECASE).finditer(text, start, end)
        if hit.end() > hit.start()
    }


@given(st.lists(st.sampled_from(WORDS), max_size=30), st.integers(0, 40), st.integers(0, 200))
def test_one_scan_finds_what_a_scan_per_alias_finds(words: list[str], start: int, length: int) -> None:
    text = " ".join(words)
    start, end = min(start, len(text)), min(start + length, len(text))
    found = {(match.span, match.value) for match in Lexicon(ALIASES)._all_matches(text, start, end)}
    assert found == per_alias_matches(text, start, end)
