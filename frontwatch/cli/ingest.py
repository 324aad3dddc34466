"""``frontwatch ingest PATH...``: read reports, extract events, store them."""

from __future__ import annotations

from pathlib import Path

import click

from frontwatch.cli.common import db_option, echo_report, terminal_progress, user_errors
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline.run import ingest_paths
from frontwatch.store.db import Store


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
def command(paths: tuple[Path, ...], db_path: Path) -> None:
    """Ingest files and folders (HTML, RSS/Atom, text, Markdown, JSON, JSONL) into the database.

    Exits with status 1 when any source failed; the others are stored all the same.
    """
    progress = terminal_progress()
    with user_errors(), Store.open(db_path) as store:
        report = ingest_paths(paths, store, Gazetteer.load_default(), progress)
    echo_report(report, progress_shown=progress is not None)
    if report.failures:
        raise click.exceptions.Exit(1)
