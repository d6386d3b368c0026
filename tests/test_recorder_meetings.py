"""Meeting semantics: agenda/annotations/report, annexes, re-issued versions, iterations, deadlines,
cancelled, postponed and vanished meetings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.items import DeadlineItem, DocumentItem, MeetingItem
from storage.models import Change, Deadline, Document, Meeting
from tests.test_recorder import run, stored

LIST = "https://unfccc.int/node/471573"
PAGE = "https://unfccc.int/node/660120"



def one_run(catalog, clock, source, page, kind, items, status="complete", field="subject"):
    """One run of ``source`` that reads the listing ``page`` completely and sees ``items`` on it; the
    changes it made, as (kind, subject or summary)."""
    from core.sources import SOURCES
    from storage.recorder import Recorder

    rec = Recorder(catalog, source, SOURCES[source].title, clock)
    rec.record_page(page, kind, len(items), True)
    for item in items:
        rec.observe(item)
    rec.finish(status, {})
    clock.advance(3600)
    with catalog.session() as s:
        return [(c.kind, getattr(c, field)) for c in s.scalars(select(Change).where(Change.run_id == rec.run_id))]

def mdoc(ref, title, version="01.0", role=None, page=PAGE, meeting="sbm-022", **kw):
    return DocumentItem(source="a64_sbm", page_url=page, page_kind="sbm_meeting", symbol=ref, title=title,
                        meetings=[meeting] if meeting else [], version=version, role=role, **kw)


def meeting(key="sbm-022", start=date(2026, 6, 23), end=date(2026, 6, 26), status=None, listing=True):
    body, _, n = key.partition("-")
    return MeetingItem("a64_sbm", LIST, key, body.upper(), int(n), title=f"{key}", start_date=start, end_date=end,
                       venue="Bonn, Germany", status=status, listing=listing)


def test_annotated_agenda_annexes_and_report_have_meeting_kinds(catalog, clock):
    run(catalog, clock, meeting(), mdoc("A6.4-SBM022-PA", "Provisional agenda", role="agenda"), listing=False)
    changes = run(catalog, clock, meeting(), mdoc("A6.4-SBM022-PA", "Provisional agenda", role="agenda"),
                  mdoc("A6.4-SBM022-AA", "Annotated agenda", role="annotated_agenda"),
                  mdoc("A6.4-SBM022-AA-A01", "Draft standard: Baseline contraction", role="annex"),
                  mdoc("A6.4-SBM022", "Meeting report", role="report"), listing=False)
    assert changes == [("meeting.annotations", "A6.4-SBM022-AA"), ("document.new", "A6.4-SBM022-AA-A01"),
                       ("meeting.report", "A6.4-SBM022")]
    with catalog.session() as s:
        summaries = s.scalars(select(Change.summary).where(Change.kind != "baseline").order_by(Change.id)).all()
        meeting_keys = set(s.scalars(select(Change.meeting_key).where(Change.kind != "baseline")))
        doc = s.scalar(select(Document).where(Document.key == "A6.4-SBM022-AA-A01"))
    assert summaries[0].startswith("SBM 022: annotated agenda published — A6.4-SBM022-AA")
    assert summaries[1].startswith("New annex for SBM 022: A6.4-SBM022-AA-A01")
    assert meeting_keys == {"sbm-022"}
    assert (doc.body, doc.role, doc.version_label, doc.symbol_parts["annex"]) == ("SBM", "annex", "01.0", 1)


def test_a_reissued_standard_is_one_change_naming_both_versions_with_its_files(catalog, clock):
    rules = "https://unfccc.int/rules-and-regulations"
    std = dict(page=rules, meeting=None, role="regulatory")
    run(catalog, clock, mdoc("A6.4-STAN-METH-001", "Standard: Methodologies", "01.0", **std),
        stored("A6.4-STAN-METH-001", "a"), listing=False)
    changes = run(catalog, clock, mdoc("A6.4-STAN-METH-001", "Standard: Methodologies", "01.1", **std),
                  stored("A6.4-STAN-METH-001", "b", url="https://unfccc.int/x/a64-stan-meth-001-v01.1.pdf"),
                  listing=False)
    assert changes == [("document.updated", "A6.4-STAN-METH-001")]
    with catalog.session() as s:
        change = s.scalar(select(Change).where(Change.kind == "document.updated"))
        assert "version 01.0 → 01.1" in change.summary
        assert change.file_id is not None and change.previous_file_id is not None
        assert s.scalar(select(Document.version_label)) == "01.1"


def test_a_new_iteration_of_an_in_meeting_document(catalog, clock):
    page = "https://unfccc.int/x/in-meeting-doc-broadcast-SBM021"

    def imd(version, day):
        return DocumentItem(source="a64_sbm", page_url=page, page_kind="sbm_in_meeting",
                            title="In-meeting document on the mechanism registry", url=f"{page}#registry",
                            meetings=["sbm-021"], version=version, role="in_meeting", publication_date=day)

    run(catalog, clock, imd("2026-05-20 09:30", date(2026, 5, 20)), listing=False)
    changes = run(catalog, clock, imd("2026-05-21 12:00", date(2026, 5, 21)), listing=False)
    assert changes == [("document.updated", "In-meeting document on the mechanism registry")]
    with catalog.session() as s:
        summary = s.scalar(select(Change.summary).where(Change.kind == "document.updated"))
    assert summary == ("New iteration of In-meeting document on the mechanism registry (SBM 021): "
                       "version 2026-05-20 09:30 → 2026-05-21 12:00")


def test_deadlines_set_and_moved(catalog, clock):
    url = "https://unfccc.int/calls-for-input/SBM022"
    run(catalog, clock, meeting(), listing=False)
    call = DeadlineItem("a64_sbm", url, url, "call_for_input", "Call for input: SBM022", date(2026, 6, 15), "sbm-022")
    assert run(catalog, clock, call, listing=False) == [("deadline.set", "Call for input: SBM022")]
    assert run(catalog, clock, call, listing=False) == []
    call.due_date = date(2026, 6, 18)
    assert run(catalog, clock, call, listing=False) == [("deadline.changed", "Call for input: SBM022")]
    with catalog.session() as s:
        assert s.scalar(select(Deadline.due_date)) == date(2026, 6, 18)


def test_cancelled_and_postponed_meetings_are_reported(catalog, clock):
    run(catalog, clock, meeting(), meeting("sbm-023", date(2026, 7, 14), date(2026, 7, 17)), listing=False)
    changes = run(catalog, clock, meeting(status="cancelled"),
                  meeting("sbm-023", date(2026, 7, 14), date(2026, 7, 17), status="postponed"), listing=False)
    assert changes == [("meeting.cancelled", "SBM 022"), ("meeting.postponed", "SBM 023")]


def test_a_meeting_that_vanishes_from_the_list_before_its_date_is_reported(catalog, clock):
    rec_page = [meeting(), meeting("sbm-023", date(2026, 7, 14), date(2026, 7, 17))]

    def listing_run(*items):
        return one_run(catalog, clock, "a64_sbm", LIST, "sbm_meetings", items)

    listing_run(*rec_page)
    assert listing_run(rec_page[0]) == []
    assert listing_run(rec_page[0]) == [("meeting.cancelled", "SBM 023")]
    with catalog.session() as s:
        assert s.get(Meeting, "sbm-023").status == "cancelled"


def test_records_added_changed_and_removed_after_two_runs_that_read_the_table(catalog, clock):
    from core.items import RecordItem

    page = "https://carbonmarkets-cooperation.gov.sg/ias"

    def ia(partner, signed):
        return RecordItem("a62_bilateral", page, "singapore_ias", partner.lower(), "implementation agreement",
                          f"Singapore – {partner}", {"partner": partner, "signed": signed}, when=f"signed {signed}")

    def listing(*items, status="complete"):
        return one_run(catalog, clock, "a62_bilateral", page, "singapore_ias", items, status, field="summary")

    listing(ia("Ghana", "29 May 2024"), ia("Peru", "1 Apr 2025"))
    assert listing(ia("Ghana", "29 May 2024"), ia("Peru", "1 Apr 2025"), ia("Thailand", "19 Aug 2025")) == [
        ("record.added", "New implementation agreement: Singapore – Thailand, signed 19 Aug 2025")]
    assert listing(ia("Ghana", "30 May 2024"), ia("Thailand", "19 Aug 2025")) == [
        ("record.changed", "Signed changed: Singapore – Ghana, 29 May 2024 → 30 May 2024")]
    # the table was read completely in this run and the one before: a failure elsewhere (the run is
    # partial) does not stop its removals
    assert listing(ia("Ghana", "30 May 2024"), ia("Thailand", "19 Aug 2025"), status="partial") == [
        ("record.removed", f"Removed implementation agreement: Singapore – Peru (no longer on {page})")]
    assert listing(ia("Ghana", "30 May 2024"), ia("Thailand", "19 Aug 2025")) == []


def test_a_listing_that_suddenly_yields_far_fewer_rows_is_an_alert_and_removes_nothing(catalog, clock):
    """A changed template read in part must not look like ten agreements withdrawn."""
    from core.items import RecordItem

    page = "https://www.bafu.admin.ch/agreements"
    rows = [RecordItem("a62_bilateral", page, "foen_agreements", f"p{i}", "bilateral agreement", f"Switzerland – P{i}",
                       {"partner": f"P{i}"}) for i in range(10)]

    def listing(items):
        return one_run(catalog, clock, "a62_bilateral", page, "foen_agreements", items, field="summary")

    listing(rows)
    listing(rows)
    for _ in range(3):  # read in part three times running: an alert each time, never a removal
        assert listing(rows[:2]) == [("source.broken", f"Source a62_bilateral: {page} listed 2 item(s), far fewer "
                                      "than its usual 10; nothing was judged removed from it (a changed page read in "
                                      "part?)")]
    # still that small after three alerts: the site really shrank; the page is read as usual again, and
    # what it no longer lists goes after two such runs
    assert listing(rows[:2]) == []
    assert sorted(kind for kind, _ in listing(rows[:2])) == ["record.removed"] * 8
