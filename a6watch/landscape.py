"""The credit-landscape table as an analyst opens it: ``<data>/landscape/credit-landscape.xlsx`` (one
row per programme or methodology; per fact its value, the date it was last seen and its source, a
link) and the same as CSV with a BOM (so Excel reads its UTF-8). Both are rebuilt with the outputs;
the SQL view ``landscape_facts`` is made again first (storage/landscape.py)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from core.safe_output import append_as_text, csv_rows
from core.watch_sources import LANDSCAPE_FACTS
from feeds.build import write_if_changed
from storage.db import Catalog
from storage.landscape import FACT_LABELS, LandscapeRow, landscape_rows, replace_view

XLSX_NAME = "credit-landscape.xlsx"
CSV_NAME = "credit-landscape.csv"


def header() -> list[str]:
    out = ["Programme / methodology"]
    for fact in LANDSCAPE_FACTS:
        label = FACT_LABELS[fact]
        out += [label, f"{label}: last seen", f"{label}: source"]
    return out


def cells(row: LandscapeRow) -> list[str]:
    out = [row.name]
    for fact in LANDSCAPE_FACTS:
        facts = row.facts.get(fact, [])
        values = []
        for f in facts:  # a CORSIA fact says its compliance period: "Eligible (First phase (2024-2026))"
            values.append(f"{f.value} ({f.column})" if fact == "corsia" and f.column and f.value else f.value)
        latest = max((f.last_seen_at for f in facts), default=None)
        out += ["; ".join(v for v in values if v), f"{latest:%Y-%m-%d}" if latest else "",
                "\n".join(dict.fromkeys(f.url for f in facts if f.url))]
    return out


def workbook_bytes(rows: list[LandscapeRow], now: datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Credit landscape"
    wb.properties.title = "Credit landscape: CCP, CORSIA, Article 6.4 transition, JCM"
    wb.properties.creator = "a6watch"
    wb.properties.subject = "Programmes and methodologies by the facts the watched sources publish"
    wb.properties.created = wb.properties.modified = now.replace(tzinfo=None)
    ws.append(header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_as_text(ws, cells(row))
        for col in range(4, len(header()) + 1, 3):  # each source column: a link to its first URL
            target = ws.cell(ws.max_row, col)
            if isinstance(target.value, str) and target.value.startswith(("http://", "https://")):
                target.hyperlink = target.value.split("\n")[0]
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    for i, title in enumerate(header(), start=1):
        ws.column_dimensions[get_column_letter(i)].width = 40 if i == 1 else 22 if "source" not in title else 30
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows: list[LandscapeRow]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerows(csv_rows([header(), *(cells(r) for r in rows)]))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_landscape(catalog: Catalog, folder: Path, now: datetime) -> list[Path]:
    """The view made again, then the XLSX and CSV, each rewritten only when its content changed."""
    replace_view(catalog)
    with catalog.session() as s:
        rows = landscape_rows(s)
    xlsx, table = folder / XLSX_NAME, folder / CSV_NAME
    previous = table.read_bytes() if table.is_file() else None
    data = csv_bytes(rows)
    if write_if_changed(table, data) or previous is None or not xlsx.is_file():
        write_if_changed(xlsx, workbook_bytes(rows, now))  # an XLSX's bytes carry its time: follow the CSV
    return [xlsx, table]
