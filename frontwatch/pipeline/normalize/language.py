"""Language identification by script and stopword profile: small, fast, and good enough to route."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

UNDETERMINED = "und"
_STOPWORDS = {
    "en": "the and of to in is that was for on with as by at from said were has have it this are be which",
    "fr": "le la les des et est une un du dans pour que qui sur pas au aux ont été par avec selon il elle",
    "de": "der die das und ist nicht mit den von zu sich des ein eine auf dem wurde im nach bei auch sind",
    "es": "el la los las y de que en del por con una para se fue según como al sus es lo más",
    "tr": "ve bir bu da de için ile olarak en çok daha gibi olan ama ancak sonra tarafından dedi ise",
    "az": "və bir bu da də üçün ilə olaraq ən çox daha kimi olan amma lakin sonra tərəfindən bildirib isə",
    "ru": "и в не на что с по как это из за от к для был была были о его но же также они",
    "uk": "і в не на що з по як це із за від до для був була були та але також його вони",
}
_PROFILES = {language: frozenset(words.split()) for language, words in _STOPWORDS.items()}
_CANDIDATES_BY_SCRIPT = {"LATIN": ("en", "fr", "de", "es", "tr", "az"), "CYRILLIC": ("ru", "uk")}
_SCRIPT_LANGUAGE = {"ARMENIAN": "hy", "ARABIC": "ar", "GEORGIAN": "ka", "HEBREW": "he", "GREEK": "el"}
_MARKER_LETTERS = {"az": "əƏ", "uk": "іїєґІЇЄҐ", "ru": "ыэъёЫЭЪЁ"}
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"(?![A-Za-z])[^\W\d_]")
"""Letters outside ASCII, whose script is looked up by name (every ASCII letter is LATIN)."""
_SAMPLE_CHARS = 5000
_MIN_LETTERS = 20


def _script(char: str) -> str:
    """The Unicode script of a letter, from its character name ("CYRILLIC SMALL LETTER A" → CYRILLIC)."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0]


def _dominant_script(sample: str) -> str | None:
    scripts = Counter({"LATIN": len(_ASCII_LETTER.findall(sample))})
    scripts.update(_script(char) for char in _OTHER_LETTER.findall(sample) if char.isalpha())
    if sum(scripts.values()) < _MIN_LETTERS:
        return None
    return scripts.most_common(1)[0][0]


def _profile_score(language: str, words: list[str], sample: str) -> int:
    hits = sum(1 for word in words if word in _PROFILES[language])
    markers = sum(sample.count(letter) for letter in _MARKER_LETTERS.get(language, ""))
    return hits + 3 * min(markers, 10)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language (en, ru, uk, fr, de, es, ar, hy, az, tr, …) or "und"."""
    sample = text[:_SAMPLE_CHARS]
    script = _dominant_script(sample)
    if script is None:
        return UNDETERMINED
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    candidates = _CANDIDATES_BY_SCRIPT.get(script)
    if candidates is None:
        return UNDETERMINED
    words = _WORD.findall(sample.lower())
    scores = {language: _profile_score(language, words, sample) for language in candidates}
    best = max(candidates, key=lambda language: scores[language])
    return best if scores[best] >= 2 else UNDETERMINED
