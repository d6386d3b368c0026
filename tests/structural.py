"""Structural variants of a saved page, shared by the tests/test_pages_<source>.py files: a plausible change of
the page's markup either reads the same as the page did, or is a layout error (never zero items, never some
items silently wrong). Pages go through the router, so each parser is held to its kind's minimum."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from core.errors import LayoutError
from core.items import to_jsonable
from crawler.sources import route
from tests.conftest import fixture_page

SAME = "same items"
LAYOUT = "layout error"  # any layout error, whatever it says

Body = str | bytes


def fixture_html(source: str, name: str, encoding: str = "utf-8") -> tuple[str, str]:
    """(URL, text) of a saved page of ``source``, decoded as the site sends it."""
    meta, body, _expected = fixture_page(source, name)
    return meta["url"], body.decode(encoding)


def names(variants: Iterable[tuple[Callable[..., Any], Any]]) -> list[str]:
    """Test ids for (change, outcome) pairs: the change functions' names."""
    return [change.__name__.strip("_") for change, _outcome in variants]


def read(url: str, body: Body, kind: str | None = None) -> dict[str, Any] | str:
    """What the routed parser reads of a page (its kind, items as JSON, followed URLs), or
    ``LayoutError: <detail>``. ``kind`` forces the page kind, as a followed link does."""
    try:
        _source, routed, parser = route(url, body, kind)
        page = parser(url, body)
    except LayoutError as error:
        return f"LayoutError: {error.detail}"
    return {"kind": routed, "items": to_jsonable(page.items), "follow": [f.url for f in page.follow]}


def outcome(url: str, body: Body, kind: str | None = None) -> list[Any] | str:
    """The items the routed parser reads of a page, as JSON, or ``LayoutError: <detail>``."""
    got = read(url, body, kind)
    return got if isinstance(got, str) else got["items"]


def _unordered(value: Any) -> Any:
    return sorted(value, key=lambda v: json.dumps(v, sort_keys=True)) if isinstance(value, list) else value


def assert_variant(url: str, body: Body, change: Callable[[Any], Any], expected: str, *, kind: str | None = None,
                   want: dict[str, Any] | None = None, parts: Sequence[str] = ("items",), unordered: bool = False,
                   regex: bool = True) -> dict[str, Any] | str:
    """``change`` applied to a page (it must change it), read as :func:`read` does, is as ``expected``:

    - ``SAME``: the same ``parts`` (kind, items, follow) as ``want`` (a fixture's expected output), or, without
      ``want``, as the unchanged page; ``unordered`` compares lists whatever their order;
    - ``LAYOUT``: a layout error, whatever it says;
    - anything else: a layout error whose detail matches ``expected`` (a regular expression, or with
      ``regex=False`` a piece of its text).

    Returns what was read of the changed page."""
    changed = change(body)
    assert changed != body, "the change applies to this page"
    got = read(url, changed, kind)
    if expected == SAME:
        base = read(url, body, kind) if want is None else want
        assert isinstance(base, dict), f"the unchanged page does not read: {base}"
        assert isinstance(got, dict), got
        for part in parts:
            mine, theirs = (_unordered(got[part]), _unordered(base[part])) if unordered else (got[part], base[part])
            assert mine == theirs, f"{part} differ: {mine!r} != {theirs!r}"
    elif expected == LAYOUT:
        assert isinstance(got, str), f"no layout error: {got!r}"
    else:
        assert isinstance(got, str) and (re.search(expected, got) if regex else expected in got), got
    return got
