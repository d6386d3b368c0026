"""The pack's PDF (reportlab): Latin text in Helvetica (proportional); Japanese, and any character the
Latin font cannot show (→), in a Japanese font, run by run. Where a Japanese TrueType font is installed
(Debian's fonts-ipafont-gothic) it is embedded, so Japanese renders the same in every reader (checked
with pdffonts in the tests). Without one, Japanese is set in reportlab's built-in CID font
HeiseiKakuGo-W5 (Adobe-Japan1, no font file needed): every PDF reader with the standard Japanese support
shows it, and the text stays searchable. Every page is numbered ("Page 2 of 5")."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from briefing.view import DocView, PackView
from briefing.words import Words

rl_config.invariant = 1
CJK_FONTS = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")
CID_FONT = "HeiseiKakuGo-W5"
LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
CELL_CHARS = 600
PAGE = landscape(A4)
MARGIN = 36


def font_for(lang: str, candidates: Sequence[str] | None = None) -> str:
    """The font for Japanese (and other non-Latin) runs: an installed Japanese TrueType font
    (embedded), else the built-in CID font."""
    for path in CJK_FONTS if candidates is None else candidates:
        if Path(path).exists():
            if "IPAGothic" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("IPAGothic", path))
            return "IPAGothic"
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def font_note(font: str) -> str:
    """One line for the user when the PDF could not embed its Japanese font (empty when it did)."""
    if font != CID_FONT:
        return ""
    return (f"Japanese set in the built-in font {CID_FONT} (not embedded; readers supply it); "
            "install Debian's fonts-ipafont-gothic to embed IPAGothic")


def _latin(c: str) -> bool:
    try:
        c.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


class _Marker:
    """Escapes text and puts each run the Latin font cannot show into the Japanese font."""

    def __init__(self, cjk: str) -> None:
        self.cjk = cjk
        self.used = False

    def __call__(self, text: str) -> str:
        out = []
        for piece, latin in _split_runs(text):
            if latin:
                out.append(escape(piece))
            else:
                self.used = True
                out.append(f'<font name="{self.cjk}">{escape(piece)}</font>')
        return "".join(out)


def _split_runs(text: str) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    for c in text:
        latin = _latin(c)
        if runs and runs[-1][1] == latin:
            runs[-1] = (runs[-1][0] + c, latin)
        else:
            runs.append((c, latin))
    return runs


def _numbered(label: str, cjk: str) -> type[Canvas]:
    """A canvas that writes "Page n of N" at the foot of every page (N known once all are laid out)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                text = label.format(n=self._pageNumber, total=total)
                self.setFont(LATIN if all(_latin(c) for c in text) else cjk, 8)
                self.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, text)
                super().showPage()
            super().save()

    return NumberedCanvas


def write_pdf(view: PackView, w: Words, path: Path) -> str:
    """Write the PDF; returns the Japanese font it used, or the Latin font when it needed none."""
    cjk = font_for(view.lang)
    mark = _Marker(cjk)
    wrap = "CJK" if view.lang == "ja" else None
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=LATIN, fontSize=8, leading=10, wordWrap=wrap)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5)
    h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=LATIN_BOLD, fontSize=16, wordWrap=wrap)
    h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=LATIN_BOLD, fontSize=12, spaceBefore=8, wordWrap=wrap)
    h3 = ParagraphStyle("h3", parent=base["Heading3"], fontName=LATIN_BOLD, fontSize=10, spaceBefore=6, wordWrap=wrap)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(mark(text), style)

    def cell(text: str, style: ParagraphStyle = body) -> Paragraph:
        """At most CELL_CHARS (the whole text is in index.html and the spreadsheet), so one long title
        or a long list of changes can never make a row taller than a page."""
        return p(text if len(text) <= CELL_CHARS else text[:CELL_CHARS].rsplit(" ", 1)[0] + " …", style)

    t = w
    story: list[Flowable] = [p(view.title, h1), p(f"{t['generated']}: {view.generated}")]
    if view.missing:
        story.append(p(view.missing))
    facts = [[p(t[k]) for k in ("meeting", "body", "dates", "venue", "status", "countdown")]]
    facts += [[cell(m.name), cell(m.body), cell(m.dates), cell(m.venue), cell(m.status), cell(m.countdown)]
              for m in view.meetings]
    if view.meetings:
        story += [Spacer(1, 6), _table(facts, [150, 230, 110, 90, 60, 130])]
    if view.since:
        story.append(p(view.since))
    story.append(p(t["deadlines"], h2))
    if view.deadlines:
        rows = [[p(t[k]) for k in ("due", "left_header", "deadline", "meeting", "doc_title")]]
        rows += [[cell(d.due), cell(d.left), cell(d.kind), cell(d.meeting), cell(d.title)] for d in view.deadlines]
        story.append(_table(rows, [80, 80, 130, 130, 350]))
    else:
        story.append(p(t["none"]))
    story.append(p(t["late"], h2))
    story += [p(line) for line in view.late] or [p(t["none"])]
    story.append(p(t["documents"], h2))
    if not view.sections:
        story.append(p(t["none"]))
    widths = [75, 125, 300, 95, 95, 45, 35]
    for section in view.sections:
        story.append(p(f"{section.heading} ({section.body})" if section.body else section.heading, h3))
        rows = [[p(t[k]) for k in ("doc_status", "symbol", "doc_title", "type", "date", "version", "pages")]]
        spans = []
        for d in section.docs:
            rows.append([cell(d.status), cell(d.symbol), cell(d.title), cell(d.type), cell(d.date), cell(d.version),
                         cell(d.pages)])
            rows.append([cell(_details(d, t), small), "", "", "", "", "", ""])
            spans.append(len(rows) - 1)
        story.append(_table(rows, widths, spans))
    if any(d.diffs for s in view.sections for d in s.docs):
        story.append(p(t["diff_in_html"]))
    story.append(p(t["hits"], h2))
    if view.hits:
        rows = [[p(t[k]) for k in ("watchlist", "symbol", "languages", "page", "sentence")]]
        rows += [[cell(a), cell(b), cell(c), cell(d), cell(e)] for a, b, c, d, e in view.hits[:300]]
        story.append(_table(rows, [110, 130, 60, 30, 440]))
    else:
        story.append(p(t["none"]))
    SimpleDocTemplate(str(path), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                      bottomMargin=MARGIN, title=view.title, author="a6watch", lang=view.lang).build(
        story, canvasmaker=_numbered(t["page_number"], cjk))
    return cjk if mark.used or view.lang == "ja" else LATIN


def _details(d: DocView, t: Words) -> str:
    parts = [d.replaced_by] if d.replaced_by else []
    parts.append(f"{t['link']}: {d.link}")
    if d.languages:
        parts.append(f"{t['languages']}: {d.languages}")
    if d.excerpt:
        parts.append(f"{t['excerpt']}: {d.excerpt}")
    if d.changed:
        parts.append(f"{t['changed']}: {d.changed}")
    parts += [f"{t['diff']}: {diff.headline}" for diff in d.diffs]
    if d.brackets:
        parts.append(f"{t['brackets']}: {d.brackets.line}")
    return " · ".join(parts)


def _table(rows: list[list[Any]], widths: list[int], spans: Sequence[int] = ()) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    style = [("GRID", (0, 0), (-1, -1), 0.3, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), "#eeeeff")]
    style += [("SPAN", (0, r), (-1, r)) for r in spans]
    style += [("BACKGROUND", (0, r), (-1, r), "#f6f6f6") for r in spans]
    table.setStyle(TableStyle(style))
    return table
