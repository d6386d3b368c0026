"""How a change reads: every sentence a reader sees in feeds, digests and packs is written here.

The recorder (``storage.recording``) decides *whether* something changed and *what kind* of change it
is; this module decides *how it reads*: the subject that names what changed and the one-line summary.
Each function is pure — plain values (or a Document row) in, the sentence out — so the rules can be
tested apart from the sentences, and the sentences apart from a catalog.

The sentences are part of the record: a change's stable id does not depend on them, but feeds, digests
and tests quote them, so a change of wording here is a visible change for every reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from core.meetings import code_of_key
from storage import changes as ck
from storage.models import Document

ROLE_WORDS = {ck.MEETING_AGENDA: "agenda published", ck.MEETING_ANNOTATIONS: "annotated agenda published",
              ck.MEETING_REPORT: "meeting report published"}
RELATION_VERBS = {ck.DOCUMENT_REVISED: "revises", ck.DOCUMENT_CORRECTED: "corrects", ck.DOCUMENT_ADDENDUM: "adds to"}
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh": "Chinese",
                  "ru": "Russian"}

# how a new file replaced the one before (the recorder judges it, this says it)
ADVANCE_REPLACED = "advance"
SAME_URL = "same_url"
REPLACED_WORDS = {ADVANCE_REPLACED: "advance version replaced by the final text",
                  SAME_URL: "file replaced under the same URL"}
WATCH_QUOTE = 400  # characters of a watchlist sentence quoted in its alert


# -- the small words ------------------------------------------------------------------------------
def describe(doc: Document) -> str:
    """A document's name in a sentence (and the subject of its changes): its symbol, else title, else key."""
    return doc.symbol or doc.title or doc.key


def day(value: date) -> str:
    """'05 Mar 2026'."""
    return value.strftime("%d %b %Y")


def due(value: date | None) -> str:
    return day(value) if value else "no date given"


def field_label(field_name: str) -> str:
    """'publication_date' -> 'Publication date'."""
    return field_name.replace("_", " ").capitalize()


def show(value: Any) -> str:
    if value in (None, "", []):
        return "(none)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def size(n: int | None) -> str:
    n = n or 0
    return f"{n / 1_000_000:.2f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"


def _code(meeting_key: str | None) -> str:
    return code_of_key(meeting_key) if meeting_key else ""


def _aside(text: str) -> str:
    """' (text)', or nothing for no text."""
    return f" ({text})" if text else ""


def _when(start: date | None, end: date | None, venue: str | None) -> str:
    return f"{start or '?'} to {end or '?'}, {venue or 'venue not given'}"


# -- documents ------------------------------------------------------------------------------------
def document_new(doc: Document, kind: str, meeting_key: str | None) -> str:
    """A document's first appearance: new, a Rev/Corr/Add of its parent, a meeting's agenda or report,
    an annex or an in-meeting document."""
    name, title = describe(doc), doc.title or ""
    version = _aside(f"version {doc.version_label}" if doc.version_label else "")
    meta = ", ".join(x for x in (doc.doc_type, doc.publication_date and day(doc.publication_date)) if x)
    if kind in ROLE_WORDS:
        return f"{_code(meeting_key)}: {ROLE_WORDS[kind]} — {name}: {title}{version}"
    if kind != ck.DOCUMENT_NEW:
        return f"{name} {RELATION_VERBS[kind]} {doc.parent_symbol}: {title}{_aside(meta)}"
    if doc.role == "annex":
        return f"New annex for {_code(meeting_key)}: {name} — {title}{version}"
    if doc.role == "in_meeting":
        return f"New in-meeting document for {_code(meeting_key)}: {title} (version {doc.version_label})"
    if not doc.symbol:
        return f"New document: {doc.title or doc.key}{_aside(meta)}"
    return f"New document {name}: {title}{_aside(meta)}{version}"


def document_withdrawn(doc: Document) -> str:
    """The document's own page marks it withdrawn."""
    return f"{describe(doc)} withdrawn (the page marks it withdrawn): {doc.title or ''}"


def document_unlisted(doc: Document, page_url: str, runs: int) -> str:
    """A listing stopped showing the document for ``runs`` complete runs."""
    return f"{describe(doc)} withdrawn: no longer listed on {page_url} ({runs} complete runs): {doc.title or ''}"


def metadata_changed(doc: Document, fields: Iterable[tuple[str, Any, Any]]) -> str:
    """Fields a page now words differently: (field name, before, after) each."""
    parts = [f"{name.replace('_', ' ')}: {before!r} → {after!r}" for name, before, after in fields]
    return f"{describe(doc)} details changed — " + "; ".join(parts)


def version_reissued(doc: Document, before: str, after: str) -> str:
    """A standard re-issued under a new version label (v01.0 -> v01.1)."""
    return f"{describe(doc)} re-issued: version {before} → {after}: {doc.title or ''}"


def iteration_new(title: str | None, meeting_key: str | None, before: str, after: str) -> str:
    """A new iteration of an in-meeting document."""
    return f"New iteration of {title} ({_code(meeting_key)}): version {before} → {after}"


def with_comparison(summary: str, headline: str) -> str:
    """A Rev's alert with its comparison against what it revises appended."""
    return f"{summary} — {headline}"


# -- files ----------------------------------------------------------------------------------------
def file_new_version(doc: Document, language: str, pages: tuple[int | None, int | None],
                     sizes: tuple[int | None, int | None], replaced: str | None, headline: str | None) -> str:
    """A new file content for a language: pages and size before → after, how it was replaced (one of
    REPLACED_WORDS, or None) and the comparison's headline (None without a comparison)."""
    notes = []
    if pages[0] != pages[1]:
        notes.append(f"{pages[0] or '?'} → {pages[1] or '?'} pages")
    notes.append(f"{size(sizes[0])} → {size(sizes[1])}")
    if replaced is not None:
        notes.append(REPLACED_WORDS[replaced])
    if headline is not None:
        notes.append(headline)
    return f"New version of {describe(doc)} ({language}): " + "; ".join(notes)


def language_added(doc: Document, language: str) -> str:
    return f"{describe(doc)} is now available in {LANGUAGE_NAMES.get(language, language)}: {doc.title or ''}"


def watch_hit(watchlist: str, doc: Document, language: str, page: int | None, sentence: str) -> str:
    """A sentence new to the document's family matched a watchlist: quoted, up to WATCH_QUOTE characters."""
    return f"{watchlist}: {describe(doc)} ({language}) p. {page}: “{sentence[:WATCH_QUOTE]}”"


# -- meetings and deadlines -----------------------------------------------------------------------
def meeting_scheduled(code: str, start: date | None, end: date | None, venue: str | None) -> str:
    return f"{code} scheduled: {_when(start, end, venue)}"


def meeting_moved(code: str, before: tuple[date | None, date | None, str | None],
                  start: date | None, end: date | None, venue: str | None) -> str:
    """Dates or venue changed: ``before`` is (start, end, venue) as they were."""
    return f"{code} moved: was {before[0]} to {before[1]}, {before[2]}; now {_when(start, end, venue)}"


def meeting_status(code: str, status: str, start: date | None, end: date | None, venue: str | None) -> str:
    """Cancelled or postponed, with when and where it was to be."""
    return f"{code} {status} (was {_when(start, end, venue)})"


def meeting_unlisted(code: str, page_url: str | None, start: date | None) -> str:
    """An upcoming meeting its listing no longer shows."""
    return f"{code} no longer listed on {page_url} before its date ({start or 'no date'}): cancelled or postponed"


def deadline_set(title: str, kind: str, due_date: date | None) -> str:
    """A new deadline; a call for input is opened rather than set."""
    verb = "opened" if kind == "call_for_input" else "set"
    return f"{title}: {verb}, due {due(due_date)}"


def deadline_changed(title: str, previous: date | None, due_date: date) -> str:
    return f"{title}: deadline moved from {previous} to {due_date}"


# -- table rows -----------------------------------------------------------------------------------
def record_added(label: str, title: str, when: str | None) -> str:
    """A row new (or back) in a monitored table: 'New {label}: {title}, {when}'."""
    return f"New {label}: {title}" + (f", {when}" if when else "")


def record_changed(title: str, before: Mapping[str, Any], after: Mapping[str, Any], names: Iterable[str]) -> str:
    """One part per changed field, in the order given."""
    return "; ".join(f"{field_label(k)} changed: {title}, {show(before.get(k))} → {show(after.get(k))}"
                     for k in names)


def record_removed(label: str, title: str | None, page_url: str | None) -> str:
    return f"Removed {label}: {title} (no longer on {page_url})"


# -- sources and runs -----------------------------------------------------------------------------
def source_broken(source_id: str, error: str) -> str:
    return f"Source {source_id} broken: {error}"


def file_missing(name: str, language: str, status: int, url: str) -> str:
    lang = LANGUAGE_NAMES.get(language, language)
    return (f"The {lang} file of {name} is gone from the site (HTTP {status}): {url}; the last version "
            "fetched stays in the archive")


def page_shrank(source_id: str, page_url: str, items: int, usual: float) -> str:
    return (f"Source {source_id}: {page_url} listed {items} item(s), far fewer than its usual {usual:g}; "
            "nothing was judged removed from it (a changed page read in part?)")


def baseline(source_title: str, documents: int, files: int, rows: int) -> str:
    """A source's first complete run, summed up (table rows only when it has any)."""
    counted = f"{documents} documents, {files} files" + (f", {rows} table rows" if rows else "")
    return f"Baseline: {counted} recorded for {source_title}"
