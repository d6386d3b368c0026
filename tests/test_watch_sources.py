"""Declarative watch sources: the configuration they are made of (one-line errors naming the key), and
the three parsers (a table by its key columns, a list of documents with versions, a region's text)."""

from __future__ import annotations

import pytest

from core.config import load_settings
from core.errors import ConfigError, LayoutError
from core.items import DocumentItem, RecordItem
from core.sources import SOURCES, install_watch_sources, watch_page
from core.watch_sources import WatchPage, read_watch_sources
from crawler.pages import watch
from crawler.sources import RouteError, route
from tests.cli import a6watch

SOURCE = """
[[watch_sources]]
id = "my_registry"
title = "My registry"
[[watch_sources.pages]]
url = "https://registry.example.net/list"
watch = "table"
key = ["Programme"]
"""


@pytest.fixture(autouse=True)
def _only_shipped_watch_sources():
    yield
    install_watch_sources(())  # a configuration read in a test leaves no source behind


def test_a_watch_source_in_the_config_is_a_known_source_routed_by_its_pages(tmp_path):
    cfg = tmp_path / "a6watch.toml"
    cfg.write_text(SOURCE)
    settings = load_settings(cfg, env={})
    assert "my_registry" in settings.sources and "my_registry" in SOURCES
    assert SOURCES["my_registry"].hosts == ("registry.example.net",)
    source, kind, _parser = route("https://www.registry.example.net/list/")  # www. and a trailing slash
    assert (source, kind) == ("my_registry", "watch_table")
    load_settings(env={"A6WATCH_CONFIG": str(tmp_path / "none.toml")})  # another configuration: it is gone
    assert "my_registry" not in SOURCES
    with pytest.raises(RouteError):
        route("https://registry.example.net/list")


@pytest.mark.parametrize(("config", "error"), [
    ('[[watch_sources]]\nid = "x1"\n', "watch_sources[0].pages: a watch source needs at least one page"),
    ('[[watch_sources]]\nid = "Bad Id"\n[[watch_sources.pages]]\nurl = "https://a.org/"\nwatch = "text"\n',
     "watch_sources[0].id: 'Bad Id' must be lower-case"),
    ('[[watch_sources]]\nid = "x1"\n[[watch_sources.pages]]\nurl = "https://a.org/"\nwatch = "rows"\n',
     "watch_sources[0].pages[0].watch: 'rows' is not one of table, links, text"),
    ('[[watch_sources]]\nid = "x1"\n[[watch_sources.pages]]\nurl = "https://a.org/"\nwatch = "table"\n',
     "watch_sources[0].pages[0].key: a table needs its key columns"),
    ('[[watch_sources]]\nid = "x1"\n[[watch_sources.pages]]\nurl = "ftp://a.org/"\nwatch = "text"\n',
     "watch_sources[0].pages[0].url: expected an http(s) URL"),
    ('[[watch_sources]]\nid = "x1"\n[[watch_sources.pages]]\nurl = "https://a.org/"\nwatch = "text"\n'
     'select = "div[["\n', "watch_sources[0].pages[0].select: not a CSS selector"),
    ('[[watch_sources]]\nid = "x1"\n[[watch_sources.pages]]\nurl = "https://a.org/"\nwatch = "links"\n'
     'links = "(["\n', "watch_sources[0].pages[0].links: not a regular expression"),
    ('[[watch_sources]]\nid = "x1"\n[[watch_sources.pages]]\nurl = "https://a.org/"\nwatch = "text"\ncolour = 1\n',
     "watch_sources[0].pages[0].colour: unknown key"),
    ('[[watch_sources]]\nid = "icvcm"\n[[watch_sources.pages]]\nurl = "https://a.org/"\nwatch = "text"\n',
     "watch_sources: id 'icvcm' is already a source"),
    ('[[watch_sources]]\nid = "x1"\n[[watch_sources.pages]]\nurl = "https://icvcm.org/assessment-status"\n'
     'watch = "text"\n', "is already watched by 'icvcm'"),
])
def test_a_wrong_watch_source_is_a_one_line_error_naming_its_key(tmp_path, config, error):
    cfg = tmp_path / "a6watch.toml"
    cfg.write_text(config)
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, env={})
    assert error in str(err.value) and "\n" not in str(err.value)
    proc = a6watch("--config", str(cfg), "status", env={"A6WATCH_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 2 and error in proc.stderr and "Traceback" not in proc.stderr


def test_the_shipped_watch_sources_cover_the_landscape():
    assert {"icvcm", "corsia", "sbti", "iso", "jcm", "jcredit", "gx_ets", "pacm"} <= set(SOURCES)
    kinds = {page.watch for source in SOURCES.values() for page in source.watch}
    assert kinds == {"table", "links", "text"}
    assert any(page.language == "ja" for source in SOURCES.values() for page in source.watch)
    facts = {page.landscape for source in SOURCES.values() for page in source.watch if page.landscape}
    assert facts == {"ccp", "corsia", "a64_transition", "jcm"}


TABLE = WatchPage("https://a.org/t", "table", key=("Programme",), name="programme", table="t",
                  strip=r"NEW|\(PDF[^)]*\)")


def _table(rows: str, header: str = "<tr><th>Programme</th><th>Status</th></tr>") -> str:
    return f"<html><body><nav>menu</nav><table>{header}{rows}</table></body></html>"


def test_a_table_row_is_keyed_by_its_key_columns_and_every_column_is_a_field():
    page = watch.parse_table(TABLE, TABLE.url, _table(
        '<tr><td><a href="/p/1">Alpha</a> NEW (PDF:12KB)</td><td>Approved</td></tr>'
        "<tr><td>Beta</td><td>Pending</td></tr>"))
    rows = [i for i in page.items if isinstance(i, RecordItem)]
    assert [(r.key, r.fields, r.url) for r in rows] == [
        ("Alpha", {"Programme": "Alpha", "Status": "Approved"}, "https://a.org/p/1"),
        ("Beta", {"Programme": "Beta", "Status": "Pending"}, None)]
    assert page.complete_listing  # a row gone from it is judged removed


def test_a_table_whose_key_column_is_gone_is_a_layout_error_not_every_row_changed():
    with pytest.raises(LayoutError, match="no table with the key column"):
        watch.parse(  "s", TABLE, TABLE.url, _table("<tr><td>Alpha</td><td>x</td></tr>",
                                                    "<tr><th>Name</th><th>Status</th></tr>"))
    with pytest.raises(LayoutError, match="a row of the watched table"):  # an empty table: never silence
        watch.parse("s", TABLE, TABLE.url, _table(""))


LINKS = WatchPage("https://a.org/docs", "links", name="standard")


def test_links_read_versions_and_keep_one_document_across_versions():
    one = watch.parse_links(LINKS, LINKS.url, '<ul><li><a href="/f/Rulebook-v3.1.pdf">Rulebook v3.1</a></li>'
                                              '<li><a href="/up/2024/07/Manual_Version_02.0.pdf">Manual Version 02.0'
                                              '</a> (12 May 2024)</li><li><a href="/about">About</a></li></ul>')
    two = watch.parse_links(LINKS, LINKS.url, '<ul><li><a href="/f/Rulebook-v3.2.pdf">Rulebook v3.2</a></li>'
                                              '<li><a href="/up/2026/01/Manual_Version_03.0.pdf">Manual Version 03.0'
                                              '</a></li></ul>')
    docs = [i for i in one.items if isinstance(i, DocumentItem)]
    assert [(d.title, d.version, d.files[0].url) for d in docs] == [
        ("Rulebook", "3.1", "https://a.org/f/Rulebook-v3.1.pdf"),
        ("Manual", "02.0", "https://a.org/up/2024/07/Manual_Version_02.0.pdf")]
    assert str(docs[1].publication_date) == "2024-05-12"
    assert [d.key() for d in docs] == [d.key() for d in two.items if isinstance(d, DocumentItem)]


def test_a_link_named_here_is_named_by_its_row():
    page = watch.parse_links(LINKS, LINKS.url, "<table><tr><td><b>Eligibility Criteria</b></td><td>Available "
                                               '<a href="/d/criteria.pdf">here</a>.</td></tr></table>')
    assert [i.title for i in page.items] == ["Eligibility Criteria"]


TEXT = WatchPage("https://a.org/page", "text", language="ja")


@pytest.mark.parametrize("encoding", ["utf-8", "shift_jis", "euc-jp"])
def test_a_pages_text_is_its_main_content_in_any_japanese_encoding(encoding):
    html = (f'<html><head><meta charset="{encoding}"><title>t</title></head><body>'
            '<header><nav>メニュー ホーム</nav></header><div class="breadcrumb">ホーム &gt; 制度</div>'
            "<main><h1>排出量取引制度</h1><p>第2フェーズは2026年度から。</p><ul><li>相当調整</li></ul></main>"
            "<footer>最終更新日：2026年6月5日</footer></body></html>")
    page = watch.parse("gx", TEXT, TEXT.url, html.encode(encoding))
    assert page.meta[watch.TEXT_FIELD] == "排出量取引制度\n\n第2フェーズは2026年度から。\n\n相当調整"
    assert [i.title for i in page.items] == ["排出量取引制度"]


def test_a_page_without_its_region_is_a_layout_error():
    page = WatchPage("https://a.org/page", "text", select="div.honbun")
    with pytest.raises(LayoutError, match="div.honbun"):
        watch.parse("s", page, page.url, "<html><body><p>moved</p></body></html>")


def test_an_unwatched_url_is_not_a_watch_page():
    assert watch_page("https://icvcm.org/assessment-status") is not None
    assert watch_page("https://icvcm.org/other") is None
    assert read_watch_sources(None) == ()
