"""The sample site of each state as a map: canonical URL -> resource (content type, bytes). Each source's
pages come from its own module, sample_site/<source id>.py (its content and its templates in
templates/<source id>/), which has ``SOURCE``, ``pages(state)`` and ``EXPECTED_STATE2``."""

from __future__ import annotations

from typing import Protocol

from core.sources import DEFAULT_WATCH, SOURCES
from sample_site import a6ip, a62_bilateral, a64_sbm, cdm_eb, registries, unfccc_documents, watch
from sample_site.common import ROBOTS, Resource

STATES = (1, 2)  # 25 May 2026 and 5 June 2026


class SourcePages(Protocol):
    SOURCE: str
    EXPECTED_STATE2: list[tuple[str, str]]  # what a crawl of state 2 after state 1 reports: (kind, subject)

    def pages(self, state: int) -> dict[str, Resource]: ...


MODULES: dict[str, SourcePages] = {  # in the order of core/sources.py
    module.SOURCE: module for module in (unfccc_documents, a64_sbm, cdm_eb, a6ip, a62_bilateral, registries)}

# What a crawl of state 2 after a baseline of state 1 must report, per source: (kind, subject).
EXPECTED_STATE2 = {**{source_id: module.EXPECTED_STATE2 for source_id, module in MODULES.items()},
                   **watch.EXPECTED_STATE2}


def build_site(state: int) -> dict[str, Resource]:
    hosts = dict.fromkeys(host for spec in SOURCES.values() for host in spec.hosts
                          if not spec.watch or spec.id in DEFAULT_WATCH)
    site = {f"https://{host}/robots.txt": Resource("text/plain", ROBOTS.encode()) for host in hosts}
    for source_id in SOURCES:
        if SOURCES[source_id].watch:  # a watch source: its pages are templates (sample_site/watch.py)
            if source_id not in DEFAULT_WATCH:
                continue  # a configuration's own: not on the sample site
            pages = watch.pages(source_id, state)
        elif source_id not in MODULES:
            raise LookupError(f"no sample pages for {source_id}: write sample_site/{source_id}.py, list it in MODULES")
        else:
            pages = MODULES[source_id].pages(state)
        if clash := site.keys() & pages.keys():
            raise ValueError(f"{source_id}: URLs served by another source too: {sorted(clash)}")
        site.update(pages)
    return site
