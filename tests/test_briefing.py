"""The daily briefing: events of the day grouped by area, tolls as ranges, contested claims said to be
contested, every sentence cited; deterministic; hostile titles and places escaped in HTML and Markdown."""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_factories import ganja_report, seed_store, stepanakert_report

from frontwatch.briefing import Briefing, build_briefing, compose_briefing, render_html, render_markdown
from frontwatch.cli.main import cli
from frontwatch.model.event import EventStatus, Tally
from frontwatch.model.mention import Count
from frontwatch.store import Store
from frontwatch.store.records import Evidence, StoredEvent, StoredReport

DAY = date(2020, 11, 6)
STAMP = datetime(2020, 11, 6, 18, 0, tzinfo=UTC)


def report(
    doc_id: str,
    claimed_by: str,
    stance: str = "claims",
    killed: Count | None = None,
    title: str | None = "Shelling of Shusha",
    url: str | None = "https://example.org/shusha",
    partisan: bool = True,
) -> StoredReport:
    return StoredReport(
        doc_id,
        None,
        title,
        url,
        DAY,
        claimed_by,
        stance,
        partisan,
        killed,
        None,
        (Evidence(0, 20, "Shells fell on Shusha"),),
        0.8,
    )


def event(event_id: str, *reports: StoredReport, **changes: object) -> StoredEvent:
    """A shelling of Shusha on 6 November 2020 told by the given reports."""
    base = StoredEvent(
        event_id=event_id, event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", date_earliest=DAY, date_latest=DAY,
        date_precision="day", place="Shusha", country="AZ", admin1="Shusha", lat=39.7583, lon=46.7505,
        geonames_id=585170, geo_precision=1, actor1="Military Forces of Azerbaijan",
        actor2="Artsakh Defence Army", killed=None, injured=None, civilian_targeting=False,
        weapons=("artillery",), confidence=0.8, status=EventStatus(False, False), created_at=STAMP,
        updated_at=STAMP, reports=reports,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


CONTESTED = event(
    "fw-contested",
    report("doc-az", "Azerbaijan Defence Ministry", killed=Count(3, 3), title="Baku says positions hit"),
    report("doc-am", "Armenia Defence Ministry", "denies", title="Yerevan denies losses"),
    report(
        "doc-wire", "Reuters", "reports", killed=Count(7, 7), title="Fighting near Shusha", partisan=False
    ),
    killed=Tally(3, 3, 7),
    status=EventStatus(True, False),
)
CORROBORATED = event(
    "fw-corroborated",
    report(
        "doc-hrw",
        "Human Rights Watch",
        "corroborates",
        killed=Count(2, None),
        title="Cluster munitions",
        partisan=False,
    ),
    report("doc-wire", "Reuters", "reports", title="Fighting near Shusha", partisan=False),
    killed=Tally(2, 2, 2),
    status=EventStatus(False, True),
    place="Stepanakert",
    admin1="Xankandi",
)
UNTOLD = event(
    "fw-untold",
    report("doc-az", "Azerbaijan Defence Ministry", title="Baku says positions hit"),
    place="Martuni",
    admin1="Khojavend",
    geo_precision=2,
)
WEEK_LONG = event(
    "fw-week",
    report("doc-ua", "Ukraine General Staff", title="Kharkiv shelled"),
    date_earliest=date(2020, 11, 2),
    date_latest=date(2020, 11, 8),
    date_precision="week",
    country="UA",
    admin1="Kharkiv",
    place="Kharkiv",
    lat=49.9935,
    lon=36.2304,
)
YESTERDAY = event(
    "fw-yesterday",
    report("doc-old", "AFP", "reports", partisan=False),
    date_earliest=date(2020, 11, 5),
    date_latest=date(2020, 11, 5),
)
EVENTS = [CONTESTED, CORROBORATED, UNTOLD, WEEK_LONG, YESTERDAY]


def test_ranges_contested_and_corroborated_claims_are_said_so() -> None:
    briefing = compose_briefing(EVENTS, DAY)
    sentences = {s.event_id: s for section in briefing.sections for s in section.sentences}
    assert sentences["fw-contested"].text == (
        "Shelling/artillery/missile attack in Shusha by Military Forces of Azerbaijan against Artsakh "
        "Defence Army. Between 3 and 7 people were killed. Azerbaijan Defence Ministry said so; Reuters "
        "reported it; Armenia Defence Ministry denied it. The account is contested."
    )
    corroborated = sentences["fw-corroborated"].text
    assert "At least 2 people were killed." in corroborated
    assert corroborated.endswith("Independent sources corroborate it.")
    assert "killed" not in sentences["fw-untold"].text and " near Martuni" in sentences["fw-untold"].text
    assert "between 2 November 2020 and 8 November 2020" in sentences["fw-week"].text
    assert "fw-yesterday" not in sentences


def test_deadliest_first_then_contested_and_sections_by_area() -> None:
    briefing = compose_briefing(EVENTS, DAY)
    assert [section.area for section in briefing.sections] == [
        "Shusha, Azerbaijan", "Xankandi, Azerbaijan", "Khojavend, Azerbaijan", "Kharkiv, Ukraine",
    ]  # fmt: skip
    tied = event("fw-tied", report("doc-x", "AFP", "reports", partisan=False), killed=Tally(3, 3, 3))
    shusha = compose_briefing([tied, CONTESTED], DAY).sections[0]
    assert [s.event_id for s in shusha.sentences] == ["fw-contested", "fw-tied"]


def test_citations_number_documents_in_order_of_first_citation() -> None:
    briefing = compose_briefing(EVENTS, DAY)
    cited = [s.citations for section in briefing.sections for s in section.sentences]
    assert cited == [(1, 2, 3), (3, 4), (1,), (5,)]
    refs = {reference.number: reference for reference in briefing.references}
    assert refs[3].title == "Fighting near Shusha" and refs[3].claimants == ("Reuters",)
    assert refs[4].claimants == ("Human Rights Watch",)
    markdown = render_markdown(briefing)
    assert "3. [Fighting near Shusha](<https://example.org/shusha>) — Reuters" in markdown
    assert "The account is contested. \\[1\\]\\[2\\]\\[3\\]" in markdown


KARABAKH = {"fw-contested", "fw-corroborated", "fw-untold"}


@pytest.mark.parametrize(("area", "expected"), [
    ("AZ", KARABAKH), ("azerbaijan", KARABAKH), ("Xankandi", {"fw-corroborated"}),
    ("stepanakert", {"fw-corroborated"}), ("Nagorno-Karabakh", KARABAKH), ("artsakh", KARABAKH),
    ("UA", {"fw-week"}), ("Donbas", set()),
])  # fmt: skip
def test_area_matches_country_division_place_or_curated_region(area: str, expected: set[str]) -> None:
    briefing = compose_briefing(EVENTS, DAY, area)
    assert {s.event_id for section in briefing.sections for s in section.sentences} == expected


def test_a_day_without_events_says_so() -> None:
    briefing = compose_briefing(EVENTS, date(2021, 1, 1), "Kharkiv")
    assert briefing.sections == () and briefing.references == ()
    assert "No events matching 'Kharkiv' are recorded for 1 January 2021." in render_markdown(briefing)
    assert '<p class="briefing-empty">' in render_html(briefing)


def test_same_events_in_any_order_give_byte_identical_output() -> None:
    outputs = {
        (render_markdown(compose_briefing(order, DAY)), render_html(compose_briefing(order, DAY)))
        for order in itertools.permutations(EVENTS[:4])
    }
    assert len(outputs) == 1


HOSTILE_TITLE = "<script>alert(1)</script>]]><img src=x onerror=alert(2)> [click](javascript:alert(3))"


def hostile_briefing() -> Briefing:
    hostile = event(
        "fw-<b>",
        report("doc-evil", "Azerbaijan Defence Ministry", title=HOSTILE_TITLE, url="javascript:alert(4)"),
        report(
            "doc-evil2",
            "Reuters",
            "reports",
            title="![x](https://evil.example/x.png)\n# Heading\n<div>",
            url='https://example.org/a" onmouseover="alert(5)',
            partisan=False,
        ),
        place="<img src=x onerror=alert(6)>Shusha",
        admin1="<script>x</script>",
    )
    return compose_briefing([hostile], DAY)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_escapes_hostile_titles_places_and_urls() -> None:
    fragment = render_html(hostile_briefing())
    parser = Elements()
    parser.feed(fragment)
    assert {tag for tag, _ in parser.tags} <= {"article", "h1", "h2", "section", "ul", "li", "a", "ol"}
    for tag, attributes in parser.tags:
        assert set(attributes) <= {"class", "href", "id", "rel", "data-date"}, tag
    hrefs = [attributes["href"] or "" for tag, attributes in parser.tags if tag == "a"]
    assert not any(href.startswith("javascript") for href in hrefs)
    assert "https://example.org/a%22%20onmouseover=%22alert%285%29" in hrefs
    assert "/events/fw-%3Cb%3E" in hrefs
    assert "&lt;script&gt;alert(1)&lt;/script&gt;]]&gt;&lt;img src=x onerror=alert(2)&gt;" in fragment


def test_markdown_neutralises_links_images_and_html() -> None:
    markdown = render_markdown(hostile_briefing())
    for line in markdown.splitlines():
        content = re.sub(r"^(#{1,2} |- |\d+\. )", "", line)
        unescaped = re.sub(r"\\[^\w\s]", "", content)
        without_our_links = re.sub(r"\[[^\]]*\]\(<https://example\.org/[^>\s]*>\)", "", unescaped)
        assert not re.search(r"[<>\[\]()!#`]", without_our_links), line
    assert "javascript" not in markdown.replace("\\(javascript:alert\\(3\\)\\)", "")
    assert "\n# Heading" not in markdown


def test_markdown_renders_to_inert_html_under_commonmark() -> None:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    rendered = markdown_it.MarkdownIt("commonmark").render(render_markdown(hostile_briefing()))
    parser = Elements()
    parser.feed(rendered)
    assert {tag for tag, _ in parser.tags} <= {"h1", "h2", "ul", "li", "ol", "a", "p"}
    assert [attributes["href"] for tag, attributes in parser.tags if tag == "a"] == [
        "https://example.org/a%22%20onmouseover=%22alert%285%29"
    ]


def test_brief_verb_reads_the_store(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db", ganja_report(), stepanakert_report())
    with Store.open(tmp_path / "fw.db", read_only=True) as store:
        october_3 = build_briefing(store, date(2020, 10, 3))
    assert [section.area for section in october_3.sections] == ["Xankandi, Azerbaijan"]
    runner = CliRunner()
    result = runner.invoke(cli, ["brief", "--date", "2020-10-04", "--db", str(tmp_path / "fw.db")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Briefing for 4 October 2020\n\n## Ganja, Azerbaijan\n")
    assert "At least 3 people were killed. Azerbaijan Defence Ministry said so. \\[1\\]" in result.output
    assert "2 people were killed and 11 people were injured." in result.output
    html = runner.invoke(
        cli,
        [
            "brief",
            "--date",
            "2020-10-04",
            "--area",
            "Ganja",
            "--format",
            "html",
            "--db",
            str(tmp_path / "fw.db"),
        ],
    )
    assert html.exit_code == 0 and "Stepanakert" not in html.output and "Ganja" in html.output
    empty = runner.invoke(cli, ["brief", "--date", "2021-01-01", "--db", str(tmp_path / "fw.db")])
    assert empty.exit_code == 0 and "No events are recorded for 1 January 2021." in empty.output
    bad = runner.invoke(cli, ["brief", "--date", "6 Nov", "--db", str(tmp_path / "fw.db")])
    assert bad.exit_code == 2 and "'6 Nov' does not match the format '%Y-%m-%d'" in bad.output


def pdf_text(pdf: bytes) -> tuple[str, list[Any]]:
    """The PDF's text with whitespace collapsed (line wraps are layout), and its link annotations."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (a dev dependency) is needed to read PDFs back")
    pages = pypdf.PdfReader(BytesIO(pdf)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    links = [annotation.get_object() for page in pages for annotation in page.get("/Annots", [])]
    return text, links


def render_pdf_or_skip(briefing: Briefing) -> bytes:
    pytest.importorskip("fpdf", reason="the optional 'pdf' extra is missing: pip install 'frontwatch[pdf]'")
    from frontwatch.briefing.pdf import DEFAULT_FONT, render_pdf

    if not DEFAULT_FONT.is_file():
        pytest.skip(f"no {DEFAULT_FONT}: install Debian's fonts-dejavu-core for PDF briefings")
    return render_pdf(briefing)


def test_pdf_keeps_each_sentence_with_its_citations_and_the_references() -> None:
    briefing = compose_briefing(EVENTS, DAY)
    text, links = pdf_text(render_pdf_or_skip(briefing))
    assert text.startswith("Briefing for 6 November 2020 Shusha, Azerbaijan • Shelling/artillery/missile")
    for section in briefing.sections:
        assert section.area in text
        for sentence in section.sentences:
            citations = "".join(f"[{number}]" for number in sentence.citations)
            assert f"• {sentence.text} {citations}" in text
    references = text[text.index("References ") :]
    assert references == "References " + " ".join(
        f"{r.number}. {r.title} — {', '.join(r.claimants)}" for r in briefing.references
    )
    cited = [number for section in briefing.sections for sentence in section.sentences
             for number in sentence.citations]  # fmt: skip
    assert len([link for link in links if "/Dest" in link]) == len(cited)


def test_pdf_is_byte_identical_for_the_same_events_in_any_order() -> None:
    orders = itertools.permutations(EVENTS[:3])
    outputs = {render_pdf_or_skip(compose_briefing(order, DAY)) for order in orders}
    assert len(outputs) == 1


def test_pdf_draws_hostile_text_as_text_and_links_only_http_urls() -> None:
    text, links = pdf_text(render_pdf_or_skip(hostile_briefing()))
    assert " ".join(HOSTILE_TITLE.split()) in text
    uris = [link["/A"]["/URI"] for link in links if "/A" in link]
    assert uris == ["https://example.org/a%22%20onmouseover=%22alert%285%29"]


def test_brief_verb_writes_a_pdf_file(tmp_path: Path) -> None:
    seed_store(tmp_path / "fw.db", ganja_report(), stepanakert_report())
    with Store.open(tmp_path / "fw.db", read_only=True) as store:
        expected = render_pdf_or_skip(build_briefing(store, date(2020, 10, 4)))
    runner = CliRunner()
    db = ["--db", str(tmp_path / "fw.db")]
    no_file = runner.invoke(cli, ["brief", "--date", "2020-10-04", "--format", "pdf", *db])
    assert no_file.exit_code == 2 and "--format pdf writes a file: pass --output FILE.pdf" in no_file.output
    no_font = runner.invoke(
        cli,
        [
            "brief",
            "--date",
            "2020-10-04",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "b.pdf"),
            "--font",
            str(tmp_path / "none.ttf"),
            *db,
        ],
    )
    assert no_font.exit_code == 1 and f"no font at {tmp_path / 'none.ttf'}" in no_font.output
    written = runner.invoke(
        cli, ["brief", "--date", "2020-10-04", "--format", "pdf", "--output", str(tmp_path / "b.pdf"), *db]
    )
    assert written.exit_code == 0, written.output
    assert (tmp_path / "b.pdf").read_bytes() == expected
    assert "At least 3 people were killed. Azerbaijan Defence Ministry said so. [1]" in pdf_text(expected)[0]


def test_pdf_without_the_extra_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_store(tmp_path / "fw.db", ganja_report())
    monkeypatch.setitem(sys.modules, "fpdf", None)  # as if fpdf2 were not installed
    result = CliRunner().invoke(
        cli,
        [
            "brief",
            "--date",
            "2020-10-04",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "b.pdf"),
            "--db",
            str(tmp_path / "fw.db"),
        ],
    )
    assert result.exit_code == 1
    assert "PDF briefings need the optional 'pdf' extra: pip install 'frontwatch[pdf]'" in result.output
    assert not (tmp_path / "b.pdf").exists()
