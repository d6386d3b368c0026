"""Text helpers shared by every layer."""

from __future__ import annotations

import re

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Text safe for XML 1.0: forbidden control characters become spaces; runs of blanks fold."""
    return re.sub(r"[ \t\u00a0]+", " ", _XML_FORBIDDEN.sub(" ", value)).strip()


# Kana, CJK ideographs (and extension A, compatibility), half-width katakana, Hangul: scripts written
# without spaces between words.
CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]")


def has_cjk(text: str | None) -> bool:
    return bool(text) and CJK.search(text or "") is not None
