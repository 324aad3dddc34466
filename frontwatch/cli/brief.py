"""``frontwatch brief --date YYYY-MM-DD``: the day's briefing from the store, as Markdown, HTML or PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import click

from frontwatch.briefing import Briefing, build_briefing, render_html, render_markdown
from frontwatch.briefing.pdf import DEFAULT_FONT, render_pdf
from frontwatch.cli.common import db_option, user_errors
from frontwatch.store.db import Store

RENDERERS: dict[str, Callable[[Briefing], str]] = {"markdown": render_markdown, "html": render_html}
FORMATS = sorted([*RENDERERS, "pdf"])


@click.command("brief")
@click.option(
    "--date",
    "day",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to brief on, as YYYY-MM-DD.",
)
@click.option(
    "--area",
    help="Only events whose country (code or name), first-level division or place "
    "is this, or inside a region such as Nagorno-Karabakh or Donbas; case-insensitive.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="markdown",
    show_default=True,
    help="markdown, html (a fragment for embedding), or pdf (needs the 'pdf' extra and --output).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the briefing to this file instead of standard output.",
)
@click.option(
    "--font",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_FONT,
    show_default=True,
    help="TrueType font for --format pdf.",
)
@db_option
def command(
    day: datetime, area: str | None, output_format: str, output: Path | None, font: Path, db_path: Path
) -> None:
    """Write the briefing for one day: key developments by area, each citing its reports.

    A day without events gives a briefing that says so, and exits 0.
    """
    if output_format == "pdf" and output is None:
        raise click.UsageError("--format pdf writes a file: pass --output FILE.pdf")
    with user_errors():
        with Store.open(db_path, read_only=True) as store:
            briefing = build_briefing(store, date(day.year, day.month, day.day), area)
        if output is None:
            click.echo(RENDERERS[output_format](briefing), nl=False)
        elif output_format == "pdf":
            output.write_bytes(render_pdf(briefing, font))
        else:
            output.write_text(RENDERERS[output_format](briefing), encoding="utf-8")
