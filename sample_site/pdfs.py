"""Generated PDFs for the sample site (reportlab, deterministic bytes): single- and two-column
layouts, with the header block of a real UNFCCC document. Each source module says what goes in them."""

from __future__ import annotations

import io
from datetime import date

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

rl_config.invariant = 1  # no timestamps or random ids: the same content gives the same bytes


def simple_pdf(reference: str, title: str, paragraphs: tuple[str, ...]) -> bytes:
    """A one-column document: reference, title and paragraphs (SBM and EB documents)."""
    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    template = BaseDocTemplate(buf, pagesize=A4, title=title, author="UNFCCC secretariat")
    template.addPageTemplates([PageTemplate(id="main", frames=[
        Frame(template.leftMargin, template.bottomMargin, template.width, template.height)])])
    story = [Paragraph(reference, styles["Normal"]), Spacer(1, 12), Paragraph(title, styles["Heading2"])]
    story += [Paragraph(f"{i}. {text}", styles["BodyText"]) for i, text in enumerate(paragraphs, start=1)]
    template.build(story)
    return buf.getvalue()


def official_pdf(symbol: str, title: str, published: date, paragraphs: list[str], two_column: bool) -> bytes:
    """A UNFCCC session document: the header block (symbol, distribution, date), the title and the numbered
    paragraphs, in one or two columns (unfccc_documents)."""
    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    template = BaseDocTemplate(buf, pagesize=A4, title=title, author="UNFCCC secretariat",
                               leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    width, height = template.width, template.height
    if two_column:
        gap = 0.8 * cm
        col = (width - gap) / 2
        frames = [Frame(template.leftMargin, template.bottomMargin, col, height, id="left"),
                  Frame(template.leftMargin + col + gap, template.bottomMargin, col, height, id="right")]
    else:
        frames = [Frame(template.leftMargin, template.bottomMargin, width, height, id="body")]
    template.addPageTemplates([PageTemplate(id="main", frames=frames)])
    story = [
        Paragraph(f"United Nations {symbol}", styles["Normal"]),
        Paragraph(f"Distr.: General {published.strftime('%d %B %Y')} Original: English", styles["Normal"]),
        Spacer(1, 12),
        Paragraph(title, styles["Heading2"]),
    ]
    story += [Paragraph(text, styles["BodyText"]) for text in paragraphs]
    template.build(story)
    return buf.getvalue()
