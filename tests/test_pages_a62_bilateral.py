"""Article 6.2 (CARP, governments, the Article 6 Pipeline workbook) page parsers
(crawler/pages/a62_bilateral.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/a62_bilateral/."""

from __future__ import annotations

import io
from functools import partial

import openpyxl
import pytest

from core.errors import LayoutError
from core.items import to_jsonable
from crawler.pages import a62_bilateral
from tests.conftest import fixture_page, parse_fixture
from tests.structural import LAYOUT, SAME, assert_variant

_parse = partial(parse_fixture, "a62_bilateral")  # _parse(parser, fixture name)


def test_carp_rowspans_are_expanded_into_each_row():
    page = _parse(a62_bilateral.parse_carp_reports, "carp_reports")
    ghana = [r for r in page.items if r.fields["party"] == "Ghana"]
    assert [r.fields["report"] for r in ghana] == ["Initial report", "Updated initial report"]
    assert {r.fields["ndc_period"] for r in ghana} == {"2021-2030"}
    assert ghana[1].fields["original_submission"] == "2023-06-30"


def test_a_column_renamed_beyond_recognition_or_removed_is_a_layout_error_not_every_row_changed():
    meta, body, _expected = fixture_page("a62_bilateral", "carp_reports")
    with pytest.raises(LayoutError, match="table header changed"):
        a62_bilateral.parse_carp_reports(meta["url"], body.replace(b"Status of review", b"Outcome"))
    with pytest.raises(LayoutError, match="table header changed"):
        a62_bilateral.parse_mofa_jcm(*_swap("mofa_jcm", b"<th>Signer(Japan)</th>", b""))


def test_a_column_renamed_with_the_same_meaning_reads_the_same_rows():
    meta, body, expected = fixture_page("a62_bilateral", "carp_reports")
    page = a62_bilateral.parse_carp_reports(meta["url"], body.replace(b"Status of review", b"Review status"))
    assert to_jsonable(page.items) == expected["items"]


def _swap(name, old, new):
    meta, body, _expected = fixture_page("a62_bilateral", name)
    return meta["url"], body.replace(old, new)


def test_a_workbook_whose_header_changed_is_a_layout_error():
    meta, body, _expected = fixture_page("a62_bilateral", "a6_pipeline_workbook")
    wb = openpyxl.load_workbook(io.BytesIO(body))
    wb["Bilateral Agreements"]["G2"] = "Agreement status"
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(LayoutError, match="Bilateral Agreements.*header changed"):
        a62_bilateral.parse_pipeline_workbook(meta["url"], buf.getvalue())


def test_workbook_rows_have_natural_keys_from_parties_and_dates():
    page = _parse(a62_bilateral.parse_pipeline_workbook, "a6_pipeline_workbook")
    tables = {r.table for r in page.items}
    assert tables == {"a6_pipeline_bilateral", "a6_pipeline_jcm", "a6_pipeline_prior_consideration"}
    mongolia = next(r for r in page.items if r.key == "Mongolia|Japan|2013-01-08")
    assert mongolia.title == "Japan – Mongolia" and mongolia.fields["status"] == "MoU"
    assert len({(r.table, r.key) for r in page.items}) == len(page.items)  # keys are unique


def test_government_pages_key_agreements_by_partner():
    foen = _parse(a62_bilateral.parse_foen_agreements, "foen_agreements")
    assert [r.key for r in foen.items][:2] == ["peru", "ghana"]
    assert foen.items[-1].fields["partner"] == "Chile"
    singapore = _parse(a62_bilateral.parse_singapore_ias, "singapore_ias")
    assert singapore.items[2].title == "Singapore – Zambia" and singapore.items[2].when == "signed 19 Nov 2024"


def test_pipeline_page_links_its_workbook():
    page = _parse(a62_bilateral.parse_pipeline_page, "a6_pipeline_page")
    assert page.follow[0].url.endswith(".xlsx") and page.follow[0].kind == "a6_pipeline_workbook"


def test_an_unreadable_agreement_line_is_a_layout_error_not_a_silent_removal():
    meta, body, _expected = fixture_page("a62_bilateral", "singapore_ias")
    changed = body.replace(b"signed 19 Nov 2024", b"signed in November 2024")
    with pytest.raises(LayoutError, match="no longer reads"):
        a62_bilateral.parse_singapore_ias(meta["url"], changed)


def _rewrite_workbook(body: bytes, edit) -> bytes:
    """The same workbook with every worksheet's XML passed through ``edit``."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(body)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = edit(data)
            dst.writestr(info, data)
    return out.getvalue()


def _declare_huge(sheet_xml: bytes) -> bytes:
    import re

    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet_xml)


@pytest.mark.timeout(60)  # a hang guard, not a timing: a hostile workbook once kept a crawl busy for hours
def test_a_workbook_declaring_a_million_rows_by_sixteen_thousand_columns_is_refused_quickly():
    """A 15 kB XLSX that declares A1:XFD1048576 and has one cell there would be read as a billion
    empty cells: it is refused as a layout error (loud), after reading no more rows than a real one has."""

    meta, body, _expected = fixture_page("a62_bilateral", "a6_pipeline_workbook")
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    hostile = _rewrite_workbook(body, lambda xml: _declare_huge(xml).replace(b"</sheetData>", far))
    assert len(hostile) < 100_000
    with pytest.raises(LayoutError, match="more than"):
        a62_bilateral.parse_pipeline_workbook(meta["url"], hostile)


def test_a_workbook_declaring_a_huge_size_but_holding_the_usual_rows_is_read_as_it_is():

    meta, body, expected = fixture_page("a62_bilateral", "a6_pipeline_workbook")
    hostile = _rewrite_workbook(body, _declare_huge)
    assert len(a62_bilateral.parse_pipeline_workbook(meta["url"], hostile).items) == len(expected["items"])


def test_a_workbook_with_more_rows_than_any_real_one_is_refused_loudly(monkeypatch):
    from openpyxl import Workbook

    monkeypatch.setattr(a62_bilateral, "MAX_ROWS", 50)
    wb = Workbook()
    ws = wb.active
    ws.title = "Bilateral Agreements"
    ws.append(["Article 6 Pipeline"])
    ws.append(["Title", "Host country", "Region", "Sub-region", "Buying country", "Date", "Status", "Link"])
    for i in range(a62_bilateral.MAX_ROWS + 5):
        ws.append([f"t{i}", "Ghana", "", "", "Switzerland", "2020-11-23", "signed", ""])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(LayoutError, match="more than"):
        a62_bilateral.parse_pipeline_workbook("https://example.org/p.xlsx", out.getvalue())


# -- the pages as the real sites write them, and plausible changes of structure -------------------------
def test_a_swiss_agreement_is_keyed_by_its_country_whatever_language_its_title_is_in():
    assert a62_bilateral.partner_of("Agreement with the Commonwealth of Dominica") == "Dominica"
    assert a62_bilateral.partner_of("Accord de mise en œuvre de l’Accord de Paris entre la Confédération suisse et "
                                    "le Royaume du Maroc") == "Morocco"
    assert a62_bilateral.partner_of("Accord entre la Suisse et le Sénégal relatif à la mise en œuvre de l'Accord "
                                    "de Paris") == "Senegal"
    assert a62_bilateral.partner_of("Implementing Agreement to the Paris Agreement between the Swiss Confederation "
                                    "and the Republic of Peru") == "Peru"
    assert a62_bilateral.partner_of("Joint Statement on Climate Change Cooperation with the Kingdom of Thailand") == \
        "Thailand"
    meta, body, _expected = fixture_page("a62_bilateral", "foen_agreements")
    french = body.replace(b">Agreement with the Republic of Peru<",
                          "Accord entre la Confédération suisse et la République du Pérou".join([">", "<"]).encode())
    peru = a62_bilateral.parse_foen_agreements(meta["url"], french).items[0]
    assert (peru.key, peru.title, peru.fields["partner"]) == ("peru", "Switzerland – Peru", "Peru")
    assert peru.fields["title"].startswith("Accord entre")


def test_a_jcm_signing_date_is_read_on_one_line_or_two_with_its_place():
    meta, body, _expected = fixture_page("a62_bilateral", "mofa_jcm")
    for cell in (b"January 8 2013 / Ulaanbaatar", b"January 8 2013<br>Ulaanbaatar", b"<p>January 8, 2013</p><p>"
                 b"Ulaanbaatar</p>"):
        page = a62_bilateral.parse_mofa_jcm(meta["url"], body.replace(b"January 8, 2013, Ulaanbaatar", cell))
        mongolia = page.items[0]
        assert (mongolia.key, mongolia.fields["signed"], mongolia.fields["place"], mongolia.when) == \
            ("Mongolia", "2013-01-08", "Ulaanbaatar", "signed 8 Jan 2013"), cell


def _numbered(body: bytes) -> bytes:
    """The MOFA table as the real page has it: an unnamed numbering column before "Country"."""
    body = body.replace(b"<tr><th>Country</th>", b"<tr><th></th><th>Country</th>")
    body = body.replace(b"<tr><td>Mongolia</td>", b"<tr><td>1</td><td>Mongolia</td>")
    return body.replace(b"<tr><td>Senegal</td>", b"<tr><td>18</td><td>Senegal</td>")


def _bold_header(body: bytes) -> bytes:
    return body.replace(b"<th>", b"<td><strong>").replace(b"</th>", b"</strong></td>")


def _outside(body: bytes, start: bytes, end: bytes) -> bytes:
    """The part from ``start`` to ``end`` moved out of the page's main area, to just before </body>."""
    i = body.index(start)
    j = body.index(end, i) + len(end)
    part = body[i:j]
    return (body[:i] + body[j:]).replace(b"</body>", part + b"</body>")


def _no_main(body: bytes) -> bytes:
    import re

    return re.sub(rb"</?main[^>]*>", b"", body)


VARIANTS = [  # (fixture, what changed, change, outcome)
    ("carp_reports", "no <main>", _no_main, SAME),
    ("carp_reports", "other Drupal wrappers", lambda b: b.replace(
        b'<div class="region region-content">', b'<div class="layout-content"><div class="clearfix text-formatted '
        b'field field--name-field-body field--type-text-long"><div class="field__item">').replace(
        b"</div></main>", b"</div></div></div></main>"), SAME),
    ("carp_reports", "header in bold cells, no <thead>", lambda b: _bold_header(b.replace(b"<thead>", b"").replace(
        b"</thead>", b"")), SAME),
    ("carp_reports", "table moved outside the area read", lambda b: _outside(b, b"<h2 id=", b"</table>"), SAME),
    ("carp_reports", "a column renamed beyond recognition", lambda b: b.replace(b"NDC period", b"Period"), LAYOUT),
    ("carp_reports", "the table gone", lambda b: b[:b.index(b"<table>")] + b"<p>Reports will be published here.</p>"
     + b[b.index(b"</table>") + 8:], LAYOUT),
    ("carp_authorizations", "section heading in a bold paragraph", lambda b: b.replace(
        b"<h3>Authorizations of ITMOs</h3>", b"<p><strong>Authorizations of ITMOs</strong></p>"), SAME),
    ("carp_authorizations", "no <main>, header in bold cells", lambda b: _bold_header(_no_main(b)), SAME),
    ("carp_authorizations", "the table empty", lambda b: b[:b.index(b"<tr><td>")] + b"</table></div></main>"
     b"</body></html>", LAYOUT),
    ("carp_cooperative_approaches", "reports column renamed", lambda b: b.replace(b"Initial reports</th>",
                                                                                  b"Reports</th>"), SAME),
    ("carp_cooperative_approaches", "no ID column", lambda b: b.replace(b"Cooperative approach ID", b"Code"), LAYOUT),
    ("mofa_jcm", "an unnamed numbering column before Country", _numbered, SAME),
    ("mofa_jcm", "numbering column, header in bold cells, no #maincontents", lambda b: _bold_header(_numbered(
        b.replace(b'<div id="maincontents">', b'<div class="main">'))), SAME),
    ("mofa_jcm", "date and place on two lines", lambda b: b.replace(b"January 8, 2013, Ulaanbaatar",
                                                                    b"January 8, 2013<br>Ulaanbaatar"), SAME),
    ("mofa_jcm", "no Country column", lambda b: b.replace(b"<th>Country</th>", b"<th>Nation</th>"), LAYOUT),
    ("foen_agreements", "section heading in a bold paragraph", lambda b: b.replace(
        b"<h2>Treaties under Article 6.2 (Paris Agreement)</h2>",
        b"<p><strong>Treaties under Article 6.2 (Paris Agreement)</strong></p>"), SAME),
    ("foen_agreements", "no <main>, the list in other wrappers", lambda b: _no_main(b).replace(
        b"<ul>", b'<div class="mod mod-linklist"><ul class="list-unstyled">').replace(b"</ul>", b"</ul></div>"), SAME),
    ("foen_agreements", "explanatory text around the list", lambda b: b.replace(
        b"(Paris Agreement)</h2>", b"(Paris Agreement)</h2><p>Switzerland concludes bilateral agreements; see "
                                   b"<a href='https://www.klik.ch/en/international/'>KliK</a>.</p>"), SAME),
    ("foen_agreements", "the heading gone", lambda b: b.replace(
        b"<h2>Treaties under Article 6.2 (Paris Agreement)</h2>", b""), LAYOUT),
    ("foen_agreements", "the list emptied", lambda b: b[:b.index(b"<ul><li><a")] + b"<ul></ul>" +
     b[b.index(b"</ul>") + 5:], LAYOUT),
    ("singapore_ias", "explanatory bullets before the list", lambda b: b.replace(
        b"<h1>Implementation Agreements</h1>", b"<h1>Implementation Agreements</h1><p>Other key benefits:</p><ul><li>"
        b"<p><strong>Contributes to adaptation actions</strong> \xe2\x80\x93 all projects authorised under Singapore's "
        b"Implementation Agreements contribute 5% of their share of proceeds.</p></li></ul>"), SAME),
    ("singapore_ias", "no <main>, agreements in paragraphs", lambda b: _no_main(b).replace(b"<li>", b"<p>").replace(
        b"</li>", b"</p>"), SAME),
    ("singapore_ias", "the list gone", lambda b: b[:b.index(b"<ul>")] + b"</main></body></html>", LAYOUT),
    ("a6_pipeline_page", "no <main>, heading in h2", lambda b: _no_main(b).replace(b"<h1>", b"<h2>").replace(
        b"</h1>", b"</h2>"), SAME),
    ("a6_pipeline_page", "no workbook link", lambda b: b.replace(b".xlsx", b".html"), LAYOUT),
]


@pytest.mark.parametrize("name,what,change,outcome", VARIANTS, ids=[f"{v[0]}: {v[1]}" for v in VARIANTS])
def test_a_page_whose_structure_changed_still_parses_or_is_a_layout_error(name, what, change, outcome):
    meta, body, expected = fixture_page("a62_bilateral", name)
    assert_variant(meta["url"], body, change, outcome, want=expected, parts=("items", "follow"))


def _workbook_edit(edit) -> tuple[str, bytes]:
    meta, body, _expected = fixture_page("a62_bilateral", "a6_pipeline_workbook")
    wb = openpyxl.load_workbook(io.BytesIO(body))
    edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return meta["url"], buf.getvalue()


def test_a_workbook_whose_columns_moved_reads_the_same_rows_and_one_missing_its_key_column_is_a_layout_error():
    from crawler.sources import route

    _meta, _body, expected = fixture_page("a62_bilateral", "a6_pipeline_workbook")

    def moved(wb):
        ws = wb["Bilateral Agreements"]
        ws.insert_rows(1)  # one more title row above the header
        ws.insert_cols(1)  # and a numbering column before "Title"
        ws["A3"] = "No."
        ws.move_range("H3:H200", cols=3)  # "Status" after "Link"
        wb["JCM"].insert_rows(1)

    url, body = _workbook_edit(moved)
    _source, _kind, parse = route(url, body)
    items = to_jsonable(parse(url, body).items)
    for item in items:
        if item["table"] == "a6_pipeline_bilateral":
            del item["fields"]["no."]  # the numbering column added
    assert items == expected["items"]

    url, body = _workbook_edit(lambda wb: wb["JCM"].delete_cols(2))  # "ID", the JCM rows' key
    with pytest.raises(LayoutError, match="JCM.*header changed.*missing: id"):
        route(url, body)[2](url, body)


def test_a_workbook_whose_sheet_is_empty_is_a_layout_error():
    from crawler.sources import route

    url, body = _workbook_edit(lambda wb: wb["Prior Consideration"].delete_rows(3, 500))
    with pytest.raises(LayoutError, match="Prior Consideration"):
        route(url, body)[2](url, body)


def test_a_second_swiss_document_with_the_same_partner_stays_on_its_row_never_dropped():
    meta, body, _expected = fixture_page("a62_bilateral", "foen_agreements")
    amended = body.replace(b"</ul><h2>International", b'<li><a href="/dam/bafu/en/Amendment-Ghana.pdf">Amendment to '
                                                      b"the Agreement with the Republic of Ghana</a></li></ul><h2>"
                                                      b"International")
    rows = a62_bilateral.parse_foen_agreements(meta["url"], amended).items
    assert [r.key for r in rows] == ["peru", "ghana", "senegal", "georgia", "thailand", "chile"]
    assert rows[1].fields["also"] == [{"title": "Amendment to the Agreement with the Republic of Ghana",
                                       "link": "https://www.bafu.admin.ch/dam/bafu/en/Amendment-Ghana.pdf"}]
