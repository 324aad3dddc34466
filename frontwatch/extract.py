"""The extraction contract: JSONL reports in, one JSONL line of events per report out (docs/contract.md)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontwatch.errors import ExtractionError, InputError
from frontwatch.model.candidate import candidate_to_contract
from frontwatch.model.document import Document
from frontwatch.pipeline.events.assemble import EXTRACTABLE_LANGUAGES, extract_events
from frontwatch.pipeline.normalize.language import detect_language

if TYPE_CHECKING:
    from frontwatch.geo.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class ExtractStats:
    """What one run did: lines read, lines that failed, lines skipped as not English, events written."""

    lines: int
    failed: int
    skipped: int
    events: int


def extract_records(lines: Iterable[str], gazetteer: Gazetteer) -> Iterator[dict[str, Any]]:
    """One output record per input line, in order; a bad line's record carries ``error`` instead of events."""
    for number, line in enumerate(lines, start=1):
        record_id = None
        try:
            record = parse_line(line)
            record_id = record.get("id")
            document = document_from_record(record)
            yield output_record(record_id, document, gazetteer)
        except (InputError, ExtractionError) as error:
            yield {"id": record_id, "events": [], "error": f"line {number}: {error}"}


def output_record(record_id: object, document: Document, gazetteer: Gazetteer) -> dict[str, Any]:
    """The output record of one document; a document not in English is skipped with a note."""
    if document.language not in EXTRACTABLE_LANGUAGES:
        return {"id": record_id, "events": [], "note": "skipped: the text is not in English"}
    events = extract_events(document, gazetteer)
    return {"id": record_id, "events": [candidate_to_contract(event) for event in events]}


def parse_line(line: str) -> dict[str, Any]:
    """The JSON object on one input line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"invalid JSON ({error.msg} at column {error.colno}); each line must be one JSON object"
        ) from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    return record


def document_from_record(record: dict[str, Any]) -> Document:
    """A Document from an input record: its id is the SHA-256 of the text."""
    text = record.get("text")
    if text is None:
        raise InputError('missing "text"; every line needs the report text')
    if not isinstance(text, str):
        raise InputError(f'"text" must be a string, got {type(text).__name__}')
    title = record.get("title")
    url = record.get("url")
    return Document(
        doc_id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        title=title if isinstance(title, str) else None,
        published=parse_published(record.get("published")),
        language=detect_language(text),
        url=url if isinstance(url, str) else None,
        external_id=None if record.get("id") is None else str(record.get("id")),
        source="jsonl",
    )


def parse_published(value: object) -> date | datetime | None:
    """An ISO date or date-time, or None; anything else raises InputError."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f'"published" must be an ISO date such as "2020-10-04" or null, got {value!r}')


def extract_jsonl(
    input_path: Path | str,
    output_path: Path | str,
    gazetteer: Gazetteer | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExtractStats:
    """Run the contract over a file; ``progress`` is called with the number of lines done."""
    if gazetteer is None:
        from frontwatch.geo.gazetteer import Gazetteer

        gazetteer = Gazetteer.load_default()
    lines = failed = skipped = events = 0
    with open(input_path, encoding="utf-8") as source, open(output_path, "w", encoding="utf-8") as sink:
        for record in extract_records(source, gazetteer):
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            lines += 1
            failed += "error" in record
            skipped += "note" in record
            events += len(record["events"])
            if progress is not None:
                progress(lines)
    return ExtractStats(lines=lines, failed=failed, skipped=skipped, events=events)
