"""Article 6.2 cooperation announced one by one: the UNFCCC CARP pages,
governments' agreement pages (Japan, Switzerland, Singapore) and the UNEP-CCC Article 6 Pipeline.

Every row is a RecordItem with a natural key that survives an edited title: parties, dates, IDs. Pages are
read by meaning (crawler/pages/a62_bilateral_layout.py): tables by their header cells wherever the columns
are, lists of agreements by the heading that opens them, partners by the country a title names (in English
or French), dates through core/when.py. A page that yields no row is a layout error (each kind's minimum)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

from core.errors import LayoutError
from core.items import Follow, Page, RecordItem
from core.sources import ARTICLE_62, FOEN, SINGAPORE
from core.when import first_date, parse_date
from crawler.pages.a62_bilateral_layout import (
    Column,
    country_name,
    heading_before,
    partner_of,
    section_links,
    table_rows,
)
from crawler.pages.common import LANG, PageKind, absolute, at_least, selector, squash, text_of

SOURCE = "a62_bilateral"


def _day(text: str | None) -> str:
    d = parse_date(text)
    return d.isoformat() if d else squash(text)


def _signed(d: date | None) -> str | None:
    return f"signed {d.day} {d:%b %Y}" if d else None


CARP_REPORTS = (Column("party", r"^part(?:y|ies)\b"), Column("ndc_period", r"\bndc\b"),
                Column("submitted", r"submi"), Column("ter", r"technical expert review|\ba6ter\b|\bter\b"),
                Column("status", r"status|stage"), Column("report", r"report"))


def parse_carp_reports(url: str, body: bytes | str) -> Page:
    kind = "carp_reports"
    page = Page(url, kind, complete_listing=True)
    for row in table_rows(selector(body), CARP_REPORTS, url, kind):
        party, period, submitted, report = row.text("party"), row.text("ndc_period"), _day(row.text("submitted")), \
            row.text("report")
        page.items.append(RecordItem(
            SOURCE, url, kind, f"{party}|{period}|{report}", "report", f"{party}: {report} ({period})",
            {"party": party, "ndc_period": period, "original_submission": submitted, "report": report,
             "report_links": row.links("report", url), "ter_report": row.text("ter"),
             "ter_links": row.links("ter", url), "status_of_review": row.text("status")},
            when=f"submitted {submitted}"))
    return page


CARP_AUTHORIZATIONS = (Column("party", r"^part(?:y|ies)\b"), Column("document", r"document|authori[sz]ation"),
                       Column("date", r"date", required=False))


def parse_carp_authorizations(url: str, body: bytes | str) -> Page:
    kind = "carp_authorizations"
    page = Page(url, kind, complete_listing=True)
    for row in table_rows(selector(body), CARP_AUTHORIZATIONS, url, kind):
        section = heading_before(row.table, "Authorizations")
        party, document, when = row.text("party"), row.text("document"), _day(row.text("date"))
        page.items.append(RecordItem(
            SOURCE, url, kind, f"{section}|{party}|{when or document}", "authorization", f"{party}: {document}",
            {"section": section, "party": party, "document": document, "date": when,
             "links": row.links("document", url)}, when=f"dated {when}" if when else None))
    return page


CARP_APPROACHES = (Column("id", r"\bid\b|identifier"), Column("name", r"name"),
                   Column("parties", r"part(?:y|ies)"), Column("reports", r".", required=False))


def parse_carp_cooperative_approaches(url: str, body: bytes | str) -> Page:
    kind = "carp_cooperative_approaches"
    page = Page(url, kind, complete_listing=True)
    for row in table_rows(selector(body), CARP_APPROACHES, url, kind):  # the reports column's name varies
        ident, name, parties = row.text("id"), row.text("name"), row.text("parties")
        links = row.links("reports", url)
        page.items.append(RecordItem(
            SOURCE, url, kind, ident, "cooperative approach", f"{ident} {name} ({parties})",
            {"id": ident, "name": name, "parties": parties, "reports": row.text("reports"),
             "latest_report": links[-1] if links else None}))
    return page


MOFA_JCM = (Column("signer_japan", r"signer.*japan|^japan"), Column("signer_partner", r"signer.*partner|^partner"),
            Column("date", r"date|signed"), Column("country", r"^countr|^partner countr"))


def _date_and_place(lines: list[str]) -> tuple[date | None, str]:
    """'January 8 2013' / 'Ulaanbaatar' on two lines, or 'January 8, 2013, Ulaanbaatar' on one: (date, place)."""
    parts = [p for p in re.split(r"\s*(?:/|,)\s*", " / ".join(lines)) if p]
    for i in range(1, len(parts) + 1):
        d = parse_date(", ".join(parts[:i]))
        if d:
            return d, ", ".join(parts[i:])
    return None, ", ".join(parts)


def parse_mofa_jcm(url: str, body: bytes | str) -> Page:
    kind = "mofa_jcm"
    page = Page(url, kind, complete_listing=True)
    for row in table_rows(selector(body), MOFA_JCM, url, kind):
        country, lines = row.text("country"), row.lines("date")
        signed, place = _date_and_place(lines)
        page.items.append(RecordItem(
            SOURCE, url, kind, country, "JCM partnership", f"Japan – {country}",
            {"country": country, "date_and_place": ", ".join(lines), "signed": signed.isoformat() if signed else None,
             "place": place, "signer_japan": row.text("signer_japan"), "signer_partner": row.text("signer_partner")},
            when=_signed(signed) or ", ".join(lines)))
    return page


_DOCUMENT = re.compile(r"\.pdf(?:$|[?#/])|/dam/", re.I)


def parse_foen_agreements(url: str, body: bytes | str) -> Page:
    """The links under the heading 'Treaties under Article 6.2 …' (or, on the older page about Article 6
    agreements alone, every agreement link), keyed by the partner country: a title edited or written in
    French ('Accord … entre la Confédération suisse et le Royaume du Maroc') is the same row."""
    kind = "foen_agreements"
    sel = selector(body)
    links = section_links(sel, re.compile(r"Article\s*6\.2", re.I))
    if links is None:
        title = " ".join(sel.xpath("//h1//text() | //title//text()").getall())
        if not re.search(r"Article\s*6\b", title):
            raise LayoutError(url, kind, "no heading 'Treaties under Article 6.2 (Paris Agreement)'")
        links = [a.root for a in sel.xpath("//main//a | //*[@id='main-content']//a")] or \
            [a.root for a in sel.xpath("//body//a")]
    page = Page(url, kind, complete_listing=True)
    seen: set[str] = set()
    for link in links:
        title = re.sub(r"\s*\((?:PDF|DOCX?)\b[^)]*\)", "", squash("".join(link.itertext())), flags=re.I)
        partner = partner_of(title)
        href = absolute(url, link.get("href"))
        if partner is None:
            if href and _DOCUMENT.search(href) and title:
                raise LayoutError(url, kind, f"an agreement's title no longer names its partner: {title[:120]!r}")
            continue
        if partner.lower() in seen:  # a second document with the same partner (an amendment): kept on its row
            row = next(r for r in page.items if isinstance(r, RecordItem) and r.key == partner.lower())
            row.fields.setdefault("also", []).append({"title": title, "link": href})
            continue
        seen.add(partner.lower())
        page.items.append(RecordItem(
            SOURCE, url, kind, partner.lower(), "bilateral climate agreement", f"Switzerland – {partner}",
            {"title": title, "partner": partner, "link": href}))
    return page


_IA = re.compile(r"\b(?:Implementation Agreement|IA)s?\s+(?:with|between Singapore and)\s+(?:the\s+)?"
                 r"(?P<partner>[A-Z][\w'’.\- ]*?[\w.])(?=\s*(?:,|\(|–|—|-\s|\bsigned\b|\bon\b|\bin\b|$))")


def parse_singapore_ias(url: str, body: bytes | str) -> Page:
    """Each line naming an implementation agreement with a partner and its signing date; the page's
    explanations around the list (bullets that speak of "Implementation Agreements") are not rows."""
    kind = "singapore_ias"
    sel = selector(body)
    title = squash(" ".join(sel.css("h1 ::text, title::text").getall()))
    if "implementation agreement" not in title.lower():
        raise LayoutError(url, kind, "no heading 'Implementation Agreements'")
    page = Page(url, kind, complete_listing=True)
    blocks = sel.xpath("//body//*[self::li or self::p or self::h2 or self::h3 or self::h4 or self::h5 or self::td]"
                       "[not(.//li or .//p or .//td)][not(ancestor::nav or ancestor::header or ancestor::footer)]")
    for block in blocks:
        text = text_of(block)
        m = _IA.search(text)
        if not m:
            continue
        signed = first_date(text[m.end():]) or first_date(text)
        if signed is None:
            if re.search(r"\bsigned\b", text, re.I):  # a row we cannot read must not read as "removed" later
                raise LayoutError(url, kind, f"an agreement line no longer reads 'with <party>, signed <date>': "
                                             f"{text[:120]!r}")
            continue
        partner = country_name(m.group("partner"))
        if any(r.key == partner.lower() for r in page.items):
            continue
        page.items.append(RecordItem(
            SOURCE, url, kind, partner.lower(), "implementation agreement", f"Singapore – {partner}",
            {"partner": partner, "signed": signed.isoformat(), "text": text,
             "link": absolute(url, block.css("a::attr(href)").get())}, when=_signed(signed)))
    return page


_XLSX = re.compile(r"\.xlsx(?:$|[?#])", re.I)


def parse_pipeline_page(url: str, body: bytes | str) -> Page:
    """The page that links the Pipeline workbook: its heading names the Pipeline, a link is the workbook
    (the one that names Article 6 when the page links several spreadsheets)."""
    kind = "a6_pipeline_page"
    sel = selector(body)
    if not re.search(r"Article\s*6\s+Pipeline", " ".join(sel.css("h1 ::text, h2 ::text, title::text").getall()),
                     re.I):
        raise LayoutError(url, kind, "no 'Article 6 Pipeline' heading")
    links = [(u, text_of(a)) for a in sel.css("a[href]")
             if (u := absolute(url, a.attrib.get("href"))) and _XLSX.search(u)]
    if not links:
        raise LayoutError(url, kind, "no workbook link (a link to an .xlsx file)")
    named = [u for u, text in links if re.search(r"article[\s_%20-]*6|\ba6\b", f"{u} {text}", re.I)]
    workbook = (named or [u for u, _text in links])[0]
    page = Page(url, kind)
    page.follow.append(Follow(workbook, "a6_pipeline_workbook"))
    page.meta["workbook"] = workbook
    return page


def _iso(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


MAX_ROWS = 20_000  # the published workbook has a few hundred rows per sheet
MAX_COLUMNS = 64  # and about 15 columns
HEADER_ROWS = 10  # the header row is one of the first rows (2 or 3 in the published workbook)
# sheet -> the headers its rows are read by, wherever the columns are (every other column is kept too)
SHEETS = {
    "Bilateral Agreements": ("title", "host country", "buying country", "date", "status", "link"),
    "JCM": ("id", "title", "host country", "status", "registration date"),
    "Prior Consideration": ("host party", "submission date", "title"),
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
    for sheet, expected in SHEETS.items():
        if sheet not in wb.sheetnames:
            raise LayoutError(url, kind, f"sheet {sheet!r} is missing")
        rows = _rows(wb[sheet], url, kind, sheet)
        headers = [[squash(str(v)).lower() if v is not None else "" for v in row] for row in rows[:HEADER_ROWS]]
        header_row = next((i for i, h in enumerate(headers) if set(expected) <= set(h)), None)
        if header_row is None:
            best = max(headers, key=lambda h: len(set(expected) & set(h)), default=[])
            raise LayoutError(url, kind, f"sheet {sheet!r}: header changed: no row names {' | '.join(expected)} "
                                         f"(missing: {' | '.join(e for e in expected if e not in best)})")
        header = headers[header_row]
        for values in rows[header_row + 1:]:
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


def _workbook_minimum(page: Page) -> str | None:
    """Every sheet read has rows (the published workbook: about 100 agreements, 150 JCM projects, 1,100
    prior-consideration notifications)."""
    tables = {"a6_pipeline_bilateral": "Bilateral Agreements", "a6_pipeline_jcm": "JCM",
              "a6_pipeline_prior_consideration": "Prior Consideration"}
    found = {i.table for i in page.items if isinstance(i, RecordItem)}
    empty = [sheet for table, sheet in tables.items() if table not in found]
    return f"rows in the sheets {', '.join(empty)}" if empty else None


def _links_workbook(page: Page) -> str | None:
    return None if page.follow else "the workbook's link"


# What a real page of each kind always has: its rows (every listing here is long and only grows).
KINDS = (
    PageKind("carp_reports", parse_carp_reports, routes=(("unfccc.int", rf"^{LANG}{ARTICLE_62}/carp/reports/?$"),),
             minimum=at_least(1, RecordItem, what="a report row")),
    PageKind("carp_authorizations", parse_carp_authorizations,
             routes=(("unfccc.int", rf"^{LANG}{ARTICLE_62}/carp/authorizations/?$"),),
             minimum=at_least(1, RecordItem, what="an authorization row")),
    PageKind("carp_cooperative_approaches", parse_carp_cooperative_approaches,
             routes=(("unfccc.int", rf"^{LANG}{ARTICLE_62}/carp/cooperative-approaches/?$"),),
             minimum=at_least(1, RecordItem, what="a cooperative approach row")),
    PageKind("mofa_jcm", parse_mofa_jcm, routes=(("www.mofa.go.jp", r"^/ic/ch/page1we_000105\.html$"),),
             minimum=at_least(1, RecordItem, what="a JCM partner country row")),
    PageKind("foen_agreements", parse_foen_agreements, routes=(("www.bafu.admin.ch", rf"^{re.escape(FOEN)}$"),),
             minimum=at_least(1, RecordItem, what="an agreement under Article 6.2")),
    PageKind("singapore_ias", parse_singapore_ias, routes=(("carbonmarkets-cooperation.gov.sg", rf"^{SINGAPORE}/?$"),),
             minimum=at_least(1, RecordItem, what="a signed implementation agreement")),
    PageKind("a6_pipeline_page", parse_pipeline_page, routes=(("unepccc.org", r"^/article-6-pipeline/?$"),),
             minimum=_links_workbook),
    PageKind("a6_pipeline_workbook", parse_pipeline_workbook,
             routes=(("unepccc.org", r"^/wp-content/uploads/\d{4}/\d{2}/[^/]+\.xlsx$"),), binary=True,
             minimum=_workbook_minimum),
)
