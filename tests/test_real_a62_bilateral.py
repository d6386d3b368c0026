"""Real captures of the Article 6.2 pages (real-text/T16 FOEN, T18 Singapore, T19 MOFA of the real captures: text only,
wrapped in each site's markup) and the real Article 6 Pipeline rows (samples/a6pipeline of the real captures, laid out
as the published workbook is), routed and parsed as a crawl would: the rows a reader sees, with their keys,
partners and dates read from the real text. Skips with the reason when the captures are absent."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import datetime
from typing import Any

from core.errors import LayoutError
from core.items import RecordItem
from crawler.sources import route
from tests.real_captures import capture, check, needs, real_text


def e(text: str) -> str:
    return html.escape(text, quote=False)


def parse(url: str, body: bytes | str) -> tuple[str | None, list[RecordItem] | str]:
    """(page kind, its rows), or (kind, the layout error's detail)."""
    _source, kind, parser = route(url, body)
    try:
        page = parser(url, body)
    except LayoutError as exc:
        return kind, exc.detail
    return kind, [i for i in page.items if isinstance(i, RecordItem)]


# -- T16: Switzerland (FOEN, www.bafu.admin.ch: the federal CMS, link lists in "mod-linklist") -----------
AGREEMENT = re.compile(r"^(?:Agreement|Accord|Joint|Memorandum|Implementing)\b")


def _dam(title: str) -> str:
    name = re.sub(r"\W+", "-", title).strip("-")
    return f"/dam/bafu/en/dokumente/international/fachinfo-daten/{name}.pdf.download.pdf/{name}.pdf"


def wrap_foen(text: str) -> str:
    lines = [x.strip() for x in text.splitlines() if x.strip() and "(excerpt ends)" not in x]
    h1, lead, *rest = lines
    sections: list[tuple[str, list[str]]] = []
    intro: list[str] = []
    for line in rest:
        if line.startswith(("Treaties under", "International CCS")):
            sections.append((line, []))
        elif not sections:
            intro.append(line)
        elif AGREEMENT.match(line) or not sections[-1][1]:
            sections[-1][1].append(line)
        else:  # a title the capture wraps over two lines is one link
            sections[-1][1][-1] += "\n" + line
    lists = "".join(
        f'<div class="mod mod-linklist"><h2>{e(heading)}</h2><ul class="list-unstyled">' + "".join(
            f'<li><a href="{_dam(t)}" class="icon icon--before icon--pdf">{e(t)}</a></li>' for t in titles)
        + "</ul></div>" for heading, titles in sections)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(h1)}</title></head><body>
<header class="header"><nav class="navbar"><ul class="nav"><li><a href="/bafu/en/home.html">FOEN</a></li>
<li><a href="/bafu/en/home/topics/climate.html">Climate</a></li></ul></nav></header>
<div class="container-fluid"><main id="main-content" class="main-content"><div class="container">
<div class="mod mod-headline"><h1 class="text-inline">{e(h1)}</h1></div>
<div class="mod mod-leadtext"><p class="lead">{e(lead)}</p></div>
<div class="mod mod-text"><article class="clearfix">{''.join(f'<p>{e(p)}</p>' for p in intro)}</article></div>
{lists}
<p class="text-dimmed">Last modification 03.03.2026</p></div></main></div>
<footer class="footer"><a href="#top">Top of page</a></footer></body></html>"""


def test_t16_swiss_agreements_are_keyed_by_country_even_with_a_french_title():
    url, text = real_text("T16_foen")
    kind, rows = parse(url, wrap_foen(text))
    actual = {"error": rows} if isinstance(rows, str) else {
        "kind": kind, "keys": [r.key for r in rows], "partners": [r.fields["partner"] for r in rows],
        "titles": [r.title for r in rows], "morocco title": rows[8].fields["title"] if len(rows) > 8 else None,
        "links": [bool(r.fields.get("link", "").endswith(".pdf")) for r in rows]}
    partners = ["Peru", "Ghana", "Senegal", "Georgia", "Vanuatu", "Dominica", "Thailand", "Ukraine", "Morocco",
                "Malawi", "Uruguay", "Chile"]
    check({"kind": "foen_agreements", "keys": [p.lower() for p in partners], "partners": partners,
           "titles": [f"Switzerland – {p}" for p in partners],
           "morocco title": "Accord de mise en œuvre de l’Accord de Paris entre la Confédération suisse et le "
                            "Royaume du Maroc",
           "links": [True] * len(partners)}, actual)


# -- T18: Singapore (carbonmarkets-cooperation.gov.sg, an Isomer site) ----------------------------------
def wrap_singapore(text: str, extra: str = "") -> str:
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    title, heading, *rest = lines
    body = []
    bullets = []
    for line in rest:
        if line.startswith("- "):
            lead, _, tail = line[2:].partition(" – ")
            bullets.append(f"<li><p><strong>{e(lead)}</strong> – {e(tail)}</p></li>")
        else:
            if bullets:
                body.append("<ul>" + "".join(bullets) + "</ul>")
                bullets = []
            body.append(f"<p>{e(line)}</p>")
    if bullets:
        body.append("<ul>" + "".join(bullets) + "</ul>")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title></head><body>
<div id="isomer-navbar"><nav class="navbar is-transparent"><a class="navbar-item" href="/">Home</a>
<a class="navbar-item" href="/our-article-6-cooperation/">Our Article 6 Cooperation</a></nav></div>
<section class="bp-section is-small bp-section-pagetitle"><div class="bp-container"><div class="row"><div class="col">
<h1 class="has-text-white"><b>{e(title)}</b></h1></div></div></div></section>
<section class="bp-section"><div class="bp-container content padding--top--lg padding--bottom--xl">
<div class="row"><div class="col is-8 is-offset-2 print-content">
<h3 id="implementation-agreement">{e(heading)}</h3>
{''.join(body)}
{extra}
</div></div></div></section>
<footer class="bp-footer"><p>&copy; 2025 Government of Singapore</p></footer></body></html>"""


def test_t18_singapore_page_without_its_list_is_a_layout_error_not_zero_agreements():
    """The excerpt holds the page's explanations (one bullet names "Implementation Agreements") but not the
    list of signed agreements further down: read as it is, the page lacks what it always has."""
    url, text = real_text("T18_sg_ias")
    kind, rows = parse(url, wrap_singapore(text))
    actual = {"kind": kind, "layout error": isinstance(rows, str),
              "says what is missing": isinstance(rows, str) and "signed implementation agreement" in rows}
    check({"kind": "singapore_ias", "layout error": True, "says what is missing": True}, actual)


def test_t18_explanatory_bullets_around_the_list_are_not_agreements():
    url, text = real_text("T18_sg_ias")
    listed = ("<h3>Signed Implementation Agreements</h3><ul><li>Implementation Agreement with Zambia, signed 19 Nov "
              "2024</li><li>Implementation Agreement with Bhutan, signed 28 Feb 2025</li></ul>")
    kind, rows = parse(url, wrap_singapore(text, listed))
    actual = {"error": rows} if isinstance(rows, str) else {
        "kind": kind, "keys": [r.key for r in rows], "signed": [r.fields["signed"] for r in rows]}
    check({"kind": "singapore_ias", "keys": ["zambia", "bhutan"], "signed": ["2024-11-19", "2025-02-28"]}, actual)


# -- T19: Japan's JCM partners (www.mofa.go.jp: an unnamed numbering column before "Country") ------------
def wrap_mofa(text: str) -> str:
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    at_header = next(i for i, x in enumerate(lines) if x.startswith("Country Date and Place"))
    header = ["", *re.findall(r"Country|Date and Place|Signer\(Japan\)|Signer\(Partner Country\)", lines[at_header])]
    number, country, signed = re.match(r"^(\d+) (\S+) (.+)$", lines[at_header + 1]).groups()  # type: ignore[union-attr]
    place = lines[at_header + 2]
    signers = re.sub(r"\s*\.\.\.\].*$", "", lines[at_header + 3]).replace("[", "")
    japan, partner = re.match(r"^(Amb\. [A-Z]+ \w+) (.+)$", signers).groups()  # type: ignore[union-attr]
    intro = "".join(f"<p>{e(x)}</p>" for x in lines[2:at_header] if not x.startswith("2. "))
    section = next(x for x in lines if x.startswith("2. "))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<title>{e(lines[0])} | Ministry of Foreign Affairs of Japan</title></head><body>
<div id="header"><ul id="global-nav"><li><a href="/policy/">Foreign Policy</a></li></ul></div>
<div id="wrapper"><div id="maincontents" class="main-contents">
<div class="title-with-date"><h1 class="title1">{e(lines[0])}</h1><p class="rightalign">{e(lines[1])}</p></div>
{intro}
<h2 class="title2">{e(section)}</h2>
<table class="border-table" width="100%"><tbody>
<tr>{''.join(f'<th scope="col">{e(h)}</th>' for h in header)}</tr>
<tr><td>{number}</td><td>{e(country)}</td><td>{e(signed)}<br>{e(place)}</td><td>{e(japan)}</td><td>{e(partner)}</td></tr>
</tbody></table></div></div>
<div id="footer"><p>Ministry of Foreign Affairs of Japan</p></div></body></html>"""


def test_t19_jcm_partner_row_after_a_numbering_column_with_date_and_place_on_two_lines():
    url, text = real_text("T19_mofa_jcm")
    kind, rows = parse(url, wrap_mofa(text))
    if isinstance(rows, str):
        actual: dict[str, Any] = {"error": rows}
    else:
        r = rows[0] if rows else RecordItem("", "", "", "", "", "")
        actual = {"kind": kind, "rows": len(rows), "key": r.key, "title": r.title, "country": r.fields.get("country"),
                  "signed": r.fields.get("signed"), "place": r.fields.get("place"), "when": r.when,
                  "signer_japan": r.fields.get("signer_japan"), "signer_partner": r.fields.get("signer_partner")}
    check({"kind": "mofa_jcm", "rows": 1, "key": "Mongolia", "title": "Japan – Mongolia", "country": "Mongolia",
           "signed": "2013-01-08", "place": "Ulaanbaatar", "when": "signed 8 Jan 2013",
           "signer_japan": "Amb. SHIMIZU Takenori", "signer_partner": "Sanjaasuren Oyun, Minister for Environment"},
          actual)


# -- The Article 6 Pipeline workbook (real rows, laid out as sources.md §5.3 describes the sheets) --------
SAMPLE = ("samples", "a6pipeline", "article6-pipeline-sample.json")
WORKBOOK_URL = "https://unepccc.org/wp-content/uploads/2026/03/article-6-pipeline.xlsx"


def _day(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def real_layout_workbook(data: dict[str, Any]) -> bytes:
    import openpyxl

    s = data["summary"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Country Overview"
    ws.append([f"Article 6 Pipeline – data as of {s['updatedAt']}"])
    ws.append(["Initial reports", s["initialReports"], "Cooperative approaches", s["cooperativeApproaches"],
               "Bilateral agreements", s["bilateralAgreements"]])
    ws.append([])
    ws.append(["ISO2", "Party", "Region", "Sub-region", "Initial report", "Cooperative approaches",
               "Bilateral agreements", "Pilot projects", "JCM projects", "DNA"])
    ws = wb.create_sheet("Bilateral Agreements")
    ws.append(["Bilateral agreements and MoUs"])
    ws.append(["Title", "Host country", "Region", "Sub-region", "Buying country", "Date", "Status", "Link",
               "Associated projects", "Host»Buyer region", "Host»Buyer country"])
    for r in data["bilateralAgreements"]:
        ws.append([r["title"], r["hostCountry"], r["region"], r["subRegion"], r["buyingCountry"], _day(r["date"]),
                   r["status"], r["link"], r.get("associatedProjects"), r.get("hostBuyerRegion"),
                   r.get("hostBuyerCountry")])
    ws = wb.create_sheet("JCM")
    ws.append(["JCM projects"])
    ws.append([f"Data as of {s['updatedAt']}"])
    ws.append(["No.", "ID", "Title", "Host country", "Region", "Sub-region", "Type", "Sub-type", "ktCO2e/yr",
               "Implementer", "Website", "Status", "Registration date"])
    for r in data["jcmProjects"]:
        ws.append([r["number"], r["id"], r["title"], r["hostCountry"], r["region"], r["subRegion"], r["type"],
                   r.get("subType"), r.get("ktCo2ePerYear"), r.get("implementer"), r.get("website"), r.get("status"),
                   _day(r.get("registrationDate"))])
    wb.create_sheet("Projects")
    ws = wb.create_sheet("Prior Consideration")
    ws.append(["Prior consideration notifications"])
    ws.append(["Host party", "Submission date", "Title", "PA/PoA", "Region", "Sector", "Category",
               "Reduction/removal", "Activity type", "Methodology", "tCO2e/yr", "Income group"])
    for r in data["priorConsideration"]:
        ws.append([r["hostParty"], _day(r["submissionDate"]), r["title"], r["type"], r["region"], r["sector"],
                   r["category"], r["reductionType"], r["activityType"], r["methodology"], r["tCo2ePerYear"],
                   r["incomeGroup"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@needs(*SAMPLE)
def test_pipeline_workbook_real_rows_keyed_by_parties_and_dates():
    data = json.loads(capture(*SAMPLE).read_text(encoding="utf-8"))
    kind, rows = parse(WORKBOOK_URL, real_layout_workbook(data))
    if isinstance(rows, str):
        actual: dict[str, Any] = {"error": rows}
    else:
        by = {(r.table, r.key): r for r in rows}
        peru = by.get(("a6_pipeline_bilateral", "Peru|Switzerland|2020-10-20"))
        senegal = next((r for r in rows if r.table == "a6_pipeline_bilateral" and r.key.startswith("Senegal|Japan|")),
                       None)
        jcm = by.get(("a6_pipeline_jcm", "ID001"))
        prior = by.get(("a6_pipeline_prior_consideration", "Lao PDR|2024-01-26|Monsoon Wind Power Project"))
        actual = {
            "kind": kind,
            "bilateral rows": sum(r.table == "a6_pipeline_bilateral" for r in rows),
            "jcm rows": sum(r.table == "a6_pipeline_jcm" for r in rows),
            "prior rows": sum(r.table == "a6_pipeline_prior_consideration" for r in rows),
            "keys unique": len({(r.table, r.key) for r in rows}) == len(rows),
            "peru title": peru and peru.fields.get("title"), "peru status": peru and peru.fields.get("status"),
            "peru link": peru and peru.url, "peru row title": peru and peru.title,
            "senegal date": senegal and senegal.fields.get("date"),
            "senegal status": senegal and senegal.fields.get("status"),
            "jcm title": jcm and jcm.fields.get("title"), "jcm host": jcm and jcm.fields.get("host country"),
            "jcm registered": jcm and jcm.when, "jcm website": jcm and jcm.url,
            "prior sector": prior and prior.fields.get("sector"), "prior type": prior and prior.fields.get("pa/poa"),
        }
    check({
        "kind": "a6_pipeline_workbook",
        "bilateral rows": len(data["bilateralAgreements"]), "jcm rows": len(data["jcmProjects"]),
        "prior rows": len(data["priorConsideration"]), "keys unique": True,
        "peru title": "Implementing Agreement to the Paris Agreement between the Swiss Confederation and the Republic "
                      "of Peru",
        "peru status": "BA (signed)", "peru link": _peru_link(data),
        "peru row title": "Switzerland – Peru",
        "senegal date": "2022-08-25", "senegal status": "MoU",
        "jcm title": "Energy Saving for Air-Conditioning and Process Cooling by Introducing High-efficiency "
                     "Centrifugal Chiller",
        "jcm host": "Indonesia", "jcm registered": "registered 2014-10-31",
        "jcm website": "https://www.jcm.go.jp/id-jp/projects/1",
        "prior sector": "Energy", "prior type": "PA",
    }, actual)


def _peru_link(data: dict[str, Any]) -> str:
    return next(r["link"] for r in data["bilateralAgreements"]
                if r["hostCountry"] == "Peru" and r["buyingCountry"] == "Switzerland")
