"""A6IP events, Article 6.2 announcements and registry tables of the sample site, in two states.

Real titles, parties, dates and links come from the Article 6 Pipeline rows in sample_site/data (early 2026) and
the real sites' markup. State 2: a new A6IP webinar and slides added to an upcoming one; a new
initial report and a review status changed on CARP; Singapore's eighth implementation agreement
(Thailand); the Swiss agreement with Peru renamed (an edited title: one change, never remove+add);
a bilateral agreement's status from MoU to BA (signed) and a new JCM project in the workbook; a new
voluntary cancellation."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from core.resources import read_text

PIPELINE_ROWS = "data/article6-pipeline-rows.json"


@dataclass(frozen=True)
class A6ipEvent:
    slug: str
    title: str
    date_line: str
    times: str
    theme: str
    audience: str
    speakers: tuple[str, ...]
    agenda: tuple[tuple[str, str, str, str], ...]  # (time, item, speakers, slides file name or "")
    videos: tuple[str, ...] = ()


EVENTS_1 = (
    A6ipEvent("4th-a6ip-working-group-on-tracking-and-reporting",
              "4th A6IP Working Group on Tracking and Reporting", "October 30th, 2024",
              "19:00 – 21:30 JST / 11:00 – 13:30 CET / 6:00 – 8:30 ET (Online)",
              "Options for tracking and the role of registry in enabling ITMOs reporting",
              "All partner countries and relevant partner organizations",
              ("Kazuhisa Koakutsu, Director of A6IP Center", "Hayato Nakamura, Program Manager, A6IP Center"),
              (("19:00-19:10", "Opening remarks", "Hayato Nakamura, Program Manager, A6IP Center", ""),
               ("19:10-19:50", "Background on Article 6 rules for tracking and reporting",
                "Kazuhisa Koakutsu, Director of A6IP Center (Online)", "2024/10/a6ip-wg4-session1.pdf")),
              ("https://www.youtube.com/watch?v=a6ipwg4s1",)),
    A6ipEvent("a6ip-webinar-on-authorization-of-itmos",
              "A6IP Webinar on Authorization of ITMOs", "June 18th, 2026",
              "16:00 – 17:30 JST / 9:00 – 10:30 CEST / 3:00 – 4:30 ET (Online)",
              "Authorization, first transfer and corresponding adjustments",
              "Partner countries' Article 6 focal points",
              ("Kazuhisa Koakutsu, Director of A6IP Center",),
              (("16:00-16:40", "Authorization statements in initial reports",
                "Kazuhisa Koakutsu, Director of A6IP Center", ""),)),
)


def a6ip_events(state: int) -> tuple[A6ipEvent, ...]:
    if state == 1:
        return EVENTS_1
    wg4, webinar = EVENTS_1
    webinar = replace(webinar, agenda=(("16:00-16:40", "Authorization statements in initial reports",
                                        "Kazuhisa Koakutsu, Director of A6IP Center",
                                        "2026/06/a6ip-authorization-webinar.pdf"),))
    new = A6ipEvent("5th-a6ip-working-group-on-registries", "5th A6IP Working Group on Registries",
                    "July 9th, 2026", "18:00 – 20:00 JST / 11:00 – 13:00 CEST / 5:00 – 7:00 ET (Online)",
                    "Connecting national registries to the international registry",
                    "All partner countries", ("Hayato Nakamura, Program Manager, A6IP Center",),
                    (("18:00-18:30", "Registry interoperability", "Hayato Nakamura, Program Manager, A6IP Center",
                      ""),))
    return (wg4, webinar, new)


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
EXPECTED_STATE2_RECORDS = {
    "a6ip": sorted([
        ("document.new", "A6IP Webinar on Authorization of ITMOs: slides 1"),
        ("record.added", "5th A6IP Working Group on Registries"),
        ("record.changed", "A6IP Webinar on Authorization of ITMOs"),
    ]),
    "a62_bilateral": sorted([
        ("record.added", "MN003 Installation of 12.7 MW Solar Power Plant for Power Supply In Ulaanbaatar Suburb "
                         "(Mongolia)"),
        ("record.added", "Singapore – Thailand"),
        ("record.added", "Switzerland – Ukraine"),
        ("record.added", "Thailand: Initial report (2021-2030)"),
        ("record.changed", "Guyana: Initial report (2021-2030)"),
        ("record.changed", "Japan – Mongolia"),
        ("record.changed", "Switzerland – Peru"),
    ]),
    "registries": sorted([
        ("record.added", "0911 ESTRE Itapevi Landfill Gas Project (EILGP)"),
        ("record.added", "0911 ESTRE Itapevi Landfill Gas Project (EILGP) (Brazil)"),
    ]),
}
