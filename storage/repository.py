"""The chat store: implements dialogs.ports.ChatStore on SQLAlchemy Core.

One event of one chat is one transaction (`engine.begin()`). Its first statement locks the chat's chair
row, creating it if need be, so two events of one chat, in this process or in another replica, run one
after the other and the second sees what the first committed. On PostgreSQL the row lock is taken by an
upsert on the chair; on SQLite every transaction begins with BEGIN IMMEDIATE (storage/database.py),
which holds the database's write lock. The update id is claimed in the same transaction (on PostgreSQL
in the lock's statement), so an update is applied exactly when its changes are committed.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, String, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dialogs.ports import ChatChanges, ChatRef, ChatSnapshot, ReportState, StoredReport
from storage.models import Answer, Chair, Photo, ProcessedUpdate, Report

logger = logging.getLogger(__name__)

# How long a chat's newest applied update id orders the ones after it. Replicas race within seconds;
# Telegram may number updates afresh after a week without any, and a chair must not be refused then.
ORDER_WINDOW = timedelta(days=1)

chairs, reports, answers, photos, processed_updates = (
    Chair.__table__, Report.__table__, Answer.__table__, Photo.__table__, ProcessedUpdate.__table__)
_UPSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
_CHAIR_COLUMNS = (chairs.c.id, chairs.c.menu, chairs.c.current_report_id, chairs.c.reply_lost,
                  chairs.c.last_update_id, chairs.c.last_update_at)
_POSITION = ("kind", "status", "cursor", "resume_to", "version", "pending", "defaults")


class _Statements:
    """Every statement a unit runs, built once for the store's database and given its values (`bindparam`)
    when it runs. Building a statement (coercing its parts, computing its cache key) would otherwise be
    repeated on every event for the same SQL; a statement object built once keeps its cache key and finds
    its compiled form in SQLAlchemy's cache."""

    def __init__(self, dialect: str) -> None:
        upsert = _UPSERT[dialect]
        chair_id = bindparam("chair")

        lock = upsert(chairs).values(source=bindparam("source"), chat_id=bindparam("chat_id"))
        # Writing the row (even unchanged) on conflict is what locks it on PostgreSQL; on SQLite the unit
        # holds the database's write lock already.
        lock = lock.on_conflict_do_update(index_elements=[chairs.c.source, chairs.c.chat_id],
                                          set_={"source": lock.excluded.source})
        self.lock = lock.returning(*_CHAIR_COLUMNS)
        self.claim = upsert(processed_updates).values(
            source=bindparam("source"), update_id=bindparam("update_id")).on_conflict_do_nothing()
        self.lock_and_claim = None
        if dialect == "postgresql":
            # One round trip instead of two. The claim inserts a row selected from the lock's result, so it
            # runs only once the chair's row is locked, whatever order PostgreSQL runs a WITH's parts in: a
            # redelivered update waits for the chat's lock, then finds its id claimed, as with two statements.
            locked = self.lock.cte("locked")
            claimed = (upsert(processed_updates)
                       .from_select(["source", "update_id"],
                                    select(bindparam("source", type_=String), bindparam("update_id", type_=BigInteger))
                                    .select_from(locked))
                       .on_conflict_do_nothing()
                       .returning(processed_updates.c.update_id)
                       .cte("claimed"))
            self.lock_and_claim = select(
                locked, select(func.count()).select_from(claimed).scalar_subquery().label("claims"))

        # The chair's reports, each with its answers (a report with none comes once, its question_id NULL).
        self.reports = (select(reports.c.id, *(reports.c[name] for name in _POSITION),
                               answers.c.question_id, answers.c.value)
                        .outerjoin(answers, answers.c.report_id == reports.c.id)
                        .where(reports.c.chair_id == chair_id).order_by(reports.c.id))
        self.photo_data = (select(photos.c.key, photos.c.data).join(reports, reports.c.id == photos.c.report_id)
                           .where(photos.c.report_id == bindparam("report"), reports.c.chair_id == chair_id,
                                  photos.c.data.is_not(None))
                           .order_by(photos.c.id))

        position = {name: bindparam(name) for name in _POSITION}
        self.new_report = insert(reports).values(chair_id=chair_id, **position).returning(reports.c.id)
        self.save_report = (update(reports)
                            .where(reports.c.id == bindparam("report"), reports.c.chair_id == chair_id)
                            .values(**position))
        save_answer = upsert(answers)
        self.save_answers = save_answer.on_conflict_do_update(
            index_elements=[answers.c.report_id, answers.c.question_id],
            set_={"value": save_answer.excluded.value, "updated_at": func.now()})
        self.add_photos = insert(photos)
        self.save_chair = update(chairs).where(chairs.c.id == chair_id).values(
            menu=bindparam("menu"), current_report_id=bindparam("current_report_id"),
            reply_lost=bindparam("reply_lost"))
        self.save_chair_applied = self.save_chair.values(
            last_update_id=bindparam("last_update_id"), last_update_at=bindparam("last_update_at"))

        own = select(reports.c.id).where(reports.c.chair_id == chair_id)
        doomed = own.where(reports.c.id.in_(bindparam("doomed", expanding=True)))
        self.forget = (delete(answers).where(answers.c.report_id.in_(own)),
                       delete(photos).where(photos.c.report_id.in_(own)),
                       delete(reports).where(reports.c.chair_id == chair_id),
                       delete(chairs).where(chairs.c.id == chair_id))
        self.delete_reports = (delete(answers).where(answers.c.report_id.in_(doomed)),
                               delete(photos).where(photos.c.report_id.in_(doomed)),
                               delete(reports).where(reports.c.id.in_(doomed)))


def _state(row: Any) -> ReportState:
    return ReportState(id=row.id, kind=row.kind, status=row.status, cursor=row.cursor, resume_to=row.resume_to,
                       version=row.version, pending=row.pending, defaults=row.defaults or {})


def _position(state: ReportState) -> dict[str, Any]:
    return {"kind": state.kind, "status": state.status, "cursor": state.cursor, "resume_to": state.resume_to,
            "version": state.version, "pending": state.pending, "defaults": state.defaults or None}


class SqlChatUnit:
    """One event's transaction, holding the chat's lock."""

    def __init__(self, connection: AsyncConnection, sql: _Statements, chair_id: int, snapshot: ChatSnapshot,
                 update_id: int | None = None) -> None:
        self.connection = connection
        self.sql = sql
        self.chair_id = chair_id
        self.snapshot = snapshot
        self.update_id = update_id

    async def apply(self, changes: ChatChanges) -> None:
        run, sql, chair = self.connection.execute, self.sql, {"chair": self.chair_id}
        if changes.forget:
            for statement in sql.forget:
                await run(statement, chair)
            return
        if changes.deleted_reports:
            for statement in sql.delete_reports:
                await run(statement, {**chair, "doomed": changes.deleted_reports})

        current, new_id = changes.current_report_id, None
        for state in changes.reports:
            if state.id is None:
                new_id = (await run(sql.new_report, {**chair, **_position(state)})).scalar_one()
                state.id = current = new_id
            else:
                await run(sql.save_report, {**chair, "report": state.id, **_position(state)})

        if changes.answers:
            await run(sql.save_answers, [
                {"report_id": new_id if report_id is None else report_id, "question_id": question_id, "value": value}
                for report_id, question_id, value in changes.answers])
        if changes.photos:
            await run(sql.add_photos, [
                {"report_id": new_id if photo.report_id is None else photo.report_id,
                 "question_id": photo.question_id, "key": photo.key, "data": photo.data, "caption": photo.caption}
                for photo in changes.photos])
        values = {**chair, "menu": changes.menu, "current_report_id": current, "reply_lost": changes.reply_lost}
        if self.update_id is None:
            await run(sql.save_chair, values)
        else:
            await run(sql.save_chair_applied,
                      {**values, "last_update_id": self.update_id, "last_update_at": datetime.now(UTC)})

    async def photo_data(self, report_id: int) -> dict[str, bytes]:
        rows = await self.connection.execute(self.sql.photo_data, {"chair": self.chair_id, "report": report_id})
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
        self.sql = _Statements(engine.dialect.name)

    @asynccontextmanager
    async def unit(self, chat: ChatRef, update_id: int | None = None) -> AsyncIterator[SqlChatUnit]:
        sql, key = self.sql, {"source": chat.source, "chat_id": chat.chat_id}
        async with self.engine.begin() as connection:
            # The chair's row is locked first (storage/database.py: on SQLite, by BEGIN IMMEDIATE).
            duplicate = False
            if update_id is not None and sql.lock_and_claim is not None:
                chair = (await connection.execute(sql.lock_and_claim, {**key, "update_id": update_id})).one()
                duplicate = chair.claims == 0
            else:
                chair = (await connection.execute(sql.lock, key)).one()
                if update_id is not None:
                    claim = await connection.execute(sql.claim, {"source": chat.source, "update_id": update_id})
                    duplicate = claim.rowcount == 0
            # Read only now, in a statement of its own: on PostgreSQL a statement sees what was committed when
            # it began, and the one that took the lock may have begun before the chat's previous unit committed.
            stored: dict[int, StoredReport] = {}
            for row in await connection.execute(sql.reports, {"chair": chair.id}):
                if row.id not in stored:
                    stored[row.id] = StoredReport(_state(row), {})
                if row.question_id is not None:
                    stored[row.id].answers[row.question_id] = row.value
            snapshot = ChatSnapshot(
                duplicate=duplicate, menu=chair.menu, current_report_id=chair.current_report_id,
                reports=list(stored.values()),
                reply_lost=chair.reply_lost, out_of_order=not duplicate and _older(update_id, chair))
            yield SqlChatUnit(connection, sql, chair.id, snapshot, update_id)

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
