"""Reading unfccc.int pages by meaning, not by one exact class (helpers of crawler/pages/unfccc_documents.py):
labelled fields found by their label's words, agenda headings by their numbering whatever element holds
them (h3, a bold paragraph, an accordion button), table columns by their header cells wherever they are,
a document's own version (only a trailing one), and the symbols a page shows that a parser did not read."""

from __future__ import annotations

import re

from parsel import Selector

from core.errors import LayoutError
from core.items import AgendaRef, FileLink
from core.meetings import meeting_key
from core.references import split_own_version
from core.symbols import try_parse_symbol
from core.when import parse_date_range
from crawler.pages.common import LANGUAGE_NAMES, absolute, language_of, size_of, squash, text_of

OUTSIDE_CHROME = "not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::script)"
# A session: 'SBSTA 60', 'CMA6'; never 'SB 006' (the Article 6.4 Supervisory Body's 6th meeting) for a
# page, though a document's agenda line may name the joint 'SB 62'.
CODE = r"(COP|CMP|CMA|SBSTA|SBI)\s?(\d{1,3})"
_SESSION_LINE = re.compile(r"^(COP|CMP|CMA|SBSTA|SBI|SB)\s?(\d{1,3})\s*/?\s*(.*)$")
_RESOURCE = re.compile(r"/(?:sites/default/files/resource|resource/docs)/|\.pdf$", re.I)

# "2 (a). Adoption of the agenda;", "17(b). Modalities …", "2. (a) Adoption …", "3. Reports …": a number,
# then a dot, a colon or lettered sub-items, then the title ("15 November at 13:41" is not a heading).
_AGENDA = re.compile(r"^(\d{1,2})(\s*\.)?((?:\s*\(\s*[a-z]{1,4}\s*\))*)\s*([.:])?\s+(\S.*)$", re.S)
_NUMBER_ONLY = re.compile(r"^\d{1,2}(?:\s*\(\s*[a-z]{1,4}\s*\))*\s*\.?$")


def agenda_heading(text: str | None) -> tuple[str, str] | None:
    """'2 (a). Adoption of the agenda;' -> ('2 (a)', 'Adoption of the agenda'); None if not a heading."""
    m = _AGENDA.match(squash(text))
    if not m or not (m.group(2) or m.group(3) or m.group(4)):
        return None
    number = m.group(1) + "".join(f" ({sub})" for sub in re.findall(r"[a-z]{1,4}", m.group(3)))
    return number, m.group(5).strip().rstrip(";").strip()


# Elements (outside tables and the site's menus) whose first own text starts with a digit: the candidates
# for agenda headings, in document order together with the tables they head.
_HEADINGS_AND_TABLES = (
    "//table | //*[not(ancestor-or-self::table)][not(self::script or self::style or self::option)]"
    f"[{OUTSIDE_CHROME}]"
    "[normalize-space(text()[normalize-space()][1]) != '']"
    "[contains('0123456789', substring(normalize-space(text()[normalize-space()][1]), 1, 1))]")


def headings_and_tables(sel: Selector) -> list[Selector | tuple[str, str]]:
    """Tables and agenda headings ((number, title)) in the order the page shows them. A heading whose
    number and title are in two elements ('<strong>2 (a).</strong> Adoption …') is read from their parent."""
    out: list[Selector | tuple[str, str]] = []
    for node in sel.xpath(_HEADINGS_AND_TABLES):
        if node.root.tag == "table":
            out.append(node)
            continue
        text = text_of(node)
        if _NUMBER_ONLY.match(text):
            text = text_of(node.xpath("..")[0])
        found = agenda_heading(text) if len(text) < 400 else None
        if found and not (out and out[-1] == found):
            out.append(found)
    return out


def own_version(title: str | None) -> str | None:
    """The document's own version: one written at the end of its title, not one the title speaks of."""
    return split_own_version(title)[1] if title else None


# ---- labelled fields ---------------------------------------------------------------------------------
def _own_text(node: Selector) -> str:
    return squash(node.root) if isinstance(node.root, str) else text_of(node)


def _split(node: Selector) -> list[Selector]:
    """A value holding several items without text of its own (Drupal's field--items) -> its items."""
    if isinstance(node.root, str):
        return [node]
    kids = node.xpath("./*[normalize-space()]")
    if kids and not squash(" ".join(node.xpath("./text()").getall())):
        return [item for kid in kids for item in _split(kid)]
    return [node]


def _values_after(label: Selector, labels: dict[str, str]) -> list[Selector]:
    """What follows a label, up to the next label: '<div class="field--label">Symbol</div><div>X</div>',
    '<dt>Symbol</dt><dd>X</dd>', '<strong>Symbol:</strong> X'. A label alone in its wrapper is read from
    the wrapper's siblings."""
    node, own = label, text_of(label)
    while True:
        following = [s for s in node.xpath("following-sibling::node()") if _own_text(s)]
        if following:
            break
        parent = node.xpath("..")
        if not parent or parent[0].root.tag in ("body", "html") or text_of(parent[0]) != own:
            return []
        node = parent[0]
    values: list[Selector] = []
    for sibling in following:
        if not isinstance(sibling.root, str) and (sibling.root.tag == "dt" or _label_key(_own_text(sibling), labels)):
            break
        values += _split(sibling)
    return values


def _label_key(text: str, labels: dict[str, str]) -> str | None:
    return labels.get(squash(text).rstrip(":").strip().lower())


def labelled_values(sel: Selector, labels: dict[str, str]) -> dict[str, list[Selector]]:
    """key -> the value nodes of the first label on the page (outside menus, tables, links) whose words are
    one of ``labels`` (lower-case label -> key). Elements whose class names them a label come first."""
    short = (f"//*[{OUTSIDE_CHROME}][not(ancestor-or-self::table or ancestor-or-self::a or ancestor::select"
             " or self::option or self::title or self::h1)][string-length(normalize-space(.)) < 40]")
    found: dict[str, list[Selector]] = {}
    for query in (short + "[contains(@class, 'label')]", short):
        for node in sel.xpath(query):
            key = _label_key(text_of(node), labels)
            if key and key not in found:
                values = _values_after(node, labels)
                if values:
                    found[key] = values
    return found


def value_texts(values: list[Selector]) -> list[str]:
    return [t for t in (_own_text(v).strip(" ,;") for v in values) if t]


# ---- tables ------------------------------------------------------------------------------------------
def header_cells(table: Selector) -> list[str]:
    """The header row's cell texts, lower-case: the first row of <thead>, else a first row of <th>."""
    row = table.xpath("./thead/tr[1]") or table.xpath("./tr[1] | ./tbody/tr[1]")
    if not row or (not table.xpath("./thead") and row[0].xpath("./td")):
        return []
    return [text_of(c).lower() for c in row[0].xpath("./th | ./td")]


def columns(header: list[str], names: dict[str, tuple[str, ...]], required: tuple[str, ...], url: str,
            kind: str) -> dict[str, int]:
    """Column name -> index, found by the header's words wherever the columns are (blank and unknown
    headers, such as a numbering column, are left alone); a layout error when a required one is missing."""
    found: dict[str, int] = {}
    for name, words in names.items():
        at = next((header.index(word) for word in words if word in header), None)
        if at is not None:
            found[name] = at
    missing = [name for name in required if name not in found]
    if missing:
        raise LayoutError(url, kind, f"table header changed: no {', '.join(missing)} column in "
                                     f"{' | '.join(header) or 'none'}")
    return found


def body_rows(table: Selector) -> list[Selector]:
    return [row for row in table.xpath("./tbody/tr | ./tr") if row.xpath("./td")]


# ---- never silent ------------------------------------------------------------------------------------
_SYMBOL_HEADER = "*[contains(translate(normalize-space(.), 'SYMBOL', 'symbol'), 'symbol')]"
_SHOWN_SYMBOLS = (
    f"//*[self::td or self::li or self::div or self::dd or self::span][{OUTSIDE_CHROME}]"
    f"[not(ancestor::table[.//th[self::{_SYMBOL_HEADER}] or .//thead//td[self::{_SYMBOL_HEADER}]])]"
    "[string-length(normalize-space(.)) < 140]"
    "[contains(., 'FCCC/') or starts-with(normalize-space(.), 'IN.') or starts-with(normalize-space(.), 'DT.')"
    " or starts-with(normalize-space(.), 'CRP.')]")


def unread_symbols(sel: Selector, symbols: list[str]) -> list[str]:
    """Document symbols the page shows as a block of their own (a cell, a list item, a views field) outside
    the tables of documents read, and that are none of the ``symbols`` read: documents the parser did not
    see (a list moved out of a table, rows drawn another way)."""
    read = {found for text in symbols for found in (normalised(text), *map(normalised, text.split())) if found}
    missed: list[str] = []
    for node in sel.xpath(_SHOWN_SYMBOLS):
        symbol = try_parse_symbol(text_of(node))
        if symbol is not None and symbol.text not in read and symbol.text not in missed:
            missed.append(symbol.text)
    return missed


def normalised(symbol: str | None) -> str | None:
    parsed = try_parse_symbol(symbol)
    return parsed.text if parsed else symbol


# ---- pieces of the three pages ----------------------------------------------------------------------
def file_options(cell: Selector, base: str) -> list[FileLink]:
    files: list[FileLink] = []
    for option in cell.css("select option"):
        url = absolute(base, option.attrib.get("value"))
        label = squash(option.xpath("string()").get())
        lang = language_of(label)
        if url and lang:
            files.append(FileLink(lang, url, label, size_of(label)))
    return files


def document_link(cell: Selector, base: str) -> str | None:
    for href in cell.css("a::attr(href)").getall():
        if re.search(r"/(?:documents|node)/\d+/?(?:[?#]|$)", href):
            found = absolute(base, href)
            return canonical_document_url(found) if found else None
    return None


def canonical_document_url(url: str) -> str:
    """/fr/node/641852, www.unfccc.int/documents/641852 and /documents/641852 are one document:
    https://unfccc.int/documents/641852."""
    m = re.match(r"^https?://(?:www\.)?unfccc\.int(?:/(?:fr|es|ru|zh|ar|en))?/(?:node|documents)/(\d+)/?$", url)
    return f"https://unfccc.int/documents/{m.group(1)}" if m else url


def by_class(sel: Selector, words: tuple[str, ...], test: re.Pattern[str] | None = None) -> str | None:
    """The text of the first element (outside tables and menus) whose class names one of ``words``."""
    where = " or ".join(f"contains(@class, '{w}')" for w in words)
    for node in sel.xpath(f"//*[{where}][not(ancestor::table)][{OUTSIDE_CHROME}]"):
        text = text_of(node)
        if "update" in node.attrib.get("class", "") or "updated" in text.lower():
            continue  # 'Last updated: …' is not the session's date
        if text and len(text) < 120 and (test is None or test.search(text)):
            return text
    return None


def session_header(sel: Selector, head: Selector | None) -> tuple[str | None, str | None]:
    """(dates text, venue) of a session: fields named so by their class or label, else the short lines
    that follow the page title ('8 – 18 June 2026', 'Bonn, Germany')."""
    dates = by_class(sel, ("date",), re.compile(r"\d{4}"))
    venue = by_class(sel, ("location", "venue"))
    labels = labelled_values(sel, {"date": "date", "dates": "date", "date and venue": "date", "venue": "venue",
                                   "location": "venue"})
    dates = dates or " ".join(value_texts(labels.get("date", []))) or None
    venue = venue or " ".join(value_texts(labels.get("venue", []))) or None
    if head is not None and not (dates and venue):
        lines = [text_of(n) for n in head.xpath("following::*[normalize-space()][not(*)][position() <= 6]")]
        for i, line in enumerate(lines):
            if not dates and len(line) < 80 and parse_date_range(line)[0]:
                dates = line
                after = lines[i + 1] if i + 1 < len(lines) else ""
                if not venue and after and len(after) < 60 and not re.search(r"\d", after):
                    venue = after
    return dates, venue


def agenda_refs(lines: list[str], sessions: list[str]) -> list[AgendaRef]:
    """'SBI 57 4 (b). Report …', 'CMA 6 / 15 (a). …', or 'CMA 6' then '15 (a). …' on the next line; an
    item without its session belongs to the document's only session, or to its sessions in order."""
    refs: list[AgendaRef] = []
    loose: list[tuple[str, str]] = []
    current: str | None = None
    for line in lines:
        m = _SESSION_LINE.match(line)
        rest = line
        if m:
            current, rest = meeting_key(m.group(1), int(m.group(2))), m.group(3)
        heading = agenda_heading(rest)
        if heading and current:
            refs.append(AgendaRef(current, *heading))
        elif heading:
            loose.append(heading)
    if loose and len(sessions) in (1, len(loose)):
        refs += [AgendaRef(sessions[0] if len(sessions) == 1 else sessions[i], *h) for i, h in enumerate(loose)]
    return refs


def document_title(sel: Selector) -> str:
    for query in (".document-title", f"//h1[{OUTSIDE_CHROME}]", ".page-title"):
        nodes = sel.css(query) if query.startswith(".") else sel.xpath(query)
        if nodes and text_of(nodes[0]):
            return text_of(nodes[0])
    return ""


def open_links(sel: Selector, url: str, languages: list[str]) -> list[FileLink]:
    """Files offered as links ('Open', a button) rather than a language menu; language from the page's
    'Languages' field or the words around the link ('English only'), size from around it ('PDF 0.08 MB')."""
    links = [a for a in sel.xpath(f"//a[@href][{OUTSIDE_CHROME}]") if _RESOURCE.search(a.attrib["href"])
             and (not a.xpath("ancestor::p") or re.match(r"(?i)(open|download)\b|.*\bpdf\b", text_of(a)))]
    files: list[FileLink] = []
    for link in links:
        href = absolute(url, link.attrib["href"])
        if href in {f.url for f in files}:
            continue
        around = text_of(link)
        for block in link.xpath("ancestor::*[position() <= 2]")[::-1]:
            if size_of(around) or len(block.xpath(".//a[@href]")) > 1 or len(text_of(block)) > 200:
                break
            around = text_of(block)
        named = {LANGUAGE_NAMES[w.lower()] for w in re.findall(r"[A-Za-z]+", around) if w.lower() in LANGUAGE_NAMES}
        lang = (languages[0] if len(languages) == 1 else None) or (named.pop() if len(named) == 1 else None)
        if href:
            files.append(FileLink(lang or "en", href, text_of(link), size_of(around)))
    return files
