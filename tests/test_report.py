"""The next-morning report: the last 24 hours of a sitting meeting by body and agenda item, at the
venue's local time; HTML (read in headless Chromium), PDF (pdftotext) and an email in the outbox."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from sqlalchemy import select

from core.items import AgendaRef, DeadlineItem, MeetingItem
from notifications.deliver import deliver
from notifications.digest import queue_digests
from reports.morning import due_reports, write_report
from reports.render import render_text
from reports.venues import CITY_ZONES, venue_zone
from storage.db import Catalog
from storage.models import Outbox
from tests.cli import a6watch
from tests.test_notifications import settings_for
from tests.test_recorder import run, stored
from tests.test_recorder_meetings import LIST, mdoc

CHROMIUM = Path("/usr/bin/chromium")
AT = datetime(2026, 6, 18, 6, 0, tzinfo=UTC)  # 08:00 in Bonn, the second day of SBM 022
CALL = "https://unfccc.int/calls-for-input/SBM022"
ACTION_TEXT = ("A6.4-SBM022-AA-A02\nConcept note: share of proceeds\n\n"
               "I. Background\n\n1. The Supervisory Body considered the matter at its previous meeting.\n\n"
               "II. Action requested of the Supervisory Body\n\n"
               "2. The Supervisory Body is requested to agree on the level of the share of proceeds for adaptation "
               "and to note that corresponding adjustments are not required.")


def sbm(venue="Bonn, Germany", start=date(2026, 6, 17), end=date(2026, 6, 19), key="sbm-022"):
    agenda = [AgendaRef(key, "1.2", "Adoption of the agenda"), AgendaRef(key, "3.10", "Other standards"),
              AgendaRef(key, "3.4", "Methodologies")]
    return MeetingItem("a64_sbm", LIST, key, "SBM", int(key.split("-")[1]), title=key, start_date=start,
                       end_date=end, venue=venue, agenda=agenda, listing=True)


def annex(ref, title, item, key="sbm-022"):
    return mdoc(ref, title, role="annex", meeting=key, agenda_items=[AgendaRef(key, item)])


def at(clock, when):
    clock.current = when


def sitting_meeting(catalog, clock, venue="Bonn, Germany", now=AT):
    """SBM 022: a baseline a week before; an annex 30 hours before ``now``, another 3 hours before it
    (with an "Action requested" section and a watchlist term); deadlines 5 and 10 days ahead."""
    at(clock, now - timedelta(days=7))
    run(catalog, clock, sbm(venue), mdoc("A6.4-SBM022-PA", "Provisional agenda", role="agenda"), listing=False)
    at(clock, now - timedelta(hours=30))
    run(catalog, clock, sbm(venue), annex("A6.4-SBM022-AA-A01", "Draft standard: baseline contraction", "3.4"),
        stored("A6.4-SBM022-AA-A01", "a", text="1. The downward adjustment of baselines applies to all."),
        listing=False)
    at(clock, now - timedelta(hours=3))
    run(catalog, clock, sbm(venue), annex("A6.4-SBM022-AA-A02", "Concept note: <b>share</b> of proceeds", "3.10"),
        stored("A6.4-SBM022-AA-A02", "b", text=ACTION_TEXT),
        DeadlineItem("a64_sbm", CALL, CALL, "call_for_input", "Call for input: SBM022 annexes",
                     (now + timedelta(days=5)).date(), "sbm-022"),
        DeadlineItem("a64_sbm", CALL, CALL + "#late", "call_for_input", "Call for input: SBM022 far away",
                     (now + timedelta(days=10)).date(), "sbm-022"),
        listing=False)
    at(clock, now)


def text_of(path: Path) -> str:
    return lxml.html.parse(str(path)).getroot().body.text_content()


def test_the_report_holds_the_last_24_hours_by_agenda_item(catalog, clock, tmp_path):
    sitting_meeting(catalog, clock)
    written = write_report(catalog, settings_for(tmp_path), "SBM022", AT)
    assert written.html == tmp_path / "reports" / "sbm-022" / "2026-06-18.html"
    text = text_of(written.html)
    assert "A6.4-SBM022-AA-A02" in text  # changed 3 hours ago
    assert "A6.4-SBM022-AA-A01" not in text  # changed 30 hours ago: yesterday's report
    assert "between 2026-06-17 08:00 and 2026-06-18 08:00 (Europe/Berlin, local time at the venue)" in text
    assert "Article 6.4 Supervisory Body (SBM)" in text and "3.10 Other standards" in text
    # the "Action requested" section, not the cover page or the background
    assert ("Action requested: 2. The Supervisory Body is requested to agree on the level of the share of proceeds"
            in " ".join(text.split()))
    assert "[corresponding-adjustments] A6.4-SBM022-AA-A02" in text  # the new watchlist hit
    deadlines = text.split("Deadlines in the next 7 days", 1)[1]
    assert "Call for input: SBM022 annexes" in deadlines and "far away" not in deadlines  # the next 7 days only
    page = written.html.read_text()
    assert "<b>share</b>" not in page and "&lt;b&gt;share&lt;/b&gt;" in page and "<script" not in page


def test_the_day_and_the_hours_are_the_venues(catalog, clock, tmp_path):
    """At 02:00 UTC it is already the 18th in Bonn (04:00), still the 17th in Belém (23:00)."""
    now = datetime(2026, 6, 18, 2, 0, tzinfo=UTC)
    sitting_meeting(catalog, clock, venue="Belém, Brazil", now=now)
    written = write_report(catalog, settings_for(tmp_path), "SBM022", now)
    assert written.html.name == "2026-06-17.html" and written.report.zone == "America/Belem"
    assert "between 2026-06-16 23:00 and 2026-06-17 23:00 (America/Belem" in text_of(written.html)


def test_a_meeting_without_a_venue_is_at_its_conferences_place(catalog, clock, tmp_path):
    at(clock, datetime(2025, 11, 10, 12, tzinfo=UTC))
    cma = MeetingItem("unfccc_documents", LIST, "cma-7", "CMA", 7, start_date=date(2025, 11, 10),
                      end_date=date(2025, 11, 21), conference="Belém Climate Change Conference - November 2025")
    run(catalog, clock, cma, listing=False)
    written = write_report(catalog, settings_for(tmp_path), "CMA7", datetime(2025, 11, 12, 2, tzinfo=UTC))
    assert written.report.zone == "America/Belem" and written.html.name == "2025-11-11.html"


def test_the_scheduler_writes_it_once_from_the_configured_hour_at_the_venue(catalog, clock, tmp_path):
    sitting_meeting(catalog, clock, venue="Belém, Brazil")
    settings = settings_for(tmp_path)
    settings = replace(settings, report=replace(settings.report, hour=8, languages=("en", "ja")))
    assert due_reports(catalog, settings, AT) == []  # 06:00 UTC is 03:00 in Belém
    assert due_reports(catalog, settings, datetime(2026, 6, 18, 10, 59, tzinfo=UTC)) == []  # 07:59 there
    eight = datetime(2026, 6, 18, 11, 0, tzinfo=UTC)
    written = due_reports(catalog, settings, eight)
    assert [w.html.name for w in written] == ["2026-06-18.html", "2026-06-18-ja.html"]
    assert due_reports(catalog, settings, eight + timedelta(hours=2)) == []  # once a day
    assert due_reports(catalog, settings, datetime(2026, 6, 21, 12, tzinfo=UTC)) == []  # over (ended the 19th)
    assert due_reports(catalog, settings, datetime(2026, 6, 16, 12, tzinfo=UTC)) == []  # not yet sitting


def test_the_report_is_queued_once_by_email_and_delivered_with_its_html(catalog, clock, tmp_path):
    from tests.receivers import SmtpReceiver

    sitting_meeting(catalog, clock)
    smtp = SmtpReceiver()
    try:
        settings = settings_for(tmp_path, email_host="127.0.0.1", email_port=smtp.port, email_tls="none",
                                email_to=("delegation@example.org",), digest="daily", daily_at="09:00")
        assert write_report(catalog, settings, "SBM022", AT).queued
        assert not write_report(catalog, settings, "SBM022", AT).queued  # written again: not sent twice
        with catalog.session() as s:
            [queued] = s.scalars(select(Outbox)).all()
            assert queued.message_id == "<a6watch-report-sbm-022-2026-06-18-en@a6watch.invalid>"
            # the daily digest still goes out at its hour (the report is not that day's digest)
            assert queue_digests(s, settings, AT + timedelta(hours=4)) == 1
        assert deliver(catalog, settings, AT + timedelta(hours=4)) == 2
        received = next(m for m in smtp.messages if "Next-morning report" in m["Subject"])
        mail = email.message_from_bytes(received.as_bytes(), policy=email.policy.default)
        assert "SBM 022" in mail["Subject"]
        plain = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert "A6.4-SBM022-AA-A02" in plain and "http://127.0.0.1:8765/reports/sbm-022/2026-06-18.html" in plain
        assert "A6.4-SBM022-AA-A01" not in plain
        assert 'href="http://127.0.0.1:8765/reports/sbm-022/2026-06-18.pdf"' in html
    finally:
        smtp.close()


def test_the_japanese_report_uses_japanese_labels(catalog, clock, tmp_path):
    sitting_meeting(catalog, clock)
    written = write_report(catalog, settings_for(tmp_path), "SBM022", AT, "ja")
    text = text_of(written.html)
    assert written.html.name == "2026-06-18-ja.html"
    assert "翌朝報告" in text and "6条4項監督機関（SBM）" in text and "[新規文書]" in text and "求められる行動" in text
    assert "今後7日以内の期限" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_the_pdf_reads_as_the_report_with_page_numbers(catalog, clock, tmp_path):
    sitting_meeting(catalog, clock)
    written = write_report(catalog, settings_for(tmp_path), "SBM022", AT)
    text = subprocess.run(["pdftotext", "-layout", str(written.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Next-morning report: SBM 022, 2026-06-18" in text and "A6.4-SBM022-AA-A02" in text
    assert "A6.4-SBM022-AA-A01" not in text and "SBM 022 · 2026-06-18 · 1" in text


def test_unknown_meetings_and_times_are_one_line_errors(catalog, tmp_path):
    env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
           "A6WATCH_DATABASE_URL": catalog.url}
    got = a6watch("report", "--meeting", "SBM099", env=env)
    assert got.returncode == 2 and got.stderr.count("\n") == 1 and "no meeting 'SBM099'" in got.stderr
    got = a6watch("report", "--meeting", "SBM022", "--at", "tomorrow morning", env=env)
    assert got.returncode == 2 and got.stderr.count("\n") == 1 and "--at" in got.stderr


def test_the_command_writes_both_files_and_says_where(catalog, clock, tmp_path):
    sitting_meeting(catalog, clock)
    env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
           "A6WATCH_DATABASE_URL": catalog.url}
    got = a6watch("report", "--meeting", "SBM 022", "--at", "2026-06-18T06:00:00Z", env=env)
    assert got.returncode == 0, got.stderr
    assert "SBM 022: 3 item(s), 3 watchlist hit(s), 1 deadline(s) in the next 7 days" in got.stdout
    assert (tmp_path / "reports" / "sbm-022" / "2026-06-18.pdf").stat().st_size > 1000
    assert "email  no email queued: notify.email.host" in got.stdout


def test_venues_name_their_time_zones():
    assert venue_zone("Bonn, Germany") == "Europe/Berlin" and venue_zone("Belém, Brazil") == "America/Belem"
    assert venue_zone("BELEM") == "America/Belem" and venue_zone("Antalya, Türkiye") == "Europe/Istanbul"
    assert venue_zone("Virtual meeting") is None and venue_zone(None) is None and venue_zone("Bonnie Doon") is None
    for zone in CITY_ZONES.values():
        ZoneInfo(zone)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")
def test_the_report_opens_in_chromium_without_errors_or_overflow(catalog, clock, tmp_path):
    from playwright.sync_api import sync_playwright

    draft_in_three_iterations(catalog, clock)  # with a paragraph diff and a bracket line
    written = write_report(catalog, settings_for(tmp_path), "SBM022", AT, "ja")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 800, "height": 1000})
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(written.html.as_uri())
        title = page.title()
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        pdf_link = page.get_attribute("a[href$='.pdf']", "href")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert errors == [] and not overflow
    assert title == "翌朝報告: SBM 022, 2026-06-18"
    assert pdf_link and (written.html.parent / pdf_link).is_file()


def test_the_scheduler_tick_writes_the_report_of_a_sitting_meeting(catalog, clock, tmp_path, monkeypatch):
    from a6watch.scheduling import Scheduler
    from core.clock import FrozenClock

    sitting_meeting(catalog, clock)
    settings = replace(settings_for(tmp_path), database_url=catalog.url, sources=("a64_sbm",))
    scheduler = Scheduler(settings, FrozenClock(AT))
    monkeypatch.setattr(scheduler, "next_runs", lambda now: {})  # nothing to crawl in this tick
    monkeypatch.setattr(scheduler, "next_polls", lambda now: {})
    try:
        result = scheduler.tick()
        assert result.reports == [str(tmp_path / "reports" / "sbm-022" / "2026-06-18.html")]
        assert scheduler.tick().reports == []
    finally:
        scheduler.catalog.close()


@pytest.mark.slow
def test_the_demo_writes_the_sbm_022_report_in_english_and_japanese(demo_run):
    data_dir, out = demo_run
    folder = data_dir / "reports" / "sbm-022"
    english, japanese = text_of(folder / "2026-06-06.html"), text_of(folder / "2026-06-06-ja.html")
    assert "Next-morning report: SBM 022, 2026-06-06" in english and "3.4 Methodologies" in english
    assert "A6.4-SBM022-AA-A01" in english and "First substantive paragraph: 1. The downward adjustment" in english
    assert "翌朝報告" in japanese and "[新規文書]" in japanese
    catalog = Catalog(f"sqlite:///{data_dir / 'catalog.db'}")
    try:
        assert english_left(japanese, words_as_written(catalog)) == []
    finally:
        catalog.close()
    assert "開始まで" in japanese  # the countdown alert, in Japanese
    assert (folder / "2026-06-06.pdf").stat().st_size > 1000 and (folder / "2026-06-06-ja.pdf").is_file()
    assert "next-morning   demo-data/reports/sbm-022/2026-06-06.html" in out


@pytest.mark.parametrize("text,message", [
    ("[report]\nhour = 24\n", "report.hour: must be <= 23"),
    ("[report]\nlanguages = ['en', 'de']\n", "report.languages: 'de' is not available"),
    ("[report]\nemail = 'yes'\n", "report.email: expected bool"),
])
def test_report_settings_are_checked_and_name_their_key(tmp_path, text, message):
    (tmp_path / "a6watch.toml").write_text(text)
    got = a6watch("--config", str(tmp_path / "a6watch.toml"), "report", "--meeting", "SBM022")
    assert got.returncode == 2 and got.stderr.count("\n") == 1 and message in got.stderr, got.stderr


def test_report_settings_are_read_from_the_file(tmp_path):
    from core.config import load_settings

    (tmp_path / "a6watch.toml").write_text("[report]\nhour = 7\nlanguages = ['en', 'ja']\nemail = false\n")
    report = load_settings(tmp_path / "a6watch.toml", env={}).report
    assert (report.hour, report.languages, report.email) == (7, ("en", "ja"), False)


DRAFT = "A6.4-SBM022-AA-A03"
ITERATIONS = (  # a draft standard in three iterations, as the Supervisory Body brackets it
    "1. The Supervisory Body [adopts][takes note of] the standard on [baseline contraction].\n\n"
    "2. [Option A: a downward adjustment of 1 per cent a year]",
    "1. The Supervisory Body adopts the standard on [baseline contraction] [for all activities].\n\n"
    "2. [Option A: a downward adjustment of 1 per cent a year]\n\n"
    "3. [Removals are covered by a separate standard]",
    "1. The Supervisory Body adopts the standard on baseline contraction for all activities.\n\n"
    "3. [Removals are covered by a separate standard]\n\n"
    "4. [Host Parties may apply a stricter adjustment]",
)


def draft_in_three_iterations(catalog, clock):
    """The sitting meeting, and a draft standard crawled 50 and 28 hours before the report and, in its
    window, 2 hours before it: three iterations of bracketed text."""
    sitting_meeting(catalog, clock)
    for n, (hours, text) in enumerate(zip((50, 28, 2), ITERATIONS, strict=True)):
        at(clock, AT - timedelta(hours=hours))
        run(catalog, clock, sbm(), annex(DRAFT, "Draft standard: baseline contraction", "3.4"),
            stored(DRAFT, "xyz"[n], text=text), listing=False)
    at(clock, AT)


def test_the_report_shows_the_bracket_changes_of_a_draft_since_its_previous_iteration(catalog, clock, tmp_path):
    draft_in_three_iterations(catalog, clock)
    english = write_report(catalog, settings_for(tmp_path), "SBM022", AT)
    [entry] = [e for e in english.report.entries if e.symbol == DRAFT]
    # since iteration 2: 'baseline contraction' and 'for all activities' kept unbracketed (resolved),
    # Option A deleted (removed), 'Host Parties…' new; 'Removals…' and 'Host Parties…' still open
    line = "2 bracket(s) resolved, 1 removed, 1 new since iteration 2; 2 still open"
    assert entry.brackets == line
    assert f"Brackets: {line}" in " ".join(text_of(english.html).split())
    assert f"Brackets: {line}" in render_text(english.report)
    japanese = write_report(catalog, settings_for(tmp_path), "SBM022", AT, "ja")
    assert "角括弧（ブラケット）: 第2版以降、角括弧の解消2件・削除1件・新規1件（未解消2件）" in text_of(japanese.html)
    if shutil.which("pdftotext"):
        pdf = subprocess.run(["pdftotext", str(english.pdf), "-"], capture_output=True, text=True).stdout
        assert "2 bracket(s) resolved, 1 removed, 1 new since iteration 2" in " ".join(pdf.split())
        pdf = subprocess.run(["pdftotext", str(japanese.pdf), "-"], capture_output=True, text=True).stdout
        assert "第2版以降、角括弧の解消2件・削除1件・新規1件" in "".join(pdf.split())
    # a document with one iteration has no bracket line
    assert [e.brackets for e in english.report.entries if e.symbol == "A6.4-SBM022-AA-A02"] == [""]


def words_as_written(catalog) -> list[str]:
    """The catalog's data, which a Japanese report quotes as written: titles, symbols, agenda items,
    deadlines, venues, watchlist names and sentences, the documents' paragraphs and bracketed passages."""
    from core.brackets import passages
    from core.diffs import paragraphs
    from storage.models import AgendaItem, Deadline, Document, Meeting, WatchHit

    with catalog.session() as s:
        data = [t for d in s.scalars(select(Document)) for t in (d.title, d.symbol, d.version_label) if t]
        data += [a.title for a in s.scalars(select(AgendaItem))] + [d.title for d in s.scalars(select(Deadline))]
        data += [m.venue for m in s.scalars(select(Meeting)) if m.venue]
        data += [t for h in s.scalars(select(WatchHit)) for t in (h.sentence, h.watchlist)]
        texts = [f.text for d in s.scalars(select(Document)).all() for f in d.files if f.text]
    return data + [q for t in texts for q in paragraphs(t) + passages(t)]


def english_left(page: str, data: list[str]) -> list[str]:
    """Latin words of a Japanese report besides its data, the IANA zone, acronyms and URLs."""
    from tests.test_brief import _latin_words_left

    quoted = re.findall(r"(?:求められる行動|最初の実質的な段落):\s*(.+?)(?=\n|$)", page)  # the document's own words
    return _latin_words_left(re.sub(r"\b[A-Z][a-z]+/[A-Za-z_]+\b", " ", page), data + quoted)


def test_the_japanese_report_and_its_email_have_no_english_label_left(catalog, clock, tmp_path):
    draft_in_three_iterations(catalog, clock)
    written = write_report(catalog, settings_for(tmp_path), "SBM022", AT, "ja")
    data = words_as_written(catalog)
    page = text_of(written.html)
    assert english_left(page, data) == []
    assert english_left(render_text(written.report), data) == []
    assert "[新規文書]" in page and "6条4項監督機関（SBM）" in page and "第22回6条4項監督機関（SBM）" in page
    assert "(種別: 附属書)" in page and "期限を設定（期限日 2026年6月23日）" in page
    assert "段落の追加1件・削除1件・変更1件、角括弧 4 → 2" in page  # the draft's diff counts, in Japanese
    english = text_of(write_report(catalog, settings_for(tmp_path), "SBM022", AT).html)
    assert "New annex" in english and english_left(english, data)  # the check sees English where there is some
