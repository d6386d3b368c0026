"""cdm_eb: the CDM Executive Board on cdm.unfccc.int (sources.md §3), in the site's ISO-8859-1 chrome: the
meetings index, the meeting pages of EB 127–130 and their documents, served from FileStorage URLs without
extension or useful Content-Type. State 2 adds a new annex for EB 128."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sample_site.common import CDM_HTML, HasMeetingDocs, MeetingDoc, Resource, cdm_page
from sample_site.pdfs import simple_pdf

SOURCE = "cdm_eb"
CDM = "https://cdm.unfccc.int"
FS = f"{CDM}/UserManagement/FileStorage/"


def pages(state: int) -> dict[str, Resource]:
    meetings = eb_meetings(state)
    upcoming = next((m for m in meetings if m.status == "Confirmed"), meetings[-1])
    site = {f"{CDM}/EB/index.html": Resource(CDM_HTML, cdm_page(
        "cdm_eb/index.html", meetings=sorted(meetings, key=lambda m: -m.number), upcoming=upcoming))}
    for m in meetings:
        site[m.url] = Resource(CDM_HTML, cdm_page("cdm_eb/meeting.html", m=m))
        for d in m.docs:
            # FileStorage URLs have no extension and no useful Content-Type: the type comes from the bytes.
            site[d.file] = Resource("application/octet-stream", simple_pdf(f"EB {m.number}", d.title, d.text),
                                    validators=True)
    return site


@dataclass(frozen=True)
class EbMeeting(HasMeetingDocs):
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


# What a crawl of state 2 after a baseline of state 1 must report: (kind, subject).
EXPECTED_STATE2 = sorted([
    ("document.new", "CDM-EB128-AA-A03-STAN"),
])
