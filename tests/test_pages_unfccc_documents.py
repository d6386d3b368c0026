"""unfccc.int parsers on saved pages built on the real sites' markup, with expected output as data."""

from __future__ import annotations

import pytest

from core.errors import LayoutError
from crawler.pages import unfccc_documents as pages
from tests.conftest import fixture_pages

FIXTURES = fixture_pages("unfccc_documents")
def test_listing_anchor_without_rows_is_empty_not_an_error():
    name, meta, body, _ = next(f for f in FIXTURES if f[0] == "documents_listing_no_results")
    page = pages.parse_documents_listing(meta["url"], body)
    assert page.items == [] and page.follow == []


def test_session_page_without_documents_is_a_meeting_with_no_documents():
    _, meta, body, _ = next(f for f in FIXTURES if f[0] == "session_sbi65_no_documents")
    page = pages.parse_session_page(meta["url"], body)
    assert [type(i).__name__ for i in page.items] == ["MeetingItem"]


def test_listing_with_a_changed_row_layout_is_a_layout_error():
    _, meta, body, _ = next(f for f in FIXTURES if f[0] == "documents_listing_official")
    broken = body.replace(b"<td>Agendas and annotations</td>", b"", 1)
    with pytest.raises(LayoutError, match="expected 5 cells"):
        pages.parse_documents_listing(meta["url"], broken)


def test_listing_rows_carry_each_language_file_and_the_pager():
    _, meta, body, _ = next(f for f in FIXTURES if f[0] == "documents_listing_official")
    page = pages.parse_documents_listing(meta["url"], body)
    first = page.items[0]
    assert [f.language for f in first.files] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert first.files[2].size_text == "0.29 MB"
    assert page.meta["total"] == 57 and page.meta["last_page"] == 2
    assert page.follow[-1].kind == "documents_listing" and page.follow[-1].url.endswith("page=1")
    assert {"facet": "conference", "value": "4540",
            "label": "Bonn Climate Change Conference - June 2026"} in page.meta["facets"]


def test_legacy_table_keeps_agenda_items_titles_and_an_explicit_withdrawal():
    _, meta, body, _ = next(f for f in FIXTURES if f[0] == "session_legacy_sbi45")
    page = pages.parse_session_page(meta["url"], body)
    meeting, *docs = page.items
    assert [a.number for a in meeting.agenda] == ["2 (a)", "3 (b)"]
    assert docs[1].symbol == "FCCC/SBI/2016/INF.10/Add.1/Corr.1"
    assert docs[1].title.startswith("Compilation and synthesis of second biennial reports")
    assert docs[2].status == "withdrawn"


def test_node_alias_is_canonicalised_to_the_document_url():
    _, meta, body, _ = next(f for f in FIXTURES if f[0] == "document_641852_node_alias")
    item = pages.parse_document_page(meta["url"], body).items[0]
    assert item.url == "https://unfccc.int/documents/641852"
    assert [(a.meeting_key, a.number) for a in item.agenda_items] == [("cma-6", "15 (a)")]
