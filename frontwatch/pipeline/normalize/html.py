"""HTML to text blocks: trafilatura for an article's main text, a small walker for fragments and updates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from frontwatch.errors import NormalizeError
from frontwatch.pipeline.normalize.whitespace import BULLET, clean_inline

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LEAF_TAGS = HEADINGS | {"p", "li", "pre", "dt", "dd", "figcaption", "td", "th", "blockquote"}
_BLOCK_TAGS = _LEAF_TAGS | {
    "div", "section", "article", "main", "header", "ul", "ol", "dl", "table", "tr", "tbody", "aside",
    "nav", "footer", "form", "figure", "address", "details", "summary",
}  # fmt: skip
_DROPPED_TAGS = frozenset(
    {"script", "style", "nav", "aside", "footer", "form", "button", "noscript", "iframe", "svg", "figure",
     "template", "select", "input", "label", "head", "title", "meta", "link"}
)  # fmt: skip
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|newsletter|subscribe|subscription|related|promo|advert|ads?|"
    r"sponsor(?:ed)?|comments?|cookies?|breadcrumbs?|signup|sign-up|recommended|most-read|popular|"
    r"tags|author-bio|paywall|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)
_EMBEDDED_POST = re.compile(r"twitter|tweet|telegram|instagram|facebook|embed|social-post", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, heading or list item of a page; ``embedded`` marks a quoted social-media post."""

    text: str
    embedded: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """The main text of a page as blocks, with the title and date from its metadata."""

    blocks: list[Block]
    title: str | None
    published: date | None


def parse_html(markup: str) -> lxml_html.HtmlElement:
    """The document tree of ``markup`` (lxml repairs broken markup); NormalizeError when there is none."""
    try:
        return lxml_html.document_fromstring(_XML_PROLOG.sub("", markup))
    except (etree.ParserError, ValueError) as error:
        raise NormalizeError(f"cannot parse the HTML ({error}); the file holds no markup") from None


def is_embedded_post(element: lxml_html.HtmlElement) -> bool:
    """True for a quoted Twitter/Telegram-style post (a blockquote marked as an embed)."""
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    return element.tag == "blockquote" and (
        bool(_EMBEDDED_POST.search(marks)) or element.get("data-telegram-post") is not None
    )


def is_boilerplate(element: lxml_html.HtmlElement) -> bool:
    """True for navigation, share counters, newsletter boxes, related links, comments and hidden parts."""
    if not isinstance(element.tag, str) or element.tag in _DROPPED_TAGS or element.get("hidden") is not None:
        return True
    if "display:none" in element.get("style", "").replace(" ", ""):
        return True
    return bool(_BOILERPLATE.search(f"{element.get('class', '')} {element.get('id', '')}"))


def inline_text(element: lxml_html.HtmlElement) -> str:
    """The visible text of ``element`` on one line, with breaks only at <br> and nested blocks."""
    parts: list[str] = []

    def walk(node: lxml_html.HtmlElement) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "br":
                parts.append("\n")
            elif not is_boilerplate(child) or is_embedded_post(child):
                breaks = "\n" if child.tag in _BLOCK_TAGS else ""
                parts.append(breaks)
                walk(child)
                parts.append(breaks)
            parts.append(child.tail or "")

    walk(element)
    return clean_inline("".join(parts))


def _has_block_descendant(element: lxml_html.HtmlElement) -> bool:
    return any(isinstance(node.tag, str) and node.tag in _BLOCK_TAGS for node in element.iterdescendants())


def html_blocks(
    element: lxml_html.HtmlElement, stop: lxml_html.HtmlElement | None = None, out: list[Block] | None = None
) -> list[Block]:
    """The blocks of ``element`` in reading order, without boilerplate, up to (not into) ``stop``."""
    blocks: list[Block] = [] if out is None else out
    _collect(element, blocks, stop)
    return blocks


def _collect(element: lxml_html.HtmlElement, out: list[Block], stop: lxml_html.HtmlElement | None) -> bool:
    """Append ``element``'s blocks to ``out``; True once ``stop`` is reached."""
    if element is stop:
        return True
    if is_embedded_post(element):
        text = inline_text(element)
        if text:
            out.append(Block(text, embedded=True))
        return False
    if is_boilerplate(element):
        return False
    if element.tag in _LEAF_TAGS or not _has_block_descendant(element):
        if stop is not None and any(node is stop for node in element.iterdescendants()):
            return True
        text = inline_text(element)
        if text:
            out.append(Block(BULLET + text if element.tag == "li" else text))
        return False
    if element.text and element.text.strip():
        out.append(Block(clean_inline(element.text)))
    for child in element:
        if _collect(child, out, stop):
            return True
        if child.tail and child.tail.strip():
            out.append(Block(clean_inline(child.tail)))
    return False


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def page_metadata(markup: str) -> tuple[str | None, date | None]:
    """The page's title and publication date from its metadata (trafilatura/htmldate)."""
    metadata = trafilatura.extract_metadata(_XML_PROLOG.sub("", markup), extensive=False)
    return metadata.title or None, _iso_date(metadata.date)


def _xml_blocks(main: etree._Element) -> list[Block]:
    """Blocks of trafilatura's XML output: headings, paragraphs, quotes, and each list item."""
    for line_break in main.iter("lb"):
        line_break.text = "\n"
    blocks: list[Block] = []
    for child in main:
        if child.tag == "list":
            items = (clean_inline("".join(item.itertext())) for item in child.iter("item"))
            blocks.extend(Block(BULLET + item) for item in items if item)
        else:
            text = clean_inline("".join(child.itertext()))
            if text:
                blocks.append(Block(text))
    return blocks


def extract_article(markup: str) -> Article:
    """The main text of an article page via trafilatura; the page walker when trafilatura finds none."""
    cleaned = _XML_PROLOG.sub("", markup)
    extracted = trafilatura.extract(
        cleaned,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if extracted:
        doc = etree.fromstring(extracted.encode("utf-8"))
        main = doc.find("main")
        blocks = _xml_blocks(main) if main is not None else []
        if blocks:
            return Article(blocks, doc.get("title") or None, _iso_date(doc.get("date")))
    root = parse_html(markup)
    body = root.find("body")
    title, published = page_metadata(markup)
    return Article(html_blocks(body if body is not None else root), title, published)
