"""Ingest: files, folders, feeds, JSON and JSONL into raw documents, with per-source failures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.ingest import IngestFailure, read_sources
from frontwatch.pipeline.ingest.formats import FEED, HTML, JSONL_RECORD, MARKDOWN, TEXT

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CLOCK = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def read(*paths: Path, **options: int) -> list[RawDocument | IngestFailure]:
    return list(read_sources(paths, clock=lambda: CLOCK, **options))


def only_documents(items: list[RawDocument | IngestFailure]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def test_folder_is_read_in_sorted_order_and_bad_files_do_not_stop_the_batch() -> None:
    items = read(FIXTURES)
    sources = [item.source for item in items]
    files = [source.split("#")[0].rsplit(":", 1)[0] for source in sources]
    assert files == sorted(files)
    failures = {Path(item.source).name: item.message for item in items if isinstance(item, IngestFailure)}
    assert failures["empty.txt"] == "file is empty"
    assert "binary" in failures["binary.bin"]
    assert "malformed feed" in failures["broken.rss"]
    assert {document.fetched_at for document in only_documents(items)} == {CLOCK}
    assert read(FIXTURES) == items


def test_media_types_come_from_extension_and_content() -> None:
    kinds = {
        Path(d.source.split("#")[0].rsplit(":", 1)[0]).name: d.media_type
        for d in only_documents(read(FIXTURES))
    }
    assert kinds["article-boilerplate.html"] == HTML
    assert kinds["broken.html"] == HTML
    assert kinds["report.md"] == MARKDOWN
    assert kinds["report.txt"] == TEXT
    assert kinds["feed.rss"] == FEED
    assert kinds["feed.atom"] == FEED
    assert kinds["reports.jsonl"] == JSONL_RECORD


def test_html_content_in_a_txt_file_is_sniffed_as_html(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text("<!DOCTYPE html><html><body><p>Shelling near Terter.</p></body></html>")
    (document,) = read(page)
    assert isinstance(document, RawDocument)
    assert document.media_type == HTML


def test_rss_items_become_documents_with_their_metadata() -> None:
    items = only_documents(read(FIXTURES / "feed.rss"))
    assert len(items) == 3
    first = items[0]
    assert first.source.endswith("feed.rss#1")
    assert first.title == "Ganja hit by missile overnight, Azerbaijan says"
    assert first.published == datetime(2020, 10, 11, 6, 30, tzinfo=UTC)
    assert first.url is not None and first.url.startswith("https://")


def test_atom_entries_use_published_else_updated() -> None:
    entries = only_documents(read(FIXTURES / "feed.atom"))
    assert [entry.published for entry in entries] == [
        datetime(2020, 10, 29, 14, 30, tzinfo=UTC),
        datetime(2020, 10, 23, 8, 0, tzinfo=UTC),
    ]
    assert entries[0].external_id == "urn:uuid:7d3a2c10-fixture-1"


def test_broken_rss_is_reported_and_its_recoverable_items_kept() -> None:
    failure, *documents = read(FIXTURES / "broken.rss")
    assert isinstance(failure, IngestFailure)
    assert "malformed feed" in failure.message and "not well-formed" in failure.message
    assert b"Armenian forces shelled Beylagan and Horadiz" in only_documents(documents)[0].content


def test_unparseable_feed_without_items_is_one_failure(tmp_path: Path) -> None:
    feed = tmp_path / "dead.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><<<')
    (failure,) = read(feed)
    assert isinstance(failure, IngestFailure)
    assert "malformed feed" in failure.message and "0 item(s) recovered" in failure.message


def test_jsonl_lines_keep_hints_and_null_fields() -> None:
    records = only_documents(read(FIXTURES / "reports.jsonl"))
    assert [record.external_id for record in records] == ["fx-1", "fx-2", "fx-3"]
    assert records[0].published == date(2023, 4, 15)
    assert records[1].published is None and records[1].title is None
    assert records[2].url is None
    assert records[1].source.endswith("reports.jsonl:2")


def test_malformed_jsonl_lines_name_file_and_line(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        '{"id": "a", "text": "Shelling in Terter.", "published": "2020-09-28"}\n'
        "\n"
        '{"id": "b", "text": "unterminated\n'
        '{"id": "c", "text": "Drone strike near Aghdam.", "published": "28/09/2020"}\n'
        '{"id": "d", "text": ""}\n'
        '{"id": "e", "text": "Rockets hit Ganja.", "published": null}\n'
    )
    items = read(batch)
    assert [type(item).__name__ for item in items] == [
        "RawDocument", "IngestFailure", "IngestFailure", "IngestFailure", "RawDocument",
    ]  # fmt: skip
    failures = [item for item in items if isinstance(item, IngestFailure)]
    assert failures[0].source == f"{batch}:3" and "line 3: malformed JSON" in failures[0].message
    assert "'published' is not an ISO date" in failures[1].message
    assert "'text'" in failures[2].message


def test_json_file_of_one_record_or_an_array_is_read_whole(tmp_path: Path) -> None:
    single = tmp_path / "statement.json"
    single.write_text(
        '{\n  "id": "mod-1",\n  "text": "Artillery hit Terter overnight.",\n  "published": "2020-10-04"\n}\n'
    )
    (statement,) = read(single)
    assert isinstance(statement, RawDocument)
    assert statement.external_id == "mod-1" and statement.published == date(2020, 10, 4)
    batch = tmp_path / "batch.json"
    batch.write_text(
        '[{"id": "a", "text": "Rockets hit Ganja."},\n'
        ' {"id": "b", "text": ""},\n'
        ' "not a record",\n'
        ' {"id": "d", "text": "Drone strike near Aghdam."}]'
    )
    items = read(batch)
    assert [getattr(item, "external_id", None) for item in items] == ["a", None, None, "d"]
    failures = [item for item in items if isinstance(item, IngestFailure)]
    assert [failure.source for failure in failures] == [f"{batch}[1]", f"{batch}[2]"]
    assert "record 1: 'text'" in failures[0].message
    assert "record 2: expected a JSON object, got str" in failures[1].message


def test_broken_json_file_is_one_failure_saying_where(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "a",\n  "text": "Shelling in Terter."\n')
    (failure,) = read(broken)
    assert isinstance(failure, IngestFailure)
    assert failure.message.startswith("malformed JSON") and "line 3" in failure.message


def test_missing_path_empty_binary_and_huge_files_fail(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Shelling reported. " * 100)
    missing = tmp_path / "nowhere"
    (too_big,) = read(big, max_bytes=1000)
    assert isinstance(too_big, IngestFailure) and "over the 1000-byte limit" in too_big.message
    (absent,) = read(missing)
    assert absent == IngestFailure(str(missing), "no such file or directory")
    assert isinstance(read(FIXTURES / "empty.txt")[0], IngestFailure)
    (binary,) = read(FIXTURES / "binary.bin")
    assert isinstance(binary, IngestFailure) and "binary" in binary.message


def test_date_in_file_name_is_a_publication_hint(tmp_path: Path) -> None:
    story = tmp_path / "wire-2020-10-04-ganja.txt"
    story.write_text("GANJA, Azerbaijan, Oct 4 (Wire) - Shells hit the city.")
    (document,) = read(story)
    assert isinstance(document, RawDocument)
    assert document.published == date(2020, 10, 4)
