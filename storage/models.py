"""Tables. One row per answer, so a crash can lose at most the answer being written."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Chair(Base):
    __tablename__ = "chairs"
    __table_args__ = (UniqueConstraint("source", "chat_id", name="uq_chairs_source_chat_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The front door the chat came through ("telegram", "console", …) and the chat's id there.
    source: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # No foreign key: reports already point at chairs, and a cycle would complicate SQLite migrations.
    current_report_id: Mapped[int | None] = mapped_column(Integer)
    # An open menu (edit, reports, a confirmation), stored so a restart returns the chair to it.
    menu: Mapped[str | None] = mapped_column(String(60))
    # The replies to the chat's last event could not be sent: its next answer is not taken as one.
    reply_lost: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # The newest update applied to this chat and when: an older one arriving later is refused.
    last_update_id: Mapped[int | None] = mapped_column(BigInteger)
    last_update_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chair_id: Mapped[int] = mapped_column(ForeignKey("chairs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="draft")
    cursor: Mapped[str] = mapped_column(String(40))
    resume_to: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=0)
    # Options ticked so far on an unfinished multiple choice (Telegram toggles them one by one).
    pending: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    # Unit facts carried over from the chair's previous report, offered as defaults to confirm.
    defaults: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("report_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(40))
    # NULL means the chair skipped the question.
    value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Photo(Base):
    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(40))
    # Chosen by the engine; a photo answer's value refers to its photos by key.
    key: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    caption: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ProcessedUpdate(Base):
    __tablename__ = "processed_updates"

    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
