"""Format detection: a file's media type from its extension, overridden by what its bytes say."""

from __future__ import annotations

import re
from pathlib import Path

HTML = "text/html"
TEXT = "text/plain"
MARKDOWN = "text/markdown"
FEED = "application/rss+xml"
JSON = "application/json"
JSONL = "application/x-jsonl"
JSONL_RECORD = "application/x-jsonl-record"

_BY_EXTENSION = {
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".rss": FEED,
    ".atom": FEED,
    ".xml": FEED,
}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_SNIFF_BYTES = 2048


def detect_media_type(path: Path, content: bytes) -> str:
    """The media type of ``content``: a feed or HTML root, the extension, JSON or plain text."""
    head = content[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and _FEED_ROOT.search(head) and not _HTML_START.search(head):
        return FEED
    if head.startswith(b"<") and _HTML_START.search(head):
        return HTML
    by_extension = _BY_EXTENSION.get(path.suffix.lower())
    if by_extension is not None:
        return by_extension
    if head.startswith(b"["):
        return JSON
    return JSONL if head.startswith(b"{") else TEXT


def is_binary(content: bytes) -> bool:
    """True for bytes that are not text: NUL bytes (outside UTF-16 with a BOM) or many control bytes."""
    sample = content[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05
