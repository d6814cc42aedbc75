"""Shared fixtures: a migrated database on SQLite, and on PostgreSQL when one is configured."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.database import create_engine
from storage.migrate import upgrade_async
from tests.support.tcp_proxy import TcpProxy

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"


async def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    except OSError as error:
        if REQUIRE_POSTGRES:
            pytest.fail(f"REQUIRE_POSTGRES=1 but PostgreSQL at {url} is unreachable: {error}")
        pytest.skip(f"no PostgreSQL server ({error}); set REQUIRE_POSTGRES=1 to make this a failure")
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """A freshly migrated, empty database; every storage and engine test runs on both backends."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    else:
        url = POSTGRES_URL
        await reset_postgres(url)
    await upgrade_async(url)
    yield url


@pytest.fixture
async def postgres_url() -> str:
    """A freshly migrated, empty PostgreSQL database, for what only PostgreSQL does."""
    await reset_postgres(POSTGRES_URL)
    await upgrade_async(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
async def database(database_url: str):  # type: ignore[no-untyped-def]
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="module")
def migrated_sqlite_url(tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    """One migrated SQLite file shared by the many examples of a property-based test."""
    from storage.migrate import upgrade

    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('hypothesis') / 'h.db'}"
    upgrade(url)
    return url


@pytest.fixture
async def postgres_behind_proxy():
    """PostgreSQL reached through a proxy the test can cut: (proxy, database engine)."""  # type: ignore[no-untyped-def]
    await reset_postgres(POSTGRES_URL)
    await upgrade_async(POSTGRES_URL)
    url = make_url(POSTGRES_URL)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.up()
    database = create_engine(url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
    yield proxy, database
    await proxy.down()
    await database.dispose()
