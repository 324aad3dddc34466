"""The JSON API under ``/api``: events with filters and pages, their ledger and history, compact rows
for the map's markers, documents (and, with the write token, their retraction), sources, stats, and
the same events as GeoJSON and ACLED-style CSV (streamed).

Every list endpoint takes the same filters (:class:`EventFilters`); the other routers import it. The
events list and the exports also take ``as_of`` (:class:`AsOfFilters`): the events as they stood then.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.config import JsonDict

from frontwatch.errors import InputError, StoreError
from frontwatch.export import acled_csv, geojson
from frontwatch.model.vocab import ACLED_TAXONOMY, EVENT_TYPE_OF_SUB_TYPE
from frontwatch.store.as_of import in_order, moment_of, selected_then
from frontwatch.store.db import Store
from frontwatch.store.queries import event_history, resolve_event_id, with_reports_as_of
from frontwatch.store.records import StoredEvent
from frontwatch.store.search import (
    MAP_COLUMNS,
    BoundingBox,
    EventFilter,
    Sort,
    actors_by_side,
    count_documents,
    count_events,
    document_detail,
    document_summary,
    events_by_id,
    facets,
    find_events,
    iter_events,
    list_documents,
    map_rows,
    sources,
    stats,
    timeline,
)
from frontwatch.store.writes import retract_document
from frontwatch.web.auth import require_token
from frontwatch.web.pages import means_of

MAX_PAGE = 1000
MAX_MAP_ROWS = 20_000
NUMBER = r"-?\d{1,3}(\.\d+)?"
BBOX_PATTERN = rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SORT_HELP = (
    "date: earliest first; -date: latest first; killed: best estimate, highest first "
    "(undated events and events without a toll come last)."
)
ISO_MOMENT_SCHEMA: JsonDict = {
    "anyOf": [
        {"type": "string", "format": "date-time"},
        {"type": "string", "format": "date"},
        {"type": "null"},
    ]
}
AS_OF_HELP = (
    "The events as they stood then, rebuilt from their recorded versions: an ISO date (its end, UTC) or "
    "date-time (UTC when no offset is given), as `frontwatch events --as-of` takes it; a moment to come "
    "gives the events as they are now. Every other filter applies to the events as they stood (claimant "
    "to their reports then), except q, which cannot be combined with it."
)
AS_OF_RESPONSES: dict[int | str, dict[str, object]] = {
    409: {"description": "The store cannot rebuild `as_of`: it began keeping event versions later."}
}
MAX_COUNT = 10**9
STREAM_CHUNK = 1 << 16

router = APIRouter(prefix="/api", tags=["api"])


def one_of(kind: str, value: str, known: Iterable[str]) -> str:
    """``value`` when it is in ``known``; a ValueError naming the choices otherwise (a 422 for the user)."""
    choices = list(known)
    if value not in choices:
        raise ValueError(f"unknown {kind} {value!r}; choose one of: {', '.join(choices)}")
    return value


class EventFilters(BaseModel):
    """The filters of every event list: an absent one does not filter, repeated values are alternatives."""

    event_type: list[str] = Field(
        default_factory=list,
        description="ACLED event type (repeatable).",
        json_schema_extra={"items": {"type": "string", "enum": list(ACLED_TAXONOMY)}},
    )
    sub_event_type: list[str] = Field(
        default_factory=list,
        description="ACLED sub-event type (repeatable).",
        json_schema_extra={"items": {"type": "string", "enum": list(EVENT_TYPE_OF_SUB_TYPE)}},
    )
    actor: str | None = Field(None, max_length=200, description="Actor 1 or actor 2, exactly.")
    side: str | None = Field(
        None,
        description="Side an actor fights on (actor 1 or 2; any case), as listed by /api/facets: "
        + ", ".join(actors_by_side())
        + ".",
    )
    claimant: str | None = Field(None, max_length=200, description="Any report's claimed_by, exactly.")
    status: Literal["contested", "corroborated", "reported"] | None = Field(
        None, description="contested wins over corroborated; reported = neither."
    )
    min_killed: int | None = Field(None, ge=0, le=MAX_COUNT, description="Best killed estimate at least.")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code.")
    q: str | None = Field(
        None,
        max_length=500,
        description="Full-text search over types, place, actors, claimants and evidence; every word must "
        "occur (English stemming, accents ignored). Operators are taken as words.",
    )
    bbox: str | None = Field(
        None,
        pattern=BBOX_PATTERN,
        description="west,south,east,north in degrees; west > east crosses the antimeridian.",
        examples=["44.7,38.8,47.0,41.0"],
    )
    date_from: date | None = Field(None, description="Events whose date interval ends on or after this day.")
    date_to: date | None = Field(None, description="Events whose date interval starts on or before this day.")
    since: datetime | None = Field(
        None,
        description="Events created or changed at or after this time (UTC when no offset is given; "
        "a date alone means its midnight).",
        json_schema_extra=ISO_MOMENT_SCHEMA,
    )

    @field_validator("date_from", "date_to", "since", mode="before")
    @classmethod
    def iso_text(cls, value: object) -> object:
        """Only ISO text is a date here, not a number pydantic would read as a Unix time."""
        if isinstance(value, str) and not ISO_DATE.match(value):
            raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ)")
        return value

    @field_validator("event_type")
    @classmethod
    def known_event_types(cls, values: list[str]) -> list[str]:
        return [one_of("event_type", value, ACLED_TAXONOMY) for value in values]

    @field_validator("sub_event_type")
    @classmethod
    def known_sub_event_types(cls, values: list[str]) -> list[str]:
        return [one_of("sub_event_type", value, EVENT_TYPE_OF_SUB_TYPE) for value in values]

    @field_validator("side")
    @classmethod
    def known_side(cls, value: str | None) -> str | None:
        return None if value is None else one_of("side", value.lower(), actors_by_side())

    @field_validator("bbox")
    @classmethod
    def valid_bbox(cls, value: str | None) -> str | None:
        if value is not None:
            bounding_box(value)
        return value

    @model_validator(mode="after")
    def ordered_dates(self) -> EventFilters:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        return self

    def to_filter(self) -> EventFilter:
        return EventFilter(
            event_types=tuple(self.event_type),
            sub_event_types=tuple(self.sub_event_type),
            actor=self.actor,
            side=self.side,
            claimant=self.claimant,
            status=self.status,
            min_killed=self.min_killed,
            country=self.country.upper() if self.country else None,
            text=self.q,
            bbox=bounding_box(self.bbox) if self.bbox else None,
            date_from=self.date_from,
            date_to=self.date_to,
            since=self.since,
        )


class AsOfFilters(EventFilters):
    """The filters, and the moment whose events they select (None: now)."""

    as_of: datetime | None = Field(None, description=AS_OF_HELP, json_schema_extra=ISO_MOMENT_SCHEMA)

    @field_validator("as_of", mode="before")
    @classmethod
    def as_of_moment(cls, value: object) -> object:
        """Read as ``frontwatch events --as-of`` reads it (``moment_of``)."""
        return moment_of(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def no_search_then(self) -> AsOfFilters:
        if self.as_of is not None and self.q is not None:
            raise ValueError(
                "q cannot be combined with as_of: the search index holds the events as they are now"
            )
        return self


def bounding_box(text: str) -> BoundingBox:
    """``west,south,east,north`` (four decimal numbers, as BBOX_PATTERN checks) as a box; ValueError
    saying what is wrong when they do not bound a box on the globe."""
    west, south, east, north = (float(part) for part in text.split(","))
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise ValueError(f"bbox {text!r}: longitudes must lie within -180..180")
    if not -90 <= south <= north <= 90:
        raise ValueError(f"bbox {text!r}: latitudes must lie within -90..90 with south <= north")
    return BoundingBox(west, south, east, north)


Filters = Annotated[EventFilters, Query()]
FiltersAsOf = Annotated[AsOfFilters, Query()]


def open_store(request: Request) -> Iterator[Store]:
    """The store, opened read-only for one request."""
    with Store.open(request.app.state.db_path, read_only=True) as store:
        yield store


ReadStore = Annotated[Store, Depends(open_store)]


def events_then(store: Store, moment: datetime, query: EventFilter) -> list[StoredEvent]:
    """The events ``query`` selects among those that stood at ``moment``, by date, without their reports
    (see ``selected_then``); 409 with the reason when the store cannot rebuild that moment (it was
    upgraded to keep versions after it)."""
    try:
        return selected_then(store, moment, query)
    except StoreError as exc:
        raise HTTPException(409, str(exc)) from exc


def export_events(db_path: Path, filters: AsOfFilters) -> Iterable[StoredEvent]:
    """The events an export writes, by date: now, read a batch at a time as the response streams; as of a
    moment, rebuilt before it starts, so that a moment the store cannot rebuild is a 409, not a cut stream."""
    query = filters.to_filter()
    if filters.as_of is None:
        return current_events(db_path, query)
    with Store.open(db_path, read_only=True) as store:
        return with_reports_as_of(store, filters.as_of, events_then(store, filters.as_of, query))


def current_events(db_path: Path, query: EventFilter) -> Iterator[StoredEvent]:
    """Every event ``query`` selects now, from the store opened for as long as they are read."""
    with Store.open(db_path, read_only=True) as store:
        yield from iter_events(store, query)


def event_summary(event: StoredEvent) -> dict[str, object]:
    """``to_json()`` with each report's evidence as offsets only (no quoted text), plus ``report_count``."""
    summary = event.to_json()
    reports = summary["reports"]
    assert isinstance(reports, list)
    for report in reports:
        report["evidence"] = [{"start": e["start"], "end": e["end"]} for e in report["evidence"]]
    return {**summary, "report_count": len(reports)}


@router.get(
    "/events",
    summary="Events, filtered, sorted and paginated",
    description="`total` counts every event the filters select; `events` holds one page of summaries: "
    "each event's fields, status and flags, timestamps, `report_count`, and its reports with claimant, "
    "stance and numbers but evidence as character offsets only (the quoted text is in the event's detail). "
    "With `as_of`, the events as they stood then, sorted and paged alike.",
    responses=AS_OF_RESPONSES,
)
def list_events(
    store: ReadStore,
    filters: FiltersAsOf,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
    sort: Annotated[Sort, Query(description=SORT_HELP)] = "date",
) -> dict[str, object]:
    query = filters.to_filter()
    if filters.as_of is None:
        total, page = count_events(store, query), find_events(store, query, sort, limit, offset)
    else:
        selected = in_order(events_then(store, filters.as_of, query), sort)
        total, page = (
            len(selected),
            with_reports_as_of(store, filters.as_of, selected[offset : offset + limit]),
        )
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "events": [event_summary(event) for event in page],
    }


MapValue = str | float | None


class MapRows(BaseModel):
    """The map's markers: one array per event, its values in the order ``columns`` names them."""

    total: int = Field(description="Events the filters select, with coordinates or without (as /api/events).")
    truncated: bool = Field(description="More located events match than the `limit` newest in `rows`.")
    limit: int
    columns: list[str] = Field(description=f"Always {', '.join(MAP_COLUMNS)}.")
    rows: list[list[MapValue]]


@router.get(
    "/map",
    summary="Compact rows for the map's markers",
    description="Every located event the filters select, newest first, up to `limit`: per event only "
    "what a marker needs (id, coordinates, type, sub-type, geo precision, earliest date, best killed "
    "estimate, status, and `means`, the label of the legend's glyph for its weapons or sub-type, null "
    "for 'other'), as arrays in the order of `columns`. Read from the events table alone; the list, "
    "popups and event pages get the rest from /api/events.",
    response_model=MapRows,
    response_class=JSONResponse,
)
def map_markers(
    store: ReadStore,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_MAP_ROWS)] = MAX_MAP_ROWS,
) -> Response:
    page = map_rows(store, filters.to_filter(), limit, means_of)
    head = {"total": page.total, "truncated": page.truncated, "limit": limit, "columns": MAP_COLUMNS}
    body = f'{json.dumps(head, separators=(",", ":"))[:-1]},"rows":[{",".join(page.rows)}]}}'
    return Response(body, media_type="application/json")


@router.get(
    "/events.geojson",
    summary="Filtered events as GeoJSON",
    description="A FeatureCollection (RFC 7946) of every selected event, streamed; events without "
    "coordinates keep a null geometry. With `as_of`, the events as they stood then.",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/geo+json": {}}}, **AS_OF_RESPONSES},
)
def events_geojson(request: Request, filters: FiltersAsOf) -> StreamingResponse:
    events = export_events(request.app.state.db_path, filters)

    def chunks() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        for index, event in enumerate(events):
            yield ("," if index else "") + json.dumps(geojson.feature(event), ensure_ascii=False)
        yield "]}\n"

    return StreamingResponse(buffered(chunks()), media_type="application/geo+json")


@router.get(
    "/events.csv",
    summary="Filtered events as ACLED-style CSV",
    description="ACLED's columns and conventions, then frontwatch's own columns; streamed. With `as_of`, "
    "the events as they stood then.",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, **AS_OF_RESPONSES},
)
def events_csv(request: Request, filters: FiltersAsOf) -> StreamingResponse:
    events = export_events(request.app.state.db_path, filters)

    def chunks() -> Iterator[str]:
        line = io.StringIO()
        writer = csv.DictWriter(line, fieldnames=acled_csv.COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(acled_csv.row(event))
            yield line.getvalue()
            line.seek(0)
            line.truncate()
        yield line.getvalue()

    return StreamingResponse(
        buffered(chunks()),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="frontwatch-events.csv"'},
    )


def buffered(pieces: Iterable[str]) -> Iterator[bytes]:
    """``pieces`` joined into chunks of about STREAM_CHUNK bytes, so a stream is not one write per row."""
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= STREAM_CHUNK:
            yield "".join(chunk).encode()
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk).encode()


@router.get(
    "/events/{event_id}",
    summary="One event with its ledger and history",
    description="Every field, every report with its evidence text, and `history`, oldest change first. "
    "An id merged into another event answers 308 with the successor's address; an unknown id 404.",
    response_model=None,
    responses={308: {"description": "Merged away; follow Location."}, 404: {"description": "Unknown event."}},
)
def event_detail(event_id: str, store: ReadStore) -> Response | dict[str, object]:
    current = resolve_event_id(store, event_id)
    if current is None:
        raise HTTPException(404, f"no event {event_id!r}")
    if current != event_id:
        return RedirectResponse(router.url_path_for("event_detail", event_id=current), status_code=308)
    (event,) = events_by_id(store, [current])
    return {**event.to_json(), "history": [change.to_json() for change in event_history(store, current)]}


@router.get(
    "/timeline",
    summary="Events per day and type",
    description="Counts by earliest date and event type under every filter except date_from and date_to, "
    "so a brush over it can show the whole range; undated events are left out.",
)
def event_timeline(store: ReadStore, filters: Filters) -> dict[str, object]:
    return {"days": timeline(store, filters.to_filter())}


@router.get(
    "/facets",
    summary="Counts for filter menus",
    description="For event_type, sub_event_type, actor, side, claimant, status and country: each value "
    "with its number of events, most first. Each facet applies every filter but its own, so a menu keeps "
    "offering its other choices.",
)
def event_facets(store: ReadStore, filters: Filters) -> dict[str, list[dict[str, object]]]:
    return facets(store, filters.to_filter())


@router.get("/documents", summary="Documents, newest first")
def documents(
    store: ReadStore,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
) -> dict[str, object]:
    return {
        "total": count_documents(store),
        "limit": limit,
        "offset": offset,
        "documents": list_documents(store, limit, offset),
    }


@router.get(
    "/documents/{doc_id}",
    summary="One document",
    description="Metadata, clean text, live-blog updates (character spans) and the events it supports.",
    responses={404: {"description": "Unknown document."}},
)
def document(doc_id: str, store: ReadStore) -> dict[str, object]:
    detail = document_detail(store, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return detail


class RetractionIn(BaseModel):
    """Why a document is withdrawn ('the outlet withdrew the story'); kept with it."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000, pattern=r"\S")


@router.post(
    "/documents/{doc_id}/retract",
    summary="Retract a document (token required)",
    description=(
        "Withdraws the document's reports from the events they support, as `frontwatch retract` does: "
        "those events are recomputed as if it had never been stored, an event it alone supported is "
        "removed, and the history keeps every step. Answers the event ids changed."
    ),
    dependencies=[Depends(require_token)],
    responses={
        401: {"description": "No or a wrong bearer token."},
        403: {"description": "The server is read-only (started without a token)."},
        404: {"description": "Unknown document."},
        409: {"description": "Already retracted."},
    },
)
def retract(request: Request, doc_id: str, body: RetractionIn) -> dict[str, object]:
    with Store.open(request.app.state.db_path) as store:
        if document_summary(store, doc_id) is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        try:
            counts = retract_document(store, doc_id, body.reason)
        except InputError as exc:
            raise HTTPException(409, str(exc)) from exc
        summary = document_summary(store, doc_id)
    return {
        "doc_id": doc_id,
        "retracted": summary and summary["retracted"],
        "events": {
            "updated": list(counts.updated),
            "split_off": list(counts.created),
            "merged": list(counts.merged),
            "removed": list(counts.removed),
        },
    }


@router.get(
    "/sources",
    summary="Claimants",
    description="Every claimant with its reports and events; partisan = a party to the conflict.",
)
def claimants(store: ReadStore) -> dict[str, object]:
    return {"sources": sources(store)}


@router.get("/stats", summary="What the store holds")
def store_stats(store: ReadStore) -> dict[str, object]:
    return stats(store)


SWAGGER = "/static/vendor/swagger-ui"


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs_page() -> str:
    """Swagger UI from the package's own copy, so the API docs work offline."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>frontwatch API</title>
<link rel="stylesheet" href="{SWAGGER}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="{SWAGGER}/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>
"""


@router.get("/docs/init.js", include_in_schema=False)
def docs_script() -> Response:
    script = 'SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true});\n'
    return Response(script, media_type="text/javascript")
