"""JSON sources: one raw document per record ``{"id", "text", "published", "url", "title"}``.

A JSONL file holds one record per line; a JSON file holds one record or an array of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from frontwatch.errors import IngestError
from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.ingest.failure import IngestFailure
from frontwatch.pipeline.ingest.formats import JSONL_RECORD


def parse_published(value: object) -> date | datetime | None:
    """An ISO date or datetime string (or null) as a date/datetime; IngestError when it is neither."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IngestError(f"'published' must be an ISO date string or null, got {value!r}")
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        raise IngestError(f"'published' is not an ISO date or datetime: {value!r}") from None


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    if key == "id" and isinstance(value, int):
        return str(value)
    raise IngestError(f"'{key}' must be a string or null, got {value!r}")


def record_to_raw(line: str, source: str, fetched_at: datetime) -> RawDocument:
    """One JSONL line as a raw document; IngestError naming the problem when the line is unusable."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(f"malformed JSON ({error.msg} at column {error.colno})") from None
    return object_to_raw(record, source, fetched_at)


def object_to_raw(record: object, source: str, fetched_at: datetime) -> RawDocument:
    """One parsed JSON record as a raw document; IngestError naming the problem when it is unusable."""
    if not isinstance(record, dict):
        raise IngestError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError("'text' is missing, not a string, or empty")
    return RawDocument(
        content=text.encode("utf-8"),
        media_type=JSONL_RECORD,
        source=source,
        fetched_at=fetched_at,
        url=_optional_str(record, "url"),
        external_id=_optional_str(record, "id"),
        title=_optional_str(record, "title"),
        published=parse_published(record.get("published")),
    )


def read_jsonl(content: str, source: str, fetched_at: datetime) -> Iterator[RawDocument | IngestFailure]:
    """Every non-blank line of a JSONL file; a bad line becomes a failure named ``source:line``."""
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            yield record_to_raw(line, line_source, fetched_at)
        except IngestError as error:
            yield IngestFailure(line_source, f"line {number}: {error}")


def read_json(content: str, source: str, fetched_at: datetime) -> Iterator[RawDocument | IngestFailure]:
    """A JSON file of one record or an array of records; a bad record becomes a failure ``source[index]``."""
    try:
        parsed = json.loads(content)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        yield IngestFailure(source, f"malformed JSON ({error.msg} at {where})")
        return
    if not isinstance(parsed, list):
        try:
            yield object_to_raw(parsed, source, fetched_at)
        except IngestError as error:
            yield IngestFailure(source, str(error))
        return
    for index, record in enumerate(parsed):
        record_source = f"{source}[{index}]"
        try:
            yield object_to_raw(record, record_source, fetched_at)
        except IngestError as error:
            yield IngestFailure(record_source, f"record {index}: {error}")
