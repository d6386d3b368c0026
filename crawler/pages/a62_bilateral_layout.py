"""Reading the Article 6.2 pages by meaning (a helper of crawler/pages/a62_bilateral.py): tables found by
their header cells wherever the columns are (an unnamed numbering column, a header written in bold cells,
spans expanded), headings by their tag or a line wholly in bold, the links of the section a heading opens,
and an agreement's partner read from its title in English or French and named in English."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from parsel import Selector

from core.errors import LayoutError
from crawler.pages.common import absolute, span_grid, squash, text_of

Cell = Selector


@dataclass(frozen=True)
class Column:
    """A column the parser reads, recognised by a pattern on its header text (lowercased)."""

    name: str
    pattern: str
    required: bool = True


def grid(table: Selector) -> list[list[Cell]]:
    """The table's rows as cells (th and td alike, in order), colspans and rowspans expanded."""
    return span_grid((list(tr.xpath("./th|./td")) for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")),
                     lambda cell, name: cell.attrib.get(name))


def _match(header: list[str], columns: tuple[Column, ...]) -> dict[str, int] | None:
    """Column name -> index, each header cell used once, in the order the columns are listed; None when a
    required column is missing."""
    found: dict[str, int] = {}
    for column in columns:
        at = next((i for i, h in enumerate(header) if i not in found.values() and h and re.search(column.pattern, h)),
                  None)
        if at is None:
            if column.required:
                return None
            continue
        found[column.name] = at
    return found


@dataclass
class Row:
    cells: dict[str, Cell]  # column name -> cell
    table: Selector

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return text_of(cell) if cell is not None else ""

    def lines(self, name: str) -> list[str]:
        cell = self.cells.get(name)
        return cell_lines(cell) if cell is not None else []

    def links(self, name: str, base: str) -> list[str]:
        cell = self.cells.get(name)
        if cell is None:
            return []
        return [u for u in (absolute(base, h) for h in cell.css("a::attr(href)").getall()) if u]


def table_rows(sel: Selector, columns: tuple[Column, ...], url: str, kind: str) -> list[Row]:
    """The rows of every table whose header (its first rows, in th or td cells) names the columns, wherever
    they are; rows spanning the whole table (a caption row) and empty rows are not rows. No such table is a
    layout error that says what was looked for and what headers the page has."""
    rows: list[Row] = []
    seen_headers: list[str] = []
    matched = False
    for table in sel.xpath("//table"):
        cells = grid(table)
        for at, header_cells in enumerate(cells[:3]):
            header = [text_of(c).lower() for c in header_cells]
            found = _match(header, columns)
            if found is None:
                if at == 0:
                    seen_headers.append(" | ".join(h or "(unnamed)" for h in header))
                continue
            matched = True
            for row in cells[at + 1:]:
                if len({id(c.root) for c in row}) < 2 or not any(text_of(c) for c in row):
                    continue
                if [text_of(c).lower() for c in row] == header:  # the header again
                    continue
                rows.append(Row({name: row[i] for name, i in found.items() if i < len(row)}, table))
            break
    if not matched:
        wanted = ", ".join(c.name for c in columns if c.required)
        raise LayoutError(url, kind, f"table header changed: no table names the columns {wanted} (found: "
                                     f"{'; '.join(seen_headers) or 'no table'})")
    return rows


def cell_lines(cell: Selector) -> list[str]:
    """The cell's text line by line (a <br> or a paragraph starts a line)."""
    parts: list[str] = []
    for node in cell.xpath(".//text()|.//br|.//p|.//div|.//li"):
        parts.append(node.root if isinstance(node.root, str) else "\n")
    return [t for t in (squash(x) for x in "".join(parts).split("\n")) if t]


def is_heading(el: Any) -> bool:
    """An element that heads a section: h1-h6, or a short paragraph wholly in bold that is not a link."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    if tag not in ("p", "div") or any(True for _ in el.iter("a")):
        return False
    text = squash("".join(el.itertext()))
    bold = el.xpath(".//*[self::strong or self::b][not(ancestor::strong or ancestor::b)]")
    return 0 < len(text) < 160 and squash(" ".join("".join(b.itertext()) for b in bold)) == text


def heading_before(table: Selector, default: str) -> str:
    """The text of the heading nearest before a table (its title on CARP pages)."""
    for el in reversed(table.xpath("preceding::*")):
        if is_heading(el.root):
            return squash("".join(el.root.itertext()))
    return default


def section_links(sel: Selector, heading: re.Pattern[str]) -> list[Any] | None:
    """The links under the first heading matching ``heading``, up to the next heading; None when no
    heading matches."""
    root = sel.root
    inside = False
    links: list[Any] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if is_heading(el):
            if inside:
                return links
            inside = bool(heading.search(squash("".join(el.itertext()))))
        elif inside and el.tag == "a":
            links.append(el)
    return links if inside or links else None


# -- partners named in agreement titles ------------------------------------------------------------------
_BETWEEN = (
    re.compile(r"\bentre\s+(?:la\s+)?(?:Conf[ée]d[ée]ration\s+suisse|Suisse)\s+et\s+(.+)$", re.I),
    re.compile(r"\bbetween\s+(?:the\s+)?(?:Swiss\s+Confederation|Switzerland)\s+and\s+(.+)$", re.I),
    re.compile(r"\bbetween\s+(.+?)\s+and\s+(?:the\s+)?(?:Swiss\s+Confederation|Switzerland)\b", re.I),
    re.compile(r"\b(?:with|avec)\s+(.+)$", re.I),
)
_TAIL = re.compile(r"\s+(?:relati(?:f|ve)|concernant|sur|on|concerning|regarding|for|pour|under|to|in)\b.*$", re.I)
_ARTICLE = re.compile(r"^(?:the|la|le|les|l['’])\s*", re.I)
_STATE = re.compile(
    r"^(?:(?:Federal|Islamic|Oriental|Plurinational|United|Socialist|Independent|Cooperative)\s+)*"
    r"(?:Republic|Kingdom|Commonwealth|State|Principality|Sultanate|Federation)\s+of\s+(?:the\s+)?"
    r"|^(?:R[ée]publique|Royaume|[ÉE]tat|Principaut[ée]|Sultanat|Commonwealth|F[ée]d[ée]ration)"
    r"(?:\s+(?:f[ée]d[ée]rale|islamique|orientale|plurinational|unie|socialiste|ind[ée]pendant))*"
    r"\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’])\s*", re.I)
FRENCH = {  # the French names of the partners the Swiss list writes in French, as the English list names them
    "maroc": "Morocco", "sénégal": "Senegal", "senegal": "Senegal", "pérou": "Peru", "géorgie": "Georgia",
    "tunisie": "Tunisia", "bénin": "Benin", "guinée": "Guinea", "thaïlande": "Thailand", "chili": "Chile",
    "dominique": "Dominica", "maurice": "Mauritius", "mongolie": "Mongolia", "ouganda": "Uganda",
    "zambie": "Zambia", "colombie": "Colombia", "indonésie": "Indonesia", "mauritanie": "Mauritania",
    "cameroun": "Cameroon", "tchad": "Chad", "haïti": "Haiti", "islande": "Iceland", "norvège": "Norway",
    "suède": "Sweden", "singapour": "Singapore", "japon": "Japan", "cambodge": "Cambodia", "éthiopie": "Ethiopia",
    "égypte": "Egypt", "algérie": "Algeria", "bhoutan": "Bhutan", "népal": "Nepal", "kenya": "Kenya",
    "ghana": "Ghana", "malawi": "Malawi", "uruguay": "Uruguay", "ukraine": "Ukraine", "vanuatu": "Vanuatu",
    "rwanda": "Rwanda", "côte d'ivoire": "Côte d'Ivoire", "côte d’ivoire": "Côte d'Ivoire", "togo": "Togo",
    "madagascar": "Madagascar", "philippines": "Philippines", "viet nam": "Viet Nam", "vietnam": "Viet Nam",
    "gabon": "Gabon", "djibouti": "Djibouti", "burkina faso": "Burkina Faso", "mali": "Mali", "niger": "Niger",
}


def country_name(name: str) -> str:
    """'the Republic of Peru' -> 'Peru', 'le Royaume du Maroc' -> 'Morocco', 'Independent State of Papua New
    Guinea' -> 'Papua New Guinea': the country as the English lists name it."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", squash(name)).strip(" .,;")  # "(PDF, 446 kB, 20.10.2020)"
    name = _ARTICLE.sub("", _STATE.sub("", _ARTICLE.sub("", name))).strip()
    return FRENCH.get(name.lower(), name)


def partner_of(title: str) -> str | None:
    """'Agreement with the Republic of Peru' -> 'Peru'; 'Accord … entre la Confédération suisse et le
    Royaume du Maroc' -> 'Morocco': the partner country, named in English, or None."""
    title = re.sub(r"\s*\((?:PDF|DOCX?|XLSX?)\b[^)]*\)", "", squash(title), flags=re.I)
    for pattern in _BETWEEN:
        m = pattern.search(title)
        if m:
            return country_name(_TAIL.sub("", m.group(1))) or None
    return None
