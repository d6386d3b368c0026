"""The registry parsers on real pages: the CDM project (crediting period) pages saved from cdm.unfccc.int in
Feb 2025 (samples/cdm/project-*.html of the real captures, skipped when absent), parsed as they are
(ISO-8859-1 declared,
Windows-1252 sent) through the router, at the project's ``/view`` URL and at the crediting period's
``…/CP/<id>/history`` URL the page links. Every field a reader sees is asserted as the page shows it."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

import pytest

from core.items import Page, RecordItem
from crawler.sources import route
from tests import real_captures
from tests.real_captures import capture, needs

DB = "https://cdm.unfccc.int/Projects/DB"
ACM0001 = ["ACM0001 ver. 19 - Flaring or use of landfill gas"]
PER_ANNUM = "metric tonnes CO2 equivalent per annum"

# sample (its number, on four digits) -> (project page id, crediting period id, tonnes a year, renewal date,
#                                          first day of its first crediting period)
SAMPLES: dict[str, tuple[str, str, str, str, str]] = {
    "1134": ("DNV-CUK1179394615.79", "GET5GUTE4C7D8L9OAULHZ48H71GMYX", "731,862", "2023-04-13", "12 Feb 08"),
    "1165": ("SGS-UKL1181685608.94", "5A9CYBBM28LGM1DRYF32RUUJIDZPXS", "211,589", "2023-06-01", "27 Nov 08"),
    "373": ("DNV-CUK1145141778.29", "P72GDC822FNPCQDRU5XQCIJXCWLONV", "45,497", "2022-08-04", "22 May 07"),
    "648": ("DNV-CUK1158844635.31", "CIJPLI4TM6MDX4KCI3NB7LA72ZMDQ4", "481,492", "2023-02-15", "01 Dec 07"),
    "911": ("DNV-CUK1169886803.63", "IIA17SL75OT8D6I7E5HXCHELIAXXJW", "128,419", "2022-11-03", "17 Aug 07"),
}
# sample -> (title, appendix title)
TITLES: dict[str, tuple[str, str]] = {
    "1134": ("ESTRE Pedreira Landfill G\u00e1s Project (EPLGP)",
             "Appendix 1 - Untitled (uploaded 10 Feb 23 18:23:46)"),
    "1165": ("PROBIOGAS-JP \u2013 Jo\u00e3o Pessoa Landfill Gas Project",
             "Appendix 1 - ER RCP UN 1165 BELL CDM RCP PROBIOGAS"),
    "373": ("S\u00e3o Jo\u00e3o Landfill Gas to Energy Project (SJ)",
            "Appendix 1 - Sao Joao_3rd CP_CERs calculation_11.04.2022_final"),
    "648": ("Central de Res\u00edduos do Recreio Landfill Gas Project (CRRLGP)", "Appendix 1 - ER spreadsheet"),
    "911": ("ESTRE Itapevi Landfill Gas Project (EILGP)", "Appendix 1 - Untitled (uploaded 15 Aug 22 22:18:37)"),
}
URLS = ("view", "history")


def url_of(sample: str, which: str) -> str:
    project, period = SAMPLES[sample][:2]
    return f"{DB}/{project}/view" if which == "view" else f"{DB}/{project}/CP/{period}/history"


def crediting_periods(first: str) -> list[str]:
    """The three 7-year crediting periods from the first one's first day ('12 Feb 08'), as the page writes them."""
    start = datetime.strptime(first, "%d %b %y")
    starts = [start.replace(year=start.year + 7 * i) for i in range(4)]
    return [f"{a:%d %b %y} - {b - timedelta(days=1):%d %b %y}" for a, b in itertools.pairwise(starts)]


def expected(sample: str) -> dict[str, Any]:
    (_p, _c, tonnes, renewal, first), (title, appendix) = SAMPLES[sample], TITLES[sample]
    number, periods = sample.zfill(4), crediting_periods(first)
    return {
        "kind": "cdm_project", "records": 1, "key": number, "title": f"{number} {title}", "number": number,
        "name": title, "stage": "Crediting Period Renewal Request", "methodologies": ACM0001,
        "vvs_version": "VVS-PA 3.0", "standardized_baselines": "N/A", "amount_of_reductions": f"{tonnes} {PER_ANNUM}",
        "renewal_date": renewal, "crediting_period": periods[-1], "other_crediting_periods": periods[:-1],
        "documents": ["project design document", appendix, "crediting period renewal form", "Validation opinion"],
        "files": 4, "requests_for_issuance": "",
    }


def fields(page: Page) -> dict[str, Any]:
    records = [i for i in page.items if isinstance(i, RecordItem)]
    r = records[0]
    f = r.fields
    return {
        "kind": page.kind, "records": len(records), "key": r.key, "title": r.title, "number": f.get("number"),
        "name": f.get("title"), "stage": f.get("stage"), "methodologies": f.get("methodologies"),
        "vvs_version": f.get("vvs_version"), "standardized_baselines": f.get("standardized_baselines"),
        "amount_of_reductions": f.get("amount_of_reductions"), "renewal_date": f.get("renewal_date"),
        "crediting_period": f.get("crediting_period"), "other_crediting_periods": f.get("other_crediting_periods"),
        "documents": [d["title"] for d in f.get("documents", [])],
        "files": sum(1 for d in f.get("documents", []) if "/UserManagement/FileStorage/" in (d["url"] or "")),
        "requests_for_issuance": f.get("requests_for_issuance"),
    }


def observe(sample: str, which: str) -> dict[str, Any]:
    body = capture("samples", "cdm", f"project-{sample}.html").read_bytes()
    url = url_of(sample, which)
    try:
        _source, _kind, parse = route(url, body)
        return fields(parse(url, body))
    except Exception as error:  # noqa: BLE001 - a rejected page scores nothing
        return {"error": repr(error)}


def score(sample: str, which: str) -> tuple[int, int]:
    """(fields right, fields asserted), counted as tests/real_captures.score counts them."""
    right, total, _wrong = real_captures.score(expected(sample), observe(sample, which))
    return right, total


@needs("samples", "cdm")
@pytest.mark.parametrize("which", URLS)
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_real_project_page_reads_as_the_page_shows(sample, which):
    real_captures.check(expected(sample), observe(sample, which))


@needs("samples", "cdm")
def test_the_real_pages_are_windows_1252_under_an_iso_8859_1_declaration():
    body = capture("samples", "cdm", "project-1165.html").read_bytes()
    assert b"charset=iso-8859-1" in body and b"PROBIOGAS-JP \x96 Jo\xe3o" in body
