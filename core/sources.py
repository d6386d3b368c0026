"""The sources a6watch follows: one registry of their ids, titles, hosts, start URLs and the meeting
bodies that make them urgent. It imports nothing else of the project, so the configuration, the crawler,
the scheduler and the demo all read the one list (the parsers and routes are in crawler/sources.py)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from core.watch_sources import WatchPage, WatchSource, default_watch_sources


@dataclass(frozen=True)
class SourceSpec:
    id: str
    title: str
    hosts: tuple[str, ...]
    start_urls: tuple[str, ...]
    bodies: tuple[str, ...] = ()  # the meeting bodies whose meetings make this source urgent (cadence)
    # The page kinds that carry a sitting meeting's documents: polled every few minutes while it sits,
    # starting from the meeting's own page (the archive is not walked then).
    session_kinds: tuple[str, ...] = ()
    watch: tuple[WatchPage, ...] = ()  # a declarative watch source's pages (core/watch_sources.py)


SBM_BODY = "/process-and-meetings/bodies/constituted-bodies/article-64-supervisory-body"
CALLS_FOR_INPUT = ("/process-and-meetings/the-paris-agreement/article-6/article-64-pacm"
                   "/stakeholder-engagement/calls-for-input")

ARTICLE_62 = "/process-and-meetings/the-paris-agreement/article-6/article-62"
FOEN = ("/bafu/en/home/topics/climate/info-specialists/climate--international-affairs/"
        "staatsvertraege-umsetzung-klimauebereinkommen-von-paris-artikel6.html")
SINGAPORE = "/our-article-6-cooperation/singapores-art-6-cooperations/implementation-agreements"

SOURCES: dict[str, SourceSpec] = {
    "unfccc_documents": SourceSpec(
        id="unfccc_documents",
        bodies=("SBSTA", "SBI", "COP", "CMP", "CMA"),
        session_kinds=("session_page",),
        title="UNFCCC session documents (unfccc.int)",
        hosts=("unfccc.int",),
        start_urls=(
            "https://unfccc.int/documents?f%5B0%5D=category%3AOfficial%20documents",
            "https://unfccc.int/event/sbsta-64",
            "https://unfccc.int/event/sbi-64",
            "https://unfccc.int/event/cop-31",
            "https://unfccc.int/event/cmp-21",
            "https://unfccc.int/event/cma-8",
            "https://unfccc.int/event/sbsta-65",
            "https://unfccc.int/event/sbi-65",
        ),
    ),
    "a64_sbm": SourceSpec(
        id="a64_sbm",
        bodies=("SBM",),
        session_kinds=("sbm_meeting", "sbm_in_meeting"),
        title="Article 6.4 Supervisory Body (unfccc.int)",
        hosts=("unfccc.int",),
        start_urls=(
            "https://unfccc.int/node/471573",
            f"https://unfccc.int{SBM_BODY}/rules-and-regulations",
        ),
    ),
    "cdm_eb": SourceSpec(
        id="cdm_eb",
        bodies=("EB",),
        session_kinds=("eb_meeting",),
        title="CDM Executive Board (cdm.unfccc.int)",
        hosts=("cdm.unfccc.int",),
        start_urls=("https://cdm.unfccc.int/EB/index.html",),
    ),
    "a6ip": SourceSpec(
        id="a6ip",
        bodies=(),
        title="Article 6 Implementation Partnership (a6partnership.org)",
        hosts=("a6partnership.org",),
        start_urls=("https://a6partnership.org/feed/",),
    ),
    "a62_bilateral": SourceSpec(
        id="a62_bilateral",
        bodies=("SBSTA", "CMA"),
        title="Article 6.2 cooperation: CARP, governments, Article 6 Pipeline",
        hosts=("unfccc.int", "www.mofa.go.jp", "www.bafu.admin.ch", "carbonmarkets-cooperation.gov.sg",
               "unepccc.org"),
        start_urls=(
            f"https://unfccc.int{ARTICLE_62}/carp/reports",
            f"https://unfccc.int{ARTICLE_62}/carp/authorizations",
            f"https://unfccc.int{ARTICLE_62}/carp/cooperative-approaches",
            "https://www.mofa.go.jp/ic/ch/page1we_000105.html",
            f"https://www.bafu.admin.ch{FOEN}",
            f"https://carbonmarkets-cooperation.gov.sg{SINGAPORE}",
            "https://unepccc.org/article-6-pipeline/",
        ),
    ),
    "registries": SourceSpec(
        id="registries",
        bodies=("EB",),
        title="Registry publications (CDM registry, project pages)",
        hosts=("cdm.unfccc.int",),
        start_urls=("https://cdm.unfccc.int/Registry/vc_attest/index.html",),
    ),
}

CODE_SOURCES = tuple(SOURCES)  # the sources with their own parser modules (crawler/pages/<id>.py)
# Every host of every source (with the form the registry writes): grows when watch sources are installed.
SOURCE_HOSTS: set[str] = {h for spec in SOURCES.values() for h in spec.hosts}
# The pages of the watch sources, by their URL's key (watch_key): (source id, the page's definition).
WATCH_PAGES: dict[str, tuple[str, WatchPage]] = {}
DEFAULT_WATCH: list[str] = []  # the ids of the shipped watch sources
_CONFIGURED_WATCH: list[str] = []  # the ids of the configuration's own watch sources


def host_variants(host: str) -> frozenset[str]:
    """A host with and without ``www.``: the sites answer both, and links use both."""
    bare = host.lower().removeprefix("www.")
    return frozenset((bare, "www." + bare))


def watch_key(url: str) -> str:
    """A watched page's URL as it is looked up: host without ``www.``, path without a trailing slash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/') or '/'}" + (f"?{parts.query}" if parts.query else "")


def watch_page(url: str) -> tuple[str, WatchPage] | None:
    """(source id, page definition) of a watched page, or None."""
    return WATCH_PAGES.get(watch_key(url))


def _spec(source: WatchSource) -> SourceSpec:
    return SourceSpec(id=source.id, title=source.title, hosts=source.all_hosts,
                      start_urls=tuple(p.url for p in source.pages), bodies=source.bodies, watch=source.pages)


def _rebuild() -> None:
    SOURCE_HOSTS.clear()
    SOURCE_HOSTS.update(h for spec in SOURCES.values() for h in spec.hosts)
    WATCH_PAGES.clear()
    for spec in SOURCES.values():
        for page in spec.watch:
            WATCH_PAGES.setdefault(watch_key(page.url), (spec.id, page))


def install_watch_sources(configured: tuple[WatchSource, ...]) -> None:
    """Make the configuration's watch sources known sources, replacing those of a configuration read
    before (the shipped ones stay). A watch source may not take the id or a page of another source."""
    from core.errors import ConfigError

    for source_id in _CONFIGURED_WATCH:
        SOURCES.pop(source_id, None)
    _CONFIGURED_WATCH.clear()
    _rebuild()
    for source in configured:
        if source.id in SOURCES:
            raise ConfigError(f"watch_sources: id {source.id!r} is already a source ({SOURCES[source.id].title})")
        for page in source.pages:
            if (taken := watch_page(page.url)) is not None:
                raise ConfigError(f"watch_sources: {page.url} is already watched by {taken[0]!r}")
    for source in configured:
        SOURCES[source.id] = _spec(source)
        _CONFIGURED_WATCH.append(source.id)
    _rebuild()


def known_sources() -> tuple[str, ...]:
    """Every source id: those with parser modules, the shipped watch sources, the configured ones."""
    return tuple(SOURCES)


for _source in default_watch_sources():
    SOURCES[_source.id] = _spec(_source)
    DEFAULT_WATCH.append(_source.id)
_rebuild()
