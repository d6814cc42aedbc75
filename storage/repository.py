"""The chat store: implements dialogs.ports.ChatStore on SQLAlchemy Core.

One event of one chat is one transaction (`engine.begin()`). Its first statement locks the chat's chair
row, creating it if need be, so two events of one chat, in this process or in another replica, run one
after the other and the second sees what the first committed. On PostgreSQL the row lock is taken by an
upsert on the chair; on SQLite every transaction begins with BEGIN IMMEDIATE (storage/database.py),
which holds the database's write lock. The update id is claimed in the same transaction, so an update is
applied exactly when its changes are committed.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dialogs.ports import ChatChanges, ChatRef, ChatSnapshot, ReportState, StoredReport
from storage.models import Answer, Chair, Photo, ProcessedUpdate, Report

logger = logging.getLogger(__name__)

_UPSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
# How long a chat's newest applied update id orders the ones after it. Replicas race within seconds;
# Telegram may number updates afresh after a week without any, and a chair must not be refused then.
ORDER_WINDOW = timedelta(days=1)

_REPORT_COLUMNS = (Report.id, Report.kind, Report.status, Report.cursor, Report.resume_to, Report.version,
                   Report.pending, Report.defaults)


def _state(row: Any) -> ReportState:
    return ReportState(id=row.id, kind=row.kind, status=row.status, cursor=row.cursor, resume_to=row.resume_to,
                       version=row.version, pending=row.pending, defaults=row.defaults or {})


def _position(state: ReportState) -> dict[str, Any]:
    return {"kind": state.kind, "status": state.status, "cursor": state.cursor, "resume_to": state.resume_to,
            "version": state.version, "pending": state.pending, "defaults": state.defaults or None}


class SqlChatUnit:
    """One event's transaction, holding the chat's lock."""

    def __init__(self, connection: AsyncConnection, chair_id: int, snapshot: ChatSnapshot,
                 update_id: int | None = None) -> None:
        self.connection = connection
        self.chair_id = chair_id
        self.snapshot = snapshot
        self.update_id = update_id

    async def apply(self, changes: ChatChanges) -> None:
        run = self.connection.execute
        own_reports = select(Report.id).where(Report.chair_id == self.chair_id)
        if changes.forget:
            await run(delete(Answer).where(Answer.report_id.in_(own_reports)))
            await run(delete(Photo).where(Photo.report_id.in_(own_reports)))
            await run(delete(Report).where(Report.chair_id == self.chair_id))
            await run(delete(Chair).where(Chair.id == self.chair_id))
            return
        if changes.deleted_reports:
            doomed = own_reports.where(Report.id.in_(changes.deleted_reports))
            await run(delete(Answer).where(Answer.report_id.in_(doomed)))
            await run(delete(Photo).where(Photo.report_id.in_(doomed)))
            await run(delete(Report).where(Report.id.in_(doomed)))

        current, new_id = changes.current_report_id, None
        for state in changes.reports:
            if state.id is None:
                new_id = (await run(insert(Report).values(chair_id=self.chair_id, **_position(state))
                                    .returning(Report.id))).scalar_one()
                state.id = current = new_id
            else:
                await run(update(Report).where(Report.id == state.id, Report.chair_id == self.chair_id)
                          .values(**_position(state)))

        if changes.answers:
            upsert = _UPSERT[self.connection.dialect.name](Answer)
            upsert = upsert.on_conflict_do_update(
                index_elements=[Answer.report_id, Answer.question_id],
                set_={"value": upsert.excluded.value, "updated_at": func.now()})
            await run(upsert, [{"report_id": new_id if report_id is None else report_id, "question_id": question_id,
                                "value": value} for report_id, question_id, value in changes.answers])
        if changes.photos:
            await run(insert(Photo), [
                {"report_id": new_id if photo.report_id is None else photo.report_id,
                 "question_id": photo.question_id, "key": photo.key, "data": photo.data, "caption": photo.caption}
                for photo in changes.photos])
        chair: dict[str, Any] = {"menu": changes.menu, "current_report_id": current, "reply_lost": changes.reply_lost}
        if self.update_id is not None:
            chair.update(last_update_id=self.update_id, last_update_at=datetime.now(UTC))
        await run(update(Chair).where(Chair.id == self.chair_id).values(**chair))

    async def photo_data(self, report_id: int) -> dict[str, bytes]:
        rows = await self.connection.execute(
            select(Photo.key, Photo.data).join(Report, Report.id == Photo.report_id)
            .where(Photo.report_id == report_id, Report.chair_id == self.chair_id, Photo.data.is_not(None))
            .order_by(Photo.id))
        return {key: data for key, data in rows}


def _older(update_id: int | None, chair: Any) -> bool:
    """Whether the update is older than one applied to the chat lately."""
    if update_id is None or chair.last_update_id is None or chair.last_update_at is None:
        return False
    applied_at = chair.last_update_at
    if applied_at.tzinfo is None:  # SQLite keeps the UTC time without its zone
        applied_at = applied_at.replace(tzinfo=UTC)
    return update_id < chair.last_update_id and datetime.now(UTC) - applied_at < ORDER_WINDOW


class SqlChatStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @asynccontextmanager
    async def unit(self, chat: ChatRef, update_id: int | None = None) -> AsyncIterator[SqlChatUnit]:
        async with self.engine.begin() as connection:
            chair = await self._lock_chair(connection, chat)
            duplicate = False
            if update_id is not None:
                claim = _UPSERT[connection.dialect.name](ProcessedUpdate).values(
                    source=chat.source, update_id=update_id).on_conflict_do_nothing()
                duplicate = (await connection.execute(claim)).rowcount == 0
            reports = (await connection.execute(
                select(*_REPORT_COLUMNS).where(Report.chair_id == chair.id).order_by(Report.id))).all()
            answers: dict[int, dict[str, Any]] = {row.id: {} for row in reports}
            for report_id, question_id, value in await connection.execute(
                    select(Answer.report_id, Answer.question_id, Answer.value)
                    .join(Report, Report.id == Answer.report_id).where(Report.chair_id == chair.id)):
                answers[report_id][question_id] = value
            snapshot = ChatSnapshot(
                duplicate=duplicate, menu=chair.menu, current_report_id=chair.current_report_id,
                reports=[StoredReport(_state(row), answers[row.id]) for row in reports],
                reply_lost=chair.reply_lost, out_of_order=not duplicate and _older(update_id, chair))
            yield SqlChatUnit(connection, chair.id, snapshot, update_id)

    async def _lock_chair(self, connection: AsyncConnection, chat: ChatRef) -> Any:
        """The chat's chair row, locked until the unit ends, made if the chat is new. On PostgreSQL the
        upsert's update locks the row even when nothing changes; on SQLite the unit already holds the
        database's write lock."""
        upsert = _UPSERT[connection.dialect.name](Chair).values(source=chat.source, chat_id=chat.chat_id)
        upsert = upsert.on_conflict_do_update(index_elements=[Chair.source, Chair.chat_id],
                                              set_={"source": upsert.excluded.source})
        return (await connection.execute(
            upsert.returning(Chair.id, Chair.menu, Chair.current_report_id, Chair.reply_lost, Chair.last_update_id,
                             Chair.last_update_at))).one()

    async def prepare(self) -> None:
        """Connect before the first event, and say so if the database does not answer."""
        if not await self.reachable():
            logger.warning("The database did not answer at start-up; each event will try it again")

    async def reachable(self) -> bool:
        """Whether the database answers (the health check)."""
        try:
            async with self.engine.connect() as connection:
                await connection.execute(select(1))
            return True
        except Exception:  # any failure to reach the database is "unhealthy", never a crash
            return False

    async def close(self) -> None:
        await self.engine.dispose()
