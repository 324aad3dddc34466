"""``frontwatch extract``: the extraction contract over a JSONL file."""

from __future__ import annotations

from pathlib import Path

import click

from frontwatch.cli.common import user_errors
from frontwatch.extract import extract_jsonl

_PROGRESS_EVERY = 100


def _report_progress(done: int) -> None:
    if done % _PROGRESS_EVERY == 0:
        click.echo(f"{done} reports extracted", err=True)


@click.command("extract")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL file of reports: {id, text, published, url, title} per line.",
)
@click.option(
    "--output",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL file to write: {id, events} per input line, in the same order.",
)
def command(input_path: Path, output_path: Path) -> None:
    """Extract ACLED-style events from each report of a JSONL file."""
    with user_errors():
        stats = extract_jsonl(input_path, output_path, progress=_report_progress)
    click.echo(
        f"{stats.lines} reports, {stats.events} events, {stats.failed} failed, "
        f"{stats.skipped} not in English",
        err=True,
    )
    if stats.failed:
        raise SystemExit(1)
