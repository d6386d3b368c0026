"""Article 6 Implementation Partnership (a6partnership.org, WordPress; sources.md §4).

* ``a6ip_feed`` — the site's RSS feed (/feed/): the posts, followed to their pages;
* ``a6ip_event`` — an event or webinar page: date, times with their zones (JST / CET / ET, kept and
  converted to UTC), theme, audience, speakers, agenda rows, slides (PDF, downloaded and extracted)
  and recordings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from parsel import Selector

from core.errors import LayoutError
from core.items import DocumentItem, FileLink, Follow, Page, RecordItem
from core.when import parse_date
from crawler.pages.common import PageKind, absolute, decode_html, require_header, squash, text_of

SOURCE = "a6ip"
ZONES = {"JST": "Asia/Tokyo", "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "ET": "America/New_York",
         "EST": "America/New_York", "EDT": "America/New_York", "GMT": "UTC", "UTC": "UTC"}
_TIMES = re.compile(r"(\d{1,2}:\d{2})\s*[–-]\s*(\d{1,2}:\d{2})\s*([A-Z]{2,4})\b")
_DATE_LINE = re.compile(r"^[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}$")
_VIDEO = re.compile(r"youtube\.com|youtu\.be|vimeo\.com|/video", re.I)


def parse_feed(url: str, body: bytes | str) -> Page:
    kind = "a6ip_feed"
    text = decode_html(body)
    sel = Selector(text=text, type="xml")
    if not sel.xpath("/rss/channel"):
        raise LayoutError(url, kind, "not an RSS 2.0 feed (/rss/channel)")
    page = Page(url, kind)
    for item in sel.xpath("/rss/channel/item"):
        link = squash(item.xpath("link/text()").get())
        if link:
            page.follow.append(Follow(link, "a6ip_event"))
    return page


def to_utc(day: date, hhmm: str, zone: str) -> str | None:
    tz = ZONES.get(zone)
    if tz is None:
        return None
    hour, minute = (int(x) for x in hhmm.split(":"))
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def parse_event(url: str, body: bytes | str) -> Page:
    kind = "a6ip_event"
    sel = Selector(text=decode_html(body))
    title = squash(" ".join(sel.css("h1.entry-title ::text").getall()))
    content = sel.css(".entry-content")
    if not title or not content:
        raise LayoutError(url, kind, "no WordPress post (h1.entry-title and .entry-content)")
    lines = [text_of(p) for p in content[0].css("p")]
    day = next((parse_date(line) for line in lines if _DATE_LINE.match(line)), None)
    times_line = next((line for line in lines if _TIMES.search(line)), "")
    times = [(a, b, z) for a, b, z in _TIMES.findall(times_line)]
    start_utc = end_utc = None
    if day and times:
        start_utc, end_utc = to_utc(day, times[0][0], times[0][2]), to_utc(day, times[0][1], times[0][2])

    def labelled(label: str) -> str:
        for p in content[0].css("p"):
            strong = squash(" ".join(p.css("strong ::text, b ::text").getall())).rstrip(":").lower()
            if strong == label:
                return squash(text_of(p)[len(strong) + 1:].lstrip(": "))
        return ""

    speakers = [text_of(s) for s in content[0].css(".speaker p:not(.speaker-name)")]
    agenda, slides = [], []
    for table in content[0].css("table"):
        for row in require_header(table, ["time (jst)", "agenda", "speakers"], url, kind):
            agenda.append(" | ".join(text_of(c) if c is not None else "" for c in row))
            if row[2] is not None:
                slides += [absolute(url, h) for h in row[2].css("a::attr(href)").getall()]
    recordings = [absolute(url, a.attrib.get("href")) for a in content[0].css("a")
                  if _VIDEO.search(a.attrib.get("href", "")) or "video" in text_of(a).lower()]
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    record = RecordItem(
        SOURCE, url, "a6ip_events", slug, "A6IP event", title,
        {"title": title, "date": day.isoformat() if day else None, "times": times_line,
         "start_utc": start_utc, "end_utc": end_utc, "zones": [z for _a, _b, z in times],
         "theme": labelled("theme"), "audience": labelled("audience"), "speakers": speakers,
         "agenda": agenda, "slides": [s for s in slides if s], "recordings": [r for r in recordings if r]},
        when=f"on {day:%d %b %Y}" if day else None, url=url)
    page = Page(url, kind, items=[record])
    for n, link in enumerate(s for s in slides if s):
        page.items.append(DocumentItem(
            source=SOURCE, page_url=url, page_kind=kind, title=f"{title}: slides {n + 1}", doc_type="Slides",
            url=link, files=[FileLink("en", link, "slides")], publication_date=day, role="slides"))
    return page


KINDS = (  # the feed before the events: /feed/ would match an event's path too
    PageKind("a6ip_feed", parse_feed, routes=(("a6partnership.org", r"^/feed/?$"),)),
    PageKind("a6ip_event", parse_event, routes=(("a6partnership.org", r"^/(?:news/)?[a-z0-9-]+/?$"),)),
)
