"""Reading an a6partnership.org page by meaning (a helper of crawler/pages/a6ip.py): the page as lines of
visible text in reading order, each knowing the block that holds it; headings by their tag or by a line
wholly in bold; speaker cards as the blocks a section is made of; agenda tables by their header cells,
wherever the table is. Nothing here depends on the theme's classes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from typing import Any

from parsel import Selector

from core.errors import LayoutError
from crawler.pages.common import absolute, span_grid, squash

BLOCKS = frozenset({"address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "figcaption",
                    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
                    "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "select", "button"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ITEM_COLUMN = re.compile(r"^(?:agenda|programme|program|topic|session|title|content|item)", re.I)
_SPEAKER_COLUMN = re.compile(r"speaker|presenter|moderator|resource|panel", re.I)
_VIDEO_HOST = re.compile(r"youtube\.com|youtu\.be|vimeo\.com|/video", re.I)
_DOCUMENT = re.compile(r"\.(?:pdf|pptx?|docx?|xlsx?)(?:$|[?#])", re.I)


@dataclass(frozen=True)
class Line:
    """One line of visible text and the innermost block that holds it."""

    text: str
    el: Any  # an lxml element

    @property
    def in_table(self) -> bool:
        return any(a.tag in ("td", "th") for a in chain([self.el], self.el.iterancestors()))

    @property
    def list_el(self) -> Any:
        """The list (ul/ol) this line is an item of, or None."""
        for a in chain([self.el], self.el.iterancestors()):
            if a.tag == "li":
                return a.getparent()
        return None


def _tag(node: Any) -> str:
    return node.tag.lower() if isinstance(node.tag, str) else ""


def strip_chrome(root: Any) -> None:
    """Drop what is not the page's own content: scripts, navigation, and site headers, footers and side
    bars (a header or footer that holds the page's first-level heading is the post's own: kept)."""
    for el in list(root.iter()):
        tag = _tag(el)
        if el.getparent() is None:
            continue
        if tag in SKIP or tag == "nav" or (
                tag in ("header", "footer", "aside") and not any(True for _ in el.iter("h1"))):
            _drop(el)


def _drop(el: Any) -> None:
    """Remove an element, keeping the text that follows it."""
    parent, tail = el.getparent(), el.tail or ""
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def lines_of(root: Any) -> list[Line]:
    """The visible text in reading order, one line per block (and per <br>)."""
    out: list[Line] = []
    buf: list[str] = []

    def flush(owner: Any) -> None:
        text = squash("".join(buf))
        buf.clear()
        if text:
            out.append(Line(text, owner))

    def walk(node: Any, owner: Any) -> None:
        tag = _tag(node)
        if tag and tag not in SKIP:
            if tag == "br":
                flush(owner)
            elif tag in BLOCKS:
                flush(owner)
                buf.append(node.text or "")
                for child in node:
                    walk(child, node)
                flush(node)
            else:
                buf.append(node.text or "")
                for child in node:
                    walk(child, owner)
        buf.append(node.tail or "")

    buf.append(root.text or "")
    for child in root:
        walk(child, root)
    flush(root)
    return out


def _bold_text(el: Any) -> str:
    bold = el.xpath(".//*[self::strong or self::b][not(ancestor::strong or ancestor::b)]")
    return squash(" ".join("".join(b.itertext()) for b in bold))


def is_heading(line: Line) -> bool:
    """A heading tag, or a short paragraph written wholly in bold (a heading the editor made by hand)."""
    tag = _tag(line.el)
    if tag in HEADINGS:
        return True
    if tag in ("p", "div") and len(line.text) < 160 and not line.in_table:
        return squash("".join(line.el.itertext())) == line.text and _bold_text(line.el) == line.text
    return False


def heading_index(lines: list[Line], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if is_heading(line) and pattern.search(line.text)), None)


def _depth(el: Any) -> int:
    return sum(1 for _ in el.iterancestors())


def _level(line: Line) -> int:
    tag = _tag(line.el)
    return int(tag[1]) if tag in HEADINGS else 7


def section(lines: list[Line], at: int) -> list[Line]:
    """The lines under the heading at ``at``, up to the next heading of its rank (as high, or as shallow in
    the page), or a table: headings inside the section (a speaker card's name) belong to it."""
    head = lines[at]
    out = []
    for line in lines[at + 1:]:
        if line.in_table:
            break
        if is_heading(line) and (_level(line) <= _level(head) or _depth(line.el) <= _depth(head.el)):
            break
        out.append(line)
    return out


def section_cards(lines: list[Line]) -> list[list[str]]:
    """The section's lines grouped by the block each is in, below the blocks they all share (one card a
    speaker, however the theme nests it)."""
    if not lines:
        return []
    paths = [[*reversed(list(line.el.iterancestors())), line.el] for line in lines]
    common = 0
    while all(len(p) > common + 1 for p in paths) and len({id(p[common]) for p in paths}) == 1:
        common += 1
    cards: dict[int, list[str]] = {}
    for line, path in zip(lines, paths, strict=True):
        key = path[common] if len({id(p[common]) for p in paths}) > 1 else line.el
        cards.setdefault(id(key), []).append(line.text)
    return list(cards.values())


def blocks_after(lines: list[Line], labels: re.Pattern[str], limit: int = 8) -> list[str]:
    """The text blocks that follow (a list counts as one block, its items joined by '; '), up to the next
    heading (other than a label's: 'Theme') or table; a line that is only a link (a summary, a registration
    form) is not one."""
    blocks: list[str] = []
    current_list: Any = None
    for line in lines:
        if (is_heading(line) and not labels.match(line.text)) or line.in_table or len(blocks) >= limit:
            break
        if _link_only(line):
            current_list = None
            continue
        list_el = line.list_el
        if list_el is not None and list_el is current_list:
            blocks[-1] += "; " + line.text.rstrip(";")
        else:
            blocks.append(line.text.rstrip(";") if list_el is not None else line.text)
        current_list = list_el
    return blocks


def _link_only(line: Line) -> bool:
    links = squash(" ".join("".join(a.itertext()) for a in line.el.iter("a")))
    return bool(links) and links == line.text


def page_title(sel: Selector, root: Any) -> tuple[str, Any]:
    """The page's own title and its heading element: the first-level heading that the <title> begins with
    (WordPress writes 'Post – Site'), else the first one; else the <title> itself."""
    head = squash(sel.xpath("//title/text()").get())
    h1s = [(squash("".join(h.itertext())), h) for h in root.iter("h1")]
    h1s = [(t, h) for t, h in h1s if t]
    for text, h in h1s:
        if head.startswith(text):
            return text, h
    if h1s:
        return h1s[0]
    og = squash(sel.xpath("//meta[@property='og:title']/@content").get())
    return og or re.split(r"\s+[|–-]\s+(?=[^|–-]*$)", head)[0], None


def is_recording(a: Any) -> bool:
    """'Video for Session 1', 'Recording …', or a link to a video platform."""
    text = squash("".join(a.itertext())).lower()
    return text.startswith(("video", "recording", "watch the")) or bool(_VIDEO_HOST.search(a.get("href") or ""))


def is_document(href: str, text: str) -> bool:
    return bool(_DOCUMENT.search(href)) or "[pdf" in text.lower()


def _grid(table: Any) -> list[list[Any]]:
    """The table's rows as cell elements, colspans and rowspans expanded (a spanning cell in each place)."""
    return span_grid(([c for c in tr if _tag(c) in ("td", "th")]
                      for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")),
                     lambda cell, name: cell.get(name))


def _cell_lines(cell: Any, drop: list[str]) -> list[str]:
    out = []
    for line in lines_of(cell):
        text = line.text
        for d in drop:
            text = text.replace(d, "")
        text = squash(text).rstrip(";").strip()
        if text:
            out.append(text)
    return out


def agenda_tables(root: Any, url: str, kind: str) -> tuple[list[str], list[str], list[str]]:
    """(agenda lines, slide URLs, recording URLs) of every table whose header names a time column and an
    agenda column. A session row (one cell across) is a line of its own; a row reads 'time | item |
    speakers', a time cell's lines (one per day) joined by ' / '. A table headed by a time but no longer
    naming its agenda column is a layout error."""
    agenda: list[str] = []
    slides: list[str] = []
    recordings: list[str] = []
    for table in root.iter("table"):
        grid = _grid(table)
        at = next((i for i, row in enumerate(grid[:3])
                   if any(squash("".join(c.itertext())).lower().startswith("time") for c in row)), None)
        if at is None:
            continue
        header = [squash("".join(c.itertext())) for c in grid[at]]
        time_col = next(i for i, h in enumerate(header) if h.lower().startswith("time"))
        item_col = next((i for i, h in enumerate(header) if _ITEM_COLUMN.match(h)), None)
        speaker_col = next((i for i, h in enumerate(header) if _SPEAKER_COLUMN.search(h)), None)
        if item_col is None:
            raise LayoutError(url, kind, f"agenda table header changed: no agenda column in {' | '.join(header)}")
        for row in grid[at + 1:]:
            distinct = list({id(c): c for c in row}.values())
            anchors = [a for c in distinct for a in c.iter("a")]
            videos = [a for a in anchors if is_recording(a)]
            recordings += [u for u in (absolute(url, a.get("href")) for a in videos) if u]
            slides += [u for u in (absolute(url, a.get("href")) for a in anchors
                                   if a not in videos and is_document(a.get("href") or "", "".join(a.itertext())))
                       if u]
            drop = [squash("".join(a.itertext())) for a in videos]
            if len(distinct) == 1:
                text = " ".join(_cell_lines(distinct[0], drop))
                if text:
                    agenda.append(text)
                continue

            def cell(col: int | None, sep: str, row: list[Any] = row, drop: list[str] = drop) -> str:
                return sep.join(_cell_lines(row[col], drop)) if col is not None and col < len(row) else ""

            parts = [cell(time_col, " / "), cell(item_col, " ")]
            if speaker_col is not None:
                parts.append(cell(speaker_col, "; "))
            if any(parts):
                agenda.append(" | ".join(parts))
    return agenda, slides, recordings
