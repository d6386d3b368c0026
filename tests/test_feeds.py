"""Feeds stay valid XML with hostile text, keep stable ids and only carry http(s) links."""

from __future__ import annotations

import html

import feedparser
from lxml import etree

from feeds.build import build_feeds, entry_id
from tests.test_recorder import doc, run, stored


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
    assert html.unescape(content.value) == atom.summary  # the same text, markup shown, never run
