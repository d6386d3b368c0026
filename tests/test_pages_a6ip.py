"""A6IP page parsers (crawler/pages/a6ip.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/a6ip/."""

from __future__ import annotations

from functools import partial

from crawler.pages import a6ip
from tests.conftest import parse_fixture

_parse = partial(parse_fixture, "a6ip")  # _parse(parser, fixture name)


def test_a6ip_event_times_are_converted_to_utc_with_their_zones_kept():
    page = _parse(a6ip.parse_event, "event_4th_working_group")
    event, slides = page.items
    f = event.fields
    assert f["date"] == "2024-10-30" and f["zones"] == ["JST", "CET", "ET"]
    assert (f["start_utc"], f["end_utc"]) == ("2024-10-30T10:00Z", "2024-10-30T12:30Z")
    assert f["times"].startswith("19:00 – 21:30 JST / 11:00 – 13:30 CET")
    assert f["recordings"] == ["https://www.youtube.com/watch?v=a6ipwg4s1"]
    assert slides.files[0].url.endswith("/2024/10/a6ip-wg4-session1.pdf") and slides.role == "slides"


def test_summer_time_zones_convert_correctly():
    from datetime import date

    assert a6ip.to_utc(date(2026, 6, 18), "9:00", "CEST") == "2026-06-18T07:00Z"
    assert a6ip.to_utc(date(2026, 6, 18), "3:00", "ET") == "2026-06-18T07:00Z"
    assert a6ip.to_utc(date(2026, 6, 18), "16:00", "JST") == "2026-06-18T07:00Z"
