"""Paragraph-level diffs of negotiation drafts.

Paragraphs are matched by content, not by number (drafts are renumbered between iterations); the
diff reports paragraphs added, removed and changed, options added or dropped, and the count of
square brackets before and after, which is how negotiators measure progress."""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\.|\([a-z]{1,4}\)|[IVXL]{1,6}\.)\s+")
_OPTION = re.compile(r"\bOption\s+(\d+|[A-Z])\b")
MATCH = 0.55  # word-level similarity from which two paragraphs are one paragraph changed
SHINGLE = 3  # words per triple in the candidate index
COMMON = 20  # a triple found in more paragraphs than this is not used to find candidates
CANDIDATES = 4  # new paragraphs compared with each old one, those sharing most triples
LONG = 1500  # words: a longer paragraph is compared by its word triples (linear), not word by word


@dataclass
class DraftDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    brackets_before: int = 0
    brackets_after: int = 0
    options_before: list[str] = field(default_factory=list)
    options_after: list[str] = field(default_factory=list)
    comparisons: int = 0  # paragraph pairs compared word by word (at most 6 per paragraph, never all pairs)

    @property
    def options_dropped(self) -> list[str]:
        return [o for o in self.options_before if o not in self.options_after]

    @property
    def options_added(self) -> list[str]:
        return [o for o in self.options_after if o not in self.options_before]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def headline(self) -> str:
        parts = [f"{len(self.added)} paragraph(s) added", f"{len(self.removed)} removed",
                 f"{len(self.changed)} changed", f"brackets {self.brackets_before} → {self.brackets_after}"]
        if self.options_dropped:
            parts.append("options dropped: " + ", ".join(self.options_dropped))
        if self.options_added:
            parts.append("options added: " + ", ".join(self.options_added))
        return "; ".join(parts)

    def render(self) -> str:
        lines = [self.headline(), ""]
        for old, new in self.changed:
            lines += ["~ changed:", f"  - {old}", f"  + {new}"]
            b_old, b_new = count_brackets(old), count_brackets(new)
            if b_old != b_new:
                lines.append(f"    (brackets {b_old} → {b_new})")
        lines += [f"+ added: {p}" for p in self.added]
        lines += [f"- removed: {p}" for p in self.removed]
        return "\n".join(lines)


def count_brackets(text: str) -> int:
    """Opening square brackets: each is one piece of text not yet agreed."""
    return text.count("[")


def paragraphs(text: str) -> list[str]:
    """Numbered paragraphs, lettered sub-paragraphs and option blocks; blank lines also separate. A
    page break inside a sentence (no closing punctuation before it, no paragraph number after it)
    continues the paragraph, so a paragraph that moves across a page break is not a change."""
    marker = r"\s*(?:(?:\d{1,3}\.|\([a-z]{1,4}\)|[IVXL]{1,6}\.)\s|Option\s+(?:\d+|[A-Z])\b)"
    text = re.sub(rf"(?<=[^\s.;:!?])[ \t]*\n?[ \t]*\f(?!{marker})\s*", " ", text)
    text = text.replace("\f", "\n\n")
    joined = re.sub(rf"(?<!\n)\n(?!\n)(?!{marker})", " ", text)
    chunks = re.split(rf"\n\s*\n|\n(?={marker})", joined)
    return [re.sub(r"\s+", " ", c).strip() for c in chunks if c and c.strip()]


def _content(paragraph: str) -> str:
    return _NUMBERED.sub("", paragraph).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+|[^\w\s]", text.lower())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def _similarity(a: list[str], b: list[str]) -> float:
    """How alike two paragraphs are, 0 to 1: word by word (difflib), or for very long ones, whose
    word-by-word comparison grows with the square of their length, by their shared word triples."""
    if max(len(a), len(b)) <= LONG:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    sa, sb = _shingles(a), _shingles(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def diff_texts(old: str, new: str) -> DraftDiff:
    """Pair the paragraphs of two versions in near-linear time: identical ones by hash first; each
    remaining old paragraph is then compared only with the few new ones that share most of its rare
    word triples (an inverted index), word by word. Drafts of hundreds of paragraphs, each lightly
    edited, diff in well under a second; the comparisons made are counted (``comparisons``)."""
    before, after = paragraphs(old), paragraphs(new)
    result = DraftDiff(brackets_before=count_brackets(old), brackets_after=count_brackets(new),
                       options_before=list(dict.fromkeys(_OPTION.findall(old))),
                       options_after=list(dict.fromkeys(_OPTION.findall(new))))
    result.options_before = [f"Option {o}" for o in result.options_before]
    result.options_after = [f"Option {o}" for o in result.options_after]
    unmatched_new = {i: _content(p) for i, p in enumerate(after)}
    exact: dict[str, list[int]] = {}
    for i, p in list(unmatched_new.items()):
        exact.setdefault(p, []).append(i)
    leftovers = []
    for old_p in before:
        content = _content(old_p)
        if exact.get(content):
            j = exact[content].pop(0)
            unmatched_new.pop(j, None)
            continue
        leftovers.append(old_p)
    words = {j: _words(unmatched_new[j]) for j in unmatched_new}
    index: dict[tuple[str, ...], list[int]] = {}
    for j, w in words.items():
        for shingle in _shingles(w):
            index.setdefault(shingle, []).append(j)
    free = sorted(unmatched_new)  # unmatched new paragraphs, in order: the positional candidates
    position = {old_p: i for i, old_p in enumerate(before)}
    for old_p in leftovers:
        old_words = _words(_content(old_p))
        shared: Counter[int] = Counter()
        for shingle in _shingles(old_words):
            holders = index.get(shingle, ())
            if len(holders) <= COMMON:  # a triple in many paragraphs says nothing about which one
                shared.update(holders)
        candidates = [j for j, _n in shared.most_common(CANDIDATES) if j in unmatched_new]
        # and the new paragraphs where this one would stand if the order held (edits that left no rare
        # triple in common still pair with their neighbour in place)
        at = bisect.bisect_left(free, round(position[old_p] * len(after) / max(len(before), 1)))
        candidates += [j for j in free[max(0, at - 1):at + 1] if j not in candidates]
        best, best_ratio = None, 0.0
        for j in candidates:
            result.comparisons += 1
            ratio = _similarity(old_words, words[j])
            if ratio > best_ratio:
                best, best_ratio = j, ratio
        if best is not None and best_ratio >= MATCH:
            result.changed.append((old_p, after[best]))
            unmatched_new.pop(best)
            free.remove(best)
        else:
            result.removed.append(old_p)
    result.added = [after[j] for j in sorted(unmatched_new)]
    return result
