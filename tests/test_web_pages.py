"""The desk, event and briefing pages: server-rendered parts, escaping, highlighting, the view config."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from desk_fixtures import seed_desk_store
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from test_store_merge import GANJA_STORY, ingest

from frontwatch.errors import InputError
from frontwatch.model.mention import Count
from frontwatch.store import Store
from frontwatch.store.writes import retract_document
from frontwatch.web.app import create_app
from frontwatch.web.evidence import (
    DATE_WORDS,
    Mark,
    find_marks,
    highlight_evidence,
    marked_html,
    toll_pattern,
)
from frontwatch.web.pages import MEANS_GLYPHS, OTHER_GLYPH, change_summary, means_of


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return seed_desk_store(tmp_path / "fw.db")


@pytest.fixture
def client(db_path: Path) -> TestClient:
    return TestClient(create_app(db_path))


def event_id_at(client: TestClient, place: str, min_killed: int = 0) -> str:
    events = client.get("/api/events", params={"q": place, "min_killed": min_killed}).json()["events"]
    return str(next(e["event_id"] for e in events if e["place"] == place))


class Elements(HTMLParser):
    """Tags and attributes of a page, to check what the browser would build from it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tally_row(name: str, *values: int) -> str:
    return f"<tr><th>{name}</th>" + "".join(f'<td class="num">{v}</td>' for v in values) + "</tr>"


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_desk_has_every_filter_and_loads_only_its_own_files(client: TestClient) -> None:
    html = client.get("/").text
    tags = elements(html)
    names = {attrs.get("name") for tag, attrs in tags if tag in ("select", "input")}
    assert names >= {
        "event_type",
        "sub_event_type",
        "actor",
        "side",
        "claimant",
        "status",
        "min_killed",
        "q",
        "date_from",
        "date_to",
        "inview",
        "sort",
    }
    sources = [attrs.get("src") or attrs.get("href") for tag, attrs in tags if tag in ("script", "link")]
    assert sources and all(str(s).startswith("/static/") for s in sources)
    for source in sources:
        assert client.get(str(source)).status_code == 200, source
    assert client.get("/static/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"


def desk_config(client: TestClient) -> dict[str, object]:
    desk = next(attrs for tag, attrs in elements(client.get("/").text) if attrs.get("id") == "desk")
    return dict(json.loads(str(desk["data-config"])))


def test_tiles_are_off_unless_configured_and_then_allowed_by_the_policy(
    client: TestClient, db_path: Path
) -> None:
    assert desk_config(client)["tiles_url"] is None
    assert "img-src 'self' data: blob:;" in client.get("/").headers["content-security-policy"]
    template = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    with_tiles = TestClient(create_app(db_path, tiles_url=template))
    assert desk_config(with_tiles)["tiles_url"] == template
    policy = with_tiles.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: blob: https://*.tile.example.org;" in policy
    with pytest.raises(InputError, match="must start with http:// or https://"):
        create_app(db_path, tiles_url="javascript:alert(1)")


def test_event_page_escapes_document_text_and_marks_extracted_values(client: TestClient) -> None:
    html = client.get(f"/events/{event_id_at(client, 'Ganja', min_killed=3)}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;Shells hit Ganja</a>" in html
    assert 'href="https://example.org/g?a=1&amp;b=2" rel="noopener noreferrer"' in html
    assert (
        '<mark class="hl-place">GANJA</mark>, <mark class="hl-date">Oct 4</mark> (Wire) - Artillery shells '
        'hit <mark class="hl-place">Ganja</mark> &lt;img src=x onerror=alert(1)&gt; on '
        '<mark class="hl-date">Sunday</mark>, killing at least <mark class="hl-toll">3</mark> civilians'
    ) in html
    assert '<span class="claimant">Azerbaijan Defence Ministry</span> <span class="badge partisan">' in html
    assert '<td class="num">at least 3</td>' in html
    assert tally_row("killed", 3, 3, 3) in html
    assert re.search(r'<ol class="history" id="history"><li><time>[^<]+</time> <b>created</b>', html)


def test_event_page_shows_tolls_as_low_best_high_and_each_report(client: TestClient) -> None:
    html = client.get(f"/events/{event_id_at(client, 'Stepanakert')}").text
    assert "<dd>Stepanakert, Xankandi, AZ (39.8153, 46.7519) — precision 1: the town itself</dd>" in html
    assert "<dt>When</dt><dd>2020-10-03 – 2020-10-04 (to the day)</dd>" in html
    assert tally_row("injured", 11, 11, 11) in html
    assert html.count('<tr class="report">') == 1
    assert 'wounding <mark class="hl-toll">11</mark>' in html


def test_unknown_event_is_404_and_merged_ids_redirect(client: TestClient, db_path: Path) -> None:
    assert client.get("/events/fw-0000000000000000").status_code == 404
    current = event_id_at(client, "Stepanakert")
    with Store.open(db_path) as store, store.transaction() as db:
        db.execute("INSERT INTO event_aliases (event_id, successor) VALUES ('fw-merged-away', ?)", (current,))
    response = client.get("/events/fw-merged-away", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == f"/events/{current}"


def test_briefing_page_defaults_to_the_latest_day_and_escapes_the_area(client: TestClient) -> None:
    latest = client.get("/brief").text
    assert 'name="date" value="2020-10-17"' in latest and "Yerevan" in latest
    day = client.get("/brief", params={"date": "2020-10-04", "area": "<script>x</script>"}).text
    assert 'value="&lt;script&gt;x&lt;/script&gt;"' in day and "<script>x" not in day


def test_toll_pattern_matches_whole_figures_digits_and_words() -> None:
    pattern = toll_pattern([Count(3, None), Count(1200, 1200), None])
    assert pattern is not None
    text = "3 killed, 13 hurt, 1,200 fled in 2020; three more, 3.5 km away, 1200 in all"
    assert [m.group() for m in pattern.finditer(text)] == ["3", "1,200", "three", "1200"]
    assert toll_pattern([None]) is None


def test_date_words_cover_the_usual_anchors() -> None:
    text = "On Sunday, Oct 4, and overnight into 5 October 2020, last week, not Mayor Monday."
    assert [m.group() for m in DATE_WORDS.finditer(text)] == [
        "Sunday",
        "Oct 4",
        "overnight",
        "5 October 2020",
        "last week",
        "Monday",
    ]


def test_overlapping_marks_keep_the_longer_leftmost() -> None:
    patterns = {"place": re.compile("Oct Village"), "date": re.compile("Oct 4|Oct")}
    assert find_marks("Oct Village, Oct 4", patterns) == [Mark(0, 11, "place"), Mark(13, 18, "date")]


@given(st.text(max_size=80), st.lists(st.integers(0, 50), max_size=3), st.text(max_size=10))
def test_highlighting_keeps_the_text_and_adds_only_marks(text: str, figures: list[int], place: str) -> None:
    html = highlight_evidence(text, [Count(n, n) for n in figures], [place])
    without_marks = re.sub(r'<mark class="hl-(?:toll|place|date)">|</mark>', "", html)
    assert "<" not in without_marks and ">" not in without_marks
    assert unescape(without_marks) == text


def test_marked_html_escapes_inside_and_outside_marks() -> None:
    html = marked_html("<b>3</b>", [Mark(3, 4, "toll")])
    assert html == '&lt;b&gt;<mark class="hl-toll">3</mark>&lt;/b&gt;'


@pytest.mark.parametrize(
    ("detail", "summary"),
    [
        (
            '{"reports": [{"claimed_by": "Armenia Defence Ministry", "stance": "denies", "killed": null, '
            '"injured": null}]}',
            "Armenia Defence Ministry denies",
        ),
        (
            '{"reports": [{"claimed_by": "Artsakh officials", "stance": "claims", '
            '"killed": {"min": 2, "max": 2}, "injured": {"min": 11, "max": null}}]}',
            "Artsakh officials claims, killed 2, injured at least 11",
        ),
        (
            '{"killed": {"old": {"low": 3, "best": 3, "high": 3}, "new": {"low": 3, "best": 5, "high": 9}}, '
            '"injured": {"old": null, "new": null}}',
            "killed 3 → 5 (3–9)",
        ),
        ('{"successor": "fw-1", "reports": 2}', "2 report(s) moved"),
        ("not json", "not json"),
        (None, ""),
    ],
)
def test_history_details_read_as_words(detail: str | None, summary: str) -> None:
    assert change_summary(detail) == summary


@pytest.mark.parametrize(
    ("weapons", "sub_event_type", "glyph"),
    [
        ("artillery", "Shelling/artillery/missile attack", "✹"),
        ("rockets", "Shelling/artillery/missile attack", "➶"),
        ("", "Shelling/artillery/missile attack", "✹"),
        ("drone", "Air/drone strike", "✥"),
        ("", "Air/drone strike", "✈"),
        ("", "Peaceful protest", "⚑"),
        ("chemical", "Other", "●"),
    ],
)
def test_glyph_table_picks_weapons_before_sub_type(weapons: str, sub_event_type: str, glyph: str) -> None:
    """means_of (behind /api/map's ``means``) reads the weapons first, then the sub-type."""
    glyphs = {label: g for label, _, g in MEANS_GLYPHS}
    label = means_of(json.dumps(weapons.split()), sub_event_type)
    assert (glyphs[label] if label else OTHER_GLYPH) == glyph


def test_event_page_history_reads_as_words_down_to_a_retraction(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    with Store.open(db) as store:
        ingest(store, *GANJA_STORY[:2])
        retract_document(store, "reuters-1011", "the agency withdrew the story")
    with TestClient(create_app(db)) as client:
        (event,) = client.get("/api/events").json()["events"]
        html = client.get(f"/events/{event['event_id']}").text
    kinds = re.findall(r"<b>([a-z ]+)</b>", html.split('id="history"')[1])
    assert kinds == ["created", "source added", "toll changed", "retracted", "toll changed"]
    assert "<b>retracted</b> — Reuters reports, killed at least 9, injured at least 30" in html
