"""Options and helpers shared by the CLI verbs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click

from frontwatch.errors import FrontwatchError
from frontwatch.pipeline.run import IngestReport
from frontwatch.settings import Settings, help_text

F = TypeVar("F", bound=Callable[..., object])


def db_option(function: F) -> F:
    """``--db FILE``, defaulting to FRONTWATCH_DB or ./frontwatch.db."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=lambda: Settings.from_env().db_path,
        show_default="$FRONTWATCH_DB or ./frontwatch.db",
        help=help_text("db_path"),
    )(function)


@contextmanager
def user_errors() -> Iterator[None]:
    """Our errors end the command with "Error: <message>" and exit status 1, without a traceback."""
    try:
        yield
    except FrontwatchError as exc:
        raise click.ClickException(str(exc)) from exc


def terminal_progress() -> Callable[[IngestReport], None] | None:
    """A running count on stderr while a batch ingests, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(report: IngestReport) -> None:
        click.echo(f"\r{report.read} documents read, {report.failed} failed…", err=True, nl=False)

    return show


def echo_report(report: IngestReport, progress_shown: bool) -> None:
    """The summary on stdout and each failure as "source: message" on stderr."""
    if progress_shown:
        click.echo(err=True)
    for failure in report.failures:
        click.echo(f"{failure.source}: {failure.message}", err=True)
    click.echo(report.summary())
