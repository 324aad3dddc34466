"""``frontwatch ingest``: summary on stdout, each failure as "source: message", exit 1 on any failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_factories import killed_sentence_extraction

from frontwatch.cli import events
from frontwatch.cli.ingest import command
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline import run
from frontwatch.store import Store
from frontwatch.store.queries import table_counts

GANJA = (
    "GANJA, Azerbaijan, Oct 11 (Wire) - A missile struck a residential area of Ganja overnight, "
    "killing 9 civilians, Azerbaijan's prosecutor general said.\n"
)
BARDA = (
    "BARDA, Azerbaijan, Oct 28 (Wire) - Rockets hit the centre of Barda on Wednesday, "
    "killing 21 people, Azerbaijani officials said.\n"
)


@pytest.fixture(autouse=True)
def stand_in_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI shell is tested here; extraction quality is tested with the extractor."""
    monkeypatch.setattr(run, "extract_document", killed_sentence_extraction)
    monkeypatch.setattr(Gazetteer, "load_default", lambda: Gazetteer.from_places([]))


def test_good_reports_are_ingested_with_a_summary(tmp_path: Path) -> None:
    (tmp_path / "ganja.txt").write_text(GANJA)
    (tmp_path / "barda.txt").write_text(BARDA)
    result = CliRunner().invoke(command, [str(tmp_path), "--db", str(tmp_path / "frontwatch.db")])
    assert result.exit_code == 0, result.output
    # the stand-in extractor tells a shelling of Ganja on Oct 4 in each report: one event, two reports
    assert (
        result.stdout
        == "read 2 documents: 2 new, 0 already stored, 0 failed; events: 1 created, 1 updated, 0 merged\n"
    )
    assert result.stderr == ""
    db = tmp_path / "frontwatch.db"
    again = CliRunner().invoke(command, [str(tmp_path / "ganja.txt"), "--db", str(db)])
    assert (
        again.stdout
        == "read 1 document: 0 new, 1 already stored, 0 failed; events: 0 created, 0 updated, 0 merged\n"
    )


def test_mixed_folder_exits_1_listing_failures_and_stores_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "ganja.txt").write_text(GANJA)
    (folder / "empty.md").write_text("  \n")
    lines = [json.dumps({"id": "r1", "text": BARDA, "published": "2020-10-28"}), '{"id": "r2", "text": ""}']
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "fw.db"
    result = CliRunner().invoke(command, [str(folder), str(tmp_path / "missing.html"), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{folder / 'empty.md'}: file is empty",
        f"{folder / 'reports.jsonl'}:2: line 2: 'text' is missing, not a string, or empty",
        f"{tmp_path / 'missing.html'}: no such file or directory",
    ]
    assert (
        result.stdout
        == "read 2 documents: 2 new, 0 already stored, 3 failed; events: 1 created, 1 updated, 0 merged\n"
    )
    with Store.open(db, read_only=True) as store:
        assert table_counts(store)["documents"] == 2


def test_database_in_a_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "ganja.txt").write_text(GANJA)
    db = tmp_path / "nowhere" / "fw.db"
    result = CliRunner().invoke(command, [str(tmp_path / "ganja.txt"), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot create database {db}: directory {db.parent} does not exist; create it first\n"
    )


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "ganja.txt").write_text(GANJA)
    report = tmp_path / "ganja.txt"
    result = CliRunner().invoke(command, [str(report), "--db", str(report)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {report} is not a SQLite database (file is not a database); "
        "pass --db with a frontwatch database or the name of a new file\n"
    )
    assert (tmp_path / "ganja.txt").read_text() == GANJA


def test_database_defaults_to_frontwatch_db_env(tmp_path: Path) -> None:
    (tmp_path / "ganja.txt").write_text(GANJA)
    db = tmp_path / "from-env.db"
    result = CliRunner(env={"FRONTWATCH_DB": str(db)}).invoke(command, [str(tmp_path / "ganja.txt")])
    assert result.exit_code == 0, result.output
    with Store.open(db, read_only=True) as store:
        assert table_counts(store)["events"] == 1


def test_no_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["--db", str(tmp_path / "fw.db")])
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.stderr


def test_jsonl_ids_are_the_reports_external_ids_in_the_merged_events(tmp_path: Path) -> None:
    lines = [
        {"id": "dev-0001", "text": GANJA, "published": "2020-10-11", "url": None, "title": "Ganja hit"},
        {"id": "dev-0002", "text": BARDA, "published": "2020-10-28", "url": None, "title": None},
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = tmp_path / "fw.db"
    result = CliRunner().invoke(command, [str(tmp_path / "in.jsonl"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(events.command, ["--db", str(db), "--format", "jsonl"])
    (event,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(report["external_id"] for report in event["reports"]) == ["dev-0001", "dev-0002"]
    assert all(report["killed"] == {"min": 3, "max": None} for report in event["reports"])
    assert event["killed"] == {"low": 3, "best": 3, "high": 3}
