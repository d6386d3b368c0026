"""The README's demo: state 2 yields exactly the expected changes, the third crawl none; deterministic."""

from __future__ import annotations

import os
import shlex
import subprocess

import feedparser
import pytest

from sample_site.build import EXPECTED_STATE2
from tests.conftest import run_demo_cli

pytestmark = pytest.mark.slow


def test_demo_reports_the_expected_changes(demo_run):
    data_dir, out = demo_run
    sections = out.split("\n2. ")[1].split("\n3. ")
    state1, state2, state3 = out.split("\n2. ")[0], sections[0], sections[1]
    expected = [change for changes in EXPECTED_STATE2.values() for change in changes]  # every source
    for kind, subject in expected:
        assert any(f"[{kind}]" in line and subject in line for line in state2.splitlines()), (kind, subject)
    assert f"; {len(expected)} change(s), " in state2.splitlines()[0] and "new watchlist hit(s)" in state2
    assert "0 change(s)" in state3.splitlines()[0]
    assert "alert [expected.late] SBM 022: the annotated agenda and its annexes is not out" in state1
    assert "alert [expected.arrived] SBM 022" in state2 and "alert [countdown] SBSTA 64 starts in 3 day(s)" in state2
    assert "Browser fetcher:" in out
    # SBM 022: 5 changes, 2 countdowns, the late annotated agenda and its arrival
    for name, entries in (("unfccc_documents.atom", 1 + len(EXPECTED_STATE2["unfccc_documents"])),
                          ("meetings/sbm-022.rss", 9)):
        parsed = feedparser.parse(data_dir / "feeds" / name)
        assert not parsed.bozo and len(parsed.entries) == entries, name
    assert (data_dir / "catalog.db").exists()


def test_every_feed_entry_links_to_the_thing_itself(demo_run):
    """A click on an entry leads to the document, file, table, meeting, deadline or source it is about:
    never to the feed server's root (33 of 43 entries once did)."""
    data_dir, _out = demo_run
    parsed = feedparser.parse(data_dir / "feeds" / "all.atom")
    assert len(parsed.entries) > 30
    for entry in parsed.entries:
        assert entry.link.startswith("https://") and entry.link.split("/")[2] != "127.0.0.1", entry.title


def test_demo_is_deterministic(demo_run, tmp_path):
    _data_dir, out = demo_run
    again = run_demo_cli(tmp_path)
    assert again.returncode == 0
    assert again.stdout == out


def test_the_commands_the_demo_suggests_work_as_printed(demo_run):
    data_dir, out = demo_run
    suggested = out.split("\nTry:\n", 1)[1].strip().splitlines()
    assert len(suggested) >= 3 and all(" --data-dir demo-data " in line for line in suggested)
    for line in suggested:
        proc = subprocess.run(shlex.split(line), cwd=data_dir.parent, capture_output=True, text=True, timeout=120,
                              env={k: v for k, v in os.environ.items() if not k.startswith("A6WATCH_")})
        assert proc.returncode == 0 and proc.stdout.strip(), (line, proc.stderr[-2000:])
        assert "no matches" not in proc.stdout


def test_demo_refuses_to_empty_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    proc = run_demo_cli(tmp_path, "--data-dir", str(tmp_path))
    assert proc.returncode == 2 and "not made by the demo" in proc.stderr
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_the_demo_writes_the_credit_landscape_joined_across_sources(demo_run):
    from openpyxl import load_workbook

    data_dir, _out = demo_run
    ws = load_workbook(data_dir / "landscape" / "credit-landscape.xlsx").active
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    gcc = rows["Global Carbon Council (GCC)"]  # ICVCM's and ICAO's rows, joined on the programme
    assert gcc["CCP (ICVCM)"] == "CCP-Eligible" and gcc["CORSIA eligible"] == "Eligible (First phase (2024-2026))"
    assert rows["ID_AM004"]["JCM"] == "Valid" and rows["ACM0002"]["Article 6.4 transition"] == "Transitioned"


def test_the_cop31_pack_lists_the_november_documents_and_the_draft_bracket_history(demo_run):
    """The combined COP 31 pack (COP 31, CMP 21, CMA 8, SB 65), English and Japanese, as a delegation opens
    it: every November document of the sample site in the spreadsheet, the meetings in Antalya, and the
    CMA draft decision's Rev.1 with what became of each bracket since L.1."""
    from openpyxl import load_workbook
    from parsel import Selector

    from core.meetings import session_of
    from sample_site.unfccc_documents import DRAFT_OUTCOME, state_documents

    data_dir, _out = demo_run
    keys = session_of("COP31").keys
    expected = {d.symbol for d in state_documents(2) if d.session in keys}
    assert len(expected) >= 5
    o = DRAFT_OUTCOME
    for folder, stem, line in (
            ("cop-31", "COP31-documents.xlsx",
             f"{o['resolved']} bracket(s) resolved, {o['removed']} removed, {o['new']} new since iteration 1"),
            ("cop-31-ja", "COP31-documents-ja.xlsx",
             f"第1版以降、角括弧の解消{o['resolved']}件・削除{o['removed']}件・新規{o['new']}件（未解消{o['open']}件）")):
        sheet = load_workbook(data_dir / "briefs" / folder / stem).worksheets[0]
        rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
        by_symbol = {r[0]: r for r in rows}
        assert expected <= set(by_symbol), (folder, expected - set(by_symbol))
        assert line in (by_symbol["FCCC/PA/CMA/2026/L.1/Rev.1"][-1] or ""), folder
        assert not by_symbol["FCCC/PA/CMA/2026/L.1"][-1]  # the superseded iteration carries no history
        page = Selector(text=(data_dir / "briefs" / folder / "index.html").read_text(encoding="utf-8"))
        text = " ".join(page.xpath("//body//text()").getall())
        assert text.count("Antalya, Türkiye") >= len(keys), folder  # every meeting's venue
        rows_html = [" ".join(" ".join(tr.xpath(".//text()").getall()).split()) for tr in page.xpath("//tr")]
        passages = [r for r in rows_html if r.startswith("[")]
        assert len(passages) == o["resolved"] + o["removed"] + o["open"], (folder, passages)
        new = [r for r in passages if r.startswith("[Urges participating Parties")]
        assert len(new) == 1 and ("iteration 2" in new[0] or "第2版" in new[0]), (folder, new)
