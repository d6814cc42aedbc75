"""Operator queries: counts for `stats`, abandoned drafts for `purge`, one report for `export`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func, select, update
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
    async with engine.begin() as connection:
        stale = select(Report.id).where(Report.status == "draft", Report.updated_at < cutoff)
        ids = list((await connection.execute(stale)).scalars())
        if ids:
            # The owners' version goes up, so that a unit that read one of these drafts before the purge
            # writes nothing and starts again without it (storage/repository.py).
            owners = select(Report.chair_id).where(Report.id.in_(ids))
            await connection.execute(update(Chair).where(Chair.id.in_(owners)).values(
                version=Chair.version + 1,
                current_report_id=case((Chair.current_report_id.in_(ids), None), else_=Chair.current_report_id)))
            await connection.execute(delete(Answer).where(Answer.report_id.in_(ids)))
            await connection.execute(delete(Photo).where(Photo.report_id.in_(ids)))
            await connection.execute(delete(Report).where(Report.id.in_(ids)))
        updates = await connection.execute(delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff))
    return {"reports": len(ids), "processed_updates": updates.rowcount}


async def report(engine: AsyncEngine, report_id: int) -> tuple[dict[str, Any], dict[int, bytes]] | None:
    """A report's answers and photos, or None if there is no such report."""
    async with engine.connect() as connection:
        if (await connection.execute(select(Report.id).where(Report.id == report_id))).first() is None:
            return None
        answers = dict((await connection.execute(
            select(Answer.question_id, Answer.value).where(Answer.report_id == report_id))).all())
        photos = dict((await connection.execute(
            select(Photo.id, Photo.data).where(Photo.report_id == report_id))).all())
    return answers, photos
