"""``frontwatch reextract``: extract stored documents again with this version's rules."""

from __future__ import annotations

from pathlib import Path

import click

from frontwatch.cli.common import db_option, user_errors
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline.run import reextract_stored
from frontwatch.store.db import Store


@click.command("reextract")
@click.argument("documents", nargs=-1)
@db_option
def command(documents: tuple[str, ...], db_path: Path) -> None:
    """Extract DOCUMENTS (ids or external ids; all documents not retracted when none is named) again from
    their stored text with this version's rules, gazetteer and geoparser, and update the events they
    support: an event keeps its id where a document's new report stands where its old one stood, and the
    history records each change as "revised" (`frontwatch events --as-of` still shows the dataset as it
    stood before). Exits with status 1 when any document failed; the others are updated all the same."""
    with user_errors(), Store.open(db_path) as store:
        report = reextract_stored(store, Gazetteer.load_default(), documents)
    for failure in report.failures:
        click.echo(f"{failure.source}: {failure.message}", err=True)
    click.echo(report.summary())
    if report.failures:
        raise click.exceptions.Exit(1)
