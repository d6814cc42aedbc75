"""Engine creation: SQLite in WAL mode with transactions that take the write lock at BEGIN, or PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

DEFAULT_URL = "sqlite+aiosqlite:///union_summary.db"


def _prepare_sqlite(engine: AsyncEngine, foreign_keys: bool) -> None:
    """SQLAlchemy's recipe for SQLite transactions ("Serializable isolation / Savepoints / Transactional
    DDL"): the driver leaves BEGIN to SQLAlchemy, which emits BEGIN IMMEDIATE. Every unit writes, and one
    that took a read lock first and upgraded it later could fail with SQLITE_BUSY without waiting."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL keeps every commit across a process crash; only power loss can undo the last.
        cursor.execute("PRAGMA synchronous=NORMAL")
        # How long a unit waits for another connection's write (another unit, another process) before it fails.
        cursor.execute("PRAGMA busy_timeout=10000")
        if foreign_keys:
            cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str = DEFAULT_URL, foreign_keys: bool = True) -> AsyncEngine:
    """`foreign_keys=False` is for migrations on SQLite: they make tables again (Alembic's batch mode), and
    dropping the old table would otherwise delete, by ON DELETE CASCADE, every row that refers to it."""
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    # pool_pre_ping: a connection that died while pooled (a database restart, a dropped network) is
    # replaced before a unit uses it, instead of failing the unit. A SQLite connection is a file opened in
    # this process, with no server or network that could drop it: there the ping would only cost a statement.
    options: dict = {"pool_pre_ping": not sqlite}
    if sqlite and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)  # type: ignore[arg-type]
        # SQLite lets one transaction write at a time, and every unit writes. With one connection, this
        # process's units queue for it in order; with more, the waiting ones would sleep in SQLite's busy
        # handler, leaving the database idle after each commit. (Other processes meet busy_timeout.)
        options |= {"pool_size": 1, "max_overflow": 0}
    engine = create_async_engine(url, **options)
    if sqlite:
        _prepare_sqlite(engine, foreign_keys)
    return engine
