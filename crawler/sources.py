"""The router: (host, path pattern) -> (source, page kind, parser), assembled from the page kinds each
parser module declares (``KINDS`` in crawler/pages/<source>.py: its routes, its sniff, bytes or text).

Spiders, ``a6watch parse`` and ``a6watch import`` all dispatch through ``route``. Where a URL
cannot decide (unfccc.int ``/node/<id>`` aliases), the router sniffs the page; ``kind`` overrides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from core.errors import A6WatchError, LayoutError
from core.items import Page
from core.sources import SOURCES, watch_page
from core.watch_sources import PAGE_KINDS
from crawler.pages import a6ip, a62_bilateral, a64_sbm, cdm_eb, registries, unfccc_documents, watch
from crawler.pages.common import LANG, PageKind, registered_host

Parser = Callable[[str, bytes | str], Page]


MODULES = (unfccc_documents, a64_sbm, cdm_eb, a6ip, a62_bilateral, registries)  # each declares its KINDS

# Every page kind, declared beside its parser: kind -> (source, PageKind).
KINDS: dict[str, tuple[str, PageKind]] = {kind.name: (module.SOURCE, kind) for module in MODULES
                                          for kind in module.KINDS}


def checked(kind: PageKind) -> Parser:
    """The kind's parser, held to the kind's minimum: a page that yields less is a layout error."""
    if kind.minimum is None:
        return kind.parse
    minimum = kind.minimum

    def parse(url: str, body: bytes | str) -> Page:
        page = kind.parse(url, body)
        missing = minimum(page)
        if missing:
            raise LayoutError(url, kind.name, f"less than a real page of this kind always has: {missing}")
        return page
    return parse


def watched(url: str, body: bytes | str) -> Page:
    """A watch source's page, parsed as its definition says (core/watch_sources.py)."""
    found = watch_page(url)
    if found is None:
        raise RouteError(f"{url} is not a page of any watch source")
    return watch.parse(found[0], found[1], url, body)


PARSERS: dict[str, tuple[str, Parser]] = {
    **{name: (source, checked(kind)) for name, (source, kind) in KINDS.items()},
    **{kind: ("", watched) for kind in PAGE_KINDS.values()},  # the source is the page's (route)
}
BINARY_KINDS = {name for name, (_source, kind) in KINDS.items() if kind.binary}  # parsed from bytes


@dataclass(frozen=True)
class Route:
    host: str
    path: re.Pattern[str]
    kind: str  # a key of PARSERS, "sniff" or "file"


# What a host serves besides its page kinds, tried after them: its document files, and (unfccc.int)
# /node/<id> aliases whose kind only the page itself can tell.
HOST_ROUTES: tuple[tuple[str, str, str], ...] = (
    ("unfccc.int", rf"^{LANG}/node/\d+/?$", "sniff"),
    ("unfccc.int", r"^/(?:sites/default/files/resource|resource/docs)/", "file"),
    ("www.bafu.admin.ch", r"^/dam/", "file"),
    ("a6partnership.org", r"^/wp-content/uploads/", "file"),
    ("cdm.unfccc.int", r"(?i)^/(?:UserManagement/FileStorage/[A-Z0-9]+|filestorage/)", "file"),
)

ROUTES: tuple[Route, ...] = (
    *(Route(host, re.compile(path), name) for name, (_source, kind) in KINDS.items() for host, path in kind.routes),
    *(Route(host, re.compile(path), what) for host, path, what in HOST_ROUTES),
)

# What proves a page's kind when the URL cannot, in the order the kinds are declared.
_SNIFF: tuple[tuple[str, Callable[[str], bool]], ...] = tuple(
    (name, kind.sniff) for name, (_source, kind) in KINDS.items() if kind.sniff is not None)


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
    if (found := watch_page(url)) is not None:  # a watch source's page: its definition decides
        return found[1].kind
    parts = urlsplit(url)
    host = registered_host(parts.hostname or "")  # www.unfccc.int is unfccc.int
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
        if (found := watch_page(url)) is not None and kind == found[1].kind:
            source = found[0]
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
    if (found := watch_page(url)) is not None:
        source = found[0]
    return source, decided, parser
