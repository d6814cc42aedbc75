"""The interview engine: one event of one chat in, replies out, state kept only in storage.

Each call runs inside one storage transaction: the chat's row is locked, the report and its answers
are read, the input is parsed and the new answer and position are written before the transaction
commits. Replies are returned only after the commit, so nothing a chair was told is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from dialogs import display
from dialogs.answers import AnswerError, ParseContext, check_relations, parse_answer, validate_keys
from dialogs.bank import Bank, Question, load_bank
from dialogs.events import Choice, Command, Document, Event, Notice, Preview, Prompt, Reply, Start, Text
from dialogs.flow import DONE, INTRO, REVIEW, Flow
from dialogs.ports import ChatStore, ChatUnit, DocumentMaker, ReportState
from dialogs.texts import command_for, say

REPORT_KIND = "annual"


class Turn:
    """What one event works on: the open transaction, the chat's report and its answers."""

    def __init__(self, unit: ChatUnit, report: ReportState | None, answers: dict[str, Any]) -> None:
        self.unit = unit
        self.report = report
        self.answers = answers


class Engine:
    def __init__(
        self,
        store: ChatStore,
        maker: DocumentMaker,
        bank: Bank | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.maker = maker
        self.bank = bank or load_bank(REPORT_KIND)
        self.flow = Flow(self.bank)
        self.today = today

    async def handle(self, chat_id: int, event: Event, update_id: int | None = None) -> list[Reply]:
        """Apply `event` to the chat's stored interview; an already-seen `update_id` changes nothing."""
        async with self.store.unit(chat_id) as unit:
            if update_id is not None and not await unit.claim_update(update_id):
                return []
            report = await unit.current_report()
            answers = await unit.answers(report.id) if report else {}
            return await self._dispatch(Turn(unit, report, answers), event)

    # ------------------------------------------------------------------ dispatch

    async def _dispatch(self, turn: Turn, event: Event) -> list[Reply]:
        if isinstance(event, Text) and (name := command_for(event.text)):
            event = Command(name)
        if isinstance(event, Command) and event.name == "new":
            return await self._new_report(turn, say("new_report"))
        if turn.report is None:
            return await self._new_report(turn, say("welcome"))
        if isinstance(event, Start):
            return [Notice(say("welcome_back")), *self._where(turn)]
        if isinstance(event, Command):
            return await self._command(turn, event.name)
        if turn.report.cursor not in self.bank.by_id:
            # Typed text or a tapped button while no question is open (review or done).
            return self._where(turn)
        question = self.bank.by_id[turn.report.cursor]
        if isinstance(event, Choice):
            if event.question_id not in (None, question.id) or event.version not in (None, turn.report.version):
                return [Notice(say("stale_button")), self._prompt(turn)]
            return await self._answer(turn, question, lambda: validate_keys(question, list(event.keys)))
        ctx = ParseContext(today=self.today(), year=turn.answers.get("year"))
        return await self._answer(turn, question, lambda: parse_answer(question, event.text, ctx))

    async def _new_report(self, turn: Turn, greeting: str) -> list[Reply]:
        first = self.flow.fire(INTRO, {}, "advance")
        turn.report = await turn.unit.create_report(REPORT_KIND, first)
        turn.answers = {}
        await turn.unit.save_report(turn.report)
        return [Notice(greeting), self._prompt(turn)]

    async def _answer(self, turn: Turn, question: Question, parse: Callable[[], Any]) -> list[Reply]:
        phrases = self.maker.phrases(turn.answers)
        try:
            value = parse()
            check_relations(
                question, value, self.bank.effective(turn.answers), self.bank.by_id,
                lambda q: display.label(q, phrases),
            )
        except AnswerError as error:
            return [Notice(str(error)), self._prompt(turn)]
        await turn.unit.save_answer(turn.report.id, question.id, value)
        turn.answers[question.id] = value
        replies: list[Reply] = []
        if question.type == "text":
            replies.append(Notice(say("saved", value=value)))
        return replies + await self._move(turn, "advance")

    async def _move(self, turn: Turn, trigger: str) -> list[Reply]:
        target = self.flow.fire(turn.report.cursor, self.bank.effective(turn.answers), trigger)
        if target is None:
            return []
        turn.report.cursor = target
        await turn.unit.save_report(turn.report)
        return self._where(turn)

    # ------------------------------------------------------------------ commands

    async def _command(self, turn: Turn, name: str) -> list[Reply]:
        answers = self.bank.effective(turn.answers)
        if name == "back":
            moved = await self._move(turn, "back")
            return moved or [Notice(say("at_first")), *self._where(turn)]
        if name == "skip":
            return await self._skip(turn)
        if name == "preview":
            text = self.maker.preview(answers)
            return [Preview(text) if text else Notice(say("preview_empty")), *self._where(turn)]
        if name == "status":
            return [Notice(self._status_text(turn)), *self._where(turn)]
        if name == "help":
            return [Notice(say("help")), *self._where(turn)]
        if name == "finish":
            return await self._finish(turn)
        return [Notice(say("not_yet")), *self._where(turn)]

    async def _skip(self, turn: Turn) -> list[Reply]:
        question = self.bank.by_id.get(turn.report.cursor)
        if question is None:
            return self._where(turn)
        if not question.optional:
            label = display.label(question, self.maker.phrases(turn.answers))
            return [Notice(say("skip_required", label=label, why=say("skip_required_why"))), self._prompt(turn)]
        await turn.unit.save_answer(turn.report.id, question.id, None)
        turn.answers[question.id] = None
        return [Notice(say("skipped")), *await self._move(turn, "skip")]

    async def _finish(self, turn: Turn) -> list[Reply]:
        answers = self.bank.effective(turn.answers)
        missing = self.flow.missing(answers)
        if missing:
            phrases = self.maker.phrases(answers)
            names = "、".join(display.label(q, phrases) for q in missing)
            return [Notice(say("finish_missing", missing=names)), *self._where(turn)]
        if turn.report.status != "done":
            turn.report.status, turn.report.cursor, turn.report.resume_to = "done", DONE, None
            await turn.unit.save_report(turn.report)
        filename = self.maker.filename(answers)
        return [Document(filename, self.maker.document(answers)), Notice(say("done_notice", filename=filename))]

    # ------------------------------------------------------------------ where the chair is

    def _where(self, turn: Turn) -> list[Reply]:
        cursor = turn.report.cursor
        if cursor == REVIEW:
            return [Notice(say("review"))]
        if cursor == DONE:
            return [Notice(say("already_done"))]
        return [self._prompt(turn)]

    def _prompt(self, turn: Turn) -> Prompt:
        question = self.bank.by_id[turn.report.cursor]
        answers = self.bank.effective(turn.answers)
        phrases = self.maker.phrases(answers)
        text = display.question_text(question, phrases, answers.get(question.id, display.UNANSWERED))
        return Prompt(
            question_id=question.id,
            text=text,
            options=display.options(question, phrases),
            multi=question.type == "multi",
            can_skip=question.optional,
            can_back=any(q.id in answers for q in self.bank.questions[: self.bank.index(question.id)]),
            progress=display.progress(self.bank, question, answers),
            version=turn.report.version,
        )

    def _status_text(self, turn: Turn) -> str:
        question = self.bank.by_id.get(turn.report.cursor)
        if question is None:
            return say("review") if turn.report.cursor == REVIEW else say("already_done")
        p = display.progress(self.bank, question, self.bank.effective(turn.answers))
        return say("status", section=p.section, n=p.n, m=p.m, percent=p.percent)
