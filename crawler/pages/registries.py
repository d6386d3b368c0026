"""Registry publications (sources.md §3, §6): CDM voluntary cancellations and CDM project pages.

Read by meaning, not by one class: the cancellations table is found by its header words and its columns
wherever they are (an extra numbering column, a moved column), every one of them still required so that a
column that vanishes is a layout error rather than every row changed; a project page is the table whose
rows are labelled by ``<th>`` words (Project, Methodologies Used, VVS Version, Crediting Period, …), as on
the real pages (samples/cdm/project-*.html: ISO-8859-1 declared, Windows-1252 sent, ``table.formTable``).
Project pages answer at ``/Projects/DB/<ref>/view`` (``?cp=N``) and at a crediting period's
``/Projects/DB/<ref>/CP/<ID>/history``."""

from __future__ import annotations

import re

from parsel import Selector

from core.errors import LayoutError
from core.items import Follow, Page, RecordItem
from core.when import first_date, parse_date
from crawler.pages.common import PageKind, absolute, at_least, expand_table, selector, squash, text_of

SOURCE = "registries"
# What each column of the voluntary cancellations means, by its header words (sources.md §3: "Project/POA
# number | Project name | Project type | Host country | Quantity of units cancelled | Unit type | Reason/
# Beneficiary | Date of completion (dd/mm/yyyy) | Link to the attestation").
VC_COLUMNS = {
    "project": r"(?:project|poa).*(?:number|\bno\b|\bref)",
    "name": r"(?:project|activity)\s+(?:name|title)|^name$",
    "type": r"(?:project|activity)\s+type|^type$",
    "host_country": r"host\s+(?:country|part)|^country$",
    "quantity": r"quantity|units\s+cancelled|^amount",
    "unit_type": r"unit\s+type",
    "beneficiary": r"reason|beneficiar|purpose",
    "completed": r"\bdate\b",
    "attestation": r"attestation",
}


def _vc_columns(header: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for name, pattern in VC_COLUMNS.items():
        at = next((i for i, cell in enumerate(header) if i not in found.values() and re.search(pattern, cell, re.I)),
                  None)
        if at is not None:
            found[name] = at
    return found


def parse_vc_attest(url: str, body: bytes | str) -> Page:
    kind = "cdm_vc_attest"
    sel = selector(body)
    best: tuple[dict[str, int], list[list[Selector | None]], list[str]] | None = None
    for table in sel.xpath("//table"):
        header, rows = expand_table(table)
        if not header and rows:  # column names in the first row's cells
            header = [text_of(c).lower() if c is not None else "" for c in rows[0]]
            rows = rows[1:]
        columns = _vc_columns(header) or {}
        if "project" in columns and (best is None or len(columns) > len(best[0])):
            best = (columns, rows, header)
    if best is None:
        raise LayoutError(url, kind, "no voluntary cancellations table (a 'Project/POA number' column)")
    columns, rows, header = best
    missing = [name for name in VC_COLUMNS if name not in columns]
    if missing:
        raise LayoutError(url, kind, f"table header changed: no column for {', '.join(missing)} in "
                                     f"{' | '.join(header)}")
    page = Page(url, kind, complete_listing=True)
    for row in rows:
        def cell(name: str, row: list[Selector | None] = row) -> Selector | None:
            return row[columns[name]] if columns[name] < len(row) else None

        cells = {name: text_of(c) if (c := cell(name)) is not None else "" for name in VC_COLUMNS}
        if not any(cells.values()):
            continue
        link = cell("attestation")
        attestation = absolute(url, link.css("a::attr(href)").get()) if link is not None else None
        completed = parse_date(cells["completed"])
        key = attestation or f"{cells['project']}|{cells['completed']}|{cells['quantity']}"
        page.items.append(RecordItem(
            SOURCE, url, kind, key, "voluntary cancellation",
            f"{cells['project']} {cells['name']} ({cells['host_country']})",
            {**{k: v for k, v in cells.items() if k not in ("completed", "attestation")},
             "completed": completed.isoformat() if completed else cells["completed"], "attestation": attestation},
            when=f"{cells['quantity']} {cells['unit_type']} cancelled on {completed:%d %b %Y}" if completed else None,
            url=attestation))
        project = cell("project")
        target = absolute(url, project.css("a::attr(href)").get()) if project is not None else None
        if target:
            page.follow.append(Follow(target, "cdm_project"))
    return page


def _th_rows(table: Selector) -> dict[str, Selector]:
    """The table's rows labelled by a <th> (or a first cell in bold), by their label's words."""
    rows: dict[str, Selector] = {}
    for tr in table.xpath("./tr | ./tbody/tr"):
        th = tr.xpath("./th")
        td = tr.xpath("./td")
        if th and td:
            label, value = th[0], td[0]
        elif len(td) >= 2 and td[0].xpath("./b | ./strong"):
            label, value = td[0], td[1]
        else:
            continue
        rows.setdefault(squash(text_of(label)).rstrip(":").lower(), value)
    return rows


def _project_table(sel: Selector) -> dict[str, Selector] | None:
    """The labelled rows of the table that describes a project: the one with a 'Project' row."""
    for table in sel.xpath("//table"):
        rows = _th_rows(table)
        if "project" in rows:
            return rows
    return None


def _period(text: str) -> str:
    return squash(re.sub(r"\s*[-\u2013]\s*", " - ", text))


def parse_project(url: str, body: bytes | str) -> Page:
    kind = "cdm_project"
    sel = selector(body)
    rows = _project_table(sel)
    if rows is None:
        raise LayoutError(url, kind, "no table with a 'Project' row (table.formTable with <th> labels)")
    header = squash(" ".join(sel.css("div.mH.header ::text").getall())) or next(
        (squash(text_of(h)) for h in sel.xpath("//h1 | //h2 | //div[not(.//div)] | //p")
         if re.match(r"\s*Project\s*:", text_of(h))), "")  # the page's header, wherever it is
    project = rows["project"]
    name = text_of(project.css("a")[0]) if project.css("a") else text_of(project)
    number, _, title = name.partition(":")
    if not re.fullmatch(r"\s*\d{1,5}\s*", number):
        raise LayoutError(url, kind, f"no project number such as '1134: <title>' in the Project row ({name!r})")
    documents = [{"title": text_of(a), "url": absolute(url, a.attrib.get("href"))}  # rows in one order, whatever
                 for _label, td in sorted(rows.items())  # the page's: a moved row is not a changed record
                 for a in td.css("a[href*='FileStorage'], a[href*='filestorage']")]

    def value(*labels: str) -> str:
        for label in labels:
            found = next((cell for said, cell in rows.items() if said.startswith(label)), None)
            if found is not None:
                return text_of(found)
        return ""

    methodologies = []
    if (cell := next((c for said, c in rows.items() if said.startswith("methodolog")), None)) is not None:
        methodologies = [squash(re.sub(r"\s+-\s+", " - ", text_of(s))) for s in cell.css("span")] or [
            squash(re.sub(r"\s+-\s+", " - ", text_of(cell)))]
    crediting = next((c for said, c in rows.items() if said.startswith("crediting period")), None)
    current, others = "", []
    if crediting is not None:
        current = text_of(crediting).split("Other crediting period")[0]
        others = [_period(text_of(a)) for a in crediting.css("a") if all(parse_date(p) for p in
                                                                       re.split(r"\s+[-\u2013]\s+", text_of(a)))]
    renewal = first_date(value("renewal date"))
    fields = {
        "number": number.strip(), "title": title.strip(), "stage": header.split(" - ")[-1] if " - " in header else "",
        "methodologies": methodologies, "vvs_version": value("vvs version"),
        "standardized_baselines": value("standardized baselines"),
        "amount_of_reductions": value("amount of reductions"),
        "renewal_date": renewal.isoformat() if renewal else None,
        "crediting_period": _period(current), "other_crediting_periods": others,
        "requests_for_issuance": value("requests for issuance"),
        "documents": documents,
    }
    return Page(url, kind, items=[RecordItem(SOURCE, url, kind, number.strip(), "CDM project",
                                             f"{number.strip()} {title.strip()}", fields, url=url)])


KINDS = (
    PageKind("cdm_vc_attest", parse_vc_attest, routes=(("cdm.unfccc.int", r"^/Registry/vc_attest/index\.html$"),),
             minimum=at_least(1, RecordItem, what="a voluntary cancellation row")),
    PageKind("cdm_project", parse_project,
             routes=(("cdm.unfccc.int", r"^/Projects/DB/[^/]+/(?:view|CP/[A-Za-z0-9]+/(?:view|history))/?$"),),
             minimum=at_least(1, RecordItem, what="the project's record")),
)
