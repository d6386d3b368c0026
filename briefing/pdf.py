"""The pack's PDF (reportlab). A TrueType CJK font is embedded so that Japanese headings render on any
reader (checked with pdffonts in the tests); without one, a Japanese pack is refused clearly."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Preformatted, SimpleDocTemplate, Spacer, Table, TableStyle

from a6watch.errors import A6WatchError
from briefing.collect import Brief

rl_config.invariant = 1
CJK_FONTS = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")


def _font(lang: str) -> str:
    for path in CJK_FONTS:
        if Path(path).exists():
            if "IPAGothic" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("IPAGothic", path))
            return "IPAGothic"
    if lang == "ja":
        raise A6WatchError("no Japanese font found for the PDF: install Debian's fonts-ipafont-gothic")
    return "Helvetica"


def write_pdf(brief: Brief, t: dict[str, str], lang: str, path: Path) -> None:
    font = _font(lang)
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=font, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=font)
    h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=font)
    mono = ParagraphStyle("mono", parent=body, fontSize=7, leading=8.5)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

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
        rows.append([p(e.agenda), p(d.symbol or ""), p(d.title or ""), p(str(d.publication_date or "")),
                     p(d.version_label or ""), p(", ".join(e.languages)), p(e.changed_since)])
    table = Table(rows, colWidths=[60, 95, 230, 55, 45, 45, 250], repeatRows=1)
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
