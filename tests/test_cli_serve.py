"""``frontwatch serve``: refuses a bad database before starting, else hands the app to uvicorn."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from store_factories import ganja_report, seed_store

from frontwatch.cli import serve

Calls = list[tuple[FastAPI, str, int]]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    started: Calls = []
    monkeypatch.setattr(serve.uvicorn, "run", lambda app, host, port, **_: started.append((app, host, port)))
    monkeypatch.delenv("FRONTWATCH_TOKEN", raising=False)
    monkeypatch.delenv("FRONTWATCH_ALLOW_PRIVATE_WEBHOOKS", raising=False)
    return started


@pytest.fixture
def db(tmp_path: Path) -> Path:
    seed_store(tmp_path / "fw.db", ganja_report())
    return tmp_path / "fw.db"


def test_serves_the_database_read_only_on_the_given_address(db: Path, calls: Calls) -> None:
    result = CliRunner().invoke(serve.command, ["--db", str(db), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"serving {db} at http://127.0.0.1:8765/ (read-only; Ctrl+C to stop)\n"
    ((app, host, port),) = calls
    assert (host, port) == ("127.0.0.1", 8765)
    assert (app.state.db_path, app.state.token, app.state.allow_private_webhooks) == (db, None, False)


def test_token_and_private_webhooks_from_options(db: Path, calls: Calls) -> None:
    result = CliRunner().invoke(
        serve.command, ["--db", str(db), "--token", "s3cret", "--allow-private-webhooks"]
    )
    assert "(writing endpoints need the token; Ctrl+C to stop)" in result.stdout
    ((app, _, _),) = calls
    assert (app.state.token, app.state.allow_private_webhooks) == ("s3cret", True)


def test_token_and_private_webhooks_from_the_environment(
    db: Path, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTWATCH_TOKEN", "from-env")
    monkeypatch.setenv("FRONTWATCH_ALLOW_PRIVATE_WEBHOOKS", "yes")
    CliRunner().invoke(serve.command, ["--db", str(db)])
    ((app, _, _),) = calls
    assert (app.state.token, app.state.allow_private_webhooks) == ("from-env", True)


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
