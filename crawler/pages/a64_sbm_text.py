"""Reading Article 6.4 Supervisory Body pages by meaning (helpers of crawler/pages/a64_sbm.py).

The pages are written in an editor: the same agenda is printed as h3/h4 headings on one page, as bold
paragraphs on another, a sub-item sometimes after its item on a ``<br>`` line; a document is a link on
the whole line or only on its reference, followed by the title. So a page is read as the lines a reader
sees (``read_lines``: block elements and ``<br>`` end a line; navigation, scripts and forms are not
read), each line with its links, and the lines are recognised by their words and their grammar:
agenda items ('1.1 Opening', '2 (a) …'), document references ('A6.4-SBM013-AA-A05 – Draft procedure: …'),
labels ('Date:', 'Place:', 'Date and venue:'), iteration stamps ('(Version 13 February 2025 @09:30)'),
deadlines ('open until 8 July 2024', 'For annex 12, the deadline for input is 10 July 2024'). Tables are
found by the words of their header cells, wherever the columns are."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from parsel import Selector

from core.references import Reference, find_reference, split_own_version
from core.when import first_date, parse_date, parse_date_range, parse_times
from crawler.pages.common import squash, text_of

_BLOCK = frozenset(
    "address article aside blockquote caption dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary table tbody td tfoot th thead tr ul".split())
_SKIP = frozenset("head script style noscript template nav select option svg iframe".split())
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


@dataclass
class Link:
    href: str
    text: str
    start: int  # where the link's text starts in its line's text


@dataclass
class Line:
    text: str
    links: list[Link] = field(default_factory=list)
    level: int = 0  # 1-6 inside a heading
    bold: bool = False  # all of its text is bold

    @property
    def heading(self) -> bool:
        return self.level > 0 or self.bold


class _Reader:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.raw = ""
        self.links: list[tuple[str, int, int]] = []  # (href, start, end) in raw
        self.level = 0
        self.bold_chars = 0

    def add(self, text: str, bold: bool, level: int) -> None:
        if not self.raw.strip():
            self.level = level
        self.raw += text
        if bold:
            self.bold_chars += len(re.sub(r"\s", "", text))

    def flush(self) -> None:
        text = squash(self.raw)
        if text:
            def at(pos: int) -> int:
                head = self.raw[:pos]
                return len(squash(head)) + (1 if head.strip() and head[-1:].isspace() else 0)
            links = [Link(href, squash(self.raw[s:e]), at(s)) for href, s, e in self.links]
            total = len(re.sub(r"\s", "", text))
            self.lines.append(Line(text, links, self.level, 0 < total <= self.bold_chars))
        self.raw, self.links, self.level, self.bold_chars = "", [], 0, 0

    def walk(self, el: object, bold: bool, level: int) -> None:
        tag = getattr(el, "tag", None)
        if not isinstance(tag, str):
            return  # a comment or a processing instruction: its tail is read by the parent
        tag = tag.lower()
        if tag in _SKIP:
            return
        block = tag in _BLOCK or tag == "br"
        if block:
            self.flush()
        bold = bold or tag in ("strong", "b")
        level = _HEADINGS.get(tag, level)
        href = el.get("href") if tag == "a" else None  # type: ignore[attr-defined]
        lines_before, start = len(self.lines), len(self.raw)
        if el.text:  # type: ignore[attr-defined]
            self.add(el.text, bold, level)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            self.walk(child, bold, level)
            if child.tail:
                self.add(child.tail, bold, level)
        if href and href.strip():
            self.links.append((href.strip(), start if len(self.lines) == lines_before else 0, len(self.raw)))
        if block:
            self.flush()


def read_lines(sel: Selector) -> list[Line]:
    """The lines a reader sees in this part of a page, in order."""
    reader = _Reader()
    reader.walk(sel.root, False, 0)
    reader.flush()
    return reader.lines


# --- agenda items, labels, meeting numbers ------------------------------------------------------------

_AGENDA = re.compile(r"^(?:agenda item\s+)?(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s*\(([a-z])\))?\.?\s*(?:[-–:]\s*)?\s"
                     r"(?=[A-Za-z\"'“‘])(.{2,250})$", re.I)


def agenda_item(line: Line) -> tuple[str, str] | None:
    """('1.1', 'Opening') for '1.1. Opening'; ('2 (a)', 'Title') for '2 (a) Title'; None for other lines
    (a date such as '30 Oct. - 02 Nov. 2023' is not an agenda item)."""
    m = _AGENDA.match(line.text)
    if not m or first_date(line.text) or find_reference(line.text):
        return None
    number = m.group(1) + (f" ({m.group(2).lower()})" if m.group(2) else "")
    return number, m.group(3).strip()


_LABEL = re.compile(r"^(date and venue|dates?|time|venue|place|location|address)\s*:\s*(.*)$", re.I)


def label(text: str) -> tuple[str, str] | None:
    """('date', '11 to 14 February 2025') for 'Date: 11 to 14 February 2025'."""
    m = _LABEL.match(text)
    return (m.group(1).lower(), m.group(2).strip()) if m else None


def after_dates(text: str) -> str | None:
    """What follows the last year of a 'Date and venue' text: '15 - 18 Jul. 2024, Bonn, Germany' -> 'Bonn, Germany'."""
    years = list(re.finditer(r"(?<![\d:])(?:19|20)\d\d(?![\d:])", text))
    if not years:
        return None
    rest = re.sub(r"\([^)]*\)", " ", text[years[-1].end():])
    rest = squash(rest).strip(" ,;:–—-")
    return rest if re.search(r"[A-Za-z]", rest) else None


_UNITS = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth".split(), 1)}
_TEENS = {w: i for i, w in enumerate("tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
                                     "eighteenth nineteenth".split(), 10)}
_TENS = {w: i * 10 for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_TENTHS = {w: i * 10 for i, w in enumerate("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth "
                                           "ninetieth".split(), 2)}


def meeting_number(text: str) -> int | None:
    """The meeting a text names: '(SBM 013)', 'SBM013', '13th meeting', 'thirteenth meeting',
    'twenty-first meeting'."""
    m = re.search(r"\b(?:SBM?)\s?(\d{3})\b", text)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\s+meeting\b", text, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(?:([a-z]+)[- ])?([a-z]+)\s+meeting\b", text, re.I)
    if m:
        tens, word = (m.group(1) or "").lower(), m.group(2).lower()
        if word in _UNITS:
            return _TENS.get(tens, 0) + _UNITS[word]
        if word in _TEENS or word in _TENTHS:
            return _TEENS.get(word) or _TENTHS[word]
    return None


# --- documents ------------------------------------------------------------------------------------

_RECORDING = re.compile(r"\b(?:video|webcast|recording|broadcast|playlists?)\b", re.I)
_RECORDING_HOST = re.compile(r"//(?:www\.)?(?:youtube\.com|youtu\.be|vimeo\.com|[^/]*webtv[^/]*)/", re.I)


def is_recording(link: Link) -> bool:
    """'Video …', 'Advanced video presentation', a webcast or a video host: a recording, not a document file."""
    return bool(_RECORDING.search(link.text) or _RECORDING_HOST.search(link.href))


@dataclass
class Found:
    """A document a line names: its reference, title, version, file link and recording link."""

    ref: Reference
    title: str | None
    version: str | None
    file: Link | None
    recording: Link | None


def documents_in(line: Line) -> list[Found]:
    """Each document a line names: one that starts the line, and one at each link that starts with a
    reference (two documents written on one line). A reference inside a title ('Clarification:
    Applicability of A6.4-AMM-001 …') is part of the title."""
    starts = sorted({0} | {link.start for link in line.links if find_reference(link.text)})
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(line.text)
        found = find_reference(line.text[start:end])
        if found is None:
            continue
        ref, rest = found
        links = [link for link in line.links if start <= link.start < end]
        recordings = [link for link in links if is_recording(link)]
        files = [link for link in links if link not in recordings and not link.href.lower().startswith("mailto:")]
        for link in links:
            if not files or link is not files[0]:  # '[Advanced video presentation]' is not in the title
                rest = rest.replace(f"[{link.text}]", " ")
        title, version = split_own_version(squash(rest).strip(" ,;–-"))
        out.append(Found(ref, title or None, version, files[0] if files else None,
                         recordings[0] if recordings else None))
    return out


# --- in-meeting iterations ------------------------------------------------------------------------

_STAMP = re.compile(r"\(\s*(?:version|v\.?)\s+([^()]*)\)", re.I)


def iterations(text: str) -> list[tuple[int, int, str, date, str]]:
    """Each '<title> (Version 13 February 2025 @09:30)' in a text: (start, end, title, day, 'HH:MM')."""
    out = []
    start = 0
    for m in _STAMP.finditer(text):
        day, times = parse_date(m.group(1)), parse_times(m.group(1))
        if day is None or times is None:
            continue
        title = squash(text[start:m.start()]).strip(" ,;:–-")
        out.append((start, m.end(), title, day, f"{times.start:%H:%M}"))
        start = m.end()
    return out


# --- tables, meeting headers, deadlines --------------------------------------------------------------

def columns(table: Selector, wanted: dict[str, Callable[[str], bool]],
            required: tuple[str, ...]) -> tuple[dict[str, int], list[Selector]] | None:
    """The columns of a table found by their header words, wherever they are, and its body rows."""
    rows = table.xpath("./thead/tr | ./tbody/tr | ./tr | ./tfoot/tr")
    for i, row in enumerate(rows[:3]):
        texts = [text_of(c).lower() for c in row.xpath("./th | ./td")]
        cols: dict[str, int] = {}
        for name, test in wanted.items():
            index = next((j for j, t in enumerate(texts) if test(t) and j not in cols.values()), None)
            if index is not None:
                cols[name] = index
        if all(name in cols for name in required):
            return cols, [r for r in rows[i + 1:] if r.xpath("./td")]
    return None


def read_header(lines: list[Line], at: int) -> tuple[dict[str, str | None], set[int]]:
    """Dates, time, venue and address after the title, labelled ('Date:', 'Date and venue:') or not;
    the header ends where it repeats or where the content starts. With the lines it used."""
    title, before = lines[at].text, lines[at - 1].text if at else None
    out: dict[str, str | None] = {}
    used = {at}
    for i in range(at + 1, min(at + 12, len(lines))):
        line = lines[i]
        text = line.text
        if text in (title, before) or agenda_item(line) or find_reference(text) or \
                re.search(r"agenda|document|report|webcast|consideration", text, re.I):
            break
        labelled = label(text)
        if labelled:
            name, value = labelled
            if name.startswith("date"):
                out["when"] = value
                if "venue" in name and after_dates(value):
                    out["venue"] = after_dates(value)
            else:
                out["time" if name == "time" else "venue" if "address" not in name else "address"] = value
        elif "when" not in out:
            if parse_date_range(text)[0]:
                out["when"] = text
            elif parse_times(text):
                out["time"] = text
            else:
                continue
        elif "time" not in out and parse_times(text) and not first_date(text):
            out["time"] = text
        elif line.links:
            break
        elif first_date(text) or re.match(r"^[^:]{2,40}:\s", text):
            continue  # a detail the header also gives ('Observer registration deadline: …'): not the venue
        elif "venue" not in out:
            out["venue"] = text
        elif "address" not in out:
            out["address"] = text
        else:
            break
        used.add(i)
    for i in range(at - 1, max(at - 4, -1), -1):  # a date printed above the title
        if "when" not in out and parse_date_range(lines[i].text)[0]:
            out["when"] = lines[i].text
            used.add(i)
    return out, used


CUES = (re.compile(r"\b(?:until|deadline|due|no later than|closes?|closing|extended to)\b", re.I),
        re.compile(r"\b(?:by|before)\b", re.I))  # the second only when the first finds nothing
ANNEX = re.compile(r"\bannex(?:es)?\s+\d+(?:\s*(?:,|and|&|to)\s*(?:annex(?:es)?\s+)?\d+)*", re.I)


def deadline_in(sentence: str, after_deadline_words: bool) -> tuple[date, bool] | None:
    """The date a sentence sets as a deadline, and whether a strong word says so: the first date within a
    few words after 'until', 'deadline', 'due' … (else after 'by', 'before'); any date when the sentence
    follows a line announcing deadlines ('… the deadline for input on the following annexes:')."""
    for strong, cues in zip((True, False), CUES, strict=True):
        for cue in cues.finditer(sentence):
            due = first_date(sentence[cue.end(): cue.end() + 60])
            if due:
                return due, strong
    due = first_date(sentence) if after_deadline_words else None
    return (due, True) if due else None
