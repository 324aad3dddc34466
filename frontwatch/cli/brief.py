"""``frontwatch brief --date YYYY-MM-DD``: the day's briefing from the store, as Markdown or HTML."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from frontwatch.briefing import build_briefing, render_html, render_markdown
from frontwatch.cli.common import db_option, user_errors
from frontwatch.store.db import Store

RENDERERS = {"markdown": render_markdown, "html": render_html}


@click.command("brief")
@click.option("--date", "day", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The day to brief on, as YYYY-MM-DD.")
@click.option("--area", help="Only events whose country (code or name), first-level division or place "
              "is this, or inside a region such as Nagorno-Karabakh or Donbas; case-insensitive.")
@click.option("--format", "output_format", type=click.Choice(sorted(RENDERERS)), default="markdown",
              show_default=True, help="markdown, or html (a fragment for embedding).")
@db_option
def command(day: datetime, area: str | None, output_format: str, db_path: Path) -> None:
    """Write the briefing for one day: key developments by area, each citing its reports.

    A day without events gives a briefing that says so, and exits 0.
    """
    with user_errors(), Store.open(db_path, read_only=True) as store:
        briefing = build_briefing(store, date(day.year, day.month, day.day), area)
    click.echo(RENDERERS[output_format](briefing), nl=False)
