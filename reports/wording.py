"""What a report line says in the report's language: a change's kind and sentence, a diff's counts, a
draft's bracket history. English takes the catalog's sentences; Japanese builds its own from the
change's kind and details with the packs' glossary (``briefing.glossary_ja``, through ``briefing.words``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from briefing import glossary_ja
from briefing.words import Words, change_sentence
from core.brackets import History
from feeds.entry_body import read_stored_diff, summary_line
from storage.changes import KIND_LABELS
from storage.models import Change

_BRACKETS = re.compile(r"brackets (\d+) → (\d+)")


def kind_label(w: Words, kind: str) -> str:
    if w.lang == "en":
        return KIND_LABELS.get(kind, kind)
    return glossary_ja.CHANGE_KINDS.get(kind, glossary_ja.SENTENCES["change.other"])


def _day(w: Words, value: Any) -> str:
    try:
        return w.day(date.fromisoformat(str(value)))
    except ValueError:
        return w.day(None)


def change_words(w: Words, change: Change) -> str:
    """The change in one line, with the diff's counts once."""
    if w.lang == "en":
        return summary_line(change.summary, change.diff)
    details: dict[str, Any] = change.details or {}
    sentences: dict[str, str] = glossary_ja.SENTENCES
    if f"report.{change.kind}" in sentences:
        said = sentences[f"report.{change.kind}"].format(
            due=_day(w, details.get("due")), previous=_day(w, details.get("previous")),
            label=w.expected(str(details.get("label", ""))), days_left=details.get("days_left", "?"),
            documents=details.get("documents", "?"), changes=details.get("changes", "?"))
    elif f"change.{change.kind}" in sentences:
        said = change_sentence(w, change.kind, details, change.summary)
    else:
        said = kind_label(w, change.kind)
    if change.diff:
        stored = read_stored_diff(change.diff)
        counts = _BRACKETS.search(stored.headline)
        said += "。" + w.say("diff.headline", added=len(stored.added), removed=len(stored.removed),
                             changed=len(stored.changed), before=counts.group(1) if counts else "?",
                             after=counts.group(2) if counts else "?")
    return said


def bracket_line(w: Words, h: History) -> str:
    """Bracket changes since the previous iteration: "2 bracket(s) resolved, 0 removed, 1 new since
    iteration 2; 1 still open" (the packs' sentence)."""
    since = max(1, h.iterations - 1)
    resolved, removed, new = h.counts_since(since)
    return w.say("brackets.line", resolved=resolved, removed=removed, new=new, since=since, open=h.still_open)


def local_time(w: Words, when: Any) -> str:
    """A change's local time: "18 Jun 05:00", "6月18日 05:00"."""
    if w.lang == "ja":
        return f"{when.month}月{when.day}日 {when:%H:%M}"
    return f"{when:%d %b %H:%M}"
