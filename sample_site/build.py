"""The sample site of each state as a map: canonical URL -> resource (content type, bytes)."""

from __future__ import annotations

from dataclasses import dataclass

from sample_site import render_meetings as rm
from sample_site.content import RESOURCE, SESSIONS, SampleDoc, state_documents
from sample_site.content_meetings import SBM_BODY, eb_meetings, rules, sbm_meetings
from sample_site.pdfs import document_pdf, simple_pdf
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
    add_meetings(site, state)
    return site


def add_meetings(site: dict[str, Resource], state: int) -> None:
    """The Article 6.4 Supervisory Body pages (unfccc.int) and the CDM Executive Board (cdm.unfccc.int)."""
    html = "text/html; charset=utf-8"
    pdf = "application/pdf"
    meetings = sbm_meetings(state)
    site["https://unfccc.int/node/471573"] = Resource(html, rm.sbm_list(meetings).encode())
    for m in meetings:
        site[m.url] = Resource(html, rm.sbm_meeting(m).encode())
        for d in m.docs:
            site[d.file] = Resource(pdf, simple_pdf(d.reference, d.title, d.text), validators=True)
        if m.in_meeting:
            site[rm.in_meeting_url(m)] = Resource(html, rm.sbm_in_meeting(m).encode())
            for title, stamp, url in m.in_meeting:
                site[url] = Resource(pdf, simple_pdf(m.code, title, (f"Iteration of {stamp}.",)), validators=True)
        if m.call_for_input:
            site[rm.call_url(m)] = Resource(html, rm.sbm_call(m).encode())
    regulations = rules(state)
    site[f"{SBM_BODY}/rules-and-regulations"] = Resource(html, rm.sbm_rules(regulations).encode())
    for r in regulations:
        site[r.file] = Resource(pdf, simple_pdf(r.reference, f"{r.title} (version {r.version})", r.text),
                                validators=True)
    cdm_html = "text/html; charset=iso-8859-1"
    site["https://cdm.unfccc.int/robots.txt"] = Resource("text/plain", ROBOTS.encode())
    ebs = eb_meetings(state)
    site["https://cdm.unfccc.int/EB/index.html"] = Resource(cdm_html, rm.eb_index(ebs))
    for e in ebs:
        site[e.url] = Resource(cdm_html, rm.eb_meeting(e))
        for d in e.docs:
            # FileStorage URLs have no extension and no useful Content-Type: the type comes from the bytes.
            site[d.file] = Resource("application/octet-stream", simple_pdf(f"EB {e.number}", d.title, d.text),
                                    validators=True)
