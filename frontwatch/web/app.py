"""The web app: the desk pages, the JSON API with its offline docs, feeds and alerts, static assets.

Read-only unless a token is configured (the writing endpoints check it); every response carries
headers that stop content sniffing and referrer leaks, and HTML pages may load nothing from elsewhere.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontwatch.errors import InputError, StoreError
from frontwatch.store.db import Store
from frontwatch.web import alerts, api, pages

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:{tiles}; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"))


def tile_origin(tiles_url: str | None) -> str | None:
    """The CSP source of a tile URL template ("https://{s}.tile.example.org/{z}/{x}/{y}.png" →
    "https://*.tile.example.org"); InputError unless it is an http(s) URL."""
    if tiles_url is None:
        return None
    parts = urlsplit(tiles_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"tile URL {tiles_url!r} must start with http:// or https:// and name a host")
    host = re.sub(r"^\{[a-z]\}\.", "*.", parts.netloc)
    return f"{parts.scheme}://{host}"


def content_security_policy(tiles_url: str | None) -> str:
    """HTML may load only the app's own files, plus images from the tile server when one is set."""
    origin = tile_origin(tiles_url)
    return CONTENT_SECURITY_POLICY.format(tiles=f" {origin}" if origin else "")


class SecurityHeaders:
    """ASGI middleware: nosniff and no-referrer on every response, the given CSP on HTML."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.policy = policy.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *SECURITY_HEADERS]
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    headers.append((b"content-security-policy", self.policy))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def static_folder() -> Path:
    return Path(str(resources.files("frontwatch.web").joinpath("static")))


def create_app(
    db_path: Path,
    *,
    token: str | None = None,
    allow_private_webhooks: bool = False,
    tiles_url: str | None = None,
) -> FastAPI:
    """The app over the store at ``db_path``, opened read-only per request; StoreError now if it cannot be.

    ``token`` enables the writing endpoints (sent as a bearer token); ``allow_private_webhooks`` lets
    watch zones post to private and loopback addresses; ``tiles_url`` adds an online basemap.
    """
    policy = content_security_policy(tiles_url)
    Store.open(db_path, read_only=True).close()
    app = FastAPI(
        title="frontwatch",
        summary="Conflict events extracted from news reporting, with the reports behind them.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db_path = db_path
    app.state.token = token
    app.state.allow_private_webhooks = allow_private_webhooks
    app.state.tiles_url = tiles_url
    app.add_middleware(SecurityHeaders, policy=policy)
    app.add_exception_handler(StoreError, store_unavailable)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(alerts.router)
    app.mount("/static", StaticFiles(directory=static_folder(), check_dir=False), name="static")
    return app


async def store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """The store went missing or changed schema under a running server: 503 with the reason."""
    return JSONResponse({"detail": str(exc)}, status_code=503)
