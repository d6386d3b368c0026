"""The router: (host, path) -> (source, kind, parser), sniffing where the URL cannot decide."""

import pytest

from core.errors import LayoutError
from crawler.pages.common import absolute, decode_html
from crawler.sources import RouteError, route, url_kind

CASES = [
    ("https://unfccc.int/documents?f%5B0%5D=category%3AOfficial%20documents", "documents_listing"),
    ("https://unfccc.int/documents?search_api_views_fulltext=Kenya", "documents_listing"),
    ("https://unfccc.int/decisions?f%5B0%5D=conference%3A4202", "documents_listing"),
    ("https://unfccc.int/documents/639656", "document_page"),
    ("https://unfccc.int/fr/documents/639656", "document_page"),
    ("https://unfccc.int/event/cop-29", "session_page"),
    ("https://unfccc.int/event/sbsta-63", "session_page"),
    ("https://unfccc.int/node/649580", "sniff"),
    ("https://unfccc.int/zh/node/180818", "sniff"),
    ("https://unfccc.int/sites/default/files/resource/sbi2025_06E.pdf", "file"),
    ("https://unfccc.int/resource/docs/2013/cmp9/fre/03f.pdf", "file"),
    ("https://example.org/documents/1", None),
    ("https://unfccc.int/about-us", None),
]


@pytest.mark.parametrize("url,kind", CASES)
def test_url_kinds(url, kind):
    assert url_kind(url) == kind


def test_node_alias_is_sniffed_from_the_page():
    body = b'<html><body><div class="document-title"><h1>x</h1></div></body></html>'
    assert route("https://unfccc.int/node/641852", body)[1] == "document_page"
    session = b'<html><body><h1 class="page-title"><span>Sixty-fourth session (SBSTA 64)</span></h1></body></html>'
    assert route("https://unfccc.int/node/1", session)[1] == "session_page"


def test_unrecognisable_node_page_is_a_layout_error_asking_for_kind():
    with pytest.raises(LayoutError, match="--kind"):
        route("https://unfccc.int/node/1", b"<html><body><p>hello</p></body></html>")


def test_kind_override_wins_over_the_url():
    assert route("https://unfccc.int/about-us", b"", "session_page")[1] == "session_page"


def test_unknown_url_and_unknown_kind_are_clear_errors():
    with pytest.raises(RouteError, match="no route"):
        route("https://example.org/x", b"")
    with pytest.raises(RouteError, match="unknown page kind"):
        route("https://unfccc.int/documents/1", b"", "nonsense")
    with pytest.raises(RouteError, match="is a document file"):
        route("https://unfccc.int/sites/default/files/resource/x.pdf", b"")


@pytest.mark.parametrize("url", [
    "https://www.unfccc.int/documents/641852",
    "https://www.cdm.unfccc.int/Meetings/MeetingInfo/DB/HUTFQZ4EKYA30N6/view",
    "https://www.a6partnership.org/news/4th-a6ip-working-group-on-tracking-and-reporting",
])
def test_a_source_host_with_www_routes_like_the_host_and_links_take_the_registry_form(url):
    bare = url.replace("://www.", "://")
    assert url_kind(url) == url_kind(bare) is not None
    assert absolute("https://unfccc.int/", url) == bare
    assert absolute("https://unfccc.int/", "https://bafu.admin.ch/dam/x.pdf") == "https://www.bafu.admin.ch/dam/x.pdf"
    assert absolute("https://unfccc.int/", "https://www.example.org/x") == "https://www.example.org/x"


def test_a_crawl_may_fetch_a_source_host_with_or_without_www(tmp_path):
    from core.settings import Settings
    from crawler.crawl_config import CrawlConfig

    hosts = CrawlConfig(Settings(data_dir=tmp_path, database_url="sqlite://")).allowed_hosts
    assert {"unfccc.int", "www.unfccc.int", "www.bafu.admin.ch", "bafu.admin.ch"} <= hosts
    assert "www.example.org" not in hosts


def test_a_page_that_declares_iso_8859_1_is_read_as_windows_1252_as_browsers_do():
    body = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head>' \
           b"<body>EB 107 \x96 Report \x93draft\x94 caf\xe9</body></html>"
    text = decode_html(body)
    assert "EB 107 \u2013 Report \u201cdraft\u201d caf\u00e9" in text


def test_a_page_that_yields_less_than_its_kind_always_has_is_a_layout_error_never_zero_items():
    from core.items import DocumentItem, Page
    from crawler.pages.common import PageKind, all_of, at_least
    from crawler.sources import checked

    def parse(url, body):
        n = int(body)
        return Page(url, "listing", items=[DocumentItem("s", url, "listing", title=str(i)) for i in range(n)])

    kind = PageKind("listing", parse, minimum=all_of(at_least(1, DocumentItem, what="a document row")))
    assert len(checked(kind)("https://unfccc.int/x", "2").items) == 2
    with pytest.raises(LayoutError, match="0 found, a real page has at least 1: a document row"):
        checked(kind)("https://unfccc.int/x", "0")
