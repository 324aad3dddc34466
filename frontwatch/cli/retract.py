"""``frontwatch retract``: withdraw a stored document's reports from the events they support."""

from __future__ import annotations

from pathlib import Path

import click

from frontwatch.cli.common import db_option, user_errors
from frontwatch.store.db import Store
from frontwatch.store.writes import retract_document


@click.command("retract")
@click.argument("document")
@click.option("--reason", required=True, help="Why, e.g. 'the outlet withdrew the story'; kept with it.")
@db_option
def command(document: str, reason: str, db_path: Path) -> None:
    """Retract DOCUMENT (its id or external id): the events it supported are recomputed without it, as if
    it had never been stored; an event it alone supported is removed. The history keeps every step, and
    `frontwatch events --as-of` still shows the dataset as it stood before."""
    with user_errors(), Store.open(db_path) as store:
        counts = retract_document(store, document, reason)
    parts = [
        f"{len(ids)} {what}"
        for ids, what in (
            (counts.updated, "updated"),
            (counts.created, "split off"),
            (counts.merged, "merged"),
            (counts.removed, "removed"),
        )
        if ids
    ]
    click.echo(f"retracted {document}: events {', '.join(parts) or 'unchanged (it supported none)'}")
