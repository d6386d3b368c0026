"""Registries (voluntary cancellations, CDM project pages) page parsers
(crawler/pages/registries.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/registries/."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import pytest

from crawler.pages import registries
from crawler.sources import url_kind
from tests.conftest import parse_fixture
from tests.structural import SAME, assert_variant, fixture_html, names

_parse = partial(parse_fixture, "registries")  # _parse(parser, fixture name)


def test_real_cdm_project_pages_parse_to_the_right_records():
    record = _parse(registries.parse_project, "project_1134_real").items[0]
    f = record.fields
    assert (record.key, f["title"]) == ("1134", "ESTRE Pedreira Landfill Gás Project (EPLGP)")
    assert f["methodologies"] == ["ACM0001 ver. 19 - Flaring or use of landfill gas"]
    assert f["crediting_period"] == "12 Feb 22 - 11 Feb 29"
    assert f["other_crediting_periods"] == ["12 Feb 08 - 11 Feb 15", "12 Feb 15 - 11 Feb 22"]
    assert f["renewal_date"] == "2023-04-13" and f["vvs_version"] == "VVS-PA 3.0"
    assert f["documents"][0] == {"title": "project design document", "url":
                                 "https://cdm.unfccc.int/UserManagement/FileStorage/DRTMC72HE5NX8KJ96VA3WQY1OZULIF"}
    assert _parse(registries.parse_project, "project_373_real").items[0].fields["title"].startswith("São João")


def test_voluntary_cancellations_follow_their_projects():
    page = _parse(registries.parse_vc_attest, "vc_attest")
    assert page.items[0].fields["completed"] == "2026-03-14"
    assert page.items[0].key.endswith("VCA-2026-0314-001.pdf")
    assert [f.kind for f in page.follow] == ["cdm_project", "cdm_project"]


# -- URLs and structural changes: the same items, or a layout error -------------------------------------------
def test_crediting_period_history_pages_and_cp_views_route_to_the_project_parser():
    base = "https://cdm.unfccc.int/Projects/DB/DNV-CUK1179394615.79"
    for url in (f"{base}/view", f"{base}/CP/GET5GUTE4C7D8L9OAULHZ48H71GMYX/history",
                f"{base}/CP/GET5GUTE4C7D8L9OAULHZ48H71GMYX/view", "https://www.cdm.unfccc.int/Projects/DB/X/view"):
        assert url_kind(url) == "cdm_project", url
    assert url_kind(f"{base}/CP/GET5GUTE4C7D8L9OAULHZ48H71GMYX/gotoCompletenessCheckForm") is None


def _no_main(html: str) -> str:
    return html.replace('<div id="main" role="main">', "<div>")


def _table_class_renamed(html: str) -> str:
    return html.replace('class="formTable"', 'class="data-table views-table"')


def _labels_in_bold_cells(html: str) -> str:
    return re.sub(r"<th>(.*?)</th>", r"<td><b>\1</b></td>", html, flags=re.S)


def _rows_reordered(html: str) -> str:
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    body = "".join(reversed(rows))
    return html.replace("".join(rows), body) if "".join(rows) in html else re.sub(
        r"(<table[^>]*>).*(</table>)", lambda m: m.group(1) + body + m.group(2), html, count=1, flags=re.S)


def _header_in_h1(html: str) -> str:
    return re.sub(r'<div class="mH header">\s*<div>(.*?)</div>\s*</div>', r'<h1 class="title">\1</h1>', html,
                  flags=re.S)


def _project_label_renamed(html: str) -> str:
    return re.sub(r"(<th>\s*)Project(\s*</th>)", r"\1Activity\2", html)


def _no_table(html: str) -> str:
    return re.sub(r"<table.*</table>", "<p>This page is being updated.</p>", html, flags=re.S)


PROJECT_VARIANTS: list[tuple[Callable[[str], str], str]] = [
    (_no_main, SAME), (_table_class_renamed, SAME), (_labels_in_bold_cells, SAME), (_rows_reordered, SAME),
    (_header_in_h1, SAME), (_project_label_renamed, "no table with a 'Project' row"),
    (_no_table, "no table with a 'Project' row"),
]


@pytest.mark.parametrize("change,outcome", PROJECT_VARIANTS, ids=names(PROJECT_VARIANTS))
def test_project_page_after_a_change_of_structure_parses_the_same_or_is_a_layout_error(change, outcome):
    assert_variant(*fixture_html("registries", "project_1134_real", "cp1252"), change, outcome, regex=False)


def _vc_numbering_column(html: str) -> str:
    html = html.replace("<tr><th>Project/POA number</th>", "<tr><th></th><th>Project/POA number</th>")
    n = iter(range(1, 100))
    return re.sub(r"<tr><td>", lambda _m: f"<tr><td>{next(n)}</td><td>", html)


def _vc_columns_moved(html: str) -> str:
    """The date of completion moved to the first column."""
    def move(row: re.Match[str]) -> str:
        cells = re.findall(r"<t[hd]>.*?</t[hd]>", row.group(0), flags=re.S)
        return "<tr>" + cells[7] + "".join(cells[:7]) + "".join(cells[8:]) + "</tr>"
    return re.sub(r"<tr>.*?</tr>", move, html, flags=re.S)


def _vc_header_in_bold_cells(html: str) -> str:
    return re.sub(r"<th>(.*?)</th>", r"<td><strong>\1</strong></td>", html)


def _vc_column_renamed(html: str) -> str:
    return html.replace("<th>Quantity of units cancelled</th>", "<th>Volume</th>")


def _vc_column_removed(html: str) -> str:
    def drop(row: re.Match[str]) -> str:
        cells = re.findall(r"<t[hd]>.*?</t[hd]>", row.group(0), flags=re.S)
        return "<tr>" + "".join(cells[:5] + cells[6:]) + "</tr>"
    return re.sub(r"<tr>.*?</tr>", drop, html, flags=re.S)


def _vc_without_rows(html: str) -> str:
    return re.sub(r"</tr>\s*<tr><td>.*?(?=</table>)", "</tr>\n", html, flags=re.S)


VC_VARIANTS: list[tuple[Callable[[str], str], str]] = [
    (_no_main, SAME), (_table_class_renamed, SAME), (_vc_numbering_column, SAME), (_vc_columns_moved, SAME),
    (_vc_header_in_bold_cells, SAME), (_vc_column_renamed, "no column for quantity"),
    (_vc_column_removed, "no column for unit_type"), (_vc_without_rows, "at least 1: a voluntary cancellation row"),
]


@pytest.mark.parametrize("change,outcome", VC_VARIANTS, ids=names(VC_VARIANTS))
def test_voluntary_cancellations_after_a_change_of_structure_parse_the_same_or_are_a_layout_error(change, outcome):
    assert_variant(*fixture_html("registries", "vc_attest", "cp1252"), change, outcome, regex=False)
