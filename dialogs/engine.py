"""The interview engine: one event of one chat in, replies out, state kept only in storage.

Each call runs inside one storage unit: the report and its answers are read, the input is parsed and
the new answer and position are written, all or nothing, and only if no other unit changed the chat in
between (the store either holds the chat's lock, or checks at commit and raises ChatChanged, and then
the event is handled again). Replies are returned only after the commit, so nothing a chair was told is
ever lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from dialogs import display, menus
from dialogs.answers import AnswerError, ParseContext, check_relations, clean_text, parse_answer, validate_keys
from dialogs.bank import Bank, Question, load_bank
from dialogs.events import (
    Choice,
    Command,
    Document,
    Event,
    Notice,
    Photo,
    Preview,
    Prompt,
    Reply,
    Start,
    Submit,
    Text,
    Toggle,
    Unsupported,
)
from dialogs.flow import DONE, INTRO, REVIEW, Flow
from dialogs.ports import ChatChanged, ChatStore, ChatUnit, DocumentMaker, ReportState
from dialogs.texts import command_for, say

logger = logging.getLogger(__name__)

REPORT_KIND = "annual"
CAPTION_LIMIT = 15


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
        try:
            return await self._handle(chat_id, event, update_id, exclusive=False)
        except ChatChanged:
            # Another replica handled an event of this chat meanwhile, and nothing of this one was kept.
            # Again, on what it left, holding the chat this time so that it cannot happen twice.
            logger.info("chat changed by another unit while handling update %s; handling it again", update_id)
            return await self._handle(chat_id, event, update_id, exclusive=True)

    async def _handle(self, chat_id: int, event: Event, update_id: int | None, exclusive: bool) -> list[Reply]:
        async with self.store.unit(chat_id, update_id, exclusive=exclusive) as unit:
            report = await unit.current_report()
            answers = await unit.answers(report.id) if report else {}
            turn = Turn(unit, report, answers)
            if unit.duplicate:
                # Applied before; its replies may have been lost in a crash, so show where the chair is now.
                return [r for r in await self._current(turn) if isinstance(r, Prompt)]
            return await self._dispatch(turn, event)

    # ------------------------------------------------------------------ dispatch

    async def _dispatch(self, turn: Turn, event: Event) -> list[Reply]:
        if isinstance(event, Text) and (name := command_for(event.text)):
            event = Command(name)
        if isinstance(event, Command) and event.question_id is not None and self._stale(turn, event):
            return [Notice(say("stale_button")), *await self._current(turn)]
        if isinstance(event, Command) and event.name in ("new", "reports", "edit", "forget"):
            return await self._open_menu(turn, event.name)
        if turn.unit.menu:
            return await menus.handle(self, turn, event)
        if turn.report is None:
            return await self.new_report(turn, say("welcome"))
        if isinstance(event, Unsupported):
            return [Notice(say("unsupported")), *self.where(turn)]
        if isinstance(event, Start):
            return [Notice(say("welcome_back")), *self.where(turn)]
        if isinstance(event, Command):
            return await self._command(turn, event.name)
        question = self.bank.by_id.get(turn.report.cursor)
        if question is None:
            return self.where(turn)  # typed text or a tapped button while no question is open
        if isinstance(event, Choice | Toggle | Submit) and (
            event.question_id not in (None, question.id) or event.version not in (None, turn.report.version)
        ):
            return [Notice(say("stale_button")), self.prompt(turn)]
        if isinstance(event, Photo):
            return await self._photo(turn, question, event)
        if question.type == "photo":
            return [Notice(say("photo_expected")), self.prompt(turn)]
        if isinstance(event, Toggle):
            return await self._toggle(turn, question, event.key)
        if isinstance(event, Submit):
            return await self._answer(turn, question, lambda: validate_keys(question, turn.report.pending or []))
        if isinstance(event, Choice):
            return await self._answer(turn, question, lambda: validate_keys(question, list(event.keys)))
        ctx = ParseContext(today=self.today(), year=turn.answers.get("year"), period=turn.answers.get("period"))
        return await self._answer(turn, question, lambda: parse_answer(question, event.text, ctx))

    def _stale(self, turn: Turn, event: Command) -> bool:
        """A command button from a message older than the chair's current question or menu."""
        if turn.unit.menu:
            return event.question_id != menus.MENU_PREFIX + turn.unit.menu
        if turn.report is None:
            return True
        return event.question_id != turn.report.cursor or event.version != turn.report.version

    async def _current(self, turn: Turn) -> list[Reply]:
        if turn.unit.menu:
            return await menus.handle(self, turn, Start())
        return self.where(turn) if turn.report else [Notice(say("no_report"))]

    async def _open_menu(self, turn: Turn, name: str) -> list[Reply]:
        if name == "new":
            return await self.new_report(turn, say("new_report"))
        if name == "forget":
            return await menus.open_menu(self, turn, "forget")
        if turn.report is None and name == "edit":
            return await self.new_report(turn, say("welcome"))
        return await menus.open_menu(self, turn, name)

    async def new_report(self, turn: Turn, greeting: str) -> list[Reply]:
        """Start a report, offering the unit facts of the chair's previous one as defaults."""
        await turn.unit.set_menu(None)
        if turn.report is not None and not turn.answers and turn.report.status == "draft":
            return [Notice(greeting), *self.where(turn)]  # an untouched draft is reused, not multiplied
        defaults = await self._carried_facts(turn.unit)
        turn.report = await turn.unit.create_report(REPORT_KIND, self.flow.fire(INTRO, {}, "advance"), defaults)
        turn.answers = {}
        await turn.unit.save_report(turn.report)
        notices = [Notice(greeting)]
        if defaults:
            notices.append(Notice(say("carried_over")))
        return [*notices, self.prompt(turn)]

    async def _carried_facts(self, unit: ChatUnit) -> dict[str, Any]:
        for report in reversed(await unit.reports()):
            answers = self.bank.effective(await unit.answers(report.id))
            if answers.get("unit_name"):
                return {q.id: answers[q.id] for q in self.bank.questions
                        if q.carry and answers.get(q.id) is not None}
        return {}

    # ------------------------------------------------------------------ answering

    async def _toggle(self, turn: Turn, question: Question, key: str) -> list[Reply]:
        if question.type != "multi" or question.option(key) is None:
            return [Notice(say("stale_button")), self.prompt(turn)]
        ticked = list(turn.report.pending or [])
        if key in ticked:
            ticked.remove(key)
        elif key == question.exclusive:
            ticked = [key]
        else:
            ticked = [k for k in ticked if k != question.exclusive] + [key]
        turn.report.pending = [o.key for o in question.options if o.key in ticked]
        await turn.unit.save_report(turn.report)
        return [self.prompt(turn)]

    async def _photo(self, turn: Turn, question: Question, photo: Photo) -> list[Reply]:
        if question.type != "photo":
            return [Notice(say("photo_not_here")), self.prompt(turn)]
        from dialogs.photos import accept_photo  # Pillow loads with the first photo, not at start-up

        try:  # decoded off the event loop (dialogs/photos.py), so other chats go on meanwhile
            data = await accept_photo(photo.data)
        except AnswerError as error:
            return [Notice(str(error)), self.prompt(turn)]
        caption = clean_text(photo.caption or "")[:CAPTION_LIMIT] or None
        photo_id = await turn.unit.add_photo(turn.report.id, question.id, data, caption)
        value = [*(turn.answers.get(question.id) or []), [photo_id, caption]]
        if len(value) >= (question.max or 1):
            return await self.store_answer(turn, question, value)
        await turn.unit.save_answer(turn.report.id, question.id, value)
        turn.answers[question.id] = value
        await turn.unit.save_report(turn.report)  # a new version, so older buttons are stale
        return [Notice(say("photo_received", n=len(value))), self.prompt(turn)]

    async def _answer(self, turn: Turn, question: Question, parse: Callable[[], Any]) -> list[Reply]:
        phrases = self.maker.phrases(turn.answers)
        try:
            value = parse()
            check_relations(
                question, value, self.bank.effective(turn.answers), self.bank.by_id,
                lambda q: display.label(q, phrases),
            )
        except AnswerError as error:
            return [Notice(str(error)), self.prompt(turn)]
        return await self.store_answer(turn, question, value)

    async def store_answer(self, turn: Turn, question: Question, value: Any) -> list[Reply]:
        await turn.unit.save_answer(turn.report.id, question.id, value)
        turn.answers[question.id] = value
        turn.report.pending = None
        replies: list[Reply] = []
        if question.type == "text" and value is not None:
            replies.append(Notice(say("saved", value=value)))
        return replies + await self._move_on(turn, "advance" if value is not None else "skip")

    async def _move_on(self, turn: Turn, trigger: str) -> list[Reply]:
        """After an answer: the next open question, or back to where an edit started."""
        report = turn.report
        answers = self.bank.effective(turn.answers)
        target = self.flow.fire(report.cursor, answers, trigger) or REVIEW
        resume = report.resume_to
        if resume is not None:
            if resume in (REVIEW, DONE):
                resume_at = len(self.bank.questions)
            elif resume in self.bank.by_id and self.bank.by_id[resume].is_shown(answers):
                resume_at = self.bank.index(resume)
            else:
                resume_at = -1
            if resume_at < 0:
                report.resume_to = None
            elif target in self.bank.by_id and self.bank.index(target) < resume_at:
                pass  # the change opened a follow-up question; ask it before returning
            else:
                target, report.resume_to = resume, None
        if target == REVIEW and report.status == "done":
            target = DONE
        report.cursor = target
        await turn.unit.save_report(report)
        return self.where(turn)

    # ------------------------------------------------------------------ commands

    async def _command(self, turn: Turn, name: str) -> list[Reply]:
        answers = self.bank.effective(turn.answers)
        if name == "back":
            return await self._back(turn)
        if name == "skip":
            return await self._skip(turn)
        if name in ("keep", "next"):
            return await self._keep(turn)
        if name == "cancel":
            return await self._cancel(turn)
        if name == "preview":
            text = self.maker.preview(answers)
            return [Preview(text) if text else Notice(say("preview_empty")), *self.where(turn)]
        if name == "status":
            return [Notice(self._status_text(turn)), *self.where(turn)]
        if name == "help":
            return [Notice(say("help")), *self.where(turn)]
        if name == "finish":
            return await self._finish(turn)
        return [Notice(say("unknown_command")), *self.where(turn)]

    async def _back(self, turn: Turn) -> list[Reply]:
        source = REVIEW if turn.report.cursor == DONE else turn.report.cursor
        target = self.flow.fire(source, self.bank.effective(turn.answers), "back")
        if target is None:
            return [Notice(say("at_first")), *self.where(turn)]
        turn.report.cursor, turn.report.pending = target, None
        await turn.unit.save_report(turn.report)
        return self.where(turn)

    async def _skip(self, turn: Turn) -> list[Reply]:
        question = self.bank.by_id.get(turn.report.cursor)
        if question is None:
            return self.where(turn)
        if not question.optional:
            label = display.label(question, self.maker.phrases(turn.answers))
            return [Notice(say("skip_required", label=label, why=say("skip_required_why"))), self.prompt(turn)]
        return [Notice(say("skipped")), *await self.store_answer(turn, question, None)]

    async def _keep(self, turn: Turn) -> list[Reply]:
        question = self.bank.by_id.get(turn.report.cursor)
        if question is not None and question.id in turn.answers:
            return await self._move_on(turn, "advance")
        if question is not None and question.type == "photo":
            return [Notice(say("photo_expected")), self.prompt(turn)]
        if question is not None and question.id in turn.report.defaults:
            return await self._answer(turn, question, lambda: turn.report.defaults[question.id])
        return [Notice(say("nothing_to_keep")), *self.where(turn)]

    async def _cancel(self, turn: Turn) -> list[Reply]:
        if turn.report.resume_to is None:
            return [Notice(say("nothing_to_cancel")), *self.where(turn)]
        turn.report.cursor, turn.report.resume_to, turn.report.pending = turn.report.resume_to, None, None
        await turn.unit.save_report(turn.report)
        return [Notice(say("edit_cancelled")), *self.where(turn)]

    async def _finish(self, turn: Turn) -> list[Reply]:
        answers = self.bank.effective(turn.answers)
        missing = self.flow.missing(answers)
        if missing:
            phrases = self.maker.phrases(answers)
            names = "、".join(display.label(q, phrases) for q in missing)
            return [Notice(say("finish_missing", missing=names)), *self.where(turn)]
        if turn.report.status != "done" or turn.report.cursor != DONE:
            turn.report.status, turn.report.cursor, turn.report.resume_to = "done", DONE, None
            turn.report.pending = None
            await turn.unit.save_report(turn.report)
        return await self.document(turn.unit, turn.report.id, answers)

    async def document(self, unit: ChatUnit, report_id: int, answers: dict[str, Any]) -> list[Reply]:
        photos = {photo_id: data for photo_id, (data, _caption) in (await unit.photos(report_id)).items()}
        filename = self.maker.filename(answers)
        data = self.maker.document(answers, photos)
        return [Document(filename, data), Notice(say("done_notice", filename=filename))]

    # ------------------------------------------------------------------ where the chair is

    def where(self, turn: Turn) -> list[Reply]:
        cursor = turn.report.cursor
        if cursor == REVIEW:
            return [Notice(say("review"))]
        if cursor == DONE:
            return [Notice(say("already_done"))]
        return [self.prompt(turn)]

    def prompt(self, turn: Turn) -> Prompt:
        question = self.bank.by_id[turn.report.cursor]
        answers = self.bank.effective(turn.answers)
        phrases = self.maker.phrases(answers)
        current = answers.get(question.id, display.UNANSWERED)
        default = turn.report.defaults.get(question.id, display.UNANSWERED)
        keep = current if current is not display.UNANSWERED else default
        text = display.question_text(question, phrases, current, default, editing=turn.report.resume_to is not None)
        return Prompt(
            question_id=question.id,
            text=text,
            options=display.options(question, phrases),
            multi=question.type == "multi",
            can_skip=question.optional,
            can_back=any(q.id in answers for q in self.bank.questions[: self.bank.index(question.id)]),
            progress=display.progress(self.bank, question, answers),
            version=turn.report.version,
            selected=tuple(turn.report.pending or ()),
            keep=None if keep is display.UNANSWERED else display.format_value(question, keep, phrases),
            photo=question.type == "photo",
        )

    def _status_text(self, turn: Turn) -> str:
        question = self.bank.by_id.get(turn.report.cursor)
        if question is None:
            return say("review") if turn.report.cursor == REVIEW else say("already_done")
        p = display.progress(self.bank, question, self.bank.effective(turn.answers))
        return say("status", section=p.section, n=p.n, m=p.m, percent=p.percent)
