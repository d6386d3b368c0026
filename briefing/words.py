"""The words of a pack in one language: labels, statuses, document types, body names and the
sentences that say what changed (English from ``labels``, Japanese from ``glossary_ja``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any

from briefing import glossary_ja, labels
from core.errors import A6WatchError
from core.meetings import display_code

LANGS: dict[str, ModuleType] = {"en": labels, "ja": glossary_ja}


@dataclass(frozen=True)
class Words:
    lang: str

    @property
    def _m(self) -> ModuleType:
        return LANGS[self.lang]

    def __getitem__(self, key: str) -> str:
        value: str = self._m.LABELS[key]
        return value

    def label(self, key: str, **values: Any) -> str:
        return self[key].format(**values)

    def say(self, key: str, **values: Any) -> str:
        text: str = self._m.SENTENCES[key]
        return text.format(**values)

    def doc_status(self, status: str) -> str:
        return str(self._m.DOC_STATUS.get(status, status))

    def meeting_status(self, status: str) -> str:
        return str(self._m.MEETING_STATUS.get(status, status))

    def outcome(self, key: str) -> str:
        return str(self._m.BRACKET_OUTCOME[key])

    def deadline_kind(self, kind: str) -> str:
        return str(self._m.DEADLINE_KINDS.get(kind, self._m.DEADLINE_KINDS["submission"]))

    def mark(self, kind: str) -> str:
        return str(self._m.DIFF_MARKS[kind])

    def body(self, body: str) -> str:
        return str(self._m.BODIES.get(body.upper(), body.upper()))

    def meeting_name(self, body: str, number: int) -> str:
        """'SBM 022' in English; '第22回6条4項監督機関（SBM）' in Japanese."""
        return str(self._m.MEETING_NAME.format(code=display_code(body, number), number=number,
                                               body=self.body(body)))

    def doc_type(self, doc_type: str | None, role: str | None) -> str:
        """The document's type in this language: the source's type, else its role at the meeting. An
        English type the glossary does not know stays as the source wrote it (it is data, like a title)."""
        if self.lang == "en":
            return doc_type or (str(self._m.ROLES.get(role, "")) if role else "")
        types: dict[str, str] = glossary_ja.DOC_TYPES
        if doc_type and doc_type.strip().lower() in types:
            return types[doc_type.strip().lower()]
        if role in glossary_ja.ROLES:
            return glossary_ja.ROLES[role]
        return doc_type or ""

    def language(self, code: str) -> str:
        return str(self._m.LANGUAGES.get(code, code))

    def languages(self, codes: list[str]) -> str:
        return ("、" if self.lang == "ja" else ", ").join(self.language(c) for c in codes)

    def expected(self, label: str) -> str:
        return str(getattr(self._m, "EXPECTED", {}).get(label, label))

    def day(self, value: date | None) -> str:
        if value is None:
            return self["no_date"]
        return f"{value.year}年{value.month}月{value.day}日" if self.lang == "ja" else value.isoformat()

    def days(self, start: date | None, end: date | None) -> str:
        if start is None:
            return self["no_date"]
        return f"{self.day(start)} – {self.day(end)}" if end and end != start else self.day(start)


def words_for(lang: str) -> Words:
    if lang not in LANGS:
        raise A6WatchError(f"--lang: {lang!r} is not available ({' or '.join(LANGS)})")
    return Words(lang)


def change_sentence(w: Words, kind: str, details: dict[str, Any], summary: str) -> str:
    """What changed, in the pack's language: English uses the catalog's sentence; Japanese builds its
    own from the change's kind and details (the glossary's sentences)."""
    if w.lang == "en":
        return summary
    sentences: dict[str, str] = w._m.SENTENCES
    if kind == "document.updated" and details.get("previous_version"):
        return w.say("change.document.updated.version", before=details["previous_version"],
                     after=details.get("version") or "")
    template = sentences.get(f"change.{kind}", sentences["change.other"])
    return template.format(parent=details.get("parent") or "", language=w.language(str(details.get("language", ""))))
