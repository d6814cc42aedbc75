"""The statements every event runs, compiled once per database.

On SQLite a unit's statements cost no trip (they run on the loop's thread, storage/driver.py), so each is
kept simple. On PostgreSQL every statement is a round trip to the server, so an answer's work is folded
into two: one read without the chair's lock, and one autocommitted write of the answer, the report's
position and the claim of the update, made only if the chair's version is still the one read. A unit
that needs more (a new report, a photo, a menu of reports) takes the lock first: BEGIN with the lock in
one trip, the statements, COMMIT.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Integer, String, bindparam, exists, func, literal_column, select, text, update
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

from storage.driver import DriverStatement
from storage.models import Answer, Chair, ProcessedUpdate, Report

REPORT_COLUMNS = (Report.id, Report.kind, Report.status, Report.cursor, Report.resume_to, Report.version,
                  Report.pending, Report.defaults)
# Written into the text, not bound: simple queries (BeginWith) take no parameters.
NEXT_VERSION = Chair.version + literal_column("1", Integer)
CHAIR_COLUMNS = (Chair.id.label("chair_id"), Chair.current_report_id, Chair.menu, Chair.version.label("chair_version"))


def _report_position(prefix: str) -> dict[str, Any]:
    """The columns save_report writes, bound as `<prefix>status`, `<prefix>cursor`, …"""
    return {name: bindparam(prefix + name) for name in ("status", "cursor", "resume_to", "version", "pending")}


def _upsert_answer(answer: Any) -> Any:
    return answer.on_conflict_do_update(index_elements=[Answer.report_id, Answer.question_id],
                                        set_={"value": answer.excluded.value, "updated_at": func.now()})


class BeginWith:
    """PostgreSQL: BEGIN and one statement as one simple query, one round trip instead of two.

    A simple query takes no parameters, so SQLAlchemy renders them into the text. Only integers go this way
    (a chat id from Telegram, a chair's id and version), never anything a chair types. asyncpg returns the
    statement's status ("UPDATE 1"), not its rows.
    """

    def __init__(self, statement: Any, dialect: Dialect) -> None:
        self._compiled: SQLCompiler = statement.compile(dialect=dialect)  # type: ignore[assignment]

    def sql(self, **integers: int) -> str:
        params = {f"b_{name}": int(value) for name, value in integers.items()}
        return "BEGIN; " + self._compiled.construct_expanded_state(params).statement


class GuardedWrites:
    """PostgreSQL: everything a unit read without the lock writes, as one autocommitted statement.

    The chair's row is updated only if its version is still the one the unit read, and every other write
    takes its rows from that update: if another unit changed the chat meanwhile, nothing is written and
    the statement says so (`written` is 0). A chair's menu goes in the guarding update itself, because one
    statement may update a row once. One statement is compiled per shape (whether an update is claimed,
    how many answers, how many report positions) and kept.
    """

    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        self._shapes: dict[tuple[bool, int, int], DriverStatement] = {}

    def step(self, chair_id: int, version: int, menu: str | None, update_id: int | None,
             answers: list[dict[str, Any]], reports: list[dict[str, Any]]) -> tuple[DriverStatement, dict[str, Any]]:
        """`answers` and `reports` are the parameters of save_answer and save_report steps, one per row."""
        statement = self._statement((update_id is not None, len(answers), len(reports)))
        params: dict[str, Any] = {"b_chair_id": chair_id, "b_version": version, "b_menu": menu,
                                  "b_update_id": update_id}
        for prefix, rows in (("a", answers), ("r", reports)):
            for index, row in enumerate(rows):
                params.update({f"b_{prefix}{index}_{name[2:]}": value for name, value in row.items()
                               if name != "b_chair_id"})
        return statement, params

    def prepare(self) -> None:
        """Compile the shapes of an answer, a tap and a command now: compiling one takes 1–3 ms, which the
        first chair after a start would otherwise wait for. Every Telegram update has an id to claim."""
        for answers, reports in itertools.product((0, 1), (0, 1)):
            self._statement((True, answers, reports))

    def _statement(self, shape: tuple[bool, int, int]) -> DriverStatement:
        if shape not in self._shapes:
            self._shapes[shape] = DriverStatement(self._build(*shape), self._dialect)
        return self._shapes[shape]

    @staticmethod
    def _build(claim: bool, answers: int, reports: int) -> Any:
        from sqlalchemy.dialects.postgresql import insert

        guard = (update(Chair)
                 .where(Chair.id == bindparam("b_chair_id"), Chair.version == bindparam("b_version"))
                 .values(version=NEXT_VERSION, menu=bindparam("b_menu"))
                 .returning(Chair.id).cte("guard"))
        writes = []
        if claim:
            writes.append(insert(ProcessedUpdate).from_select(
                ["update_id"], select(bindparam("b_update_id", type_=BigInteger)).select_from(guard),
            ).on_conflict_do_nothing().cte("claim"))
        for index in range(answers):
            answer = insert(Answer).from_select(["report_id", "question_id", "value"], select(
                bindparam(f"b_a{index}_report_id", type_=Integer), bindparam(f"b_a{index}_question_id", type_=String),
                bindparam(f"b_a{index}_value", type_=Answer.value.type)).select_from(guard))
            writes.append(_upsert_answer(answer).cte(f"answer{index}"))
        for index in range(reports):
            prefix = f"b_r{index}_"
            writes.append(update(Report)
                          .where(Report.id == bindparam(prefix + "report_id"), Report.chair_id == guard.c.id)
                          .values(**_report_position(prefix)).cte(f"report{index}"))
        return select(func.count().label("written")).select_from(guard).add_cte(*writes)


@dataclass(frozen=True)
class Statements:
    commit: DriverStatement
    save_answer: DriverStatement
    save_report: DriverStatement
    set_menu: DriverStatement
    current_report: DriverStatement
    claim_update: DriverStatement
    # SQLite
    lock_chair: DriverStatement | None = None
    # PostgreSQL
    begin_and_lock: BeginWith | None = None
    begin_and_guard: BeginWith | None = None
    open_unlocked: DriverStatement | None = None
    open_claiming: DriverStatement | None = None
    open_reading: DriverStatement | None = None
    save_answer_and_report: DriverStatement | None = None
    guarded_writes: GuardedWrites | None = None


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
    # It raises the chair's version, so that a unit that read without the lock meanwhile writes nothing.
    lock = lock.on_conflict_do_update(index_elements=[Chair.chat_id], set_={"version": NEXT_VERSION})
    claim = dialect_insert(ProcessedUpdate).values(update_id=bindparam("b_update_id")).on_conflict_do_nothing()
    answer = dialect_insert(Answer).values(
        report_id=bindparam("b_report_id"), question_id=bindparam("b_question_id"), value=bindparam("b_value"))
    answer = _upsert_answer(answer)
    save_report = (
        update(Report)
        .where(Report.id == bindparam("b_report_id"), Report.chair_id == bindparam("b_chair_id"))
        .values(**_report_position("b_")))
    chair_by_chat = Chair.chat_id == bindparam("b_chat_id")
    common = {
        "commit": DriverStatement(text("COMMIT"), dialect),
        # A row comes back only when this update is new.
        "claim_update": DriverStatement(claim.returning(ProcessedUpdate.update_id), dialect),
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
    seen = exists().where(ProcessedUpdate.update_id == bindparam("b_update_id", type_=BigInteger)).label("seen")
    # The guard of a unit that read without the lock and now needs it: the chair's row locked, and its
    # version raised, only if nobody changed the chat since the read.
    guard = (update(Chair)
             .where(Chair.id == bindparam("b_chair_id", literal_execute=True),
                    Chair.version == bindparam("b_version", literal_execute=True))
             .values(version=NEXT_VERSION))
    return Statements(
        **common,
        begin_and_lock=BeginWith(lock, dialect),
        begin_and_guard=BeginWith(guard, dialect),
        # No row when the chat has no chair yet; `seen` tells whether the update was processed before.
        open_unlocked=opening(seen),
        guarded_writes=GuardedWrites(dialect),
        # One row per answer, or one row with no report; `claimed` is 0 when the update was seen before.
        open_claiming=opening(select(func.count()).select_from(claiming).scalar_subquery().label("claimed")),
        open_reading=opening(literal_column("1", Integer).label("claimed")),
        save_answer_and_report=DriverStatement(save_report.add_cte(answer.cte("saved_answer")), dialect),
    )
