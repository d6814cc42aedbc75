"""Statements that run on every event, compiled once by SQLAlchemy and executed on the driver connection.

Through SQLAlchemy's async adapter, one statement on aiosqlite takes four trips to the SQLite thread (open
a cursor, execute, fetch, close) plus an execution context; aiosqlite's own `execute_fetchall` takes one.
An answer went from 22 trips to 7 (bench/README.md). The statement text, its parameter
order and its type conversions (JSON) still come from SQLAlchemy and the table definitions, and the
statements run on the connection, inside the transaction, that SQLAlchemy checked out and began.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.expression import Executable


class DriverStatement:
    """One compiled statement: `rows()` binds its parameters by name and returns rows with named fields."""

    def __init__(self, statement: Executable, dialect: Dialect) -> None:
        if dialect.driver not in ("aiosqlite", "asyncpg"):
            raise ValueError(f"no driver path for {dialect.driver}")
        self.statement = statement
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self.asyncpg = dialect.driver == "asyncpg"
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        self.binds = tuple(compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                           for name in self.names)
        columns = list(getattr(statement, "exported_columns", ()))
        self.results = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                             for column in columns)
        self.row = namedtuple("Row", [column.key for column in columns])  # type: ignore[misc]

    async def rows(self, driver: Any, params: Mapping[str, Any]) -> list[Any]:
        """Run the statement on `driver` (see `driver_connection`); the rows it returns, or none if it returns
        no columns."""
        args = [bind(params[name]) if bind else params[name] for name, bind in zip(self.names, self.binds, strict=True)]
        if not self.results:
            # PostgreSQL's compiler adds RETURNING of the key to single-row inserts; nothing here reads it.
            await (driver.execute(self.sql, *args) if self.asyncpg else driver.execute_fetchall(self.sql, args))
            return []
        raw = await (driver.fetch(self.sql, *args) if self.asyncpg else driver.execute_fetchall(self.sql, args))
        return [self.row(*(convert(value) if convert else value
                           for convert, value in zip(self.results, row, strict=True))) for row in raw]


async def driver_connection(connection: AsyncConnection) -> Any:
    """The aiosqlite or asyncpg connection under `connection`, in the transaction it has begun."""
    return (await connection.get_raw_connection()).driver_connection
