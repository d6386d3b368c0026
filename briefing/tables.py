"""The pack's spreadsheet of documents: XLSX (openpyxl) and the same rows as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from briefing.collect import Brief
from core.safe_output import append_as_text, csv_rows

COLUMNS = ("symbol", "title", "type", "agenda item", "date", "version", "languages", "link", "status",
           "what changed since the previous meeting")


def rows(brief: Brief) -> list[list[str]]:
    out = []
    for e in brief.documents:
        d = e.document
        out.append([d.symbol or "", d.title or "", d.doc_type or "", e.agenda, str(d.publication_date or ""),
                    d.version_label or "", ", ".join(e.languages), d.url or "", d.status, e.changed_since])
    return out


def write_tables(brief: Brief, xlsx: Path, csv_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = brief.name[:31]
    ws.append(list(COLUMNS))
    for row in rows(brief):
        append_as_text(ws, row)
    ws.freeze_panes = "A2"
    wb.save(xlsx)
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(csv_rows(rows(brief)))
