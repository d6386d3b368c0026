"""The outputs analysts read, on the demo catalog: calendars, briefing packs, watchlist feeds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import openpyxl
import pytest
from icalendar import Calendar
from sqlalchemy import select

from briefing.pdf import CID_FONT, CJK_FONTS
from storage.db import Catalog
from storage.models import WatchHit

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")


def test_calendars_parse_with_meetings_deadlines_events_and_reminders(demo_run):
    data_dir, _ = demo_run
    cal = Calendar.from_ical((data_dir / "calendars" / "all.ics").read_bytes())
    events = {str(e.get("uid")): e for e in cal.walk("VEVENT")}
    sbm23 = events["meeting-sbm-023@a6watch"]
    assert str(sbm23.get("status")) == "TENTATIVE" and sbm23.decoded("dtstart").isoformat() == "2026-07-21"
    assert any(str(e.get("summary")).startswith("Deadline: Call for input: SBM022") for e in events.values())
    assert any(str(e.get("summary")) == "A6IP: 5th A6IP Working Group on Registries" for e in events.values())
    assert all(e.walk("VALARM") for e in events.values())
    per_body = Calendar.from_ical((data_dir / "calendars" / "eb.ics").read_bytes())
    assert {str(e.get("uid")) for e in per_body.walk("VEVENT")} >= {"meeting-eb-128@a6watch"}


def test_watchlist_hits_have_their_own_feeds_with_new_sentences_only(demo_run):
    data_dir, _ = demo_run
    feed = feedparser.parse(data_dir / "feeds" / "watch" / "corresponding-adjustments.atom")
    assert not feed.bozo and feed.entries
    assert all("corresponding adjustment" in e.summary.lower() for e in feed.entries)
    all_feed = feedparser.parse(data_dir / "feeds" / "all.atom")
    assert not any("watchlist hit" in e.title for e in all_feed.entries)
    catalog = Catalog(f"sqlite:///{data_dir / 'catalog.db'}")  # the demo's embedded catalog
    with catalog.session() as s:
        repeats = s.scalars(select(WatchHit).where(WatchHit.is_new.is_(False))).all()
    catalog.close()
    assert repeats  # the Rev.1 repeats sentences of the original: recorded, but not new


def test_briefing_pack_files_spreadsheet_and_pdf(demo_run):
    data_dir, _ = demo_run
    pack = data_dir / "briefs" / "sbm-022"
    wb = openpyxl.load_workbook(pack / "SBM022-documents.xlsx")
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Symbol", "Title", "Type")
    assert [r[0] for r in rows[1:]] == ["A6.4-SBM022-AA", "A6.4-SBM022-PA", "A6.4-SBM022-AA-A02", "A6.4-SBM022-AA-A01"]
    link, date = rows[0].index("Link"), rows[0].index("Date")
    assert all(r[link].startswith("https://") and r[date] for r in rows[1:])  # SBM documents: dated and linked
    assert (pack / "SBM022-documents.csv").read_text(encoding="utf-8-sig").count("\n") == 5
    assert (data_dir / "briefs" / "sbm-022.zip").exists()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pack / "SBM022-brief.pdf"), "-"], capture_output=True,
                              text=True).stdout
        assert "Briefing pack: SBM 022" in text and "A6.4-SBM022-AA-A01" in text
        assert "Call for input: SBM022 - annotated agenda and related annexes" in text  # its deadlines
    ja_pdf = data_dir / "briefs" / "sbm-022-ja" / "SBM022-brief-ja.pdf"
    assert "ブリーフィング資料" in _pdf_text(ja_pdf) and "議題別の文書" in _pdf_text(ja_pdf)
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(ja_pdf)], capture_output=True, text=True).stdout
        if any(Path(f).exists() for f in CJK_FONTS):
            cjk = [line for line in fonts.splitlines() if "IPAGothic" in line]
            assert cjk and " yes " in cjk[0]  # the Japanese font is embedded
        else:
            assert CID_FONT in fonts


def _pdf_text(path: Path) -> str:
    """The text a PDF reader finds (pdfium), page by page."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_without_a_japanese_font_the_japanese_pack_is_still_written_and_readable(demo_run, tmp_path, monkeypatch):
    """A machine without fonts-ipafont-gothic: the Japanese PDF is set in reportlab's built-in CID font
    (no font file needed), its text is Japanese to a reader, and the pack says so in one line."""
    from datetime import UTC, datetime

    import briefing.pdf
    from briefing.pack import build_pack

    monkeypatch.setattr(briefing.pdf, "CJK_FONTS", ())
    data_dir, _ = demo_run
    catalog = Catalog(f"sqlite:///{data_dir / 'catalog.db'}")
    try:
        pack = build_pack(catalog, tmp_path, "SBM022", datetime(2026, 6, 5, 12, tzinfo=UTC), "ja")
    finally:
        catalog.close()
    pdf = pack.folder / "SBM022-brief-ja.pdf"
    assert f"/BaseFont /{CID_FONT}".encode() in pdf.read_bytes()
    assert "ブリーフィング資料" in _pdf_text(pdf) and "A6.4-SBM022-AA" in _pdf_text(pdf)
    assert "fonts-ipafont-gothic" in pack.note and "\n" not in pack.note


def test_sb64_pack_covers_both_sessions_with_diffs(demo_run):
    data_dir, _ = demo_run
    html = (data_dir / "briefs" / "sb-64" / "index.html").read_text()
    assert "SBSTA 64" in html and "SBI 64" in html
    assert "FCCC/SBSTA/2026/2/Rev.1" in html and "Differences from the previous version" in html
    assert html.index("SBSTA 64 · Agenda item 12 (a)") < html.index("SBSTA 64 · Agenda item 12 (b)")
    assert 'class="badge withdrawn"' in html and 'class="badge superseded"' in html


def test_the_demo_writes_a_cop31_pack_in_english_and_japanese(demo_run):
    data_dir, _ = demo_run
    for folder, stem in (("cop-31", "COP31-documents"), ("cop-31-ja", "COP31-documents-ja")):
        pack = data_dir / "briefs" / folder
        assert (pack / "index.html").is_file() and (pack / f"{stem}.xlsx").is_file()
    assert "COP 31" in (data_dir / "briefs" / "cop-31" / "index.html").read_text()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")
def test_briefing_pack_html_loads_in_chromium_and_every_link_resolves_inside_the_pack(demo_run):
    from playwright.sync_api import sync_playwright

    data_dir, _ = demo_run
    pack = data_dir / "briefs" / "sbm-022-ja"
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((pack / "index.html").as_uri())
        assert "ブリーフィング資料" in page.title()
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no overflow
        browser.close()
    assert errors == []
    local = [h for h in hrefs if not urlsplit(h).scheme]
    assert local and all((pack / unquote(h)).is_file() for h in local)
    assert all(urlsplit(h).scheme == "https" for h in hrefs if urlsplit(h).scheme)


def test_every_feed_of_the_demo_parses_and_keeps_its_ids_when_rebuilt(demo_run, tmp_path):
    from feeds.build import build_feeds

    data_dir, _ = demo_run
    paths = sorted((data_dir / "feeds").rglob("*.atom")) + sorted((data_dir / "feeds").rglob("*.rss"))
    assert len(paths) >= 40
    ids = {}
    for path in paths:
        parsed = feedparser.parse(path)
        assert not parsed.bozo, (path, parsed.bozo_exception)
        ids[path.relative_to(data_dir / "feeds")] = [e.id for e in parsed.entries]
    catalog = Catalog(f"sqlite:///{data_dir / 'catalog.db'}")  # the demo's embedded catalog
    rebuilt = build_feeds(catalog, tmp_path, "http://127.0.0.1:8765/")
    catalog.close()
    for path in rebuilt:
        assert [e.id for e in feedparser.parse(path).entries] == ids[path.relative_to(tmp_path)]
