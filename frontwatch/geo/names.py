"""Name folding shared by the gazetteer index and the recogniser: one key for every spelling."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans(
    {
        "ə": "e",
        "Ə": "e",
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "ð": "d",
        "ʼ": "",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        "ʻ": "",
        ",": "",
        "ʹ": "",
        ".": "",
        "-": " ",
        "‐": " ",
        "–": " ",
        "_": " ",
    }
)
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad|ed|es|et)\s+(?=\S)")


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal list, as a set."""
    return frozenset(text.split())


REGION_WORDS = words(
    "district region province oblast rayon raion governorate state county parish municipality "
    "prefecture department oblasti marz krai kray"
)


_NAME_ABBREVIATION = re.compile(r"\b(mt|st|ft)(?= )")
SPELLED_OUT = {"mt": "mount", "st": "saint", "ft": "fort"}  # name abbreviations folded to the word
_IYA_ENDING = re.compile(r"(?<=\w)iya\b")  # Russian/Arabic -iya, -ia: 'Ingushetiya' = 'Ingushetia'


def fold(name: str) -> str:
    """Lower-case, diacritic-free, punctuation-light key with 'Mt'/'St'/'Ft' spelled out and a final
    '-iya' written '-ia': 'Füzuli'->'fuzuli', 'Al-Fashir'->'fashir', 'Mt. Pleasant'->'mount pleasant',
    'Kabardino-Balkariya'->'kabardino balkaria'."""
    ascii_like = name.translate(_SPECIAL)
    if not ascii_like.isascii():  # most names are: NFKD leaves them as they are
        decomposed = unicodedata.normalize("NFKD", ascii_like)
        ascii_like = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = " ".join(ascii_like.lower().split())
    if key[:1] in "ae":  # the regexes below are skipped where they cannot match: fold runs on every n-gram
        key = _ARTICLE.sub("", key)
    if "iya" in key:
        key = _IYA_ENDING.sub("ia", key)
    if "t " in key:
        key = _NAME_ABBREVIATION.sub(lambda match: SPELLED_OUT[match.group(1)], key)
    return key


def strip_region_word(key: str) -> str | None:
    """The folded name without a trailing region word ('donetsk oblast'->'donetsk'), else None."""
    head, _, last = key.rpartition(" ")
    return head if head and last in REGION_WORDS else None


def is_latin(key: str) -> bool:
    """True when a folded name is plain Latin letters, digits and spaces (worth indexing)."""
    return key.isascii() and any(ch.isalpha() for ch in key)
