"""Menus outside the question flow: edit (sections → questions) and reports (open, fetch, delete).

The open menu is stored on the chair, so a restart brings the chair back into it. Menu options carry
only ids offered to this chair; anything else is treated as a stale button.
"""

from __future__ import annotations

from typing import Any, Protocol

from dialogs import display, formats
from dialogs.answers import AnswerError
from dialogs.bank import Bank
from dialogs.events import Choice, Command, Event, Notice, Option, Prompt, Reply, Start, Text, Unsupported
from dialogs.flow import Flow
from dialogs.ports import DocumentMaker
from dialogs.texts import command_for, say
from dialogs.turn import DocumentDue, Turn

MENU_PREFIX = "menu:"

Decision = list[Reply | DocumentDue]


class Interviewer(Protocol):
    """What the menus use of the interview: where the chair is, its commands, and documents."""

    bank: Bank
    flow: Flow
    maker: DocumentMaker

    def where(self, turn: Turn) -> Decision: ...

    def prompt(self, turn: Turn) -> Prompt: ...

    def command(self, turn: Turn, name: str) -> Decision: ...

    def document(self, report_id: int | None, answers: dict[str, Any]) -> Decision: ...


def open_menu(engine: Interviewer, turn: Turn, menu: str) -> Decision:
    turn.set_menu(menu)
    return [_prompt(engine, turn)]


def handle(engine: Interviewer, turn: Turn, event: Event) -> Decision:
    menu = turn.menu or ""
    if isinstance(event, Text) and (name := command_for(event.text)):
        event = Command(name)
    if isinstance(event, Start):
        return [_prompt(engine, turn)]
    if isinstance(event, Unsupported):
        return [Notice(say("unsupported")), _prompt(engine, turn)]
    if isinstance(event, Command):
        return _command(engine, turn, menu, event.name)
    prompt = _prompt(engine, turn)
    keys = [o.key for o in prompt.options]
    if isinstance(event, Choice):
        if event.question_id not in (None, prompt.question_id) or not event.keys or event.keys[0] not in keys:
            return [Notice(say("stale_button")), prompt]
        key = event.keys[0]
    elif isinstance(event, Text):
        try:
            key = _typed_option(event.text, prompt.options)
        except AnswerError as error:
            return [Notice(str(error)), prompt]
    else:
        return [Notice(say("stale_button")), prompt]
    return _choose(engine, turn, menu, key)


def _typed_option(text: str, options: tuple[Option, ...]) -> str:
    token = text.strip()
    if token.isdigit() and 1 <= int(token) <= len(options):
        return options[int(token) - 1].key
    for option in options:
        if token == option.label:
            return option.key
    raise AnswerError(say("err_choice", max=len(options)))


def _command(engine: Interviewer, turn: Turn, menu: str, name: str) -> Decision:
    if name in ("back", "cancel") and menu.startswith("edit:"):
        return open_menu(engine, turn, "edit")
    if name in ("back", "cancel") and menu.startswith(("report:", "delete:")):
        return open_menu(engine, turn, "reports")
    if name in ("help", "status"):
        return [Notice(say("menu_help")), _prompt(engine, turn)]
    turn.set_menu(None)
    if turn.report is None:
        return [Notice(say("no_report"))]
    if name in ("back", "cancel"):
        return [Notice(say("menu_closed")), *engine.where(turn)]
    return engine.command(turn, name)


def _choose(engine: Interviewer, turn: Turn, menu: str, key: str) -> Decision:
    if menu == "edit":
        return open_menu(engine, turn, f"edit:{key}")
    if menu.startswith("edit:"):
        return _edit_question(engine, turn, key)
    if menu == "reports":
        return open_menu(engine, turn, f"report:{key}")
    if menu.startswith("report:"):
        return _report_action(engine, turn, int(menu.split(":")[1]), key)
    if menu.startswith("delete:"):
        return _delete(engine, turn, int(menu.split(":")[1]), confirmed=key == "yes")
    if menu == "forget":
        if key != "yes":
            turn.set_menu(None)
            return [Notice(say("forget_kept")), *(engine.where(turn) if turn.report else [])]
        turn.forget()
        return [Notice(say("forgotten"))]
    turn.set_menu(None)
    return engine.where(turn) if turn.report else [Notice(say("no_report"))]


def _edit_question(engine: Interviewer, turn: Turn, question_id: str) -> Decision:
    report = turn.report
    if report.resume_to is None and report.cursor != question_id:
        report.resume_to = report.cursor
    report.cursor, report.pending = question_id, None
    turn.save_report()
    turn.set_menu(None)
    return [engine.prompt(turn)]


def _report_action(engine: Interviewer, turn: Turn, report_id: int, action: str) -> Decision:
    if turn.stored(report_id) is None:  # deleted meanwhile
        turn.set_menu(None)
        return [Notice(say("stale_button")), *(engine.where(turn) if turn.report else [])]
    if action == "delete":
        return open_menu(engine, turn, f"delete:{report_id}")
    if action == "doc":
        answers = _answers(engine, turn, report_id)
        turn.set_menu(None)
        document = engine.document(report_id, answers)
        return [*document, *(engine.where(turn) if turn.report else [])]
    turn.set_menu(None)
    turn.open_report(report_id)
    return [Notice(say("report_opened")), *engine.where(turn)]


def _delete(engine: Interviewer, turn: Turn, report_id: int, *, confirmed: bool) -> Decision:
    if not confirmed:
        return [Notice(say("delete_kept")), *open_menu(engine, turn, "reports")]
    turn.delete_report(report_id)
    if turn.reports:
        return [Notice(say("deleted")), *open_menu(engine, turn, "reports")]
    turn.set_menu(None)
    return [Notice(say("deleted")), Notice(say("no_report"))]


# ---------------------------------------------------------------------- menu prompts

def _prompt(engine: Interviewer, turn: Turn) -> Prompt:
    menu = turn.menu or ""
    if menu == "edit":
        text, options = say("edit_sections"), _sections(engine, turn)
    elif menu.startswith("edit:"):
        text, options = say("edit_questions"), _questions(engine, turn, menu.split(":", 1)[1])
    elif menu == "reports":
        text, options = say("reports_list"), _reports(engine, turn)
    elif menu.startswith("report:"):
        text, options = _report_menu(engine, turn, int(menu.split(":")[1]))
    elif menu == "forget":
        text = say("forget_confirm")
        options = (Option("yes", say("forget_yes")), Option("no", say("delete_no")))
    else:  # delete:<id>
        text = say("delete_confirm", title=_title(engine, turn, int(menu.split(":")[1])))
        options = (Option("yes", say("delete_yes")), Option("no", say("delete_no")))
    return Prompt(question_id=MENU_PREFIX + menu, text=text, options=options, can_back=True, menu=True)


def _sections(engine: Interviewer, turn: Turn) -> tuple[Option, ...]:
    answers = engine.bank.effective(turn.answers)
    options = []
    for section in engine.bank.sections:
        shown = [q for q in engine.bank.questions if q.section == section.id and q.is_shown(answers)]
        if shown:
            answered = sum(q.id in answers for q in shown)
            label = say("edit_section_option", title=section.title, n=answered, m=len(shown))
            options.append(Option(section.id, label))
    return tuple(options)


def _questions(engine: Interviewer, turn: Turn, section_id: str) -> tuple[Option, ...]:
    answers = engine.bank.effective(turn.answers)
    phrases = engine.maker.phrases(answers)
    options = []
    for q in engine.question_bank(turn).questions:
        if q.section == section_id and q.is_shown(answers):
            value = display.format_value(q, answers[q.id], phrases) if q.id in answers else say("unanswered")
            options.append(Option(q.id, say("edit_question_option", label=display.label(q, phrases), value=value)))
    return tuple(options)


def _reports(engine: Interviewer, turn: Turn) -> tuple[Option, ...]:
    options = []
    for number, stored in enumerate(turn.reports, 1):
        report, answers = stored.state, engine.bank.effective(stored.answers)
        state = say("report_done") if report.status == "done" else say(
            "report_draft", percent=_percent(engine, answers))
        current = say("report_current") if turn.report is report else ""
        options.append(Option(str(report.id), say("report_option", name=_name(engine.bank, answers, number),
                                                  state=state, current=current)))
    return tuple(options)


def _report_menu(engine: Interviewer, turn: Turn, report_id: int) -> tuple[str, tuple[Option, ...]]:
    answers = _answers(engine, turn, report_id)
    options = [Option("open", say("report_open"))]
    if not engine.flow.missing(answers):
        options.append(Option("doc", say("report_doc")))
    options.append(Option("delete", say("report_delete")))
    return say("report_menu", title=_title(engine, turn, report_id)), tuple(options)


def _title(engine: Interviewer, turn: Turn, report_id: int) -> str:
    number = next((i for i, r in enumerate(turn.reports, 1) if r.state.id == report_id), 0)
    return _name(engine.bank, _answers(engine, turn, report_id), number)


def _answers(engine: Interviewer, turn: Turn, report_id: int) -> dict[str, Any]:
    stored = turn.stored(report_id)
    return engine.bank.effective(stored.answers) if stored else {}


def _name(bank: Bank, answers: dict[str, Any], number: int) -> str:
    unit = bank.fact(answers, "unit_name")
    if not unit:
        return say("report_unnamed", number=number)
    period = formats.period(bank.fact(answers, "year"), bank.fact(answers, "period"))
    return say("report_name", unit=unit, period=period) if period else unit


def _percent(engine: Interviewer, answers: dict[str, Any]) -> int:
    shown = engine.flow.shown(answers)
    return sum(q.id in answers for q in shown) * 100 // len(shown) if shown else 0
