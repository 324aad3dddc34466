"""Unicode and whitespace normalisation, and joining text blocks into one text with their spans."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from frontwatch.model.span import Span

BULLET = "• "
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_HORIZONTAL = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """NFC text with one space between words, no trailing spaces, and at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _HORIZONTAL.sub(" ", _INVISIBLE.sub("", text))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_inline(text: str) -> str:
    """One block's text on one line (line breaks kept only where the source had explicit ones)."""
    return clean_text(text).replace("\n\n", "\n")


def join_blocks(blocks: Sequence[str]) -> tuple[str, list[Span]]:
    """Blocks joined by blank lines (bulleted items by single newlines), with each block's span."""
    parts: list[str] = []
    spans: list[Span] = []
    cursor = 0
    for index, block in enumerate(blocks):
        if index:
            both_bullets = block.startswith(BULLET) and blocks[index - 1].startswith(BULLET)
            separator = "\n" if both_bullets else "\n\n"
            parts.append(separator)
            cursor += len(separator)
        parts.append(block)
        spans.append(Span(cursor, cursor + len(block)))
        cursor += len(block)
    return "".join(parts), spans
