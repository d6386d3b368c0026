"""Meeting keys and codes as analysts write them: 'SBM022', 'sbm-022', 'SBM 022', 'EB129', 'SB64'."""

from __future__ import annotations

import re
from datetime import datetime

from core.errors import A6WatchError

PADDED_BODIES = {"SBM": 3}  # SBM meetings are numbered 001 …


def meeting_key(body: str, number: int) -> str:
    width = PADDED_BODIES.get(body.upper(), 0)
    return f"{body.lower()}-{number:0{width}d}"


def display_code(body: str, number: int) -> str:
    """'SBM 022', 'EB 129', 'SBSTA 64'."""
    width = PADDED_BODIES.get(body.upper(), 0)
    return f"{body.upper()} {number:0{width}d}"


def code_of_key(key: str) -> str:
    body, _, number = key.partition("-")
    return display_code(body, int(number))


def parse_meeting(text: str) -> list[str]:
    """Any common spelling -> meeting keys. 'SB64' means the June 2026 sessions: SBSTA 64 and SBI 64."""
    m = re.fullmatch(r"\s*([A-Za-z]+)\s*-?\s*(\d+)\s*", text or "")
    if not m:
        raise A6WatchError(f"not a meeting: {text!r} (expected e.g. 'SBM 022', EB129, sbsta-64 or SB64)")
    body, number = m.group(1).upper(), int(m.group(2))
    if body == "SB":
        return [meeting_key("SBSTA", number), meeting_key("SBI", number)]
    return [meeting_key(body, number)]


def conference_key(title: str | None) -> str | None:
    """'Bonn Climate Change Conference - June 2026' -> 'bonn-2026-06'."""
    if not title:
        return None
    m = re.match(r"\s*([A-Za-zÀ-ÿ' -]+?)\s+Climate Change Conference\s*[-–]\s*([A-Za-z]+)\s+(\d{4})", title)
    if not m:
        return None
    month = datetime.strptime(m.group(2)[:3], "%b").month
    place = re.sub(r"[^a-z]+", "-", m.group(1).lower()).strip("-")
    return f"{place}-{m.group(3)}-{month:02d}"
