"""``frontwatch events``: list the stored events as a table or as JSON Lines."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import click

from frontwatch.cli.common import as_of_option, db_option, stored_events, user_errors
from frontwatch.export import jsonl
from frontwatch.export.labels import format_dates, format_tally
from frontwatch.store.records import StoredEvent

TABLE_COLUMNS = ("date", "type / sub-type", "place", "killed", "claimed by", "event id")


def table_cells(event: StoredEvent) -> tuple[str, ...]:
    return (
        format_dates(event),
        f"{event.event_type} / {event.sub_event_type}",
        ", ".join(part for part in (event.place, event.country) if part),
        format_tally(event.killed),
        "; ".join(event.claimants),
        event.event_id,
    )


def format_table(events: Sequence[StoredEvent]) -> str:
    """Events as a plain-text table with a header, columns padded to their widest cell."""
    rows = [TABLE_COLUMNS, *(table_cells(event) for event in events)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_COLUMNS))]
    lines = ("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)


@click.command("events")
@db_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="table for reading; jsonl = the extraction contract's fields + event_id + reports.",
)
@as_of_option
def command(db_path: Path, output_format: str, as_of: datetime | None) -> None:
    """List the events in the database, earliest first."""
    with user_errors():
        events = stored_events(db_path, as_of)
    if output_format == "jsonl":
        jsonl.write(events, sys.stdout)
    elif events:
        click.echo(format_table(events))
    else:
        click.echo(f"no events in {db_path}; add some with `frontwatch ingest`", err=True)
