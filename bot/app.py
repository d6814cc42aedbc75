"""Wiring: one database engine, one chat store, one interview engine per process."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from dialogs import normalise, texts
from dialogs.engine import Engine
from storage.database import create_engine
from storage.repository import SqlChatStore
from templates.maker import SummaryMaker


@dataclass
class App:
    engine: Engine
    store: SqlChatStore
    database: AsyncEngine

    async def prepare(self) -> None:
        """Connect now rather than in the first event after a start (what loads without the database,
        build_app loads)."""
        await self.store.prepare()

    async def close(self) -> None:
        await self.store.close()


def build_app(database_url: str, font_set: str = "windows", guiding_thought: str | None = None) -> App:
    """Must be called inside the event loop that will use it (async drivers bind to their loop)."""
    normalise.prepare()
    texts.prepare()
    database = create_engine(database_url)
    maker = SummaryMaker(font_set=font_set, guiding_thought=guiding_thought)
    store = SqlChatStore(database)
    return App(engine=Engine(store, maker), store=store, database=database)
