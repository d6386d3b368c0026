"""a62_bilateral: Article 6.2 cooperation, the pages of CARP (unfccc.int: reports, authorizations, cooperative
approaches), of governments (Japan's JCM partners, Switzerland's agreements, Singapore's implementation
agreements) and the Article 6 Pipeline (UNEP-CCC) with its XLSX workbook.

Real titles, parties, dates and links come from the Article 6 Pipeline rows in sample_site/data (early 2026)
and the real sites' markup. State 2: a new initial report and a review status changed on CARP; Singapore's
eighth implementation agreement (Thailand); the Swiss agreement with Peru renamed (an edited title: one
change, never remove+add); a bilateral agreement's status from MoU to BA (signed) and a new JCM project in
the workbook."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from functools import lru_cache
from typing import Any

from core.resources import read_text
from core.sources import ARTICLE_62, FOEN, SINGAPORE
from sample_site.common import HTML, Resource, render

SOURCE = "a62_bilateral"
CARP = f"https://unfccc.int{ARTICLE_62}/carp"
PIPELINE_ROWS = "data/article6-pipeline-rows.json"
WORKBOOK = "https://unepccc.org/wp-content/uploads/2026/03/article-6-pipeline.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pages(state: int) -> dict[str, Resource]:
    def page(template: str, **context: Any) -> Resource:
        return Resource(HTML, render(f"a62_bilateral/{template}.html", **context).encode())

    return {
        f"{CARP}/reports": page("carp_reports", rows=carp_reports(state)),
        f"{CARP}/authorizations": page("carp_authorizations", rows=AUTHORIZATIONS),
        f"{CARP}/cooperative-approaches": page("carp_cooperative_approaches", rows=COOPERATIVE_APPROACHES),
        "https://www.mofa.go.jp/ic/ch/page1we_000105.html": page("mofa_jcm", rows=MOFA_JCM),
        f"https://www.bafu.admin.ch{FOEN}": page("foen_agreements", titles=foen_titles(state)),
        f"https://carbonmarkets-cooperation.gov.sg{SINGAPORE}": page("singapore_ias", rows=singapore_ias(state)),
        "https://unepccc.org/article-6-pipeline/": page("pipeline", workbook=WORKBOOK),
        WORKBOOK: Resource(XLSX, pipeline_workbook(pipeline_rows(state)), validators=True),
    }


CARP_REPORTS_1 = (
    # (party, NDC period, original submission, [(report, TER report, status)])
    ("Ghana", "2021-2030", "30 Jun 2023", (("Initial report", "A6TER report: Ghana", "Completed"),
                                           ("Updated initial report", "", "In progress"))),
    ("Switzerland", "2021-2030", "15 Dec 2023", (("Initial report", "A6TER report: Switzerland", "Completed"),)),
    ("Guyana", "2021-2030", "13 Mar 2024", (("Initial report", "", "In progress"),)),
)


def carp_reports(state: int) -> tuple[Any, ...]:
    if state == 1:
        return CARP_REPORTS_1
    ghana, swiss, guyana = CARP_REPORTS_1
    guyana = ("Guyana", "2021-2030", "13 Mar 2024", (("Initial report", "A6TER report: Guyana", "Completed"),))
    return (ghana, swiss, guyana, ("Thailand", "2021-2030", "20 May 2026", (("Initial report", "", "Not started"),)))


AUTHORIZATIONS = (("Ghana", "Authorization of ITMOs: Ghana–Switzerland cookstoves", "2 Nov 2023"),
                  ("Switzerland", "Authorization statement: Ghana cookstoves programme", "30 Nov 2023"))
COOPERATIVE_APPROACHES = (("CA0001", "Cooperative approach between Ghana and Switzerland", "Ghana, Switzerland"),
                          ("CA0002", "Cooperative approach between Guyana and Singapore", "Guyana, Singapore"))
MOFA_JCM = (("Mongolia", "January 8, 2013, Ulaanbaatar", "Ambassador of Japan to Mongolia", "Minister of Nature"),
            ("Senegal", "August 25, 2022, Dakar", "Ambassador of Japan to Senegal", "Minister of Environment"))


def foen_titles(state: int) -> tuple[str, ...]:
    peru = "Agreement with the Republic of Peru" if state == 1 else "Implementing Agreement with the Republic of Peru"
    return (peru, "Agreement with the Republic of Ghana", "Agreement with the Republic of Senegal",
            "Agreement with Georgia", "Agreement with the Kingdom of Thailand",
            "Joint Declaration with the Republic of Chile")


def singapore_ias(state: int) -> tuple[tuple[str, str], ...]:
    signed = (("Papua New Guinea", "5 Dec 2023"), ("Ghana", "29 May 2024"), ("Zambia", "19 Nov 2024"),
              ("Bhutan", "28 Feb 2025"), ("Peru", "1 Apr 2025"), ("Chile", "7 Apr 2025"), ("Rwanda", "6 May 2025"))
    return signed if state == 1 else signed + (("Thailand", "19 Aug 2025"),)


@lru_cache(maxsize=1)
def pipeline_sample() -> dict[str, Any]:
    """Real rows of the Article 6 Pipeline, kept in the repository so that every clone serves the same site."""
    data: dict[str, Any] = json.loads(read_text("sample_site", PIPELINE_ROWS))
    return data


def pipeline_rows(state: int) -> dict[str, list[dict[str, Any]]]:
    data = pipeline_sample()
    bilateral = [dict(r) for r in data["bilateralAgreements"][:30]]
    jcm = [dict(r) for r in data["jcmProjects"][:20]]
    prior = [dict(r) for r in data["priorConsideration"][:20]]
    if state == 2:
        mou = next(r for r in bilateral if r["status"] == "MoU")
        mou["status"] = "BA (signed)"
        bilateral.append(dict(data["bilateralAgreements"][30]))
        jcm.append(dict(data["jcmProjects"][20]))
    return {"bilateral": bilateral, "jcm": jcm, "prior": prior}



# What a crawl of state 2 after a baseline of state 1 must report: (kind, subject).
EXPECTED_STATE2 = sorted([
    ("record.added", "MN003 Installation of 12.7 MW Solar Power Plant for Power Supply In Ulaanbaatar Suburb "
                     "(Mongolia)"),
    ("record.added", "Singapore – Thailand"),
    ("record.added", "Switzerland – Ukraine"),
    ("record.added", "Thailand: Initial report (2021-2030)"),
    ("record.changed", "Guyana: Initial report (2021-2030)"),
    ("record.changed", "Japan – Mongolia"),
    ("record.changed", "Switzerland – Peru"),
])


def pipeline_workbook(rows: dict[str, list[dict[str, Any]]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    overview = wb.active
    overview.title = "Country Overview"
    overview.append(["Article 6 Pipeline", None, None])
    overview.append(["Bilateral agreements", len(rows["bilateral"]), "as of 2026-02-28"])
    ws = wb.create_sheet("Bilateral Agreements")
    ws.append(["Bilateral agreements"])
    ws.append(["Title", "Host country", "Region", "Sub-region", "Buying country", "Date", "Status", "Link"])
    for r in rows["bilateral"]:
        ws.append([r["title"], r["hostCountry"], r["region"], r["subRegion"], r["buyingCountry"],
                   date.fromisoformat(r["date"]) if r.get("date") else None, r["status"], r["link"]])
    ws = wb.create_sheet("JCM")
    ws.append(["JCM projects"])
    ws.append([])
    ws.append(["No.", "ID", "Title", "Host country", "Region", "Sub-region", "Type", "Sub-type", "ktCO2e/yr",
               "Implementer", "Website", "Status", "Registration date"])
    for r in rows["jcm"]:
        ws.append([r["number"], r["id"], r["title"], r["hostCountry"], r["region"], r["subRegion"], r["type"],
                   r.get("subType"), r.get("ktCo2ePerYear"), r.get("implementer"), r.get("website"), r.get("status"),
                   date.fromisoformat(r["registrationDate"]) if r.get("registrationDate") else None])
    ws = wb.create_sheet("Prior Consideration")
    ws.append(["Prior consideration notifications"])
    ws.append(["Host party", "Submission date", "Title", "PA/PoA", "Region", "Sector", "Category",
               "Reduction/removal", "Activity type", "Methodology", "tCO2e/yr", "Income group"])
    for r in rows["prior"]:
        ws.append([r["hostParty"], date.fromisoformat(r["submissionDate"]), r["title"], r["type"], r["region"],
                   r["sector"], r["category"], r["reductionType"], r["activityType"], r["methodology"],
                   r["tCo2ePerYear"], r["incomeGroup"]])
    wb.create_sheet("Projects")
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic_zip(buf.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """openpyxl stamps the current time into the workbook; fix it so the same rows give the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                                 lambda m: m.group(0).split(b">")[0] + b">2026-02-28T00:00:00Z</dcterms:"
                                 + m.group(1) + b">", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 2, 28, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, content)
    return out.getvalue()
