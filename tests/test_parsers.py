"""Every parser on every saved page: its own pages parse to the expected items (kept as data), and
every page of another kind is a layout error, never an empty success."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import LayoutError
from core.items import to_jsonable
from core.watch_sources import PAGE_KINDS
from crawler.sources import PARSERS, SOURCES, route
from tests.conftest import fixture_pages

ALL = [(source, *f) for source in SOURCES for f in fixture_pages(source)]


@pytest.mark.parametrize("source,name,meta,body,expected", ALL, ids=[f"{a[0]}/{a[1]}" for a in ALL])
def test_fixture_parses_to_expected_items(source, name, meta, body, expected):
    routed_source, kind, parser = route(meta["url"], body)
    assert routed_source == source
    assert kind == meta["kind"] == expected["kind"]
    page = parser(meta["url"], body)
    assert to_jsonable(page.items) == expected["items"]
    assert [f.url for f in page.follow] == expected["follow"]
    assert page.meta == expected["meta"]


# The watch sources' kinds parse as each page's definition says: tests/test_watch_sources.py.
CODE_KINDS = sorted(set(PARSERS) - set(PAGE_KINDS.values()))


def test_every_page_kind_has_fixtures():
    assert {meta["kind"] for *_s, meta, _b, _e in [(a[0], a[1], a[2], a[3], a[4]) for a in ALL]} == set(CODE_KINDS)


@pytest.mark.parametrize("kind", CODE_KINDS)
def test_a_page_of_another_kind_is_a_layout_error(kind):
    _source, parser = PARSERS[kind]
    others = [(name, meta, body) for _s, name, meta, body, _e in ALL if meta["kind"] != kind]
    for name, meta, body in others:
        with pytest.raises(LayoutError) as err:
            parser(meta["url"], body)
        assert err.value.kind == kind, name


def test_update_fixture_rewrites_expected_output_and_is_a_no_op_on_reviewed_fixtures(tmp_path):
    """``a6watch parse --update-fixture`` regenerates exactly the reviewed files (so its diff after a
    parser change is the change), and rewrites one whose parser output changed."""
    import shutil

    from a6watch.commands.parse import update_fixture

    copy = tmp_path / "tests" / "fixtures"
    shutil.copytree(Path(__file__).parent / "fixtures", copy)
    (tmp_path / "sample_site").symlink_to(Path(__file__).parents[1] / "sample_site")  # real pages kept once
    for meta in sorted(copy.rglob("*.meta.json")):
        page = meta.with_name(meta.name.replace(".meta.json", ".html"))
        assert update_fixture(page).endswith("unchanged"), meta
    stale = copy / "unfccc_documents" / "session_sbsta64.expected.json"
    stale.write_text('{"items": []}\\n')
    assert "updated" in update_fixture(stale.with_name("session_sbsta64.html"))
    assert stale.read_text() == (Path(__file__).parent / "fixtures" / "unfccc_documents" /
                                 "session_sbsta64.expected.json").read_text()
