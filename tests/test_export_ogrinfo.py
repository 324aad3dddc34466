"""Our files open in the tools analysts use: the GeoJSON export in GDAL (``ogrinfo`` from Debian's
gdal-bin, installed by scripts/install_gdal.sh) and the SQLite store in Datasette, as they are."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_factories import ganja_report, seed_store, stepanakert_report

from frontwatch.cli.main import cli


@pytest.fixture
def db(tmp_path: Path) -> Path:
    seed_store(tmp_path / "fw.db", ganja_report(), stepanakert_report())
    return tmp_path / "fw.db"


@pytest.mark.skipif(
    shutil.which("ogrinfo") is None,
    reason="ogrinfo not found: run scripts/install_gdal.sh (Debian's gdal-bin)",
)
def test_geojson_export_loads_in_gdal(db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "events.geojson"
    result = CliRunner().invoke(
        cli, ["export", "--format", "geojson", "--db", str(db), "--output", str(exported)]
    )
    assert result.exit_code == 0, result.output
    info = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-so", str(exported)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "using driver `GeoJSON' successful" in info
    assert re.search(r"^Geometry: Point$", info, re.M) and re.search(r"^Feature Count: 2$", info, re.M)
    assert re.search(r"^Extent: \(46\.360600, 39\.815300\) - \(46\.751900, 40\.682800\)$", info, re.M)
    fields = dict(re.findall(r"^(\w+): (\w+(?:\(\w+\))?) \(", info, re.M))
    assert {key: fields[key] for key in ("event_id", "date_earliest", "lat", "geonames_id", "killed",
                                         "weapons", "claimants")} == {
        "event_id": "String", "date_earliest": "Date", "lat": "Real", "geonames_id": "Integer",
        "killed": "String(JSON)", "weapons": "StringList", "claimants": "StringList",
    }  # fmt: skip


def test_store_opens_in_datasette_as_it_is(db: Path) -> None:
    from datasette.app import Datasette

    async def query() -> tuple[int, list[dict[str, object]], int]:
        datasette = Datasette([str(db)])
        sql = "select place, killed_low, killed_high from events order by place"
        response = await datasette.client.get("/fw.json", params={"sql": sql, "_shape": "array"})
        tables = await datasette.client.get("/fw/events.json", params={"_shape": "array"})
        return response.status_code, response.json(), len(tables.json())

    status, rows, table_rows = asyncio.run(query())
    assert status == 200
    assert rows == [
        {"place": "Ganja", "killed_low": 3, "killed_high": 3},
        {"place": "Stepanakert", "killed_low": 2, "killed_high": 2},
    ]
    assert table_rows == 2
