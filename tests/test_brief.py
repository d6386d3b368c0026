"""Briefing packs as a delegation reads them, opened in their real clients: openpyxl (properties,
nothing hidden, hyperlinks), pdftotext and pdfium (page numbers, whole words, fonts), csv with a BOM,
the HTML page's text; the Japanese pack reads as Japanese; unknown meetings are one-line errors."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from briefing import glossary_ja, labels
from briefing.pack import build_pack
from core.brackets import passages
from core.diffs import paragraphs
from core.items import AgendaRef, DeadlineItem, MeetingItem
from core.meetings import pack_of, session_of
from tests.cli import a6watch
from tests.databases import database_url_for
from tests.test_recorder import doc, run, stored

NOW = datetime(2026, 6, 5, 12, tzinfo=UTC)  # SB 64 opens on 8 June: 3 days ahead
SESSION = "https://unfccc.int/event/sbsta-64"
SBSTA_AGENDA = [AgendaRef("sbsta-64", n, t) for n, t in (
    ("2 (a)", "Adoption of the agenda"), ("10", "Research and systematic observation"),
    ("12 (a)", "Guidance on cooperative approaches referred to in Article 6, paragraph 2"),
    ("12 (b)", "Rules, modalities and procedures for the mechanism established by Article 6, paragraph 4"))]
DRAFTS = (  # three iterations of draft conclusions, as negotiators bracket them
    "1. The SBSTA [welcomed][noted] the synthesis report on [initial reports] and ITMOs.\n"
    "2. [Option A: Parties shall apply corresponding adjustments annually]",
    "1. The SBSTA welcomed the synthesis report on [initial reports] and ITMOs.\n"
    "2. [Option A: Parties shall apply corresponding adjustments annually and consistently]\n"
    "3. [The SBSTA requested the secretariat to prepare a technical paper]",
    "1. The SBSTA welcomed the synthesis report on initial reports and ITMOs.\n"
    "3. [The SBSTA requested the secretariat to prepare a technical paper]\n"
    "4. [Registry access for observers]",
)


def meetings(agenda: bool = True) -> list[MeetingItem]:
    conference = "Bonn Climate Change Conference - June 2026"
    return [MeetingItem("unfccc_documents", SESSION, "sbsta-64", "SBSTA", 64, "SBSTA 64", date(2026, 6, 8),
                        date(2026, 6, 18), "Bonn, Germany", conference, "confirmed", SBSTA_AGENDA if agenda else []),
            MeetingItem("unfccc_documents", SESSION, "sbi-64", "SBI", 64, "SBI 64", date(2026, 6, 8),
                        date(2026, 6, 18), "Bonn, Germany", conference, "confirmed",
                        [AgendaRef("sbi-64", "19", "Administrative, financial and institutional matters")])]


def sdoc(symbol: str, title: str, agenda: str, meeting: str = "sbsta-64", **kw):
    ref = next((a for a in SBSTA_AGENDA if a.number == agenda), AgendaRef(meeting, agenda))
    return doc(symbol, title, page=SESSION, meetings=[meeting], agenda_items=[ref],
               url=f"https://unfccc.int/documents/{abs(hash(symbol)) % 100000}", **kw)


def deadline(kind: str, title: str, due: date, key: str) -> DeadlineItem:
    return DeadlineItem("unfccc_documents", SESSION, f"{SESSION}#{key}", kind, title, due, "sbsta-64")


@pytest.fixture
def sb64(catalog, clock):
    """SB 64 over three crawls: documents under four SBSTA items and one SBI item, a Rev.1 superseding
    its original, a withdrawal, deadlines, and draft conclusions in three bracketed iterations."""
    base = [
        sdoc("FCCC/SBSTA/2026/1", "Reports on research", "12 (b)"),
        sdoc("FCCC/SBSTA/2026/2", "Guidance on cooperative approaches. Annual information", "12 (a)"),
        sdoc("FCCC/SBSTA/2026/3", "Research and systematic observation", "10"),
        sdoc("FCCC/SBSTA/2026/4", "Provisional agenda and annotations", "2 (a)", doc_type="Agendas and annotations"),
        sdoc("FCCC/SBI/2026/5", "Report on the status of submissions", "19", meeting="sbi-64"),
        stored("FCCC/SBSTA/2026/2", "a", pages=14, text="United Nations FCCC/SBSTA/2026/2\nDistr.: General\n\n"
               "1. Each participating Party shall report its authorization of ITMOs in its initial report."),
        deadline("observer_registration", "SB 64: observer registration", date(2026, 6, 1), "observers"),
        deadline("call_for_input", "Submissions on Article 6.2 reporting", date(2026, 6, 15), "submissions"),
    ]
    l2 = sdoc("FCCC/SBSTA/2026/L.2", "Guidance on cooperative approaches. Draft conclusions proposed by the Chair",
              "12 (a)", doc_type="Draft conclusions")
    run(catalog, clock, *meetings(), *base, l2, stored("FCCC/SBSTA/2026/L.2", "b", text=DRAFTS[0], pages=2))
    new = sdoc("FCCC/SBSTA/2026/INF.1", "Research dialogue. Summary report", "10")
    rev = sdoc("FCCC/SBSTA/2026/2/Rev.1", "Guidance on cooperative approaches. Annual information. Revision",
               "12 (a)")
    withdrawn = sdoc("FCCC/SBI/2026/5", "Report on the status of submissions", "19", meeting="sbi-64",
                     status="withdrawn")
    run(catalog, clock, *meetings(), *base[:4], withdrawn, *base[5:], rev, l2, new,
        stored("FCCC/SBSTA/2026/L.2", "c", text=DRAFTS[1], pages=2))
    run(catalog, clock, *meetings(), *base[:4], withdrawn, *base[5:], rev, l2, new,
        stored("FCCC/SBSTA/2026/L.2", "d", text=DRAFTS[2], pages=3))
    return catalog


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag, attrs):
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip = False

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _page(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _headings(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h3>(.*?)</h3>", html, re.S)]


def test_sessions_a_pack_can_cover():
    assert session_of("SB64").keys == ("sbsta-64", "sbi-64")
    cop = session_of("COP 31")
    assert cop.keys == ("cop-31", "cmp-21", "cma-8", "sbsta-65", "sbi-65") and cop.stem == "COP31"
    assert session_of("cop-30").keys == ("cop-30", "cmp-20", "cma-7", "sbsta-63", "sbi-63")
    assert session_of("SBM 022").keys == ("sbm-022",) and session_of("SBM022").stem == "SBM022"
    assert [pack_of(k) for k in ("sbsta-64", "sbi-64", "sbi-65", "cma-8", "cmp-21", "cop-31", "sbm-022")] == [
        "SB64", "SB64", "COP31", "COP31", "COP31", "COP31", "sbm-022"]


def test_after_a_crawl_one_pack_per_session_is_rebuilt(sb64, tmp_path):
    from a6watch.outputs import refresh
    from core.config import load_settings

    settings = load_settings(None, env={"A6WATCH_CONFIG": str(tmp_path / "none.toml"),
                                        "A6WATCH_DATA_DIR": str(tmp_path),
                                        "A6WATCH_DATABASE_URL": database_url_for(tmp_path)})
    out = refresh(settings, sb64, NOW)
    assert out.failures == [] and [p.name for p in out.packs] == ["sb-64"]  # not one per SBSTA and SBI


def test_the_pack_orders_agenda_items_naturally_labels_bodies_and_shows_each_documents_facts(sb64, tmp_path):
    pack = build_pack(sb64, tmp_path, "SB64", NOW)
    page = _page(pack.folder / "index.html")
    headings = _headings(pack.folder / "index.html")
    order = [re.search(r"(\d+ \([ab]\)|\b\d+\b(?= ))", h.split("·")[1]).group(1) for h in headings]
    assert order == ["2 (a)", "10", "12 (a)", "12 (b)", "19"]
    assert all(h.startswith("SBSTA 64") for h in headings[:4]) and headings[4].startswith("SBI 64")
    assert "Subsidiary Body for Implementation" in headings[4]
    text = " ".join(page.parts)
    assert "starts in 3 day(s)" in text  # the countdown, from the injected time
    assert "SB 64: observer registration" in text and "closed 4 day(s) ago" in text
    assert "Submissions on Article 6.2 reporting" in text and "10 day(s) left" in text
    html = (pack.folder / "index.html").read_text(encoding="utf-8")
    for status in ("new", "revised", "superseded", "withdrawn"):
        assert f'class="badge {status}"' in html, status
    assert "superseded by FCCC/SBSTA/2026/2/Rev.1" in text
    assert "Each participating Party shall report its authorization of ITMOs" in text  # first paragraph
    rows = list(openpyxl.load_workbook(pack.outputs["xlsx"]).active.iter_rows(values_only=True))
    head = rows[0]
    assert all(r[head.index("Date")] and r[head.index("Link")] for r in rows[1:])  # never empty
    assert [r[head.index("Pages")] for r in rows[1:] if r[0] == "FCCC/SBSTA/2026/2"] == ["14"]


def test_bracket_history_of_the_draft_conclusions_is_in_the_pack(sb64, tmp_path):
    pack = build_pack(sb64, tmp_path, "SB64", NOW)
    text = " ".join(_page(pack.folder / "index.html").parts)
    # since iteration 2: 'initial reports' resolved, Option A removed, 'Registry access' new; 2 still open
    assert "1 bracket(s) resolved, 1 removed, 1 new since iteration 2; 2 still open" in text
    assert "[Registry access for observers]" in text
    ja = build_pack(sb64, tmp_path, "SB64", NOW, "ja")
    assert "第2版以降、角括弧の解消1件・削除1件・新規1件（未解消2件）" in (ja.folder / "index.html").read_text()


def test_spreadsheet_and_csv_as_excel_and_openpyxl_read_them(sb64, tmp_path):
    pack = build_pack(sb64, tmp_path, "SB64", NOW, "ja")
    assert pack.outputs["xlsx"].name == "SB64-documents-ja.xlsx" and pack.outputs["pdf"].name == "SB64-brief-ja.pdf"
    wb = openpyxl.load_workbook(pack.outputs["xlsx"])
    assert wb.properties.title == "ブリーフィング資料: SB 64" and wb.properties.creator == "a6watch"
    assert "SB 64" in wb.properties.subject
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]][:3] == ["文書記号", "表題", "種別"]
    for sheet in wb.worksheets:
        assert not any(d.hidden for d in sheet.column_dimensions.values())
        assert not any(d.hidden for d in sheet.row_dimensions.values())
    link_col = [c.value for c in ws[1]].index("リンク")
    links = [row[link_col] for row in ws.iter_rows(min_row=2)]
    assert links and all(c.hyperlink is not None and c.hyperlink.target == c.value for c in links)
    raw = pack.outputs["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with pack.outputs["csv"].open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[0] == "文書記号"


def _latin_words_left(text: str, data: list[str]) -> list[str]:
    """Latin words of a Japanese page once its data (titles, symbols, places, URLs, quotations) is taken
    out; acronyms and codes (SBSTA, UTC, PDF) are names, not English labels."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    text = re.sub(r"\([a-z]{1,3}\)", " ", text)  # agenda numbers: 12 (a)
    text = re.sub(r"https?://\S+|\S+\.(?:pdf|xlsx|csv|html)\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z.'-]*", text) if not re.fullmatch(r"[A-Z0-9.]+", w)]


def test_the_japanese_pack_has_no_english_label_left(sb64, tmp_path):
    from sqlalchemy import select

    from storage.models import AgendaItem, Deadline, Document, Meeting, WatchHit

    pack = build_pack(sb64, tmp_path, "SB64", NOW, "ja")
    with sb64.session() as s:
        data = [t for d in s.scalars(select(Document)) for t in (d.title, d.symbol, d.version_label) if t]
        data += [a.title for a in s.scalars(select(AgendaItem))] + [d.title for d in s.scalars(select(Deadline))]
        data += [m.venue for m in s.scalars(select(Meeting)) if m.venue]
        data += [t for h in s.scalars(select(WatchHit)) for t in (h.sentence, h.watchlist)]
        texts = [f.text for d in s.scalars(select(Document)).all() for f in d.files if f.text]
    data += [q for t in texts for q in paragraphs(t) + passages(t)]  # quoted paragraphs and bracketed passages
    page = " ".join(_page(pack.folder / "index.html").parts)
    excerpts = re.findall(r"冒頭の段落:\s*(.+?)(?=\n|$)", page)
    left = _latin_words_left(page, data + excerpts)
    assert left == [], left
    assert "科学上及び技術上の助言に関する補助機関（SBSTA）" in page and "実施に関する補助機関（SBI）" in page
    header = [c.value for c in openpyxl.load_workbook(pack.outputs["xlsx"]).worksheets[0][1]]
    assert _latin_words_left(" ".join(header), []) == []
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(["pdftotext", str(pack.outputs["pdf"]), "-"], capture_output=True,
                                  text=True).stdout
        assert "ブリーフィング資料" in pdf_text and "開始まで3日" in pdf_text


def test_glossary_has_every_key_of_the_english_words():
    for table in ("LABELS", "DOC_STATUS", "MEETING_STATUS", "BRACKET_OUTCOME", "DEADLINE_KINDS", "DIFF_MARKS",
                  "BODIES", "ROLES", "LANGUAGES"):
        assert set(getattr(glossary_ja, table)) >= set(getattr(labels, table)), table
    assert set(glossary_ja.SENTENCES) >= set(labels.SENTENCES)
    assert glossary_ja.BODIES["SBSTA"].startswith("科学上及び技術上の助言に関する補助機関")
    assert glossary_ja.BODIES["CMA"].startswith("パリ協定締約国会合")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")
def test_pdf_pages_are_numbered_in_whole_words_latin_in_a_proportional_font(sb64, tmp_path):
    pack = build_pack(sb64, tmp_path, "SB64", NOW)
    text = subprocess.run(["pdftotext", str(pack.outputs["pdf"]), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    assert pages and all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    tokens = set(re.findall(r"[A-Za-z]+", text))
    words = set(re.findall(r"[A-Za-z]{4,}", " ".join([*(a.title for a in SBSTA_AGENDA), "Guidance on cooperative "
                                                     "approaches. Draft conclusions proposed by the Chair"])))
    assert words <= tokens  # every word of the titles is whole: no word broken across lines
    assert {f.split("-")[0] for f in _fonts_of(pack.outputs["pdf"], "Guidance")} == {"Helvetica"}
    ja = build_pack(sb64, tmp_path, "SB64", NOW, "ja")
    assert {f.split("-")[0] for f in _fonts_of(ja.outputs["pdf"], "Guidance")} == {"Helvetica"}  # titles: Latin
    assert all("Helvetica" not in f for f in _fonts_of(ja.outputs["pdf"], "議題"))


def _fonts_of(path: Path, word: str) -> set[str]:
    """The fonts pdfium finds under each occurrence of a word (as a reader's text layer sees it)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    fonts: set[str] = set()
    pdf = pypdfium2.PdfDocument(path)
    try:
        for page in pdf:
            tp = page.get_textpage()
            text = tp.get_text_range()
            for m in re.finditer(re.escape(word), text):
                buf = ctypes.create_string_buffer(256)
                flags = ctypes.c_int()
                raw.FPDFText_GetFontInfo(tp.raw, m.start(), buf, 256, ctypes.byref(flags))
                fonts.add(re.sub(r"^[A-Z]{6}\+", "", buf.value.decode()))
    finally:
        pdf.close()
    return fonts


def test_a_combined_cop_pack_covers_the_sessions_held_together(catalog, clock, tmp_path):
    conference = "Antalya Climate Change Conference - November 2026"
    run(catalog, clock, *[MeetingItem("unfccc_documents", SESSION, key, body, n, code, date(2026, 11, 9),
                                      date(2026, 11, 20), "Antalya, Türkiye", conference, "confirmed")
                          for key, body, n, code in (("cop-31", "COP", 31, "COP 31"), ("cma-8", "CMA", 8, "CMA 8"),
                                                     ("sbsta-65", "SBSTA", 65, "SBSTA 65"),
                                                     ("sbi-66", "SBI", 66, "SBI 66"))])
    pack = build_pack(catalog, tmp_path, "COP31", NOW)
    assert pack.folder.name == "cop-31" and pack.outputs["xlsx"].name == "COP31-documents.xlsx"
    text = " ".join(_page(pack.folder / "index.html").parts)
    assert "COP 31" in text and "CMA 8" in text and "SBSTA 65" in text and "starts in 157 day(s)" in text
    assert "SBI 66" in text  # held at the same conference (the catalog says so), whatever its number
    assert "Not in the catalog yet: CMP 21, SBI 65" in text


def test_an_unknown_meeting_is_one_line_listing_the_valid_ones(sb64, tmp_path):
    env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
           "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
    for spec in ("SBM099", "Bonn"):
        result = a6watch("brief", spec, env=env, cwd=tmp_path)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "valid:" in lines[0] and "SB64" in lines[0] and "SBSTA64" in lines[0], lines


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_the_pack_page_fits_the_window_in_headless_chromium(sb64, tmp_path):
    """Both languages, a desktop and a narrow window: nothing wider than the window (long symbols and
    URLs wrap), every link inside the pack resolves; screenshots are left in the test's tmp dir."""
    from urllib.parse import unquote, urlsplit

    from playwright.sync_api import sync_playwright

    packs = [build_pack(sb64, tmp_path, "SB64", NOW, lang) for lang in ("en", "ja")]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            for pack in packs:
                for width in (1280, 760):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto((pack.folder / "index.html").as_uri())
                    page.screenshot(path=str(tmp_path / f"{pack.folder.name}-{width}.png"), full_page=True)
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    assert overflow <= 0, (pack.folder.name, width, overflow)
                    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
                    page.close()
                    local = [h for h in hrefs if not urlsplit(h).scheme]
                    assert local and all((pack.folder / unquote(h)).is_file() for h in local)
        finally:
            browser.close()
    assert len(list(tmp_path.glob("*.png"))) == 4


def test_the_first_paragraph_skips_the_masthead_and_prefers_the_action_requested_section():
    from briefing.excerpt import first_paragraph

    official = ("United Nations FCCC/SBSTA/2026/3\nDistr.: General\n15 May 2026\nOriginal: English\n\n"
                "Technical expert review of initial\nreports under Article 6, paragraph 2\n\n"
                "1. Each participating Party shall report its authorization of ITMOs\nin its initial report.\n"
                "2. The secretariat prepared this synthesis.")
    assert first_paragraph(official, "Technical expert review of initial reports under Article 6, paragraph 2") == (
        "1. Each participating Party shall report its authorization of ITMOs in its initial report.")
    annotated = ("A6.4-SBM022-AA\nAnnotated agenda\n\n1. Background\n\n2. The draft standard was published for "
                 "input on 1 May 2026 and revised since.\n\nAction requested by the Supervisory Body\n\n"
                 "3. The Supervisory Body is expected to consider the draft standard and adopt it.\n")
    assert first_paragraph(annotated, "Annotated agenda") == (
        "3. The Supervisory Body is expected to consider the draft standard and adopt it.")
    annex = ("A6.4-SBM022-AA-A02\nConcept note: Operationalizing the share of proceeds for\nadaptation\n"
             "1. Five per cent of A6.4ERs issued shall be transferred as share of proceeds.")
    assert first_paragraph(annex, "Concept note: Operationalizing the share of proceeds for adaptation",
                           "A6.4-SBM022-AA-A02").startswith("1. Five per cent")
    assert first_paragraph("", "x") == "" and first_paragraph(None) == ""
