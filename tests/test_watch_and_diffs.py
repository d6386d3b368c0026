"""Watchlist matching on real extracted PDF text, and draft diffs in the format of sources.md §8."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from core.diffs import diff_texts, paragraphs
from core.settings import Extraction
from core.watch import DEFAULT_WATCHLISTS, compile_term, find_hits, sentence_key
from extraction.engine import extract_file


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


def _draft(n: int, seed: int = 7) -> list[str]:
    import random

    rng = random.Random(seed)
    vocab = ("Party Parties corresponding adjustment authorization internationally transferred mitigation outcomes "
             "Article paragraph decision requests secretariat Supervisory Body methodology baseline registry "
             "first transfer report information review technical expert cooperative approach share proceeds "
             "adaptation overall mitigation global emissions emission reductions removals").split()
    return [" ".join(rng.choice(vocab) for _ in range(rng.randint(40, 90))) + "." for _ in range(n)]


def test_a_large_draft_with_every_paragraph_lightly_edited_diffs_in_linear_comparisons():
    """Hundreds of paragraphs, each lightly edited and all renumbered: every one is paired with its new
    version, and only a few comparisons are made per paragraph (once every pair was compared: 178 s
    for 200 paragraphs)."""
    old = _draft(400)
    new = [p.replace(" Party ", " [Party] ", 1).replace("registry", "registries", 1) + " as appropriate"
           for p in old]
    old_text = "\n".join(f"{i}. {p}" for i, p in enumerate(old, start=1))
    new_text = "\n".join(f"{i}. {p}" for i, p in enumerate(new, start=3))  # renumbered
    d = diff_texts(old_text, new_text)
    assert len(d.changed) == 400 and not d.added and not d.removed
    assert all(o.split(". ", 1)[1] == old[i] for i, (o, _n) in enumerate(d.changed))
    assert [n for _o, n in d.changed] == [f"{i}. {p}" for i, p in enumerate(new, start=3)]
    assert d.comparisons <= 6 * 400


def test_moved_added_and_removed_paragraphs_among_many():
    old = _draft(120, seed=11)
    new = old[:10] + old[11:60] + [old[10] + " with minor edits"] + old[60:] + ["A new paragraph on removals."]
    del new[100]
    d = diff_texts("\n".join(f"{i}. {p}" for i, p in enumerate(old, 1)),
                   "\n".join(f"{i}. {p}" for i, p in enumerate(new, 1)))
    assert [o.split(". ", 1)[1] for o, _n in d.changed] == [old[10]]
    assert d.added == [f"{len(new)}. A new paragraph on removals."]
    assert len(d.removed) == 1 and d.removed[0].split(". ", 1)[1] == old[100]  # new[100] was old[100]


def test_a_huge_unsplittable_paragraph_is_compared_in_linear_time():
    """A text with no paragraph breaks (a badly extracted PDF) is one huge paragraph: compared by its
    word triples, not word by word (which grows with the square of its length)."""
    old = " ".join(_draft(600, seed=3))
    new = old.replace(" Party ", " [Party] ")
    d = diff_texts(old, new)
    assert len(d.changed) == 1 and d.comparisons == 1


def test_a_paragraph_split_across_a_page_break_is_one_paragraph_and_moving_the_break_is_no_change():
    from core.diffs import diff_texts, paragraphs

    one_page = "1. Parties shall apply corresponding adjustments for the first transfer of ITMOs.\n\n2. Next."
    split = "1. Parties shall apply corresponding adjustments for the first\ftransfer of ITMOs.\n\n2. Next."
    elsewhere = "1. Parties shall apply corresponding\fadjustments for the first transfer of ITMOs.\n\n2. Next."
    assert paragraphs(split) == paragraphs(one_page) == [
        "1. Parties shall apply corresponding adjustments for the first transfer of ITMOs.", "2. Next."]
    assert diff_texts(split, elsewhere).is_empty
    # a break after a full stop, or before a numbered paragraph, still separates
    assert paragraphs("1. First.\fSecond sentence.") == ["1. First.", "Second sentence."]
    assert paragraphs("1. First part\f2. Second") == ["1. First part", "2. Second"]


def test_watchlists_match_japanese_terms_inside_running_text_and_japanese_sentences():
    from core.watch import DEFAULT_WATCHLISTS, find_hits

    text = ("二国間クレジット制度のパートナー国との間で、パリ協定第6条2項に基づく相当\n調整を行う。次の文である。"
            "\fParties apply corresponding adjustments.")
    hits = {(h.watchlist, h.term, h.page, h.sentence) for h in find_hits(text, DEFAULT_WATCHLISTS)}
    first = "二国間クレジット制度のパートナー国との間で、パリ協定第6条2項に基づく相当調整を行う。"  # line joined
    assert ("jcm", "二国間クレジット制度", 1, first) in hits  # the sentence ends at 。, not at the page
    assert ("corresponding-adjustments", "相当調整", 1, first) in hits  # across a line break
    assert ("corresponding-adjustments", "corresponding adjustment", 2,
            "Parties apply corresponding adjustments.") in hits
    assert not any(h[3] == "次の文である。" for h in hits)
