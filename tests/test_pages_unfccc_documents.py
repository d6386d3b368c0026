"""unfccc.int parsers on saved pages built on the real sites' markup, with expected output as data."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from core.errors import LayoutError
from crawler.pages import unfccc_documents as pages
from crawler.sources import route
from tests.conftest import fixture_pages
from tests.structural import LAYOUT, SAME, assert_variant, fixture_html

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


def test_english_only_document_keeps_its_size():
    """'Open | English only | PDF 0.08 MB' (/documents/639656): one English file, with its size."""
    _, meta, body, _ = next(f for f in FIXTURES if f[0] == "document_639656")
    files = pages.parse_document_page(meta["url"], body).items[0].files
    assert [(f.language, f.size_text) for f in files] == [("en", "0.08 MB")]


@pytest.mark.parametrize("url", ["https://www.unfccc.int/documents/622088", "https://unfccc.int/zh/node/622088",
                                 "https://unfccc.int/es/documents/622088/"])
def test_document_urls_with_www_language_prefix_or_node_are_one_document(url):
    assert pages.canonical_document_url(url) == "https://unfccc.int/documents/622088"


def test_only_a_trailing_version_is_the_documents_own():
    assert pages.own_version("Standard: Sustainable development tool (version 01.1)") == "01.1"
    assert pages.own_version("Amendments to version 02.0 of the CDM project standard") is None
    assert pages.own_version("Report of the Consultative Group of Experts") is None


def test_agenda_headings_as_the_site_writes_them():
    assert pages.agenda_heading("2 (a). Adoption of the agenda;") == ("2 (a)", "Adoption of the agenda")
    assert pages.agenda_heading("17(b). Modalities of the forum") == ("17 (b)", "Modalities of the forum")
    assert pages.agenda_heading("2. (a) Adoption of the agenda") == ("2 (a)", "Adoption of the agenda")
    assert pages.agenda_heading("3. Reports on other activities") == ("3", "Reports on other activities")
    assert pages.agenda_heading("15 November at 13:41, the Chair proposed") is None


# ---- structural changes: each variant still parses to the same items, or is a layout error -------------
def _variant(fixture: str, variants: dict[str, tuple[Callable[[str], str], str]], variant: str) -> None:
    change, expected = variants[variant]
    assert_variant(*fixture_html("unfccc_documents", fixture), change, expected)


def _agenda_divs(html: str) -> tuple[str, str]:
    start = html.index('<div class="paragraph paragraph--type--agenda-item">')
    end = html.index("</div>\n</main>")
    return html[start:end], html[:start] + html[end:]


def _moved_outside_main(html: str) -> str:
    items, rest = _agenda_divs(html)
    return rest.replace("</main>", "</main>\n<aside class=\"region region-sidebar\">" + items + "</aside>")


def _as_views_list(html: str) -> str:
    html = re.sub(r"<tr><td>([^<]*)</td><td>(.*?)</td><td>([^<]*)</td><td>([^<]*)</td>\s*<td>.*?</td></tr>",
                  r'<div class="views-row"><div class="views-field-symbol">\1</div><div class="views-field-title">'
                  r'\2</div><div class="views-field-type">\3</div><div class="views-field-date">\4</div></div>',
                  html, flags=re.S)
    return re.sub(r"<table[^>]*>\s*<thead>.*?</thead>\s*<tbody>|</tbody>\s*</table>", "", html, flags=re.S)


def _column_moved(html: str, header: str, cells: int, move: int, to: int) -> str:
    """Column ``move`` placed before column ``to`` in the header and in every row of ``cells`` cells."""
    def reorder(row: re.Match[str]) -> str:
        parts = re.findall(r"<t[dh][^>]*>.*?</t[dh]>", row.group(1), flags=re.S)
        if len(parts) != cells:
            return row.group(0)
        parts.insert(to, parts.pop(move))
        return "<tr>" + "".join(parts) + "</tr>"
    return re.sub(r"<tr>(.*?)</tr>", reorder, html, flags=re.S)


def _numbered(html: str) -> str:
    """An extra unnamed numbering column before the first."""
    count = iter(range(1, 1000))
    html = re.sub(r"<tr>\s*<th>", "<tr><th></th><th>", html)
    return re.sub(r"<tr>(\s*)<td>", lambda m: f"<tr>{m.group(1)}<td>{next(count)}.</td><td>", html)


SESSION_VARIANTS = {
    "no <main>": (lambda h: h.replace('<main role="main">', "").replace("</main>", ""), SAME),
    "agenda headings in bold paragraphs": (
        lambda h: re.sub(r"<h3>(.*?)</h3>", r"<p><strong>\1</strong></p>", h), SAME),
    "agenda headings as accordion buttons": (
        lambda h: re.sub(r"<h3>(.*?)</h3>", r'<button class="accordion-button collapsed" type="button">\1</button>',
                         h), SAME),
    "other Drupal field classes for date and place": (
        lambda h: h.replace("field--name-field-event-date", "field--name-field-session-dates")
        .replace("field--name-field-event-location", "field--name-field-venue").replace("field--item", "field__item"),
        SAME),
    "date and place in plain paragraphs": (
        lambda h: re.sub(r'<div class="field field--name-field-event-(?:date|location)"><div class="field--item">'
                         r"(.*?)</div></div>", r"<p>\1</p>", h), SAME),
    "page title in a div, not an h1": (
        lambda h: h.replace('<h1 class="page-title">', '<div class="page-title">')
        .replace("</span></h1>", "</span></div>"),
        SAME),
    "tables outside <main>": (_moved_outside_main, SAME),
    "columns in another order": (lambda h: _column_moved(h, "Symbol", 5, 3, 0), SAME),
    "an extra unnamed numbering column": (_numbered, SAME),
    "renamed column (Type -> Category)": (lambda h: h.replace("<th>Type</th>", "<th>Category</th>"), LAYOUT),
    "renamed column (Document name -> Name), no code in the title": (
        lambda h: h.replace("<th>Document name</th>", "<th>Name</th>").replace(" (SBSTA 64)", ""), LAYOUT),
    "rows as a views list, not a table": (_as_views_list, LAYOUT),
    "no dates": (lambda h: re.sub(r'<div class="field field--name-field-event-date">.*?</div></div>', "", h), LAYOUT),
}


@pytest.mark.parametrize("variant", sorted(SESSION_VARIANTS))
def test_session_page_structural_change(variant):
    _variant("session_sbsta64", SESSION_VARIANTS, variant)


def _dl(html: str) -> str:
    """Labelled fields as a definition list: <dt>Symbol</dt><dd>…</dd>."""
    html = re.sub(r'<div class="field field--name-[^"]*"><div class="field--label">(.*?)</div>(.*?)</div>(?=\n)',
                  r"<dl><dt>\1</dt><dd>\2</dd></dl>", html)
    return html.replace('class="field--item"', "").replace('class="field--items"', "")


DOCUMENT_VARIANTS = {
    "no <main>": (lambda h: h.replace('<main role="main">', "").replace("</main>", ""), SAME),
    "Classy field classes (field__label, field__item)": (
        lambda h: h.replace("field--label", "field__label").replace("field--items", "field__items")
        .replace("field--item", "field__item"), SAME),
    "labels in a definition list": (_dl, SAME),
    "no .document-title, the page title only": (
        lambda h: h.replace('<div class="document-title"><h1>', '<h1 class="page-title">')
        .replace("</span></h1></div>", "</span></h1>"), SAME),
    "download menu outside <main>": (
        lambda h: h.replace("</main>", "</main>" + h[h.index('<div class="document-download">'):
                                                    h.index("</select>\n</div>") + 16])
        .replace(h[h.index('<div class="document-download">'): h.index("</select>\n</div>") + 16], "", 1), SAME),
    "a renamed label (Publication date -> Date of publication)": (
        lambda h: h.replace(">Publication date<", ">Date of publication<"), SAME),
    "no download menu": (lambda h: re.sub(r'<div class="document-download">.*?</select>\n</div>', "", h, flags=re.S),
                         LAYOUT),
    "no field labels": (lambda h: re.sub(r'<div class="field--label">.*?</div>', "", h), LAYOUT),
}


@pytest.mark.parametrize("variant", sorted(DOCUMENT_VARIANTS))
def test_document_page_structural_change(variant):
    _variant("document_622088", DOCUMENT_VARIANTS, variant)


LISTING_VARIANTS = {
    "no <main>": (lambda h: h.replace("<main role=\"main\">", "").replace("</main>", ""), SAME),
    "other block class": (lambda h: h.replace("block-views-blockdocuments-block-1", "block-views-blocksearch-results"),
                          SAME),
    "table outside the block": (
        lambda h: h.replace('<div class="view-content">', '</div><div class="view-content">', 1), SAME),
    "columns in another order": (lambda h: _column_moved(h, "Symbol", 5, 3, 1), SAME),
    "an extra unnamed numbering column": (_numbered, SAME),
    "renamed column (Title -> Subject)": (lambda h: h.replace("<th>Title</th>", "<th>Subject</th>"), LAYOUT),
    "rows as a views list, not a table": (_as_views_list, LAYOUT),
}


@pytest.mark.parametrize("variant", sorted(LISTING_VARIANTS))
def test_listing_structural_change(variant):
    _variant("documents_listing_official", LISTING_VARIANTS, variant)


def test_a_document_without_a_symbol_is_a_real_document_page():
    """Notifications and information notes have no symbol (/documents/48421: 'Open English PDF 0.12 MB',
    a publication date, a type, an author, a topic): legitimately sparse, not a layout error."""
    html = """<html><body><main><div class="document-title"><h1><span>AWG-KP In-session workshop on means to reach
    emission reduction targets - Information Note</span></h1></div>
    <div class="document-download"><a class="btn" href="/sites/default/files/resource/awgkp_workshop_note.pdf">Open</a>
    <span>English</span> <span>PDF 0.12 MB</span></div>
    <div class="field field--label-inline"><div class="field--label">Publication date</div>
    <div class="field--item">02 Feb 2018</div></div>
    <div class="field field--label-inline"><div class="field--label">Document type</div>
    <div class="field--item">Notifications to parties and observers</div></div>
    <div class="field field--label-inline"><div class="field--label">Author</div>
    <div class="field--item">UNFCCC</div></div>
    </main></body></html>"""
    url = "https://unfccc.int/documents/48421"
    _source, kind, parse = route(url, html)
    item = parse(url, html).items[0]
    assert (kind, item.symbol, item.doc_type, str(item.publication_date)) == (
        "document_page", None, "Notifications to parties and observers", "2018-02-02")
    assert [(f.language, f.url, f.size_text) for f in item.files] == [
        ("en", "https://unfccc.int/sites/default/files/resource/awgkp_workshop_note.pdf", "0.12 MB")]


def test_agenda_lines_of_a_document_with_and_without_their_session():
    from crawler.pages.unfccc_documents_read import agenda_refs

    assert [(a.meeting_key, a.number) for a in agenda_refs(["CMA 6", "15 (a). Guidance"], [])] == [("cma-6", "15 (a)")]
    assert [(a.meeting_key, a.number) for a in agenda_refs(["SBI 57 4 (b). Report of the CGE"], [])] == [
        ("sbi-57", "4 (b)")]
    # /documents/181953 lists '17(b). …' and '9(b). …', one line per body, without the bodies' names
    loose = agenda_refs(["17(b). Modalities of the forum;", "9(b). Modalities of the forum;"], ["sbi-48", "sbsta-48"])
    assert [(a.meeting_key, a.number, a.title) for a in loose] == [
        ("sbi-48", "17 (b)", "Modalities of the forum"), ("sbsta-48", "9 (b)", "Modalities of the forum")]


def test_session_known_by_its_latest_documents_heading_even_with_markup_inside_it():
    _, meta, body, _ = next(f for f in FIXTURES if f[0] == "session_sbsta64")
    html = body.decode().replace(" (SBSTA 64)", "").replace("<h2>Latest SBSTA 64 documents</h2>",
                                                             "<h2>Latest <span>SBSTA 64</span> documents</h2>")
    page = pages.parse_session_page(meta["url"], html)
    assert page.items[0].key == "sbsta-64" and len(page.items) == 5
