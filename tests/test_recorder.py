"""Change semantics of docs/changes.md, observation by observation (no crawler involved)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.items import AgendaRef, DocumentItem, MeetingItem
from storage.models import Change, Conference, CrawlRun, Document, DocumentFile, Meeting
from storage.recorder import Recorder, StoredFile
from storage.search import search

LISTING = "https://unfccc.int/event/sbsta-64"


def doc(symbol, title="Title", page=LISTING, **kw):
    return DocumentItem(source="unfccc_documents", page_url=page, page_kind="session_page", symbol=symbol,
                        title=title, doc_type=kw.pop("doc_type", "Pre-session documents"),
                        publication_date=kw.pop("publication_date", date(2026, 5, 1)), **kw)


def stored(key, sha, lang="en", url="https://unfccc.int/sites/default/files/resource/a.pdf", text="text",
           status="ok", pages=3, size=1000):
    return StoredFile(document_key=key, language=lang, url=url, media_type="application/pdf", size=size,
                      sha256=sha * 64, storage_path=f"files/{sha * 2}/{sha * 64}", pages=pages, text=text,
                      extraction_status=status)


def run(catalog, clock, *observations, status="complete", listing=True):
    rec = Recorder(catalog, "unfccc_documents", "UNFCCC session documents", clock)
    if listing:
        rec.record_page(LISTING, "session_page", len(observations), True)
    for obs in observations:
        rec.observe(obs)
    rec.finish(status, {})
    clock.advance(3600)
    with catalog.session() as s:
        return [(c.kind, c.subject) for c in s.scalars(select(Change).where(Change.run_id == rec.run_id)
                                                        .order_by(Change.id))]


def test_first_complete_run_is_one_baseline_summary(catalog, clock):
    changes = run(catalog, clock, doc("FCCC/SBSTA/2026/1"), doc("FCCC/SBSTA/2026/2"),
                  stored("FCCC/SBSTA/2026/1", "a"))
    assert changes == [("baseline", "UNFCCC session documents")]
    with catalog.session() as s:
        summary = s.scalar(select(Change.summary))
    assert summary.startswith("Baseline: 2 documents, 1 files")


def test_partial_first_run_is_not_the_baseline(catalog, clock):
    assert run(catalog, clock, doc("FCCC/SBSTA/2026/1"), status="partial") == []
    assert run(catalog, clock, doc("FCCC/SBSTA/2026/1"), doc("FCCC/SBSTA/2026/2")) == [
        ("baseline", "UNFCCC session documents")]


def test_rev_corr_add_and_new_each_have_their_kind(catalog, clock):
    run(catalog, clock, doc("FCCC/SBSTA/2026/2"), doc("FCCC/SBI/2026/3"))
    changes = run(catalog, clock, doc("FCCC/SBSTA/2026/2"), doc("FCCC/SBI/2026/3"),
                  doc("FCCC/SBSTA/2026/2/Rev.1"), doc("FCCC/SBI/2026/3/Corr.1"), doc("FCCC/SBI/2026/3/Add.1"),
                  doc("FCCC/SBSTA/2026/L.2"))
    assert changes == [("document.revised", "FCCC/SBSTA/2026/2/Rev.1"),
                       ("document.corrected", "FCCC/SBI/2026/3/Corr.1"),
                       ("document.addendum", "FCCC/SBI/2026/3/Add.1"),
                       ("document.new", "FCCC/SBSTA/2026/L.2")]
    with catalog.session() as s:
        statuses = dict(s.execute(select(Document.symbol, Document.status)).all())
    assert statuses["FCCC/SBSTA/2026/2"] == "superseded"
    assert statuses["FCCC/SBI/2026/3"] == "current"


def test_sightings_on_other_pages_are_not_new_and_joint_parts_are_one_document(catalog, clock):
    joint = "FCCC/CP/2026/1–FCCC/KP/CMP/2026/1–FCCC/PA/CMA/2026/1"
    run(catalog, clock, doc(joint))
    changes = run(catalog, clock, doc(joint), doc("FCCC/KP/CMP/2026/1", page="https://unfccc.int/documents?x"),
                  doc(joint.replace("–", " - "), page="https://unfccc.int/documents/650377"))
    assert changes == []
    with catalog.session() as s:
        assert s.scalar(select(Document.key)) == joint
        assert len(s.scalars(select(Document)).all()) == 1


def test_metadata_change_is_judged_per_page_and_ignores_whitespace(catalog, clock):
    run(catalog, clock, doc("FCCC/SBSTA/2026/1", "Provisional agenda"),
        doc("FCCC/SBSTA/2026/1", "Provisional agenda and annotations", page="https://unfccc.int/documents/1"))
    assert run(catalog, clock, doc("FCCC/SBSTA/2026/1", "  Provisional   agenda "),
               doc("FCCC/SBSTA/2026/1", "Provisional agenda and annotations",
                   page="https://unfccc.int/documents/1")) == []
    changes = run(catalog, clock, doc("FCCC/SBSTA/2026/1", "Provisional agenda (revised)"))
    assert changes == [("document.metadata", "FCCC/SBSTA/2026/1")]


def test_new_content_is_a_version_and_a_first_language_file_is_a_language(catalog, clock):
    run(catalog, clock, doc("FCCC/SB/2026/INF.1"), stored("FCCC/SB/2026/INF.1", "a", url="x_adv.pdf"))
    changes = run(catalog, clock, doc("FCCC/SB/2026/INF.1"),
                  stored("FCCC/SB/2026/INF.1", "b", url="https://unfccc.int/x/sb2026_inf01E.pdf"),
                  stored("FCCC/SB/2026/INF.1", "c", lang="fr"))
    assert changes == [("document.updated", "FCCC/SB/2026/INF.1"), ("document.language", "FCCC/SB/2026/INF.1")]
    with catalog.session() as s:
        summary = s.scalar(select(Change.summary).where(Change.kind == "document.updated"))
        current = s.scalars(select(DocumentFile).where(DocumentFile.is_current.is_(True))).all()
    assert "advance version replaced by the final text" in summary
    assert sorted(f.sha256[0] for f in current) == ["b", "c"]
    assert run(catalog, clock, doc("FCCC/SB/2026/INF.1"), stored("FCCC/SB/2026/INF.1", "b"),
               stored("FCCC/SB/2026/INF.1", "c", lang="fr")) == []


def test_an_unreadable_file_never_replaces_a_readable_version(catalog, clock):
    run(catalog, clock, doc("FCCC/SBI/2026/4"), stored("FCCC/SBI/2026/4", "a", text="budget"))
    assert run(catalog, clock, doc("FCCC/SBI/2026/4"),
               stored("FCCC/SBI/2026/4", "d", text=None, status="failed", pages=None)) == []
    with catalog.session() as s:
        current = s.scalar(select(DocumentFile).where(DocumentFile.is_current.is_(True)))
        kept = s.scalar(select(DocumentFile).where(DocumentFile.extraction_status == "failed"))
    assert current.sha256.startswith("a") and kept is not None and not kept.is_current


def test_removal_needs_two_runs_in_a_row_that_read_the_listing_completely(catalog, clock):
    run(catalog, clock, doc("FCCC/SBI/2026/5"), doc("FCCC/SBI/2026/6"))
    assert run(catalog, clock, doc("FCCC/SBI/2026/6")) == []  # missed once
    # a run that could not read the listing (blocked, layout error) judges nothing and breaks the row
    assert run(catalog, clock, status="partial", listing=False) == []
    assert run(catalog, clock, doc("FCCC/SBI/2026/6")) == []  # missed once, again
    # partial because of something elsewhere (a file that failed): its listing was read, so it is judged
    assert run(catalog, clock, doc("FCCC/SBI/2026/6"), status="partial") == [("document.withdrawn", "FCCC/SBI/2026/5")]
    assert run(catalog, clock, doc("FCCC/SBI/2026/6")) == []


def test_a_crawl_stopped_before_its_end_judges_no_removal(catalog, clock):
    run(catalog, clock, doc("FCCC/SBI/2026/5"), doc("FCCC/SBI/2026/6"))
    for _ in range(3):
        rec = Recorder(catalog, "unfccc_documents", "x", clock)
        rec.record_page(LISTING, "session_page", 1, True)
        rec.observe(doc("FCCC/SBI/2026/6"))
        assert rec.finish("partial", {}, message="crawl_timeout") == 0
        clock.advance(3600)
    with catalog.session() as s:
        assert set(s.scalars(select(Document.status))) == {"current"}


def test_explicitly_withdrawn_document_is_reported_at_once(catalog, clock):
    run(catalog, clock, doc("FCCC/SBI/2026/5"))
    assert run(catalog, clock, doc("FCCC/SBI/2026/5", status="withdrawn")) == [
        ("document.withdrawn", "FCCC/SBI/2026/5")]


def test_an_explicit_withdrawal_holds_whatever_order_the_pages_come_in(catalog, clock):
    page = "https://unfccc.int/documents/650412"
    run(catalog, clock, doc("FCCC/SBI/2026/5"), doc("FCCC/SBI/2026/5", page=page))
    # the document page says withdrawn, and the session page, crawled after it, still lists the document
    assert run(catalog, clock, doc("FCCC/SBI/2026/5", page=page, status="withdrawn"), doc("FCCC/SBI/2026/5")) == [
        ("document.withdrawn", "FCCC/SBI/2026/5")]
    with catalog.session() as s:
        assert s.scalar(select(Document.status)) == "withdrawn"
    run(catalog, clock, doc("FCCC/SBI/2026/5"), doc("FCCC/SBI/2026/5", page=page))  # the page takes it back
    with catalog.session() as s:
        assert s.scalar(select(Document.status)) == "current"


def test_a_rerun_after_a_crash_never_duplicates_a_change(catalog, clock):
    run(catalog, clock, doc("FCCC/SBI/2026/3"))
    crashed = Recorder(catalog, "unfccc_documents", "x", clock)
    crashed.record_document(doc("FCCC/SBI/2026/3/Corr.1"))  # killed before finish()
    assert run(catalog, clock, doc("FCCC/SBI/2026/3/Corr.1"), doc("FCCC/SBI/2026/3")) == []
    with catalog.session() as s:
        kinds = s.scalars(select(Change.kind).where(Change.kind == "document.corrected")).all()
        statuses = s.scalars(select(CrawlRun.status).order_by(CrawlRun.id)).all()
    assert kinds == ["document.corrected"]
    assert statuses == ["complete", "interrupted", "complete"]


def test_meetings_scheduled_and_moved(catalog, clock):
    m = MeetingItem("unfccc_documents", LISTING, "sbsta-64", "SBSTA", 64, "SBSTA 64", date(2026, 6, 8),
                    date(2026, 6, 18), "Bonn", conference="Bonn Climate Change Conference - June 2026",
                    agenda=[AgendaRef("sbsta-64", "12 (a)", "Cooperative approaches")])
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"))
    assert run(catalog, clock, m, listing=False) == [("meeting.scheduled", "SBSTA 64")]
    moved = MeetingItem("unfccc_documents", LISTING, "sbsta-64", "SBSTA", 64, "SBSTA 64", date(2026, 6, 9),
                        date(2026, 6, 19), "Bonn")
    assert run(catalog, clock, moved, listing=False) == [("meeting.moved", "SBSTA 64")]
    with catalog.session() as s:
        meeting = s.get(Meeting, "sbsta-64")
        assert meeting.conference_key == "bonn-2026-06" and meeting.status == "confirmed"
        assert [a.number for a in meeting.agenda_items] == ["12 (a)"]
        assert s.get(Conference, "bonn-2026-06").start_date == date(2026, 6, 8)


def test_items_without_identity_are_counted_not_stored(catalog, clock):
    rec = Recorder(catalog, "unfccc_documents", "x", clock)
    assert rec.record_document(doc(None)) is None
    rec.finish("complete", {})
    with catalog.session() as s:
        assert s.scalar(select(CrawlRun.stats))["a6watch/record/no_identity"] == 1
        assert s.scalars(select(Document)).all() == []


def test_search_finds_current_text_with_filters(catalog, clock):
    run(catalog, clock, doc("FCCC/SBSTA/2026/2", agenda_items=[AgendaRef("sbsta-64", "12 (a)")],
                            meetings=["sbsta-64"]),
        stored("FCCC/SBSTA/2026/2", "a", text="Parties apply corresponding adjustments to ITMOs."),
        doc("FCCC/SBI/2026/4"), stored("FCCC/SBI/2026/4", "b", text="Share of proceeds for adaptation."))
    with catalog.session() as s:
        hits = search(s, "corresponding adjustment")
        assert [h.symbol for h in hits] == ["FCCC/SBSTA/2026/2"]
        assert "«corresponding»" in hits[0].snippet and "[" not in hits[0].snippet  # brackets mean "not agreed"
        assert [h.symbol for h in search(s, '"share of proceeds"', body="SBI")] == ["FCCC/SBI/2026/4"]
        assert search(s, "ITMO", body="SBI") == []
        assert [h.symbol for h in search(s, "ITMOs", meeting="sbsta-64")] == ["FCCC/SBSTA/2026/2"]
        assert [h.symbol for h in search(s, "ITMOs", meeting=["sbi-64", "sbsta-64"])] == ["FCCC/SBSTA/2026/2"]
        assert search(s, "ITMOs", meeting="sbi-64") == []
        assert search(s, "ITMOs", since=date(2026, 6, 1)) == []


def _with_file(symbol, lang="en"):
    from core.items import FileLink

    return doc(symbol, files=[FileLink(lang, f"https://unfccc.int/sites/default/files/resource/{symbol[-5:]}{lang}.pdf")])


OLD_TEXT = "1. Parties agree on the guidance.\n\n2. Option A: [first transfer] applies.\n\n3. The secretariat reports."
NEW_TEXT = "1. Parties agree on the guidance.\n\n2. Option A: first transfer applies.\n\n4. A new paragraph on ITMOs."


def test_a_file_arriving_one_run_late_is_part_of_its_documents_arrival(catalog, clock):
    """A Rev listed with its English link whose PDF failed to download: when the PDF comes one run
    later there is no false 'now available in English', and the Rev's comparison is made then."""
    run(catalog, clock, _with_file("FCCC/SBSTA/2026/2"), stored("FCCC/SBSTA/2026/2", "a", text=OLD_TEXT))
    assert run(catalog, clock, _with_file("FCCC/SBSTA/2026/2"), _with_file("FCCC/SBSTA/2026/2/Rev.1"),
               status="partial") == [("document.revised", "FCCC/SBSTA/2026/2/Rev.1")]
    late = run(catalog, clock, _with_file("FCCC/SBSTA/2026/2"), _with_file("FCCC/SBSTA/2026/2/Rev.1"),
               stored("FCCC/SBSTA/2026/2/Rev.1", "b", url="https://unfccc.int/x/rev1.pdf", text=NEW_TEXT))
    assert [c for c in late if c[0] != "watch.hit"] == []
    with catalog.session() as s:
        revised = s.scalar(select(Change).where(Change.kind == "document.revised"))
        assert revised.diff and "1 paragraph(s) added" in revised.diff and revised.file_id is not None


def test_a_language_whose_link_appears_later_is_still_news(catalog, clock):
    run(catalog, clock, _with_file("FCCC/SBSTA/2026/2"), stored("FCCC/SBSTA/2026/2", "a"))
    run(catalog, clock, _with_file("FCCC/SBSTA/2026/2"))
    changes = run(catalog, clock, doc("FCCC/SBSTA/2026/2", files=[
        *_with_file("FCCC/SBSTA/2026/2").files, *_with_file("FCCC/SBSTA/2026/2", "fr").files]),
        stored("FCCC/SBSTA/2026/2", "a"), stored("FCCC/SBSTA/2026/2", "c", lang="fr", url="https://unfccc.int/x/f.pdf"))
    assert changes == [("document.language", "FCCC/SBSTA/2026/2")]


def test_a_version_the_reader_crashed_on_is_read_again_next_run_not_left_behind_a_304(catalog, clock):
    from dataclasses import replace

    from core.items import RETRY_NEXT_RUN
    from storage.models import HttpValidator

    url = "https://unfccc.int/sites/default/files/resource/sbsta2026_03E.pdf"
    run(catalog, clock, doc("FCCC/SBSTA/2026/3"), replace(stored("FCCC/SBSTA/2026/3", "a", url=url), etag='"1"'))
    crashed = replace(stored("FCCC/SBSTA/2026/3", "b", url=url, text=None, status="failed", pages=None), etag='"2"',
                      extraction_error=f"{RETRY_NEXT_RUN} twice on this file")
    assert run(catalog, clock, doc("FCCC/SBSTA/2026/3"), crashed) == []
    with catalog.session() as s:
        assert s.get(HttpValidator, url) is None  # no validator: the next run fetches it again
    changes = run(catalog, clock, doc("FCCC/SBSTA/2026/3"),
                  replace(stored("FCCC/SBSTA/2026/3", "b", url=url, text="the new text"), etag='"2"'))
    assert changes == [("document.updated", "FCCC/SBSTA/2026/3")]
    with catalog.session() as s:
        current = s.scalar(select(DocumentFile).where(DocumentFile.is_current.is_(True)))
        assert current.sha256[0] == "b" and current.text == "the new text" and current.extraction_status == "ok"
        assert s.get(HttpValidator, url).etag == '"2"'


def test_a_file_killed_at_its_own_limit_keeps_its_validator(catalog, clock):
    from dataclasses import replace

    from storage.models import HttpValidator

    url = "https://unfccc.int/sites/default/files/resource/sbsta2026_03E.pdf"
    run(catalog, clock, doc("FCCC/SBSTA/2026/3"), replace(stored("FCCC/SBSTA/2026/3", "a", url=url), etag='"1"'))
    runaway = replace(stored("FCCC/SBSTA/2026/3", "b", url=url, text=None, status="failed"), etag='"2"',
                      extraction_error="killed: wall-clock limit of 120 s reached")
    run(catalog, clock, doc("FCCC/SBSTA/2026/3"), runaway)
    with catalog.session() as s:
        assert s.get(HttpValidator, url).etag == '"2"'  # a runaway is not fetched and run again every time


def test_a_version_that_crashes_the_reader_run_after_run_is_left_after_three_tries(catalog, clock):
    from dataclasses import replace

    from core.items import RETRY_NEXT_RUN
    from storage.models import HttpValidator

    url = "https://unfccc.int/sites/default/files/resource/sbsta2026_03E.pdf"
    run(catalog, clock, doc("FCCC/SBSTA/2026/3"), replace(stored("FCCC/SBSTA/2026/3", "a", url=url), etag='"1"'))
    crashed = replace(stored("FCCC/SBSTA/2026/3", "b", url=url, text=None, status="failed", pages=None), etag='"2"',
                      extraction_error=f"{RETRY_NEXT_RUN} twice on this file")
    kept = []
    for _ in range(3):
        run(catalog, clock, doc("FCCC/SBSTA/2026/3"), crashed)
        with catalog.session() as s:
            kept.append(s.get(HttpValidator, url) is not None)
    assert kept == [False, False, True]  # read again twice, then left as unreadable (no download every run)
    with catalog.session() as s:
        row = s.scalar(select(DocumentFile).where(DocumentFile.sha256 == "b" * 64))
        assert row.extraction_error.endswith("(attempt 3 of 3)") and not row.is_current


def test_a_file_that_answers_404_is_a_change_only_if_it_had_been_fetched(catalog, clock):
    from core.items import FileMissing

    url = "https://unfccc.int/sites/default/files/resource/a.pdf"
    run(catalog, clock, doc("FCCC/SBI/2026/3"), stored("FCCC/SBI/2026/3", "a", url=url),
        doc("FCCC/SBI/2026/4"))
    gone = run(catalog, clock, doc("FCCC/SBI/2026/3"), doc("FCCC/SBI/2026/4"),
               FileMissing("FCCC/SBI/2026/3", "en", url, 404), FileMissing("FCCC/SBI/2026/4", "fr", url + "x", 404))
    assert gone == [("document.file_missing", "FCCC/SBI/2026/3")]  # 2026/4's French file was never fetched
    assert run(catalog, clock, doc("FCCC/SBI/2026/3"), doc("FCCC/SBI/2026/4"),
               FileMissing("FCCC/SBI/2026/3", "en", url, 404)) == []  # said once
    with catalog.session() as s:
        details = {d.symbol: d.details.get("missing_files") for d in s.scalars(select(Document))}
        summary = s.scalar(select(Change.summary).where(Change.kind == "document.file_missing"))
    assert details["FCCC/SBI/2026/3"]["en"]["status"] == 404 and details["FCCC/SBI/2026/4"]["fr"]["url"] == url + "x"
    assert summary == (f"The English file of FCCC/SBI/2026/3 is gone from the site (HTTP 404): {url}; the last "
                       "version fetched stays in the archive")
    run(catalog, clock, doc("FCCC/SBI/2026/3"), stored("FCCC/SBI/2026/3", "a", url=url), doc("FCCC/SBI/2026/4"))
    with catalog.session() as s:
        assert s.scalar(select(Document).where(Document.symbol == "FCCC/SBI/2026/3")).details["missing_files"] == {}


JA_TEXT = ("二国間クレジット制度（JCM）のパートナー国との間で、パリ協定第6条2項に基づく相当調整を行う。"
           "\fJCM partner countries apply corresponding adjustments.")


def test_search_finds_japanese_words_inside_running_text(catalog, clock):
    """A run of kanji and kana is not one word: クレジット and 相当調整 are found inside it (both databases)."""
    run(catalog, clock, doc("FCCC/SBSTA/2026/INF.9", title="二国間クレジット制度の実施について"),
        stored("FCCC/SBSTA/2026/INF.9", "c", lang="ja", text=JA_TEXT),
        doc("FCCC/SBI/2026/4"), stored("FCCC/SBI/2026/4", "b", text="Share of proceeds for adaptation."))
    with catalog.session() as s:
        for query in ("クレジット", "相当調整", "調整", "パートナー国 相当調整", "JCM クレジット"):
            hits = search(s, query)
            assert [h.language for h in hits] == ["ja"], query
        assert "«クレジット»" in search(s, "クレジット")[0].snippet or s.get_bind().dialect.name != "sqlite"
        assert search(s, "炭素") == []  # a word that is not there
        assert [h.symbol for h in search(s, "proceeds")] == ["FCCC/SBI/2026/4"]  # English as before


def test_a_session_poll_between_two_regular_runs_neither_breaks_nor_fakes_a_listings_row(catalog, clock):
    def regular(*observations):
        return run(catalog, clock, *observations)

    regular(doc("FCCC/SBI/2026/5"), doc("FCCC/SBI/2026/6"))
    assert regular(doc("FCCC/SBI/2026/6")) == []  # missed once
    poll = Recorder(catalog, "unfccc_documents", "x", clock, mode="session")  # reads only a meeting page
    poll.record_page("https://unfccc.int/event/sbi-64", "session_page", 0, True)
    poll.finish("complete", {})
    clock.advance(900)
    assert regular(doc("FCCC/SBI/2026/6")) == [("document.withdrawn", "FCCC/SBI/2026/5")]


def test_a_page_not_read_to_its_end_judges_nothing(catalog, clock):
    run(catalog, clock, doc("FCCC/SBI/2026/5"), doc("FCCC/SBI/2026/6"))
    for _ in range(3):  # its report came first, then its callback failed half-way (or an item failed)
        rec = Recorder(catalog, "unfccc_documents", "x", clock)
        rec.record_page(LISTING, "session_page", 2, True)
        rec.observe(doc("FCCC/SBI/2026/6"))
        rec.record_layout_error(LISTING, "session_page", "the page could not be read to its end")
        rec.finish("partial", {})
        clock.advance(3600)
    with catalog.session() as s:
        assert set(s.scalars(select(Document.status))) == {"current"}


def test_a_file_that_answers_again_with_a_304_is_no_longer_missing(catalog, clock):
    from core.items import FileMissing, FileNotModified

    url = "https://unfccc.int/sites/default/files/resource/a.pdf"
    run(catalog, clock, doc("FCCC/SBI/2026/3"), stored("FCCC/SBI/2026/3", "a", url=url))
    run(catalog, clock, doc("FCCC/SBI/2026/3"), FileMissing("FCCC/SBI/2026/3", "en", url, 404))
    run(catalog, clock, doc("FCCC/SBI/2026/3"), FileNotModified("FCCC/SBI/2026/3", "en", url))
    with catalog.session() as s:
        assert s.scalar(select(Document)).details["missing_files"] == {}
    gone_again = run(catalog, clock, doc("FCCC/SBI/2026/3"), FileMissing("FCCC/SBI/2026/3", "en", url, 410))
    assert gone_again == [("document.file_missing", "FCCC/SBI/2026/3")]  # a second disappearance is news too


def test_a_listing_row_is_known_only_once_its_own_page_and_files_were_read(catalog, clock):
    from storage.known import known_unchanged

    detail = "https://unfccc.int/documents/650120"
    row = doc("FCCC/SBI/2026/7", page=LISTING, url=detail)
    row.page_kind = "documents_listing"
    run(catalog, clock, row)  # listed, but its page failed: it must be fetched again
    with catalog.session() as s:
        assert known_unchanged(s, "unfccc_documents", "documents_listing", [row]) == [False]
    run(catalog, clock, row, doc("FCCC/SBI/2026/7", page=detail, url=detail))
    with catalog.session() as s:
        assert known_unchanged(s, "unfccc_documents", "documents_listing", [row]) == [True]
        changed = doc("FCCC/SBI/2026/7", page=LISTING, url=detail, title="Another title")
        changed.page_kind = "documents_listing"
        assert known_unchanged(s, "unfccc_documents", "documents_listing", [changed]) == [False]
