"""The credit landscape, read as its clients do: the SQL view through ``a6watch sql`` (both databases),
the XLSX with openpyxl (properties, no hidden rows or columns, links), the CSV as Excel reads it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from a6watch.landscape import write_landscape
from core.items import RecordItem
from core.sources import SOURCES
from storage.landscape import join_key
from storage.recorder import Recorder
from tests.cli import a6watch
from tests.databases import database_url_for

NOW = datetime(2026, 6, 5, 6, 0, tzinfo=UTC)


def _page(source_id: str, table: str):
    return next(p for p in SOURCES[source_id].watch if p.table_id == table)


def _rows(catalog, clock, source_id, table, rows):
    page = _page(source_id, table)
    rec = Recorder(catalog, source_id, SOURCES[source_id].title, clock)
    rec.record_page(page.url, page.kind, len(rows), True)
    for key, fields in rows:
        rec.observe(RecordItem(source_id, page.url, table, key, page.name, key, fields, url=f"{page.url}#{key}"))
    rec.finish("complete", {})


def _fill(catalog, clock):
    _rows(catalog, clock, "icvcm", "icvcm_assessment_status", [
        ("Global Carbon Council (GCC)", {"Program": "Global Carbon Council (GCC)", "Status": "CCP-Eligible"}),
        ("Gold Standard", {"Program": "Gold Standard", "Status": "CCP-Eligible"})])
    _rows(catalog, clock, "corsia", "corsia_eligible_programmes", [
        ("GCC", {"Programme": "Global Carbon Council (GCC)", "First phase (2024-2026)": "Eligible"})])
    _rows(catalog, clock, "pacm", "pacm_transition_requests", [
        ("2845", {"Reference": "2845", "Methodology": "ACM0002", "Status": "Transitioned"})])
    _rows(catalog, clock, "jcm", "jcm_id_methodologies", [
        ("ID_AM004", {"Methodology No.": "ID_AM004", "Status": "Valid"})])


def test_the_landscape_joins_each_programme_across_sources(tmp_path, catalog, clock):
    _fill(catalog, clock)
    xlsx, table = write_landscape(catalog, tmp_path / "landscape", NOW)
    wb = load_workbook(xlsx)
    ws = wb.active
    assert wb.properties.title.startswith("Credit landscape") and wb.properties.creator == "a6watch"
    assert wb.properties.subject
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    gcc = rows["Global Carbon Council (GCC)"]  # one row: ICVCM and CORSIA name it alike
    assert gcc["CCP (ICVCM)"] == "CCP-Eligible"
    assert gcc["CORSIA eligible"] == "Eligible (First phase (2024-2026))"  # with its compliance period
    assert gcc["CCP (ICVCM): last seen"] == "2026-05-25"
    assert gcc["CORSIA eligible: source"].startswith("https://www.icao.int/icao-corsia-tab#")
    assert rows["ACM0002"]["Article 6.4 transition"] == "Transitioned"
    assert rows["ID_AM004"]["JCM"] == "Valid"
    assert not any(d.hidden for d in ws.row_dimensions.values())
    assert not any(d.hidden for d in ws.column_dimensions.values())
    at = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "Global Carbon Council (GCC)")
    link = ws.cell(at, header.index("CCP (ICVCM): source") + 1).hyperlink
    assert link is not None and link.target == gcc["CCP (ICVCM): source"]  # the source, one click away
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads the UTF-8
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[0] == header


def test_the_view_answers_sql_on_either_database(tmp_path, catalog, clock):
    _fill(catalog, clock)
    write_landscape(catalog, tmp_path / "landscape", NOW)
    env = {"A6WATCH_CONFIG": str(tmp_path / "none.toml"), "A6WATCH_DATA_DIR": str(tmp_path),
           "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
    proc = a6watch("sql", "--format", "csv",
                   "SELECT fact, name, value FROM landscape_facts ORDER BY fact, name", env=env)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[1:] == ["a64_transition,ACM0002,Transitioned", "ccp,Global Carbon Council (GCC),CCP-Eligible",
                         "ccp,Gold Standard,CCP-Eligible", "corsia,Global Carbon Council (GCC),Eligible",
                         "jcm,ID_AM004,Valid"]


def test_names_join_on_their_acronym_or_methodology_number():
    assert join_key("Global Carbon Council (GCC)") == join_key("GCC Program (GCC)") == "GCC"
    assert join_key("VCS ACM0002 v19") == "ACM0002"
    assert join_key("AMS-I.D.") == "AMS-I.D"
    assert join_key("Gold  Standard") == join_key("gold standard")
