"""Quantities of people: numerals, number words, vague amounts and their modifiers, as ``Count``.

Conventions (ACLED's for vague amounts, conservative minimums elsewhere):

- exact "3", "three", "1,200", "twenty-one", "two hundred", "a dozen" → {n, n}; "a"/"an"/"one" → {1, 1};
  "a couple of" → {2, 2}; "another" → {1, 1}; "half a dozen" → {6, 6}; "two dozen" → {24, 24}.
- vague plurals are minimums with an open maximum: "tens" → {10, None}, "dozens" → {12, None},
  "scores" → {20, None} (one score), "hundreds" → {100, None}, "thousands" → {1000, None};
  "a few"/"a handful of" → {2, None}; "several"/"multiple"/"many"/"numerous"/"a number of" → {3, None}.
- "at least N"/"no fewer than N"/"a minimum of N"/"N or more" → {N, None};
  "more than N"/"over N"/"upwards of N" → {N + 1, None} (with a vague N, its minimum + 1).
- "up to N"/"as many as N"/"no more than N" → {1, N}; "fewer than N"/"less than N" → {1, N - 1}: a
  toll bounded from above is still a toll, so at least one victim.
- "N to M"/"between N and M"/"N-M"/"N or M" → {N, M}.
- approximations "about/around/nearly/almost/roughly/approximately/some/an estimated N" → {N, N}:
  the stated figure is what ACLED codes.
- coordinated noun phrases are summed: "a child and two women" → {3, 3}, "a man as well as his two sons"
  → {3, 3}; a possessive singular noun is one person ("his wife"), a possessive plural alone counts nothing.
- "a family of five" → {5, 5}.
"""

from __future__ import annotations

import re

from frontwatch.model.mention import Count

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000}
_VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "a few": 2, "a handful": 2, "several": 3, "multiple": 3, "many": 3, "numerous": 3, "a number": 3,
}  # fmt: skip

_WORD = "(?:" + "|".join(sorted([*_UNITS, *_TENS, *_MULTIPLIERS], key=len, reverse=True)) + r")\b"
_CARDINAL = (
    r"(?:\d{1,3}(?:,\d{3})+\b|\d+\b"
    rf"|(?:half\s+an?\s+dozen|(?:an?\s+)?(?:{_WORD})(?:(?:\s*-\s*|\s+(?:and\s+)?)(?:{_WORD}))*))"
)
_VAGUE_RE = (
    r"(?:tens|dozens|scores|hundreds|thousands|a\s+few|a\s+handful|several|multiple|many|numerous"
    r"|a\s+number)\b"
)
_SIMPLE = rf"(?:{_CARDINAL}|{_VAGUE_RE}|a\s+couple\b|an?\b|another\b)"
QUANTITY = (
    r"(?:(?:at\s+least|no\s+fewer\s+than|a\s+minimum\s+of|more\s+than|over|upwards\s+of|up\s+to"
    r"|as\s+many\s+as|no\s+more\s+than|fewer\s+than|less\s+than|between|about|around|nearly|almost"
    r"|roughly|approximately|some|an\s+estimated|an\s+additional|another)\s+)?"
    rf"{_SIMPLE}(?:\s*(?:-|–|to|and|or)\s*{_CARDINAL})?(?:\s+or\s+more)?(?:\s+of)?"
)
"""Regex source matching a whole quantity phrase (modifier, number, range), case-insensitive."""

_LOWER = re.compile(r"(?:at least|no fewer than|a minimum of)\s+(.+)", re.I)
_ABOVE = re.compile(r"(?:more than|over|upwards of)\s+(.+)", re.I)
_UPTO = re.compile(r"(?:up to|as many as|no more than)\s+(.+)", re.I)
_BELOW = re.compile(r"(?:fewer than|less than)\s+(.+)", re.I)
_APPROX = re.compile(
    r"(?:about|around|nearly|almost|roughly|approximately|some|an estimated|an additional|another)\s+(.+)",
    re.I,
)
_RANGE = re.compile(rf"(?:between\s+)?({_CARDINAL})\s*(?:-|–|to|and|or)\s*({_CARDINAL})", re.I)
_OR_MORE = re.compile(r"(.+?)\s+or\s+more", re.I)
_SEPARATOR_WORDS = r"\b(?:and|as\s+well\s+as|along\s+with)\b"
_PART = re.compile(rf"({QUANTITY})((?:\s+(?!{_SEPARATOR_WORDS})[\w'’-]+)*)", re.I)
_SEPARATOR = re.compile(rf"\s*(?:,\s*{_SEPARATOR_WORDS}|,|{_SEPARATOR_WORDS})\s*", re.I)
_POSSESSIVE = re.compile(r"(?:his|her|their|its|our|my)\s+(.+)", re.I)
_FAMILY = re.compile(r"(?:an?|the|one)\s+family\s+of\s+(.+)", re.I)
_PLURAL_NOUN = re.compile(r"(?:(?<!s)s|men|people|children)$", re.I)
_GENERIC_PEOPLE = re.compile(r"\b(?:people|persons|civilians|residents|villagers|victims|relatives)$", re.I)


def cardinal_value(words: str) -> int | None:
    """The integer a numeral or English number phrase denotes ("1,200", "twenty-one", "a dozen")."""
    words = words.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words):
        return int(words.replace(",", ""))
    tokens = [t for t in re.split(r"[\s-]+", words) if t and t != "and"]
    if tokens[:1] in (["a"], ["an"]):
        tokens = tokens[1:] if len(tokens) > 1 else ["one"]
    if tokens[:1] == ["half"] and tokens[-1:] == ["dozen"]:
        return 6
    total, current = 0, 0
    for token in tokens:
        below_hundred = current % 100
        if token in _UNITS and (below_hundred == 0 or (below_hundred >= 20 and below_hundred % 10 == 0)):
            current += _UNITS[token]
        elif token in _TENS and below_hundred == 0:
            current += _TENS[token]
        elif token in _MULTIPLIERS:
            current = max(current, 1) * _MULTIPLIERS[token]
            if token == "thousand":
                total, current = total + current, 0
        else:
            return None
    return total + current


def _simple_count(phrase: str) -> Count | None:
    key = re.sub(r"\s+", " ", phrase.strip().lower())
    key = re.sub(r"\s+of$", "", key)
    if key in _VAGUE:
        return Count(_VAGUE[key], None)
    if key == "a couple":
        return Count(2, 2)
    if key == "another":
        return Count(1, 1)
    value = cardinal_value(key)
    return None if value is None else Count(value, value)


def _single_quantity(phrase: str) -> Count | None:
    """Count of one quantity phrase with its modifier, no trailing nouns."""
    phrase = re.sub(r"\s+of$", "", phrase.strip(), flags=re.I)
    if m := _OR_MORE.fullmatch(phrase):
        inner = _single_quantity(m.group(1))
        return None if inner is None else Count(inner.minimum, None)
    if m := _LOWER.fullmatch(phrase):
        inner = _single_quantity(m.group(1))
        return None if inner is None else Count(inner.minimum, None)
    if m := _ABOVE.fullmatch(phrase):
        inner = _single_quantity(m.group(1))
        return None if inner is None else Count(inner.minimum + 1, None)
    if m := _UPTO.fullmatch(phrase):
        inner = _single_quantity(m.group(1))
        return None if inner is None else Count(min(1, inner.minimum), inner.minimum)
    if m := _BELOW.fullmatch(phrase):
        inner = _single_quantity(m.group(1))
        return None if inner is None or inner.minimum < 2 else Count(1, inner.minimum - 1)
    if m := _APPROX.fullmatch(phrase):
        return _single_quantity(m.group(1))
    if exact := _simple_count(phrase):
        return exact
    if m := _RANGE.fullmatch(phrase):
        low, high = cardinal_value(m.group(1)), cardinal_value(m.group(2))
        if low is not None and high is not None and low <= high:
            return Count(low, high)
        return None
    return None


def _spelled_out_after(phrase: str, parts: list[str], counts: list[Count]) -> bool:
    """True when the conjuncts after a comma spell out who the first, generic group was: "two civilians,
    a woman and a child" are two people, not four ("two soldiers, a policeman and a child" are four)."""
    first_separator = _SEPARATOR.search(phrase)
    return (
        len(counts) >= 3
        and first_separator is not None
        and first_separator.group().strip() == ","
        and _GENERIC_PEOPLE.search(parts[0]) is not None
        and counts[0].minimum == counts[0].maximum == sum(c.minimum for c in counts[1:])
        and all(c.minimum == c.maximum for c in counts[1:])
    )


def _part_count(part: str) -> Count | None:
    """Count of one conjunct with its nouns: "two women"; "his two sons"; "his wife" is one person."""
    if possessive := _POSSESSIVE.fullmatch(part):
        part = possessive.group(1)
        if not _PART.fullmatch(part):
            return None if _PLURAL_NOUN.search(part) else Count(1, 1)
    match = _PART.fullmatch(part)
    return _single_quantity(match.group(1)) if match and match.group(2) else None


def parse_quantity(phrase: str) -> Count | None:
    """The Count a quantity phrase states, or None when it states none.

    ``phrase`` starts with the quantity and may go on with the counted nouns ("two women");
    coordinated phrases are summed ("a child and two women" → {3, 3}).
    """
    phrase = phrase.strip()
    if family := _FAMILY.fullmatch(phrase):
        phrase = family.group(1)
    if whole := _PART.fullmatch(phrase):
        return _single_quantity(whole.group(1))
    parts = _SEPARATOR.split(phrase)
    counts: list[Count] = []
    for part in parts:
        count = _part_count(part)
        if count is None:
            return None
        counts.append(count)
    if _spelled_out_after(phrase, parts, counts):
        return counts[0]
    maximums = [c.maximum for c in counts]
    return Count(
        sum(c.minimum for c in counts),
        None if None in maximums else sum(m for m in maximums if m is not None),
    )
