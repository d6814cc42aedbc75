"""`make bench`: every benchmark in one run, ratios against floors measured in the same run."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bench import docx_bench, e2e_bench, engine_bench
from bench.common import POSTGRES_URL, print_table, save


async def _postgres_reachable() -> bool:
    from storage.database import create_engine

    database = create_engine(POSTGRES_URL)
    try:
        async with database.connect():
            return True
    except OSError:
        return False
    finally:
        await database.dispose()


def main() -> None:
    quick = "--quick" in sys.argv
    sqlite_file = Path("/tmp/union-summary-bench.db")
    urls = {"sqlite": f"sqlite+aiosqlite:///{sqlite_file}"}
    if asyncio.run(_postgres_reachable()):
        urls["postgresql"] = POSTGRES_URL
    else:
        print(f"PostgreSQL not reachable at {POSTGRES_URL}: its rows are left out", file=sys.stderr)
    rows = asyncio.run(engine_bench.run(urls, scale=not quick))
    rows += docx_bench.run()
    rows += asyncio.run(e2e_bench.run(urls, chairs=50 if quick else 200, rounds=1 if quick else 3))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    print_table(rows)
    print(f"\nJSON: {save(rows)}")


if __name__ == "__main__":
    main()
