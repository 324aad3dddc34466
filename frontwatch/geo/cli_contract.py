"""The ``frontwatch geoparse`` JSONL contract: one input line in, one output line out, errors per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from frontwatch.errors import InputError
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.geo.geoparse import geoparse
from frontwatch.model.place import PlaceMention

MAX_LINE_BYTES = 5 * 1024 * 1024  # one document: a long live blog is under 1 MiB
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class GeoparseStats:
    """What a run did: lines read, lines that failed, place mentions written."""

    lines: int
    failed: int
    places: int


def mention_to_json(mention: PlaceMention) -> dict[str, Any]:
    """One output place; an unresolved mention keeps its span and text with null place fields."""
    place = mention.place
    return {
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "name": place.name if place else None,
        "geonames_id": place.geonames_id if place and place.geonames_id > 0 else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "feature_code": place.feature_code if place else None,
        "score": mention.score,
    }


def parse_request(line: bytes) -> tuple[Any, str, list[tuple[int, int]] | None]:
    """(id, text, spans) of one input line; raises InputError saying what is wrong with it."""
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"line is not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"line is not valid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise InputError("line must be a JSON object with 'id' and 'text'")
    doc_id = record.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or doc_id == "":
        raise InputError("'id' must be a non-empty string or an integer")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("'text' must be a non-empty string")
    return doc_id, text, _parse_spans(record.get("spans"), len(text))


def _parse_spans(raw: Any, length: int) -> list[tuple[int, int]] | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise InputError("'spans' must be a list of [start, end] pairs")
    spans = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 2 and all(type(v) is int for v in item)):
            raise InputError(f"span {item!r} is not a [start, end] pair of integers")
        start, end = item
        if not 0 <= start < end <= length:
            raise InputError(
                f"span [{start}, {end}] is empty, reversed or outside the text (length {length})"
            )
        spans.append((start, end))
    return spans


def geoparse_line(line: bytes, gazetteer: Gazetteer, nationalities: bool = True) -> dict[str, Any]:
    """The output record for one input line (with an 'error' when the line is bad); ``nationalities``
    as ``geoparse`` takes it."""
    doc_id: Any = None
    try:
        doc_id, text, spans = parse_request(line)
        mentions = geoparse(text, gazetteer, spans, nationalities=nationalities)
    except InputError as exc:
        return {"id": doc_id if doc_id is not None else _salvage_id(line), "places": [], "error": str(exc)}
    return {"id": doc_id, "places": [mention_to_json(m) for m in mentions]}


def _salvage_id(line: bytes) -> Any:
    """The id of a line that failed later checks, when the line is at least a JSON object."""
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return record.get("id") if isinstance(record, dict) else None


def bounded_lines(source: BinaryIO, limit: int) -> Iterator[bytes | int]:
    """The lines of ``source``, or for a line over ``limit`` bytes its length, read a chunk at a time
    and never held whole (a gigantic line costs no more memory than a normal one)."""
    while line := source.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := source.readline(_CHUNK)):
            size += len(line)
        yield size


def oversized_record(size: int, limit: int) -> dict[str, Any]:
    return {
        "id": None,
        "places": [],
        "error": f"line is {size} bytes, over the {limit}-byte limit for one document",
    }


def geoparse_jsonl(
    in_path: Path,
    out_path: Path,
    gazetteer: Gazetteer,
    max_line_bytes: int = MAX_LINE_BYTES,
    nationalities: bool = True,
) -> GeoparseStats:
    """Geoparse every non-blank line of ``in_path`` into ``out_path``; bad lines (and lines over
    ``max_line_bytes``) get an error record and the run goes on."""
    lines = failed = places = 0
    with in_path.open("rb") as source, out_path.open("w", encoding="utf-8") as sink:
        for raw in bounded_lines(source, max_line_bytes):
            if isinstance(raw, int):
                record = oversized_record(raw, max_line_bytes)
            elif not raw.strip():
                continue
            else:
                record = geoparse_line(raw, gazetteer, nationalities)
            lines += 1
            failed += "error" in record
            places += len(record["places"])
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return GeoparseStats(lines, failed, places)
