"""The report's words: English here, Japanese from the briefing glossary (``briefing.glossary_ja``,
the same one the packs use), with the same keys. Titles, symbols, venues and quoted sentences are data
and stay in the language they were written in."""

from __future__ import annotations

from briefing import glossary_ja

LABELS = {
    "en": {
        "title": "Next-morning report", "window": "What appeared or changed between", "and": "and",
        "local": "local time at the venue", "zone_fallback": "venue not known: configured time zone",
        "meeting": "Meeting", "dates": "Dates", "venue": "Venue", "no_agenda": "Not under an agenda item",
        "meeting_news": "The meeting and its deadlines", "symbol": "Symbol", "doc_title": "Title",
        "what": "What changed", "at": "At", "first": "First substantive paragraph",
        "action": "Action requested", "diff": "Paragraphs changed", "hits": "Watchlist hits",
        "deadlines": "Deadlines in the next 7 days", "none": "None", "nothing": "Nothing appeared or changed.",
        "days_left": "{n} day(s) left", "today": "today", "page": "page", "pdf": "PDF version", "link": "Link",
        "generated": "Generated", "body": "Body", "type": "Type", "brackets": "Brackets",
        "more": "{n} more paragraph(s)",
    },
    "ja": glossary_ja.REPORT_LABELS,
}
