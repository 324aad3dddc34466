"""Reading sources: files and folders in, raw documents (or per-source failures) out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.ingest.failure import IngestFailure
from frontwatch.pipeline.ingest.feeds import read_feed
from frontwatch.pipeline.ingest.formats import FEED, JSON, JSONL, detect_media_type, is_binary
from frontwatch.pipeline.ingest.jsonl import read_json, read_jsonl

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def date_in_name(path: Path) -> date | None:
    """A publication date written in the file name ("wire-2020-10-04-ganja.txt"), if any."""
    match = _NAME_DATE.search(path.name)
    try:
        return date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        return None


def list_files(path: Path) -> Iterator[Path | IngestFailure]:
    """``path`` itself, or every visible file below a folder in sorted order; a failure if it is missing."""
    if path.is_file():
        yield path
    elif path.is_dir():
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if child.is_file() and not any(part.startswith(".") for part in relative.parts):
                yield child
    else:
        yield IngestFailure(str(path), "no such file or directory")


def read_file(path: Path, fetched_at: datetime, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """The raw documents in one file (one, or one per feed item / JSON record), or why there are none."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield IngestFailure(source, f"file is {size} bytes, over the {max_bytes}-byte limit")
            return
        content = path.read_bytes()
    except OSError as error:
        yield IngestFailure(source, f"cannot read file: {error.strerror or error}")
        return
    if not content.strip():
        yield IngestFailure(source, "file is empty")
        return
    if is_binary(content):
        yield IngestFailure(source, "file is binary, not text (NUL or control bytes)")
        return
    media_type = detect_media_type(path, content)
    if media_type == FEED:
        yield from read_feed(content, source, fetched_at)
    elif media_type in (JSON, JSONL):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield IngestFailure(source, f"JSON must be UTF-8: {error.reason} at byte {error.start}")
            return
        reader = read_json if media_type == JSON else read_jsonl
        yield from reader(text, source, fetched_at)
    else:
        yield RawDocument(
            content=content,
            media_type=media_type,
            source=source,
            fetched_at=fetched_at,
            published=date_in_name(path),
        )


def read_sources(
    paths: Iterable[Path],
    clock: Callable[[], datetime] = utc_now,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument | IngestFailure]:
    """Raw documents from files and folders, in a deterministic order; bad sources become failures."""
    for path in paths:
        for entry in list_files(Path(path)):
            if isinstance(entry, IngestFailure):
                yield entry
            else:
                yield from read_file(entry, clock(), max_bytes)
