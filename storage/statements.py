"""The statements every event runs, compiled once per database.

On SQLite a unit's statements cost no trip (they run on the loop's thread, storage/driver.py), so each is
kept simple. On PostgreSQL every statement is a round trip to the server, so an answer's work is folded
into four: BEGIN with the chair's lock, one read that also claims the update, one write of the answer
with the report's position, and COMMIT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, bindparam, func, literal_column, select, text, update
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

from storage.driver import DriverStatement
from storage.models import Answer, Chair, ProcessedUpdate, Report

REPORT_COLUMNS = (Report.id, Report.kind, Report.status, Report.cursor, Report.resume_to, Report.version,
                  Report.pending, Report.defaults)
CHAIR_COLUMNS = (Chair.id.label("chair_id"), Chair.current_report_id, Chair.menu)


class BeginAndLock:
    """PostgreSQL: BEGIN and the chair's lock as one simple query, one round trip instead of two.

    A simple query takes no parameters, so SQLAlchemy renders the chat id into the text; it is an integer
    from Telegram, and nothing a chair types goes this way.
    """

    def __init__(self, lock: Any, dialect: Dialect) -> None:
        self._compiled: SQLCompiler = lock.compile(dialect=dialect)  # type: ignore[assignment]

    def sql(self, chat_id: int) -> str:
        return "BEGIN; " + self._compiled.construct_expanded_state({"b_chat_id": int(chat_id)}).statement


@dataclass(frozen=True)
class Statements:
    commit: DriverStatement
    save_answer: DriverStatement
    save_report: DriverStatement
    set_menu: DriverStatement
    current_report: DriverStatement
    # SQLite
    lock_chair: DriverStatement | None = None
    claim_update: DriverStatement | None = None
    # PostgreSQL
    begin_and_lock: BeginAndLock | None = None
    open_claiming: DriverStatement | None = None
    open_reading: DriverStatement | None = None
    save_answer_and_report: DriverStatement | None = None


def compile_statements(dialect: Dialect) -> Statements:
    # Only the dialect in use is imported: PostgreSQL's is 2 MB that a bot on SQLite never needs.
    if dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    postgres = dialect.name == "postgresql"

    # An upsert that updates takes the chair's row lock: events of one chat are serialised across
    # replicas (on SQLite, BEGIN IMMEDIATE already serialises writers).
    lock = dialect_insert(Chair).values(chat_id=bindparam("b_chat_id", literal_execute=postgres))
    lock = lock.on_conflict_do_update(index_elements=[Chair.chat_id], set_={"chat_id": lock.excluded.chat_id})
    claim = dialect_insert(ProcessedUpdate).values(update_id=bindparam("b_update_id")).on_conflict_do_nothing()
    answer = dialect_insert(Answer).values(
        report_id=bindparam("b_report_id"), question_id=bindparam("b_question_id"), value=bindparam("b_value"))
    answer = answer.on_conflict_do_update(
        index_elements=[Answer.report_id, Answer.question_id],
        set_={"value": answer.excluded.value, "updated_at": func.now()},
    )
    save_report = (
        update(Report)
        .where(Report.id == bindparam("b_report_id"), Report.chair_id == bindparam("b_chair_id"))
        .values(status=bindparam("b_status"), cursor=bindparam("b_cursor"), resume_to=bindparam("b_resume_to"),
                version=bindparam("b_version"), pending=bindparam("b_pending")))
    chair_by_chat = Chair.chat_id == bindparam("b_chat_id")
    common = {
        "commit": DriverStatement(text("COMMIT"), dialect),
        "save_answer": DriverStatement(answer, dialect),
        "save_report": DriverStatement(save_report, dialect),
        "set_menu": DriverStatement(
            update(Chair).where(Chair.id == bindparam("b_chair_id")).values(menu=bindparam("b_menu")), dialect),
        # The chair's current report with its answers, one row per answer.
        "current_report": DriverStatement(
            select(*REPORT_COLUMNS, Answer.question_id, Answer.value)
            .select_from(Chair)
            .join(Report, Report.id == Chair.current_report_id)
            .outerjoin(Answer, Answer.report_id == Report.id)
            .where(chair_by_chat), dialect),
    }
    if not postgres:
        return Statements(
            **common,
            lock_chair=DriverStatement(lock.returning(*CHAIR_COLUMNS), dialect),
            # A row comes back only when this update is new.
            claim_update=DriverStatement(claim.returning(ProcessedUpdate.update_id), dialect),
        )

    # After the lock, in a statement of its own: a statement's snapshot is taken when it starts, so a read
    # in the locking statement could miss what the replica that held the lock had just committed.
    def opening(claimed: Any) -> DriverStatement:
        return DriverStatement(
            select(*CHAIR_COLUMNS, claimed, *REPORT_COLUMNS, Answer.question_id, Answer.value)
            .select_from(Chair)
            .outerjoin(Report, Report.id == Chair.current_report_id)
            .outerjoin(Answer, Answer.report_id == Report.id)
            .where(chair_by_chat), dialect)

    claiming = claim.returning(ProcessedUpdate.update_id).cte("claim")
    return Statements(
        **common,
        begin_and_lock=BeginAndLock(lock, dialect),
        # One row per answer, or one row with no report; `claimed` is 0 when the update was seen before.
        open_claiming=opening(select(func.count()).select_from(claiming).scalar_subquery().label("claimed")),
        open_reading=opening(literal_column("1", Integer).label("claimed")),
        save_answer_and_report=DriverStatement(save_report.add_cte(answer.cte("saved_answer")), dialect),
    )
