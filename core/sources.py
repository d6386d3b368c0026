"""The sources a6watch follows: one registry of their ids, titles, hosts, start URLs and the meeting
bodies that make them urgent. It imports nothing else of the project, so the configuration, the crawler,
the scheduler and the demo all read the one list (the parsers and routes are in crawler/sources.py)."""

from __future__ import annotations

from dataclasses import dataclass


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

SOURCE_HOSTS: frozenset[str] = frozenset(h for spec in SOURCES.values() for h in spec.hosts)


def host_variants(host: str) -> frozenset[str]:
    """A host with and without ``www.``: the sites answer both, and links use both."""
    bare = host.lower().removeprefix("www.")
    return frozenset((bare, "www." + bare))
