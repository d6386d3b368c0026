"""Every parser on every saved page: its own pages parse to the expected items (kept as data), and
every page of another kind is a layout error, never an empty success."""

from __future__ import annotations

import pytest

from a6watch.errors import LayoutError
from crawler.items import to_jsonable
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


def test_every_page_kind_has_fixtures():
    assert {meta["kind"] for *_s, meta, _b, _e in [(a[0], a[1], a[2], a[3], a[4]) for a in ALL]} == set(PARSERS)


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_a_page_of_another_kind_is_a_layout_error(kind):
    _source, parser = PARSERS[kind]
    others = [(name, meta, body) for _s, name, meta, body, _e in ALL if meta["kind"] != kind]
    for name, meta, body in others:
        with pytest.raises(LayoutError) as err:
            parser(meta["url"], body)
        assert err.value.kind == kind, name
