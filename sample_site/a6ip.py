"""a6ip: the Article 6 Implementation Partnership (a6partnership.org, WordPress): the RSS feed, the event
pages and the slides they link. State 2: a new webinar, and slides added to an upcoming one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime

from sample_site.common import HTML, PDF, Resource, render
from sample_site.pdfs import simple_pdf

SOURCE = "a6ip"
SITE = "https://a6partnership.org"


def pages(state: int) -> dict[str, Resource]:
    events = a6ip_events(state)
    feed = render("a6ip/feed.xml.html", site=SITE, events=events,
                  published=format_datetime(datetime(2026, 5, 20, tzinfo=UTC)))
    site = {f"{SITE}/feed/": Resource("application/rss+xml; charset=UTF-8", feed.encode())}
    for e in events:
        site[f"{SITE}/news/{e.slug}/"] = Resource(HTML, render("a6ip/event.html", e=e, site=SITE).encode())
        for _time, item, _who, slides in e.agenda:
            if slides:
                site[f"{SITE}/wp-content/uploads/{slides}"] = Resource(
                    PDF, simple_pdf(e.title, item, (e.theme, "Authorization and first transfer.")), validators=True)
    return site


@dataclass(frozen=True)
class A6ipEvent:
    slug: str
    title: str
    date_line: str
    times: str
    theme: str
    audience: str
    speakers: tuple[str, ...]
    agenda: tuple[tuple[str, str, str, str], ...]  # (time, item, speakers, slides file name or "")
    videos: tuple[str, ...] = ()


EVENTS_1 = (
    A6ipEvent("4th-a6ip-working-group-on-tracking-and-reporting",
              "4th A6IP Working Group on Tracking and Reporting", "October 30th, 2024",
              "19:00 – 21:30 JST / 11:00 – 13:30 CET / 6:00 – 8:30 ET (Online)",
              "Options for tracking and the role of registry in enabling ITMOs reporting",
              "All partner countries and relevant partner organizations",
              ("Kazuhisa Koakutsu, Director of A6IP Center", "Hayato Nakamura, Program Manager, A6IP Center"),
              (("19:00-19:10", "Opening remarks", "Hayato Nakamura, Program Manager, A6IP Center", ""),
               ("19:10-19:50", "Background on Article 6 rules for tracking and reporting",
                "Kazuhisa Koakutsu, Director of A6IP Center (Online)", "2024/10/a6ip-wg4-session1.pdf")),
              ("https://www.youtube.com/watch?v=a6ipwg4s1",)),
    A6ipEvent("a6ip-webinar-on-authorization-of-itmos",
              "A6IP Webinar on Authorization of ITMOs", "June 18th, 2026",
              "16:00 – 17:30 JST / 9:00 – 10:30 CEST / 3:00 – 4:30 ET (Online)",
              "Authorization, first transfer and corresponding adjustments",
              "Partner countries' Article 6 focal points",
              ("Kazuhisa Koakutsu, Director of A6IP Center",),
              (("16:00-16:40", "Authorization statements in initial reports",
                "Kazuhisa Koakutsu, Director of A6IP Center", ""),)),
)


def a6ip_events(state: int) -> tuple[A6ipEvent, ...]:
    if state == 1:
        return EVENTS_1
    wg4, webinar = EVENTS_1
    webinar = replace(webinar, agenda=(("16:00-16:40", "Authorization statements in initial reports",
                                        "Kazuhisa Koakutsu, Director of A6IP Center",
                                        "2026/06/a6ip-authorization-webinar.pdf"),))
    new = A6ipEvent("5th-a6ip-working-group-on-registries", "5th A6IP Working Group on Registries",
                    "July 9th, 2026", "18:00 – 20:00 JST / 11:00 – 13:00 CEST / 5:00 – 7:00 ET (Online)",
                    "Connecting national registries to the international registry",
                    "All partner countries", ("Hayato Nakamura, Program Manager, A6IP Center",),
                    (("18:00-18:30", "Registry interoperability", "Hayato Nakamura, Program Manager, A6IP Center",
                      ""),))
    return (wg4, webinar, new)


# What a crawl of state 2 after a baseline of state 1 must report: (kind, subject).
EXPECTED_STATE2 = sorted([
    ("document.new", "A6IP Webinar on Authorization of ITMOs: slides 1"),
    ("record.added", "5th A6IP Working Group on Registries"),
    ("record.changed", "A6IP Webinar on Authorization of ITMOs"),
])
