"""The report's PDF, set with the briefing packs' machinery (briefing.pdf.font_for: the embedded
Japanese font where one is installed); insertions and deletions in the paragraph diffs are shown
underlined in green and struck through in red; every page carries its number."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from briefing.pdf import font_for
from feeds.entry_body import MAX_PARAGRAPHS, marked_paragraph, read_stored_diff
from reports.collect import MorningReport
from reports.labels import LABELS
from reports.render import body_name, meeting_line

rl_config.invariant = 1
INS = '<u><font color="#006600">'
DEL = '<strike><font color="#aa0000">'


def _marks(html: str) -> str:
    """The feed's <ins>/<del> markup (its text already escaped) in reportlab's paragraph markup."""
    return (html.replace("<ins>", INS).replace("</ins>", "</font></u>")
            .replace("<del>", DEL).replace("</del>", "</font></strike>"))


def diff_paragraphs(text: str) -> list[str]:
    stored = read_stored_diff(text)
    items = [_marks(marked_paragraph(old, new)) for old, new in stored.changed]
    items += [f"{INS}{escape(p)}</font></u>" for p in stored.added]
    items += [f"{DEL}{escape(p)}</font></strike>" for p in stored.removed]
    return items[:MAX_PARAGRAPHS]


def write_pdf(report: MorningReport, path: Path) -> str:
    """Write the PDF; returns the font it is set in."""
    t = LABELS[report.lang]
    font = font_for(report.lang)
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=font, fontSize=9, leading=12,
                          wordWrap="CJK" if report.lang == "ja" else None)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, leftIndent=12)
    h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=font, fontSize=15)
    h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=font, fontSize=12)
    h3 = ParagraphStyle("h3", parent=base["Heading3"], fontName=font, fontSize=10)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    story: list[Any] = [p(f"{t['title']}: {report.name}, {report.at:%Y-%m-%d}", h1)]
    for m in report.meetings:
        story.append(p(meeting_line(report, m)))
    story.append(p(f"{t['window']} {report.since:%Y-%m-%d %H:%M} {t['and']} {report.at:%Y-%m-%d %H:%M} "
                   f"({report.zone})"))
    if not report.sections:
        story.append(p(t["nothing"]))
    for section in report.sections:
        story.append(p(body_name(section.body, report.lang), h2))
        for g in section.groups:
            story.append(p(t["meeting_news"] if g.agenda == "meeting" else (g.agenda or t["no_agenda"]), h3))
            for e in g.entries:
                story.append(p(e.symbol + (f" — {e.title}" if e.title and e.title != e.symbol else "")
                               + (f" ({t['type']}: {e.type})" if e.type else "")))
                for c in e.changes:
                    story.append(p(f"{c.when} [{c.label}] {c.summary}", small))
                    if c.diff:
                        story += [Paragraph(item, small) for item in diff_paragraphs(c.diff)]
                if e.brackets:
                    story.append(p(f"{t['brackets']}: {e.brackets}", small))
                if e.lead:
                    story.append(p(f"{t['action'] if e.lead_is_action else t['first']}: {e.lead}", small))
                story.append(Spacer(1, 4))
    story.append(p(t["hits"], h2))
    story += [p(f"[{h.watchlist}] {h.symbol} ({t['page']} {h.page}): {h.sentence}", small)
              for h in report.hits] or [p(t["none"])]
    story.append(p(t["deadlines"], h2))
    story += [p(f"{d.due.isoformat()} ({t['today'] if d.days_left == 0 else t['days_left'].format(n=d.days_left)}) "
                f"{d.meeting}: {d.title}", small)
              for d in report.deadlines] or [p(t["none"])]

    def number(canvas: Any, doc: Any) -> None:
        canvas.setFont(font, 8)
        canvas.drawRightString(A4[0] - 40, 25, f"{report.name} · {report.at:%Y-%m-%d} · {doc.page}")

    SimpleDocTemplate(str(path), pagesize=A4, title=f"{t['title']}: {report.name}, {report.at:%Y-%m-%d}",
                      author="a6watch", subject=f"{report.name} {t['window']} {report.since:%Y-%m-%d %H:%M}",
                      leftMargin=40, rightMargin=40).build(story, onFirstPage=number, onLaterPages=number)
    return font
