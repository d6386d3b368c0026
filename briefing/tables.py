"""The pack's spreadsheet (XLSX, openpyxl): the documents, and the deadlines on a second sheet, with
the workbook's title, author and subject set, links as hyperlinks, nothing hidden; and the documents
as CSV with a byte-order mark (so Excel reads its UTF-8)."""

from __future__ import annotations

import csv
from pathlib import Path

from briefing.view import DocView, PackView
from briefing.words import Words
from core.safe_output import append_as_text, csv_rows

COLUMNS = ("symbol", "doc_title", "type", "meeting", "agenda", "date", "version", "doc_status", "pages", "languages",
           "link", "excerpt", "changed", "brackets")
WIDTHS = {"symbol": 26, "doc_title": 60, "type": 18, "meeting": 16, "agenda": 40, "date": 14, "version": 10,
          "doc_status": 14, "pages": 8, "languages": 16, "link": 48, "excerpt": 80, "changed": 60, "brackets": 50}
DEADLINE_COLUMNS = ("due", "left_header", "deadline", "meeting", "doc_title", "link")
FILLS = {"new": "D8F3DC", "revised": "FFF1C2", "superseded": "E5E7EB", "withdrawn": "FAD4D4"}


def header(w: Words) -> list[str]:
    return [w[c] for c in COLUMNS]


def rows(view: PackView) -> list[list[str]]:
    out = []
    for section in view.sections:
        meeting, _, agenda = section.heading.partition(" · ")
        for d in section.docs:
            out.append([d.symbol, d.title, d.type, meeting, agenda, d.date, d.version, d.status, d.pages, d.languages,
                        d.link, d.excerpt, d.changed, d.brackets.line if d.brackets else ""])
    return out


def write_tables(view: PackView, w: Words, xlsx: Path, csv_path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = openpyxl.Workbook()
    wb.properties.title = view.title
    wb.properties.creator = "a6watch"
    wb.properties.subject = w.label("subject", name=view.title.split(": ", 1)[-1])
    wb.properties.language = view.lang
    ws = wb.active
    ws.title = w["documents"][:31]
    ws.append(header(w))
    docs: list[DocView] = [d for s in view.sections for d in s.docs]
    link_col = COLUMNS.index("link") + 1
    status_col = COLUMNS.index("doc_status") + 1
    for row, d in zip(rows(view), docs, strict=True):
        append_as_text(ws, row)
        r = ws.max_row
        if d.link.startswith(("https://", "http://")):
            ws.cell(r, link_col).hyperlink = d.link
            ws.cell(r, link_col).style = "Hyperlink"
        if d.status_key in FILLS:
            ws.cell(r, status_col).fill = PatternFill("solid", fgColor=FILLS[d.status_key])
            ws.cell(r, status_col).font = Font(bold=True)
    for i, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = WIDTHS[name]
    for line in ws.iter_rows(min_row=1):
        for c in line:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    deadlines = wb.create_sheet(w["deadlines"][:31])
    deadlines.append([w[c] for c in DEADLINE_COLUMNS])
    for dl in view.deadlines:
        append_as_text(deadlines, [dl.due, dl.left, dl.kind, dl.meeting, dl.title, dl.link])
        if dl.link.startswith(("https://", "http://")):
            cell = deadlines.cell(deadlines.max_row, len(DEADLINE_COLUMNS))
            cell.hyperlink, cell.style = dl.link, "Hyperlink"
    for i, width in enumerate((16, 16, 28, 20, 70, 60), start=1):
        deadlines.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    for c in deadlines[1]:
        c.font = Font(bold=True)
    wb.save(xlsx)
    with csv_path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(header(w))
        writer.writerows(csv_rows(rows(view)))
