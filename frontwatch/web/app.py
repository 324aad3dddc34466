"""The read-only web app: the events page and its data as JSON and GeoJSON."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

from frontwatch.export.geojson import feature_collection
from frontwatch.store.db import Store
from frontwatch.store.queries import list_events
from frontwatch.store.records import StoredEvent
from frontwatch.web import alerts, pages
from frontwatch.web.page import render_page


def create_app(db_path: Path) -> FastAPI:
    """An app serving the store at ``db_path`` read-only; StoreError now if it cannot be opened."""
    Store.open(db_path, read_only=True).close()
    app = FastAPI(title="frontwatch", docs_url=None, redoc_url=None, openapi_url=None)

    def events() -> list[StoredEvent]:
        with Store.open(db_path, read_only=True) as store:
            return list_events(store)

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return render_page(events())

    @app.get("/api/events")
    def api_events() -> JSONResponse:
        return JSONResponse([event.to_json() for event in events()])

    @app.get("/api/events.geojson")
    def api_geojson() -> JSONResponse:
        return JSONResponse(feature_collection(events()), media_type="application/geo+json")

    app.include_router(pages.router)
    app.include_router(alerts.router)
    return app
