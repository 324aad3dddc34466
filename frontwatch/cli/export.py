"""``frontwatch export --format csv|geojson|jsonl|parquet``: write every stored event in one format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from frontwatch.cli.common import db_option, user_errors
from frontwatch.export import EXPORTERS, exporter
from frontwatch.store.db import Store
from frontwatch.store.queries import list_events


@click.command("export")
@click.option(
    "--format",
    "output_format",
    required=True,
    help=f"One of: {', '.join(sorted(EXPORTERS))} (csv has ACLED's columns, then frontwatch's own).",
)
@db_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: standard output).",
)
def command(output_format: str, db_path: Path, output: Path | None) -> None:
    """Export the events in the database."""
    with user_errors():
        write = exporter(output_format)
        with Store.open(db_path, read_only=True) as store:
            events = list_events(store)
    with user_errors():
        if output is None:
            write(events, sys.stdout)
            return
        with output.open("w", encoding="utf-8", newline="") as stream:
            write(events, stream)
    click.echo(f"wrote {len(events)} events to {output}", err=True)
