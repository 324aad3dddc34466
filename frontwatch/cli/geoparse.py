"""``frontwatch geoparse``: find and resolve place names in JSONL documents."""

from __future__ import annotations

from pathlib import Path

import click

from frontwatch.geo.cli_contract import geoparse_jsonl
from frontwatch.geo.gazetteer import Gazetteer


@click.command("geoparse")
@click.option(
    "--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--output", "output_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--nationalities/--no-nationalities",
    default=True,
    show_default=True,
    help="List nationality adjectives ('Russian diplomats') as mentions of their country, as GeoWebNews, "
    "LGL and TR-News annotate them; with --no-nationalities only an adjective of ground ('the Syrian "
    "border') is one, as in event extraction.",
)
def command(input_path: Path, output_path: Path, nationalities: bool) -> None:
    """Geoparse INPUT lines {"id","text"[,"spans"]} into OUTPUT lines {"id","places":[...]}."""
    stats = geoparse_jsonl(input_path, output_path, Gazetteer.load_default(), nationalities=nationalities)
    click.echo(f"{stats.lines} lines, {stats.places} places, {stats.failed} failed", err=True)
    if stats.failed:
        raise SystemExit(1)
