"""The chat repository: implements dialogs.ports.ChatStore on SQLAlchemy Core.

Every event is one transaction on one connection. Statements that run on every event are compiled once
per database and run on the driver connection (storage/driver.py), all but PostgreSQL's chair lock, which
SQLAlchemy sends so that it begins the transaction. The report is read together with its answers, so an
ordinary answer costs seven statements: begin, lock the chair, claim the update, read, write the answer,
move the report, commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dialogs.ports import ReportState
from storage.driver import DriverStatement, driver_connection
from storage.models import Answer, Chair, Photo, ProcessedUpdate, Report

REPORT_COLUMNS = (Report.id, Report.kind, Report.status, Report.cursor, Report.resume_to, Report.version,
                  Report.pending, Report.defaults)


@dataclass(frozen=True)
class Statements:
    """The per-event statements of one database, compiled once."""

    lock_chair: DriverStatement
    claim_update: DriverStatement
    save_answer: DriverStatement
    save_report: DriverStatement
    report_with_answers: DriverStatement


def _statements(dialect: Dialect) -> Statements:
    # Only the dialect in use is imported: PostgreSQL's is 2 MB that a bot on SQLite never needs.
    if dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    # An upsert that updates takes the chair's row lock: events of one chat are serialised across
    # replicas (on SQLite, BEGIN IMMEDIATE already serialises writers).
    lock = dialect_insert(Chair).values(chat_id=bindparam("b_chat_id"))
    lock = lock.on_conflict_do_update(index_elements=[Chair.chat_id], set_={"chat_id": lock.excluded.chat_id})
    answer = dialect_insert(Answer).values(
        report_id=bindparam("b_report_id"), question_id=bindparam("b_question_id"), value=bindparam("b_value"))
    answer = answer.on_conflict_do_update(
        index_elements=[Answer.report_id, Answer.question_id],
        set_={"value": answer.excluded.value, "updated_at": func.now()},
    )
    return Statements(
        lock_chair=DriverStatement(lock.returning(Chair.id, Chair.current_report_id, Chair.menu), dialect),
        # A row comes back only when this update is new.
        claim_update=DriverStatement(
            dialect_insert(ProcessedUpdate).values(update_id=bindparam("b_update_id")).on_conflict_do_nothing()
            .returning(ProcessedUpdate.update_id), dialect),
        save_answer=DriverStatement(answer, dialect),
        save_report=DriverStatement(
            update(Report)
            .where(Report.id == bindparam("b_report_id"), Report.chair_id == bindparam("b_chair_id"))
            .values(status=bindparam("b_status"), cursor=bindparam("b_cursor"), resume_to=bindparam("b_resume_to"),
                    version=bindparam("b_version"), pending=bindparam("b_pending")), dialect),
        report_with_answers=DriverStatement(
            select(*REPORT_COLUMNS, Answer.question_id, Answer.value)
            .outerjoin(Answer, Answer.report_id == Report.id)
            .where(Report.id == bindparam("b_report_id")), dialect),
    )


def _state(row: Any) -> ReportState:
    return ReportState(
        id=row.id, kind=row.kind, status=row.status, cursor=row.cursor, resume_to=row.resume_to,
        version=row.version, pending=row.pending, defaults=row.defaults or {},
    )


class SqlChatUnit:
    def __init__(self, connection: AsyncConnection, driver: Any, statements: Statements, chair: Any) -> None:
        self.connection = connection
        self.driver = driver
        self.statements = statements
        self.chair_id: int = chair.id
        self.current_report_id: int | None = chair.current_report_id
        self.menu: str | None = chair.menu
        self._loaded_answers: dict[int, dict[str, Any]] = {}

    async def set_menu(self, menu: str | None) -> None:
        self.menu = menu
        await self.connection.execute(update(Chair).where(Chair.id == self.chair_id).values(menu=menu))

    async def _set_current(self, report_id: int | None) -> None:
        self.current_report_id = report_id
        await self.connection.execute(
            update(Chair).where(Chair.id == self.chair_id).values(current_report_id=report_id))

    async def claim_update(self, update_id: int) -> bool:
        return bool(await self.statements.claim_update.rows(self.driver, {"b_update_id": update_id}))

    async def current_report(self) -> ReportState | None:
        if self.current_report_id is None:
            return None
        rows = await self.statements.report_with_answers.rows(
            self.driver, {"b_report_id": self.current_report_id})
        if not rows:
            return None
        # The answers came with the report; the engine asks for them next.
        self._loaded_answers[rows[0].id] = {r.question_id: r.value for r in rows if r.question_id is not None}
        return _state(rows[0])

    async def create_report(self, kind: str, cursor: str, defaults: dict[str, Any] | None = None) -> ReportState:
        row = (await self.connection.execute(
            insert(Report).values(chair_id=self.chair_id, kind=kind, status="draft", cursor=cursor, version=0,
                                  defaults=defaults or None).returning(*REPORT_COLUMNS))).one()
        await self._set_current(row.id)
        return _state(row)

    async def save_report(self, state: ReportState) -> None:
        state.version += 1
        await self.statements.save_report.rows(self.driver, {
            "b_report_id": state.id, "b_chair_id": self.chair_id, "b_status": state.status, "b_cursor": state.cursor,
            "b_resume_to": state.resume_to, "b_version": state.version, "b_pending": state.pending,
        })

    async def reports(self) -> list[ReportState]:
        rows = await self.connection.execute(
            select(*REPORT_COLUMNS).where(Report.chair_id == self.chair_id).order_by(Report.id))
        return [_state(r) for r in rows]

    async def _owns(self, report_id: int) -> Any:
        return (await self.connection.execute(
            select(*REPORT_COLUMNS).where(Report.id == report_id, Report.chair_id == self.chair_id))).first()

    async def open_report(self, report_id: int) -> ReportState | None:
        row = await self._owns(report_id)
        if row is None:
            return None
        await self._set_current(row.id)
        return _state(row)

    async def delete_report(self, report_id: int) -> bool:
        if await self._owns(report_id) is None:
            return False
        await self.connection.execute(delete(Answer).where(Answer.report_id == report_id))
        await self.connection.execute(delete(Photo).where(Photo.report_id == report_id))
        await self.connection.execute(delete(Report).where(Report.id == report_id))
        if self.current_report_id == report_id:
            await self._set_current(None)
        return True

    async def answers(self, report_id: int) -> dict[str, Any]:
        if report_id in self._loaded_answers:
            return self._loaded_answers.pop(report_id)
        rows = await self.connection.execute(
            select(Answer.question_id, Answer.value)
            .join(Report, Report.id == Answer.report_id)
            .where(Answer.report_id == report_id, Report.chair_id == self.chair_id))
        return {question_id: value for question_id, value in rows}

    async def save_answer(self, report_id: int, question_id: str, value: Any) -> None:
        self._loaded_answers.pop(report_id, None)
        await self.statements.save_answer.rows(
            self.driver, {"b_report_id": report_id, "b_question_id": question_id, "b_value": value})

    async def delete_everything(self) -> None:
        own_reports = select(Report.id).where(Report.chair_id == self.chair_id)
        await self.connection.execute(delete(Answer).where(Answer.report_id.in_(own_reports)))
        await self.connection.execute(delete(Photo).where(Photo.report_id.in_(own_reports)))
        await self.connection.execute(delete(Report).where(Report.chair_id == self.chair_id))
        await self.connection.execute(delete(Chair).where(Chair.id == self.chair_id))

    async def add_photo(self, report_id: int, question_id: str, data: bytes, caption: str | None) -> int:
        result = await self.connection.execute(
            insert(Photo).values(report_id=report_id, question_id=question_id, data=data, caption=caption)
            .returning(Photo.id))
        return result.scalar_one()

    async def photos(self, report_id: int) -> dict[int, tuple[bytes, str | None]]:
        rows = await self.connection.execute(
            select(Photo.id, Photo.data, Photo.caption)
            .join(Report, Report.id == Photo.report_id)
            .where(Photo.report_id == report_id, Report.chair_id == self.chair_id)
        )
        return {photo_id: (data, caption) for photo_id, data, caption in rows}


class SqlChatStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.statements = _statements(engine.dialect)
        # SQLite lets one writer in at a time and makes the others sleep and retry (busy_timeout), which
        # adds whole milliseconds per clash when updates of different chats run side by side: queue them
        # here instead. Other processes on the same file still meet busy_timeout.
        self._writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None
        # On SQLite the begin event has already sent BEGIN IMMEDIATE; SQLAlchemy's asyncpg adapter sends BEGIN
        # with the first statement it executes, so there the lock must go through SQLAlchemy.
        self._lock_on_driver = engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def unit(self, chat_id: int) -> AsyncIterator[SqlChatUnit]:
        params = {"b_chat_id": chat_id}
        async with self._writer or nullcontext(), self.engine.begin() as connection:
            driver = await driver_connection(connection)
            if self._lock_on_driver:
                chair = (await self.statements.lock_chair.rows(driver, params))[0]
            else:
                chair = (await connection.execute(self.statements.lock_chair.statement, params)).one()
            yield SqlChatUnit(connection, driver, self.statements, chair)
