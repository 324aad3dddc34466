"""``frontwatch serve``: the analyst's desk, its JSON API and feeds on localhost (read-only by default)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import uvicorn

from frontwatch.cli.common import db_option, user_errors
from frontwatch.settings import Settings, help_text
from frontwatch.web.app import create_app

host_option = click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
port_option = click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
token_option = click.option(
    "--token",
    default=lambda: Settings.from_env().token,
    show_default="$FRONTWATCH_TOKEN or none (read-only)",
    help=help_text("token"),
)
private_webhooks_option = click.option(
    "--allow-private-webhooks",
    is_flag=True,
    default=lambda: Settings.from_env().allow_private_webhooks,
    help=help_text("allow_private_webhooks"),
)

tiles_option = click.option(
    "--tiles-url",
    default=lambda: Settings.from_env().tiles_url,
    show_default="$FRONTWATCH_TILES_URL or none (offline outlines only)",
    help=help_text("tiles_url"),
)


def serve(
    db_path: Path,
    host: str,
    port: int,
    token: str | None,
    allow_private_webhooks: bool,
    tiles_url: str | None = None,
) -> None:
    """Serve the database at ``db_path`` until interrupted."""
    with user_errors():
        app = create_app(
            db_path,
            token=token or None,
            allow_private_webhooks=allow_private_webhooks,
            tiles_url=tiles_url or None,
        )
    mode = "writing endpoints need the token" if token else "read-only"
    click.echo(f"serving {db_path} at http://{host}:{port}/ ({mode}; Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def serve_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of a command that serves a store: --db, --host, --port, --token, webhooks, tiles."""
    for option in reversed(
        (db_option, host_option, port_option, token_option, private_webhooks_option, tiles_option)
    ):
        command = option(command)
    return command


@click.command("serve")
@serve_options
def command(
    db_path: Path,
    host: str,
    port: int,
    token: str | None,
    allow_private_webhooks: bool,
    tiles_url: str | None,
) -> None:
    """Serve the map, timeline, event pages, API (docs at /api/docs) and feeds."""
    serve(db_path, host, port, token, allow_private_webhooks, tiles_url)
