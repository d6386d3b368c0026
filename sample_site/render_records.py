"""HTML (and the XLSX workbook) for A6IP, the Article 6.2 pages and the registry tables."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from typing import Any

from sample_site.content_records import (
    AUTHORIZATIONS,
    COOPERATIVE_APPROACHES,
    MOFA_JCM,
    A6ipEvent,
)
from sample_site.render import _page

A6IP = "https://a6partnership.org"


def _wp_page(title: str, content: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="UTF-8">'
            f"<title>{escape(title)} – A6IP</title>"
            '<link rel="alternate" type="application/rss+xml" href="https://a6partnership.org/feed/"></head>\n'
            '<body class="post-template-default single single-post"><main id="main" class="site-main">'
            f'<article class="post type-post"><h1 class="entry-title">{escape(title)}</h1>\n'
            f'<div class="entry-content">\n{content}\n</div></article></main></body></html>\n')


def a6ip_event(e: A6ipEvent) -> str:
    speakers = "".join(f'<div class="speaker"><p class="speaker-name">{escape(s.split(",")[0])}</p>'
                       f"<p>{escape(s)}</p></div>" for s in e.speakers)
    rows = "".join(
        f"<tr><td>{escape(t)}</td><td>{escape(item)}</td><td>{escape(who)}"
        + (f' <a href="{A6IP}/wp-content/uploads/{slides}">[PDF 1MB]</a>' if slides else "") + "</td></tr>"
        for t, item, who, slides in e.agenda)
    videos = "".join(f'<p><a href="{escape(v)}">Video for Session {n}</a></p>' for n, v in enumerate(e.videos, 1))
    content = (f"<p>{escape(e.date_line)}</p>\n<p>{escape(e.times)}</p>\n"
               f"<p><strong>Theme:</strong> {escape(e.theme)}</p>\n"
               f"<p><strong>Audience:</strong> {escape(e.audience)}</p>\n"
               f"<h2>Speakers and Moderaters</h2>\n{speakers}\n<h2>Agenda</h2>\n"
               f"<table><tr><th>Time (JST)</th><th>Agenda</th><th>Speakers</th></tr>{rows}</table>\n{videos}")
    return _wp_page(e.title, content)


def a6ip_feed(events: tuple[A6ipEvent, ...]) -> str:
    stamp = format_datetime(datetime(2026, 5, 20, tzinfo=UTC))
    items = "".join(f"<item><title>{escape(e.title)}</title><link>{A6IP}/news/{e.slug}/</link>"
                    f"<pubDate>{stamp}</pubDate><category>Events</category></item>" for e in events)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>A6IP</title>'
            f"<link>{A6IP}</link><description>Article 6 Implementation Partnership</description>{items}"
            "</channel></rss>\n")


def carp_reports(rows: tuple[Any, ...]) -> str:
    body = []
    for party, period, submitted, reports in rows:
        for n, (report, ter, status) in enumerate(reports):
            lead = (f'<td rowspan="{len(reports)}">{escape(party)}</td><td rowspan="{len(reports)}">{period}</td>'
                    f'<td rowspan="{len(reports)}">{submitted}</td>') if n == 0 else ""
            link = f'<a href="/sites/default/files/resource/{party.lower()}_{report[:3].lower()}.pdf">{report}</a>'
            ter_cell = f'<a href="/sites/default/files/resource/a6ter_{party.lower()}.pdf">{ter}</a>' if ter else ""
            body.append(f"<tr>{lead}<td>{link}</td><td>{ter_cell}</td><td>{status}</td></tr>")
    table = ("<table><thead><tr><th>Party</th><th>NDC period</th><th>Original submission date</th><th>Reports</th>"
             "<th>Article 6 Technical Expert Review Reports</th><th>Status of review</th></tr></thead><tbody>"
             + "".join(body) + "</tbody></table>")
    return _page("Reports", '<h1 class="page-title"><span>Reports</span></h1>\n'
                 '<h2 id="Initial-reports-and-updated-initial-reports">Initial reports and updated initial reports</h2>'
                 + table, "path-node")


def carp_authorizations() -> str:
    rows = "".join(f'<tr><td>{p}</td><td><a href="/sites/default/files/resource/auth_{p.lower()}.pdf">{escape(d)}</a>'
                   f"</td><td>{when}</td></tr>" for p, d, when in AUTHORIZATIONS)
    return _page("Authorizations", '<h1 class="page-title"><span>Authorizations</span></h1>\n'
                 "<h3>Authorizations of ITMOs</h3><table><tr><th>Party</th><th>Documents</th><th>Date</th></tr>"
                 f"{rows}</table>", "path-node")


def carp_cooperative_approaches() -> str:
    rows = "".join(f"<tr><td>{i}</td><td>{escape(n)}</td><td>{p}</td><td>"
                   f'<a href="/sites/default/files/resource/{i.lower()}_ir.pdf">Initial report</a> '
                   f'<a href="/sites/default/files/resource/{i.lower()}_ir_updated.pdf">Updated initial report</a>'
                   "</td></tr>" for i, n, p in COOPERATIVE_APPROACHES)
    return _page("Cooperative approaches", '<h1 class="page-title"><span>Cooperative approaches</span></h1>\n'
                 "<table><tr><th>Cooperative approach ID</th><th>Cooperative approach name</th>"
                 f"<th>Participating Parties</th><th>Initial reports</th></tr>{rows}</table>", "path-node")


def mofa_jcm() -> str:
    rows = "".join(f"<tr><td>{c}</td><td>{d}</td><td>{j}</td><td>{p}</td></tr>" for c, d, j, p in MOFA_JCM)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Joint Crediting Mechanism (JCM) | '
            'Ministry of Foreign Affairs of Japan</title></head><body><div id="maincontents">'
            "<h1>Joint Crediting Mechanism (JCM)</h1><table><tr><th>Country</th><th>Date and Place</th>"
            f"<th>Signer(Japan)</th><th>Signer(Partner Country)</th></tr>{rows}</table></div></body></html>\n")


def foen_agreements(titles: tuple[str, ...]) -> str:
    items = "".join(f'<li><a href="/dam/bafu/en/dokumente/international/fachinfo-daten/'
                    f'{escape(t.replace(" ", "-"))}.pdf.download.pdf/{escape(t.replace(" ", "-"))}.pdf">{escape(t)}'
                    "</a></li>" for t in titles)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Bilateral climate agreements</title>'
            '</head><body><main><h1>Bilateral climate agreements</h1>'
            f"<h2>Treaties under Article 6.2 (Paris Agreement)</h2><ul>{items}</ul>"
            "<h2>International CCS and NET agreements</h2><ul><li>Agreement with the Kingdom of Norway</li></ul>"
            "<p>Last modification 03.03.2026</p></main></body></html>\n")


def singapore_ias(rows: tuple[tuple[str, str], ...]) -> str:
    items = "".join(f'<li>Implementation Agreement with {escape(p)}, signed {d} '
                    f'(<a href="https://nccs.gov.sg/media/press-releases/singapore-{p.lower().replace(" ", "-")}-ia">'
                    "press release</a>)</li>" for p, d in rows)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Implementation Agreements</title>'
            f"</head><body><main><h1>Implementation Agreements</h1><ul>{items}</ul></main></body></html>\n")


def pipeline_page(workbook_url: str) -> str:
    return ('<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>Article 6 Pipeline – UNEP-CCC'
            '</title></head><body><main><h1>Article 6 Pipeline</h1><p>Excel-based database of Article 6 '
            f'cooperation.</p><p><a href="{escape(workbook_url)}">Download the Article 6 Pipeline (xlsx)</a></p>'
            "</main></body></html>\n")


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
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                content = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                                 lambda m: m.group(0).split(b">")[0] + b">2026-02-28T00:00:00Z</dcterms:"
                                 + m.group(1) + b">", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 2, 28, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, content)
    return out.getvalue()


def vc_attest(rows: tuple[tuple[str, ...], ...], project_urls: dict[str, str]) -> bytes:
    from sample_site.render_meetings import _cdm_page

    body = "".join(
        f'<tr><td><a href="{escape(project_urls.get(r[0], "#"))}">{r[0]}</a></td>'
        + "".join(f"<td>{escape(c)}</td>" for c in r[1:8])
        + f'<td><a href="/Registry/vc_attest/attestations/{r[8]}.pdf">Attestation</a></td></tr>\n' for r in rows)
    table = ('<table class="formTable" width="100%"><tr><th>Project/POA number</th><th>Project name</th>'
             "<th>Project type</th><th>Host country</th><th>Quantity of units cancelled</th><th>Unit type</th>"
             "<th>Reason/ Beneficiary</th><th>Date of completion (dd/mm/yyyy)</th><th>Link to the attestation</th>"
             f"</tr>\n{body}</table>")
    return _cdm_page("Voluntary cancellation", "Voluntary cancellation of CERs", table)
