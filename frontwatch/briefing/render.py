"""The briefing as Markdown and as an HTML fragment; every stored string is treated as hostile.

Markdown: whitespace is collapsed (no stored text can open a block of its own) and every character
with a meaning in Markdown or inline HTML is backslash-escaped, so a title can neither link nor inject
tags. Links are written only for http(s) URLs, percent-encoded inside ``<…>``. HTML: every text and
attribute is escaped; links only for http(s) URLs.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

from frontwatch.briefing.build import Briefing, Reference, Sentence

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")
URL_SAFE = ":/?#@!$&'*+,;=%~-._"


def safe_url(url: str | None) -> str | None:
    """The URL percent-encoded where needed, or None unless it is an http(s) URL with a host."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=URL_SAFE)


def markdown_text(text: str) -> str:
    """Plain text for Markdown: one line, every Markdown/HTML metacharacter escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def reference_label(reference: Reference) -> str:
    return reference.title or f"untitled document {reference.doc_id[:12]}"


def render_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: a heading per area, a bullet per development, then the references."""
    lines = [f"# {markdown_text(briefing.title)}", ""]
    if not briefing.sections:
        return "\n".join([*lines, markdown_text(briefing.empty_statement), ""])
    for section in briefing.sections:
        lines += [f"## {markdown_text(section.area)}", ""]
        lines += [f"- {markdown_text(s.text)} {markdown_citations(s)}" for s in section.sentences]
        lines.append("")
    lines += ["## References", ""]
    lines += [markdown_reference(reference) for reference in briefing.references]
    return "\n".join([*lines, ""])


def markdown_citations(sentence: Sentence) -> str:
    return "".join(f"\\[{number}\\]" for number in sentence.citations)


def markdown_reference(reference: Reference) -> str:
    label = markdown_text(reference_label(reference))
    url = safe_url(reference.url)
    linked = f"[{label}](<{url}>)" if url else label
    return f"{reference.number}. {linked} — {markdown_text(', '.join(reference.claimants))}"


def render_html(briefing: Briefing) -> str:
    """The briefing as a self-contained HTML fragment (an ``<article>``), every value escaped."""
    esc = html.escape
    parts = [
        f'<article class="briefing" data-date="{briefing.day.isoformat()}">',
        f"<h1>{esc(briefing.title)}</h1>",
    ]
    if not briefing.sections:
        parts.append(f'<p class="briefing-empty">{esc(briefing.empty_statement)}</p>')
    for section in briefing.sections:
        parts.append(f'<section class="briefing-area"><h2>{esc(section.area)}</h2><ul>')
        parts += [html_sentence(sentence) for sentence in section.sentences]
        parts.append("</ul></section>")
    if briefing.references:
        parts.append('<section class="briefing-references"><h2>References</h2><ol>')
        parts += [html_reference(reference) for reference in briefing.references]
        parts.append("</ol></section>")
    parts.append("</article>")
    return "\n".join(parts) + "\n"


def html_sentence(sentence: Sentence) -> str:
    citations = "".join(f'<a class="citation" href="#ref-{n}">[{n}]</a>' for n in sentence.citations)
    event_link = f"/events/{quote(sentence.event_id, safe='')}"
    return (
        f'<li class="status-{html.escape(sentence.status)}">{html.escape(sentence.text)} {citations} '
        f'<a class="event-link" href="{html.escape(event_link)}">event</a></li>'
    )


def html_reference(reference: Reference) -> str:
    label = html.escape(reference_label(reference))
    url = safe_url(reference.url)
    linked = f'<a href="{html.escape(url)}" rel="noopener noreferrer nofollow">{label}</a>' if url else label
    claimants = html.escape(", ".join(reference.claimants))
    return f'<li id="ref-{reference.number}">{linked} — {claimants}</li>'
