"""The registry parsers on real pages: the CDM project (crediting period) pages saved from cdm.unfccc.int in
Feb 2025 (samples/cdm/project-*.html of the real captures, skipped when absent), parsed as they are
(ISO-8859-1 declared,
Windows-1252 sent) through the router, at the project's ``/view`` URL and at the crediting period's
``…/CP/<id>/history`` URL the page links. Every field a reader sees is asserted as the page shows it."""

from __future__ import annotations

from typing import Any

import pytest

from core.items import Page, RecordItem
from crawler.sources import route
from tests.real_captures import capture, needs

DB = "https://cdm.unfccc.int/Projects/DB"
ACM0001 = ["ACM0001 ver. 19 - Flaring or use of landfill gas"]
PER_ANNUM = "metric tonnes CO2 equivalent per annum"

# sample -> (project page id, crediting period id, number, title, amount, renewal date, crediting period,
#            other crediting periods, appendix title)
SAMPLES: dict[str, tuple[str, str, str, str, str, str, str, list[str], str]] = {
    "1134": ("DNV-CUK1179394615.79", "GET5GUTE4C7D8L9OAULHZ48H71GMYX", "1134",
             "ESTRE Pedreira Landfill G\u00e1s Project (EPLGP)", f"731,862 {PER_ANNUM}", "2023-04-13",
             "12 Feb 22 - 11 Feb 29", ["12 Feb 08 - 11 Feb 15", "12 Feb 15 - 11 Feb 22"],
             "Appendix 1 - Untitled (uploaded 10 Feb 23 18:23:46)"),
    "1165": ("SGS-UKL1181685608.94", "5A9CYBBM28LGM1DRYF32RUUJIDZPXS", "1165",
             "PROBIOGAS-JP \u2013 Jo\u00e3o Pessoa Landfill Gas Project", f"211,589 {PER_ANNUM}", "2023-06-01",
             "27 Nov 22 - 26 Nov 29", ["27 Nov 08 - 26 Nov 15", "27 Nov 15 - 26 Nov 22"],
             "Appendix 1 - ER RCP UN 1165 BELL CDM RCP PROBIOGAS"),
    "373": ("DNV-CUK1145141778.29", "P72GDC822FNPCQDRU5XQCIJXCWLONV", "0373",
            "S\u00e3o Jo\u00e3o Landfill Gas to Energy Project (SJ)", f"45,497 {PER_ANNUM}", "2022-08-04",
            "22 May 21 - 21 May 28", ["22 May 07 - 21 May 14", "22 May 14 - 21 May 21"],
            "Appendix 1 - Sao Joao_3rd CP_CERs calculation_11.04.2022_final"),
    "648": ("DNV-CUK1158844635.31", "CIJPLI4TM6MDX4KCI3NB7LA72ZMDQ4", "0648",
            "Central de Res\u00edduos do Recreio Landfill Gas Project (CRRLGP)", f"481,492 {PER_ANNUM}", "2023-02-15",
            "01 Dec 21 - 30 Nov 28", ["01 Dec 07 - 30 Nov 14", "01 Dec 14 - 30 Nov 21"], "Appendix 1 - ER spreadsheet"),
    "911": ("DNV-CUK1169886803.63", "IIA17SL75OT8D6I7E5HXCHELIAXXJW", "0911",
            "ESTRE Itapevi Landfill Gas Project (EILGP)", f"128,419 {PER_ANNUM}", "2022-11-03",
            "17 Aug 21 - 16 Aug 28", ["17 Aug 07 - 16 Aug 14", "17 Aug 14 - 16 Aug 21"],
            "Appendix 1 - Untitled (uploaded 15 Aug 22 22:18:37)"),
}
URLS = ("view", "history")


def url_of(sample: str, which: str) -> str:
    project, period = SAMPLES[sample][:2]
    return f"{DB}/{project}/view" if which == "view" else f"{DB}/{project}/CP/{period}/history"


def expected(sample: str) -> dict[str, Any]:
    _p, _c, number, title, amount, renewal, period, others, appendix = SAMPLES[sample]
    return {
        "kind": "cdm_project", "records": 1, "key": number, "title": f"{number} {title}", "number": number,
        "name": title, "stage": "Crediting Period Renewal Request", "methodologies": ACM0001,
        "vvs_version": "VVS-PA 3.0", "standardized_baselines": "N/A", "amount_of_reductions": amount,
        "renewal_date": renewal, "crediting_period": period, "other_crediting_periods": others,
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
    got, want = observe(sample, which), expected(sample)
    return sum(got.get(k, object()) == v for k, v in want.items()), len(want)


@needs("samples", "cdm")
@pytest.mark.parametrize("which", URLS)
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_real_project_page_reads_as_the_page_shows(sample, which):
    got, want = observe(sample, which), expected(sample)
    wrong = {k: (got.get(k, got.get("error")), v) for k, v in want.items() if got.get(k, object()) != v}
    assert not wrong, f"{len(wrong)} of {len(want)} fields wrong (got, expected): {wrong}"


@needs("samples", "cdm")
def test_the_real_pages_are_windows_1252_under_an_iso_8859_1_declaration():
    body = capture("samples", "cdm", "project-1165.html").read_bytes()
    assert b"charset=iso-8859-1" in body and b"PROBIOGAS-JP \x96 Jo\xe3o" in body
