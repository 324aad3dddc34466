"""The desk in a real browser: Debian's chromium driven by playwright-core (tests/browser/desk.mjs).

Skips, naming scripts/install_browser.sh, when chromium, node or playwright-core are missing.
Set FRONTWATCH_SCREENSHOTS=docs/screenshots to keep a screenshot of each screen there.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from desk_fixtures import seed_desk_store

from frontwatch.store import Store
from frontwatch.store.queries import list_events
from frontwatch.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
BROWSER_DIR = ROOT / "tests" / "browser"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS_VARIABLE = "FRONTWATCH_SCREENSHOTS"


def missing_tools() -> list[str]:
    missing = [] if CHROMIUM.exists() else [str(CHROMIUM)]
    if shutil.which("node") is None:
        missing.append("node")
    if not (BROWSER_DIR / "node_modules" / "playwright-core").is_dir():
        missing.append("tests/browser/node_modules/playwright-core")
    return missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return seed_desk_store(tmp_path / "fw.db")


@pytest.fixture
def desk_url(db_path: Path) -> Iterator[str]:
    """The app over the desk's store, served by uvicorn on a free local port in a thread."""
    app = create_app(db_path)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("uvicorn did not start")
        thread.join(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)


def test_desk_in_chromium(desk_url: str, db_path: Path, tmp_path: Path) -> None:
    if missing := missing_tools():
        pytest.skip(f"browser test needs {', '.join(missing)}: run scripts/install_browser.sh")
    with Store.open(db_path, read_only=True) as store:
        stored_events = len(list_events(store))
    shots = Path(os.environ.get(SCREENSHOTS_VARIABLE) or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        ["node", str(BROWSER_DIR / "desk.mjs"), desk_url, str(shots)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads(run.stdout.strip().splitlines()[-1])
    assert results["total"] == stored_events
    assert results["protests"] == 1
    assert (results["date_from"], results["date_to"]) <= ("2020-10-05", "2020-10-09")
    assert results["brushed"] < results["total"]
    assert "report(s)" in results["popup"]
    assert results["hostile_text_escaped"] is True
    assert results["geojson_features"] == results["total"]
    assert {"AZE", "ARM"} <= set(results["admin1_countries"])
    assert "UKR" not in results["admin1_countries"]  # fetched only for the countries in view
    assert {"Şuşa", "Xocalı", "Syunik"} <= set(results["admin1_labels"])
    assert results["admin1_labels_at_7"] == 0 < results["admin1_lines_at_7"]
    assert results["admin1_lines_at_4"] == 0
    assert {p.name for p in shots.glob("*.png")} >= {
        "desk.png", "desk-brushed.png", "map-admin1.png", "event.png", "brief.png",
    }  # fmt: skip
