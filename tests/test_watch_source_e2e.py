"""A watch source made of configuration only, crawled end to end: a table, a list of documents and a
Japanese page's text (Shift_JIS), each reporting its change in state 2 — and then found by search."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.sources import DEFAULT_WATCH, install_watch_sources
from sample_site.build import EXPECTED_STATE2, build_site
from sample_site.common import PDF, Resource
from sample_site.pdfs import simple_pdf
from sample_site.server import SampleServer
from storage.db import Catalog
from storage.models import Change, CrawlRun
from tests.cli import a6watch
from tests.crawling import assert_state2_reports_exactly, crawl, last_run
from tests.databases import database_url_for

pytestmark = pytest.mark.slow
STATE1, STATE2, LATER = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z", "2026-06-05T12:00:00Z"

CONFIG = """
[[watch_sources]]
id = "example_registry"
title = "Example registry (a watch source of configuration only)"

[[watch_sources.pages]]
url = "https://registry.example.org/programmes"
watch = "table"
key = ["Programme"]
name = "programme"

[[watch_sources.pages]]
url = "https://registry.example.org/documents"
watch = "links"
name = "rulebook"

[[watch_sources.pages]]
url = "https://registry.example.org/ja/seido"
watch = "text"
select = "div.honbun"
language = "ja"
name = "制度の説明"
"""

ROWS = {1: [("Alpha Standard", "Approved", "2024"), ("Beta Registry", "Under assessment", "")],
        2: [("Alpha Standard", "Approved with conditions", "2024"), ("Gamma Carbon", "Approved", "2026")]}
DOCS = {1: [("Rulebook v3.1", "rulebook-v3.1.pdf"), ("Glossary", "glossary.pdf")],
        2: [("Rulebook v3.2", "rulebook-v3.2.pdf"), ("Glossary of terms", "glossary.pdf")]}
TEXT = {1: ["二国間クレジット制度（JCM）のパートナー国は29か国である。", "相当調整は行われていない。"],
        2: ["二国間クレジット制度（JCM）のパートナー国は31か国である。", "相当調整は行われていない。"]}


def site(state: int, day: int = 1) -> dict[str, Resource]:
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in ROWS[state])
    docs = "".join(f'<li><a href="/files/{f}">{t}</a></li>' for t, f in DOCS[state])
    text = "".join(f"<p>{p}</p>" for p in TEXT[state])
    footer = f"<footer>最終更新日：2026年{5 + state}月{day}日</footer>"  # page chrome: changes every day
    japanese = (f'<html><head><meta charset="Shift_JIS"><title>制度</title></head><body><nav>メニュー</nav>'
                f'<h1>制度の概要</h1><div class="honbun">{text}</div>{footer}</body></html>')
    out = {
        "https://registry.example.org/robots.txt": Resource("text/plain", b"User-agent: *\n"),
        "https://registry.example.org/programmes": Resource("text/html; charset=utf-8", (
            "<html><body><h1>Programmes</h1><table><tr><th>Programme</th><th>Status</th><th>Since</th></tr>"
            f"{rows}</table></body></html>").encode()),
        "https://registry.example.org/documents": Resource("text/html; charset=utf-8",
                                                           f"<html><body><ul>{docs}</ul></body></html>".encode()),
        "https://registry.example.org/ja/seido": Resource("text/html", japanese.encode("shift_jis")),
    }
    for title, name in DOCS[state]:
        out[f"https://registry.example.org/files/{name}"] = Resource(PDF, simple_pdf(name, title, (title,)), True)
    return out


@pytest.fixture(autouse=True)
def _only_shipped_watch_sources():
    yield
    install_watch_sources(())  # the search below read the configuration in this process


def test_a_watch_source_of_configuration_only_reports_each_change(tmp_path):
    with SampleServer(site(1)) as server:
        assert crawl(tmp_path, server.url, STATE1, config=CONFIG, source="example_registry") == 0
        run, changes = last_run(tmp_path)
        assert run.status == "complete" and [kind for kind, _ in changes] == ["baseline"]
        server.set_site(site(2))
        assert crawl(tmp_path, server.url, STATE2, config=CONFIG, source="example_registry") == 0
        run, changes = last_run(tmp_path, with_watch_hits=False)
        assert run.status == "complete"
        kinds = {(kind, subject) for kind, subject in changes}
        assert ("record.added", "Gamma Carbon") in kinds
        assert ("record.changed", "Alpha Standard") in kinds
        assert ("document.updated", "Rulebook") in kinds  # v3.1 → v3.2: a new version of one document
        assert ("document.metadata", "Glossary of terms") in kinds  # the same file, renamed
        assert ("document.updated", "制度の概要") in kinds  # the Japanese text changed (Shift_JIS)
        server.set_site(site(2, day=2))  # only the footer's date: page chrome, not a change
        assert crawl(tmp_path, server.url, LATER, config=CONFIG, source="example_registry") == 0
        # a row gone from a complete table is judged removed at its second miss (as every listing)
        assert last_run(tmp_path)[1] == [("record.removed", "Beta Registry")]
    catalog = Catalog(database_url_for(tmp_path))
    with catalog.session() as s:
        summaries = {c.kind: c.summary for c in s.scalars(select(Change).where(Change.subject == "Alpha Standard"))}
        revised = s.scalars(select(Change).where(Change.kind == "document.updated",
                                                  Change.subject == "制度の概要")).first()
        runs = s.scalars(select(CrawlRun)).all()
    catalog.close()
    assert "Status" in summaries["record.changed"] and "Approved with conditions" in summaries["record.changed"]
    assert revised is not None and "31か国" in (revised.diff or "")  # the paragraph diff, in Japanese
    assert all(r.source_id == "example_registry" for r in runs)
    env = {"A6WATCH_CONFIG": str(tmp_path / "a6watch.toml"), "A6WATCH_DATA_DIR": str(tmp_path),
           "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
    for term in ("クレジット", "相当調整"):
        found = a6watch("search", term, env=env)
        assert found.returncode == 0 and "制度の概要" in found.stdout, (term, found.stdout, found.stderr)


@pytest.mark.parametrize("source", DEFAULT_WATCH)
def test_each_shipped_watch_source_shows_its_baseline_then_its_change(tmp_path, source):
    assert_state2_reports_exactly(tmp_path, source, EXPECTED_STATE2[source])


def test_a_blocked_or_changed_watch_page_is_said_loudly_and_removes_nothing(tmp_path):
    """The bot wall on one page, a renamed key column on another: the run is partial, each page is named
    in a source.broken alert, and no row or document is judged removed — in any of three runs."""
    with SampleServer(site(1)) as server:
        assert crawl(tmp_path, server.url, STATE1, config=CONFIG, source="example_registry") == 0
        changed = site(1)
        table = "https://registry.example.org/programmes"
        changed[table] = Resource("text/html; charset=utf-8", changed[table].body.replace(b"Programme", b"Scheme"))
        server.set_site(changed)
        for at in (STATE2, LATER, "2026-06-06T06:00:00Z"):
            server.fault("https://registry.example.org/documents", ("block",))
            assert crawl(tmp_path, server.url, at, config=CONFIG, source="example_registry") == 3  # partial
            run, changes = last_run(tmp_path)
            assert run.status == "partial"
            assert not [c for c in changes if c[0].endswith(".removed")]
    catalog = Catalog(database_url_for(tmp_path))
    with catalog.session() as s:
        broken = [c.summary for c in s.scalars(select(Change).where(Change.kind == "source.broken"))]
    catalog.close()
    assert any("no table with the key column(s) Programme" in b for b in broken), broken


def test_search_finds_the_sample_sites_japanese_pages(tmp_path):
    """`a6watch search クレジット` and `相当調整` on the shipped JCM and GX-ETS pages (METI, in Japanese; one
    of them Shift_JIS), on whichever database the lane runs."""
    with SampleServer(build_site(2)) as server:
        for source in ("jcm", "gx_ets"):
            assert crawl(tmp_path, server.url, STATE2, source=source) == 0
    env = {"A6WATCH_CONFIG": str(tmp_path / "a6watch.toml"), "A6WATCH_DATA_DIR": str(tmp_path),
           "A6WATCH_DATABASE_URL": database_url_for(tmp_path)}
    credit = a6watch("search", "クレジット", env=env)
    assert credit.returncode == 0 and "二国間クレジット制度" in credit.stdout and "排出量取引制度" in credit.stdout
    adjustment = a6watch("search", "相当調整", env=env)
    assert adjustment.returncode == 0 and "二国間クレジット制度" in adjustment.stdout, adjustment.stdout
    assert "«相当調整»" in adjustment.stdout  # the hit shown in its snippet
