"""Bracket history of a negotiated draft: each [bracketed] passage with the iteration it appeared in
and the one it left in, either *resolved* (the brackets went, the words stayed) or *removed* (the words
went too). Negotiators measure a draft's progress this way ("3 brackets resolved, 2 new since
iteration 2").

Pure: texts in (one per iteration, oldest first), history out. A passage is the text between an
outermost pair of square brackets, compared with its whitespace, line breaks and case folded (a
passage that moves across a page or line break is the same passage). A passage whose words changed
only a little between two iterations (an option inside it dropped, a word edited) is the same passage
*amended*, not one removed and one new."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

AMENDED = 0.75  # word-level similarity from which a changed passage is the same passage amended
SHOWN = 240  # characters of a passage shown in a pack
_FOOTNOTE = re.compile(r"\d{1,3}|[ivx]{1,4}|[a-z]|\W*")  # [1], [iv], [a], […]: not negotiating brackets


@dataclass
class Passage:
    text: str  # as it reads in the iteration it was last seen in (inner text, without its brackets)
    appeared: int  # iteration number, 1-based
    left: int | None = None  # the iteration it was no longer bracketed in (None: still open)
    resolved: bool = False  # left with its words kept (agreed), not deleted
    amended: list[int] = field(default_factory=list)  # iterations in which its words changed

    @property
    def open(self) -> bool:
        return self.left is None

    def short(self, limit: int = SHOWN) -> str:
        return self.text if len(self.text) <= limit else self.text[:limit].rstrip() + " …"


@dataclass
class History:
    iterations: int
    passages: list[Passage]

    def counts_since(self, iteration: int) -> tuple[int, int, int]:
        """(resolved, removed, new) after the given iteration, up to the last one."""
        resolved = sum(1 for p in self.passages if p.left and p.left > iteration and p.resolved)
        removed = sum(1 for p in self.passages if p.left and p.left > iteration and not p.resolved)
        new = sum(1 for p in self.passages if p.appeared > iteration and p.open)
        return resolved, removed, new

    @property
    def still_open(self) -> int:
        return sum(1 for p in self.passages if p.open)


def fold(text: str) -> str:
    """The comparison form: words joined by single spaces across line and page breaks (a word hyphenated
    at a line end joined again), lower case."""
    return _flat(text).lower()


def _flat(text: str) -> str:
    """Whitespace folded to single spaces, a word hyphenated at a line end joined again."""
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def passages(text: str) -> list[str]:
    """The outermost bracketed passages of a text, in order, as written (brackets inside a passage stay
    part of it). An unclosed bracket runs to the end of the text; a stray closing one is ignored."""
    found: list[str] = []
    depth, start = 0, 0
    for i, c in enumerate(text):
        if c == "[":
            if depth == 0:
                start = i + 1
            depth += 1
        elif c == "]" and depth:
            depth -= 1
            if depth == 0:
                found.append(text[start:i])
    if depth:
        found.append(text[start:])
    return [_flat(p) for p in found if not _FOOTNOTE.fullmatch(p.strip().lower())]


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def history(texts: Sequence[str]) -> History:
    """Follow every bracketed passage through the iterations (oldest first)."""
    tracked: list[tuple[Passage, str]] = []  # (passage, its folded text now) for the open ones
    done: list[Passage] = []
    for number, text in enumerate(texts, start=1):
        now = [(p, fold(p)) for p in passages(text)]
        unmatched = list(range(len(now)))
        still: list[tuple[Passage, str]] = []
        leaving: list[tuple[Passage, str]] = []
        for passage, key in tracked:  # the same words: still open
            j = next((j for j in unmatched if now[j][1] == key), None)
            if j is None:
                leaving.append((passage, key))
            else:
                unmatched.remove(j)
                passage.text = now[j][0]
                still.append((passage, key))
        for passage, key in leaving:  # words changed a little: amended; else gone
            best = max(unmatched, key=lambda j: _similar(key, now[j][1]), default=None)
            if best is not None and _similar(key, now[best][1]) >= AMENDED:
                unmatched.remove(best)
                passage.text, passage.amended = now[best][0], [*passage.amended, number]
                still.append((passage, now[best][1]))
            else:
                passage.left = number
                passage.resolved = _kept(key, text)
                done.append(passage)
        for j in unmatched:
            still.append((Passage(now[j][0], number), now[j][1]))
        tracked = still
    everything = done + [p for p, _ in tracked]
    everything.sort(key=lambda p: (p.appeared, p.left or len(texts) + 1))
    return History(len(texts), everything)


def _kept(folded_passage: str, text: str) -> bool:
    """Whether a passage's words are still in the text, unbracketed: resolved, not deleted. Nested
    brackets inside the passage are ignored (the agreed text keeps one of its options)."""
    plain = re.sub(r"[^\w ]+", " ", fold(re.sub(r"[\[\]]", "", text)))
    plain = re.sub(r" +", " ", plain)
    words = re.sub(r" +", " ", re.sub(r"[^\w ]+", " ", folded_passage)).strip()
    return bool(words) and f" {words} " in f" {plain} "
