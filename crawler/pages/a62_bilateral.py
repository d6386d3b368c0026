"""Article 6.2 cooperation announced one by one: the UNFCCC CARP pages,
governments' agreement pages (Japan, Switzerland, Singapore) and the UNEP-CCC Article 6 Pipeline.

Every row is a RecordItem with a natural key that survives an edited title: parties, dates, IDs."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

from parsel import Selector

from core.errors import LayoutError
from core.items import Follow, Page, RecordItem
from core.sources import ARTICLE_62, FOEN, SINGAPORE
from core.when import parse_date
from crawler.pages.common import LANG, PageKind, absolute, require_header, selector, squash, text_of

SOURCE = "a62_bilateral"


def _tables(sel: Selector, url: str, kind: str, first_header: str) -> list[Selector]:
    tables = [t for t in sel.css("table") if t.xpath(".//tr[1]/th") and
              text_of(t.xpath(".//tr[1]/th")[0]).lower() == first_header]
    if not tables:
        raise LayoutError(url, kind, f"no table whose first column is {first_header!r}")
    return tables


def _cell(cell: Selector | None) -> str:
    return text_of(cell) if cell is not None else ""


def _links(cell: Selector | None, base: str) -> list[str]:
    if cell is None:
        return []
    return [u for u in (absolute(base, h) for h in cell.css("a::attr(href)").getall()) if u]


def _day(text: str | None) -> str:
    d = parse_date(text)
    return d.isoformat() if d else squash(text)


CARP_REPORTS = ["party", "ndc period", "original submission date", "reports",
                "article 6 technical expert review reports", "status of review"]


def parse_carp_reports(url: str, body: bytes | str) -> Page:
    kind = "carp_reports"
    sel = selector(body)
    page = Page(url, kind, complete_listing=True)
    for table in _tables(sel, url, kind, "party"):
        for row in require_header(table, CARP_REPORTS, url, kind):
            party, period, submitted = _cell(row[0]), _cell(row[1]), _day(_cell(row[2]))
            report = _cell(row[3])
            page.items.append(RecordItem(
                SOURCE, url, kind, f"{party}|{period}|{report}", "report", f"{party}: {report} ({period})",
                {"party": party, "ndc_period": period, "original_submission": submitted, "report": report,
                 "report_links": _links(row[3], url), "ter_report": _cell(row[4]),
                 "ter_links": _links(row[4], url), "status_of_review": _cell(row[5])},
                when=f"submitted {submitted}"))
    return page


def parse_carp_authorizations(url: str, body: bytes | str) -> Page:
    kind = "carp_authorizations"
    sel = selector(body)
    page = Page(url, kind, complete_listing=True)
    for table in _tables(sel, url, kind, "party"):
        heading = table.xpath("preceding::*[self::h2 or self::h3 or self::h4][1]")
        section = text_of(heading[0]) if heading else "Authorizations"
        for row in require_header(table, ["party", "documents", "date"], url, kind):
            party, document, when = _cell(row[0]), _cell(row[1]), _day(_cell(row[2]))
            page.items.append(RecordItem(
                SOURCE, url, kind, f"{section}|{party}|{when}", "authorization", f"{party}: {document}",
                {"section": section, "party": party, "document": document, "date": when,
                 "links": _links(row[1], url)}, when=f"dated {when}"))
    return page


def parse_carp_cooperative_approaches(url: str, body: bytes | str) -> Page:
    kind = "carp_cooperative_approaches"
    sel = selector(body)
    page = Page(url, kind, complete_listing=True)
    header = ["cooperative approach id", "cooperative approach name", "participating parties"]
    for table in _tables(sel, url, kind, "cooperative approach id"):
        for row in require_header(table, header, url, kind, free_columns=1):  # the reports column's name varies
            ident, name, parties = _cell(row[0]), _cell(row[1]), _cell(row[2])
            links = _links(row[3], url)
            page.items.append(RecordItem(
                SOURCE, url, kind, ident, "cooperative approach", f"{ident} {name} ({parties})",
                {"id": ident, "name": name, "parties": parties, "reports": _cell(row[3]),
                 "latest_report": links[-1] if links else None}))
    return page


def parse_mofa_jcm(url: str, body: bytes | str) -> Page:
    kind = "mofa_jcm"
    sel = selector(body)
    page = Page(url, kind, complete_listing=True)
    header = ["country", "date and place", "signer(japan)", "signer(partner country)"]
    for table in _tables(sel, url, kind, "country"):
        for row in require_header(table, header, url, kind):
            country, when = _cell(row[0]), _cell(row[1])
            signed = parse_date(re.split(r"[,(]", when)[0])
            page.items.append(RecordItem(
                SOURCE, url, kind, country, "JCM partnership", f"Japan – {country}",
                {"country": country, "date_and_place": when, "signed": signed.isoformat() if signed else None,
                 "signer_japan": _cell(row[2]), "signer_partner": _cell(row[3])},
                when=f"signed {signed:%d %b %Y}" if signed else when))
    return page


_PARTNER = re.compile(r"^(?:Implementing\s+|Implementation\s+)?(?:Agreement|Joint Declaration|Accord)\s+"
                      r"(?:with|avec)\s+(?:the\s+|la\s+|le\s+|l')?(?:Republic of |République (?:du |de )?|"
                      r"Kingdom of |Royaume du |Independent State of |Commonwealth of )?(.+?)\s*$", re.IGNORECASE)


def parse_foen_agreements(url: str, body: bytes | str) -> Page:
    kind = "foen_agreements"
    sel = selector(body)
    heading = sel.xpath("//*[self::h2 or self::h3][contains(., 'Treaties under Article 6.2')]")
    if not heading:
        raise LayoutError(url, kind, "no heading 'Treaties under Article 6.2 (Paris Agreement)'")
    page = Page(url, kind, complete_listing=True)
    for link in heading[0].xpath("following-sibling::ul[1]//a"):
        title = text_of(link)
        m = _PARTNER.match(title)
        partner = m.group(1) if m else title
        page.items.append(RecordItem(
            SOURCE, url, kind, partner.lower(), "bilateral climate agreement", f"Switzerland – {partner}",
            {"title": title, "partner": partner, "link": absolute(url, link.attrib.get("href"))}))
    return page


_IA = re.compile(r"Implementation Agreement with (.+?)(?:,|\s+\()\s*signed (?:on )?(\d{1,2} \w+ \d{4})", re.I)


def parse_singapore_ias(url: str, body: bytes | str) -> Page:
    kind = "singapore_ias"
    sel = selector(body)
    title = squash(" ".join(sel.css("h1 ::text").getall()))
    if "implementation agreement" not in title.lower():
        raise LayoutError(url, kind, "no heading 'Implementation Agreements'")
    page = Page(url, kind, complete_listing=True)
    entries = [item for item in sel.css("main li, .content li") if "implementation agreement" in text_of(item).lower()]
    for item in entries:
        m = _IA.search(text_of(item))
        if not m:
            # a row we cannot read must not read as "removed" two runs later
            raise LayoutError(url, kind, f"an agreement line no longer reads 'with <party>, signed <date>': "
                                         f"{text_of(item)[:120]!r}")
        partner, signed = m.group(1).strip(), parse_date(m.group(2))
        page.items.append(RecordItem(
            SOURCE, url, kind, partner.lower(), "implementation agreement", f"Singapore – {partner}",
            {"partner": partner, "signed": signed.isoformat() if signed else m.group(2), "text": text_of(item),
             "link": absolute(url, item.css("a::attr(href)").get())},
            when=f"signed {signed:%d %b %Y}".replace(" 0", " ") if signed else None))
    return page


def parse_pipeline_page(url: str, body: bytes | str) -> Page:
    kind = "a6_pipeline_page"
    sel = selector(body)
    links = [u for u in (absolute(url, h) for h in sel.css('a[href$=".xlsx"]::attr(href)').getall()) if u]
    if "Article 6 Pipeline" not in " ".join(sel.css("h1 ::text, title::text").getall()):
        raise LayoutError(url, kind, "no 'Article 6 Pipeline' heading")
    if not links:
        raise LayoutError(url, kind, "no workbook link (a[href$='.xlsx'])")
    page = Page(url, kind)
    page.follow.append(Follow(links[0], "a6_pipeline_workbook"))
    page.meta["workbook"] = links[0]
    return page


def _iso(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# sheet -> (header row number, expected leading headers)
MAX_ROWS = 20_000  # the published workbook has a few hundred rows per sheet
MAX_COLUMNS = 64  # and about 15 columns
SHEETS = {
    "Bilateral Agreements": (2, ["title", "host country", "region", "sub-region", "buying country", "date",
                                 "status", "link"]),
    "JCM": (3, ["no.", "id", "title", "host country", "region", "sub-region", "type", "sub-type", "ktco2e/yr",
                "implementer", "website", "status", "registration date"]),
    "Prior Consideration": (2, ["host party", "submission date", "title", "pa/poa", "region", "sector",
                                "category", "reduction/removal", "activity type", "methodology", "tco2e/yr",
                                "income group"]),
}


def parse_pipeline_workbook(url: str, body: bytes | str) -> Page:
    """The UNEP-CCC Article 6 Pipeline workbook, read with openpyxl (sheets per sources.md §5.3)."""
    import openpyxl

    kind = "a6_pipeline_workbook"
    if isinstance(body, str) or not body.startswith(b"PK"):
        raise LayoutError(url, kind, "not an XLSX workbook")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    except Exception as exc:
        raise LayoutError(url, kind, f"unreadable workbook: {exc}") from exc
    page = Page(url, kind, complete_listing=True)
    for sheet, (header_row, expected) in SHEETS.items():
        if sheet not in wb.sheetnames:
            raise LayoutError(url, kind, f"sheet {sheet!r} is missing")
        rows = _rows(wb[sheet], url, kind, sheet)
        header = [str(v).strip().lower() if v is not None else "" for v in rows[header_row - 1]]
        if header[: len(expected)] != expected:
            raise LayoutError(url, kind, f"sheet {sheet!r}: header changed: expected {' | '.join(expected)}, "
                                         f"found {' | '.join(header[: len(expected)])}")
        for values in rows[header_row:]:
            if not any(v not in (None, "") for v in values):
                continue
            data = {h: _iso(v) for h, v in zip(header, values, strict=False) if h}
            page.items.append(_pipeline_record(url, sheet, data))
    wb.close()
    seen: dict[tuple[str, str], int] = {}
    for record in page.items:  # the real workbook repeats some rows verbatim: number the repeats
        assert isinstance(record, RecordItem)
        n = seen[(record.table, record.key)] = seen.get((record.table, record.key), 0) + 1
        if n > 1:
            record.key = f"{record.key}#{n}"
    return page


def _rows(ws: Any, url: str, kind: str, sheet: str) -> list[tuple[Any, ...]]:
    """A sheet's rows as the file holds them, never as it declares itself: a read-only worksheet trusts
    the declared size (a 15 kB file may declare A1:XFD1048576 and fill the gap up to one far cell with
    a billion empty cells), so the declaration is dropped, columns are capped, and a sheet with more rows
    than any real one is refused loudly before it is read to its end."""
    ws.reset_dimensions()
    rows = []
    for values in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS):
        rows.append(values)
        if len(rows) > MAX_ROWS:
            raise LayoutError(url, kind, f"sheet {sheet!r} has more than {MAX_ROWS:,} rows: not the Pipeline "
                                         "workbook as it is published")
    return rows


def _pipeline_record(url: str, sheet: str, d: dict[str, str | None]) -> RecordItem:
    if sheet == "Bilateral Agreements":
        host, buyer, when = d.get("host country") or "", d.get("buying country") or "", d.get("date") or ""
        return RecordItem(SOURCE, url, "a6_pipeline_bilateral", f"{host}|{buyer}|{when}", "bilateral agreement",
                          f"{buyer} – {host}", d, when=f"dated {when}", url=d.get("link"))
    if sheet == "JCM":
        ident = d.get("id") or ""
        return RecordItem(SOURCE, url, "a6_pipeline_jcm", ident, "JCM project",
                          f"{ident} {d.get('title') or ''} ({d.get('host country') or ''})", d,
                          when=d.get("registration date") and f"registered {d['registration date']}",
                          url=d.get("website"))
    host, when = d.get("host party") or "", d.get("submission date") or ""
    return RecordItem(SOURCE, url, "a6_pipeline_prior_consideration", f"{host}|{when}|{d.get('title') or ''}",
                      "prior consideration notification", f"{host}: {d.get('title') or ''}", d,
                      when=f"submitted {when}")


KINDS = (
    PageKind("carp_reports", parse_carp_reports, routes=(("unfccc.int", rf"^{LANG}{ARTICLE_62}/carp/reports/?$"),)),
    PageKind("carp_authorizations", parse_carp_authorizations,
             routes=(("unfccc.int", rf"^{LANG}{ARTICLE_62}/carp/authorizations/?$"),)),
    PageKind("carp_cooperative_approaches", parse_carp_cooperative_approaches,
             routes=(("unfccc.int", rf"^{LANG}{ARTICLE_62}/carp/cooperative-approaches/?$"),)),
    PageKind("mofa_jcm", parse_mofa_jcm, routes=(("www.mofa.go.jp", r"^/ic/ch/page1we_000105\.html$"),)),
    PageKind("foen_agreements", parse_foen_agreements, routes=(("www.bafu.admin.ch", rf"^{re.escape(FOEN)}$"),)),
    PageKind("singapore_ias", parse_singapore_ias, routes=(("carbonmarkets-cooperation.gov.sg", rf"^{SINGAPORE}/?$"),)),
    PageKind("a6_pipeline_page", parse_pipeline_page, routes=(("unepccc.org", r"^/article-6-pipeline/?$"),)),
    PageKind("a6_pipeline_workbook", parse_pipeline_workbook,
             routes=(("unepccc.org", r"^/wp-content/uploads/\d{4}/\d{2}/[^/]+\.xlsx$"),), binary=True),
)
