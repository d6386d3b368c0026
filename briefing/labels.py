"""The English words of a briefing pack: every label, status, document type, body name and sentence
that is not data. The Japanese pack takes the same keys from ``glossary_ja`` (a test checks that both
have every key). Titles, symbols and quotations are data and stay in their original language."""

from __future__ import annotations

LABELS = {
    "title": "Briefing pack", "generated": "Generated", "meeting": "Meeting", "body": "Body", "dates": "Dates",
    "venue": "Venue", "status": "Status", "countdown": "Countdown",
    "since": "Changes since the body's previous meeting (from {date})",
    "deadlines": "Deadlines", "deadline": "Deadline", "left_header": "Time left", "due": "Due",
    "no_date": "no date given",
    "documents": "Documents by agenda item", "no_agenda": "Other documents", "symbol": "Symbol",
    "doc_title": "Title", "type": "Type", "agenda": "Agenda item", "date": "Date",
    "first_seen": "{date} (first seen)", "version": "Version", "languages": "Languages", "link": "Link",
    "file": "File", "files": "Files", "pages": "Pages", "doc_status": "Status", "excerpt": "First paragraph",
    "changed": "What changed", "diff": "Differences from the previous version", "hits": "Watchlist hits",
    "watchlist": "Watchlist", "page": "Page", "sentence": "Sentence", "late": "Expected documents not yet out",
    "none": "None", "spreadsheet": "Spreadsheet", "pdf": "PDF version", "csv": "CSV",
    "not_in_catalog": "Not in the catalog yet: {codes}", "replaced_by": "superseded by {symbol}",
    "brackets": "Bracket history", "passage": "Bracketed passage", "appeared": "Appeared in",
    "left": "Left in", "outcome": "Outcome", "iteration": "iteration {n}", "iterations": "Iterations",
    "page_number": "Page {n} of {total}", "diff_in_html": "The paragraph-by-paragraph differences are in index.html.",
    "subject": "Documents, deadlines and changes for {name}",
}

DOC_STATUS = {"new": "new", "revised": "revised", "superseded": "superseded", "withdrawn": "withdrawn",
              "current": "current"}
MEETING_STATUS = {"tentative": "tentative", "confirmed": "confirmed", "passed": "passed",
                  "cancelled": "cancelled", "postponed": "postponed"}
BRACKET_OUTCOME = {"open": "still bracketed", "resolved": "resolved (words kept)",
                   "removed": "removed (words deleted)"}
DEADLINE_KINDS = {"call_for_input": "Call for input", "observer_registration": "Observer registration",
                  "submission": "Submissions"}
DIFF_MARKS = {"changed": "changed", "added": "added", "removed": "removed"}

SENTENCES = {
    "countdown.before": "starts in {days} day(s)",
    "countdown.today": "starts today",
    "countdown.during": "in session: day {day} of {length}",
    "countdown.after": "ended {days} day(s) ago",
    "countdown.undated": "dates not known",
    "deadline.left": "{days} day(s) left",
    "deadline.today": "due today",
    "deadline.closed": "closed {days} day(s) ago",
    "brackets.line": "{resolved} bracket(s) resolved, {removed} removed, {new} new since iteration {since}; "
                     "{open} still open",
    "diff.headline": "{added} paragraph(s) added; {removed} removed; {changed} changed; "
                     "brackets {before} → {after}",
    "late": "{label}: not out (usually by {due})",
}

BODIES = {"COP": "Conference of the Parties (COP)",
          "CMP": "Conference of the Parties serving as the meeting of the Parties to the Kyoto Protocol (CMP)",
          "CMA": "Conference of the Parties serving as the meeting of the Parties to the Paris Agreement (CMA)",
          "SBSTA": "Subsidiary Body for Scientific and Technological Advice (SBSTA)",
          "SBI": "Subsidiary Body for Implementation (SBI)", "SB": "Subsidiary bodies (SB)",
          "SBM": "Article 6.4 Supervisory Body (SBM)", "EB": "CDM Executive Board (EB)",
          "A6IP": "Article 6 Implementation Partnership (A6IP)"}
MEETING_NAME = "{code}"
ROLES = {"agenda": "Agenda", "annotated_agenda": "Annotated agenda", "annex": "Annex", "report": "Meeting report",
         "report_annex": "Annex to the meeting report", "regulatory": "Regulatory document",
         "in_meeting": "In-meeting document", "slides": "Slides", "summary": "Summary"}
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh": "Chinese", "ru": "Russian",
             "ja": "Japanese"}
SENTENCES.update({
    "change.document.updated.version": "version {before} → {after}",
})
