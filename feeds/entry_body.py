"""The HTML body of a feed entry: one summary line, the paragraph diff with insertions and deletions
marked, the next deadline of the entry's meeting, the archived previous version.

Every piece of text is escaped here (titles and crawled text may carry markup); the only tags are the
ones written below, and never a script, a style or an attribute but ``href``. The diff is read back
from the form ``core.diffs.DraftDiff.render`` stores on a change (one paragraph a line)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape

MAX_PARAGRAPHS = 40  # paragraphs shown in one entry; the rest are counted
MAX_CHARS = 2000  # characters of one paragraph shown


@dataclass
class StoredDiff:
    """A change's stored diff, read back: its counts line and its paragraphs."""

    headline: str = ""
    changed: list[tuple[str, str]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> int:
        return len(self.changed) + len(self.added) + len(self.removed)


def read_stored_diff(text: str) -> StoredDiff:
    """The paragraphs of a stored diff (``DraftDiff.render``): its first line is the counts line, then
    ``~ changed:`` with ``  - old`` and ``  + new``, ``+ added: …`` and ``- removed: …``."""
    lines = text.splitlines()
    out = StoredDiff(headline=lines[0].strip() if lines else "")
    old: str | None = None
    for line in lines[1:]:
        if line.startswith("  - "):
            old = line[4:]
        elif line.startswith("  + ") and old is not None:
            out.changed.append((old, line[4:]))
            old = None
        elif line.startswith("+ added: "):
            out.added.append(line[len("+ added: "):])
        elif line.startswith("- removed: "):
            out.removed.append(line[len("- removed: "):])
    return out


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS].rstrip() + " …"


def marked_paragraph(old: str, new: str) -> str:
    """One changed paragraph as HTML: the words taken out in <del>, the words put in in <ins>."""
    a, b = _TOKEN.findall(_clip(old)), _TOKEN.findall(_clip(new))
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(parts)


def diff_html(diff: StoredDiff) -> str:
    """The paragraphs as a list: changed ones with their words marked, added ones inserted whole,
    removed ones deleted whole (changed first, in the order the diff holds them)."""
    items = [f'<li>{marked_paragraph(old, new)}</li>' for old, new in diff.changed]
    items += [f"<li><ins>{escape(_clip(p))}</ins></li>" for p in diff.added]
    items += [f"<li><del>{escape(_clip(p))}</del></li>" for p in diff.removed]
    more = len(items) - MAX_PARAGRAPHS
    shown = items[:MAX_PARAGRAPHS]
    if more > 0:
        shown.append(f"<li>… {more} more paragraph(s)</li>")
    return "<ol>" + "".join(shown) + "</ol>" if shown else ""


@dataclass(frozen=True)
class NextDeadline:
    meeting: str  # "SBM 022"
    title: str
    due: date


@dataclass(frozen=True)
class ArchivedLink:
    href: str
    label: str


def summary_line(summary: str, diff: str | None) -> str:
    """What changed, in one line: the change's summary, with the diff's counts line only when the summary
    does not already say it (a Rev or a new version says its comparison): never twice."""
    headline = read_stored_diff(diff).headline if diff else ""
    return f"{summary} — {headline}" if headline and headline not in summary else summary


def entry_html(summary: str, diff: str | None, deadline: NextDeadline | None = None,
               archived: ArchivedLink | None = None) -> str:
    """The entry's body: the summary line, the paragraphs, the deadline, the archived version."""
    stored = read_stored_diff(diff) if diff else None
    parts = [f"<p>{escape(summary_line(summary, diff))}</p>"]
    if stored is not None and stored.paragraphs:
        parts.append(diff_html(stored))
    if deadline is not None:  # its date only: a count of days left would change the feed's bytes every day
        parts.append(f"<p>Next deadline of {escape(deadline.meeting)}: {escape(deadline.title)}, "
                     f"{deadline.due:%d %B %Y}</p>")
    if archived is not None:
        parts.append(f'<p><a href="{escape(archived.href)}">{escape(archived.label)}</a></p>')
    return "".join(parts)
