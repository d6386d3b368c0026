"""Registry publications (sources.md §3, §6): CDM voluntary cancellations and CDM project pages.

The project pages follow the real markup of the saved pages in sample_site/data/ (ISO-8859-1,
``table.formTable`` with ``<th>`` labels)."""

from __future__ import annotations

import re

from parsel import Selector

from core.errors import LayoutError
from core.items import Follow, Page, RecordItem
from core.when import parse_date
from crawler.pages.common import PageKind, absolute, require_header, selector, squash, text_of

SOURCE = "registries"
VC_HEADER = ["project/poa number", "project name", "project type", "host country", "quantity of units cancelled",
             "unit type", "reason/ beneficiary", "date of completion (dd/mm/yyyy)", "link to the attestation"]


def parse_vc_attest(url: str, body: bytes | str) -> Page:
    kind = "cdm_vc_attest"
    sel = selector(body)
    tables = [t for t in sel.css("table") if "project/poa number" in text_of(t).lower()[:200]]
    if not tables:
        raise LayoutError(url, kind, "no voluntary cancellations table (Project/POA number | …)")
    page = Page(url, kind, complete_listing=True)
    for row in require_header(tables[0], VC_HEADER, url, kind):
        cells = [text_of(c) if c is not None else "" for c in row]
        attestation = absolute(url, row[8].css("a::attr(href)").get()) if row[8] is not None else None
        completed = parse_date(cells[7])
        key = attestation or f"{cells[0]}|{cells[7]}|{cells[4]}"
        page.items.append(RecordItem(
            SOURCE, url, kind, key, "voluntary cancellation", f"{cells[0]} {cells[1]} ({cells[3]})",
            {"project": cells[0], "name": cells[1], "type": cells[2], "host_country": cells[3],
             "quantity": cells[4], "unit_type": cells[5], "beneficiary": cells[6],
             "completed": completed.isoformat() if completed else cells[7], "attestation": attestation},
            when=f"{cells[4]} {cells[5]} cancelled on {completed:%d %b %Y}" if completed else None, url=attestation))
        project = row[0].css("a::attr(href)").get() if row[0] is not None else None
        if project:
            target = absolute(url, project)
            if target:
                page.follow.append(Follow(target, "cdm_project"))
    return page


def _th_rows(table: Selector) -> dict[str, Selector]:
    rows: dict[str, Selector] = {}
    for tr in table.xpath("./tr | ./tbody/tr"):
        th = tr.xpath("./th")
        td = tr.xpath("./td")
        if th and td:
            rows[squash(text_of(th[0])).lower()] = td[0]
    return rows


def parse_project(url: str, body: bytes | str) -> Page:
    kind = "cdm_project"
    sel = selector(body)
    tables = sel.css("table.formTable")
    header = squash(" ".join(sel.css("div.mH.header ::text").getall()))
    if not tables or not header.lower().startswith("project"):
        raise LayoutError(url, kind, "no 'Project:' header and table.formTable")
    rows = _th_rows(tables[0])
    if "project" not in rows:
        raise LayoutError(url, kind, "no 'Project' row in table.formTable")
    project = rows["project"]
    name = text_of(project.css("a")[0]) if project.css("a") else text_of(project)
    number, _, title = name.partition(":")
    documents = [{"title": text_of(a), "url": absolute(url, a.attrib.get("href"))}
                 for td in rows.values() for a in td.css("a[href*='FileStorage']")]

    def value(label: str) -> str:
        cell = rows.get(label)
        return text_of(cell) if cell is not None else ""

    methodologies = [squash(re.sub(r"\s+-\s+", " - ", text_of(span)))
                     for span in rows["methodologies used"].css("span")] if "methodologies used" in rows else []
    crediting = value("crediting period (requested for renewal)") or value("crediting period")
    current, _, others = crediting.partition("Other crediting period(s):")
    renewal = re.search(r"\d{2} \w{3} \d{2}", value("renewal date"))
    fields = {
        "number": number.strip(), "title": title.strip(), "stage": header.split(" - ")[-1] if " - " in header else "",
        "methodologies": methodologies, "vvs_version": value("vvs version"),
        "standardized_baselines": value("standardized baselines used"),
        "amount_of_reductions": value("amount of reductions"),
        "renewal_date": (parse_date(renewal.group(0)) or renewal.group(0)).__str__() if renewal else None,
        "crediting_period": squash(current), "other_crediting_periods": re.findall(
            r"\d{2} \w{3} \d{2} - \d{2} \w{3} \d{2}", others),
        "requests_for_issuance": value("requests for issuance and related documentation") or value(
            "requests for issuance"),
        "documents": documents,
    }
    return Page(url, kind, items=[RecordItem(SOURCE, url, kind, number.strip(), "CDM project",
                                             f"{number.strip()} {title.strip()}", fields, url=url)])


KINDS = (
    PageKind("cdm_vc_attest", parse_vc_attest, routes=(("cdm.unfccc.int", r"^/Registry/vc_attest/index\.html$"),)),
    PageKind("cdm_project", parse_project, routes=(("cdm.unfccc.int", r"^/Projects/DB/[^/]+/view$"),)),
)
