"""Generated PDFs for the sample site (reportlab, deterministic bytes): single- and two-column
layouts, with the header block of a real UNFCCC document."""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from sample_site.content import SampleDoc

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


def document_pdf(doc: SampleDoc, language: str) -> bytes:
    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    template = BaseDocTemplate(buf, pagesize=A4, title=doc.title, author="UNFCCC secretariat",
                               leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    width, height = template.width, template.height
    if doc.two_column:
        gap = 0.8 * cm
        col = (width - gap) / 2
        frames = [Frame(template.leftMargin, template.bottomMargin, col, height, id="left"),
                  Frame(template.leftMargin + col + gap, template.bottomMargin, col, height, id="right")]
    else:
        frames = [Frame(template.leftMargin, template.bottomMargin, width, height, id="body")]
    template.addPageTemplates([PageTemplate(id="main", frames=frames)])
    story = [
        Paragraph(f"United Nations {doc.symbol}", styles["Normal"]),
        Paragraph(f"Distr.: General {doc.published.strftime('%d %B %Y')} Original: English", styles["Normal"]),
        Spacer(1, 12),
        Paragraph(doc.title, styles["Heading2"]),
    ]
    if language != "en" and language in doc.langs_text:
        story.append(Paragraph(doc.langs_text[language], styles["BodyText"]))
    else:
        repeats = 6 if doc.two_column else 2
        for n in range(repeats):
            for i, text in enumerate(doc.paragraphs, start=1):
                story.append(Paragraph(f"{n * len(doc.paragraphs) + i}. {text}", styles["BodyText"]))
    if doc.revision:
        story.append(Paragraph(f"Reissued for technical reasons (revision {doc.revision}).", styles["BodyText"]))
    template.build(story)
    return buf.getvalue()
