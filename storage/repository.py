"""The chat repository: implements dialogs.ports.ChatStore on SQLAlchemy."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dialogs.ports import ReportState
from storage.models import Answer, Chair, Photo, ProcessedUpdate, Report


def _insert(session: AsyncSession, table: Any) -> Any:
    dialect = session.bind.dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _state(report: Report) -> ReportState:
    return ReportState(
        id=report.id, kind=report.kind, status=report.status, cursor=report.cursor,
        resume_to=report.resume_to, version=report.version, pending=report.pending,
        defaults=report.defaults or {},
    )


class SqlChatUnit:
    def __init__(self, session: AsyncSession, chair: Chair) -> None:
        self.session = session
        self.chair = chair

    @property
    def menu(self) -> str | None:
        return self.chair.menu

    async def set_menu(self, menu: str | None) -> None:
        self.chair.menu = menu
        await self.session.flush()

    async def claim_update(self, update_id: int) -> bool:
        statement = _insert(self.session, ProcessedUpdate).values(update_id=update_id)
        result = await self.session.execute(statement.on_conflict_do_nothing())
        return result.rowcount == 1

    async def current_report(self) -> ReportState | None:
        if self.chair.current_report_id is None:
            return None
        report = await self.session.get(Report, self.chair.current_report_id)
        return _state(report) if report else None

    async def create_report(self, kind: str, cursor: str, defaults: dict[str, Any] | None = None) -> ReportState:
        report = Report(chair_id=self.chair.id, kind=kind, status="draft", cursor=cursor, version=0,
                        defaults=defaults or None)
        self.session.add(report)
        await self.session.flush()
        self.chair.current_report_id = report.id
        await self.session.flush()
        return _state(report)

    async def save_report(self, state: ReportState) -> None:
        state.version += 1
        await self.session.execute(
            update(Report)
            .where(Report.id == state.id, Report.chair_id == self.chair.id)
            .values(status=state.status, cursor=state.cursor, resume_to=state.resume_to, version=state.version,
                    pending=state.pending)
        )

    async def reports(self) -> list[ReportState]:
        rows = await self.session.scalars(select(Report).where(Report.chair_id == self.chair.id).order_by(Report.id))
        return [_state(r) for r in rows]

    async def _own(self, report_id: int) -> Report | None:
        return await self.session.scalar(select(Report).where(Report.id == report_id, Report.chair_id == self.chair.id))

    async def open_report(self, report_id: int) -> ReportState | None:
        report = await self._own(report_id)
        if report is None:
            return None
        self.chair.current_report_id = report.id
        await self.session.flush()
        return _state(report)

    async def delete_report(self, report_id: int) -> bool:
        report = await self._own(report_id)
        if report is None:
            return False
        await self.session.execute(delete(Answer).where(Answer.report_id == report_id))
        await self.session.execute(delete(Photo).where(Photo.report_id == report_id))
        await self.session.delete(report)
        if self.chair.current_report_id == report_id:
            self.chair.current_report_id = None
        await self.session.flush()
        return True

    async def answers(self, report_id: int) -> dict[str, Any]:
        rows = await self.session.execute(
            select(Answer.question_id, Answer.value).where(Answer.report_id == report_id)
        )
        return {question_id: value for question_id, value in rows}

    async def save_answer(self, report_id: int, question_id: str, value: Any) -> None:
        statement = _insert(self.session, Answer).values(report_id=report_id, question_id=question_id, value=value)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[Answer.report_id, Answer.question_id],
                set_={"value": statement.excluded.value, "updated_at": func.now()},
            )
        )


    async def delete_everything(self) -> None:
        own_reports = select(Report.id).where(Report.chair_id == self.chair.id)
        await self.session.execute(delete(Answer).where(Answer.report_id.in_(own_reports)))
        await self.session.execute(delete(Photo).where(Photo.report_id.in_(own_reports)))
        await self.session.execute(delete(Report).where(Report.chair_id == self.chair.id))
        await self.session.execute(delete(Chair).where(Chair.id == self.chair.id))

    async def add_photo(self, report_id: int, question_id: str, data: bytes, caption: str | None) -> int:
        photo = Photo(report_id=report_id, question_id=question_id, data=data, caption=caption)
        self.session.add(photo)
        await self.session.flush()
        return photo.id

    async def photos(self, report_id: int) -> dict[int, tuple[bytes, str | None]]:
        rows = await self.session.execute(
            select(Photo.id, Photo.data, Photo.caption)
            .join(Report, Report.id == Photo.report_id)
            .where(Photo.report_id == report_id, Report.chair_id == self.chair.id)
        )
        return {photo_id: (data, caption) for photo_id, data, caption in rows}


class SqlChatStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)

    @asynccontextmanager
    async def unit(self, chat_id: int) -> AsyncIterator[SqlChatUnit]:
        async with self.sessions() as session, session.begin():
            await session.execute(
                _insert(session, Chair).values(chat_id=chat_id).on_conflict_do_nothing(index_elements=[Chair.chat_id])
            )
            # The row lock serialises events of one chat across replicas (a no-op clause on SQLite,
            # where BEGIN IMMEDIATE already serialises writers).
            chair = (
                await session.execute(select(Chair).where(Chair.chat_id == chat_id).with_for_update())
            ).scalar_one()
            yield SqlChatUnit(session, chair)
