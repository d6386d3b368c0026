"""The sample site of each state as a map: canonical URL -> resource (content type, bytes)."""

from __future__ import annotations

from dataclasses import dataclass

from sample_site.content import RESOURCE, SESSIONS, SampleDoc, state_documents
from sample_site.pdfs import document_pdf
from sample_site.render import ROBOTS, document_page, listing_pages, session_page


@dataclass(frozen=True)
class Resource:
    content_type: str
    body: bytes
    validators: bool = False  # files get ETag / Last-Modified, pages do not (as dynamic pages often)


_PDFS: dict[tuple[str, str, int, tuple[str, ...]], bytes] = {}


def _pdf(doc: SampleDoc, language: str) -> bytes:
    key = (doc.symbol, language, doc.revision, doc.paragraphs)
    if key not in _PDFS:
        _PDFS[key] = document_pdf(doc, language)
    return _PDFS[key]


def build_site(state: int) -> dict[str, Resource]:
    docs = state_documents(state)
    site: dict[str, Resource] = {"https://unfccc.int/robots.txt": Resource("text/plain", ROBOTS.encode())}
    sizes: dict[str, int] = {}
    for doc in docs:
        for lang, name in doc.files.items():
            body = _pdf(doc, lang)
            site[RESOURCE + name] = Resource("application/pdf", body, validators=True)
            sizes[RESOURCE + name] = len(body)
    html = "text/html; charset=utf-8"
    for url, page in listing_pages(docs, sizes).items():
        site[url] = Resource(html, page.encode())
    for session in SESSIONS:
        site[f"https://unfccc.int/event/{session.key}"] = Resource(html, session_page(session, docs, sizes).encode())
    for doc in docs:
        site[doc.url] = Resource(html, document_page(doc, sizes).encode())
    return site
