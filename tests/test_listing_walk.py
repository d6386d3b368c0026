"""A regular crawl reads a long archive only as far as it must: its first pages always, then until a
run of rows the catalog already holds unchanged; it still finds what is new or revised near the top.
A deep crawl reads the whole archive and finds a revision deep in it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sample_site.common import HTML, PDF, RESOURCE, Resource
from sample_site.pdfs import simple_pdf
from sample_site.server import SampleServer
from sample_site.unfccc_documents import LISTING_PATH, SampleDoc, document_page, listing_pages
from storage.db import Catalog
from storage.models import Change, CrawlRun
from tests.crawling import crawl
from tests.databases import database_url_for

pytestmark = pytest.mark.slow
CONFIG = f'[start_urls]\nunfccc_documents = ["{LISTING_PATH}"]\n[walk]\nfirst_pages = 2\nstop_after_known = 10\n'


def archive(n: int) -> list[SampleDoc]:
    return [SampleDoc(node=800000 + i, symbol=f"FCCC/SBSTA/2025/INF.{i + 1}", title=f"Technical paper {i + 1}",
                      doc_type="Information documents", published=date(2025, 1, 1) + timedelta(days=i),
                      session="sbsta-64", agenda=("13", "Reports on other activities"),
                      files={"en": f"walk_{i}E.pdf"}, paragraphs=())
            for i in range(n)]


PDF_BODY = simple_pdf("FCCC/SBSTA/2025/INF", "Technical paper", ("A paragraph of the paper.",))


def site(docs: list[SampleDoc]) -> dict[str, Resource]:
    pages = {"https://unfccc.int/robots.txt": Resource("text/plain", b"User-agent: *\nDisallow: /admin/\n")}
    pages.update({url: Resource(HTML, html.encode()) for url, html in listing_pages(tuple(docs), {}).items()})
    pages.update({d.url: Resource(HTML, document_page(d, {}).encode()) for d in docs})
    pages.update({RESOURCE + name: Resource(PDF, PDF_BODY, validators=True) for d in docs for name in d.files.values()})
    return pages


def changes_of_last_run(data_dir):
    catalog = Catalog(database_url_for(data_dir))
    try:
        with catalog.session() as s:
            run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
            return run, sorted((c.kind, c.subject) for c in s.scalars(select(Change).where(Change.run_id == run.id)))
    finally:
        catalog.close()


def listing_requests(server: SampleServer, since: int) -> int:
    return sum(1 for _method, key in server.requests[since:] if "/documents?" in key)


def test_a_regular_crawl_stops_early_and_a_deep_one_reads_the_whole_archive(tmp_path):
    docs = archive(150)  # 30 listing pages of 5, newest first
    with SampleServer(site(docs)) as server:
        assert crawl(tmp_path, server.url, "2026-05-01T08:00:00Z", config=CONFIG, languages="en") == 0
        assert listing_requests(server, 0) == 30  # the first crawl knows nothing: it reads everything
        new = [replace(docs[0], node=900000 + i, symbol=f"FCCC/SBSTA/2026/INF.{i + 1}", title=f"New paper {i + 1}",
                       published=date(2026, 4, 20 + i), files={"en": f"new_{i}E.pdf"}) for i in range(3)]
        near = len(docs) - 2  # on the first page: revised
        deep = 20  # near the end of the archive: revised too
        edited = list(docs)
        edited[near] = replace(docs[near], title="Technical paper (revised edition)")
        edited[deep] = replace(docs[deep], title="Technical paper (corrected)")
        server.set_site(site(edited + new))

        before = len(server.requests)
        assert crawl(tmp_path, server.url, "2026-05-02T08:00:00Z", config=CONFIG, languages="en") == 0
        run, changes = changes_of_last_run(tmp_path)
        assert listing_requests(server, before) <= 4, "a regular crawl must stop after the known rows"
        assert run.status == "complete" and run.stats.get("a6watch/walk/stopped") == 1
        assert [s for k, s in changes if k == "document.new"] == [d.symbol for d in new]
        assert ("document.metadata", edited[near].symbol) in changes
        assert ("document.metadata", edited[deep].symbol) not in changes  # not read: deep in the archive

        before = len(server.requests)
        assert crawl(tmp_path, server.url, "2026-05-02T09:00:00Z", config=CONFIG, languages="en", mode="deep") == 0
        _run, changes = changes_of_last_run(tmp_path)
        assert listing_requests(server, before) == 31
        assert ("document.metadata", edited[deep].symbol) in changes
