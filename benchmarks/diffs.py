"""Paragraph diffs of a lightly edited draft: a6watch's pairing against comparing every pair (how it was
paired before), measured in the same run on the same drafts."""

from __future__ import annotations

import difflib
import random
import time
from typing import Any

from core.diffs import _content, diff_texts, paragraphs

VOCAB = ("Party Parties corresponding adjustment authorization internationally transferred mitigation outcomes "
         "Article paragraph decision requests secretariat Supervisory Body methodology baseline registry first "
         "transfer report information review technical expert cooperative approach share proceeds adaptation "
         "overall mitigation global emissions emission reductions removals").split()


def _drafts(n: int) -> tuple[str, str]:
    rng = random.Random(n)
    old = [" ".join(rng.choice(VOCAB) for _ in range(rng.randint(40, 90))) + "." for _ in range(n)]
    new = [p.replace(" Party ", " [Party] ", 1) + " as appropriate" for p in old]
    return ("\n".join(f"{i}. {p}" for i, p in enumerate(old, 1)),
            "\n".join(f"{i}. {p}" for i, p in enumerate(new, 3)))


def _all_pairs(old: str, new: str) -> int:
    """The former pairing: every old paragraph against every unmatched new one, character by character."""
    after = {j: _content(p) for j, p in enumerate(paragraphs(new))}
    paired = 0
    for p in paragraphs(old):
        content = _content(p)
        scores = [(difflib.SequenceMatcher(None, content, c, autojunk=False).ratio(), j) for j, c in after.items()]
        if scores:
            ratio, j = max(scores)
            if ratio >= 0.55:
                after.pop(j)
                paired += 1
    return paired


def bench_diffs(sizes: tuple[int, ...] = (50, 100, 200, 900), baseline_up_to: int = 100) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in sizes:
        old, new = _drafts(n)
        started = time.perf_counter()
        d = diff_texts(old, new)
        ours = time.perf_counter() - started
        row: dict[str, Any] = {"paragraphs": n, "paired": len(d.changed), "comparisons": d.comparisons,
                               "seconds": round(ours, 3)}
        if n <= baseline_up_to:
            started = time.perf_counter()
            row["all_pairs_paired"] = _all_pairs(old, new)
            row["all_pairs_seconds"] = round(time.perf_counter() - started, 2)
            row["ratio"] = round(ours / row["all_pairs_seconds"], 4)
        out[str(n)] = row
    return out
