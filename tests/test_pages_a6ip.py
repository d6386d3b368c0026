"""A6IP page parsers (crawler/pages/a6ip.py): behaviours analysts rely on beyond the
expected items kept as data in tests/fixtures/a6ip/."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from core.items import DocumentItem
from crawler.pages import a6ip
from crawler.sources import route
from tests.conftest import fixture_page, parse_fixture
from tests.structural import LAYOUT, SAME, assert_variant

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
    assert a6ip.to_utc(date(2026, 6, 18), "9:00", "CEST") == "2026-06-18T07:00Z"
    assert a6ip.to_utc(date(2026, 6, 18), "3:00", "ET") == "2026-06-18T07:00Z"
    assert a6ip.to_utc(date(2026, 6, 18), "16:00", "JST") == "2026-06-18T07:00Z"


# -- the pages as the real site writes them, and plausible changes of structure --------------------------
DATE = "<p>October 30th, 2024</p>\n<p>19:00 – 21:30 JST / 11:00 – 13:30 CET / 6:00 – 8:30 ET (Online)</p>".encode()


def _event(edit=lambda b: b):
    meta, body, expected = fixture_page("a6ip", "event_4th_working_group")
    changed = edit(body)
    _source, _kind, parse = route(meta["url"], changed)
    return meta["url"], changed, parse, expected


def test_times_written_on_a_12_hour_clock_with_several_zones_convert_to_utc():
    url, body, parse, _expected = _event(lambda b: b.replace(DATE, (
        b"<p>November 21st, 2023<br>7:00pm-9:30pm JST / 11:00am-1:30pm CET / 5:00am-7:30 am EST</p>")))
    f = parse(url, body).items[0].fields
    assert (f["date"], f["start_utc"], f["end_utc"], f["zones"]) == (
        "2023-11-21", "2023-11-21T10:00Z", "2023-11-21T12:30Z", ["JST", "CET", "EST"])


def test_an_event_held_on_two_days_has_a_session_each_and_one_past_midnight_utc_ends_the_next_day():
    url, body, parse, _expected = _event(lambda b: b.replace(DATE, (
        b"<p>May 10th, 2023, from 20:00 to 22:15 JST (11:00 to 13:15 GMT)<br>May 12th, 2023, from 8:00 to 10:15 JST "
        b"(May 11th 23:00 to May 12th 1:15 GMT)</p>")))
    f = parse(url, body).items[0].fields
    assert f["date"] == "2023-05-10" and f["zones"] == ["JST", "GMT"]
    assert [(s["date"], s["times"], s["start_utc"], s["end_utc"]) for s in f["sessions"]] == [
        ("2023-05-10", "20:00–22:15 JST", "2023-05-10T11:00Z", "2023-05-10T13:15Z"),
        ("2023-05-12", "08:00–10:15 JST", "2023-05-11T23:00Z", "2023-05-12T01:15Z")]
    assert a6ip.to_utc(date(2023, 5, 12), "23:30", "CET") == "2023-05-12T21:30Z"


def test_a_video_link_is_a_recording_never_slides_wherever_it_points():
    url, body, parse, _expected = _event(lambda b: b.replace(
        b"[PDF 1MB]</a>", b'[PDF 1MB]</a><br><a href="https://drive.google.com/file/d/x1/view">Video for Session 1 '
                          b'UNFCCC</a>'))
    page = parse(url, body)
    f = page.items[0].fields
    assert "https://drive.google.com/file/d/x1/view" in f["recordings"]
    assert f["slides"] == ["https://a6partnership.org/wp-content/uploads/2024/10/a6ip-wg4-session1.pdf"]
    assert [d.url for d in page.items if isinstance(d, DocumentItem)] == f["slides"]
    assert f["agenda"][1].endswith("Kazuhisa Koakutsu, Director of A6IP Center (Online) [PDF 1MB]")  # no "Video …"


def test_an_agenda_with_sessions_and_times_per_day_reads_a_line_per_row():
    rows = ('<tr><td colspan="3"><strong>Session 1: Information sharing</strong></td></tr>'
            "<tr><td><p>10th: 20:05-20:20</p><p>12th: 8:05-8:20</p></td><td>Introductory presentation</td>"
            "<td><p>Sana Lingorsky, UNFCCC;</p><p>Eri Matsumoto, MOEJ;</p></td></tr></table>")
    url, body, parse, _expected = _event(lambda b: b.replace(b"</table>", rows.encode()))
    agenda = parse(url, body).items[0].fields["agenda"]
    assert agenda[2:] == ["Session 1: Information sharing",
                          "10th: 20:05-20:20 / 12th: 8:05-8:20 | Introductory presentation | Sana Lingorsky, UNFCCC; "
                          "Eri Matsumoto, MOEJ"]


def _flatten(b: bytes) -> bytes:
    """No <main>, <article> nor .entry-content: a page builder's nested divs."""
    return (b.replace(b'<main id="main" class="site-main"><article class="post type-post">',
                      b'<div class="elementor elementor-2848"><div class="e-con"><div class="elementor-widget">')
            .replace(b'<div class="entry-content">', b'<div class="elementor-widget-container">')
            .replace(b"</div></article></main>", b"</div></div></div></div>")
            .replace(b'class="entry-title"', b'class="elementor-heading-title"'))


def _move_table_out(b: bytes) -> bytes:
    i, j = b.index(b"<table>"), b.index(b"</table>") + len(b"</table>")
    return (b[:i] + b[j:]).replace(b"</main>", b"</main><section class='agenda'>" + b[i:j] + b"</section>")


def _variant(name: str, change, outcome: str, part: str) -> None:
    """A saved page changed: the same ``part`` (items, follow) as its expected output, or a layout error."""
    meta, body, expected = fixture_page("a6ip", name)
    assert_variant(meta["url"], body, change, outcome, want=expected, parts=(part,))


VARIANTS = [  # (what changed, change, outcome)
    ("no <main>, <article> nor .entry-content", _flatten, SAME),
    ("date and times in one paragraph", lambda b: b.replace(DATE, DATE.replace(b"</p>\n<p>", b"<br>")), SAME),
    ("headings in bold paragraphs", lambda b: b.replace(b"<h2>Speakers and Moderaters</h2>",
                                                        b"<p><strong>Speakers and Moderaters</strong></p>")
     .replace(b"<h2>Agenda</h2>", b"<p><b>Agenda</b></p>"), SAME),
    ("theme and audience under headings of their own", lambda b: b.replace(
        b"<p><strong>Theme:</strong> ", b"<h4>Theme</h4><p>").replace(b"<p><strong>Audience:</strong> ",
                                                                     b"<h4>Target audience</h4><p>"), SAME),
    ("theme and audience unlabelled", lambda b: b.replace(b"<p><strong>Theme:</strong> ", b"<p>").replace(
        b"<p><strong>Audience:</strong> ", b"<p>"), SAME),
    ("agenda header in bold cells", lambda b: b.replace(b"<th>", b"<td><strong>").replace(b"</th>",
                                                                                        b"</strong></td>"), SAME),
    ("agenda table outside the content", _move_table_out, SAME),
    ("speaker cards without their classes", lambda b: b.replace(b'<div class="speaker">', b"<div>").replace(
        b'<p class="speaker-name">', b"<p>"), SAME),
    ("agenda column renamed", lambda b: b.replace(b"<th>Agenda</th>", b"<th>Programme</th>"), SAME),
    ("agenda column no longer named", lambda b: b.replace(b"<th>Agenda</th>", b"<th>Description</th>"), LAYOUT),
    ("no date under the title", lambda b: b.replace(DATE, b""), LAYOUT),
    ("no title", lambda b: b.replace(b'<h1 class="entry-title">4th A6IP Working Group on Tracking and Reporting</h1>',
                                     b"").replace(b"<title>4th A6IP Working Group on Tracking and Reporting \xe2\x80"
                                                  b"\x93 A6IP</title>", b""), LAYOUT),
    ("not a page of the WordPress site", lambda b: b.replace(b"a6partnership.org/feed", b"example.org/rss").replace(
        b"single-post", b"page").replace(b"/wp-content/", b"/files/"), LAYOUT),
]


@pytest.mark.parametrize("what,change,outcome", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_an_event_page_whose_structure_changed_still_parses_or_is_a_layout_error(what, change, outcome):
    _variant("event_4th_working_group", change, outcome, "items")


FEED_VARIANTS = [
    ("an Atom feed", lambda b: b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><link href='
                               b'"https://a6partnership.org/news/x/"/></entry></feed>', LAYOUT),
    ("an empty channel", lambda b: b[:b.index(b"<item>")] + b"</channel></rss>", LAYOUT),
    ("WordPress namespaces and content", lambda b: b.replace(
        b'<rss version="2.0">', b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                                b'xmlns:dc="http://purl.org/dc/elements/1.1/">').replace(
        b"<category>", b"<dc:creator><![CDATA[a6ip]]></dc:creator><content:encoded><![CDATA[<p>x</p>]]>"
                       b"</content:encoded><category>"), SAME),
]


@pytest.mark.parametrize("what,change,outcome", FEED_VARIANTS, ids=[v[0] for v in FEED_VARIANTS])
def test_a_feed_whose_structure_changed_still_parses_or_is_a_layout_error(what, change, outcome):
    _variant("feed", change, outcome, "follow")
