"""The briefing as PDF, with the optional ``pdf`` extra (fpdf2) and a Unicode TrueType font.

Same content and order as the Markdown and HTML: a heading per area, a bullet per development with its
citations [1][2] (each a link to its entry in the references), then the numbered references, linked only
for http(s) URLs. Stored text is only ever drawn as text. Deterministic: the document's dates are the
briefing's day, so one briefing always gives the same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from frontwatch.briefing.build import Briefing, Sentence
from frontwatch.briefing.render import reference_label, safe_url
from frontwatch.errors import InputError

if TYPE_CHECKING:
    from fpdf import FPDF

DEFAULT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""DejaVu Sans from Debian's fonts-dejavu-core (which Debian's chromium pulls in)."""

FONT = "briefing"
LINE_MM = 6.0
BULLET_INDENT_MM = 5.0


def new_document(briefing: Briefing, font: Path) -> FPDF:
    """An empty A4 document titled as the briefing, dated its day, with ``font`` loaded.

    Raises InputError, saying what to install, when fpdf2 or the font is missing.
    """
    try:
        from fpdf import FPDF
    except ImportError as exc:
        raise InputError(
            "PDF briefings need the optional 'pdf' extra: pip install 'frontwatch[pdf]' (fpdf2)"
        ) from exc
    if not font.is_file():
        raise InputError(
            f"no font at {font}; install Debian's fonts-dejavu-core or pass --font with a TrueType "
            "(.ttf) file"
        )
    document = FPDF(format="A4")
    document.set_creation_date(datetime(briefing.day.year, briefing.day.month, briefing.day.day, tzinfo=UTC))
    document.set_title(briefing.title)
    document.set_creator("frontwatch")
    document.add_font(FONT, fname=font)
    document.add_page()
    return document


def render_pdf(briefing: Briefing, font: Path = DEFAULT_FONT) -> bytes:
    """The briefing as a PDF document."""
    document = new_document(briefing, font)
    heading(document, briefing.title, 16)
    if not briefing.sections:
        paragraph(document, briefing.empty_statement)
        return bytes(document.output())
    anchors = {reference.number: document.add_link() for reference in briefing.references}
    for section in briefing.sections:
        heading(document, section.area, 13)
        for sentence in section.sentences:
            bullet(document, sentence, anchors)
    heading(document, "References", 13)
    for reference in briefing.references:
        document.set_link(anchors[reference.number], y=document.get_y(), page=document.page)
        url = safe_url(reference.url)
        document.set_font(FONT, size=10)
        document.write(LINE_MM, f"{reference.number}. ")
        document.write(LINE_MM, one_line(reference_label(reference)), link=url or "")
        document.write(LINE_MM, f" — {one_line(', '.join(reference.claimants))}")
        document.ln(LINE_MM + 1)
    return bytes(document.output())


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks in stored titles too) as one space."""
    return " ".join(text.split())


def heading(document: FPDF, text: str, size: float) -> None:
    document.set_font(FONT, size=size)
    document.ln(2)
    document.multi_cell(0, size * 0.5, one_line(text), align="L", new_x="LMARGIN", new_y="NEXT")
    document.ln(1)


def paragraph(document: FPDF, text: str) -> None:
    document.set_font(FONT, size=11)
    document.multi_cell(0, LINE_MM, one_line(text), align="L", new_x="LMARGIN", new_y="NEXT")


def bullet(document: FPDF, sentence: Sentence, anchors: dict[int, int]) -> None:
    """One development with a hanging bullet, its citations linked to their references."""
    margin = document.l_margin
    document.set_font(FONT, size=11)
    document.write(LINE_MM, "•")
    document.set_left_margin(margin + BULLET_INDENT_MM)
    document.set_x(margin + BULLET_INDENT_MM)
    document.write(LINE_MM, f"{one_line(sentence.text)} ")
    for number in sentence.citations:
        document.write(LINE_MM, f"[{number}]", link=anchors[number])
    document.set_left_margin(margin)
    document.ln(LINE_MM + 1)
