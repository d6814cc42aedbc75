"""Statements compiled by SQLAlchemy and executed on the driver connection (those that run on every event
are compiled once).

Through SQLAlchemy's async adapter, one statement on aiosqlite takes four trips to the SQLite thread (open
a cursor, execute, fetch, close) plus an execution context. Here a whole batch of statements takes one:
an answer went from 22 trips to 7, and then to 2 (bench/README.md). Each trip is a hand-over to another
thread and back, which inside a busy bot costs more than the SQLite work it carries. The statement text,
its parameter order and its type conversions (JSON) still come from SQLAlchemy and the table definitions,
and the statements run on a connection from SQLAlchemy's pool, inside the chat unit's transaction.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
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
        """Run the statement alone on `driver` (see `driver_connection`); the rows it returns."""
        return (await run_batch(driver, [(self, params)]))[0]


Step = tuple[DriverStatement, Mapping[str, Any]]


def _run_on_sqlite_thread(connection: sqlite3.Connection, prepared: list[tuple[str, list[Any]]]) -> list[list[Any]]:
    return [connection.execute(sql, arguments).fetchall() for sql, arguments in prepared]


async def run_batch(driver: Any, steps: Sequence[Step]) -> list[list[Any]]:
    """Run `steps` in order on `driver`, stopping at the first error; each step's rows.

    On aiosqlite the batch is one trip to the connection's thread. aiosqlite has no public call for that,
    so this queues a function the way its own methods (and SQLAlchemy's aiosqlite adapter) do; the
    version range in pyproject.toml is the one tested. asyncpg takes one round trip per statement.
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
    raw = await driver._execute(_run_on_sqlite_thread, driver._conn, prepared)
    return [statement.convert(rows) for (statement, _), rows in zip(steps, raw, strict=True)]


async def driver_connection(connection: AsyncConnection) -> Any:
    """The aiosqlite or asyncpg connection under `connection`, in the transaction it has begun."""
    return (await connection.get_raw_connection()).driver_connection
