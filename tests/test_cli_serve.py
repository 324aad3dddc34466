"""``frontwatch serve``: refuses a bad database before starting, else hands the app to uvicorn."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from store_factories import ganja_report, seed_store

from frontwatch.cli import serve


def test_serves_the_database_on_the_given_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, str, int]] = []
    monkeypatch.setattr(serve.uvicorn, "run", lambda app, host, port, **_: calls.append((app, host, port)))
    db = tmp_path / "fw.db"
    seed_store(db, ganja_report())
    result = CliRunner().invoke(serve.command, ["--db", str(db), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"serving {db} at http://127.0.0.1:8765/ (Ctrl+C to stop)\n"
    ((app, host, port),) = calls
    assert isinstance(app, FastAPI) and (host, port) == ("127.0.0.1", 8765)


def test_missing_database_is_refused_before_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve.uvicorn, "run", lambda *args, **kwargs: pytest.fail("server started"))
    result = CliRunner().invoke(serve.command, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no database at {tmp_path / 'none.db'}; run `frontwatch ingest` first or pass --db\n"
    )


def test_port_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve.command, ["--db", str(tmp_path / "fw.db"), "--port", "70000"])
    assert result.exit_code == 2
    assert "70000 is not in the range 1<=x<=65535" in result.stderr
