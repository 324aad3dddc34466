"""Live blogs: updates with spans into the text and their own times; wire datelines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.ingest.formats import HTML, MARKDOWN, TEXT
from frontwatch.pipeline.normalize import find_dateline, normalize
from frontwatch.pipeline.normalize.liveblog import Section, assemble, text_updates

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DEMO = Path(__file__).parent.parent / "frontwatch" / "data" / "demo"
BST = timezone(timedelta(hours=1))
FETCHED = datetime(2024, 1, 1, tzinfo=UTC)


def raw(content: bytes | str, media_type: str, published: date | None = None) -> RawDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawDocument(data, media_type, "inline", FETCHED, published=published)


def test_small_live_blog_has_one_update_per_timed_post() -> None:
    document = normalize(raw((FIXTURES / "liveblog-small.html").read_bytes(), HTML))
    assert document.published == date(2020, 10, 18)
    assert [update.published for update in document.updates] == [
        datetime(2020, 10, 18, 16, 10, tzinfo=BST),
        datetime(2020, 10, 18, 10, 15, tzinfo=BST),
        datetime(2020, 10, 17, 22, 40, tzinfo=BST),
    ]
    last = document.updates[-1].span.text_of(document.text)
    assert "second humanitarian ceasefire" in last
    assert document.anchor_for(document.updates[-1].span.start) == date(2020, 10, 17)
    assert document.text.startswith("October 18 Update: second humanitarian truce takes effect")
    assert document.anchor_for(0) == date(2020, 10, 18)


def test_demo_live_blog_splits_the_embedded_post_into_its_own_update() -> None:
    document = normalize(raw((DEMO / "liveblog-2020-10-05.html").read_bytes(), HTML))
    texts = [update.span.text_of(document.text) for update in document.updates]
    assert len(document.updates) == 13
    embed = next(index for index, text in enumerate(texts) if text.startswith("Units of the Azerbaijan Army"))
    assert "@mod_az_press" in texts[embed]
    assert texts[embed - 1].startswith("16:30 BST") and texts[embed + 1].startswith("Armenian officials")
    assert {document.updates[i].published for i in (embed - 1, embed, embed + 1)} == {
        datetime(2020, 10, 5, 16, 30, tzinfo=BST)
    }
    assert document.updates[0].heading == "Azerbaijan says missiles fired at Mingachevir; Armenia denies"
    assert "Share 1.2k" not in document.text and "Key events" not in document.text
    assert "• Officials in Artsakh say Stepanakert has been shelled every day since Friday." in document.text


def test_timestamped_paragraphs_in_plain_text_inherit_the_page_date() -> None:
    text = (
        "Karabakh live\n\n"
        "09:42 BST — Explosions were heard across Stepanakert.\n\n"
        "Residents sheltered in basements.\n\n"
        "10:15 a.m. ET: Azerbaijan's defence ministry said Ganja was shelled.\n\n"
        "Updated 14:03\nThe ombudsman said two civilians were wounded."
    )
    document = normalize(raw(text, TEXT, published=date(2020, 10, 5)))
    spans = [update.span.text_of(document.text) for update in document.updates]
    assert spans == [
        "09:42 BST — Explosions were heard across Stepanakert.\n\nResidents sheltered in basements.",
        "10:15 a.m. ET: Azerbaijan's defence ministry said Ganja was shelled.",
        "Updated 14:03\nThe ombudsman said two civilians were wounded.",
    ]
    first, second, third = (update.published for update in document.updates)
    assert first == datetime(2020, 10, 5, 9, 42, tzinfo=BST)
    assert isinstance(second, datetime) and second.utcoffset() == timedelta(hours=-4)
    assert third == datetime(2020, 10, 5, 14, 3)
    assert document.anchor_for(0) == date(2020, 10, 5)


def test_bulleted_items_under_dated_headings_are_updates_of_that_day() -> None:
    source = (
        "# Front-line summary\n\n"
        "## October 4\n\n- Ganja was shelled.\n- Stepanakert lost power.\n\n"
        "## October 5\n\n- Shushi was hit overnight.\n"
    )
    document = normalize(raw(source, MARKDOWN, published=date(2020, 10, 6)))
    assert [(u.span.text_of(document.text), u.published, u.heading) for u in document.updates] == [
        ("Ganja was shelled.", date(2020, 10, 4), "October 4"),
        ("Stepanakert lost power.", date(2020, 10, 4), "October 4"),
        ("Shushi was hit overnight.", date(2020, 10, 5), "October 5"),
    ]


def test_dated_update_headings_with_text_start_updates() -> None:
    text = "October 4 Update: Ganja was shelled.\n\nMore detail.\n\nOctober 5 Update: Shushi was hit."
    updates = text_updates(text, date(2020, 10, 6))
    assert [(update.span.text_of(text), update.published) for update in updates] == [
        ("October 4 Update: Ganja was shelled.\n\nMore detail.", date(2020, 10, 4)),
        ("October 5 Update: Shushi was hit.", date(2020, 10, 5)),
    ]


def test_an_ordinary_article_has_no_updates() -> None:
    text = "Shells hit Ganja on Sunday.\n\nOn October 4 the city was shelled again, officials said."
    assert text_updates(text, date(2020, 10, 4)) == ()
    assert text_updates("Updated 14:03\nShells hit Ganja.", date(2020, 10, 4)) == ()


blocks = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1)
    .map(str.strip)
    .filter(bool),
    min_size=1,
    max_size=4,
).map(tuple)


@given(st.lists(st.tuples(blocks, st.booleans()), min_size=1, max_size=6))
def test_every_update_span_lies_in_the_text_and_covers_its_blocks_exactly(
    raw_sections: list[tuple[tuple[str, ...], bool]],
) -> None:
    sections = [
        Section(section_blocks, is_update, date(2020, 10, 5)) for section_blocks, is_update in raw_sections
    ]
    text, updates = assemble(sections)
    expected = ["\n\n".join(s.blocks) for s in sections if s.is_update]
    assert len(updates) == len(expected)
    for update, update_text in zip(updates, expected, strict=True):
        assert 0 <= update.span.start <= update.span.end <= len(text)
        assert update.span.text_of(text).replace("\n• ", "\n\n• ") == update_text.replace("\n• ", "\n\n• ")
    starts = [update.span.start for update in updates]
    assert starts == sorted(starts)


LIVE_LINES = ["09:42 BST — Shelling.", "Residents fled.", "October 5", "• Ganja hit.", "Updated 14:03", ""]


@given(st.lists(st.sampled_from([*LIVE_LINES, "October 6 Update: Barda hit."]), max_size=12))
def test_text_updates_never_overlap_and_stay_inside_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    updates = text_updates(text, date(2020, 10, 5))
    for update in updates:
        assert 0 <= update.span.start < update.span.end <= len(text)
        assert update.span.text_of(text).strip() == update.span.text_of(text)
    for earlier, later in pairwise(updates):
        assert earlier.span.end <= later.span.start


def test_find_dateline_gives_place_and_date_spans() -> None:
    text = "Fighting spreads\n\nGANJA, Azerbaijan, Oct. 11 (Wire) — A missile hit a block of flats."
    dateline = find_dateline(text)
    assert dateline is not None
    assert dateline.place.text_of(text) == "GANJA"
    assert dateline.region is not None and dateline.region.text_of(text) == "Azerbaijan"
    assert dateline.date is not None and dateline.date.text_of(text) == "Oct. 11"
    assert dateline.agency is not None and dateline.agency.text_of(text) == "Wire"
    assert text[dateline.span.end :].startswith("A missile")


def test_find_dateline_on_reuters_style_and_its_absence() -> None:
    text = "STEPANAKERT, Oct 4 (Reuters) - Shelling continued."
    dateline = find_dateline(text)
    assert dateline is not None and dateline.date is not None
    assert (dateline.place.text_of(text), dateline.date.text_of(text)) == ("STEPANAKERT", "Oct 4")
    assert find_dateline("UPDATE - shelling continued.") is None
    assert find_dateline("The army said - without evidence - that it hit Ganja.") is None


def test_demo_wire_stories_have_datelines() -> None:
    for path in sorted(DEMO.glob("wire-*.txt")):
        document = normalize(raw(path.read_bytes(), TEXT))
        dateline = find_dateline(document.text)
        assert dateline is not None, path.name
        assert dateline.place.text_of(document.text).isupper()
