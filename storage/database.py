"""Engine creation: SQLite in WAL mode with write-locking transactions, or PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.driver import begin_writing

DEFAULT_URL = "sqlite+aiosqlite:///union_summary.db"


def _prepare_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL keeps every commit across a process crash (only power loss can undo the
        # last ones), and spares an fsync per answer.
        cursor.execute("PRAGMA synchronous=NORMAL")
        # No waiting inside SQLite for another writer: that would stall the thread running the statement,
        # which for the chat units is the event loop's. begin_writing waits on the loop instead.
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        # Take the write lock up front: every event writes, and upgrading a read lock later can deadlock.
        connection.connection.dbapi_connection.run_async(begin_writing)


def create_engine(url: str = DEFAULT_URL) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # The driver is in autocommit mode (see _on_connect) and every transaction is ended explicitly, by
        # SQLAlchemy or by the chat unit on the driver (which invalidates a connection it could not roll
        # back), so the pool's rollback on check-in would only cost a trip to the SQLite thread.
        engine = create_async_engine(url, pool_reset_on_return=None)
        _prepare_sqlite(engine)
        return engine
    # No pre-ping: on asyncpg it is three round trips (begin, ping, rollback) before every unit. A chat unit
    # that finds its connection dead starts again on a new one instead (storage/repository.py).
    return create_async_engine(url)
