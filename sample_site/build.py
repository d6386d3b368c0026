"""The sample site of each state as a map: canonical URL -> resource (content type, bytes)."""

from __future__ import annotations

from dataclasses import dataclass

from core.resources import read_bytes
from core.sources import ARTICLE_62, FOEN, SINGAPORE
from sample_site import content_records as cr
from sample_site import render_meetings as rm
from sample_site import render_records as rr
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
    add_records(site, state)
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


CDM_PROJECTS = {  # real cdm.unfccc.int pages (saved Feb 2025), served at their own URLs
    "1134": "https://cdm.unfccc.int/Projects/DB/DNV-CUK1179394615.79/view",
    "0373": "https://cdm.unfccc.int/Projects/DB/DNV-CUK1145141778.29/view",
    "0911": "https://cdm.unfccc.int/Projects/DB/DNV-CUK1169886803.63/view",
}
WORKBOOK = "https://unepccc.org/wp-content/uploads/2026/03/article-6-pipeline.xlsx"


def add_records(site: dict[str, Resource], state: int) -> None:
    """A6IP (a6partnership.org), Article 6.2 pages and workbook, and the CDM registry tables."""
    html = "text/html; charset=utf-8"
    for host in ("a6partnership.org", "www.mofa.go.jp", "www.bafu.admin.ch", "carbonmarkets-cooperation.gov.sg",
                 "unepccc.org"):
        site[f"https://{host}/robots.txt"] = Resource("text/plain", ROBOTS.encode())
    events = cr.a6ip_events(state)
    site["https://a6partnership.org/feed/"] = Resource("application/rss+xml; charset=UTF-8",
                                                       rr.a6ip_feed(events).encode())
    for e in events:
        site[f"https://a6partnership.org/news/{e.slug}/"] = Resource(html, rr.a6ip_event(e).encode())
        for _t, item, _who, slides in e.agenda:
            if slides:
                site[f"https://a6partnership.org/wp-content/uploads/{slides}"] = Resource(
                    "application/pdf", simple_pdf(e.title, item, (e.theme, "Authorization and first transfer.")),
                    validators=True)
    a62 = "https://unfccc.int" + ARTICLE_62
    site[f"{a62}/carp/reports"] = Resource(html, rr.carp_reports(cr.carp_reports(state)).encode())
    site[f"{a62}/carp/authorizations"] = Resource(html, rr.carp_authorizations().encode())
    site[f"{a62}/carp/cooperative-approaches"] = Resource(html, rr.carp_cooperative_approaches().encode())
    site["https://www.mofa.go.jp/ic/ch/page1we_000105.html"] = Resource(html, rr.mofa_jcm().encode())
    site["https://www.bafu.admin.ch" + FOEN] = Resource(html, rr.foen_agreements(cr.foen_titles(state)).encode())
    site["https://carbonmarkets-cooperation.gov.sg" + SINGAPORE] = Resource(
        html, rr.singapore_ias(cr.singapore_ias(state)).encode())
    site["https://unepccc.org/article-6-pipeline/"] = Resource(html, rr.pipeline_page(WORKBOOK).encode())
    site[WORKBOOK] = Resource("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              rr.pipeline_workbook(cr.pipeline_rows(state)), validators=True)
    cdm_html = "text/html; charset=iso-8859-1"
    site["https://cdm.unfccc.int/Registry/vc_attest/index.html"] = Resource(
        cdm_html, rr.vc_attest(cr.vc_rows(state), CDM_PROJECTS))
    for number, url in CDM_PROJECTS.items():
        site[url] = Resource(cdm_html, read_bytes("sample_site", f"data/cdm-project-{int(number)}.html"))
