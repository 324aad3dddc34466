"""``frontwatch demo``: ingests the bundled corpus from the installed package, prints the top events."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_factories import killed_sentence_extraction

from frontwatch.cli import demo
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline import run
from frontwatch.store import Store
from frontwatch.store.queries import dump_tables, table_counts

DEMO_FILES = [p for p in resources.files("frontwatch").joinpath("data/demo").iterdir() if p.is_file()]


@pytest.fixture(autouse=True)
def stand_in_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI shell is tested here; what the extractor finds in the demo is tested with the extractor."""
    monkeypatch.setattr(run, "extract_document", killed_sentence_extraction)
    monkeypatch.setattr(Gazetteer, "load_default", lambda: Gazetteer.from_places([]))
    monkeypatch.setattr(demo, "serve", lambda *args: pytest.fail("--no-serve started the server"))


def test_no_serve_ingests_the_bundled_corpus_and_prints_top_events(tmp_path: Path) -> None:
    db = tmp_path / "frontwatch.db"
    result = CliRunner().invoke(demo.command, ["--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    summary, gap, heading, header, *rows = result.stdout.splitlines()
    assert gap == ""
    assert summary.startswith("read ") and " 0 already stored, 0 failed; " in summary
    with Store.open(db, read_only=True) as store:
        counts = table_counts(store)
    assert counts["documents"] >= len(DEMO_FILES) > 0
    assert heading == f"top {min(10, counts['events'])} of {counts['events']} events in {db}:"
    assert header.startswith("date") and len(rows) == min(10, counts["events"])


def test_demo_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "frontwatch.db"
    CliRunner().invoke(demo.command, ["--db", str(db), "--no-serve"])
    with Store.open(db, read_only=True) as store:
        before = dump_tables(store)
    again = CliRunner().invoke(demo.command, ["--db", str(db), "--no-serve"])
    assert " 0 new, " in again.stdout
    with Store.open(db, read_only=True) as store:
        assert dump_tables(store) == before


def test_default_database_is_in_the_working_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FRONTWATCH_DB", raising=False)
    result = CliRunner().invoke(demo.command, ["--no-serve"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "frontwatch.db").is_file()
