"""normalize(): a raw document in, a clean Document out (text, title, date, language, updates)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from frontwatch.errors import NormalizeError
from frontwatch.model.document import Document, Update
from frontwatch.model.raw import RawDocument
from frontwatch.pipeline.ingest.formats import FEED, HTML, MARKDOWN
from frontwatch.pipeline.normalize.decode import decode_bytes
from frontwatch.pipeline.normalize.html import extract_article, html_blocks, page_metadata, parse_html
from frontwatch.pipeline.normalize.language import detect_language
from frontwatch.pipeline.normalize.liveblog import Stamp, assemble, html_sections, text_updates
from frontwatch.pipeline.normalize.markdown import markdown_blocks
from frontwatch.pipeline.normalize.whitespace import clean_text, join_blocks

_HEADLINE_CHARS = 150
_SENTENCE_ENDS = (".", "!", "?", ":", ";", ",")


@dataclass(frozen=True, slots=True)
class Content:
    """What a format yields: clean text, and the title, date and updates it found."""

    text: str
    title: str | None = None
    published: Stamp = None
    updates: tuple[Update, ...] = ()


def html_content(markup: str) -> Content:
    """A page: split into updates when it is a live blog of ``<time>``-stamped posts, else its main text."""
    root = parse_html(markup)
    title, published = page_metadata(markup)
    sections = html_sections(root, published)
    if sections:
        text, updates = assemble(sections)
        return Content(text, title, published, updates)
    article = extract_article(markup)
    return Content(join_blocks([block.text for block in article.blocks])[0], article.title, article.published)


def fragment_content(markup: str) -> Content:
    """A feed item's body: an HTML fragment, or plain text when it has no tags."""
    if "<" not in markup:
        return Content(clean_text(markup))
    try:
        fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError) as error:
        raise NormalizeError(f"cannot parse the feed item's HTML ({error})") from None
    return Content(join_blocks([block.text for block in html_blocks(fragment)])[0])


def markdown_content(source: str) -> Content:
    """A Markdown file without its markup; its first level-1 heading is the title."""
    blocks, title = markdown_blocks(source)
    return Content(join_blocks(blocks)[0], title)


def headline_of(text: str) -> str | None:
    """A plain text's first paragraph when it is a one-line headline followed by the story."""
    first, separator, rest = text.partition("\n\n")
    is_headline = "\n" not in first and len(first) <= _HEADLINE_CHARS and not first.endswith(_SENTENCE_ENDS)
    return first if separator and rest and is_headline else None


def plain_content(source: str) -> Content:
    """A plain-text file with normalised whitespace; a one-line first paragraph is its title."""
    text = clean_text(source)
    return Content(text, headline_of(text))


def content_of(raw: RawDocument, decoded: str) -> Content:
    """The clean content of ``decoded`` according to the raw document's media type."""
    if raw.media_type == HTML:
        return html_content(decoded)
    if raw.media_type == FEED:
        return fragment_content(decoded)
    if raw.media_type == MARKDOWN:
        return markdown_content(decoded)
    return plain_content(decoded)


def normalize(raw: RawDocument) -> Document:
    """The clean Document of ``raw``; NormalizeError when its bytes hold no usable text.

    Hints the source gave (a feed's or JSONL line's title and date) win over what the content says.
    """
    content = content_of(raw, decode_bytes(raw.content))
    if not content.text:
        raise NormalizeError(
            f"{raw.source}: no text left after extraction; the document is empty or all markup"
        )
    published = raw.published or content.published
    updates = content.updates or text_updates(content.text, published)
    return Document(
        doc_id=raw.sha256,
        text=content.text,
        title=raw.title or content.title,
        published=published,
        language=detect_language(content.text),
        url=raw.url,
        external_id=raw.external_id,
        source=raw.source,
        updates=updates,
    )
