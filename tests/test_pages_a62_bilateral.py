"""Article 6.2 (CARP, governments, the Article 6 Pipeline workbook) page parsers
(crawler/pages/a62_bilateral.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/a62_bilateral/."""

from __future__ import annotations

import io
from functools import partial

import openpyxl
import pytest

from core.errors import LayoutError
from crawler.pages import a62_bilateral
from tests.conftest import fixture_page, parse_fixture

_parse = partial(parse_fixture, "a62_bilateral")  # _parse(parser, fixture name)


def test_carp_rowspans_are_expanded_into_each_row():
    page = _parse(a62_bilateral.parse_carp_reports, "carp_reports")
    ghana = [r for r in page.items if r.fields["party"] == "Ghana"]
    assert [r.fields["report"] for r in ghana] == ["Initial report", "Updated initial report"]
    assert {r.fields["ndc_period"] for r in ghana} == {"2021-2030"}
    assert ghana[1].fields["original_submission"] == "2023-06-30"


def test_a_renamed_column_is_a_layout_error_not_every_row_changed():
    meta, body, _expected = fixture_page("a62_bilateral", "carp_reports")
    with pytest.raises(LayoutError, match="table header changed"):
        a62_bilateral.parse_carp_reports(meta["url"], body.replace(b"Status of review", b"Review status"))
    with pytest.raises(LayoutError, match="table header changed"):
        a62_bilateral.parse_mofa_jcm(*_swap("mofa_jcm", b"<th>Signer(Japan)</th>", b""))


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
    ws.append(a62_bilateral.SHEETS["Bilateral Agreements"][1])
    for i in range(a62_bilateral.MAX_ROWS + 5):
        ws.append([f"t{i}", "Ghana", "", "", "Switzerland", "2020-11-23", "signed", ""])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(LayoutError, match="more than"):
        a62_bilateral.parse_pipeline_workbook("https://example.org/p.xlsx", out.getvalue())
