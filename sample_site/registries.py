"""registries: the CDM registry's publications on cdm.unfccc.int: the table of voluntary cancellations and
the project pages it links (real pages saved in Feb 2025, in sample_site/data). State 2: a new voluntary
cancellation."""

from __future__ import annotations

from core.resources import read_bytes
from sample_site.common import CDM_HTML, Resource, cdm_page

SOURCE = "registries"
VC_ATTEST = "https://cdm.unfccc.int/Registry/vc_attest/index.html"
CDM_PROJECTS = {  # real cdm.unfccc.int pages (saved Feb 2025), served at their own URLs
    "1134": "https://cdm.unfccc.int/Projects/DB/DNV-CUK1179394615.79/view",
    "0373": "https://cdm.unfccc.int/Projects/DB/DNV-CUK1145141778.29/view",
    "0911": "https://cdm.unfccc.int/Projects/DB/DNV-CUK1169886803.63/view",
}


def pages(state: int) -> dict[str, Resource]:
    site = {VC_ATTEST: Resource(CDM_HTML, cdm_page("registries/vc_attest.html", rows=vc_rows(state),
                                                   projects=CDM_PROJECTS))}
    for number, url in CDM_PROJECTS.items():
        site[url] = Resource(CDM_HTML, read_bytes("sample_site", f"data/cdm-project-{int(number)}.html"))
    return site


VC_ROWS_1 = (
    ("1134", "ESTRE Pedreira Landfill Gás Project (EPLGP)", "Landfill gas", "Brazil", "25,000", "CER",
     "Voluntary cancellation on behalf of Company A", "14/03/2026", "VCA-2026-0314-001"),
    ("0373", "São João Landfill Gas to Energy Project (SJ)", "Landfill gas", "Brazil", "12,500", "CER",
     "Offsetting 2025 emissions of Company B", "02/04/2026", "VCA-2026-0402-002"),
)


def vc_rows(state: int) -> tuple[tuple[str, ...], ...]:
    if state == 1:
        return VC_ROWS_1
    return VC_ROWS_1 + (("0911", "ESTRE Itapevi Landfill Gas Project (EILGP)", "Landfill gas", "Brazil", "8,000",
                         "CER", "Net-zero pledge of Company C", "28/05/2026", "VCA-2026-0528-003"),)


# What a crawl of state 2 after a baseline of state 1 must report: (kind, subject).
EXPECTED_STATE2 = sorted([
    ("record.added", "0911 ESTRE Itapevi Landfill Gas Project (EILGP)"),
    ("record.added", "0911 ESTRE Itapevi Landfill Gas Project (EILGP) (Brazil)"),
])
