"""The events page: a table and an inline SVG map, every piece of document text HTML-escaped."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from html import escape
from importlib import resources
from string import Template

from frontwatch.export.labels import format_dates, format_tally
from frontwatch.model.vocab import ACLED_TAXONOMY
from frontwatch.store.records import StoredEvent

MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 800, 480, 24
MIN_SPAN_DEGREES = 0.5
TYPE_COLOURS = dict(
    zip(ACLED_TAXONOMY, ("#d62728", "#ff7f0e", "#9467bd", "#2ca02c", "#8c564b", "#1f77b4"), strict=True)
)


@cache
def page_template() -> Template:
    return Template(resources.files("frontwatch.web").joinpath("templates/index.html").read_text("utf-8"))


def render_page(events: Sequence[StoredEvent]) -> str:
    """The whole HTML page for ``events``."""
    return page_template().substitute(
        summary=escape(f"{len(events)} events"),
        map=svg_map(events),
        legend="".join(
            f'<span><i style="background:{colour}"></i>{escape(event_type)}</span>'
            for event_type, colour in TYPE_COLOURS.items()
        ),
        rows="\n".join(table_row(event) for event in events),
    )


def report_cell(event: StoredEvent) -> str:
    """The primary report's title (linked when it has a web address) and its evidence quotes."""
    report = event.reports[0]
    title = escape(report.title or report.external_id or report.doc_id[:12])
    if report.url and report.url.startswith(("http://", "https://")):
        title = f'<a href="{escape(report.url)}" rel="noreferrer">{title}</a>'
    quotes = "".join(f'<div class="quote">“{escape(e.text)}”</div>' for e in report.evidence)
    return title + quotes


def table_row(event: StoredEvent) -> str:
    place = ", ".join(part for part in (event.place, event.admin1, event.country) if part)
    return (
        f"<tr><td>{escape(format_dates(event))}</td>"
        f"<td>{escape(event.event_type)}<br>{escape(event.sub_event_type)}</td>"
        f"<td>{escape(place)}</td>"
        f'<td class="num">{escape(format_tally(event.killed))}</td>'
        f"<td>{escape('; '.join(event.claimants))}</td>"
        f"<td>{report_cell(event)}</td></tr>"
    )


def svg_map(events: Sequence[StoredEvent]) -> str:
    """Events as dots over their own bounding box (equirectangular, no tiles), one colour per type."""
    located = [(e, e.lon, e.lat) for e in events if e.lon is not None and e.lat is not None]
    if not located:
        return '<p class="map">No event has coordinates yet.</p>'
    project = projection([(lon, lat) for _, lon, lat in located])
    dots = []
    for event, lon, lat in located:
        x, y = project(lon, lat)
        tooltip = f"{format_dates(event)} {event.sub_event_type} — {event.place or ''} ({event.event_id})"
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{TYPE_COLOURS.get(event.event_type, "#555")}"'
            f' fill-opacity="0.8" stroke="#fff"><title>{escape(tooltip)}</title></circle>'
        )
    return (
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" width="{MAP_WIDTH}" height="{MAP_HEIGHT}"'
        f' viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" aria-label="map of events">'
        + "".join(dots)
        + "</svg>"
    )


def projection(points: Sequence[tuple[float, float]]) -> Callable[[float, float], tuple[float, float]]:
    """Maps (lon, lat) into the SVG box so that ``points`` fill it, keeping the aspect at their latitude."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    mid_lon, mid_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    x_stretch = math.cos(math.radians(mid_lat))
    x_span = max((max(lons) - min(lons)) * x_stretch, MIN_SPAN_DEGREES)
    y_span = max(max(lats) - min(lats), MIN_SPAN_DEGREES)
    scale = min((MAP_WIDTH - 2 * MAP_MARGIN) / x_span, (MAP_HEIGHT - 2 * MAP_MARGIN) / y_span)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (
            MAP_WIDTH / 2 + (lon - mid_lon) * x_stretch * scale,
            MAP_HEIGHT / 2 - (lat - mid_lat) * scale,
        )

    return project
