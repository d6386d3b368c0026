"""Normalise parsed items: characters that XML forbids and stray whitespace are removed from every
text field, so that feeds, packs and the catalog never carry them."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from core.items import AgendaRef, DeadlineItem, DocumentItem, MeetingItem, RecordItem
from core.text import clean_text


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            setattr(value, f.name, _clean(getattr(value, f.name)))
    return value


class NormalisePipeline:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, (DocumentItem, MeetingItem, AgendaRef, DeadlineItem, RecordItem)):
            _clean(item)
        return item
