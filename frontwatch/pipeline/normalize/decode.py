"""Decoding bytes to text: declared charset (BOM, HTML meta, XML prolog), then UTF-8, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from frontwatch.errors import NormalizeError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)


def declared_charset(content: bytes) -> str | None:
    """The charset the bytes declare (a BOM, ``<meta charset>``, an XML prolog), if Python knows it."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return encoding
    match = _DECLARED.search(content[:4096])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(content: bytes) -> str:
    """Text of ``content``; NormalizeError when no declared, UTF-8 or detected charset decodes it."""
    declared = declared_charset(content)
    if declared is not None:
        try:
            return content.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(content).best()
    if best is None:
        raise NormalizeError(
            "cannot decode the text: it is not UTF-8, declares no usable charset, and no charset "
            "could be detected; re-save the file as UTF-8"
        )
    return str(best)
