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
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dialogs.ports import ChatChanges, ChatRef, ChatSnapshot, ReportState, StoredReport
from storage.models import Answer, Chair, Photo, ProcessedUpdate, Report

logger = logging.getLogger(__name__)

chairs, reports, answers, photos = Chair.__table__, Report.__table__, Answer.__table__, Photo.__table__


class _Statements:
    """The statements every event runs, built once; their values are bound when they run."""

    def __init__(self, dialect: str) -> None:
        upsert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
        lock = upsert(chairs)
        # On PostgreSQL the update of a row that exists locks it even though nothing changes.
        self.lock_chair = lock.on_conflict_do_update(
            index_elements=[chairs.c.source, chairs.c.chat_id], set_={"source": lock.excluded.source},
        ).returning(chairs.c.id, chairs.c.menu, chairs.c.current_report_id)
        self.claim_update = upsert(ProcessedUpdate.__table__).on_conflict_do_nothing()
        # A report with no answers yet comes as one row without one.
        self.load = (select(reports.c.id, reports.c.kind, reports.c.status, reports.c.cursor, reports.c.resume_to,
                            reports.c.version, reports.c.pending, reports.c.defaults, answers.c.question_id,
                            answers.c.value)
                     .outerjoin(answers, answers.c.report_id == reports.c.id)
                     .where(reports.c.chair_id == bindparam("chair")).order_by(reports.c.id))
        self.new_report = insert(reports).returning(reports.c.id)
        self.save_report = update(reports).where(reports.c.id == bindparam("report"),
                                                 reports.c.chair_id == bindparam("chair"))
        save = upsert(answers)
        self.save_answers = save.on_conflict_do_update(
            index_elements=[answers.c.report_id, answers.c.question_id],
            set_={"value": save.excluded.value, "updated_at": func.now()})
        self.add_photos = insert(photos)
        self.save_chair = update(chairs).where(chairs.c.id == bindparam("chair"))


def _state(row: Any) -> ReportState:
    return ReportState(id=row.id, kind=row.kind, status=row.status, cursor=row.cursor, resume_to=row.resume_to,
                       version=row.version, pending=row.pending, defaults=row.defaults or {})


def _position(state: ReportState) -> dict[str, Any]:
    return {"kind": state.kind, "status": state.status, "cursor": state.cursor, "resume_to": state.resume_to,
            "version": state.version, "pending": state.pending, "defaults": state.defaults or None}


class SqlChatUnit:
    """One event's transaction, holding the chat's lock."""

    def __init__(self, connection: AsyncConnection, statements: _Statements, chair_id: int,
                 snapshot: ChatSnapshot) -> None:
        self.connection = connection
        self.statements = statements
        self.chair_id = chair_id
        self.snapshot = snapshot

    async def apply(self, changes: ChatChanges) -> None:
        run, st, chair = self.connection.execute, self.statements, self.chair_id
        own_reports = select(reports.c.id).where(reports.c.chair_id == chair)
        if changes.forget:
            await run(delete(answers).where(answers.c.report_id.in_(own_reports)))
            await run(delete(photos).where(photos.c.report_id.in_(own_reports)))
            await run(delete(reports).where(reports.c.chair_id == chair))
            await run(delete(chairs).where(chairs.c.id == chair))
            return
        if changes.deleted_reports:
            doomed = own_reports.where(reports.c.id.in_(changes.deleted_reports))
            await run(delete(answers).where(answers.c.report_id.in_(doomed)))
            await run(delete(photos).where(photos.c.report_id.in_(doomed)))
            await run(delete(reports).where(reports.c.id.in_(doomed)))

        current, new_id = changes.current_report_id, None
        for state in changes.reports:
            if state.id is None:
                new_id = (await run(st.new_report, {"chair_id": chair, **_position(state)})).scalar_one()
                state.id = current = new_id
            else:
                await run(st.save_report, {"report": state.id, "chair": chair, **_position(state)})
        if changes.answers:
            await run(st.save_answers, [
                {"report_id": new_id if report_id is None else report_id, "question_id": question_id, "value": value}
                for report_id, question_id, value in changes.answers])
        if changes.photos:
            await run(st.add_photos, [
                {"report_id": new_id if photo.report_id is None else photo.report_id,
                 "question_id": photo.question_id, "key": photo.key, "data": photo.data, "caption": photo.caption}
                for photo in changes.photos])
        if (changes.menu, current) != (self.snapshot.menu, self.snapshot.current_report_id):
            await run(st.save_chair, {"chair": chair, "menu": changes.menu, "current_report_id": current})

    async def photo_data(self, report_id: int) -> dict[str, bytes]:
        rows = await self.connection.execute(
            select(photos.c.key, photos.c.data).join(reports, reports.c.id == photos.c.report_id)
            .where(photos.c.report_id == report_id, reports.c.chair_id == self.chair_id, photos.c.data.is_not(None))
            .order_by(photos.c.id))
        return {key: data for key, data in rows}


class SqlChatStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.statements = _Statements(engine.dialect.name)

    @asynccontextmanager
    async def unit(self, chat: ChatRef, update_id: int | None = None) -> AsyncIterator[SqlChatUnit]:
        st = self.statements
        async with self.engine.begin() as connection:
            # The chat's chair row first, made if the chat is new: locked until the unit ends (on SQLite the
            # unit holds the database's write lock already).
            chair = (await connection.execute(st.lock_chair, {"source": chat.source, "chat_id": chat.chat_id})).one()
            duplicate = False
            if update_id is not None:
                claimed = await connection.execute(st.claim_update, {"source": chat.source, "update_id": update_id})
                duplicate = claimed.rowcount == 0
            stored: dict[int, StoredReport] = {}
            for row in await connection.execute(st.load, {"chair": chair.id}):
                if row.id not in stored:
                    stored[row.id] = StoredReport(_state(row), {})
                if row.question_id is not None:
                    stored[row.id].answers[row.question_id] = row.value
            snapshot = ChatSnapshot(duplicate=duplicate, menu=chair.menu, current_report_id=chair.current_report_id,
                                    reports=list(stored.values()))
            yield SqlChatUnit(connection, st, chair.id, snapshot)

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
