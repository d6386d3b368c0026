"""a64_sbm: the Article 6.4 Supervisory Body on unfccc.int (sources.md §2): the meetings list, the
meeting pages of SBM 019–023, the in-meeting documents, the calls for input, the rules and regulations,
and their PDFs. State 2 adds: a new iteration of an in-meeting document, a re-issued standard, a moved
meeting, an annotated agenda with its annexes and a call for input."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from core.sources import CALLS_FOR_INPUT, SBM_BODY
from sample_site.common import HTML, PDF, RESOURCE, HasMeetingDocs, MeetingDoc, Resource, render
from sample_site.pdfs import simple_pdf

SOURCE = "a64_sbm"
BODY = f"https://unfccc.int{SBM_BODY}"
CALLS = f"https://unfccc.int{CALLS_FOR_INPUT}"
MEETINGS = "https://unfccc.int/node/471573"


def pages(state: int) -> dict[str, Resource]:
    meetings = sbm_meetings(state)
    site = {MEETINGS: Resource(HTML, render("a64_sbm/meetings.html",
                                            meetings=sorted(meetings, key=lambda m: -m.number)).encode())}
    for m in meetings:
        site[m.url] = Resource(HTML, render("a64_sbm/meeting.html", m=m).encode())
        for d in m.docs:
            site[d.file] = Resource(PDF, simple_pdf(d.reference, d.title, d.text), validators=True)
        if m.in_meeting:
            site[m.in_meeting_url] = Resource(HTML, render("a64_sbm/in_meeting.html", m=m).encode())
            for title, stamp, url in m.in_meeting:
                site[url] = Resource(PDF, simple_pdf(m.code, title, (f"Iteration of {stamp}.",)), validators=True)
        if m.call_for_input:
            site[m.call_url] = Resource(HTML, render("a64_sbm/call_for_input.html", m=m).encode())
    regulations = rules(state)
    categories = {category: [r for r in regulations if r.category == category]
                  for category in dict.fromkeys(r.category for r in regulations)}
    site[f"{BODY}/rules-and-regulations"] = Resource(HTML, render("a64_sbm/rules.html",
                                                                  categories=categories).encode())
    for r in regulations:
        site[r.file] = Resource(PDF, simple_pdf(r.reference, f"{r.title} (version {r.version})", r.text),
                                validators=True)
    return site


@dataclass(frozen=True)
class SbmMeeting(HasMeetingDocs):
    number: int
    node: int
    dates: str
    venue: str
    agenda: tuple[tuple[str, str], ...] = ()
    docs: tuple[MeetingDoc, ...] = ()
    in_meeting: tuple[tuple[str, str, str], ...] = ()  # (title, "20 May 2026 @09:30", file URL)
    call_for_input: tuple[str, str] | None = None  # (open until, annex deadline)

    @property
    def url(self) -> str:
        return f"https://unfccc.int/node/{self.node}"

    @property
    def code(self) -> str:
        return f"SBM {self.number:03d}"

    @property
    def short_code(self) -> str:
        return f"SBM{self.number:03d}"

    @property
    def in_meeting_url(self) -> str:
        return f"{BODY}/Supervisory-Body-{self.number}/in-meeting-doc-broadcast-{self.short_code}"

    @property
    def call_url(self) -> str:
        return f"{CALLS}/{self.short_code}"


@dataclass(frozen=True)
class Regulation:
    reference: str
    title: str
    year: int
    version: str
    category: str
    file: str
    text: tuple[str, ...] = field(default=())


AGENDA = (("1", "Agenda and meeting organization"), ("1.1", "Opening"), ("1.2", "Adoption of the agenda"),
          ("3", "Governance and operational matters"), ("3.3", "Activity cycle"), ("3.4", "Methodologies"),
          ("4", "Other matters"))
NONPERM = ("Draft standard: Addressing non-permanence and reversals", "reversal risk buffer",
           "Removals shall be monitored for at least 40 years; corresponding adjustments are not required.")
REGISTRY = ("The mechanism registry shall hold A6.4ER issuance, first transfer and share of proceeds accounts.",)


def _doc(ref: str, title: str, version: str | None, agenda: str | None = None, section: str = "consideration",
         text: tuple[str, ...] = ()) -> MeetingDoc:
    return MeetingDoc(ref, title, version, RESOURCE + ref.lower().replace(".", "") + ".pdf", agenda, section,
                      text or (title,))


SBM_STATE1 = (
    SbmMeeting(19, 655102, "24 - 27 Feb 2026", "Bonn, Germany", AGENDA, (
        _doc("A6.4-SBM019", "Meeting report", "01.0", section="report"),
        _doc("A6.4-SBM019-A01", "Standard: Application of the requirements of Chapter V.B (Methodologies)", "01.0",
             section="report"),
    )),
    SbmMeeting(20, 657340, "14 - 17 Apr 2026", "Bonn, Germany", AGENDA, (
        _doc("A6.4-SBM020", "Meeting report", "01.0", section="report"),
    )),
    SbmMeeting(21, 659950, "18 - 21 May 2026", "Bonn, Germany", AGENDA, (
        _doc("A6.4-SBM021-PA", "Provisional agenda", "01.0", "1.2"),
        _doc("A6.4-SBM021-AA", "Annotated agenda", "01.0", "1.2"),
        _doc("A6.4-SBM021-AA-A01", NONPERM[0], "01.0", "3.4", text=NONPERM),
        _doc("A6.4-SBM021-AA-A02", "Information note: Mechanism registry operations", "01.0", "3.3", text=REGISTRY),
    ), in_meeting=(("In-meeting document on the mechanism registry", "20 May 2026 @09:30",
                    RESOURCE + "SBM021_IMD_registry.pdf"),),
        call_for_input=("11 May 2026", "13 May 2026")),
    SbmMeeting(22, 660120, "17 - 19 Jun 2026", "Bonn, Germany", AGENDA, (
        _doc("A6.4-SBM022-PA", "Provisional agenda", "01.0", "1.2"),
    )),
    SbmMeeting(23, 660301, "14 - 17 Jul 2026 (tentative)", "Bonn, Germany"),
)

RULES_STATE1 = (
    Regulation("A6.4-STAN-METH-001", "Standard: Application of the requirements of Chapter V.B (Methodologies)",
               2026, "01.0", "Methodology", RESOURCE + "a64-stan-meth-001.pdf",
               ("Methodologies shall be real, transparent, conservative and below business as usual.",)),
    Regulation("A6.4-STAN-METH-004", "Standard: Requirements for activities involving removals", 2024, "01.0",
               "Methodology", RESOURCE + "a64-stan-meth-004.pdf", ("Removals and reversals.",)),
    Regulation("A6.4-PROC-AC-002", "Procedure: Article 6.4 activity cycle procedure for projects", 2025, "02.0",
               "Activity cycle", RESOURCE + "a64-proc-ac-002.pdf", ("Prior consideration and registration.",)),
    Regulation("A6.4-PROC-REGS-001", "Procedure: Mechanism registry", 2025, "02.0", "Governance",
               RESOURCE + "a64-proc-regs-001.pdf", REGISTRY),
)


def sbm_meetings(state: int) -> tuple[SbmMeeting, ...]:
    if state == 1:
        return SBM_STATE1
    m19, m20, m21, m22, m23 = SBM_STATE1
    m21 = replace(m21, in_meeting=(("In-meeting document on the mechanism registry", "21 May 2026 @12:00",
                                    RESOURCE + "SBM021_IMD_registry_v2.pdf"),))
    m22 = replace(m22, docs=m22.docs + (
        _doc("A6.4-SBM022-AA", "Annotated agenda", "01.0", "1.2"),
        _doc("A6.4-SBM022-AA-A01", "Draft standard: Baseline contraction factor for the Article 6.4 mechanism",
             "01.0", "3.4", text=("The downward adjustment of baselines applies to all A6.4ERs.",)),
        _doc("A6.4-SBM022-AA-A02", "Concept note: Operationalizing the share of proceeds for adaptation", "01.0",
             "3.3", text=("Five per cent of A6.4ERs issued shall be transferred as share of proceeds.",)),
    ), call_for_input=("15 June 2026", "17 June 2026"))
    m23 = replace(m23, dates="21 - 24 Jul 2026 (tentative)")
    return (m19, m20, m21, m22, m23)


def rules(state: int) -> tuple[Regulation, ...]:
    if state == 1:
        return RULES_STATE1
    first, *rest = RULES_STATE1
    return (replace(first, version="01.1", file=RESOURCE + "a64-stan-meth-001-v01.1.pdf",
                    text=first.text + ("Version 01.1 clarifies the application to programmes of activities.",)),
            *rest)


# What a crawl of state 2 after a baseline of state 1 must report: (kind, subject).
EXPECTED_STATE2 = sorted([
    ("document.updated", "A6.4-STAN-METH-001"),
    ("document.updated", "In-meeting document on the mechanism registry"),
    ("meeting.annotations", "A6.4-SBM022-AA"),
    ("document.new", "A6.4-SBM022-AA-A01"),
    ("document.new", "A6.4-SBM022-AA-A02"),
    ("deadline.set", "Call for input: SBM022 - annotated agenda and related annexes"),
    ("deadline.set", "Call for input SBM022 - annotated agenda and related annexes: Annex 2 and Annex 3"),
    ("meeting.moved", "SBM 023"),
])
