"""The chat repository: implements dialogs.ports.ChatStore on SQLAlchemy Core.

Every event is one unit on one connection taken from SQLAlchemy's pool. Every statement runs on the
driver connection (storage/driver.py); those that run on every event are compiled once per database
(storage/statements.py). A unit holds its writes of answers, report positions and menus until the next
statement or the commit.

On SQLite a unit opens with the chair's lock, the claim of the update and the read of the current report
with its answers, all on the loop's thread. On PostgreSQL, where each statement is a round trip, a unit
of a chair already known reads without the lock and, at the end, writes in one statement that applies
only if the chair's version is unchanged (two round trips for an answer, against four holding the lock
throughout). If another replica changed the chat meanwhile, the unit raises ChatChanged and the engine
handles the event again in an exclusive unit. A unit that needs any other statement (a new report, a
photo, the list of reports) takes the lock first, on the same check.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.expression import Executable
from sqlalchemy.util import greenlet_spawn

from dialogs.ports import ChatChanged, ReportState
from storage.driver import DriverStatement, Step, begin_writing, run_batch, sqlite_connection
from storage.models import Answer, Chair, Photo, Report
from storage.statements import REPORT_COLUMNS, Statements, compile_statements

logger = logging.getLogger(__name__)

# SQLite's automatic checkpoint would run inside a COMMIT, which runs on the event loop's thread. An answer
# writes about six pages to the log, so this keeps it near SQLite's default of 1 000 pages.
CHECKPOINT_EVERY = 200
# How far the log may grow (16 MB) before the units pause for a checkpoint to catch up with them.
LOG_PAGES_LIMIT = 4_000
# A pooled SQLite connection's database file, once its automatic checkpoints are turned off ("" for none).
_SQLITE_FILE = "union_summary_file"


def _take_over_checkpoints(connection: sqlite3.Connection) -> str:
    """Turn off SQLite's automatic checkpoints on a connection the units use; the file the store's
    checkpoints are to copy the log into. A database with no file (in memory) keeps SQLite's own."""
    file = next((row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"), "")
    if file:
        connection.execute("PRAGMA wal_autocheckpoint=0")
    return file


def _copy_log(database_file: str) -> int:
    """A checkpoint, on a worker thread with a connection of its own, so that its fsyncs never hold up the
    event loop; how many pages the log holds."""
    connection = sqlite3.connect(database_file, isolation_level=None)
    try:
        _busy, log_pages, _copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return log_pages
    finally:
        connection.close()


def _state(row: Any) -> ReportState:
    return ReportState(
        id=row.id, kind=row.kind, status=row.status, cursor=row.cursor, resume_to=row.resume_to,
        version=row.version, pending=row.pending, defaults=row.defaults or {},
    )


class SqlChatUnit:
    def __init__(self, dialect: Dialect, driver: Any, statements: Statements, chat_id: int,
                 chair: Any, duplicate: bool, report_rows: list[Any], unlocked_update: int | None = None,
                 unlocked: bool = False) -> None:
        self.dialect = dialect
        self.driver = driver
        self.statements = statements
        self.chat_id = chat_id
        self.chair_id: int = chair.chair_id
        self.current_report_id: int | None = chair.current_report_id
        self.menu: str | None = chair.menu
        self.duplicate = duplicate
        self._report: ReportState | None = None
        self._loaded_answers: dict[int, dict[str, Any]] = {}
        self._keep_read(report_rows)
        # Writes wait here until the next read or the commit, and then go in one batch.
        self._pending: list[Step] = []
        # PostgreSQL: the chair's version as read without the lock (None once the unit holds the lock), and
        # the update to claim when it writes.
        self._version_read: int | None = chair.chair_version if unlocked else None
        self._update_to_claim = unlocked_update

    def _keep_read(self, rows: list[Any]) -> None:
        if rows and rows[0].id is None:
            rows = []  # PostgreSQL's opening read: the chair's row, and no current report
        self._report = _state(rows[0]) if rows else None
        if rows:
            # The answers came with the report; the engine asks for them next.
            self._loaded_answers[rows[0].id] = {r.question_id: r.value for r in rows if r.question_id is not None}

    async def flush(self, *then: Step) -> list[list[Any]]:
        """Send the writes held so far, and `then`, in one batch; the rows of each."""
        await self._take_lock()
        pending, self._pending = self._pending, []
        return await run_batch(self.driver, [*self._folded(pending), *then])

    @property
    def holds_lock(self) -> bool:
        return self._version_read is None

    async def _take_lock(self) -> None:
        """A unit that read without the lock and needs a statement now: BEGIN, and the chair's row locked,
        if nobody changed the chat since the read."""
        if self.holds_lock:
            return
        assert self.statements.begin_and_guard
        status = await self.driver.execute(
            self.statements.begin_and_guard.sql(chair_id=self.chair_id, version=self._version_read))
        self._version_read = None  # in a transaction from here on, whatever the status
        if status != "UPDATE 1":
            raise ChatChanged  # the unit's context rolls the transaction back
        if self._update_to_claim is not None:
            self._pending.append((self.statements.claim_update, {"b_update_id": self._update_to_claim}))

    async def finish(self) -> None:
        """Commit: the held writes and COMMIT, or for a unit that read without the lock, one statement
        that writes only if the chat is unchanged."""
        if self.holds_lock:
            await self.flush((self.statements.commit, {}))
            return
        if not self._pending and self._update_to_claim is None:
            return  # it read, and has nothing to write
        assert self.statements.guarded_writes
        answers: dict[tuple[int, str], dict[str, Any]] = {}
        reports: dict[int, dict[str, Any]] = {}
        for statement, params in self._pending:
            # One statement may write a row once; each of these writes a whole row, so the last one holds.
            if statement is self.statements.save_answer:
                answers[params["b_report_id"], params["b_question_id"]] = dict(params)
            elif statement is self.statements.save_report:
                reports[params["b_report_id"]] = dict(params)
            else:
                assert statement is self.statements.set_menu  # the menu goes in the guard, as self.menu
        [[written]] = await run_batch(self.driver, [self.statements.guarded_writes.step(
            self.chair_id, self._version_read, self.menu, self._update_to_claim,
            list(answers.values()), list(reports.values()))])
        if not written.written:
            raise ChatChanged

    def _folded(self, steps: list[Step]) -> list[Step]:
        """On PostgreSQL an answer and its report's new position go as one statement: one round trip."""
        both, answer, report = self.statements.save_answer_and_report, self.statements.save_answer, \
            self.statements.save_report
        if both is None:
            return steps
        folded: list[Step] = []
        for statement, params in steps:
            if (statement is report and folded and folded[-1][0] is answer
                    and folded[-1][1]["b_report_id"] == params["b_report_id"]):
                folded[-1] = (both, {**folded[-1][1], **params})
            else:
                folded.append((statement, params))
        return folded

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
        self.statements = compile_statements(engine.dialect)
        self._sqlite = engine.dialect.name == "sqlite"
        # SQLite lets one writer in at a time. This process's units queue here, which also gives each unit
        # its connection alone while it runs statements on the loop's thread; other processes on the same
        # file meet begin_writing's wait.
        self._writer = asyncio.Lock()
        self._commits = 0
        self._log_copy: asyncio.Future[None] | None = None
        self._copy_again = False

    def _start_log_copy(self, database_file: str) -> None:
        # One at a time: a second copy while one runs finds SQLite's checkpoint busy and copies nothing.
        if self._log_copy is None:
            self._log_copy = asyncio.ensure_future(self._copy_log(database_file))
        else:
            self._copy_again = True

    async def _copy_log(self, database_file: str) -> None:
        # Beside the units first. SQLite starts the log afresh only when a unit begins with every frame
        # already in the database, which units that commit while the copy runs prevent: under steady load
        # the log would only grow. So once it passes LOG_PAGES_LIMIT, the units wait (on the loop) for a
        # second copy, of what they added meanwhile.
        try:
            while True:
                self._copy_again = False
                log_pages = await asyncio.to_thread(_copy_log, database_file)
                if log_pages > LOG_PAGES_LIMIT:
                    async with self._writer:
                        await asyncio.to_thread(_copy_log, database_file)
                if not self._copy_again:
                    break
        except sqlite3.Error:
            # The answers are committed in the log; the next checkpoint copies them instead.
            logger.warning("SQLite checkpoint failed; the next one will retry", exc_info=True)
        finally:
            self._log_copy = None

    async def finish_background_work(self) -> None:
        """Wait for a checkpoint in progress (before the engine is disposed, or in a test)."""
        if self._log_copy is not None:
            await asyncio.gather(self._log_copy, return_exceptions=True)

    def unit(self, chat_id: int, update_id: int | None = None,
             exclusive: bool = False) -> AbstractAsyncContextManager[SqlChatUnit]:
        if self._sqlite:
            return self._sqlite_unit(chat_id, update_id)  # every SQLite unit is exclusive
        return self._postgres_unit(chat_id, update_id, exclusive)

    @asynccontextmanager
    async def _sqlite_unit(self, chat_id: int, update_id: int | None) -> AsyncIterator[SqlChatUnit]:
        """BEGIN IMMEDIATE, the opening batch, the unit's work, the writes with COMMIT: all on this thread.

        The unit takes a raw connection from SQLAlchemy's pool and needs no SQLAlchemy Connection, which cost
        0.1 ms per answer in process (0.37 against 0.27 ms). Every CHECKPOINT_EVERY units the log is
        copied into the database on a worker thread, because that copy fsyncs (4 ms here).
        """
        st = self.statements
        assert st.lock_chair and st.claim_update
        async with self._writer:
            raw = await self.engine.raw_connection()
            driver = raw.driver_connection
            connection = sqlite_connection(driver)
            try:
                if _SQLITE_FILE not in raw.info:
                    raw.info[_SQLITE_FILE] = _take_over_checkpoints(connection)
                await begin_writing(driver)
                steps: list[Step] = [(st.lock_chair, {"b_chat_id": chat_id})]
                if update_id is not None:
                    steps.append((st.claim_update, {"b_update_id": update_id}))
                steps.append((st.current_report, {"b_chat_id": chat_id}))
                results = await run_batch(driver, steps)
                unit = SqlChatUnit(self.engine.dialect, driver, st, chat_id, results[0][0],
                                   update_id is not None and not results[1], results[-1])
                yield unit
                await unit.finish()
            except BaseException:
                await _roll_back_sqlite(raw, connection)
                raise
            else:
                self._commits += 1
                if self._commits % CHECKPOINT_EVERY == 0 and raw.info[_SQLITE_FILE]:
                    self._start_log_copy(raw.info[_SQLITE_FILE])
            finally:
                await greenlet_spawn(raw.close)

    async def _first_trip(self, send: Callable[[Any], Awaitable[Any]]) -> tuple[Any, Any]:
        """A pooled connection, and what `send` (a unit's first statement) returned on it.

        A pooled connection can be dead (the server restarted, the network dropped it while the bot was
        idle). One found dead here has written nothing, so the unit starts again on the next, and at worst
        on a new one.
        """
        from asyncpg import InterfaceError, PostgresConnectionError

        attempts = self.engine.pool.checkedin() + 1  # type: ignore[attr-defined]
        for attempt in range(1, attempts + 1):
            raw = await self.engine.raw_connection()  # a server that is down fails here, as it is
            try:
                return raw, await send(raw.driver_connection)
            except BaseException as error:
                await _end_postgres(raw)
                # A timeout (an OSError too) is a slow server or a long lock wait, not a dead connection.
                dead = isinstance(error, OSError | InterfaceError | PostgresConnectionError) \
                    and not isinstance(error, TimeoutError)
                if not dead or attempt == attempts:
                    raise
        raise AssertionError("unreachable")

    @asynccontextmanager
    async def _postgres_unit(self, chat_id: int, update_id: int | None,
                             exclusive: bool) -> AsyncIterator[SqlChatUnit]:
        """Unlocked, a known chair's answer is two round trips: the read, and the guarded write. Exclusive,
        or for a chat with no chair yet, four: BEGIN with the lock, the read (claiming the update), the
        writes, COMMIT. Like SQLite's, the unit needs no SQLAlchemy Connection."""
        st = self.statements
        assert st.open_unlocked and st.open_claiming and st.open_reading and st.begin_and_lock
        if exclusive:
            raw, _status = await self._first_trip(
                lambda driver: driver.execute(st.begin_and_lock.sql(chat_id=chat_id)))  # type: ignore[union-attr]
            rows = []
        else:
            raw, rows = await self._first_trip(
                lambda driver: st.open_unlocked.rows(driver, {"b_chat_id": chat_id, "b_update_id": update_id}))
        driver = raw.driver_connection
        try:
            if rows:
                seen = rows[0].seen
                unit = SqlChatUnit(self.engine.dialect, driver, st, chat_id, rows[0], seen, rows,
                                   unlocked_update=None if seen else update_id, unlocked=True)
            else:
                if not exclusive:
                    await driver.execute(st.begin_and_lock.sql(chat_id=chat_id))  # a new chair: made under the lock
                if update_id is None:
                    rows = await st.open_reading.rows(driver, {"b_chat_id": chat_id})
                else:
                    rows = await st.open_claiming.rows(driver, {"b_chat_id": chat_id, "b_update_id": update_id})
                unit = SqlChatUnit(self.engine.dialect, driver, st, chat_id, rows[0], rows[0].claimed == 0, rows)
            yield unit
            await unit.finish()
        except ChatChanged:
            if unit.holds_lock:
                await _end_postgres(raw)  # refused as it took the lock: inside a transaction
            else:
                await greenlet_spawn(raw.close)  # the refused write was one autocommitted statement
            raise
        except BaseException:
            await _end_postgres(raw)
            raise
        await greenlet_spawn(raw.close)

    async def prepare(self) -> None:
        """Before the first event: connect (on PostgreSQL SQLAlchemy also reads the server's settings then,
        which made the first answer after a start take 6 ms instead of 2) and compile the guarded writes."""
        if self.statements.guarded_writes:
            self.statements.guarded_writes.prepare()
        if not await self.reachable():
            logger.warning("The database did not answer at start-up; each event will try it again")

    async def reachable(self) -> bool:
        """Whether the database answers (the health check). Like a unit, it replaces a pooled connection
        that died while the bot was idle instead of reporting the database down."""
        for attempt in (1, 2):
            try:
                async with self.engine.connect() as connection:
                    await connection.exec_driver_sql("SELECT 1")
                return True
            except DBAPIError as error:
                if attempt == 2 or not error.connection_invalidated:
                    return False
            except Exception:  # any failure to reach the database is "unhealthy", never a crash
                return False
        return False


async def _roll_back_sqlite(raw: Any, connection: sqlite3.Connection) -> None:
    """End a failed unit's transaction; a connection that may still be inside it must not go back to the pool
    (closing it rolls the transaction back)."""
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except BaseException:
        await greenlet_spawn(raw.invalidate)
        raise


async def _end_postgres(raw: Any) -> None:
    """Give back a connection whose unit failed: rolled back, or, if it is dead or the rollback fails too,
    dropped from the pool (the server then ends the transaction). The unit's own error is what is raised."""
    driver = raw.driver_connection
    try:
        if driver.is_closed():
            await greenlet_spawn(raw.invalidate)
        else:
            # Even when asyncpg thinks no transaction is open: a BEGIN that was cancelled or timed out may
            # have reached the server. Outside a transaction, ROLLBACK only warns.
            await driver.execute("ROLLBACK")
    except Exception:
        await greenlet_spawn(raw.invalidate)
    except BaseException:  # cancelled while rolling back: the connection's state is unknown
        await greenlet_spawn(raw.invalidate)
        raise
    finally:
        await greenlet_spawn(raw.close)
