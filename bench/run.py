"""`make bench`: every benchmark in one run, ratios against floors measured in the same run."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bench import docx_bench, e2e_bench, engine_bench
from bench.common import POSTGRES_URL, print_table, save


async def _postgres_unusable() -> str | None:
    """Why the PostgreSQL rows cannot run (no server, no such database, wrong password, …), or None."""
    from storage.database import create_engine

    database = create_engine(POSTGRES_URL)
    try:
        async with database.connect():
            return None
    except Exception as error:  # whatever stops the connection, the SQLite rows still run
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    finally:
        await database.dispose()


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main() -> None:
    quick = "--quick" in sys.argv
    sqlite_file = Path("/tmp/union-summary-bench.db")
    urls = {"sqlite": f"sqlite+aiosqlite:///{sqlite_file}"}
    skipped = asyncio.run(_postgres_unusable())
    if skipped is None:
        urls["postgresql"] = POSTGRES_URL
    else:
        print(f"PostgreSQL not usable ({skipped}): only the SQLite rows will run", file=sys.stderr)
    rows = asyncio.run(engine_bench.run(urls, scale=not quick))
    rows += docx_bench.run()
    rows += asyncio.run(e2e_bench.run(urls, chairs=50 if quick else 200, rounds=1 if quick else 3))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    print_table(rows)
    if skipped is not None:
        print(f"\nPostgreSQL rows SKIPPED: {_hide_password(POSTGRES_URL)} is not usable ({skipped}).\n"
              "To get them, point TEST_POSTGRES_URL at an existing PostgreSQL database the bench may wipe "
              "(its public schema is dropped and recreated), e.g.\n"
              "  createdb test && TEST_POSTGRES_URL=postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/test "
              "make bench")
    print(f"\nJSON: {save(rows)}")


if __name__ == "__main__":
    main()
