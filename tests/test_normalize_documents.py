"""Normalize: clean text, title, date and language from every format, held to the fixtures' expectations."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from frontwatch.errors import NormalizeError
from frontwatch.model.document import Document
from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.ingest import read_sources
from frontwatch.pipeline.ingest.formats import FEED, HTML, MARKDOWN, TEXT
from frontwatch.pipeline.normalize import detect_language, normalize
from frontwatch.pipeline.normalize.whitespace import clean_text

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXPECTATIONS = json.loads((FIXTURES / "expectations.json").read_text(encoding="utf-8"))
FETCHED = datetime(2024, 1, 1, tzinfo=UTC)


def documents_of(name: str) -> list[Document]:
    raws = read_sources([FIXTURES / name], clock=lambda: FETCHED)
    return [normalize(raw) for raw in raws if isinstance(raw, RawDocument)]


def raw(content: str | bytes, media_type: str = TEXT) -> RawDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawDocument(content=data, media_type=media_type, source="inline", fetched_at=FETCHED)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_fixture_keeps_main_text_and_drops_boilerplate(name: str) -> None:
    text = "\n".join(document.text for document in documents_of(name))
    for phrase in EXPECTATIONS[name]["must"]:
        assert phrase in text, f"{name}: missing {phrase!r}"
    for phrase in EXPECTATIONS[name]["must_not"]:
        assert phrase not in text, f"{name}: should not contain {phrase!r}"


def test_article_title_date_and_language() -> None:
    (article,) = documents_of("article-boilerplate.html")
    assert article.title == "Shelling hits Tartar as Karabakh fighting enters third day"
    assert article.published == date(2020, 9, 29)
    assert article.language == "en"
    assert article.updates == ()
    assert "\n\n" in article.text and "\n\n\n" not in article.text


def test_broken_html_is_recovered_without_inventing_a_date() -> None:
    (page,) = documents_of("broken.html")
    assert page.title == "Drone strike reported near Aghdam"
    assert page.published is None


def test_latin1_text_is_decoded() -> None:
    (story,) = documents_of("latin1.txt")
    assert "Füzuli" in story.text
    assert story.title == "Fighting near Füzuli, officials say"


def test_declared_charset_wins_over_guessing() -> None:
    page = (
        '<html><head><meta charset="windows-1251"></head><body>'
        "<p>Обстрел Физули продолжался всю ночь, и это не первый случай, сообщили власти.</p></body></html>"
    )
    document = normalize(raw(page.encode("cp1251"), HTML))
    assert "Обстрел Физули" in document.text
    assert document.language == "ru"


def test_russian_text_is_kept_with_its_language() -> None:
    (story,) = documents_of("russian.txt")
    assert story.language == "ru"
    assert "погибли десять человек" in story.text


def test_markdown_syntax_is_stripped_and_list_items_kept_as_lines() -> None:
    (statement,) = documents_of("report.md")
    assert statement.title == "Statement of the Ministry of Defence of Armenia"
    assert statement.text.startswith(
        "Statement of the Ministry of Defence of Armenia\n\nYerevan, 14 October 2020"
    )
    assert "• No casualties were reported.\n• Armenia reserves the right to respond." in statement.text
    assert "Read the full statement" in statement.text and "https://" not in statement.text


def test_feed_items_and_jsonl_records_keep_source_hints() -> None:
    first, second, _ = documents_of("feed.rss")
    assert first.title == "Ganja hit by missile overnight, Azerbaijan says"
    assert first.published == datetime(2020, 10, 11, 6, 30, tzinfo=UTC)
    assert "&" in second.text
    records = documents_of("reports.jsonl")
    assert [record.external_id for record in records] == ["fx-1", "fx-2", "fx-3"]
    assert records[1].title is None and records[1].published is None
    assert records[0].text.startswith("KHARTOUM, April 15 (Nile Wire) - Heavy fighting")


def test_feed_item_plain_text_keeps_paragraphs() -> None:
    document = normalize(raw("Stepanakert was shelled.\n\n\nTwo people were hurt.", FEED))
    assert document.text == "Stepanakert was shelled.\n\nTwo people were hurt."


def test_whitespace_and_unicode_are_normalised() -> None:
    document = normalize(
        raw("Fu\u0308zuli\u00a0 was\tshelled ,\r\nofficials said.\u200b\r\n\r\n\r\n\r\nSecond   paragraph.")
    )
    assert document.text == "Füzuli was shelled ,\nofficials said.\n\nSecond paragraph."
    assert clean_text(document.text) == document.text


def test_unusable_content_raises_normalize_error() -> None:
    with pytest.raises(NormalizeError, match="no text left"):
        normalize(raw("<html><body><nav><a href='/'>Home</a></nav></body></html>", HTML))
    with pytest.raises(NormalizeError, match="no text left"):
        normalize(raw("   \n\n  ", MARKDOWN))


def test_same_bytes_give_the_same_document() -> None:
    page = (FIXTURES / "article-boilerplate.html").read_bytes()
    first = normalize(raw(page, HTML))
    second = normalize(
        RawDocument(content=page, media_type=HTML, source="inline", fetched_at=datetime.now(UTC))
    )
    assert first == second
    assert first.doc_id == second.doc_id


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Shelling hit the city of Ganja on Sunday, officials said.", "en"),
        ("Обстріл міста тривав усю ніч, повідомили у міністерстві, і це не перший випадок.", "uk"),
        ("Les bombardements ont touché la ville pendant la nuit, selon les autorités.", "fr"),
        ("Die Stadt wurde in der Nacht beschossen, teilte das Ministerium mit.", "de"),
        ("La ciudad fue bombardeada durante la noche, según las autoridades del país.", "es"),
        ("Gəncə şəhəri gecə atəşə tutulub, Müdafiə Nazirliyi bildirib və bu ilk deyil.", "az"),
        ("Gence şehri gece bombalandı, bakanlık açıkladı ve bu ilk değil.", "tr"),
        ("قصفت المدينة خلال الليل، حسبما أفاد مسؤولون في الوزارة.", "ar"),
        ("Ստեփանակերտը գիշերը ռմբակոծվել է, հայտնում են պաշտոնյաները։", "hy"),
        ("12:40 — 3", "und"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language
