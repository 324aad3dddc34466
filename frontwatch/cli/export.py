"""``frontwatch export --format csv|geojson|jsonl|parquet``: write every stored event in one format."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from frontwatch.cli.common import as_of_option, db_option, stored_events, user_errors
from frontwatch.export import EXPORTERS, exporter


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
@as_of_option
def command(output_format: str, db_path: Path, output: Path | None, as_of: datetime | None) -> None:
    """Export the events in the database."""
    with user_errors():
        write = exporter(output_format)
        events = stored_events(db_path, as_of)
    with user_errors():
        if output is None:
            write(events, sys.stdout)
            return
        with output.open("w", encoding="utf-8", newline="") as stream:
            write(events, stream)
    click.echo(f"wrote {len(events)} events to {output}", err=True)
