"""SQLAlchemy 2 models of the catalog. Documented for analysts in docs/catalog.md.

Timestamps are timezone-aware UTC (stored as ISO text on SQLite through ``UTCDateTime``).
Alembic owns the schema: change a model, then add a migration under alembic/versions/.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the catalog; use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


document_meeting = Table(
    "document_meeting",
    Base.metadata,
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True),
    Column("meeting_key", ForeignKey("meeting.key", ondelete="CASCADE"), primary_key=True),
)

document_agenda_item = Table(
    "document_agenda_item",
    Base.metadata,
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True),
    Column("agenda_item_id", ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True),
)


class Source(Base):
    __tablename__ = "source"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    baseline_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    baseline_run_id: Mapped[int | None] = mapped_column(Integer)


class CrawlRun(Base):
    __tablename__ = "crawl_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20), default="running")
    is_baseline: Mapped[bool] = mapped_column(default=False)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    blocked: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    message: Mapped[str | None] = mapped_column(Text)


class Conference(Base):
    __tablename__ = "conference"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    venue: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(Text)


class Meeting(Base):
    __tablename__ = "meeting"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    body: Mapped[str] = mapped_column(String(20), index=True)
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(String(400))
    conference_key: Mapped[str | None] = mapped_column(ForeignKey("conference.key"))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    venue: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="tentative")
    url: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    listed_on: Mapped[str | None] = mapped_column(Text)
    last_listed_run_id: Mapped[int | None] = mapped_column(Integer)
    missed_runs: Mapped[int] = mapped_column(Integer, default=0)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agenda_items: Mapped[list[AgendaItem]] = relationship(back_populates="meeting", order_by="AgendaItem.position")


class AgendaItem(Base):
    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("meeting_key", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_key: Mapped[str] = mapped_column(ForeignKey("meeting.key", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")


class Document(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    symbol: Mapped[str | None] = mapped_column(String(300), index=True)
    symbol_parts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    family: Mapped[str | None] = mapped_column(String(300), index=True)
    relation: Mapped[str | None] = mapped_column(String(20))
    parent_symbol: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    doc_type: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(String(40), index=True)
    publication_date: Mapped[date | None] = mapped_column(Date, index=True)
    version_label: Mapped[str | None] = mapped_column(String(60))
    role: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="current")
    url: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    meetings: Mapped[list[Meeting]] = relationship(secondary=document_meeting)
    agenda_items: Mapped[list[AgendaItem]] = relationship(secondary=document_agenda_item)
    files: Mapped[list[DocumentFile]] = relationship(back_populates="document", order_by="DocumentFile.id")


class DocumentAlias(Base):
    """Every symbol a document answers to: its own, and each part of a joint symbol."""

    __tablename__ = "document_alias"
    alias: Mapped[str] = mapped_column(String(400), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)


class Sighting(Base):
    __tablename__ = "sighting"
    __table_args__ = (UniqueConstraint("document_id", "page_url"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    page_url: Mapped[str] = mapped_column(Text, index=True)  # removals are judged per listing page
    page_kind: Mapped[str] = mapped_column(String(40))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    missed_runs: Mapped[int] = mapped_column(Integer, default=0)


class PageVisit(Base):
    """The last complete parse of each listing page: the basis for judging removals."""

    __tablename__ = "page_visit"
    __table_args__ = (UniqueConstraint("run_id", "page_url"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"), index=True)
    page_url: Mapped[str] = mapped_column(Text, index=True)  # a page's recent visits, on every visit
    page_kind: Mapped[str] = mapped_column(String(40))
    items: Mapped[int] = mapped_column(Integer, default=0)


class DocumentFile(Base):
    __tablename__ = "document_file"
    __table_args__ = (
        UniqueConstraint("document_id", "language", "sha256"),
        Index("ix_document_file_current", "document_id", "language", "is_current"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    url: Mapped[str] = mapped_column(Text, index=True)  # which of a listing's file links were fetched before
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    storage_path: Mapped[str] = mapped_column(Text)
    pages: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    extraction_status: Mapped[str] = mapped_column(String(20))
    extraction_error: Mapped[str | None] = mapped_column(Text)
    is_current: Mapped[bool] = mapped_column(default=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    document: Mapped[Document] = relationship(back_populates="files")


class Change(Base):
    __tablename__ = "change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    source_id: Mapped[str | None] = mapped_column(ForeignKey("source.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("document_file.id"))
    previous_file_id: Mapped[int | None] = mapped_column(ForeignKey("document_file.id"))
    meeting_key: Mapped[str | None] = mapped_column(ForeignKey("meeting.key"))
    subject: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    diff: Mapped[str | None] = mapped_column(Text)


class Deadline(Base):
    """A date by which something must be done: a call for input, an observer registration."""

    __tablename__ = "deadline"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    meeting_key: Mapped[str | None] = mapped_column(ForeignKey("meeting.key"), index=True)
    title: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Record(Base):
    """One row of a monitored table, keyed by the table's natural key."""

    __tablename__ = "record"
    __table_args__ = (UniqueConstraint("source_id", "table_name", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(500))
    label: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(Text)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    fields_hash: Mapped[str] = mapped_column(String(64))
    page_url: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="current")
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_run_id: Mapped[int | None] = mapped_column(Integer)
    missed_runs: Mapped[int] = mapped_column(Integer, default=0)


class WatchHit(Base):
    """A watchlist term found in a sentence of a document's text."""

    __tablename__ = "watch_hit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watchlist: Mapped[str] = mapped_column(String(60), index=True)
    term: Mapped[str] = mapped_column(String(200))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("document_file.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    page: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_key: Mapped[str] = mapped_column(String(64))
    family: Mapped[str] = mapped_column(String(400), index=True)
    is_new: Mapped[bool] = mapped_column(default=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Outbox(Base):
    """Notifications waiting to be delivered, delivered or given up: at least once, never lost."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("message_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(40), index=True)  # email, webhook
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_change_id: Mapped[int | None] = mapped_column(Integer)
    last_change_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HttpValidator(Base):
    """The validators of the last good response per URL, for conditional requests (a 304 costs no body)."""

    __tablename__ = "http_validator"
    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str | None] = mapped_column(String(64))
    storage_path: Mapped[str | None] = mapped_column(Text)  # the body kept for pages, so a 304 can be re-parsed
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime())
