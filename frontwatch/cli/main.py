"""The ``frontwatch`` command group; each verb lives in its own module under frontwatch.cli."""

from __future__ import annotations

import importlib

import click

from frontwatch import __version__

VERBS = (
    "ingest",
    "extract",
    "events",
    "export",
    "geoparse",
    "serve",
    "demo",
    "brief",
    "watch",
    "retract",
    "reextract",
)


@click.group()
@click.version_option(__version__, prog_name="frontwatch")
def cli() -> None:
    """frontwatch: turn conflict reporting into a verified, mapped record of events."""


for _verb in VERBS:
    cli.add_command(importlib.import_module(f"frontwatch.cli.{_verb}").command)
