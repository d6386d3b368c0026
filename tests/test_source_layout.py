"""One source id names its parser module (crawler/pages/<id>.py), its fixtures (tests/fixtures/<id>/),
its parser tests (tests/test_pages_<id>.py) and its sample pages (sample_site/<id>.py, with its templates
in sample_site/templates/<id>/); each page kind is declared once, beside its parser."""

from __future__ import annotations

import importlib
from pathlib import Path

from core.sources import CODE_SOURCES, DEFAULT_WATCH, SOURCES
from crawler.sources import KINDS, MODULES, ROUTES
from sample_site import build, watch

ROOT = Path(__file__).resolve().parents[1]


def test_every_source_has_its_parser_module_fixtures_and_tests():
    for source_id in CODE_SOURCES:
        module = importlib.import_module(f"crawler.pages.{source_id}")
        assert module.SOURCE == source_id and module.KINDS, source_id
        assert module in MODULES, source_id
        assert (ROOT / "tests" / "fixtures" / source_id).is_dir(), source_id
        assert (ROOT / "tests" / f"test_pages_{source_id}.py").is_file(), source_id
        assert (ROOT / "sample_site" / f"{source_id}.py").is_file(), source_id
        assert (ROOT / "sample_site" / "templates" / source_id).is_dir(), source_id


def test_every_source_serves_its_sample_pages_from_its_own_module():
    sites = {state: build.build_site(state) for state in build.STATES}
    for source_id in CODE_SOURCES:
        spec = SOURCES[source_id]
        module = importlib.import_module(f"sample_site.{source_id}")
        assert module.SOURCE == source_id and build.MODULES[source_id] is module, source_id
        for state, site in sites.items():
            pages = module.pages(state)
            assert pages.items() <= site.items(), source_id  # the built site serves them, as they are
            assert set(spec.start_urls) <= pages.keys(), source_id  # the crawl of the source starts on them
            assert {url.split("/")[2] for url in pages} <= set(spec.hosts), source_id


def test_every_shipped_watch_source_has_a_sample_page_per_watched_page_in_both_states():
    """A watch source is configuration: its sample pages are templates/watch/<id>/<table id>.html, served
    at the pages' own URLs, each parsing in both states (so the demo shows its baseline and its change)."""
    from crawler.sources import route

    sites = {state: build.build_site(state) for state in build.STATES}
    for source_id in DEFAULT_WATCH:
        spec = SOURCES[source_id]
        assert spec.watch and build.EXPECTED_STATE2[source_id], source_id
        for page in spec.watch:
            assert (ROOT / "sample_site" / "templates" / watch.template_name(source_id, page.table_id)).is_file()
            for site in sites.values():
                source, kind, parser = route(page.url, site[page.url].body)
                assert (source, kind) == (source_id, page.kind)
                assert parser(page.url, site[page.url].body).items, (source_id, page.url)


def test_every_page_kind_is_declared_once_and_reachable():
    names = [kind.name for module in MODULES for kind in module.KINDS]
    assert len(names) == len(set(names))  # once
    routed = {r.kind for r in ROUTES}
    for name, (_source, kind) in KINDS.items():
        assert name in routed or kind.sniff is not None, f"{name}: no route and no sniff"


def test_a_sources_parser_helpers_are_used_by_that_source_only():
    """crawler/pages/<id>_*.py belongs to <id>: no other module imports it (the parsers of different
    sources stay independent; lint-imports checks the parser modules themselves)."""
    import ast

    pages = ROOT / "crawler" / "pages"
    helpers = {p.stem: next(s for s in SOURCES if p.stem.startswith(s + "_"))
               for p in pages.glob("*_*.py") if any(p.stem.startswith(s + "_") for s in SOURCES)}
    for path in ROOT.rglob("*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                helper = name.removeprefix("crawler.pages.")
                if helper in helpers:
                    owner = helpers[helper]
                    assert path.parent == pages and (path.stem == owner or path.stem.startswith(owner + "_")), \
                        f"{path} imports {name}, a helper of {owner}"


def test_every_page_kind_declares_what_a_real_page_of_it_always_has():
    """A page that yields less than its kind's minimum is a layout error, never a silent zero
    (docs/reliability.md lists them)."""
    missing = [name for name, (_source, kind) in KINDS.items() if kind.minimum is None]
    assert missing == []
    documented = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert [name for name in KINDS if f"`{name}`" not in documented] == []
