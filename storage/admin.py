"""Operator queries: counts for `stats`, abandoned drafts for `purge`, one report for `export`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.models import Answer, Chair, Photo, ProcessedUpdate, Report


async def stats(engine: AsyncEngine) -> dict[str, Any]:
    async with engine.connect() as connection:
        chairs = (await connection.execute(select(func.count()).select_from(Chair))).scalar_one()
        by_status = dict((await connection.execute(select(Report.status, func.count()).group_by(Report.status))).all())
        answers = dict((await connection.execute(
            select(Answer.question_id, func.count()).where(Answer.value.is_not(None)).group_by(Answer.question_id)
        )).all())
    return {"chairs": chairs, "reports_started": sum(by_status.values()), "reports_finished": by_status.get("done", 0),
            "answers_by_question": answers}


async def purge(engine: AsyncEngine, older_than: timedelta, now: datetime | None = None) -> dict[str, int]:
    """Delete drafts untouched for `older_than`, with their answers and photos, and old update ids."""
    cutoff = (now or datetime.now(UTC)) - older_than
    stale = select(Report.id).where(Report.status == "draft", Report.updated_at < cutoff)
    async with engine.begin() as connection:
        # The owners' chair rows are locked first, as a chat's unit locks them (in one order, so two purges
        # cannot deadlock): no unit is halfway through one of these drafts while they go. Which drafts are
        # stale is read again under the locks, as a unit may have touched one meanwhile.
        owners = select(Report.chair_id).where(Report.id.in_(stale))
        locked = list((await connection.execute(
            select(Chair.id).where(Chair.id.in_(owners)).order_by(Chair.id).with_for_update())).scalars())
        ids = list((await connection.execute(stale.where(Report.chair_id.in_(locked)))).scalars())
        if ids:
            await connection.execute(update(Chair).where(Chair.current_report_id.in_(ids))
                                     .values(current_report_id=None))
            await connection.execute(delete(Answer).where(Answer.report_id.in_(ids)))
            await connection.execute(delete(Photo).where(Photo.report_id.in_(ids)))
            await connection.execute(delete(Report).where(Report.id.in_(ids)))
        updates = await connection.execute(delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff))
    return {"reports": len(ids), "processed_updates": updates.rowcount}


async def report(engine: AsyncEngine, report_id: int) -> tuple[dict[str, Any], dict[str, bytes]] | None:
    """A report's answers and its photos by key, or None if there is no such report."""
    async with engine.connect() as connection:
        if (await connection.execute(select(Report.id).where(Report.id == report_id))).first() is None:
            return None
        answers = dict((await connection.execute(
            select(Answer.question_id, Answer.value).where(Answer.report_id == report_id))).all())
        photos = dict((await connection.execute(
            select(Photo.key, Photo.data).where(Photo.report_id == report_id, Photo.data.is_not(None)))).all())
    return answers, photos
