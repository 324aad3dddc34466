"""Write the ordinary English words the gazetteer keeps out of its alternate names.

GeoNames lists nicknames, translations and transliterations among a place's alternate names: 'First'
for Aden, 'Area' for Mundelein, 'White House' for Casablanca, 'Soul' for Seoul. Indexed, they turn
common words into places ('First Baptist Church', 'Area woman'). An alternate name made only of
ordinary words is left out (a place's own name is always kept: Reading, Bath, Nice). Ordinary words
are the all-lower-case entries of SCOWL's size-35 American English list (common words; proper nouns
there are capitalised), as Debian's ``wamerican-small`` package ships it.

Reproduce (network needed only here, never at run time)::

    apt-get download wamerican-small && dpkg-deb -x wamerican-small_*.deb /tmp/scowl
    python scripts/build_ordinary_words.py /tmp/scowl/usr/share/dict/american-english-small

Word list: SCOWL, Copyright 2000-2011 Kevin Atkinson, permissive licence (use, copy, modify,
distribute and sell, with the copyright and permission notice kept: see the data README).
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "frontwatch" / "data" / "gazetteer" / "ordinary_words.txt"
HEADER = (
    "# Lower-case words of SCOWL size 35 (Debian wamerican-small), Copyright 2000-2011 Kevin Atkinson;\n"
    "# written by scripts/build_ordinary_words.py; see README.md for the licence\n"
)


def ordinary_words(lines: list[str]) -> list[str]:
    """The entries that are one lower-case ASCII word (no capitalised names, no possessives)."""
    return sorted(
        {
            word
            for word in (line.strip() for line in lines)
            if word.isascii() and word.isalpha() and word.islower()
        }
    )


def main(word_list: str) -> None:
    words = ordinary_words(Path(word_list).read_text(encoding="utf-8").splitlines())
    OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
