"""Bracket history of a draft across its iterations (core.brackets): what negotiators count."""

from __future__ import annotations

from core.brackets import fold, history, passages

FIRST = """1. Each Party [shall][should] report [annually] on its ITMOs.
2. [Option A: the share of proceeds for adaptation is 5 per cent of A6.4ERs issued]
3. The secretariat shall publish the reports [1]."""

SECOND = """1. Each Party shall report [annually] on its
ITMOs.
2. [Option A: the share of proceeds for adaptation is 5 per cent of all A6.4ERs issued]
3. The secretariat shall publish the reports [within two weeks]."""

THIRD = """1. Each Party shall report annually on its ITMOs.
2. The share of proceeds is agreed elsewhere.
3. The secretariat shall publish the reports [within two weeks]. [Registry access for observers]"""


def test_passages_are_the_outermost_brackets_and_footnote_markers_are_not_brackets():
    text = "Parties [shall [, as appropriate,] report] ITMOs.[1] See [iv] and […] [Option B: none"
    assert passages(text) == ["shall [, as appropriate,] report", "Option B: none"]


def test_each_passage_has_the_iteration_it_appeared_in_and_the_one_it_left_in():
    h = history([FIRST, SECOND, THIRD])
    by_text = {p.text: p for p in h.passages}
    assert (by_text["shall"].appeared, by_text["shall"].left, by_text["shall"].resolved) == (1, 2, True)
    assert (by_text["should"].left, by_text["should"].resolved) == (2, False)  # the option dropped: removed
    assert (by_text["annually"].left, by_text["annually"].resolved) == (3, True)  # words kept: resolved
    within = by_text["within two weeks"]
    assert (within.appeared, within.left) == (2, None) and within.open
    assert by_text["Registry access for observers"].appeared == 3
    assert h.iterations == 3 and h.still_open == 2


def test_a_passage_edited_a_little_is_the_same_passage_amended_then_removed():
    h = history([FIRST, SECOND, THIRD])
    option = next(p for p in h.passages if p.text.startswith("Option A"))
    assert option.appeared == 1 and option.amended == [2] and "all A6.4ERs" in option.text
    assert (option.left, option.resolved) == (3, False)  # the paragraph was rewritten: removed


def test_counts_since_an_iteration_read_as_the_pack_line():
    h = history([FIRST, SECOND, THIRD])
    assert h.counts_since(2) == (1, 1, 1)  # resolved 'annually', removed Option A, new 'Registry access'
    assert h.counts_since(1) == (2, 2, 2)


def test_a_line_or_page_break_inside_a_passage_is_not_a_change():
    before = "Parties [shall report on corresponding adjust-\nments annually]."
    after = "Parties [shall report on corresponding adjustments\n\fannually]."
    assert fold(passages(before)[0]) == fold(passages(after)[0])
    h = history([before, after])
    assert len(h.passages) == 1 and h.passages[0].open and h.passages[0].amended == []


def test_a_short_passage_is_resolved_only_when_its_words_stand_as_words():
    h = history(["The Parties [shall] meet.", "The marshall meets."])
    assert h.passages[0].left == 2 and not h.passages[0].resolved


def test_no_iterations_and_no_brackets_are_empty_histories():
    assert history([]).passages == [] and history(["No brackets here."]).passages == []
    assert history(["one", "two"]).counts_since(1) == (0, 0, 0)
