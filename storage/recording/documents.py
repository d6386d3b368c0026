"""Documents: a sighting becomes a new document, a metadata change or a withdrawal."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.items import DocumentItem
from core.references import Reference
from storage import changes as ck
from storage import wording as say
from storage.models import (
    Document,
    DocumentAlias,
    Sighting,
)
from storage.recording.base import RecorderBase
from storage.recording.common import (
    FILE_LANGUAGES,
    REFERENCE_BODIES,
    ROLE_KINDS,
    TRACKED_FIELDS,
    WITHDRAWN_MARKED_ON,
    _norm,
    document_key,
    sighting_fields,
)


class DocumentRecorder(RecorderBase):
    def record_document(self, item: DocumentItem) -> str | None:
        """Record a document sighting; returns its key, or None if the item has no identity."""
        identity = document_key(item)
        if identity is None:
            self.count("record/no_identity")
            return None
        key, symbol, ref = identity
        if item.symbol and symbol is None and ref is None:
            self.count("record/bad_symbol")
        self.counters.items += 1
        with self.transaction() as s:
            doc = self.find_document(s, key)
            if doc is None and symbol is not None and symbol.is_joint:
                for part in symbol.parts:
                    doc = self.find_document(s, part.text)
                    if doc:
                        break
            fields = sighting_fields(item)
            sighting = None
            if doc is None:
                doc = self._new_document(s, key, symbol, ref, item)
            else:
                sighting = s.scalar(select(Sighting).where(Sighting.document_id == doc.id,
                                                           Sighting.page_url == item.page_url))
                self._update_document(s, doc, item, fields, sighting)
            if symbol is not None:
                for alias in {symbol.text, *(p.text for p in symbol.parts)}:
                    if s.get(DocumentAlias, alias) is None:
                        s.add(DocumentAlias(alias=alias, document_id=doc.id))
            for meeting_key in item.meetings:
                meeting = self._meeting(s, meeting_key)
                if meeting not in doc.meetings:
                    doc.meetings.append(meeting)
            for agenda_ref in item.agenda_items:
                agenda = self._agenda_item(s, agenda_ref)
                if agenda not in doc.agenda_items:
                    doc.agenda_items.append(agenda)
            if item.status == "withdrawn" and doc.status != "withdrawn":
                doc.status = "withdrawn"
                doc.details = {**(doc.details or {}), WITHDRAWN_MARKED_ON: item.page_url}
                self._change(s, ck.DOCUMENT_WITHDRAWN, (doc.key,), say.describe(doc), say.document_withdrawn(doc),
                             document_id=doc.id)
            self._note_file_languages(doc, item)
            self._sighting(s, doc, item, fields, sighting)
            return doc.key

    def _note_file_languages(self, doc: Document, item: DocumentItem) -> None:
        """Remember in which run each language's file link was first listed: a file whose link was
        listed when the document first appeared belongs to that arrival, however late its bytes come."""
        known = dict((doc.details or {}).get(FILE_LANGUAGES) or {})
        new = {f.language: self.run_id for f in item.files if f.language not in known}
        if new:
            doc.details = {**(doc.details or {}), FILE_LANGUAGES: {**known, **new}}

    def _new_document(self, s: Session, key: str, symbol: Any, ref: Reference | None,
                      item: DocumentItem) -> Document:
        now = self.now()
        text: str | None
        family: str | None
        body: str | None
        parts: dict[str, Any] | None
        if symbol is not None:
            text, parts, family, body = symbol.text, symbol.to_dict(), symbol.family, "/".join(symbol.bodies)
        elif ref is not None:
            parts = {"reference": ref.text, "scheme": ref.scheme, "meeting": ref.meeting_key, "part": ref.part,
                     "annex": ref.annex, "kind": ref.kind, "role": ref.role}
            text, family, body = ref.text, ref.text, REFERENCE_BODIES[ref.scheme]
        else:
            text, parts, family = _norm(item.symbol) or None, None, None
            body = item.meetings[0].split("-")[0].upper() if item.meetings else None
        doc = Document(
            key=key, symbol=text, symbol_parts=parts, family=family,
            relation=symbol.relation if symbol else None, parent_symbol=symbol.parent if symbol else None,
            title=_norm(item.title), doc_type=_norm(item.doc_type), body=body,
            publication_date=item.publication_date, version_label=item.version,
            role=item.role or (ref.role if ref else None), status="current", url=item.url, details=item.details,
            first_seen_at=now, first_run_id=self.run_id, last_seen_at=now,
            meetings=[], agenda_items=[],  # known empty: no query to load them
        )
        s.add(doc)
        s.flush()
        relation = symbol.relation if symbol else None
        parent = self.find_document(s, symbol.parent) if symbol and symbol.parent else None
        if relation in ("revision", "iteration") and parent is not None and parent.status == "current":
            parent.status = "superseded"
        meeting_key = item.meetings[0] if item.meetings else None
        if meeting_key:
            self._meeting(s, meeting_key)
        label = ROLE_KINDS.get(doc.role or "", ck.RELATION_KINDS[relation])
        self._change(s, label, (doc.key,), say.describe(doc), say.document_new(doc, label, meeting_key),
                     document_id=doc.id, meeting_key=meeting_key,
                     details={"parent": symbol.parent if symbol else None, "version": item.version})
        return doc

    def _update_document(self, s: Session, doc: Document, item: DocumentItem, fields: dict[str, Any],
                         sighting: Sighting | None) -> None:
        doc.last_seen_at = self.now()
        doc.title = doc.title or fields["title"]
        doc.doc_type = doc.doc_type or fields["doc_type"]
        doc.publication_date = doc.publication_date or item.publication_date
        doc.url = doc.url or item.url
        if item.details:
            doc.details = {**(doc.details or {}), **item.details}
        if doc.status == "withdrawn" and item.status != "withdrawn":
            # A withdrawal the document's own page declared is undone only by that page; a listing that
            # still shows the document (seen before or after, in whatever order a crawl takes) is not news.
            marked_on = (doc.details or {}).get(WITHDRAWN_MARKED_ON)
            if marked_on is None or marked_on == item.page_url:
                doc.status = "current"
                doc.details = {k: v for k, v in (doc.details or {}).items() if k != WITHDRAWN_MARKED_ON}
        if sighting is None:
            return
        old = sighting.fields or {}
        reissued = self._version_change(s, doc, item, old.get("version"))
        changed = [f for f in TRACKED_FIELDS if f in old and fields.get(f) and old.get(f) != fields.get(f)
                   and not (reissued and f == "publication_date")]  # a new iteration's date is part of it
        if not changed:
            return
        for name in changed:
            if name == "publication_date":
                doc.publication_date = item.publication_date
            elif name in ("title", "doc_type"):
                setattr(doc, name, fields[name])
        self._change(s, ck.DOCUMENT_METADATA, (doc.key, item.page_url, *(repr(fields[n]) for n in changed)),
                     say.describe(doc), say.metadata_changed(doc, [(n, old.get(n), fields.get(n)) for n in changed]),
                     document_id=doc.id, details={"fields": changed, "page": item.page_url})

    def _version_change(self, s: Session, doc: Document, item: DocumentItem, before: str | None) -> bool:
        """A standard re-issued (v01.0 -> v01.1) or a new in-meeting iteration: one change naming both."""
        if not item.version or not before or item.version == before:
            return False
        doc.version_label = item.version
        doc.publication_date = item.publication_date or doc.publication_date
        meeting_key = item.meetings[0] if item.meetings else None
        if doc.role == "in_meeting":
            summary = say.iteration_new(doc.title, meeting_key, before, item.version)
        else:
            summary = say.version_reissued(doc, before, item.version)
        self._change(s, ck.DOCUMENT_UPDATED, (doc.key, "version", item.version), say.describe(doc), summary,
                     document_id=doc.id, meeting_key=meeting_key,
                     details={"previous_version": before, "version": item.version})
        return True

    def _sighting(self, s: Session, doc: Document, item: DocumentItem, fields: dict[str, Any],
                  sighting: Sighting | None) -> None:
        """The page's sighting of the document (``sighting``: the one looked up for it, None for a new one)."""
        now = self.now()
        if sighting is None:
            s.add(Sighting(document_id=doc.id, source_id=self.source_id, page_url=item.page_url,
                           page_kind=item.page_kind, fields=fields, first_seen_at=now, last_seen_at=now,
                           last_run_id=self.run_id, missed_runs=0))
        else:
            merged = dict(sighting.fields or {})
            merged.update({k: v for k, v in fields.items() if v})
            sighting.fields = merged
            sighting.last_seen_at = now
            sighting.last_run_id = self.run_id
            sighting.missed_runs = 0
