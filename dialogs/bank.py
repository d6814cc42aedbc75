"""The question bank: loaded from YAML, validated before anything uses it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dialogs.question_types import TYPES

BANKS_DIR = Path(__file__).parent / "banks"
OPTION_KEY = re.compile(r"^[a-z0-9_]{1,12}$")
QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
# What the code needs to find in every bank, whatever the questions are called: the unit's name and
# kind, the reporting period, the signing date, the party organisation the union works under.
ROLES = {"unit_name", "unit_type", "self_name", "period", "year", "sign_date", "party_org"}
WHEN_OPERATORS = {"equals", "gt", "excludes", "includes", "answered", "in"}
CHECK_OPERATORS = {"le", "ge"}


NOT_OFFERED = object()


class BankError(ValueError):
    """The bank file is broken; the message names the question and the fault."""


# Fields whose wording may differ by kind of unit: `{default: …, hosp: …, school: …}` in the YAML.
WORDED_QUESTION_FIELDS = ("label", "text", "example")
WORDED_OPTION_FIELDS = ("label", "prose")
PROSE_VARIANTS = "\n"  # joins an option's wordings between reading the YAML and building the option


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    prose: str
    units: frozenset[str] | None = None  # offered only to these kinds of unit (None: to every kind)
    by_unit: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, hash=False)
    # Other ways the document may word the option (`prose: [first, second, …]` in the YAML), so that two
    # chairs who tick the same box do not hand in the same clause.
    also: tuple[str, ...] = ()

    @property
    def phrasings(self) -> tuple[str, ...]:
        return (self.prose, *self.also)

    def for_unit(self, unit_type: str | None) -> Option:
        fields = self.by_unit.get(unit_type or "", {})
        if "prose" in fields and "also" not in fields:
            fields = {**fields, "also": ()}  # a unit's own wording replaces the common variants too
        return replace(self, **fields)


@dataclass(frozen=True)
class Condition:
    question: str
    operator: str
    operand: Any

    def holds(self, answers: dict[str, Any]) -> bool:
        value = answers.get(self.question)
        if self.operator == "answered":
            return (value is not None) == bool(self.operand)
        if value is None:
            return False
        if self.operator == "equals":
            return value == self.operand
        if self.operator == "gt":
            return value > self.operand
        if self.operator == "includes":
            return self.operand in value
        if self.operator == "excludes":
            return self.operand not in value
        if self.operator == "in":
            return value in self.operand
        raise AssertionError(self.operator)


@dataclass(frozen=True)
class Check:
    operator: str
    others: tuple[str, ...]  # compared with the sum of those answered


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    label: str
    type: str
    text: str
    example: str | None = None
    optional: bool = False
    options: tuple[Option, ...] = ()
    exclusive: str | None = None
    when: Condition | None = None
    checks: tuple[Check, ...] = ()
    min: int | None = None
    max: int | None = None
    min_len: int | None = None
    max_len: int | None = None
    unit: str | None = None
    strip_suffix: str | None = None
    # What a space between two Chinese words typed in a text answer stands for: a pause in a sentence (，), a list's
    # separator (、) or nothing (a name).
    spaces: str = "，"
    carry: bool = False
    role: str | None = None
    units: Condition | None = None  # asked only of these kinds of unit
    by_unit: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, hash=False)

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    def is_shown(self, answers: dict[str, Any]) -> bool:
        return (self.units is None or self.units.holds(answers)) and (self.when is None or self.when.holds(answers))

    def offered(self, value: Any, unit_type: str | None) -> Any:
        """The stored value with options this kind of unit is not offered taken out (the unit type was
        changed after the answer); NOT_OFFERED when nothing of the answer is left."""
        if not self.options or value is None:
            return value
        offered = {o.key for o in self.options if o.units is None or unit_type in o.units}
        if isinstance(value, list):
            kept = [k for k in value if k in offered]
            return kept if kept or not value else NOT_OFFERED
        return value if value in offered else NOT_OFFERED

    def for_unit(self, unit_type: str | None) -> Question:
        """The question as a chair of this kind of unit sees it: their wording, only their options."""
        options = tuple(o.for_unit(unit_type) for o in self.options
                        if o.units is None or unit_type in o.units)
        return replace(self, options=options, **self.by_unit.get(unit_type or "", {}))


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Bank:
    name: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    by_id: dict[str, Question] = field(repr=False, compare=False, hash=False)
    roles: dict[str, str] = field(default_factory=dict, repr=False, compare=False, hash=False)  # role → id
    _resolved: dict[str | None, Bank] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def for_unit(self, unit_type: str | None) -> Bank:
        """The bank as a chair of this kind of unit sees it (same questions, ids and order)."""
        if unit_type not in self._resolved:
            questions = tuple(q.for_unit(unit_type) for q in self.questions)
            self._resolved[unit_type] = replace(self, questions=questions, by_id={q.id: q for q in questions},
                                                _resolved={})
        return self._resolved[unit_type]

    def for_answers(self, answers: dict[str, Any]) -> Bank:
        return self.for_unit(self.fact(answers, "unit_type"))

    def fact(self, answers: dict[str, Any], role: str) -> Any:
        """The answer to the question that plays `role` (see ROLES), or None."""
        return answers.get(self.roles[role])

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def index(self, question_id: str) -> int:
        return next(i for i, q in enumerate(self.questions) if q.id == question_id)

    def effective(self, answers: dict[str, Any]) -> dict[str, Any]:
        """Answers of the questions that apply; a follow-up hidden by a changed answer is left out, and so
        is an option the chair's kind of unit is not offered."""
        unit_type = self.fact(answers, "unit_type") if "unit_type" in self.roles else None
        kept: dict[str, Any] = {}
        for question in self.questions:
            if question.id in answers and question.is_shown(kept):
                value = question.offered(answers[question.id], unit_type)
                if value is not NOT_OFFERED:
                    kept[question.id] = value
        return kept


def _condition(qid: str, raw: Any, known: set[str]) -> Condition:
    if not isinstance(raw, dict) or "question" not in raw:
        raise BankError(f"{qid}: 'when' must be a mapping with 'question'")
    ops = set(raw) - {"question"}
    if len(ops) != 1 or not ops <= WHEN_OPERATORS:
        raise BankError(f"{qid}: 'when' needs exactly one of {sorted(WHEN_OPERATORS)}, got {sorted(ops)}")
    if raw["question"] not in known:
        raise BankError(f"{qid}: 'when' names unknown or later question {raw['question']!r}")
    op = ops.pop()
    return Condition(raw["question"], op, raw[op])


Worded = tuple[dict[str, Any], dict[str, dict[str, str]]]


def _worded(where: str, raw: dict[str, Any], fields: tuple[str, ...]) -> Worded:
    """Default wordings, and the wordings per kind of unit, of fields that may be `{default: …, hosp: …}`."""
    defaults: dict[str, Any] = {}
    by_unit: dict[str, dict[str, str]] = {}
    for name in fields:
        value = raw.get(name)
        if isinstance(value, dict):
            if "default" not in value:
                raise BankError(f"{where}: {name!r} worded per kind of unit needs a 'default'")
            defaults[name] = _text(value["default"])
            for unit, text in value.items():
                if unit != "default":
                    by_unit.setdefault(str(unit), {})[name] = _text(text)
        elif value is not None:
            defaults[name] = _text(value)
    return defaults, by_unit


def _text(value: Any) -> str:
    """A wording, or several (a list) kept together until the option takes them apart."""
    return PROSE_VARIANTS.join(map(str, value)) if isinstance(value, list) else str(value)


def _units(where: str, raw: Any) -> frozenset[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise BankError(f"{where}: 'units' must be a non-empty list of kinds of unit")
    return frozenset(str(u) for u in raw)


def _option(qid: str, raw: Any) -> Option:
    if not isinstance(raw, dict) or "key" not in raw or "label" not in raw:
        raise BankError(f"{qid}: every option needs 'key' and 'label'")
    key = str(raw["key"])
    if not OPTION_KEY.match(key):
        raise BankError(f"{qid}: option key {key!r} must be short lowercase ASCII (a-z, 0-9, _; ≤12)")
    if unknown := set(raw) - {"key", "label", "prose", "units"}:
        raise BankError(f"{qid}: option {key!r} has unknown field(s) {sorted(unknown)}")
    worded, by_unit = _worded(f"{qid}: option {key!r}", raw, WORDED_OPTION_FIELDS)
    worded.setdefault("prose", worded["label"])
    for fields in (worded, *by_unit.values()):
        if "prose" in fields:
            fields["prose"], *also = fields["prose"].split(PROSE_VARIANTS)
            fields["also"] = tuple(also)
    for fields in by_unit.values():
        if "label" in fields and "prose" not in fields and "prose" not in raw:
            fields["prose"] = fields["label"]  # an option's prose follows its label unless given
    return Option(key=key, units=_units(f"{qid}: option {key!r}", raw.get("units")), by_unit=by_unit, **worded)


def _question(raw: dict[str, Any], sections: set[str], earlier: set[str], unit_question: str | None) -> Question:
    qid = raw.get("id")
    if not isinstance(qid, str) or not QUESTION_ID.match(qid):
        raise BankError(f"question id {qid!r} must be lowercase ASCII starting with a letter")
    for required in ("section", "label", "type", "text"):
        if required not in raw:
            raise BankError(f"{qid}: missing {required!r}")
    if raw["section"] not in sections:
        raise BankError(f"{qid}: unknown section {raw['section']!r}")
    if raw["type"] not in TYPES:
        raise BankError(f"{qid}: unknown type {raw['type']!r}")
    options = tuple(_option(qid, o) for o in raw.get("options", ()))
    if raw["type"] in {"choice", "multi"} and len(options) < 2:
        raise BankError(f"{qid}: a {raw['type']} question needs at least two options")
    if len({o.key for o in options}) != len(options):
        raise BankError(f"{qid}: duplicate option key")
    exclusive = raw.get("exclusive")
    if exclusive is not None and exclusive not in {o.key for o in options}:
        raise BankError(f"{qid}: exclusive option {exclusive!r} is not one of its options")
    checks = []
    for check in raw.get("checks", ()):
        (op, other), *rest = check.items()
        if rest or op not in CHECK_OPERATORS:
            raise BankError(f"{qid}: a check is one of {sorted(CHECK_OPERATORS)} naming a question")
        others = tuple(other) if isinstance(other, list) else (other,)
        for name in others:
            if name not in earlier:
                raise BankError(f"{qid}: check names unknown or later question {name!r}")
        checks.append(Check(op, others))
    known_keys = {
        "id", "section", "label", "type", "text", "example", "optional", "options", "exclusive",
        "when", "checks", "min", "max", "min_len", "max_len", "unit", "strip_suffix", "spaces", "carry", "role",
        "units",
    }
    if raw.get("role") is not None and raw["role"] not in ROLES:
        raise BankError(f"{qid}: unknown role {raw['role']!r}; roles are {sorted(ROLES)}")
    if unknown := set(raw) - known_keys:
        raise BankError(f"{qid}: unknown field(s) {sorted(unknown)}")
    units = _units(qid, raw.get("units"))
    if units is not None and unit_question is None:
        raise BankError(f"{qid}: 'units' needs the question of the unit_type role asked before it")
    worded, by_unit = _worded(qid, raw, WORDED_QUESTION_FIELDS)
    return Question(
        id=qid,
        section=raw["section"],
        type=raw["type"],
        **{"example": None, **worded},
        units=Condition(unit_question, "in", sorted(units)) if units is not None and unit_question else None,
        by_unit=by_unit,
        optional=bool(raw.get("optional", False)),
        options=options,
        exclusive=exclusive,
        when=_condition(qid, raw["when"], earlier) if "when" in raw else None,
        checks=tuple(checks),
        min=raw.get("min"),
        max=raw.get("max"),
        min_len=raw.get("min_len"),
        max_len=raw.get("max_len"),
        unit=raw.get("unit"),
        strip_suffix=raw.get("strip_suffix"),
        spaces=raw.get("spaces", "，"),
        carry=bool(raw.get("carry", False)),
        role=raw.get("role"),
    )


def parse_bank(name: str, data: Any) -> Bank:
    """Build a bank from already-parsed YAML, refusing anything inconsistent."""
    if not isinstance(data, dict) or "sections" not in data or "questions" not in data:
        raise BankError(f"bank {name!r} needs 'sections' and 'questions'")
    sections = tuple(Section(str(s["id"]), str(s["title"])) for s in data["sections"])
    section_ids = {s.id for s in sections}
    questions: list[Question] = []
    seen: set[str] = set()
    unit_question: str | None = None
    for raw in data["questions"]:
        question = _question(raw, section_ids, seen, unit_question)
        if question.role == "unit_type":
            unit_question = question.id
        if question.id in seen:
            raise BankError(f"duplicate question id {question.id!r}")
        seen.add(question.id)
        questions.append(question)
    order = [s.id for s in sections]
    positions = [order.index(q.section) for q in questions]
    if positions != sorted(positions):
        raise BankError(f"bank {name!r}: questions must follow the order of the sections")
    roles: dict[str, str] = {}
    for question in questions:
        if question.role in roles:
            raise BankError(f"bank {name!r}: role {question.role!r} is played by two questions")
        if question.role:
            roles[question.role] = question.id
    if missing := ROLES - set(roles):
        raise BankError(f"bank {name!r}: no question plays the role(s) {sorted(missing)}")
    kinds = {o.key for o in next(q for q in questions if q.role == "unit_type").options}
    for question in questions:
        named = set(question.by_unit) | set(question.units.operand if question.units else ())
        for option in question.options:
            named |= set(option.by_unit) | set(option.units or ())
        if strays := named - kinds:
            raise BankError(f"{question.id}: unknown kind(s) of unit {sorted(strays)}; kinds are {sorted(kinds)}")
    return Bank(name=name, sections=sections, questions=tuple(questions), by_id={q.id: q for q in questions},
                roles=roles)


@cache
def load_bank(name: str = "annual") -> Bank:
    path = BANKS_DIR / f"{name}.yaml"
    with path.open(encoding="utf-8") as f:
        return parse_bank(name, yaml.safe_load(f))
