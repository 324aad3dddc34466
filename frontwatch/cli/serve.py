"""``frontwatch serve``: the read-only events page and its JSON API on localhost."""

from __future__ import annotations

from pathlib import Path

import click
import uvicorn

from frontwatch.cli.common import db_option, user_errors
from frontwatch.web.app import create_app

host_option = click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
port_option = click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))


def serve(db_path: Path, host: str, port: int) -> None:
    """Serve the database at ``db_path`` until interrupted."""
    with user_errors():
        app = create_app(db_path)
    click.echo(f"serving {db_path} at http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("serve")
@db_option
@host_option
@port_option
def command(db_path: Path, host: str, port: int) -> None:
    """Serve a page listing and mapping the events (read-only)."""
    serve(db_path, host, port)
