"""Menus outside the question flow: edit (sections → questions) and reports (open, fetch, delete).

The open menu is stored on the chair, so a restart brings the chair back into it. Menu options carry
only ids offered to this chair; anything else is treated as a stale button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogs import display
from dialogs.answers import AnswerError
from dialogs.events import Choice, Command, Event, Notice, Option, Prompt, Reply, Start, Text, Unsupported
from dialogs.texts import command_for, say

if TYPE_CHECKING:
    from dialogs.engine import Engine, Turn

MENU_PREFIX = "menu:"


async def open_menu(engine: Engine, turn: Turn, menu: str) -> list[Reply]:
    await turn.unit.set_menu(menu)
    return [await _prompt(engine, turn)]


async def handle(engine: Engine, turn: Turn, event: Event) -> list[Reply]:
    menu = turn.unit.menu or ""
    if isinstance(event, Text) and (name := command_for(event.text)):
        event = Command(name)
    if isinstance(event, Start):
        return [await _prompt(engine, turn)]
    if isinstance(event, Unsupported):
        return [Notice(say("unsupported")), await _prompt(engine, turn)]
    if isinstance(event, Command):
        return await _command(engine, turn, menu, event.name)
    prompt = await _prompt(engine, turn)
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
    return await _choose(engine, turn, menu, key)


def _typed_option(text: str, options: tuple[Option, ...]) -> str:
    token = text.strip()
    if token.isdigit() and 1 <= int(token) <= len(options):
        return options[int(token) - 1].key
    for option in options:
        if token == option.label:
            return option.key
    raise AnswerError(say("err_choice", max=len(options)))


async def _command(engine: Engine, turn: Turn, menu: str, name: str) -> list[Reply]:
    if name in ("back", "cancel") and menu.startswith("edit:"):
        return await open_menu(engine, turn, "edit")
    if name in ("back", "cancel") and menu.startswith(("report:", "delete:")):
        return await open_menu(engine, turn, "reports")
    if name in ("help", "status"):
        return [Notice(say("menu_help")), await _prompt(engine, turn)]
    await turn.unit.set_menu(None)
    if turn.report is None:
        return [Notice(say("no_report"))]
    if name in ("back", "cancel"):
        return [Notice(say("menu_closed")), *engine.where(turn)]
    return await engine._command(turn, name)


async def _choose(engine: Engine, turn: Turn, menu: str, key: str) -> list[Reply]:
    if menu == "edit":
        return await open_menu(engine, turn, f"edit:{key}")
    if menu.startswith("edit:"):
        return await _edit_question(engine, turn, key)
    if menu == "reports":
        return await open_menu(engine, turn, f"report:{key}")
    if menu.startswith("report:"):
        return await _report_action(engine, turn, int(menu.split(":")[1]), key)
    if menu.startswith("delete:"):
        return await _delete(engine, turn, int(menu.split(":")[1]), confirmed=key == "yes")
    if menu == "forget":
        if key != "yes":
            await turn.unit.set_menu(None)
            return [Notice(say("forget_kept")), *(engine.where(turn) if turn.report else [])]
        await turn.unit.delete_everything()
        return [Notice(say("forgotten"))]
    await turn.unit.set_menu(None)
    return engine.where(turn) if turn.report else [Notice(say("no_report"))]


async def _edit_question(engine: Engine, turn: Turn, question_id: str) -> list[Reply]:
    report = turn.report
    if report.resume_to is None and report.cursor != question_id:
        report.resume_to = report.cursor
    report.cursor, report.pending = question_id, None
    await turn.unit.save_report(report)
    await turn.unit.set_menu(None)
    return [engine.prompt(turn)]


async def _report_action(engine: Engine, turn: Turn, report_id: int, action: str) -> list[Reply]:
    if action == "delete":
        return await open_menu(engine, turn, f"delete:{report_id}")
    if action == "doc":
        answers = engine.bank.effective(await turn.unit.answers(report_id))
        await turn.unit.set_menu(None)
        document = await engine.document(turn.unit, report_id, answers)
        return [*document, *(engine.where(turn) if turn.report else [])]
    opened = await turn.unit.open_report(report_id)
    await turn.unit.set_menu(None)
    if opened is None:
        return [Notice(say("stale_button")), *(engine.where(turn) if turn.report else [])]
    turn.report, turn.answers = opened, await turn.unit.answers(opened.id)
    return [Notice(say("report_opened")), *engine.where(turn)]


async def _delete(engine: Engine, turn: Turn, report_id: int, *, confirmed: bool) -> list[Reply]:
    if not confirmed:
        return [Notice(say("delete_kept")), *await open_menu(engine, turn, "reports")]
    await turn.unit.delete_report(report_id)
    if turn.report is not None and turn.report.id == report_id:
        turn.report, turn.answers = None, {}
    if await turn.unit.reports():
        return [Notice(say("deleted")), *await open_menu(engine, turn, "reports")]
    await turn.unit.set_menu(None)
    return [Notice(say("deleted")), Notice(say("no_report"))]


# ---------------------------------------------------------------------- menu prompts

async def _prompt(engine: Engine, turn: Turn) -> Prompt:
    menu = turn.unit.menu or ""
    if menu == "edit":
        text, options = say("edit_sections"), _sections(engine, turn)
    elif menu.startswith("edit:"):
        text, options = say("edit_questions"), _questions(engine, turn, menu.split(":", 1)[1])
    elif menu == "reports":
        text, options = say("reports_list"), await _reports(engine, turn)
    elif menu.startswith("report:"):
        text, options = await _report_menu(engine, turn, int(menu.split(":")[1]))
    elif menu == "forget":
        text = say("forget_confirm")
        options = (Option("yes", say("forget_yes")), Option("no", say("delete_no")))
    else:  # delete:<id>
        text = say("delete_confirm", title=await _title(engine, turn, int(menu.split(":")[1])))
        options = (Option("yes", say("delete_yes")), Option("no", say("delete_no")))
    return Prompt(question_id=MENU_PREFIX + menu, text=text, options=options, can_back=True, menu=True)


def _sections(engine: Engine, turn: Turn) -> tuple[Option, ...]:
    answers = engine.bank.effective(turn.answers)
    options = []
    for section in engine.bank.sections:
        shown = [q for q in engine.bank.questions if q.section == section.id and q.is_shown(answers)]
        if shown:
            answered = sum(q.id in answers for q in shown)
            label = say("edit_section_option", title=section.title, n=answered, m=len(shown))
            options.append(Option(section.id, label))
    return tuple(options)


def _questions(engine: Engine, turn: Turn, section_id: str) -> tuple[Option, ...]:
    answers = engine.bank.effective(turn.answers)
    phrases = engine.maker.phrases(answers)
    options = []
    for q in engine.bank.questions:
        if q.section == section_id and q.is_shown(answers):
            value = display.format_value(q, answers[q.id], phrases) if q.id in answers else say("unanswered")
            options.append(Option(q.id, say("edit_question_option", label=display.label(q, phrases), value=value)))
    return tuple(options)


async def _reports(engine: Engine, turn: Turn) -> tuple[Option, ...]:
    options = []
    for number, report in enumerate(await turn.unit.reports(), 1):
        answers = engine.bank.effective(await turn.unit.answers(report.id))
        state = say("report_done") if report.status == "done" else say(
            "report_draft", percent=_percent(engine, answers))
        current = say("report_current") if turn.report and report.id == turn.report.id else ""
        options.append(Option(str(report.id), f"{_name(answers, number)}（{state}）{current}"))
    return tuple(options)


async def _report_menu(engine: Engine, turn: Turn, report_id: int) -> tuple[str, tuple[Option, ...]]:
    answers = engine.bank.effective(await turn.unit.answers(report_id))
    options = [Option("open", say("report_open"))]
    if not engine.flow.missing(answers):
        options.append(Option("doc", say("report_doc")))
    options.append(Option("delete", say("report_delete")))
    return say("report_menu", title=await _title(engine, turn, report_id)), tuple(options)


async def _title(engine: Engine, turn: Turn, report_id: int) -> str:
    reports = await turn.unit.reports()
    number = next((i for i, r in enumerate(reports, 1) if r.id == report_id), 0)
    return _name(engine.bank.effective(await turn.unit.answers(report_id)), number)


def _name(answers: dict[str, Any], number: int) -> str:
    if not answers.get("unit_name"):
        return say("report_unnamed", number=number)
    if not answers.get("year"):
        return answers["unit_name"]
    year = answers["year"]
    period = say(f"period_{answers.get('period') or 'year'}", year=year, next=year + 1)
    return say("report_name", unit=answers["unit_name"], period=period)


def _percent(engine: Engine, answers: dict[str, Any]) -> int:
    shown = engine.flow.shown(answers)
    return sum(q.id in answers for q in shown) * 100 // len(shown) if shown else 0
