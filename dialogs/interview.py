"""The interview's decisions: one event and the chat as loaded in, the changes and the replies out.

Nothing here touches storage: every method works on a Turn (plain data), so the same event on the same
snapshot always decides the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from dialogs import display, formats, menus, question_types
from dialogs.answers import AnswerError, ParseContext, all_of, check_relations, clean_text
from dialogs.bank import Bank, Question
from dialogs.events import (
    Album,
    Choice,
    Command,
    Edited,
    Event,
    Notice,
    Option,
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
from dialogs.ports import ChatSnapshot, DocumentMaker, ReportState
from dialogs.texts import command_for, say
from dialogs.turn import DocumentDue, Turn

REPORT_KIND = "annual"
# What the chair can do once every question is answered, and once the document was made.
END_OPTIONS = {REVIEW: ("finish", "preview", "edit"), DONE: ("finish", "edit", "new")}
CAPTION_LIMIT = 15
# What the chair sends as an answer (rather than a command): after a lost reply, one of these may repeat
# the answer already saved, so it is not applied.
ANSWER_LIKE = (Text, Choice, Toggle, Submit, Photo, Album)

Decision = list[Reply | DocumentDue]


class Interview:
    def __init__(self, bank: Bank, maker: DocumentMaker, today: Callable[[], date]) -> None:
        self.bank = bank
        self.maker = maker
        self.flow = Flow(bank)
        self.today = today

    def question_bank(self, turn: Turn) -> Bank:
        """The questions as this chair's kind of unit words them (it may change within one event)."""
        return self.bank.for_answers(turn.answers)

    def decide(self, snapshot: ChatSnapshot, event: Event) -> tuple[Turn, Decision]:
        turn = Turn(snapshot)
        return turn, self._dispatch(turn, event)

    def resume(self, snapshot: ChatSnapshot) -> list[Reply]:
        """Where the chair is, for an update handled before whose replies may have been lost."""
        return [r for r in self.current(Turn(snapshot)) if isinstance(r, Prompt)]

    def out_of_order(self, snapshot: ChatSnapshot) -> list[Reply]:
        """An update older than one already applied to the chat: refused, with the current question."""
        return [Notice(say("out_of_order")), *self.current(Turn(snapshot))]

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self, turn: Turn, event: Event) -> Decision:
        if isinstance(event, Text) and (name := command_for(event.text)):
            event = Command(name)
        if turn.snapshot.reply_lost and isinstance(event, ANSWER_LIKE):
            # The chair did not see what their last answer did and may be sending it again.
            return [Notice(say("reply_lost")), *self.current(turn)]
        if isinstance(event, Edited):
            return [Notice(say("edited")), *self.current(turn)]
        if isinstance(event, Command) and event.question_id is not None and self._stale(turn, event):
            return [Notice(say("stale_button")), *self.current(turn)]
        if isinstance(event, Command) and event.name in ("new", "reports", "edit", "forget"):
            return self._open_menu(turn, event.name)
        if turn.menu:
            return menus.handle(self, turn, event)
        if turn.report is None:
            return self.new_report(turn, say("welcome"))
        if isinstance(event, Unsupported):
            return [Notice(say("unsupported")), *self.where(turn)]
        if isinstance(event, Start):
            return [Notice(say("welcome_back")), *self.where(turn)]
        if isinstance(event, Command):
            return self.command(turn, event.name)
        question = self.question_bank(turn).by_id.get(turn.report.cursor)
        if question is None:
            return self._at_the_end(turn, event)
        if isinstance(event, Choice | Toggle | Submit) and event.question_id not in (None, question.id):
            return [Notice(say("stale_button")), self.prompt(turn)]
        # Ticks and 完成 on the open question apply whatever the version: quick taps on one message all carry
        # the version it was sent with. A single choice from an older message of this question is stale.
        if isinstance(event, Choice) and event.version not in (None, turn.report.version):
            return [Notice(say("stale_button")), self.prompt(turn)]
        if isinstance(event, Photo):
            return self._photo(turn, question, event)
        if isinstance(event, Album):
            return self._album(turn, question, event)
        if isinstance(event, Text) and question_types.of(question).keyboard == "photo":
            return self._caption(turn, question, event.text)
        if isinstance(event, Toggle):
            return self._toggle(turn, question, event.key)
        if isinstance(event, Submit):
            return self._answer(turn, question, lambda: question_types.parse_keys(question, turn.report.pending or []))
        if isinstance(event, Choice):
            return self._answer(turn, question, lambda: question_types.parse_keys(question, list(event.keys)))
        ctx = ParseContext(today=self.today(), year=self.bank.fact(turn.answers, "year"),
                           period=self.bank.fact(turn.answers, "period"),
                           all_of=all_of(question, self.bank.effective(turn.answers)))
        return self._answer(turn, question, lambda: question_types.parse_typed(question, event.text, ctx))

    def _stale(self, turn: Turn, event: Command) -> bool:
        """A command button from a message older than the chair's current question or menu."""
        if turn.menu:
            return event.question_id != menus.MENU_PREFIX + turn.menu
        if turn.report is None:
            return True
        return event.question_id != turn.report.cursor or event.version != turn.report.version

    def current(self, turn: Turn) -> list[Reply]:
        if turn.menu:
            return menus.handle(self, turn, Start())  # type: ignore[return-value]  # Start never makes a document
        return self.where(turn) if turn.report else [Notice(say("no_report"))]

    def _open_menu(self, turn: Turn, name: str) -> Decision:
        if name == "new":
            return self.new_report(turn, say("new_report"))
        if turn.report is None and name == "edit":
            return self.new_report(turn, say("welcome"))
        return menus.open_menu(self, turn, name)

    def new_report(self, turn: Turn, greeting: str) -> Decision:
        """Start a report, offering the unit facts of the chair's previous one as defaults."""
        turn.set_menu(None)
        if turn.report is not None and not turn.answers and turn.report.status == "draft":
            return [Notice(greeting), *self.where(turn)]  # an untouched draft is reused, not multiplied
        defaults = self._carried_facts(turn)
        first = self.flow.fire(INTRO, {}, "advance")
        assert first is not None
        turn.create_report(ReportState(id=None, kind=REPORT_KIND, status="draft", cursor=first, resume_to=None,
                                       version=0, defaults=defaults))
        notices = [Notice(greeting)]
        if defaults:
            notices.append(Notice(say("carried_over")))
        return [*notices, self.prompt(turn)]

    def _carried_facts(self, turn: Turn) -> dict[str, Any]:
        for report in reversed(turn.reports):
            answers = self.bank.effective(report.answers)
            if self.bank.fact(answers, "unit_name"):
                return {q.id: answers[q.id] for q in self.bank.questions
                        if q.carry and answers.get(q.id) is not None}
        return {}

    # ------------------------------------------------------------------ answering

    def _toggle(self, turn: Turn, question: Question, key: str) -> Decision:
        report = turn.report
        if question_types.of(question).keyboard != "ticks" or question.option(key) is None:
            return [Notice(say("stale_button")), self.prompt(turn)]
        ticked = list(report.pending or [])
        if key in ticked:
            ticked.remove(key)
        elif key == question.exclusive:
            ticked = [key]
        else:
            ticked = [k for k in ticked if k != question.exclusive] + [key]
        report.pending = [o.key for o in question.options if o.key in ticked]
        turn.save_report()
        return [self.prompt(turn)]

    def _photo(self, turn: Turn, question: Question, photo: Photo) -> Decision:
        if question_types.of(question).keyboard != "photo":
            return [Notice(say("photo_not_here")), self.prompt(turn)]
        if photo.refusal:
            return [Notice(photo.refusal), self.prompt(turn)]
        limit = question.max or 1
        sent = turn.answers.get(question.id) or []
        if len(sent) >= limit:
            return [Notice(say("photo_limit", max=limit)), self.prompt(turn)]
        caption = clean_text(photo.caption or "")[:CAPTION_LIMIT] or None
        key = uuid.uuid4().hex
        turn.add_photo(question.id, key, photo.data, caption)
        value = [*sent, [key, caption]]
        if len(value) >= limit and caption:
            return self.store_answer(turn, question, value)
        turn.save_answer(question.id, value)
        turn.save_report()  # a new version, so older buttons are stale
        received = say("photo_received", n=len(value)) if caption else say("photo_ask_caption", n=len(value))
        return [Notice(received), self.prompt(turn)]

    def _album(self, turn: Turn, question: Question, album: Album) -> Decision:
        """Photos sent at once: as many as the question still has room for, in the order sent; one reply."""
        if question_types.of(question).keyboard != "photo":
            return [Notice(say("photo_not_here")), self.prompt(turn)]
        limit = question.max or 1
        sent = turn.answers.get(question.id) or []
        if len(sent) >= limit:
            return [Notice(say("photo_limit", max=limit)), self.prompt(turn)]
        notices = [Notice(refusal) for refusal in dict.fromkeys(p.refusal for p in album.photos if p.refusal)]
        usable = [p for p in album.photos if not p.refusal]
        kept = usable[: limit - len(sent)]
        if not kept:
            return [*notices, self.prompt(turn)]
        value = list(sent)
        for photo in kept:
            key = uuid.uuid4().hex
            caption = clean_text(photo.caption or "")[:CAPTION_LIMIT] or None
            turn.add_photo(question.id, key, photo.data, caption)
            value.append([key, caption])
        if len(kept) < len(usable):
            notices.append(Notice(say("album_kept", n=len(usable), max=limit, kept=len(kept))))
        else:
            notices.append(Notice(say("album_received", n=len(kept))))
        if len(value) >= limit and value[-1][1]:
            return [*notices, *self.store_answer(turn, question, value)]
        turn.save_answer(question.id, value)
        turn.save_report()
        if value[-1][1] is None:
            notices.append(Notice(say("album_ask_caption")))
        return [*notices, self.prompt(turn)]

    def _caption(self, turn: Turn, question: Question, text: str) -> Decision:
        """Text after a photo sent without a caption is its caption."""
        sent = turn.answers.get(question.id) or []
        caption = clean_text(text)[:CAPTION_LIMIT]
        if not sent or sent[-1][1] is not None or not caption:
            return [Notice(say("photo_expected")), self.prompt(turn)]
        value = [*sent[:-1], [sent[-1][0], caption]]
        if len(value) >= (question.max or 1):
            return self.store_answer(turn, question, value)
        turn.save_answer(question.id, value)
        turn.save_report()
        return [Notice(say("caption_saved", caption=caption)), self.prompt(turn)]

    def _answer(self, turn: Turn, question: Question, parse: Callable[[], Any]) -> Decision:
        phrases = self.maker.phrases(turn.answers)
        try:
            value = parse()
            check_relations(
                question, value, self.bank.effective(turn.answers), self.question_bank(turn).by_id,
                lambda q: display.label(q, phrases), lambda q, v: display.format_value(q, v, phrases),
            )
        except AnswerError as error:
            return [Notice(str(error)), self.prompt(turn)]
        if value is None:  # "nothing" typed where the question may be skipped
            return [Notice(say("skipped_nothing")), *self.store_answer(turn, question, None)]
        return self.store_answer(turn, question, value)

    def store_answer(self, turn: Turn, question: Question, value: Any) -> Decision:
        turn.save_answer(question.id, value)
        turn.report.pending = None
        replies: Decision = []
        if value is not None:  # every stored answer is echoed, as the chair's words will be used
            phrases = self.maker.phrases(turn.answers)
            replies.append(Notice(say("saved", label=display.label(question, phrases),
                                      value=display.format_value(question, value, phrases))))
        return replies + self._move_on(turn, "advance" if value is not None else "skip")

    def _move_on(self, turn: Turn, trigger: str) -> Decision:
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
        turn.save_report()
        return self.where(turn)

    # ------------------------------------------------------------------ commands

    def command(self, turn: Turn, name: str) -> Decision:
        answers = self.bank.effective(turn.answers)
        if name == "back":
            return self._back(turn)
        if name == "skip":
            return self._skip(turn)
        if name in ("keep", "next"):
            return self._keep(turn)
        if name == "cancel":
            return self._cancel(turn)
        if name == "preview":
            text = self.maker.preview(answers)
            return [Preview(text) if text else Notice(say("preview_empty")), *self.where(turn)]
        if name == "status":
            return self._status(turn)
        if name == "help":
            return [Notice(say("help")), *self.where(turn)]
        if name in ("finish", "finish_anyway"):
            return self._finish(turn, anyway=name == "finish_anyway")
        return [Notice(say("unknown_command")), *self.where(turn)]

    def _back(self, turn: Turn) -> Decision:
        source = REVIEW if turn.report.cursor == DONE else turn.report.cursor
        target = self.flow.fire(source, self.bank.effective(turn.answers), "back")
        if target is None:
            return [Notice(say("at_first")), *self.where(turn)]
        turn.report.cursor, turn.report.pending = target, None
        turn.save_report()
        return self.where(turn)

    def _skip(self, turn: Turn) -> Decision:
        question = self.question_bank(turn).by_id.get(turn.report.cursor)
        if question is None:
            return self.where(turn)
        if not question.optional:
            label = display.label(question, self.maker.phrases(turn.answers))
            return [Notice(say("skip_required", label=label, why=say("skip_required_why"))), self.prompt(turn)]
        return [Notice(say("skipped")), *self.store_answer(turn, question, None)]

    def _keep(self, turn: Turn) -> Decision:
        question = self.question_bank(turn).by_id.get(turn.report.cursor)
        if question is not None and question.id in turn.answers:
            return self._move_on(turn, "advance")
        if question is not None and question_types.of(question).keyboard == "photo":
            return [Notice(say("photo_expected")), self.prompt(turn)]
        if question is not None and question.id in turn.report.defaults:
            return self._answer(turn, question, lambda: turn.report.defaults[question.id])
        return [Notice(say("nothing_to_keep")), *self.where(turn)]

    def _cancel(self, turn: Turn) -> Decision:
        if turn.report.resume_to is None:
            return [Notice(say("nothing_to_cancel")), *self.where(turn)]
        turn.report.cursor, turn.report.resume_to, turn.report.pending = turn.report.resume_to, None, None
        turn.save_report()
        return [Notice(say("edit_cancelled")), *self.where(turn)]

    def _finish(self, turn: Turn, *, anyway: bool = False) -> Decision:
        answers = self.bank.effective(turn.answers)
        missing = self.flow.missing(answers)
        if missing:
            phrases = self.maker.phrases(answers)
            names = formats.listing([display.label(q, phrases) for q in missing])
            return [Notice(say("finish_missing", missing=names)), *self.where(turn)]
        if not anyway and turn.report.status != "done" and (gaps := self.maker.gaps(answers)):
            return [Notice(say("finish_thin", sections=formats.listing(gaps))), *self.where(turn)]
        if turn.report.status != "done" or turn.report.cursor != DONE:
            turn.report.status, turn.report.cursor, turn.report.resume_to = "done", DONE, None
            turn.report.pending = None
            turn.save_report()
        return self.document(turn.report.id, answers)

    def document(self, report_id: int | None, answers: dict[str, Any]) -> Decision:
        assert report_id is not None  # a report is finished only after answers were stored in earlier events
        filename = self.maker.filename(answers)
        return [DocumentDue(report_id, filename, answers), Notice(say("done_notice", filename=filename))]

    # ------------------------------------------------------------------ where the chair is

    def _at_the_end(self, turn: Turn, event: Event) -> Decision:
        """Every question answered: the review's (or the finished report's) buttons, tapped or typed."""
        offered = self.where(turn)[0]
        assert isinstance(offered, Prompt)
        key = None
        if isinstance(event, Choice) and event.question_id in (None, offered.question_id) and event.keys:
            key = event.keys[0]
        elif isinstance(event, Text) and event.text.strip().isdigit():
            number = int(event.text.strip())
            key = offered.options[number - 1].key if 1 <= number <= len(offered.options) else None
        if key not in {o.key for o in offered.options}:
            return [Notice(say("err_choice", max=len(offered.options))), offered]
        if key in ("edit", "new", "reports"):
            return self._open_menu(turn, key)
        return self.command(turn, key)

    def where(self, turn: Turn) -> list[Reply]:
        cursor = turn.report.cursor
        if cursor in (REVIEW, DONE):
            keys = END_OPTIONS[cursor]
            return [Prompt(question_id=cursor, text=say(cursor if cursor == REVIEW else "already_done"),
                           options=tuple(Option(k, say(f"end_{k}")) for k in keys), keyboard="options",
                           version=turn.report.version)]
        return [self.prompt(turn)]

    def prompt(self, turn: Turn) -> Prompt:
        question = self.question_bank(turn).by_id[turn.report.cursor]
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
            keyboard=question_types.of(question).keyboard,
            can_skip=question.optional,
            can_back=any(q.id in answers for q in self.bank.questions[: self.bank.index(question.id)]),
            progress=display.progress(self.bank, question, answers),
            version=turn.report.version,
            selected=tuple(turn.report.pending or ()),
            keep=None if keep is display.UNANSWERED else display.format_value(question, keep, phrases),
        )

    def _status(self, turn: Turn) -> list[Reply]:
        question = self.question_bank(turn).by_id.get(turn.report.cursor)
        if question is None:
            return self.where(turn)  # the review or the finished report says where the chair is
        p = display.progress(self.bank, question, self.bank.effective(turn.answers))
        return [Notice(say("status", section=p.section, n=p.n, m=p.m, percent=p.percent)), *self.where(turn)]
