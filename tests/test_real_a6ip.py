"""Real captures of a6partnership.org (real-text/T13, T15 of the real captures: text only) wrapped in the site's
WordPress markup, routed and parsed as a crawl would: the fields a reader sees, exact values read from the
real text. Skips with the reason when the captures are absent."""

from __future__ import annotations

import html
import re
from typing import Any

from core.errors import LayoutError
from core.items import DocumentItem, RecordItem
from crawler.sources import route
from tests.real_captures import check, real_text

VIDEO = "https://www.youtube.com/watch?v=a6ip-1stwg-s1"  # the capture keeps the link's text, not its address


def e(text: str) -> str:
    return html.escape(text, quote=False)


def _page(title: str, content: str, post_id: int) -> str:
    """A post of the site's WordPress theme: a hero image ("Landscape 05"), the title, the content."""
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{e(title)} | A6IP</title>
<link rel="alternate" type="application/rss+xml" title="A6IP &raquo; Feed" href="https://a6partnership.org/feed/">
</head><body class="post-template-default single single-post postid-{post_id} wp-embed-responsive">
<div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding">
<a href="https://a6partnership.org/" rel="home"><img src="/wp-content/themes/a6ip/images/logo.svg" alt="A6IP"></a></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li class="menu-item"><a href="https://a6partnership.org/about/">About</a></li>
<li class="menu-item"><a href="https://a6partnership.org/news/">News &amp; Events</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{post_id}" class="post-{post_id} post type-post status-publish hentry category-events">
<div class="post-thumbnail"><img width="1920" height="600" src="/wp-content/uploads/2023/04/Landscape-05.jpg"
 class="attachment-post-thumbnail" alt="Landscape 05"></div>
<header class="entry-header"><h1 class="entry-title">{e(title)}</h1></header>
<div class="entry-content">
{content}
</div></article></main></div></div>
<footer id="colophon" class="site-footer"><p>&copy; 2025 A6IP Center, IGES</p></footer></div></body></html>"""


def _cell(text: str) -> str:
    """A cell whose parts the capture separates by ' / ': a paragraph each; a "Video …" part is a link."""
    parts = [p.strip() for p in text.split(" / ") if p.strip()]
    out = []
    for part in parts:
        out.append(f'<p><a href="{VIDEO}" target="_blank" rel="noopener">{e(part)}</a></p>' if part.startswith("Video")
                   else f"<p>{e(part)}</p>")
    return "".join(out)


def _agenda(header: list[str], rows: list[str]) -> str:
    out = ['<figure class="wp-block-table"><table><tbody><tr>' + "".join(f"<td><strong>{e(h)}</strong></td>"
                                                                         for h in header) + "</tr>"]
    for line in rows:
        line = re.sub(r"\s*\.\.\.$", "", line)  # the excerpt's end
        if "|" in line:
            cells = re.split(r"\s*\|\s*", line.strip())
            cells += [""] * (len(header) - len(cells))
            out.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells) + "</tr>")
        else:
            out.append(f'<tr><td colspan="{len(header)}"><strong>{e(line)}</strong></td></tr>')
    return "".join(out) + "</tbody></table></figure>"


def wrap_4th_wg(text: str) -> str:
    lines = [x.rstrip() for x in text.splitlines() if x.strip()]
    title, day, times, theme, audience, summary = lines[1:7]
    at_speakers = next(i for i, x in enumerate(lines) if x.startswith("Speakers and"))
    at_agenda = next(i for i, x in enumerate(lines) if x.startswith("Agenda"))
    cards = []
    for line in lines[at_speakers + 1:at_agenda]:
        photo, name, role = line.split(" / ")
        cards.append(f'<div class="speaker-card"><figure class="speaker-card__photo"><img src="/wp-content/uploads/'
                     f'2024/10/{name.replace(" ", "-")}.jpg" alt=""><figcaption>{e(photo)}</figcaption></figure>'
                     f'<h4 class="speaker-card__name">{e(name)}</h4><p class="speaker-card__role">{e(role)}</p></div>')
    header = [h.strip() for h in lines[at_agenda + 1].split(" | ")]
    content = f"""<div class="event-meta"><p class="event-meta__date">{e(day)}<br>{e(times)}</p></div>
<div class="event-theme"><span class="icon icon-theme" aria-hidden="true"></span><p>{e(theme)}</p></div>
<div class="event-audience"><span class="icon icon-audience" aria-hidden="true"></span><p>{e(audience)}</p></div>
<p><a href="https://a6partnership.org/news/summary-of-the-4th-working-group-on-tracking-and-reporting">{e(summary)}</a></p>
<h2 class="wp-block-heading">{e(lines[at_speakers])}</h2>
<div class="speakers-grid">{''.join(cards)}</div>
<h3 class="wp-block-heading">{e(lines[at_agenda])}</h3>
{_agenda(header, lines[at_agenda + 2:])}"""
    return _page(title, content, 3105)


def wrap_1st_wg(text: str) -> str:
    lines = [x.rstrip() for x in text.splitlines() if x.strip()]
    title, first, second = lines[1:4]
    bullets = [x.strip().lstrip("•").strip() for x in lines if x.strip().startswith("•")]
    at_agenda = next(i for i, x in enumerate(lines) if x.startswith("Agenda"))
    audience = lines[at_agenda - 1]
    header = re.findall(r"Time \(JST\)|Agenda|Speakers", lines[at_agenda + 1])
    content = f"""<div class="event-meta"><p class="event-meta__date">{e(first)}<br>{e(second)}</p></div>
<div class="event-theme"><span class="icon icon-objective" aria-hidden="true"></span>
<ul>{''.join(f'<li>{e(b)}</li>' for b in bullets)}</ul></div>
<div class="event-audience"><span class="icon icon-audience" aria-hidden="true"></span><p>{e(audience)}</p></div>
<h3 class="wp-block-heading">{e(lines[at_agenda])}</h3>
{_agenda(header, lines[at_agenda + 2:])}"""
    return _page(title, content, 1733)


# -- reading (each capture scored by tests/real_captures.check) --------------------------------------
def read(url: str, body: str) -> dict[str, Any]:
    """What a reader sees of a parsed event page, by field (a layout error reads as nothing right)."""
    try:
        _source, kind, parse = route(url, body)
        page = parse(url, body)
    except LayoutError as exc:
        return {"error": str(exc)}
    event = next(i for i in page.items if isinstance(i, RecordItem))
    docs = [i for i in page.items if isinstance(i, DocumentItem)]
    return {"kind": kind, **event.fields, "key": event.key, "when": event.when,
            "documents": [(d.role, d.url) for d in docs]}


# -- the captures ------------------------------------------------------------------------------------
def test_t13_4th_working_group_reads_as_the_page_says():
    url, text = real_text("T13_a6ip_4thwg")
    check({
        "kind": "a6ip_event",
        "title": "4th A6IP Working Group on Tracking and Reporting",
        "key": "4th-a6ip-working-group-on-tracking-and-reporting",
        "date": "2024-10-30", "when": "on 30 Oct 2024",
        "times": "19:00 – 21:30 JST / 11:00 – 13:30 CET / 6:00 – 8:30 ET (Online)",
        "start_utc": "2024-10-30T10:00Z", "end_utc": "2024-10-30T12:30Z",
        "zones": ["JST", "CET", "ET"],
        "sessions": [{"date": "2024-10-30", "times": "19:00–21:30 JST",
                      "start_utc": "2024-10-30T10:00Z", "end_utc": "2024-10-30T12:30Z"}],
        "theme": "Options for tracking and the role of registry in enabling ITMOs reporting",
        "audience": "All partner countries and relevant partner organizations",
        "summary": "https://a6partnership.org/news/summary-of-the-4th-working-group-on-tracking-and-reporting",
        "speakers": ["MC: Hayato Nakamura, A6IP Center", "Kazuhisa Koakutsu, Director of the A6IP Center",
                     "Xavier Tibau Alberdi, UNFCCC Secretariat", "Toshinori Hamaguchi, A6IP Center",
                     "Hari Gadde, The World Bank", "Reina Otsuka, UNDP",
                     "Session 3 Moderator: Supanut Chotevitayatarakorn, A6IP Center",
                     "Christina Magerkurth, ART Secretariat", "Gan Rui Yun, Singapore",
                     "Ieva Steponaviciute, CAD-Trust"],
        "agenda": [
            "Session 1: Introduction",
            " | Welcome and updates on A6IP activities | Kazuhisa Koakutsu, Director of A6IP Center, IGES",
            " | Setting the scene: Tracking arrangements under Article 6 and remaining issues under negotiation"
            " | Xavier Tibau Alberdi, Associate Program Officer, UNFCCC secretariat",
            "Session 2: Options for tracking arrangements: Exploring possible options for registry",
            " | Setting the scene: A6IP CB Tools – Possible options for registry"
            " | Toshinori Hamaguchi, Program Manager, A6IP Center",
            "(40 mins) | Sharing information on registries provided by development partners"
            " (Presentation/10 mins each) | ",
        ],
        "slides": [], "recordings": [], "documents": [],
    }, read(url, wrap_4th_wg(text)))


def test_t15_1st_working_group_two_sessions_times_per_line_and_a_video_that_is_no_slides():
    url, text = real_text("T15_a6ip_1stwg")
    check({
        "kind": "a6ip_event",
        "title": "1st Tracking Working Group of the Paris Agreement Article 6 Implementation Partnership",
        "date": "2023-05-10", "when": "on 10 May 2023",
        "times": "May 10th, 2023, from 20:00 to 22:15 JST (11:00 to 13:15 GMT)",
        "start_utc": "2023-05-10T11:00Z", "end_utc": "2023-05-10T13:15Z",
        "zones": ["JST", "GMT"],
        "sessions": [{"date": "2023-05-10", "times": "20:00–22:15 JST",
                      "start_utc": "2023-05-10T11:00Z", "end_utc": "2023-05-10T13:15Z"},
                     {"date": "2023-05-12", "times": "08:00–10:15 JST",  # 23:00 to 1:15 GMT, as the page says
                      "start_utc": "2023-05-11T23:00Z", "end_utc": "2023-05-12T01:15Z"}],
        "theme": "Exchange information from partner countries and organizations involved in tracking for Article 6;"
                 " Promote the development of a tool for tracking",
        "audience": "All partner countries and relevant partner organizations",
        "agenda": [
            "10th: 20:00-20:05 / 12th: 8:00-8:05 |  | Kazuhisa Koakutsu, MOEJ",
            "Session 1: Information sharing on tracking from partner countries",
            "10th: 20:05-20:20 / 12th: 8:05-8:20 | Introductory presentation on tracking of Article 6"
            " | Sana Lingorsky, UNFCCC Secretariat",
        ],
        "recordings": [VIDEO], "slides": [], "documents": [],
    }, read(url, wrap_1st_wg(text)))
