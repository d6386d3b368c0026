"""End to end: the real spider, pipelines and catalog against the local sample site (no network)."""

from __future__ import annotations

import feedparser
import pytest
from sqlalchemy import select

from feeds.build import build_feeds
from sample_site.build import build_site
from sample_site.common import RESOURCE
from sample_site.server import SampleServer
from sample_site.unfccc_documents import EXPECTED_STATE2 as EXPECTED_STATE2_CHANGES
from storage.db import Catalog
from storage.models import Change, CrawlRun, Document, DocumentFile
from tests.crawling import crawl, last_run
from tests.databases import database_url_for
from tests.pdfs import runaway_pdf, text_pdf

pytestmark = pytest.mark.slow
STATE1, STATE2, LATER = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z", "2026-06-05T12:00:00Z"


@pytest.fixture
def server():
    with SampleServer(build_site(1)) as srv:
        yield srv


@pytest.fixture
def baseline(tmp_path, server):
    assert crawl(tmp_path, server.url, STATE1) == 0
    run, changes = last_run(tmp_path)
    assert run.status == "complete" and changes == [("baseline", "UNFCCC session documents (unfccc.int)")]
    server.set_site(build_site(2))
    return tmp_path


def _catalog(data_dir):
    return Catalog(database_url_for(data_dir))


def test_state2_yields_exactly_the_expected_changes_and_a_recrawl_none(baseline, server):
    assert crawl(baseline, server.url, STATE2) == 0
    run, changes = last_run(baseline)
    assert run.status == "complete"
    assert changes == EXPECTED_STATE2_CHANGES
    assert crawl(baseline, server.url, LATER) == 0
    run, changes = last_run(baseline)
    assert run.status == "complete" and changes == []

    catalog = _catalog(baseline)
    first = build_feeds(catalog, baseline / "feeds", "http://127.0.0.1:8765/")
    ids_first = {p.name: [e.id for e in feedparser.parse(p).entries] for p in first}
    second = build_feeds(catalog, baseline / "feeds", "http://127.0.0.1:8765/")
    for path in second:
        parsed = feedparser.parse(path)
        assert not parsed.bozo, (path, parsed.bozo_exception)
        assert [e.id for e in parsed.entries] == ids_first[path.name]
    atom = feedparser.parse(baseline / "feeds" / "all.atom")
    assert len(atom.entries) == 1 + len(EXPECTED_STATE2_CHANGES)  # the baseline summary + the changes
    updated = [e for e in atom.entries if "FCCC/SBSTA/2026/3" in e.title][0]
    rels = [(link.rel, link.href) for link in updated.links]
    assert ("alternate", "https://unfccc.int/documents/650412") in rels
    assert any(rel == "related" and "/files/" in href for rel, href in rels)  # the previous version
    with catalog.session() as s:
        superseded = s.scalar(select(Document.status).where(Document.symbol == "FCCC/SBSTA/2026/2"))
        previous = s.scalars(select(DocumentFile).where(DocumentFile.is_current.is_(False))).all()
    assert superseded == "superseded"
    assert all((baseline / f.storage_path).exists() for f in previous) and len(previous) == 2
    catalog.close()


def test_bad_files_and_block_pages_never_leave_a_wrong_row(baseline, server):
    good = {f: server.site[f] for f in server.site}
    truncated = text_pdf(["Budget"] * 30)[:400]
    server.fault(RESOURCE + "sbi2026_04E.pdf", ("body", truncated, "application/pdf"))  # known doc
    server.fault(RESOURCE + "sbsta2026_L02E.pdf", ("body", text_pdf(["x"], encrypt="pw"), "application/pdf"))
    from sample_site.server import INCAPSULA_PAGE

    server.fault(RESOURCE + "sbsta2026_02r01E.pdf", ("body", INCAPSULA_PAGE, "text/html"))  # block page
    server.fault(RESOURCE + "sbi2026_03c01E.pdf", ("body", b"<!DOCTYPE html><html><body>Sorry</body></html>" * 300,
                                                    "text/html"))
    assert crawl(baseline, server.url, STATE2) == 3
    run, changes = last_run(baseline)
    assert run.status == "partial" and run.blocked == 1
    assert ("document.withdrawn", "FCCC/SBI/2026/5") in changes  # explicit on the page: still reported
    assert not any(kind == "document.updated" and subject == "FCCC/SBI/2026/4" for kind, subject in changes)
    catalog = _catalog(baseline)
    with catalog.session() as s:
        files = {(f.document.symbol, f.extraction_status, f.is_current): f.extraction_error
                 for f in s.scalars(select(DocumentFile))}
        blocked_doc_files = s.scalars(select(DocumentFile).join(Document)
                                      .where(Document.symbol == "FCCC/SBSTA/2026/2/Rev.1")).all()
        html_doc_files = s.scalars(select(DocumentFile).join(Document)
                                   .where(Document.symbol == "FCCC/SBI/2026/3/Corr.1")).all()
    catalog.close()
    assert ("FCCC/SBI/2026/4", "ok", True) in files  # the readable version stays current
    assert "unreadable PDF" in files[("FCCC/SBI/2026/4", "failed", False)]
    assert "encrypted" in files[("FCCC/SBSTA/2026/L.2", "failed", True)]
    assert blocked_doc_files == [] and html_doc_files == []
    assert good  # the next complete run repairs everything:
    assert crawl(baseline, server.url, LATER) == 0
    run, changes = last_run(baseline)
    assert run.status == "complete"
    assert ("document.updated", "FCCC/SBSTA/2026/L.2") in changes  # now readable: a real version


def test_500_then_200_is_retried_and_complete(baseline, server):
    server.fault("https://unfccc.int/event/sbi-64", ("status", 500), ("status", 503))
    assert crawl(baseline, server.url, STATE2) == 0
    run, changes = last_run(baseline)
    assert run.status == "complete" and changes == EXPECTED_STATE2_CHANGES
    assert run.stats.get("retry/count") == 2


def test_a_listing_whose_layout_changed_is_a_loud_error_not_an_empty_success(baseline, server):
    url = "https://unfccc.int/event/sbsta-64"
    page = server.site[url[8:]].body.replace(b"<th>Document name</th>", b"<th>Name</th>").replace(
        b"(SBSTA 64)", b"")
    server.fault(url, ("body", page, "text/html"))
    assert crawl(baseline, server.url, STATE2) == 3
    run, changes = last_run(baseline)
    assert run.status == "partial" and run.stats["a6watch/layout_errors"] == 1
    assert ("source.broken", "unfccc_documents") in changes
    catalog = _catalog(baseline)
    with catalog.session() as s:
        broken = s.scalar(select(Change.summary).where(Change.kind == "source.broken"))
    catalog.close()
    assert "layout error" in broken and url in broken


def test_repeated_blocks_back_off_from_the_host_and_the_run_is_partial(baseline, server):
    for url in ("https://unfccc.int/event/sbsta-64", "https://unfccc.int/event/sbi-64",
                "https://unfccc.int/documents?f%5B0%5D=category%3AOfficial%20documents"):
        server.fault(url, ("block",))
    assert crawl(baseline, server.url, STATE2, config="[politeness]\nblock_threshold = 3\n") == 3
    run, changes = last_run(baseline)
    assert run.status == "partial" and run.blocked == 3
    # blocked is never a change, and nothing was removed; only the unblocked CMA 8 page's Rev.1 is new
    assert changes == [("document.revised", "FCCC/PA/CMA/2026/L.1/Rev.1")]


def test_a_runaway_pdf_is_killed_at_its_limit_and_the_crawl_goes_on(baseline, server):
    server.fault(RESOURCE + "sbsta2026_L02E.pdf", ("body", runaway_pdf(), "application/pdf"))
    code = crawl(baseline, server.url, STATE2, config="[extraction]\nwall_seconds = 1\nmax_pages = 100000\n")
    assert code == 0
    run, changes = last_run(baseline)
    assert changes == EXPECTED_STATE2_CHANGES
    catalog = _catalog(baseline)
    with catalog.session() as s:
        error = s.scalar(select(DocumentFile.extraction_error).join(Document)
                         .where(Document.symbol == "FCCC/SBSTA/2026/L.2"))
    catalog.close()
    assert "wall-clock limit of 1 s" in error


def test_sources_crawled_in_one_process_each_keep_their_own_settings(tmp_path, server):
    """One process crawls several sources one after the other (the demo, ``a6watch crawl``); each crawl
    has its own settings, run and lock: the second source's configured start URL is the only page it
    reads, though the first source has none configured."""
    project = "https://cdm.unfccc.int/Projects/DB/DNV-CUK1145141778.29/view"
    config = f'[start_urls]\nregistries = ["{project}"]\n'
    assert crawl(tmp_path, server.url, STATE1, config=config, source=("unfccc_documents", "registries")) == 0
    catalog = _catalog(tmp_path)
    with catalog.session() as s:
        runs = {r.source_id: r for r in s.scalars(select(CrawlRun))}
    catalog.close()
    assert set(runs) == {"unfccc_documents", "registries"}
    assert all(r.status == "complete" for r in runs.values())
    assert runs["registries"].items == 1 and runs["unfccc_documents"].items > 10
    locks = sorted((tmp_path / "locks").glob("*.lock"))
    assert [p.stem for p in locks] == ["registries", "unfccc_documents"] and all(map(_unlocked, locks))


def _unlocked(path):
    import fcntl

    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _full_disk(limit: int):
    """What a process sees when the disk fills: every write past ``limit`` bytes of a file fails (EFBIG;
    Python ignores SIGXFSZ), the catalog's and the files' alike."""
    import resource

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_fails_the_run_and_the_next_run_records_every_change(baseline, server):
    """Writes failing half-way through a crawl make it *failed* (exit 1), never complete; nothing it
    could not write counts as seen, so the next run records every change of the state."""
    import os
    import subprocess
    import sys

    from crawler.run import FAILED
    from tests.crawling import ROOT

    env = {**os.environ, "A6WATCH_CONFIG": str(baseline / "a6watch.toml"), "A6WATCH_DATA_DIR": str(baseline),
           "A6WATCH_MIRROR_URL": server.url, "A6WATCH_NOW": STATE2, "A6WATCH_LANGUAGES": "en,fr,es",
           "A6WATCH_DATABASE_URL": database_url_for(baseline)}
    proc = subprocess.run([sys.executable, "-m", "crawler.run", "unfccc_documents"], cwd=ROOT, env=env,
                          preexec_fn=_full_disk(60_000), capture_output=True, text=True, timeout=300)
    assert proc.returncode == FAILED, proc.stderr[-3000:]
    assert "write error(s)" in proc.stderr and "Traceback" not in proc.stderr.split("\n")[-3:]
    assert crawl(baseline, server.url, LATER) == 0
    catalog = _catalog(baseline)
    with catalog.session() as s:
        runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        changes = sorted((c.kind, c.subject) for c in s.scalars(select(Change).where(
            Change.run_id.in_([r.id for r in runs[1:]]), Change.kind != "watch.hit")))
    catalog.close()
    assert runs[-1].status == "complete" and all(r.status != "complete" for r in runs[1:-1])
    assert changes == sorted(EXPECTED_STATE2_CHANGES)
