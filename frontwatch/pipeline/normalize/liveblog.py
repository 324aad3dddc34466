"""Live blogs and daily updates: splitting a page into updates, each with its span and its own time."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

from lxml import html as lxml_html

from frontwatch.model.document import Update
from frontwatch.model.span import Span
from frontwatch.pipeline.normalize.dateline import MONTH
from frontwatch.pipeline.normalize.html import (
    HEADINGS,
    html_blocks,
    inline_text,
    is_boilerplate,
    is_embedded_post,
)
from frontwatch.pipeline.normalize.whitespace import join_blocks

Stamp = date | datetime | None

_ZONES = {
    "UTC": "UTC", "GMT": "UTC", "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "EET": "Europe/Kyiv", "EEST": "Europe/Kyiv", "MSK": "Europe/Moscow", "AMT": "Asia/Yerevan",
    "AZT": "Asia/Baku", "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
}  # fmt: skip
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NUMBERS = {name: number for number, name in enumerate(_MONTHS, start=1)}
_TIMESTAMP = re.compile(
    rf"""^(?P<updated>(?:updated|update|posted)\s+(?:at\s+)?)?
    (?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)
    (?:\s*(?P<ampm>[ap])\.?\s?m\.?)?
    (?:\s+(?-i:(?P<zone>{"|".join(_ZONES)})))?\b
    (?P<end>\s*[—–\-:|]|\s*$)?""",
    re.IGNORECASE | re.VERBOSE,
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+"
_DATED_HEADING = re.compile(
    rf"""^(?:{_WEEKDAY})?
    (?:(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH}))
    (?:,?\s+(?P<year>\d{{4}}))?
    (?P<label>\s+(?:updates?|live|briefing|summary))?
    \s*(?P<end>[:—–\-]|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_BULLET = re.compile(r"^[-•*–]\s+")
_FULL_DATE = re.compile(rf"\b(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b")


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of a page's blocks; an update when ``is_update``, with its time and heading."""

    blocks: tuple[str, ...]
    is_update: bool
    published: Stamp = None
    heading: str | None = None


def day_of(stamp: Stamp) -> date | None:
    """The calendar day of a date or datetime."""
    return stamp.date() if isinstance(stamp, datetime) else stamp


def parse_time_attribute(value: str, page: Stamp) -> Stamp:
    """A ``<time datetime>`` value: an ISO date, datetime, or a time of day on the page's day."""
    value = value.strip()
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        pass
    page_day = day_of(page)
    try:
        return datetime.combine(page_day, time.fromisoformat(value)) if page_day else page
    except ValueError:
        return page


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _stated_date(match: re.Match[str], page: Stamp) -> date | None:
    """The date a dated heading states; its year is the page's when the heading gives none."""
    page_day = day_of(page)
    year = int(match.group("year")) if match.group("year") else (page_day.year if page_day else None)
    month = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    if year is None:
        return None
    try:
        return date(year, _month_number(month), int(day))
    except ValueError:
        return None


def _timestamp(match: re.Match[str], day: date | None) -> Stamp:
    """The datetime a timestamp states on ``day`` (12-hour clock and zone names understood)."""
    if day is None:
        return None
    hour = int(match.group("hour"))
    if match.group("ampm"):
        hour = hour % 12 + (12 if match.group("ampm").lower() == "p" else 0)
    zone: tzinfo | None = ZoneInfo(_ZONES[match.group("zone")]) if match.group("zone") else None
    return datetime.combine(day, time(hour, int(match.group("minute"))), tzinfo=zone)


def _timestamp_match(line: str) -> re.Match[str] | None:
    match = _TIMESTAMP.match(line)
    if match is None or not (match.group("updated") or match.group("end") is not None):
        return None
    return match


def _dated_heading_match(line: str) -> re.Match[str] | None:
    match = _DATED_HEADING.match(line)
    if match is None or not (match.group("label") or match.group("end") in ("", None)):
        return None
    return match


def _lines(text: str) -> list[Span]:
    """Spans of the non-blank lines of ``text``."""
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def text_updates(text: str, page: Stamp) -> tuple[Update, ...]:
    """Updates marked in plain text: timestamped paragraphs ("09:42 BST —", "Updated 14:03"),
    dated headings ("October 5 Update:"), and bulleted items under a dated heading on its own line.

    Fewer than two updates means an ordinary article: no updates.
    """
    updates: list[Update] = []
    current_day, heading = day_of(page), None
    open_update: list[Span] | None = None
    stamp: Stamp = None
    bullets_under: str | None = None

    def close() -> None:
        if open_update:
            updates.append(Update(Span(open_update[0].start, open_update[-1].end), stamp, heading))

    for line in _lines(text):
        content = line.text_of(text)
        dated, timed = _dated_heading_match(content), _timestamp_match(content)
        bullet = _BULLET.match(content)
        if dated:
            close()
            current_day = _stated_date(dated, page) or current_day
            stamp, heading = current_day, dated.group(0).strip().rstrip(":—–-").strip()
            standalone = content.strip() == dated.group(0).strip()
            open_update, bullets_under = (None, heading) if standalone else ([line], None)
        elif timed:
            close()
            stamp, open_update, bullets_under = _timestamp(timed, current_day) or page, [line], None
        elif bullet and bullets_under is not None:
            close()
            stamp, open_update = current_day, [Span(line.start + bullet.end(), line.end)]
        elif bullets_under is not None:
            close()
            open_update, bullets_under = None, None
        elif open_update is not None:
            open_update.append(line)
    close()
    return tuple(updates) if len(updates) >= 2 else ()


def _time_elements(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """``<time datetime>`` elements outside boilerplate and embedded posts."""
    found = []
    for element in root.iter("time"):
        if not element.get("datetime"):
            continue
        chain = [element, *element.iterancestors()]
        if not any(is_boilerplate(node) or is_embedded_post(node) for node in chain):
            found.append(element)
    return found


def update_elements(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The largest group of sibling elements that each hold exactly one ``<time datetime>``."""
    times = _time_elements(root)
    per_element: Counter[lxml_html.HtmlElement] = Counter()
    for element in times:
        per_element.update(element.iterancestors())
    blocks = []
    for element in times:
        node = element
        while (parent := node.getparent()) is not None and per_element[parent] == 1:
            node = parent
        blocks.append(node)
    groups: dict[lxml_html.HtmlElement | None, list[lxml_html.HtmlElement]] = {}
    for block in blocks:
        groups.setdefault(block.getparent(), []).append(block)
    largest = max(groups.values(), key=len, default=[])
    return largest if len(largest) >= 2 else []


def _content_root(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The nearest ``<main>``, ``<article>`` or ``<body>`` around a group of updates."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("main", "article", "body"):
            return ancestor
    return element.getroottree().getroot()


def _embedded_stamp(element: lxml_html.HtmlElement, inherited: Stamp) -> Stamp:
    """An embedded post's own date (its ``<time>`` or the dated link under it), else ``inherited``."""
    for stamp_element in element.iter("time"):
        if stamp_element.get("datetime"):
            return parse_time_attribute(stamp_element.get("datetime"), inherited)
    match = _FULL_DATE.search(inline_text(element))
    if match is None:
        return inherited
    try:
        posted = date(int(match.group("year")), _month_number(match.group("month")), int(match.group("day")))
    except ValueError:
        return inherited
    return inherited if day_of(inherited) == posted else posted


def _update_sections(element: lxml_html.HtmlElement, page: Stamp) -> list[Section]:
    """One update element as sections: its own text, with each embedded post a separate update."""
    time_element = next(iter(_time_elements(element)), None)
    stamp = parse_time_attribute(time_element.get("datetime"), page) if time_element is not None else page
    heading_element = next((node for node in element.iter(*HEADINGS)), None)
    heading = (inline_text(heading_element) or None) if heading_element is not None else None
    embeds = iter([node for node in element.iter("blockquote") if is_embedded_post(node)])
    sections: list[Section] = []
    own: list[str] = []
    for block in html_blocks(element):
        if block.embedded:
            if own:
                sections.append(Section(tuple(own), True, stamp, heading))
                own = []
            embed = next(embeds, None)
            embed_stamp = _embedded_stamp(embed, stamp) if embed is not None else stamp
            sections.append(Section((block.text,), True, embed_stamp, heading))
        else:
            own.append(block.text)
    if own:
        sections.append(Section(tuple(own), True, stamp, heading))
    return sections


def html_sections(root: lxml_html.HtmlElement, page: Stamp) -> list[Section]:
    """A live-blog page as sections (the introduction, then each update); empty for other pages."""
    elements = update_elements(root)
    if not elements:
        return []
    intro = tuple(block.text for block in html_blocks(_content_root(elements[0]), stop=elements[0]))
    sections = [Section(intro, False)] if intro else []
    for element in elements:
        sections.extend(_update_sections(element, page))
    return sections


def assemble(sections: Sequence[Section]) -> tuple[str, tuple[Update, ...]]:
    """The text of all sections, and an update for each update section spanning exactly its blocks."""
    text, spans = join_blocks([block for section in sections for block in section.blocks])
    updates: list[Update] = []
    index = 0
    for section in sections:
        first, last = spans[index], spans[index + len(section.blocks) - 1]
        index += len(section.blocks)
        if section.is_update:
            updates.append(Update(Span(first.start, last.end), section.published, section.heading))
    return text, tuple(updates)
