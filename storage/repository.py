"""The chat repository: implements dialogs.ports.ChatStore on SQLAlchemy Core.

Every event is one transaction on one connection. Every statement runs on the driver connection
(storage/driver.py); those that run on every event are compiled once per database. The exception is
PostgreSQL's chair lock, which SQLAlchemy sends so that it begins the transaction. A unit opens with one
batch (on SQLite: begin, lock the chair, claim the update, read the current report with its answers) and
holds its writes of answers, report positions and menus until the next read or the commit, so on SQLite
an ordinary answer takes two trips to the database thread: one to open, one to write and commit.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.expression import Executable
from sqlalchemy.util import greenlet_spawn

from dialogs.ports import ReportState
from storage.driver import DriverStatement, Step, begin_writing, driver_connection, run_batch, sqlite_connection
from storage.models import Answer, Chair, Photo, ProcessedUpdate, Report

REPORT_COLUMNS = (Report.id, Report.kind, Report.status, Report.cursor, Report.resume_to, Report.version,
                  Report.pending, Report.defaults)


logger = logging.getLogger(__name__)

# SQLite's automatic checkpoint would run inside a COMMIT, which runs on the event loop's thread. An answer
# writes about six pages to the log, so this keeps it near SQLite's default of 1 000 pages.
CHECKPOINT_EVERY = 200
# Marks a pooled SQLite connection whose automatic checkpoints are already turned off.
_SQLITE_CHECKPOINTS_OURS = "union_summary_checkpoints"


@dataclass(frozen=True)
class Statements:
    """The per-event statements of one database, compiled once."""

    commit: DriverStatement
    lock_chair: DriverStatement
    claim_update: DriverStatement
    save_answer: DriverStatement
    save_report: DriverStatement
    set_menu: DriverStatement
    current_report: DriverStatement


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
        commit=DriverStatement(text("COMMIT"), dialect),
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
        set_menu=DriverStatement(
            update(Chair).where(Chair.id == bindparam("b_chair_id")).values(menu=bindparam("b_menu")), dialect),
        # The chair's current report with its answers, one row per answer: read in the opening batch.
        current_report=DriverStatement(
            select(*REPORT_COLUMNS, Answer.question_id, Answer.value)
            .select_from(Chair)
            .join(Report, Report.id == Chair.current_report_id)
            .outerjoin(Answer, Answer.report_id == Report.id)
            .where(Chair.chat_id == bindparam("b_chat_id")), dialect),
    )


def _copy_log(database_file: str) -> None:
    """A checkpoint, on a worker thread with a connection of its own: SQLite lets it run beside a writer,
    so the chat units neither wait for it nor share a connection with it."""
    connection = sqlite3.connect(database_file, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        connection.close()


def _state(row: Any) -> ReportState:
    return ReportState(
        id=row.id, kind=row.kind, status=row.status, cursor=row.cursor, resume_to=row.resume_to,
        version=row.version, pending=row.pending, defaults=row.defaults or {},
    )


class SqlChatUnit:
    def __init__(self, dialect: Dialect, driver: Any, statements: Statements, chat_id: int,
                 chair: Any, duplicate: bool, report_rows: list[Any]) -> None:
        self.dialect = dialect
        self.driver = driver
        self.statements = statements
        self.chat_id = chat_id
        self.chair_id: int = chair.id
        self.current_report_id: int | None = chair.current_report_id
        self.menu: str | None = chair.menu
        self.duplicate = duplicate
        self._report: ReportState | None = None
        self._loaded_answers: dict[int, dict[str, Any]] = {}
        self._keep_read(report_rows)
        # Writes wait here until the next read or the commit, and then go in one batch.
        self._pending: list[Step] = []

    def _keep_read(self, rows: list[Any]) -> None:
        self._report = _state(rows[0]) if rows else None
        if rows:
            # The answers came with the report; the engine asks for them next.
            self._loaded_answers[rows[0].id] = {r.question_id: r.value for r in rows if r.question_id is not None}

    async def flush(self, *then: Step) -> list[list[Any]]:
        """Send the writes held so far, and `then`, in one batch; the rows of each."""
        pending, self._pending = self._pending, []
        return await run_batch(self.driver, [*pending, *then])

    async def _execute(self, *statements: Executable) -> list[Any]:
        """Statements that not every event needs: compiled now, sent after the held writes in one batch; the
        last one's rows."""
        compiled = [DriverStatement(statement, self.dialect) for statement in statements]
        return (await self.flush(*((statement, statement.values) for statement in compiled)))[-1]

    async def set_menu(self, menu: str | None) -> None:
        if menu != self.menu:
            self.menu = menu
            self._pending.append((self.statements.set_menu, {"b_chair_id": self.chair_id, "b_menu": menu}))

    async def _set_current(self, report_id: int | None) -> None:
        self.current_report_id = report_id
        self._report = None
        await self._execute(update(Chair).where(Chair.id == self.chair_id).values(current_report_id=report_id))

    async def current_report(self) -> ReportState | None:
        if self._report is None and self.current_report_id is not None:
            await self.flush()
            self._keep_read(await self.statements.current_report.rows(self.driver, {"b_chat_id": self.chat_id}))
        return self._report

    async def create_report(self, kind: str, cursor: str, defaults: dict[str, Any] | None = None) -> ReportState:
        [row] = await self._execute(
            insert(Report).values(chair_id=self.chair_id, kind=kind, status="draft", cursor=cursor, version=0,
                                  defaults=defaults or None).returning(*REPORT_COLUMNS))
        await self._set_current(row.id)
        return _state(row)

    async def save_report(self, state: ReportState) -> None:
        state.version += 1
        self._pending.append((self.statements.save_report, {
            "b_report_id": state.id, "b_chair_id": self.chair_id, "b_status": state.status, "b_cursor": state.cursor,
            "b_resume_to": state.resume_to, "b_version": state.version, "b_pending": state.pending,
        }))

    async def reports(self) -> list[ReportState]:
        rows = await self._execute(
            select(*REPORT_COLUMNS).where(Report.chair_id == self.chair_id).order_by(Report.id))
        return [_state(r) for r in rows]

    async def _owns(self, report_id: int) -> Any:
        rows = await self._execute(
            select(*REPORT_COLUMNS).where(Report.id == report_id, Report.chair_id == self.chair_id))
        return rows[0] if rows else None

    async def open_report(self, report_id: int) -> ReportState | None:
        row = await self._owns(report_id)
        if row is None:
            return None
        await self._set_current(row.id)
        return _state(row)

    async def delete_report(self, report_id: int) -> bool:
        if await self._owns(report_id) is None:
            return False
        await self._execute(delete(Answer).where(Answer.report_id == report_id),
                            delete(Photo).where(Photo.report_id == report_id),
                            delete(Report).where(Report.id == report_id))
        if self.current_report_id == report_id:
            await self._set_current(None)
        return True

    async def answers(self, report_id: int) -> dict[str, Any]:
        if report_id in self._loaded_answers:
            return self._loaded_answers.pop(report_id)
        rows = await self._execute(
            select(Answer.question_id, Answer.value)
            .join(Report, Report.id == Answer.report_id)
            .where(Answer.report_id == report_id, Report.chair_id == self.chair_id))
        return {question_id: value for question_id, value in rows}

    async def save_answer(self, report_id: int, question_id: str, value: Any) -> None:
        self._loaded_answers.pop(report_id, None)
        self._pending.append((self.statements.save_answer,
                              {"b_report_id": report_id, "b_question_id": question_id, "b_value": value}))

    async def delete_everything(self) -> None:
        self._pending.clear()  # whatever was about to be written goes with the rest
        own_reports = select(Report.id).where(Report.chair_id == self.chair_id)
        await self._execute(delete(Answer).where(Answer.report_id.in_(own_reports)),
                            delete(Photo).where(Photo.report_id.in_(own_reports)),
                            delete(Report).where(Report.chair_id == self.chair_id),
                            delete(Chair).where(Chair.id == self.chair_id))

    async def add_photo(self, report_id: int, question_id: str, data: bytes, caption: str | None) -> int:
        [row] = await self._execute(
            insert(Photo).values(report_id=report_id, question_id=question_id, data=data, caption=caption)
            .returning(Photo.id))
        return row.id

    async def photos(self, report_id: int) -> dict[int, tuple[bytes, str | None]]:
        rows = await self._execute(
            select(Photo.id, Photo.data, Photo.caption)
            .join(Report, Report.id == Photo.report_id)
            .where(Photo.report_id == report_id, Report.chair_id == self.chair_id)
        )
        return {photo_id: (data, caption) for photo_id, data, caption in rows}


class SqlChatStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.statements = _statements(engine.dialect)
        self._sqlite = engine.dialect.name == "sqlite"
        # SQLite lets one writer in at a time. This process's units queue here, which also gives each unit
        # its connection alone while it runs statements on the loop's thread; other processes on the same
        # file meet begin_writing's wait.
        self._writer = asyncio.Lock()
        self._commits = 0
        database = engine.url.database
        self._database_file = database if self._sqlite and database and database != ":memory:" else None
        self._log_copies: set[asyncio.Future[None]] = set()

    def _start_log_copy(self, database_file: str) -> None:
        copy = asyncio.ensure_future(asyncio.to_thread(_copy_log, database_file))
        self._log_copies.add(copy)
        copy.add_done_callback(self._log_copy_done)

    def _log_copy_done(self, copy: asyncio.Future[None]) -> None:
        self._log_copies.discard(copy)
        if not copy.cancelled() and copy.exception() is not None:
            # The answers are committed in the log; the next checkpoint copies them instead.
            logger.warning("SQLite checkpoint failed; the next one will retry", exc_info=copy.exception())

    async def finish_background_work(self) -> None:
        """Wait for a checkpoint in progress (before the engine is disposed, or in a test)."""
        await asyncio.gather(*self._log_copies, return_exceptions=True)

    def unit(self, chat_id: int, update_id: int | None = None) -> AbstractAsyncContextManager[SqlChatUnit]:
        if self._sqlite:
            return self._sqlite_unit(chat_id, update_id)
        return self._postgres_unit(chat_id, update_id)

    async def _open(self, driver: Any, chat_id: int, update_id: int | None, chair: Any = None) -> SqlChatUnit:
        """The unit, after one batch: lock the chair (unless `chair` is given), claim the update, and read the
        current report with its answers."""
        st = self.statements
        steps: list[Step] = [] if chair is not None else [(st.lock_chair, {"b_chat_id": chat_id})]
        locking = len(steps)
        if update_id is not None:
            steps.append((st.claim_update, {"b_update_id": update_id}))
        steps.append((st.current_report, {"b_chat_id": chat_id}))
        results = await run_batch(driver, steps)
        if chair is None:
            chair = results[0][0]
        duplicate = update_id is not None and not results[locking]
        return SqlChatUnit(self.engine.dialect, driver, st, chat_id, chair, duplicate, results[-1])

    @asynccontextmanager
    async def _sqlite_unit(self, chat_id: int, update_id: int | None) -> AsyncIterator[SqlChatUnit]:
        """BEGIN IMMEDIATE, the opening batch, the unit's work, the writes with COMMIT: all on this thread.

        The unit takes a raw connection from SQLAlchemy's pool and needs no SQLAlchemy Connection (engine
        per answer in-process: 0.37 ms with one, 0.27 ms without). Every CHECKPOINT_EVERY units the log is
        copied into the database on a worker thread, because that copy fsyncs (it took 4 ms here, and set
        the p99 of one chair's answers while it ran inside a unit).
        """
        async with self._writer:
            raw = await self.engine.raw_connection()
            driver = raw.driver_connection
            connection = sqlite_connection(driver)
            try:
                if not raw.info.get(_SQLITE_CHECKPOINTS_OURS):
                    connection.execute("PRAGMA wal_autocheckpoint=0")
                    raw.info[_SQLITE_CHECKPOINTS_OURS] = True
                await begin_writing(driver)
                unit = await self._open(driver, chat_id, update_id)
                yield unit
                await unit.flush((self.statements.commit, {}))
            except BaseException:
                try:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                except BaseException:
                    # A connection that may still be inside the transaction must not go back to the pool:
                    # closing it rolls the transaction back.
                    await greenlet_spawn(raw.invalidate)
                    raise
                raise
            else:
                self._commits += 1
                if self._commits % CHECKPOINT_EVERY == 0 and self._database_file:
                    self._start_log_copy(self._database_file)
            finally:
                await greenlet_spawn(raw.close)

    @asynccontextmanager
    async def _postgres_unit(self, chat_id: int, update_id: int | None) -> AsyncIterator[SqlChatUnit]:
        # SQLAlchemy's asyncpg adapter sends BEGIN with the first statement it executes: the chair's lock.
        async with self.engine.begin() as connection:
            chair = (await connection.execute(self.statements.lock_chair.statement, {"b_chat_id": chat_id})).one()
            unit = await self._open(await driver_connection(connection), chat_id, update_id, chair)
            yield unit
            await unit.flush()
