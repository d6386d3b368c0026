"""The router: (host, path) -> (source, kind, parser), sniffing where the URL cannot decide."""

import pytest

from core.errors import LayoutError
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
