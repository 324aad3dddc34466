"""Options and helpers shared by the CLI verbs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import click

from frontwatch.errors import FrontwatchError
from frontwatch.pipeline.run import IngestReport
from frontwatch.settings import Settings, help_text
from frontwatch.store.as_of import moment_of
from frontwatch.store.db import Store
from frontwatch.store.queries import events_as_of, list_events
from frontwatch.store.records import StoredEvent

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


def as_of_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    """``--as-of``'s moment (see ``moment_of``); a usage error saying what is expected if malformed."""
    try:
        return None if value is None else moment_of(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def as_of_option(function: F) -> F:
    """``--as-of WHEN``: the events as they stood then (see ``moment_of``), not as they are now."""
    return click.option(
        "--as-of",
        "as_of",
        metavar="WHEN",
        callback=as_of_value,
        help="The dataset as it stood then: an ISO date (its end, UTC) or date-time (UTC without an offset).",
    )(function)


def stored_events(db_path: Path, as_of: datetime | None) -> list[StoredEvent]:
    """Every event in the store at ``db_path``, as it is now or as it stood at ``as_of``."""
    with Store.open(db_path, read_only=True) as store:
        return list_events(store) if as_of is None else events_as_of(store, as_of)


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
