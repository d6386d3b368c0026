"""Each observation is recorded in one transaction: a crash half-way through a file or a page leaves none
of it, so the next run, which finds no validator for it, fetches it again and records the change then.
No change is lost to a fault between the parts of one observation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.items import PageReport
from storage.models import Change, DocumentFile, HttpValidator, PageVisit
from storage.recorder import Recorder
from tests.test_recorder import doc, run, stored

FILE = "https://unfccc.int/sites/default/files/resource/a.pdf"
LISTING = "https://unfccc.int/documents?page=1"


class Crash(Exception):
    pass


def test_a_crash_between_a_files_version_and_its_validator_loses_no_change(catalog, clock, monkeypatch):
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"), stored("FCCC/SBSTA/2026/1", "a", text="first text"))
    rec = Recorder(catalog, "unfccc_documents", "UNFCCC session documents", clock)
    new_version = stored("FCCC/SBSTA/2026/1", "b", text="second text")
    new_version.etag = '"v2"'

    def crash(*_args, **_kwargs):
        raise Crash("the disk filled up after the version was written")

    monkeypatch.setattr(rec, "record_validator", crash)
    with pytest.raises(Crash):
        rec.observe(new_version)
    rec.finish("failed", {}, message="crashed")
    with catalog.session() as s:  # none of the observation was kept: no version, no change, no validator
        assert s.scalar(select(DocumentFile.id).where(DocumentFile.sha256 == "b" * 64)) is None
        assert s.scalars(select(Change.kind).where(Change.run_id == rec.run_id)).all() == []
        assert s.get(HttpValidator, FILE) is None  # so the next run asks for the file unconditionally
    clock.advance(3600)
    assert ("document.updated", "FCCC/SBSTA/2026/1") in run(catalog, clock, doc("FCCC/SBSTA/2026/1"), new_version)
    with catalog.session() as s:
        assert s.get(HttpValidator, FILE).etag == '"v2"'


def test_a_crash_between_a_pages_validator_and_its_visit_keeps_neither(catalog, clock, monkeypatch):
    rec = Recorder(catalog, "unfccc_documents", "UNFCCC session documents", clock)
    report = PageReport("unfccc_documents", LISTING, "listing", items=5, complete_listing=True, etag='"p1"',
                        sha256="c" * 64, storage_path="files/cc/" + "c" * 64)

    def crash(*_args, **_kwargs):
        raise Crash("killed")

    monkeypatch.setattr(rec, "record_page", crash)
    with pytest.raises(Crash):
        rec.observe(report)
    with catalog.session() as s:  # the page is fetched whole again, and read for removals, next time
        assert s.get(HttpValidator, LISTING) is None
        assert s.scalars(select(PageVisit.page_url)).all() == []
