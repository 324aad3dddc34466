"""The daily briefing: the day's developments by area, cited, as Markdown or an HTML fragment (PDF: the
optional ``pdf`` extra, in :mod:`frontwatch.briefing.pdf`)."""

from frontwatch.briefing.build import (
    Briefing,
    Reference,
    Section,
    Sentence,
    build_briefing,
    compose_briefing,
)
from frontwatch.briefing.render import render_html, render_markdown

__all__ = [
    "Briefing", "Reference", "Section", "Sentence", "build_briefing", "compose_briefing", "render_html",
    "render_markdown",
]  # fmt: skip
