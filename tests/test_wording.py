"""The sentences a reader sees in feeds, digests and packs, apart from the rules that decide when a change
is made (tests/test_recorder*.py): concrete values in, the whole sentence out."""

from __future__ import annotations

from datetime import date

import pytest

from storage import changes as ck
from storage import wording as say
from storage.models import Document

SESSION = "https://unfccc.int/event/sbsta-64"


def document(symbol="FCCC/SBSTA/2026/2", title="Draft conclusions", **kw):
    return Document(key=kw.pop("key", (symbol or "https://unfccc.int/a.pdf").lower()), symbol=symbol, title=title,
                    doc_type=kw.pop("doc_type", None), publication_date=kw.pop("publication_date", None),
                    version_label=kw.pop("version_label", None), role=kw.pop("role", None), **kw)


# -- names ------------------------------------------------------------------------------------------
def test_a_document_is_named_by_its_symbol_else_its_title_else_its_key():
    assert say.describe(document()) == "FCCC/SBSTA/2026/2"
    assert say.describe(document(symbol=None)) == "Draft conclusions"
    assert say.describe(document(symbol=None, title=None)) == "https://unfccc.int/a.pdf"


# -- a document's first appearance ----------------------------------------------------------------
def test_a_new_document_with_symbol_type_date_and_version():
    doc = document(doc_type="Pre-session documents", publication_date=date(2026, 5, 1), version_label="01.0")
    assert say.document_new(doc, ck.DOCUMENT_NEW, None) == \
        "New document FCCC/SBSTA/2026/2: Draft conclusions (Pre-session documents, 01 May 2026) (version 01.0)"


def test_a_new_document_with_a_symbol_and_nothing_else_known():
    assert say.document_new(document(), ck.DOCUMENT_NEW, None) == "New document FCCC/SBSTA/2026/2: Draft conclusions"
    assert say.document_new(document(title=None), ck.DOCUMENT_NEW, None) == "New document FCCC/SBSTA/2026/2: "


def test_a_new_document_without_a_symbol_is_named_by_its_title_else_its_key():
    doc = document(symbol=None, title="Information note", publication_date=date(2026, 5, 1), version_label="2")
    assert say.document_new(doc, ck.DOCUMENT_NEW, None) == "New document: Information note (01 May 2026)"
    assert say.document_new(document(symbol=None, title=None), ck.DOCUMENT_NEW, None) == \
        "New document: https://unfccc.int/a.pdf"


@pytest.mark.parametrize(("kind", "verb"), [(ck.DOCUMENT_REVISED, "revises"), (ck.DOCUMENT_CORRECTED, "corrects"),
                                            (ck.DOCUMENT_ADDENDUM, "adds to")])
def test_a_rev_corr_or_add_names_what_it_changes(kind, verb):
    doc = document("FCCC/SBSTA/2026/2/Rev.1", parent_symbol="FCCC/SBSTA/2026/2", doc_type="Pre-session documents",
                   version_label="01.0")
    assert say.document_new(doc, kind, None) == \
        f"FCCC/SBSTA/2026/2/Rev.1 {verb} FCCC/SBSTA/2026/2: Draft conclusions (Pre-session documents)"


def test_a_revision_without_type_or_date_has_no_brackets():
    doc = document("FCCC/SBSTA/2026/2/Rev.1", parent_symbol="FCCC/SBSTA/2026/2")
    assert say.document_new(doc, ck.DOCUMENT_REVISED, None) == \
        "FCCC/SBSTA/2026/2/Rev.1 revises FCCC/SBSTA/2026/2: Draft conclusions"


@pytest.mark.parametrize(("kind", "words"), [(ck.MEETING_AGENDA, "agenda published"),
                                             (ck.MEETING_ANNOTATIONS, "annotated agenda published"),
                                             (ck.MEETING_REPORT, "meeting report published")])
def test_a_meeting_document_says_what_the_meeting_published(kind, words):
    doc = document("A6.4-SBM009-A01", "Provisional agenda", role="agenda", version_label="01.0")
    assert say.document_new(doc, kind, "sbm-9") == \
        f"SBM 009: {words} — A6.4-SBM009-A01: Provisional agenda (version 01.0)"


def test_an_annex_names_its_meeting():
    doc = document("A6.4-SBM009-AA-A02", "Draft standard on baselines", role="annex", version_label="01.0",
                   doc_type="Meeting annex", publication_date=date(2026, 3, 5))
    assert say.document_new(doc, ck.DOCUMENT_NEW, "sbm-9") == \
        "New annex for SBM 009: A6.4-SBM009-AA-A02 — Draft standard on baselines (version 01.0)"


def test_an_in_meeting_document_names_its_session_and_version():
    doc = document(None, "Draft text on item 3", role="in_meeting", version_label="2")
    assert say.document_new(doc, ck.DOCUMENT_NEW, "sbsta-64") == \
        "New in-meeting document for SBSTA 64: Draft text on item 3 (version 2)"


# -- a document seen again ------------------------------------------------------------------------
def test_a_re_issued_standard_names_both_versions():
    doc = document("A6.4-STAN-METH-001", "Methodology standard")
    assert say.version_reissued(doc, "01.0", "01.1") == \
        "A6.4-STAN-METH-001 re-issued: version 01.0 → 01.1: Methodology standard"


def test_a_new_in_meeting_iteration_names_its_session_and_both_versions():
    assert say.iteration_new("Draft text on item 3", "sbsta-64", "1", "2") == \
        "New iteration of Draft text on item 3 (SBSTA 64): version 1 → 2"
    assert say.iteration_new("Draft text on item 3", None, "1", "2") == \
        "New iteration of Draft text on item 3 (): version 1 → 2"


def test_a_metadata_change_quotes_each_field_before_and_after():
    fields = [("title", "Draft conclusions", "Conclusions"), ("publication_date", "2026-05-01", "2026-05-03"),
              ("agenda", ["sbsta-64 3"], ["sbsta-64 4"])]
    assert say.metadata_changed(document(), fields) == (
        "FCCC/SBSTA/2026/2 details changed — title: 'Draft conclusions' → 'Conclusions'; "
        "publication date: '2026-05-01' → '2026-05-03'; agenda: ['sbsta-64 3'] → ['sbsta-64 4']")


def test_a_withdrawal_says_why():
    assert say.document_withdrawn(document()) == \
        "FCCC/SBSTA/2026/2 withdrawn (the page marks it withdrawn): Draft conclusions"
    assert say.document_unlisted(document(title=None), SESSION, 2) == \
        "FCCC/SBSTA/2026/2 withdrawn: no longer listed on https://unfccc.int/event/sbsta-64 (2 complete runs): "


def test_a_comparison_is_appended_to_an_alert():
    assert say.with_comparison("FCCC/SBSTA/2026/2/Rev.1 revises FCCC/SBSTA/2026/2: Draft", "1 paragraph(s) added") == \
        "FCCC/SBSTA/2026/2/Rev.1 revises FCCC/SBSTA/2026/2: Draft — 1 paragraph(s) added"


# -- files ----------------------------------------------------------------------------------------
def test_a_new_version_names_pages_size_how_it_was_replaced_and_the_comparison():
    summary = say.file_new_version(document(), "en", (3, 5), (1000, 250_000), say.ADVANCE_REPLACED,
                                   "2 paragraph(s) added; 0 removed")
    assert summary == ("New version of FCCC/SBSTA/2026/2 (en): 3 → 5 pages; 1.0 kB → 0.25 MB; "
                       "advance version replaced by the final text; 2 paragraph(s) added; 0 removed")


def test_a_new_version_with_the_same_pages_under_the_same_url():
    assert say.file_new_version(document(), "fr", (4, 4), (1000, 1200), say.SAME_URL, None) == \
        "New version of FCCC/SBSTA/2026/2 (fr): 1.0 kB → 1.2 kB; file replaced under the same URL"
    assert say.file_new_version(document(), "en", (None, 4), (None, 2_500_000), None, None) == \
        "New version of FCCC/SBSTA/2026/2 (en): ? → 4 pages; 0.0 kB → 2.50 MB"


def test_a_new_language_is_named_in_english():
    assert say.language_added(document(), "fr") == "FCCC/SBSTA/2026/2 is now available in French: Draft conclusions"
    assert say.language_added(document(), "pt") == "FCCC/SBSTA/2026/2 is now available in pt: Draft conclusions"


def test_a_watchlist_hit_quotes_its_sentence_up_to_400_characters():
    assert say.watch_hit("Article 6.4", document(), "en", 3, "Removals shall be monitored.") == \
        "Article 6.4: FCCC/SBSTA/2026/2 (en) p. 3: “Removals shall be monitored.”"
    long = say.watch_hit("Article 6.4", document(), "en", 3, "x" * 500)
    assert long == "Article 6.4: FCCC/SBSTA/2026/2 (en) p. 3: “" + "x" * 400 + "”"


# -- meetings and deadlines -----------------------------------------------------------------------
def test_a_scheduled_meeting_says_when_and_where():
    assert say.meeting_scheduled("SBM 009", date(2026, 3, 2), date(2026, 3, 5), "Bonn") == \
        "SBM 009 scheduled: 2026-03-02 to 2026-03-05, Bonn"
    assert say.meeting_scheduled("SBM 009", None, None, None) == "SBM 009 scheduled: ? to ?, venue not given"


def test_a_moved_meeting_says_when_it_was_and_when_it_is():
    before = (date(2026, 3, 2), date(2026, 3, 5), "Bonn")
    assert say.meeting_moved("SBM 009", before, date(2026, 3, 9), date(2026, 3, 12), None) == \
        "SBM 009 moved: was 2026-03-02 to 2026-03-05, Bonn; now 2026-03-09 to 2026-03-12, venue not given"


def test_a_cancelled_or_vanished_meeting():
    assert say.meeting_status("SBM 009", "postponed", date(2026, 3, 2), date(2026, 3, 5), "Bonn") == \
        "SBM 009 postponed (was 2026-03-02 to 2026-03-05, Bonn)"
    assert say.meeting_unlisted("EB 130", "https://cdm.unfccc.int/EB", date(2026, 3, 2)) == \
        "EB 130 no longer listed on https://cdm.unfccc.int/EB before its date (2026-03-02): cancelled or postponed"
    assert say.meeting_unlisted("EB 130", "https://cdm.unfccc.int/EB", None) == \
        "EB 130 no longer listed on https://cdm.unfccc.int/EB before its date (no date): cancelled or postponed"


def test_a_deadline_set_or_a_call_opened():
    assert say.deadline_set("Call for input on removals", "call_for_input", date(2026, 3, 5)) == \
        "Call for input on removals: opened, due 05 Mar 2026"
    assert say.deadline_set("Submissions on item 3", "submission", None) == \
        "Submissions on item 3: set, due no date given"
    assert (say.due(date(2026, 3, 5)), say.due(None)) == ("05 Mar 2026", "no date given")


def test_a_deadline_moved_gives_both_dates():
    assert say.deadline_changed("Submissions on item 3", date(2026, 3, 5), date(2026, 3, 12)) == \
        "Submissions on item 3: deadline moved from 2026-03-05 to 2026-03-12"


# -- table rows -----------------------------------------------------------------------------------
def test_a_row_added_or_removed():
    assert say.record_added("bilateral agreement", "Ghana – Switzerland", "signed 2020-11-23") == \
        "New bilateral agreement: Ghana – Switzerland, signed 2020-11-23"
    assert say.record_added("bilateral agreement", "Ghana – Switzerland", None) == \
        "New bilateral agreement: Ghana – Switzerland"
    assert say.record_removed("bilateral agreement", "Ghana – Switzerland", "https://unfccc.int/a62") == \
        "Removed bilateral agreement: Ghana – Switzerland (no longer on https://unfccc.int/a62)"


def test_a_row_changed_names_each_field_before_and_after():
    before = {"status": "Draft", "sectors": ["energy", "waste"]}
    after = {"status": "Signed", "sectors": [], "signed_on": "2020-11-23"}
    assert say.record_changed("Ghana – Switzerland", before, after, ["sectors", "signed_on", "status"]) == (
        "Sectors changed: Ghana – Switzerland, energy; waste → (none); "
        "Signed on changed: Ghana – Switzerland, (none) → 2020-11-23; "
        "Status changed: Ghana – Switzerland, Draft → Signed")


# -- sources --------------------------------------------------------------------------------------
def test_a_broken_source_and_a_baseline():
    assert say.source_broken("cdm_eb", "no meeting table on the page") == \
        "Source cdm_eb broken: no meeting table on the page"
    assert say.baseline("UNFCCC session documents", 12, 30, 0) == \
        "Baseline: 12 documents, 30 files recorded for UNFCCC session documents"
    assert say.baseline("Article 6.2 bilateral agreements", 0, 0, 4) == \
        "Baseline: 0 documents, 0 files, 4 table rows recorded for Article 6.2 bilateral agreements"
