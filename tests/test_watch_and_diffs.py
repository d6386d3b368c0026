"""Watchlist matching on real extracted PDF text, and draft diffs in the format of sources.md §8."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from a6watch.config import Extraction
from a6watch.diffs import diff_texts, paragraphs
from a6watch.watch import DEFAULT_WATCHLISTS, compile_term, find_hits, sentence_key
from pipelines.extract import extract_file


def _pdf(lines_per_page: list[list[str]]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for lines in lines_per_page:
        y = 800
        for line in lines:
            c.drawString(72, y, line)
            y -= 14
        c.showPage()
    c.save()
    return buf.getvalue()


def test_hits_survive_pdf_line_breaks_hyphenation_spelling_and_plurals(tmp_path):
    pdf = tmp_path / "draft.pdf"
    pdf.write_bytes(_pdf([
        ["1. Participating Parties shall apply corresponding",
         "adjustments for the first transfer of internationally",
         "transferred mitigation outcomes."],
        ["2. The authori-", "sation of ITMOs is recorded in the initial report.",
         "3. Nothing about markets here."],
    ]))
    text = extract_file(pdf, "application/pdf", Extraction()).text
    assert text and "\f" in text  # real extracted text, with pages
    hits = find_hits(text, DEFAULT_WATCHLISTS)
    found = {(h.watchlist, h.page) for h in hits}
    assert ("corresponding-adjustments", 1) in found  # split across a line break
    assert ("first-transfer", 1) in found and ("itmos", 1) in found  # the long form is a synonym
    assert ("authorization", 2) in found  # hyphenated at a line end, British spelling
    assert ("itmos", 2) in found and ("initial-report", 2) in found
    sentence = next(h.sentence for h in hits if h.watchlist == "authorization")
    assert sentence == "2. The authorisation of ITMOs is recorded in the initial report."


def test_term_variants():
    assert compile_term("authorization").search("AUTHORISATIONS")
    assert compile_term("authorize").search("authorised") and compile_term("authorize").search("authorizing")
    assert compile_term("corresponding adjustment").search("corresponding-adjustments")
    assert compile_term("ITMO").search("ITMOs") and not compile_term("ITMO").search("ITMOSPHERE")
    assert compile_term("removal").search("Removals") and not compile_term("removal").search("removalist")
    assert compile_term("A6.4ER").search("A6.4ERs") and compile_term("JCM").search("the JCM.")


def test_a_renumbered_sentence_is_the_same_sentence():
    assert sentence_key("3. Parties shall report.") == sentence_key("5.  parties shall report")


OLD = """III. Initial reports
1. [[Decides][Clarifies] that the initial report shall include [the authorization statement].]
2. Requests the secretariat to prepare a synthesis report.
3. [Further guidance on initial reports] [Additional upfront information]
Option 1: Each Party shall report annually.
Option 2: {No text required}
4. Inconsistent[ (internal and/or cross-Party)] information shall be flagged."""

NEW = """III. Initial reports
1. Requests the secretariat to prepare a synthesis report.
2. Decides that the initial report shall include the authorization statement.
Option 1: Each Party shall report annually.
3. Inconsistent[ (internal and/or cross-Party)] information shall be flagged by the secretariat.
4. Invites Parties to submit views by 31 March 2027."""


def test_paragraphs_are_split_on_numbers_and_options():
    assert paragraphs(OLD)[4:6] == ["Option 1: Each Party shall report annually.", "Option 2: {No text required}"]


def test_draft_diff_matches_renumbered_paragraphs_by_content_and_counts_brackets():
    d = diff_texts(OLD, NEW)
    assert (d.brackets_before, d.brackets_after) == (7, 1)
    assert d.options_dropped == ["Option 2"] and d.options_added == []
    changed = {old.split(".")[0]: new.split(".")[0] for old, new in d.changed}
    assert changed == {"1": "2", "4": "3"}  # matched by content, across renumbering
    assert d.added == ["4. Invites Parties to submit views by 31 March 2027."]
    assert d.removed == ["3. [Further guidance on initial reports] [Additional upfront information]",
                         "Option 2: {No text required}"]
    assert "2. Requests" not in d.render()  # an unchanged, renumbered paragraph is not reported
    assert d.headline().startswith("1 paragraph(s) added; 2 removed; 2 changed; brackets 7 → 1")


def test_identical_texts_have_an_empty_diff():
    assert diff_texts(OLD, OLD.replace("1. [[", "7. [[")).is_empty
