"""The analyst's desk pages: map and timeline, event pages, the briefing page, and their static files.

Every piece of text that came from a document is escaped here with ``html.escape``; the desk's
script fills the map and lists from the JSON API with ``textContent`` only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache, lru_cache
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from frontwatch.briefing import build_briefing, render_html
from frontwatch.export.labels import format_dates, format_tally
from frontwatch.model.event import Tally
from frontwatch.model.mention import Count
from frontwatch.model.vocab import ACLED_TAXONOMY
from frontwatch.store.db import Store
from frontwatch.store.queries import event_history, resolve_event_id
from frontwatch.store.records import StoredChange, StoredEvent, StoredReport
from frontwatch.store.search import events_by_id
from frontwatch.web.evidence import highlight_evidence

router = APIRouter()

TYPE_COLOURS = dict(
    zip(ACLED_TAXONOMY, ("#d62728", "#ff7f0e", "#9467bd", "#2ca02c", "#8c564b", "#1f77b4"), strict=True)
)
# Glyph per means of attack or kind of event, as means_of picks them. All are in DejaVu Sans, which
# Debian's chromium pulls in. The legend, /api/map's ``means`` and the desk's script share this table.
MEANS_GLYPHS = (
    ("airstrike", r"airstrike|air/drone", "✈"),
    ("drone", r"drone|loitering", "✥"),
    ("artillery / mortar", r"artillery|mortar|shelling", "✹"),
    ("missile / rockets", r"missile|rocket", "➶"),
    ("mine / IED", r"landmine|ied|explosive", "✱"),
    ("armed clash", r"armed clash|small arms|tank|grenade|attack", "⚔"),
    ("protest / riot", r"protest|riot|mob", "⚑"),
)
OTHER_GLYPH = "●"


@lru_cache(maxsize=1024)
def means_of(weapons: str, sub_event_type: str) -> str | None:
    """The label of the MEANS_GLYPHS entry marking an event: the first whose pattern matches its weapons
    (the stored JSON list), else the first matching its sub-type (case-insensitive); None when neither
    does (OTHER_GLYPH)."""
    for text in (" ".join(json.loads(weapons)), sub_event_type):
        for label, pattern, _ in MEANS_GLYPHS:
            if text and re.search(pattern, text, re.IGNORECASE):
                return label
    return None


GEO_PRECISION_LABELS = {1: "the town itself", 2: "near the town / part of it", 3: "only the region is known"}
NO_HISTORY = '<li class="muted">no change recorded</li>'
NO_DATED_EVENT = '<p class="muted">The store has no dated event yet.</p>'


@cache
def template(name: str) -> Template:
    return Template(resources.files("frontwatch.web").joinpath(f"templates/{name}").read_text("utf-8"))


def page(title: str, body: str, *, scripts: Sequence[str] = (), styles: Sequence[str] = ()) -> HTMLResponse:
    """A whole HTML page around ``body`` (already safe HTML); ``title`` is escaped here."""
    head = "".join(f'<link rel="stylesheet" href="/static/{escape(s)}">' for s in (*styles, "desk.css"))
    tail = "".join(f'<script src="/static/{escape(s)}"></script>' for s in scripts)
    html = template("layout.html").substitute(title=escape(title), head=head, body=body, scripts=tail)
    return HTMLResponse(html)


def open_store(request: Request) -> Store:
    return Store.open(Path(request.app.state.db_path), read_only=True)


# ---------------------------------------------------------------------------------------------- desk


@router.get("/", response_class=HTMLResponse)
def desk(request: Request) -> HTMLResponse:
    """The desk: filters, the clustered map, the timeline with its brush, and the matching events."""
    config = {
        "type_colours": TYPE_COLOURS,
        "glyphs": {label: glyph for label, _, glyph in MEANS_GLYPHS},
        "other_glyph": OTHER_GLYPH,
        "tiles_url": request.app.state.tiles_url,
        "static": "/static/",
    }
    body = template("desk.html").substitute(
        config=escape(json.dumps(config)),
        type_options=options((t, t) for t in ACLED_TAXONOMY),
        sub_type_options="".join(
            f'<optgroup label="{escape(t)}">{options((s, s) for s in subs)}</optgroup>'
            for t, subs in ACLED_TAXONOMY.items()
        ),
        legend=legend(),
    )
    scripts = (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/topojson-client/topojson-client.min.js",
        "desk.js",
    )
    styles = (
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
    )
    return page("frontwatch — desk", body, scripts=scripts, styles=styles)


def options(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in pairs)


def legend() -> str:
    """Colours per event type, glyphs per means, and how each geo precision is drawn."""
    types = "".join(
        f'<li><svg class="swatch" viewBox="0 0 2 2"><circle cx="1" cy="1" r="1" fill="{colour}"/></svg>'
        f"{escape(name)}</li>"
        for name, colour in TYPE_COLOURS.items()
    )
    glyphs = "".join(
        f'<li><b class="glyph">{glyph}</b>{escape(label)}</li>'
        for label, _, glyph in (*MEANS_GLYPHS, ("other", "", OTHER_GLYPH))
    )
    precisions = "".join(
        f'<li><i class="ev-marker prec-{level}"></i>{escape(label)}</li>'
        for level, label in GEO_PRECISION_LABELS.items()
    )
    return f"<ul>{types}</ul><ul>{glyphs}</ul><ul>{precisions}</ul>"


# ---------------------------------------------------------------------------------------- event page


@router.get("/events/{event_id}", response_class=HTMLResponse, response_model=None)
def event_page(event_id: str, request: Request) -> Response:
    """One event: what, when, where, who, tolls, status, its ledger of reports and its history."""
    with open_store(request) as store:
        current = resolve_event_id(store, event_id)
        if current is None:
            raise HTTPException(404, f"no event {event_id!r}; it may have been retracted")
        if current != event_id:
            return RedirectResponse(f"/events/{current}", status_code=308)
        (event,) = events_by_id(store, [current])
        history = event_history(store, current)
    body = template("event.html").substitute(
        title=escape(event_title(event)),
        status=status_badge(event.status.label),
        facts=event_facts(event),
        tallies=tally_table(event.killed, event.injured),
        report_count=len(event.reports),
        reports="".join(report_row(i, report, event) for i, report in enumerate(event.reports, 1)),
        history="".join(history_row(change) for change in history) or NO_HISTORY,
        desk_link=escape(desk_link(event)),
        event_id=escape(event.event_id),
    )
    return page(event_title(event), body)


def event_title(event: StoredEvent) -> str:
    where = f" in {event.place}" if event.place else ""
    when = f", {format_dates(event)}" if event.date_earliest else ""
    return f"{event.sub_event_type}{where}{when}"


def status_badge(label: str) -> str:
    return f'<span class="badge status-{escape(label)}">{escape(label)}</span>'


def event_facts(event: StoredEvent) -> str:
    """What, when, where and who as a definition list."""
    place = ", ".join(part for part in (event.place, event.admin1, event.country) if part) or "unknown"
    where = place
    if event.lat is not None and event.lon is not None:
        where += f" ({event.lat:.4f}, {event.lon:.4f})"
    if event.geo_precision:
        where += f" — precision {event.geo_precision}: {GEO_PRECISION_LABELS.get(event.geo_precision, '')}"
    when = format_dates(event) or "undated"
    if event.date_precision:
        when += f" (to the {event.date_precision})"
    what = f"{event.event_type} — {event.sub_event_type}"
    if event.weapons:
        what += f"; means: {', '.join(event.weapons)}"
    if event.civilian_targeting:
        what += "; civilians targeted"
    who = f"{event.actor1 or 'unknown'} → {event.actor2 or 'no second actor'}"
    rows = (
        ("What", what),
        ("When", when),
        ("Where", where),
        ("Who", who),
        ("Claimed by", "; ".join(event.claimants)),
    )
    return "".join(f"<dt>{name}</dt><dd>{escape(value)}</dd>" for name, value in rows)


def tally_table(killed: Tally | None, injured: Tally | None) -> str:
    """Killed and injured as low / best / high, "not stated" when no report gives a figure."""

    def cells(tally: Tally | None) -> str:
        if tally is None:
            return '<td colspan="3" class="muted">not stated</td>'
        return "".join(f'<td class="num">{value}</td>' for value in (tally.low, tally.best, tally.high))

    return f"<tr><th>killed</th>{cells(killed)}</tr><tr><th>injured</th>{cells(injured)}</tr>"


def count_label(count: Count | None) -> str:
    """ "3", "3–5", "at least 3", or "—"."""
    if count is None:
        return "—"
    if count.maximum is None:
        return f"at least {count.minimum}"
    return str(count.minimum) if count.maximum == count.minimum else f"{count.minimum}–{count.maximum}"


def source_link(report: StoredReport) -> str:
    """The report's title, linked to its source when that is a web address."""
    title = escape(report.title or report.external_id or report.doc_id[:12])
    if report.url and report.url.startswith(("http://", "https://")):
        return f'<a href="{escape(report.url)}" rel="noopener noreferrer" target="_blank">{title}</a>'
    return title


def report_row(number: int, report: StoredReport, event: StoredEvent) -> str:
    """One ledger entry: claimant, stance, partisan flag, its own figures, source and evidence."""
    places = (event.place, event.admin1)
    quotes = "".join(
        f'<blockquote class="evidence">{highlight_evidence(e.text, (report.killed, report.injured), places)}'
        "</blockquote>"
        for e in report.evidence
    )
    published = report.published.isoformat() if report.published else "undated"
    partisan = '<span class="badge partisan">partisan</span>' if report.partisan else ""
    return (
        f'<tr class="report"><td class="num">[{number}]</td>'
        f'<td><span class="claimant">{escape(report.claimed_by)}</span> {partisan}</td>'
        f'<td><span class="badge stance-{escape(report.stance)}">{escape(report.stance)}</span></td>'
        f'<td class="num">{escape(count_label(report.killed))}</td>'
        f'<td class="num">{escape(count_label(report.injured))}</td>'
        f'<td>{source_link(report)}<div class="muted">{escape(published)}</div>{quotes}</td></tr>'
    )


def history_row(change: StoredChange) -> str:
    summary = change_summary(change.detail)
    detail = f" — {summary}" if summary else ""
    successor = (
        f' → <a href="/events/{escape(change.successor)}">{escape(change.successor)}</a>'
        if change.successor
        else ""
    )
    return (
        f"<li><time>{escape(change.at.isoformat(timespec='minutes'))}</time> "
        f"<b>{escape(change.kind.replace('_', ' '))}</b>{escape(detail)}{successor}</li>"
    )


def change_summary(detail: str | None) -> str:
    """A history entry's JSON detail in words: the reports added or moved, or the tolls before and after."""
    try:
        parsed = json.loads(detail or "null")
    except json.JSONDecodeError:
        return detail or ""
    if not isinstance(parsed, dict):
        return "" if parsed is None else str(parsed)
    reports = parsed.get("reports")
    if isinstance(reports, list):
        return "; ".join(
            f"{r.get('claimed_by')} {r.get('stance')}"
            + "".join(
                f", {kind} {count_json_label(r.get(kind))}" for kind in ("killed", "injured") if r.get(kind)
            )
            for r in reports
        )
    if isinstance(reports, int):
        return f"{reports} report(s) moved"
    return "; ".join(
        f"{kind} {tally_json_label(change.get('old'))} → {tally_json_label(change.get('new'))}"
        for kind, change in parsed.items()
        if isinstance(change, dict) and change.get("old") != change.get("new")
    )


def count_json_label(count: dict[str, int | None]) -> str:
    return count_label(Count(int(count["min"] or 0), count["max"]))


def tally_json_label(tally: dict[str, int] | None) -> str:
    return "none" if tally is None else format_tally(Tally(tally["low"], tally["best"], tally["high"]))


def desk_link(event: StoredEvent) -> str:
    """The desk centred on the event."""
    if event.lat is None or event.lon is None:
        return "/"
    return "/?" + urlencode({"lat": f"{event.lat:.4f}", "lon": f"{event.lon:.4f}", "z": 10})


# ------------------------------------------------------------------------------------------ briefing


@router.get("/brief", response_class=HTMLResponse)
def brief_page(
    request: Request, day: Annotated[date | None, Query(alias="date")] = None, area: str | None = None
) -> HTMLResponse:
    """The daily briefing for ``day`` (default: the latest day with events), optionally for one area."""
    with open_store(request) as store:
        day = day or latest_event_day(store)
        content = render_html(build_briefing(store, day, area or None)) if day else NO_DATED_EVENT
    body = template("brief.html").substitute(
        day=escape(day.isoformat() if day else ""), area=escape(area or ""), content=content
    )
    return page("frontwatch — briefing", body)


def latest_event_day(store: Store) -> date | None:
    row = store.connection.execute("SELECT max(date_latest) FROM events").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
