"""Feeds stay valid XML with hostile text, keep stable ids and only carry http(s) links."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from lxml import etree
from sqlalchemy import select

from a6watch.serve import resolve
from core.items import DeadlineItem
from core.sources import SOURCES
from feeds.build import build_feeds, entry_id
from storage.models import DocumentFile
from tests.test_recorder import doc, run, stored
from tests.test_recorder_meetings import mdoc, meeting


def test_hostile_text_is_cleaned_and_escaped_and_ids_are_stable(catalog, clock, tmp_path):
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"))
    evil = 'Draft <script>alert("x")</script> conclusions\x0c with a form feed \x00 & more'
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"), doc("FCCC/SBSTA/2026/L.9", evil, url="javascript:alert(1)"),
        stored("FCCC/SBSTA/2026/1", "a"))
    paths = build_feeds(catalog, tmp_path, "http://127.0.0.1:8765/")
    for path in paths:
        etree.parse(str(path))  # well-formed XML
        parsed = feedparser.parse(path)
        assert not parsed.bozo
    atom = feedparser.parse(tmp_path / "all.atom")
    entry = next(e for e in atom.entries if "L.9" in e.title)
    assert "<script>" not in (tmp_path / "all.atom").read_text()
    assert "&lt;script&gt;" in (tmp_path / "all.atom").read_text()
    assert all(link.href.startswith(("http://", "https://")) for link in entry.links)
    ids = [e.id for e in atom.entries]
    assert all(i.startswith("tag:") for i in ids)
    build_feeds(catalog, tmp_path, "http://127.0.0.1:8765/")
    assert [e.id for e in feedparser.parse(tmp_path / "all.atom").entries] == ids


def test_entry_ids_are_tag_uris_of_the_change_uid():
    assert entry_id("abc") == "tag:a6watch.invalid,2026:change/abc"


def test_hostile_titles_reach_rss_readers_as_text_not_markup(catalog, clock, tmp_path):
    """An RSS description is read as HTML: a title carrying markup must arrive as text there too."""
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"))
    evil = 'Draft <img src="https://evil.example/x.png"> conclusions <b>bold</b> & <a href="https://x">y</a>'
    run(catalog, clock, doc("FCCC/SBSTA/2026/1"), doc("FCCC/SBSTA/2026/L.9", evil))
    build_feeds(catalog, tmp_path, "http://127.0.0.1:8765/")
    rss = next(e for e in feedparser.parse(tmp_path / "all.rss").entries if "L.9" in e.title)
    assert rss.summary_detail.type == "text/html"  # what a reader renders …
    assert "<img" not in rss.summary and "<b>" not in rss.summary and "<a " not in rss.summary
    assert "&lt;img" in rss.summary and "conclusions" in rss.summary  # … shows the markup as text
    atom = next(e for e in feedparser.parse(tmp_path / "all.atom").entries if "L.9" in e.title)
    assert atom.summary_detail.type == "text/plain" and '<img src="https://evil.example/x.png">' in atom.summary
    content = atom.content[0]  # what most Atom readers show when an entry has content
    assert content.type == "text/html" and "<img" not in content.value and "&lt;img" in content.value
    assert lxml.html.fromstring(content.value).text_content() == atom.summary  # the same line, never run


BASE = "http://127.0.0.1:8765/"
SYMBOL = "A6.4-SBM022-AA-A01"
OLD = ("1. The Supervisory Body shall apply a baseline contraction factor of [1.5][2.0] per cent.\n\n"
       "2. Parties shall report annually on their activities under the mechanism.\n\n"
       "3. This paragraph on transition will be taken out of the text entirely.")
NEW = ("1. The Supervisory Body shall apply a baseline contraction factor of 2.0 per cent per year.\n\n"
       "2. Parties shall report annually on their activities under the mechanism.\n\n"
       "4. A new paragraph <script>alert(1)</script> on the share of proceeds for adaptation.")
EVIL = 'Draft standard <script>alert("x")</script>: baseline contraction'


def _new_version_of_an_sbm_annex(catalog, clock, data_dir):
    """SBM 022 with a call for input, and a new version of one of its annexes whose text changed; the
    stored files exist in ``data_dir`` as the crawl would have stored them."""
    url = "https://unfccc.int/calls-for-input/SBM022"
    first = "https://unfccc.int/sites/default/files/resource/a64-sbm022-aa-a01.pdf"
    run(catalog, clock, meeting(), mdoc(SYMBOL, EVIL, "01.0", role="annex"),
        stored(SYMBOL, "a", url=first, text=OLD), listing=False)
    run(catalog, clock, meeting(), mdoc(SYMBOL, EVIL, "01.1", role="annex"),
        stored(SYMBOL, "b", url=first.replace(".pdf", "-v01.1.pdf"), text=NEW),
        DeadlineItem("a64_sbm", url, url, "call_for_input", "Call for input: SBM022", date(2026, 6, 15), "sbm-022"),
        listing=False)
    with catalog.session() as s:
        for path in s.scalars(select(DocumentFile.storage_path)):
            (data_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (data_dir / path).write_bytes(b"%PDF-1.4 stored")


def test_an_entry_body_is_html_with_the_paragraphs_marked_and_the_meeting_deadline(catalog, clock, tmp_path):
    _new_version_of_an_sbm_annex(catalog, clock, tmp_path)
    out = tmp_path / "feeds"
    build_feeds(catalog, out, BASE, now=clock.now())
    raw = feedparser.parse(out / "all.atom", sanitize_html=False)  # the HTML as written, not cleaned by the reader
    entry = next(e for e in raw.entries if e.category == "document.updated")
    body = entry.content[0]
    assert body.type == "text/html"
    page = lxml.html.fromstring(body.value)
    changed, added, removed = page.findall(".//ol/li")  # one item a paragraph changed, added or removed

    def without(item, tag):
        item = lxml.html.fromstring(lxml.html.tostring(item))
        for el in item.findall(f".//{tag}"):
            el.drop_tree()
        return item.text_content()

    # the changed paragraph reads as the old one without its insertions, as the new one without its deletions
    assert without(changed, "ins") == OLD.split("\n\n")[0] and without(changed, "del") == NEW.split("\n\n")[0]
    assert "".join(el.text_content() for el in changed.iter("ins")) == " per year"
    assert [el.tag for el in added] == ["ins"] and added.text_content() == NEW.split("\n\n")[2]
    assert [el.tag for el in removed] == ["del"] and removed.text_content() == OLD.split("\n\n")[2]
    assert "<script" not in body.value and "&lt;script&gt;" in body.value  # crawled text shown, never run
    assert not list(page.iter("script"))
    text = page.text_content()
    assert text.count("paragraph(s) added") == 1  # the counts line once, in the summary line
    assert "Next deadline of SBM 022: Call for input: SBM022, 15 June 2026" in text
    assert EVIL in text  # the title with markup is shown as text in the summary line
    assert "<script" not in (out / "all.atom").read_text().replace("&lt;script", "")
    # the same body is the RSS description, which readers take as HTML
    rss = next(e for e in feedparser.parse(out / "all.rss", sanitize_html=False).entries if "01.1" in e.summary)
    assert rss.summary_detail.type == "text/html" and "<ins>" in rss.summary and "<script" not in rss.summary


def test_a_rebuild_on_a_later_day_keeps_the_feed_bytes_while_the_deadline_is_ahead(catalog, clock, tmp_path):
    """A reader polling daily downloads a feed again only when it changed, not because a day passed."""
    _new_version_of_an_sbm_annex(catalog, clock, tmp_path)
    out = tmp_path / "feeds"
    build_feeds(catalog, out, BASE, now=clock.now())
    before = (out / "all.atom").read_bytes()
    build_feeds(catalog, out, BASE, now=clock.now() + timedelta(days=3))
    assert (out / "all.atom").read_bytes() == before and b"Next deadline" in before


def test_a_past_deadline_is_not_announced(catalog, clock, tmp_path):
    _new_version_of_an_sbm_annex(catalog, clock, tmp_path)
    build_feeds(catalog, tmp_path / "feeds", BASE, now=clock.now().replace(month=6, day=16))
    entry = next(e for e in feedparser.parse(tmp_path / "feeds" / "all.atom").entries
                 if e.category == "document.updated")
    assert "<ins>" in entry.content[0].value and "Next deadline" not in entry.content[0].value


def test_every_entry_link_resolves_to_a_served_path_or_a_source_url(catalog, clock, tmp_path):
    _new_version_of_an_sbm_annex(catalog, clock, tmp_path)
    hosts = {h for spec in SOURCES.values() for h in spec.hosts}
    checked = 0
    for path in build_feeds(catalog, tmp_path / "feeds", BASE, now=clock.now()):
        if path.suffix != ".atom":
            continue
        for entry in feedparser.parse(path).entries:
            for link in entry.links:
                if link.href.startswith(BASE):
                    assert resolve(tmp_path, link.href[len(BASE) - 1:]) is not None, link.href
                else:
                    parts = urlsplit(link.href)
                    assert parts.scheme == "https" and parts.hostname in hosts and parts.path not in ("", "/"), link
                checked += 1
    assert checked > 10


@pytest.mark.slow
def test_every_link_of_every_demo_feed_resolves_and_every_body_is_html(demo_run):
    data_dir, _ = demo_run
    hosts = {h for spec in SOURCES.values() for h in spec.hosts}
    entries = 0
    for path in (data_dir / "feeds").rglob("*.atom"):
        for entry in feedparser.parse(path, sanitize_html=False).entries:
            entries += 1
            assert entry.content[0].type == "text/html" and "<script" not in entry.content[0].value
            for link in entry.links:
                if link.href.startswith(BASE):
                    assert resolve(data_dir, link.href[len(BASE) - 1:]) is not None, link.href
                else:
                    parts = urlsplit(link.href)
                    assert parts.scheme == "https" and parts.hostname in hosts and parts.path not in ("", "/"), link
    assert entries > 100
    rev = next(e for e in feedparser.parse(data_dir / "feeds" / "all.atom").entries if "Rev.1" in e.title)
    assert "<ins>" in rev.content[0].value and rev.content[0].value.count("paragraph(s) added") == 1
