"""The pack's PDF (reportlab). Where a Japanese TrueType font is installed (Debian's fonts-ipafont-gothic)
it is embedded, so Japanese text renders the same in every reader (checked with pdffonts in the tests).
Without one, Japanese is set in reportlab's built-in CID font HeiseiKakuGo-W5 (Adobe-Japan1, no font file
needed): every PDF reader with the standard Japanese support shows it, and the text stays searchable."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Preformatted, SimpleDocTemplate, Spacer, Table, TableStyle

from briefing.collect import Brief

rl_config.invariant = 1
CJK_FONTS = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")


CID_FONT = "HeiseiKakuGo-W5"
CELL_CHARS = 600


def font_for(lang: str, candidates: Sequence[str] | None = None) -> str:
    """The font the pack's PDF is set in: an installed Japanese TrueType font (embedded), else for a
    Japanese pack the built-in CID font, else Helvetica."""
    for path in CJK_FONTS if candidates is None else candidates:
        if Path(path).exists():
            if "IPAGothic" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("IPAGothic", path))
            return "IPAGothic"
    if lang == "ja":
        if CID_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
        return CID_FONT
    return "Helvetica"


def font_note(font: str) -> str:
    """One line for the user when the PDF could not embed its Japanese font (empty when it did)."""
    if font != CID_FONT:
        return ""
    return (f"Japanese set in the built-in font {CID_FONT} (not embedded; readers supply it); "
            "install Debian's fonts-ipafont-gothic to embed IPAGothic")


def write_pdf(brief: Brief, t: dict[str, str], lang: str, path: Path) -> str:
    """Write the PDF; returns the font it is set in."""
    font = font_for(lang)
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=font, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=font)
    h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=font)
    mono = ParagraphStyle("mono", parent=body, fontSize=7, leading=8.5)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    def cell(text: str) -> Paragraph:
        """A table cell: at most CELL_CHARS (the whole text is in index.html and the spreadsheet), so
        one long title or a long list of changes can never make a row taller than a page."""
        return p(text if len(text) <= CELL_CHARS else text[:CELL_CHARS].rstrip() + " …")

    story: list = [p(f"{t['title']}: {brief.name}", h1),
                   p(f"{t['generated']}: {brief.generated:%Y-%m-%d %H:%M} UTC")]
    for m in brief.meetings:
        story.append(p(f"{m.code} {m.title or ''} — {m.start_date or ''} – {m.end_date or ''}, {m.venue or ''} "
                       f"({m.status})"))
    story += [Spacer(1, 8), p(t["late"], h2)]
    story += [p(c.summary) for c in brief.late] or [p(t["none"])]
    story += [p(t["documents"], h2)]
    rows = [[p(t["agenda"]), p(t["symbol"]), p(t["doc_title"]), p(t["date"]), p(t["version"]), p(t["languages"]),
             p(t["changed"])]]
    for e in brief.documents:
        d = e.document
        rows.append([cell(e.agenda), cell(d.symbol or ""), cell(d.title or ""), cell(str(d.publication_date or "")),
                     cell(d.version_label or ""), cell(", ".join(e.languages)), cell(e.changed_since)])
    table = Table(rows, colWidths=[60, 95, 230, 55, 45, 45, 250], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), "#eeeeff")]))
    story.append(table)
    for e in brief.documents:
        for c in e.changes:
            if c.diff:
                story += [p(f"{t['diff']}: {e.document.symbol or e.document.title}", h2),
                          Preformatted(c.diff[:6000], mono)]
    story += [p(t["hits"], h2)]
    story += [p(f"[{h.watchlist}] {d.symbol or d.title} ({h.language}, {t['page']} {h.page}): {h.sentence}")
              for h, d in brief.hits[:300]] or [p(t["none"])]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), title=f"{t['title']}: {brief.name}",
                      author="a6watch").build(story)
    return font
