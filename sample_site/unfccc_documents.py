"""unfccc_documents: the session documents of unfccc.int (sources.md §1), with real-style symbols,
titles and dates: the documents listing, the session (event) pages, the document pages and their PDFs.

State 1 is the site as of 25 May 2026 (SB 64 ahead); state 2 as of 5 June 2026, with a Rev and a
Corr issued, a document added, an advance version replaced by its final text, a PDF replaced
under the same URL, a language added and a document withdrawn.

The November 2026 sessions (COP 31, CMP 21, CMA 8, SBSTA 65, SBI 65: Antalya) have their session
pages and a few early documents, among them a CMA 8 draft decision on Article 6.2 in [brackets]
whose Rev.1 (state 2) resolves some brackets, drops others and adds one: a draft text with two
iterations, for the packs' bracket history. (Such a draft is really issued during the session; the
sample dates it before the demo's clock.) The Rev.1 is on its session page but not yet on the documents
listing, as happens while the site's search index lags: a crawl meets it on the session page, so the
change it records always names its meeting (a change recorded from a listing row, which names no
meeting, would leave the CMA 8 feed out of the demo depending on the crawl's order).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import NamedTuple

from sample_site.common import HTML, PDF, RESOURCE, Resource, relative, render
from sample_site.pdfs import official_pdf

SOURCE = "unfccc_documents"
LANG_NAMES = {  # in the order of unfccc.int's download menus
    "ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}
LISTING_PATH = "https://unfccc.int/documents?f%5B0%5D=category%3AOfficial%20documents"
PAGE_SIZE = 5


def pages(state: int) -> dict[str, Resource]:
    docs = state_documents(state)
    site: dict[str, Resource] = {}
    sizes: dict[str, int] = {}
    for doc in docs:
        for lang, name in doc.files.items():
            body = document_pdf(doc, lang)
            site[RESOURCE + name] = Resource(PDF, body, validators=True)
            sizes[RESOURCE + name] = len(body)
    for url, page in listing_pages(docs, sizes).items():
        site[url] = Resource(HTML, page.encode())
    for session in SESSIONS:
        site[session.url] = Resource(HTML, session_page(session, docs, sizes).encode())
    for doc in docs:
        site[doc.url] = Resource(HTML, document_page(doc, sizes).encode())
    return site


@dataclass(frozen=True)
class SampleDoc:
    node: int  # https://unfccc.int/documents/<node>
    symbol: str
    title: str
    doc_type: str
    published: date
    session: str  # e.g. "sbsta-64"
    agenda: tuple[str, str]  # (number, title)
    files: dict[str, str]  # language -> file name under RESOURCE
    paragraphs: tuple[str, ...]
    two_column: bool = False
    draft: bool = False  # negotiated text: its paragraphs once, as numbered in the draft (no filler repeats)
    listed: bool = True  # on the documents listing (the site's search index lags behind its session pages)
    revision: int = 0  # bump to re-issue the same file name with new content
    withdrawn: bool = False
    abstract: str = ""
    langs_text: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://unfccc.int/documents/{self.node}"

    @property
    def shown_date(self) -> str:  # "4 Jun 2026"
        return self.published.strftime("%d %b %Y").lstrip("0")


@dataclass(frozen=True)
class SampleSession:
    key: str
    code: str
    title: str
    dates: str
    venue: str
    agenda: tuple[tuple[str, str], ...]
    conference: str = "Bonn Climate Change Conference - June 2026"

    @property
    def url(self) -> str:
        return f"https://unfccc.int/event/{self.key}"


CONFERENCE = "Bonn Climate Change Conference - June 2026"
SESSIONS: tuple[SampleSession, ...] = (
    SampleSession("sbsta-64", "SBSTA 64",
                  "Sixty-fourth session of the Subsidiary Body for Scientific and Technological Advice (SBSTA 64)",
                  "8 – 18 June 2026", "Bonn, Germany",
                  (("2 (a)", "Adoption of the agenda"),
                   ("12 (a)", "Guidance on cooperative approaches referred to in Article 6, paragraph 2, of the "
                              "Paris Agreement"),
                   ("12 (b)", "Rules, modalities and procedures for the mechanism established by Article 6, "
                              "paragraph 4, of the Paris Agreement"),
                   ("13", "Reports on other activities"))),
    SampleSession("sbi-64", "SBI 64",
                  "Sixty-fourth session of the Subsidiary Body for Implementation (SBI 64)",
                  "8 – 18 June 2026", "Bonn, Germany",
                  (("2 (a)", "Adoption of the agenda"),
                   ("17", "Arrangements for intergovernmental meetings"),
                   ("19", "Administrative, financial and institutional matters"))),
)
ANTALYA = "Antalya Climate Change Conference - November 2026"
NOVEMBER = ("9 – 20 November 2026", "Antalya, Türkiye")
ADOPTION = ("2 (a)", "Adoption of the agenda")
A62_ITEM = ("15 (a)",
            "Guidance on cooperative approaches referred to in Article 6, paragraph 2, of the Paris Agreement")
SESSIONS_NOVEMBER = (
    SampleSession("cop-31", "COP 31", "Thirty-first session of the Conference of the Parties (COP 31)", *NOVEMBER,
                  (ADOPTION, ("4", "Report of the Subsidiary Body for Implementation")), ANTALYA),
    SampleSession("cmp-21", "CMP 21",
                  "Twenty-first session of the Conference of the Parties serving as the meeting of the Parties to "
                  "the Kyoto Protocol (CMP 21)", *NOVEMBER,
                  (ADOPTION, ("9", "Matters relating to the clean development mechanism")), ANTALYA),
    SampleSession("cma-8", "CMA 8",
                  "Eighth session of the Conference of the Parties serving as the meeting of the Parties to the "
                  "Paris Agreement (CMA 8)", *NOVEMBER,
                  (ADOPTION, A62_ITEM,
                   ("15 (b)", "Guidance on the mechanism established by Article 6, paragraph 4, of the Paris "
                              "Agreement")), ANTALYA),
    SampleSession("sbsta-65", "SBSTA 65",
                  "Sixty-fifth session of the Subsidiary Body for Scientific and Technological Advice (SBSTA 65)",
                  *NOVEMBER, (ADOPTION,), ANTALYA),
    SampleSession("sbi-65", "SBI 65", "Sixty-fifth session of the Subsidiary Body for Implementation (SBI 65)",
                  *NOVEMBER, (ADOPTION,), ANTALYA),
)
SESSIONS = SESSIONS + SESSIONS_NOVEMBER

CA = ("Participating Parties shall apply corresponding adjustments for the first transfer of "
      "internationally transferred mitigation outcomes (ITMOs), consistent with their authorization.")
AUTH = ("Each participating Party shall report its authorization of ITMOs for use towards nationally "
        "determined contributions and for other international mitigation purposes in its initial report.")
PIPE = ("The secretariat recorded 108 bilateral agreements, 41 cooperative approaches and 17 initial reports "
        "by 28 February 2026, including Joint Crediting Mechanism (JCM) partnerships.")
REMOVALS = ("The Supervisory Body adopted the standard on activities involving removals, including "
            "requirements on monitoring, reversals and the share of proceeds for adaptation.")

_BASE_DOCS = (
    SampleDoc(650102, "FCCC/SBSTA/2026/1", "Provisional agenda and annotations. Note by the Executive Secretary",
              "Agendas and annotations", date(2026, 3, 20), "sbsta-64", SESSIONS[0].agenda[0],
              {"en": "sbsta2026_01E.pdf", "fr": "sbsta2026_01F.pdf", "es": "sbsta2026_01S.pdf"},
              ("The sixty-fourth session of the Subsidiary Body for Scientific and Technological Advice will be "
               "held in Bonn from 8 to 18 June 2026.", CA, AUTH),
              langs_text={"fr": "Ordre du jour provisoire et annotations. Note du Secrétaire exécutif. "
                                "Les Parties participantes appliquent des ajustements correspondants.",
                          "es": "Programa provisional y anotaciones. Nota del Secretario Ejecutivo. "
                                "Las Partes participantes aplicarán ajustes correspondientes."}),
    SampleDoc(650111, "FCCC/SBI/2026/1", "Provisional agenda and annotations. Note by the Executive Secretary",
              "Agendas and annotations", date(2026, 3, 20), "sbi-64", SESSIONS[1].agenda[0],
              {"en": "sbi2026_01E.pdf"},
              ("The sixty-fourth session of the Subsidiary Body for Implementation will be held in Bonn.",
               "Arrangements for the twenty-first session of the CMP and the eighth session of the CMA.")),
    SampleDoc(650240, "FCCC/SBSTA/2026/2",
              "Guidance on cooperative approaches referred to in Article 6, paragraph 2, of the Paris "
              "Agreement. Annual information. Report by the secretariat",
              "Pre-session documents", date(2026, 4, 14), "sbsta-64", SESSIONS[0].agenda[1],
              {"en": "sbsta2026_02E.pdf"}, (CA, AUTH, PIPE)),
    SampleDoc(650377, "FCCC/SBI/2026/3", "Arrangements for intergovernmental meetings. Note by the secretariat",
              "Pre-session documents", date(2026, 4, 30), "sbi-64", SESSIONS[1].agenda[1],
              {"en": "sbi2026_03E.pdf"},
              ("COP 31 will be held in Antalya, Türkiye, from 9 to 20 November 2026.",
               "The Bureau will consider the dates of the sixty-fifth sessions of the subsidiary bodies.")),
    SampleDoc(650390, "FCCC/SB/2026/INF.1",
              "Rules, modalities and procedures for the mechanism established by Article 6, paragraph 4. "
              "Annual report of the Supervisory Body",
              "Progress reports", date(2026, 5, 12), "sbsta-64", SESSIONS[0].agenda[2],
              {"en": "sb2026_inf01_adv.pdf"}, (REMOVALS, "The mechanism registry became operational in 2025.")),
    SampleDoc(650412, "FCCC/SBSTA/2026/3",
              "Technical expert review of initial reports under Article 6, paragraph 2. Synthesis report by "
              "the secretariat",
              "Synthesis reports", date(2026, 5, 15), "sbsta-64", SESSIONS[0].agenda[1],
              {"en": "sbsta2026_03E.pdf"}, (AUTH, CA, PIPE, REMOVALS), two_column=True),
    SampleDoc(650420, "FCCC/SBI/2026/4",
              "Administrative, financial and institutional matters. Budget performance for the biennium "
              "2026–2027. Note by the Executive Secretary",
              "Pre-session documents", date(2026, 5, 18), "sbi-64", SESSIONS[1].agenda[2],
              {"en": "sbi2026_04E.pdf"},
              ("Share of proceeds from the Article 6.4 mechanism fund adaptation.", PIPE)),
    SampleDoc(650433, "FCCC/SBI/2026/5",
              "Report on the status of submissions of annual information. Note by the secretariat",
              "Pre-session documents", date(2026, 5, 20), "sbi-64", SESSIONS[1].agenda[2],
              {"en": "sbi2026_05E.pdf"}, (PIPE, "This note will be issued in all official languages.")),
    SampleDoc(650450, "FCCC/SBSTA/2026/INF.1",
              "Reports on other activities. Research dialogue. Summary report by the Chair",
              "Meeting documents", date(2026, 5, 21), "sbsta-64", SESSIONS[0].agenda[3],
              {"en": "sbsta2026_inf01E.pdf"},
              ("The research dialogue considered removals and the global stocktake.",)),
)


AGENDA_NOTE = "Provisional agenda and annotations. Note by the Executive Secretary"
A62_DRAFT = ("Guidance on cooperative approaches referred to in Article 6, paragraph 2, of the Paris Agreement. "
             "Draft decision -/CMA.8. Proposal by the President")
# The draft decision in two iterations. L.1: passages A-F in brackets; Rev.1: A and C resolved (the words
# kept), B and D removed, E still open, G new.
DRAFT_1 = (
    "The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,",
    "1. Decides that participating Parties shall apply corresponding adjustments for the first transfer of "
    "internationally transferred mitigation outcomes[, consistent with their authorization,] in their annual "
    "information;",
    "2. [Requests the secretariat to publish the authorizations of participating Parties on the centralized "
    "accounting and reporting platform within four weeks of their receipt;]",
    "3. Also decides that an authorization may be changed [only before the first transfer of the mitigation "
    "outcomes concerned][at any time, with the consent of all participating Parties concerned];",
    "4. [Requests the Subsidiary Body for Scientific and Technological Advice to continue its consideration "
    "of inconsistencies identified in the annual information at its sixty-fifth session;]",
)
DRAFT_2 = (
    DRAFT_1[0],
    "1. Decides that participating Parties shall apply corresponding adjustments for the first transfer of "
    "internationally transferred mitigation outcomes, consistent with their authorization, in their annual "
    "information;",
    "2. Also decides that an authorization may be changed only before the first transfer of the mitigation "
    "outcomes concerned;",
    "3." + DRAFT_1[4][2:],
    "4. [Urges participating Parties to submit their initial reports no later than the first transfer of "
    "internationally transferred mitigation outcomes;]",
)
DRAFT_OUTCOME = {"resolved": 2, "removed": 2, "new": 1, "open": 2}  # Rev.1 against L.1, by construction
_COP, _CMP, _CMA = SESSIONS_NOVEMBER[0], SESSIONS_NOVEMBER[1], SESSIONS_NOVEMBER[2]
NOVEMBER_DOCS = (
    SampleDoc(650460, "FCCC/CP/2026/1", AGENDA_NOTE, "Agendas and annotations", date(2026, 5, 20), "cop-31",
              _COP.agenda[0], {"en": "cp2026_01E.pdf"},
              ("The thirty-first session of the Conference of the Parties will be held in Antalya, Türkiye, "
               "from 9 to 20 November 2026.", "The President of COP 30 will open the session.")),
    SampleDoc(650461, "FCCC/KP/CMP/2026/1", AGENDA_NOTE, "Agendas and annotations", date(2026, 5, 20), "cmp-21",
              _CMP.agenda[0], {"en": "cmp2026_01E.pdf"},
              ("The twenty-first session of the CMP will be held in conjunction with COP 31.",
               "The CMP will consider the transition of clean development mechanism activities.")),
    SampleDoc(650462, "FCCC/PA/CMA/2026/1", AGENDA_NOTE, "Agendas and annotations", date(2026, 5, 20), "cma-8",
              _CMA.agenda[0], {"en": "cma2026_01E.pdf"},
              ("The eighth session of the CMA will be held in conjunction with COP 31 in Antalya.",
               "Under agenda item 15 (a) the CMA will consider guidance on cooperative approaches.", CA)),
    SampleDoc(650470, "FCCC/PA/CMA/2026/L.1", A62_DRAFT, "Draft decisions", date(2026, 5, 22), "cma-8",
              _CMA.agenda[1], {"en": "cma2026_L01E.pdf"}, DRAFT_1, draft=True),
)


BASE_DOCS = _BASE_DOCS + NOVEMBER_DOCS


def _by_symbol(docs: tuple[SampleDoc, ...], symbol: str) -> SampleDoc:
    return next(d for d in docs if d.symbol == symbol)


def state_documents(state: int) -> tuple[SampleDoc, ...]:
    if state == 1:
        return BASE_DOCS
    docs = {d.symbol: d for d in BASE_DOCS}
    inf = _by_symbol(BASE_DOCS, "FCCC/SB/2026/INF.1")
    docs[inf.symbol] = replace(inf, title=inf.title, files={"en": "sb2026_inf01E.pdf"},
                               paragraphs=inf.paragraphs + ("Final edited text.",))
    tc = _by_symbol(BASE_DOCS, "FCCC/SBSTA/2026/3")
    docs[tc.symbol] = replace(tc, revision=1, paragraphs=tc.paragraphs + (
        "Annex: Status of the technical expert reviews as at 1 June 2026.",))
    budget = _by_symbol(BASE_DOCS, "FCCC/SBI/2026/4")
    docs[budget.symbol] = replace(budget, files={**budget.files, "fr": "sbi2026_04F.pdf"},
                                  langs_text={"fr": "Questions administratives, financières et institutionnelles. "
                                                    "Part des fonds destinée à l'adaptation."})
    status = _by_symbol(BASE_DOCS, "FCCC/SBI/2026/5")
    docs[status.symbol] = replace(status, withdrawn=True)
    added = (
        SampleDoc(650501, "FCCC/SBSTA/2026/2/Rev.1",
                  "Guidance on cooperative approaches referred to in Article 6, paragraph 2, of the Paris "
                  "Agreement. Annual information. Report by the secretariat. Revision",
                  "Pre-session documents", date(2026, 6, 2), "sbsta-64", SESSIONS[0].agenda[1],
                  {"en": "sbsta2026_02r01E.pdf"}, (CA, AUTH, PIPE, "Revised to include two further initial reports.")),
        SampleDoc(650502, "FCCC/SBI/2026/3/Corr.1",
                  "Arrangements for intergovernmental meetings. Note by the secretariat. Corrigendum",
                  "Pre-session documents", date(2026, 6, 3), "sbi-64", SESSIONS[1].agenda[1],
                  {"en": "sbi2026_03c01E.pdf"},
                  ("In paragraph 4, for 9 to 20 November 2026 read 9 to 20 November 2026 (Antalya).",)),
        SampleDoc(650515, "FCCC/SBSTA/2026/L.2",
                  "Guidance on cooperative approaches referred to in Article 6, paragraph 2, of the Paris "
                  "Agreement. Draft conclusions proposed by the Chair",
                  "Draft conclusions", date(2026, 6, 4), "sbsta-64", SESSIONS[0].agenda[1],
                  {"en": "sbsta2026_L02E.pdf"},
                  ("The SBSTA took note of the information on corresponding adjustments and authorization.",
                   "[The SBSTA [requested][invited] the secretariat to update the information.]")),
    )
    draft = SampleDoc(650520, "FCCC/PA/CMA/2026/L.1/Rev.1", A62_DRAFT + ". Revision", "Draft decisions",
                      date(2026, 6, 3), "cma-8", _CMA.agenda[1], {"en": "cma2026_L01r01E.pdf"}, DRAFT_2, draft=True,
                      listed=False)
    return tuple(docs.values()) + added + (draft,)


AS_OF = {1: date(2026, 5, 25), 2: date(2026, 6, 5)}

# The changes a crawl of state 2 after a baseline of state 1 must report: (kind, symbol).
EXPECTED_STATE2 = sorted([
    ("document.revised", "FCCC/SBSTA/2026/2/Rev.1"),
    ("document.corrected", "FCCC/SBI/2026/3/Corr.1"),
    ("document.new", "FCCC/SBSTA/2026/L.2"),
    ("document.updated", "FCCC/SB/2026/INF.1"),
    ("document.updated", "FCCC/SBSTA/2026/3"),
    ("document.language", "FCCC/SBI/2026/4"),
    ("document.withdrawn", "FCCC/SBI/2026/5"),
    ("document.revised", "FCCC/PA/CMA/2026/L.1/Rev.1"),
])


class Download(NamedTuple):
    language: str  # "English"
    url: str
    megabytes: float


def downloads(doc: SampleDoc, sizes: dict[str, int]) -> list[Download]:
    """The files of a document in the site's language order, as its download menus list them."""
    urls = {lang: RESOURCE + name for lang, name in doc.files.items()}
    return [Download(name, urls[lang], sizes.get(urls[lang], 0) / 1_000_000)
            for lang, name in LANG_NAMES.items() if lang in urls]


def listing_url(page: int) -> str:
    return LISTING_PATH if page == 0 else f"{LISTING_PATH}&page={page}"


def listing_pages(docs: tuple[SampleDoc, ...], sizes: dict[str, int]) -> dict[str, str]:
    ordered = sorted((d for d in docs if d.listed), key=lambda d: (d.published, d.node), reverse=True)
    chunks = [ordered[i:i + PAGE_SIZE] for i in range(0, len(ordered), PAGE_SIZE)] or [[]]
    paths = [relative(listing_url(n)) for n in range(len(chunks))]
    return {listing_url(n): render("unfccc_documents/listing.html", docs=chunk, total=len(ordered), page=n,
                                   paths=paths, conference=CONFERENCE, downloads=partial(downloads, sizes=sizes))
            for n, chunk in enumerate(chunks)}


def session_page(session: SampleSession, docs: tuple[SampleDoc, ...], sizes: dict[str, int]) -> str:
    items = [(number, title, sorted((d for d in docs if d.session == session.key and d.agenda[0] == number),
                                    key=lambda d: d.symbol))
             for number, title in session.agenda]
    return render("unfccc_documents/session.html", session=session, conference=session.conference, items=items,
                  others=[s for s in SESSIONS if s.key != session.key and s.conference == session.conference],
                  downloads=partial(downloads, sizes=sizes))


def document_page(doc: SampleDoc, sizes: dict[str, int]) -> str:
    session = next(s for s in SESSIONS if s.key == doc.session)
    return render("unfccc_documents/document.html", doc=doc, session=session, conference=session.conference,
                  downloads=downloads(doc, sizes))


_PDFS: dict[tuple[str, str, int, tuple[str, ...]], bytes] = {}


def document_pdf(doc: SampleDoc, language: str) -> bytes:
    """The PDF of one language version (made once per content: both states share most of them)."""
    key = (doc.symbol, language, doc.revision, doc.paragraphs)
    if key not in _PDFS:
        if language != "en" and language in doc.langs_text:
            texts = [doc.langs_text[language]]
        elif doc.draft:
            texts = list(doc.paragraphs)
        else:
            repeats = 6 if doc.two_column else 2
            texts = [f"{n * len(doc.paragraphs) + i}. {text}"
                     for n in range(repeats) for i, text in enumerate(doc.paragraphs, start=1)]
        if doc.revision:
            texts.append(f"Reissued for technical reasons (revision {doc.revision}).")
        _PDFS[key] = official_pdf(doc.symbol, doc.title, doc.published, texts, doc.two_column)
    return _PDFS[key]
