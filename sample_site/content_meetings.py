"""Meetings of the Article 6.4 Supervisory Body (SBM 019–023) and the CDM Executive Board (EB 127–130)
in the sample site's two states (sources.md §2–3). State 2 adds: a new iteration of an in-meeting
document, a re-issued standard, a moved meeting, an annotated agenda with its annexes and a call for
input, and a new annex for EB 128."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

RESOURCE = "https://unfccc.int/sites/default/files/resource/"
SBM_BODY = "https://unfccc.int/process-and-meetings/bodies/constituted-bodies/article-64-supervisory-body"
CALLS = ("https://unfccc.int/process-and-meetings/the-paris-agreement/article-6/article-64-pacm"
         "/stakeholder-engagement/calls-for-input")
CDM = "https://cdm.unfccc.int"
FS = f"{CDM}/UserManagement/FileStorage/"


@dataclass(frozen=True)
class MeetingDoc:
    reference: str  # A6.4-SBM022-AA-A01; for EB the link text decides ("Annex 3 - …")
    title: str
    version: str | None
    file: str  # absolute URL
    agenda: str | None = None  # agenda item number on the meeting page
    section: str = "consideration"  # or "report"
    text: tuple[str, ...] = ()


@dataclass(frozen=True)
class SbmMeeting:
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


@dataclass(frozen=True)
class EbMeeting:
    number: int
    db_id: str
    dates: str
    venue: str
    status: str = ""
    observer_deadline: str | None = None
    docs: tuple[MeetingDoc, ...] = ()

    @property
    def url(self) -> str:
        return f"{CDM}/Meetings/MeetingInfo/DB/{self.db_id}/view"


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

EB_STATE1 = (
    EbMeeting(127, "B3UW6NE1XJ8GH5Y", "25 - 27 February 2026", "Virtual meeting", "", None, (
        MeetingDoc("Meeting report", "Meeting report", "01.0", f"{FS}EB127REPORTQ8ZKT2M3WJ5RB7A0",
                   section="report", text=("The Board concluded its 127th meeting.",)),
        MeetingDoc("Annex 1", "Standard: Sampling and surveys for CDM project activities and programmes of activities",
                   "09.0", f"{FS}EB127A01STANQ8ZKT2M3WJ5RB7A", section="report",
                   text=("Sampling and surveys standard, version 09.0.",)),
    )),
    EbMeeting(128, "Q8ZKT2M3WJ5RB7A", "4 - 5 June 2026", "Bonn, Germany", "Confirmed", "21 May 2026", (
        MeetingDoc("Proposed agenda", "Proposed agenda", "01.0", f"{FS}DRTMC72HE5NX8KJ96VA3WQY1OZULIF",
                   text=("Proposed agenda of EB 128.",)),
        MeetingDoc("Annotations to the agenda", "Annotations to the agenda", "01.0",
                   f"{FS}2BMR6X7ZP3TY89NAWUOI4EGHDK1QFS",
                   text=("The Board will consider the transition of CDM activities and the CDM Loan Scheme.",)),
        MeetingDoc("Annex 1", "Information note: Status of the transition of CDM activities to the Article 6.4 "
                   "mechanism", None, f"{FS}K4S9VQ2LZ7D1XW8M5T3RB6YNH0CJEA",
                   text=("1,389 requests for transition of CDM activities were received.",)),
        MeetingDoc("Annex 2", "Draft standard: Sampling and surveys for CDM project activities and programmes of "
                   "activities", "09.1", f"{FS}P0Q8W2E4R6T1Y3U5I7O9A2S4D6F8GH",
                   text=("Sampling and surveys standard, draft version 09.1.",)),
    )),
    EbMeeting(129, "H7DP3RY9KF2TQ0S", "5 - 6 November 2026", "Bonn, Germany", "Confirmed"),
    EbMeeting(130, "ZX4N8C2VQ1LMD6E", "17 - 19 March 2027", "Bonn, Germany", "Tentative"),
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


def eb_meetings(state: int) -> tuple[EbMeeting, ...]:
    if state == 1:
        return EB_STATE1
    e127, e128, e129, e130 = EB_STATE1
    e128 = replace(e128, docs=e128.docs + (
        MeetingDoc("Annex 3", "Draft standard: Demonstration of additionality of microscale project activities",
                   "01.0", f"{FS}W9E8R7T6Y5U4I3O2P1A0S9D8F7G6HJ",
                   text=("Microscale project activities are additional when located in LDCs.",)),
    ))
    return (e127, e128, e129, e130)


def rules(state: int) -> tuple[Regulation, ...]:
    if state == 1:
        return RULES_STATE1
    first, *rest = RULES_STATE1
    return (replace(first, version="01.1", file=RESOURCE + "a64-stan-meth-001-v01.1.pdf",
                    text=first.text + ("Version 01.1 clarifies the application to programmes of activities.",)),
            *rest)


# What a crawl of state 2 after a baseline of state 1 must report, per source: (kind, subject).
EXPECTED_STATE2 = {
    "a64_sbm": sorted([
        ("document.updated", "A6.4-STAN-METH-001"),
        ("document.updated", "In-meeting document on the mechanism registry"),
        ("meeting.annotations", "A6.4-SBM022-AA"),
        ("document.new", "A6.4-SBM022-AA-A01"),
        ("document.new", "A6.4-SBM022-AA-A02"),
        ("deadline.set", "Call for input: SBM022 - annotated agenda and related annexes"),
        ("deadline.set", "Call for input SBM022 - annotated agenda and related annexes: Annex 2 and Annex 3"),
        ("meeting.moved", "SBM 023"),
    ]),
    "cdm_eb": sorted([
        ("document.new", "CDM-EB128-AA-A03-STAN"),
    ]),
}
