"""The registry of sources and the router: (host, path pattern) -> (source, page kind, parser).

Spiders, ``a6watch parse`` and ``a6watch import`` all dispatch through ``route``. Where a URL
cannot decide (unfccc.int ``/node/<id>`` aliases), the router sniffs the page; ``kind`` overrides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from a6watch.errors import A6WatchError, LayoutError
from a6watch.sources import (  # noqa: F401 - re-exported: the registry lives in a6watch.sources
    ARTICLE_62,
    CALLS_FOR_INPUT,
    FOEN,
    SBM_BODY,
    SINGAPORE,
    SOURCES,
    SourceSpec,
)
from crawler.items import Page
from crawler.pages import a6ip, a62_bilateral, a64_sbm, cdm_eb, registries, unfccc_documents

Parser = Callable[[str, bytes | str], Page]


PARSERS: dict[str, tuple[str, Parser]] = {
    "documents_listing": ("unfccc_documents", unfccc_documents.parse_documents_listing),
    "session_page": ("unfccc_documents", unfccc_documents.parse_session_page),
    "document_page": ("unfccc_documents", unfccc_documents.parse_document_page),
    "sbm_meetings": ("a64_sbm", a64_sbm.parse_meetings_list),
    "sbm_meeting": ("a64_sbm", a64_sbm.parse_meeting_page),
    "sbm_in_meeting": ("a64_sbm", a64_sbm.parse_in_meeting_page),
    "sbm_call_for_input": ("a64_sbm", a64_sbm.parse_call_for_input),
    "sbm_rules": ("a64_sbm", a64_sbm.parse_rules),
    "eb_index": ("cdm_eb", cdm_eb.parse_index),
    "eb_meeting": ("cdm_eb", cdm_eb.parse_meeting),
    "a6ip_feed": ("a6ip", a6ip.parse_feed),
    "a6ip_event": ("a6ip", a6ip.parse_event),
    "carp_reports": ("a62_bilateral", a62_bilateral.parse_carp_reports),
    "carp_authorizations": ("a62_bilateral", a62_bilateral.parse_carp_authorizations),
    "carp_cooperative_approaches": ("a62_bilateral", a62_bilateral.parse_carp_cooperative_approaches),
    "mofa_jcm": ("a62_bilateral", a62_bilateral.parse_mofa_jcm),
    "foen_agreements": ("a62_bilateral", a62_bilateral.parse_foen_agreements),
    "singapore_ias": ("a62_bilateral", a62_bilateral.parse_singapore_ias),
    "a6_pipeline_page": ("a62_bilateral", a62_bilateral.parse_pipeline_page),
    "a6_pipeline_workbook": ("a62_bilateral", a62_bilateral.parse_pipeline_workbook),
    "cdm_vc_attest": ("registries", registries.parse_vc_attest),
    "cdm_project": ("registries", registries.parse_project),
}
BINARY_KINDS = {"a6_pipeline_workbook"}  # parsed from bytes, not decoded text

_LANG = r"(?:/(?:fr|es|ru|zh|ar|en))?"


@dataclass(frozen=True)
class Route:
    host: str
    path: re.Pattern[str]
    kind: str  # a key of PARSERS, "sniff" or "file"


ROUTES: tuple[Route, ...] = (
    Route("unfccc.int", re.compile(rf"^{_LANG}/(?:documents|decisions)/?$"), "documents_listing"),
    Route("unfccc.int", re.compile(rf"^{_LANG}/documents/\d+/?$"), "document_page"),
    Route("unfccc.int", re.compile(rf"^{_LANG}/event/[a-z]+-?\d+/?$"), "session_page"),
    Route("unfccc.int", re.compile(rf"^{_LANG}/node/471573/?$"), "sbm_meetings"),
    Route("unfccc.int", re.compile(rf"^{_LANG}{SBM_BODY}/rules-and-regulations/?$"), "sbm_rules"),
    Route("unfccc.int", re.compile(rf"^{_LANG}{SBM_BODY}/[^/]+/in-meeting-doc-broadcast-SBM\d{{3}}/?$"),
          "sbm_in_meeting"),
    Route("unfccc.int", re.compile(rf"^{_LANG}{CALLS_FOR_INPUT}/SBM\d{{3}}/?$"), "sbm_call_for_input"),
    Route("unfccc.int", re.compile(rf"^{_LANG}/node/\d+/?$"), "sniff"),
    Route("unfccc.int", re.compile(r"^/(?:sites/default/files/resource|resource/docs)/"), "file"),
    Route("unfccc.int", re.compile(rf"^{_LANG}{ARTICLE_62}/carp/reports/?$"), "carp_reports"),
    Route("unfccc.int", re.compile(rf"^{_LANG}{ARTICLE_62}/carp/authorizations/?$"), "carp_authorizations"),
    Route("unfccc.int", re.compile(rf"^{_LANG}{ARTICLE_62}/carp/cooperative-approaches/?$"),
          "carp_cooperative_approaches"),
    Route("www.mofa.go.jp", re.compile(r"^/ic/ch/page1we_000105\.html$"), "mofa_jcm"),
    Route("www.bafu.admin.ch", re.compile(rf"^{re.escape(FOEN)}$"), "foen_agreements"),
    Route("www.bafu.admin.ch", re.compile(r"^/dam/"), "file"),
    Route("carbonmarkets-cooperation.gov.sg", re.compile(rf"^{SINGAPORE}/?$"), "singapore_ias"),
    Route("unepccc.org", re.compile(r"^/article-6-pipeline/?$"), "a6_pipeline_page"),
    Route("unepccc.org", re.compile(r"^/wp-content/uploads/\d{4}/\d{2}/[^/]+\.xlsx$"), "a6_pipeline_workbook"),
    Route("a6partnership.org", re.compile(r"^/feed/?$"), "a6ip_feed"),
    Route("a6partnership.org", re.compile(r"^/wp-content/uploads/"), "file"),
    Route("a6partnership.org", re.compile(r"^/(?:news/)?[a-z0-9-]+/?$"), "a6ip_event"),
    Route("cdm.unfccc.int", re.compile(r"^/Registry/vc_attest/index\.html$"), "cdm_vc_attest"),
    Route("cdm.unfccc.int", re.compile(r"^/Projects/DB/[^/]+/view$"), "cdm_project"),
    Route("cdm.unfccc.int", re.compile(r"^/EB/index\.html$"), "eb_index"),
    Route("cdm.unfccc.int", re.compile(r"^/Meetings/MeetingInfo/DB/[A-Z0-9]+/view/?$"), "eb_meeting"),
    Route("cdm.unfccc.int", re.compile(r"^/(?:UserManagement/FileStorage/[A-Z0-9]+|filestorage/)", re.I), "file"),
)

# What proves a page's kind when the URL cannot: (kind, css selector or regex on the text).
_SNIFF: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("documents_listing", lambda html: "block-views-blockdocuments-block-1" in html
     or "block-views-blockdecisions-block-1" in html),
    ("document_page", lambda html: "document-title" in html),
    ("sbm_meetings", lambda html: re.search(r"<h1[^>]*>(?:(?!</h1>).)*Meetings of the Supervisory Body", html, re.S)
     is not None),
    ("sbm_meeting", lambda html: re.search(
        r"<h1[^>]*>(?:(?!</h1>).)*Article 6\.4 Supervisory Body \(SBM?\s?\d{3}\)", html, re.S) is not None),
    ("sbm_call_for_input", lambda html: re.search(r"<h1[^>]*>(?:(?!</h1>).)*Call for input", html, re.S)
     is not None),
    ("session_page", lambda html: re.search(
        r"<h1[^>]*>(?:(?!</h1>).)*\((?:COP|CMP|CMA|SBSTA|SBI)\s?\d{1,3}\)", html, re.S) is not None),
)


class RouteError(A6WatchError):
    pass


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def source_for_host(host: str) -> str | None:
    for spec in SOURCES.values():
        if host in spec.hosts or any(host.endswith("." + h) for h in spec.hosts):
            return spec.id
    return None


def url_kind(url: str) -> str | None:
    """The kind decided by the URL alone: a page kind, "sniff", "file" or None (no route)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for r in ROUTES:
        if r.host == host and r.path.match(parts.path or "/"):
            return r.kind
    return None


def sniff(url: str, body: bytes | str) -> str:
    html = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for kind, test in _SNIFF:
        if test(html):
            return kind
    raise LayoutError(url, "any known page", "the page matches no known page kind; pass --kind")


def route(url: str, body: bytes | str | None = None, kind: str | None = None) -> tuple[str, str, Parser]:
    """(source, page kind, parser) for a page. ``kind`` overrides the URL and the sniffing."""
    if kind:
        if kind not in PARSERS:
            raise RouteError(f"unknown page kind {kind!r}; known: {', '.join(sorted(PARSERS))}")
        source, parser = PARSERS[kind]
        return source, kind, parser
    decided = url_kind(url)
    if decided is None:
        raise RouteError(f"no route for {url}: not a known page of any source (use --kind to force one)")
    if decided == "file":
        raise RouteError(f"{url} is a document file, not a page")
    if decided == "sniff":
        if body is None:
            raise RouteError(f"{url} needs its body to decide its page kind")
        decided = sniff(url, body)
    source, parser = PARSERS[decided]
    return source, decided, parser
