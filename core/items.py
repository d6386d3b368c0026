"""What parsers yield: plain dataclasses that know nothing of Scrapy, storage or time."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from core.meetings import display_code
from core.references import Reference, find_reference
from core.symbols import Symbol, try_parse_symbol


@dataclass
class FileLink:
    language: str  # ISO 639-1 code of a UN language: en, fr, es, ar, zh, ru
    url: str
    label: str = ""  # e.g. "English PDF 0.55 MB"
    size_text: str = ""  # e.g. "0.55 MB"


@dataclass
class AgendaRef:
    meeting_key: str  # e.g. "sbsta-64"
    number: str  # e.g. "4 (a)", "15 (a)", "3"
    title: str = ""


@dataclass(frozen=True)
class Identity:
    """A document's identifiers, as value types: the catalog key, the parsed symbol, the reference."""

    key: str | None
    symbol: Symbol | None
    reference: Reference | None


@dataclass
class DocumentItem:
    source: str
    page_url: str
    page_kind: str
    symbol: str | None = None
    title: str | None = None
    doc_type: str | None = None
    publication_date: date | None = None
    url: str | None = None  # the document's own page (canonical), if any
    files: list[FileLink] = field(default_factory=list)
    meetings: list[str] = field(default_factory=list)
    agenda_items: list[AgendaRef] = field(default_factory=list)
    status: str | None = None  # "withdrawn" when the page says so explicitly
    details: dict[str, Any] = field(default_factory=dict)
    version: str | None = None  # e.g. "01.1", or an iteration stamp "20 May 2026 @20:00"
    role: str | None = None  # agenda, annotated_agenda, annex, report, report_annex, in_meeting, regulatory

    def identity(self) -> Identity:
        """Its symbol and reference, parsed once per value (the spider, the walk and the recorder all
        ask; a normalisation that changes the symbol parses it again)."""
        cached = self.__dict__.get("_identity")
        if cached is not None and cached[0] == (self.symbol, self.url):
            return cached[1]
        symbol = try_parse_symbol(self.symbol)
        found = find_reference(self.symbol or "")
        reference = found[0] if found is not None and not found[1] else None
        key = symbol.text if symbol is not None else reference.text if reference is not None else self.url
        identity = Identity(key, symbol, reference)
        self.__dict__["_identity"] = ((self.symbol, self.url), identity)
        return identity

    def key(self) -> str | None:
        """The document's identity: its normalised symbol or reference, else its own page's URL."""
        return self.identity().key


@dataclass
class MeetingItem:
    source: str
    page_url: str
    key: str  # e.g. "sbsta-64"
    body: str  # e.g. "SBSTA"
    number: int
    title: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    venue: str | None = None
    conference: str | None = None  # e.g. "Bonn Climate Change Conference - June 2026"
    status: str | None = None  # tentative, confirmed, cancelled, postponed (as the page says)
    agenda: list[AgendaRef] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # time, webcast, observer registration …
    listing: bool = False  # seen on a list of meetings (vanishing from it before the date is news)

    @property
    def code(self) -> str:
        return display_code(self.body, self.number)


@dataclass
class DeadlineItem:
    """A call for input or an observer registration deadline."""

    source: str
    page_url: str
    key: str  # stable: the page URL, plus "#<what>" for a second deadline on the page
    kind: str  # call_for_input, observer_registration
    title: str
    due_date: date | None
    meeting_key: str | None = None


@dataclass
class RecordItem:
    """One row of a monitored table (an agreement, a report, a registry entry, an event), keyed by the
    table's natural key so that an edited title reads as "changed", never as "removed + added"."""

    source: str
    page_url: str
    table: str  # e.g. "carp_reports", "singapore_ias", "a6_pipeline_bilateral", "cdm_vc_attest"
    key: str  # natural key within the table, e.g. "Singapore|Thailand|2025-08-19"
    label: str  # what a row is, for summaries: "implementation agreement", "initial report"
    title: str  # how a row is named in summaries: "Singapore – Thailand"
    fields: dict[str, Any] = field(default_factory=dict)
    when: str | None = None  # the row's main date as text, for the "added" summary ("signed 19 Aug 2025")
    url: str | None = None


@dataclass
class Follow:
    url: str
    kind: str | None = None  # page kind, when the parser knows it


@dataclass
class Page:
    """A parsed page: the items it holds and the links worth following."""

    url: str
    kind: str
    items: list[DocumentItem | MeetingItem | DeadlineItem | RecordItem] = field(default_factory=list)
    follow: list[Follow] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    complete_listing: bool = False  # True if the page lists documents whose absence means removal


def to_jsonable(obj: Any) -> Any:
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if hasattr(obj, "__dataclass_fields__"):
        out = {"item": type(obj).__name__, **asdict(obj)}
        return to_jsonable(out)
    return obj


# The start of an extraction error that is not surely the file's fault (its worker crashed): the
# recorder keeps no validator for such a file, so it is read again next run.
RETRY_NEXT_RUN = "killed: the extraction worker crashed"


@dataclass
class FetchedFile:
    """A document file as fetched (or imported), before it is stored and extracted."""

    document_key: str
    language: str
    url: str
    body: bytes
    media_type: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class PageReport:
    """What the spider tells the catalog about a page: parsed (with how many items) or broken."""

    source: str
    url: str
    kind: str
    items: int = 0
    complete_listing: bool = False
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body: bytes | None = None  # kept when the page carries validators, to re-parse it after a 304
    not_modified: bool = False
    sha256: str | None = None  # the body, once stored by sha256 (pipelines/store_file.py)
    storage_path: str | None = None


@dataclass
class FileMissing:
    """A document's file that answered 404 or 410: recorded on its document, not a failed run."""

    document_key: str
    language: str
    url: str
    status: int


@dataclass
class FileNotModified:
    """A file that answered 304: nothing downloaded, nothing extracted; its version was seen again."""

    document_key: str
    language: str
    url: str
