"""Article 6 Implementation Partnership (a6partnership.org, WordPress; sources.md §4).

* ``a6ip_feed`` — the site's RSS feed (/feed/): the posts, followed to their pages;
* ``a6ip_event`` — an event or webinar page: its date(s), times with their zones (JST / CET / ET, kept and
  converted to UTC), theme, audience, speakers, agenda rows, slides (PDF, downloaded and extracted),
  recordings ("Video …" links are recordings, never slides) and its summary.

The event page is read by meaning, not by the theme's classes (crawler/pages/a6ip_layout.py): the title is
the page's first-level heading, the schedule the dated lines under it, the theme and audience the blocks
after them (or the blocks their labels name), the speakers the section headed "Speakers …" and the agenda
any table whose header names a time and an agenda column, wherever it is on the page."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from parsel import Selector

from core.errors import LayoutError
from core.items import DocumentItem, FileLink, Follow, Page, RecordItem
from core.when import first_date, parse_times
from crawler.pages.a6ip_layout import (
    Line,
    agenda_tables,
    blocks_after,
    heading_index,
    is_document,
    is_recording,
    lines_of,
    page_title,
    section,
    section_cards,
    strip_chrome,
)
from crawler.pages.common import PageKind, absolute, decode_html, squash

SOURCE = "a6ip"
ZONES = {"JST": "Asia/Tokyo", "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "ET": "America/New_York",
         "EST": "America/New_York", "EDT": "America/New_York", "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London",
         "SGT": "Asia/Singapore", "ICT": "Asia/Bangkok", "PT": "America/Los_Angeles", "PST": "America/Los_Angeles",
         "PDT": "America/Los_Angeles", "EAT": "Africa/Nairobi", "WAT": "Africa/Lagos", "IST": "Asia/Kolkata"}
_ZONE = re.compile(rf"\b({'|'.join(sorted(ZONES, key=len, reverse=True))})\b")
_LABEL = re.compile(r"^(themes?|objectives?|purposes?|aims?|target audience|audience|participants|target)\s*"
                    r"(?::\s*(.*)|$)", re.I)  # "Theme: …", or a label alone above its text
_AUDIENCE_LABEL = ("audience", "participants", "target")
_SCHEDULE_WINDOW = 8  # lines under the title within which an event page states its date
# What every page of the WordPress site carries, whatever its theme: its assets, its feed, its post classes.
_WORDPRESS = re.compile(r"/wp-(?:content|includes|json)/|a6partnership\.org/feed|\bsingle-post\b|\bpostid-\d|"
                        r"<meta[^>]+generator[^>]+WordPress", re.I)


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


def to_utc(day: date, hhmm: str | time, zone: str) -> str | None:
    tz = ZONES.get(zone)
    if tz is None:
        return None
    if isinstance(hhmm, str):
        hour, minute = (int(x) for x in hhmm.split(":"))
        hhmm = time(hour, minute)
    local = datetime.combine(day, hhmm, tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def _session(day: date, text: str) -> dict[str, Any]:
    """One dated sitting: its first time span, in its first zone and in UTC (an end before the start is the
    next day)."""
    times = parse_times(text)
    start_utc = end_utc = None
    if times and times.zone:
        start_utc = to_utc(day, times.start, times.zone)
        if times.end:
            end_day = day + timedelta(days=1) if times.end <= times.start else day
            end_utc = to_utc(end_day, times.end, times.zone)
    return {"date": day.isoformat(), "times": str(times) if times else None, "start_utc": start_utc,
            "end_utc": end_utc}


def _schedule(lines: list[Line]) -> tuple[list[dict[str, Any]], list[str], int]:
    """(sessions, the lines that state times, index of the first line after the schedule) from the lines
    under the title: each dated line opens a session; a line of times alone belongs to the session above."""
    sessions: list[dict[str, Any]] = []
    texts: list[str] = []
    end = 0
    for i, line in enumerate(lines):
        if not sessions and i >= _SCHEDULE_WINDOW:
            break
        if line.in_table:
            continue
        day = first_date(line.text)
        times = parse_times(line.text)
        if day is not None and (not sessions or times or day.isoformat() != sessions[-1]["date"]):
            sessions.append({**_session(day, line.text), "_day": day})
            if times:
                texts.append(line.text)
        elif times and sessions and sessions[-1]["times"] is None:
            sessions[-1].update(_session(sessions[-1]["_day"], line.text))
            texts.append(line.text)
        elif sessions:
            break
        end = i + 1
    for s in sessions:
        del s["_day"]
    return sessions, texts, end


def _describe(lines: list[Line]) -> tuple[str, str]:
    """(theme, audience) from the blocks under the schedule, by their labels when the page gives them,
    else in the order the site writes them: the theme (or the objectives, as a list), then the audience."""
    theme = audience = ""
    pending: str | None = None
    unlabelled: list[str] = []
    for block in blocks_after(lines, _LABEL):
        m = _LABEL.match(block)
        if m:
            name, value = m.group(1).lower(), (m.group(2) or "").strip()
            if not value:
                pending = name
                continue
        elif pending:
            name, value, pending = pending, block, None
        else:
            unlabelled.append(block)
            continue
        if name.startswith(_AUDIENCE_LABEL):
            audience = audience or value
        else:
            theme = theme or value
    for block in unlabelled:
        if not theme:
            theme = block
        elif not audience:
            audience = block
    return theme, audience


def _speakers(lines: list[Line]) -> list[str]:
    """Each speaker card's last line ("Name, Organisation"), from the section headed "Speakers …"."""
    at = heading_index(lines, re.compile(r"^(?:speakers?|moderat|panel)", re.I))
    if at is None:
        return []
    out = [card[-1] for card in section_cards(section(lines, at))]
    return [s for i, s in enumerate(out) if not (i + 1 < len(out) and s != out[i + 1] and s in out[i + 1]
                                                  and "," not in s)]


def parse_event(url: str, body: bytes | str) -> Page:
    kind = "a6ip_event"
    text = decode_html(body)
    if not _WORDPRESS.search(text):
        raise LayoutError(url, kind, "not a page of the A6IP WordPress site (no wp-content, feed or post classes)")
    sel = Selector(text=text)
    body_el = sel.xpath("//body")
    root = body_el[0].root if body_el else sel.root
    strip_chrome(root)
    title, title_el = page_title(sel, root)
    if not title:
        raise LayoutError(url, kind, "no title (a first-level heading or the page's <title>)")
    lines = lines_of(root)
    start = next((i + 1 for i, line in enumerate(lines) if line.el is title_el), 0)
    sessions, times_lines, after = _schedule(lines[start:])
    day = date.fromisoformat(sessions[0]["date"]) if sessions else None
    zones = list(dict.fromkeys(z for text in times_lines for z in _ZONE.findall(text)))
    theme, audience = _describe(lines[start + after:])
    summary = next((a for a in root.iter("a") if squash(_text(a)).lower().startswith("summary")), None)
    summary_url = absolute(url, summary.get("href")) if summary is not None else None

    agenda, slides, recordings = agenda_tables(root, url, kind)
    recordings += [u for u in (absolute(url, a.get("href")) for a in root.iter("a") if is_recording(a)) if u]
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    first = sessions[0] if sessions else {}
    record = RecordItem(
        SOURCE, url, "a6ip_events", slug, "A6IP event", title,
        {"title": title, "date": day.isoformat() if day else None, "times": times_lines[0] if times_lines else "",
         "start_utc": first.get("start_utc"), "end_utc": first.get("end_utc"), "zones": zones,
         "sessions": sessions, "theme": theme, "audience": audience, "summary": summary_url,
         "speakers": _speakers(lines[start:]), "agenda": agenda, "slides": list(dict.fromkeys(slides)),
         "recordings": list(dict.fromkeys(recordings))},
        when=f"on {day:%d %b %Y}" if day else None, url=url)
    page = Page(url, kind, items=[record])
    for n, link in enumerate(dict.fromkeys(slides)):
        page.items.append(DocumentItem(
            source=SOURCE, page_url=url, page_kind=kind, title=f"{title}: slides {n + 1}", doc_type="Slides",
            url=link, files=[FileLink("en", link, "slides")], publication_date=day, role="slides"))
    if summary is not None and summary_url and is_document(summary_url, _text(summary)):
        page.items.append(DocumentItem(
            source=SOURCE, page_url=url, page_kind=kind, title=f"{title}: summary", doc_type="Summary",
            url=summary_url, files=[FileLink("en", summary_url, squash(_text(summary)))], publication_date=day,
            role="summary"))
    return page


def _text(el: Any) -> str:
    return "".join(el.itertext())


def _event_minimum(page: Page) -> str | None:
    """A real event page always has a title and the date it takes place (a future event without agenda,
    speakers or slides yet is still a real page)."""
    event = next((i for i in page.items if isinstance(i, RecordItem)), None)
    if event is None or not event.title:
        return "an event with its title"
    if not event.fields.get("date"):
        return "the event's date (a dated line under the title)"
    return None


def _feed_minimum(page: Page) -> str | None:
    return None if page.follow else "a post in the feed (the site's feed lists its latest posts)"


KINDS = (  # the feed before the events: /feed/ would match an event's path too
    PageKind("a6ip_feed", parse_feed, routes=(("a6partnership.org", r"^/feed/?$"),), minimum=_feed_minimum),
    PageKind("a6ip_event", parse_event, routes=(("a6partnership.org", r"^/(?:news/)?[a-z0-9-]+/?$"),),
             minimum=_event_minimum),
)
