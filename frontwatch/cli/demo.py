"""``frontwatch demo``: ingest the bundled demo corpus, show the top events, serve the desk."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from frontwatch.cli.common import echo_report, user_errors
from frontwatch.cli.events import format_table
from frontwatch.cli.serve import serve, serve_options
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline.run import ingest_paths
from frontwatch.store.db import Store
from frontwatch.store.queries import list_events
from frontwatch.store.records import StoredEvent

TOP_EVENTS = 10


def top_events(events: list[StoredEvent], limit: int = TOP_EVENTS) -> list[StoredEvent]:
    """The deadliest events (by best toll estimate), then the most confident."""
    return sorted(events, key=lambda e: (-(e.killed.best if e.killed else -1), -e.confidence))[:limit]


@click.command("demo")
@serve_options
@click.option("--no-serve", is_flag=True, help="Only ingest the demo corpus and print the top events.")
def command(
    db_path: Path,
    host: str,
    port: int,
    token: str | None,
    allow_private_webhooks: bool,
    tiles_url: str | None,
    no_serve: bool,
) -> None:
    """Ingest the bundled demo reports into a local database and serve the analyst's desk over it."""
    corpus = resources.files("frontwatch").joinpath("data/demo")
    with user_errors(), resources.as_file(corpus) as folder, Store.open(db_path) as store:
        report = ingest_paths([folder], store, Gazetteer.load_default())
        events = list_events(store)
    echo_report(report, progress_shown=False)
    click.echo(f"\ntop {min(TOP_EVENTS, len(events))} of {len(events)} events in {db_path}:")
    click.echo(format_table(top_events(events)))
    if no_serve:
        if report.failures:
            raise click.exceptions.Exit(1)
        return
    serve(db_path, host, port, token, allow_private_webhooks, tiles_url)
