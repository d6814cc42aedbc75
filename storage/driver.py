"""Statements compiled by SQLAlchemy and executed on the driver connection (those that run on every event
are compiled once).

On SQLite a batch runs on the event loop's own thread, straight on aiosqlite's sqlite3 connection. Under
the e2e load each hand-over to aiosqlite's thread and back cost more CPU than all the SQLite work of an
answer: with two trips per answer the bot used 2.23 ms of CPU per update, and 1.43 ms with the
statements run in place (bench/README.md). What could make the loop wait stays off it: no connection
sleeps inside SQLite for another writer's lock (busy_timeout is 0 and `begin_writing` waits on the loop),
and WAL checkpoints, which fsync, run on a worker thread (storage/repository.py). A commit in WAL mode
with synchronous=NORMAL appends to the log and does not fsync.

The statement text, its parameter order and its type conversions (JSON) still come from SQLAlchemy and the
table definitions, and the statements run on a connection from SQLAlchemy's pool, inside the chat unit's
transaction. On PostgreSQL each statement is one asyncpg round trip.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import namedtuple
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.sql.expression import Executable


class DriverStatement:
    """One compiled statement: parameters are bound by name, rows come back with named fields."""

    def __init__(self, statement: Executable, dialect: Dialect) -> None:
        if dialect.driver not in ("aiosqlite", "asyncpg"):
            raise ValueError(f"no driver path for {dialect.driver}")
        self.statement = statement
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self.asyncpg = dialect.driver == "asyncpg"
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        self.values = compiled.params  # the values bound in the statement itself, by name
        self.binds = tuple(compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                           for name in self.names)
        columns = list(getattr(statement, "exported_columns", ()))
        self.results = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                             for column in columns)
        self.row = namedtuple("Row", [column.key for column in columns])  # type: ignore[misc]

    def arguments(self, params: Mapping[str, Any]) -> list[Any]:
        return [bind(params[name]) if bind else params[name] for name, bind in zip(self.names, self.binds, strict=True)]

    def convert(self, raw: Sequence[Sequence[Any]]) -> list[Any]:
        # PostgreSQL's compiler adds RETURNING of the key to single-row inserts; nothing here reads it.
        if not self.results:
            return []
        return [self.row(*(convert(value) if convert else value
                           for convert, value in zip(self.results, row, strict=True))) for row in raw]

    async def rows(self, driver: Any, params: Mapping[str, Any]) -> list[Any]:
        """Run the statement alone on `driver` (an aiosqlite or asyncpg connection); the rows it returns."""
        return (await run_batch(driver, [(self, params)]))[0]


Step = tuple[DriverStatement, Mapping[str, Any]]


# How long a writer waits for another connection's write lock before giving up, as busy_timeout did.
LOCK_WAIT_SECONDS = 10.0
BEGIN_IMMEDIATE = "BEGIN IMMEDIATE"


def sqlite_connection(driver: Any) -> sqlite3.Connection:
    """The sqlite3 connection aiosqlite opened, for use on this thread; aiosqlite has no public name for it
    (the version range in pyproject.toml is the one tested)."""
    return driver._conn


def _run_sqlite(connection: sqlite3.Connection, prepared: list[tuple[str, list[Any]]]) -> list[list[Any]]:
    return [connection.execute(sql, arguments).fetchall() for sql, arguments in prepared]


async def run_batch(driver: Any, steps: Sequence[Step]) -> list[list[Any]]:
    """Run `steps` in order on `driver`, stopping at the first error; each step's rows.

    On SQLite the caller must hold the connection alone (the chat unit does, under the store's writer lock):
    the statements run on this thread, on `sqlite_connection(driver)`.
    """
    if not steps:
        return []
    if steps[0][0].asyncpg:
        results = []
        for statement, params in steps:
            arguments = statement.arguments(params)
            if statement.results:
                results.append(statement.convert(await driver.fetch(statement.sql, *arguments)))
            else:
                await driver.execute(statement.sql, *arguments)
                results.append([])
        return results
    prepared = [(statement.sql, statement.arguments(params)) for statement, params in steps]
    raw = _run_sqlite(sqlite_connection(driver), prepared)
    return [statement.convert(rows) for (statement, _), rows in zip(steps, raw, strict=True)]


async def begin_writing(driver: Any) -> None:
    """BEGIN IMMEDIATE on an aiosqlite connection; while another connection writes, wait on the event loop.

    SQLite's own wait (busy_timeout) would sleep in whichever thread runs the statement: here, the loop's.
    """
    connection = sqlite_connection(driver)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOCK_WAIT_SECONDS
    pause = 0.001
    while True:
        try:
            connection.execute(BEGIN_IMMEDIATE)
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or loop.time() + pause > deadline:
                raise
        await asyncio.sleep(pause)
        pause = min(pause * 2, 0.05)
