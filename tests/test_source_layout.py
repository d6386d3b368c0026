"""One source id names its parser module (crawler/pages/<id>.py), its fixtures (tests/fixtures/<id>/)
and its parser tests (tests/test_pages_<id>.py); each page kind is declared once, beside its parser."""

from __future__ import annotations

import importlib
from pathlib import Path

from core.sources import SOURCES
from crawler.sources import KINDS, MODULES, ROUTES

ROOT = Path(__file__).resolve().parents[1]


def test_every_source_has_its_parser_module_fixtures_and_tests():
    for source_id in SOURCES:
        module = importlib.import_module(f"crawler.pages.{source_id}")
        assert module.SOURCE == source_id and module.KINDS, source_id
        assert module in MODULES, source_id
        assert (ROOT / "tests" / "fixtures" / source_id).is_dir(), source_id
        assert (ROOT / "tests" / f"test_pages_{source_id}.py").is_file(), source_id


def test_every_page_kind_is_declared_once_and_reachable():
    names = [kind.name for module in MODULES for kind in module.KINDS]
    assert len(names) == len(set(names))  # once
    routed = {r.kind for r in ROUTES}
    for name, (_source, kind) in KINDS.items():
        assert name in routed or kind.sniff is not None, f"{name}: no route and no sniff"
