"""Turning what a chair typed or tapped into a stored value, or a Chinese reason why not.

Each kind of question has its parser here; dialogs/question_types.py says which parser serves which kind.
The words chairs type around their answers (约, 左右, 人次, 是/否…) are data, in input_words.yaml.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import yaml

from dialogs import formats
from dialogs.normalise import normalise_text
from dialogs.texts import say

if TYPE_CHECKING:
    from dialogs.bank import Question

HERE = Path(__file__).parent


class AnswerError(ValueError):
    """The input can't be accepted; str(error) is the message for the chair."""


class NotANumber(AnswerError):
    """The text holds no number at all (as opposed to a number out of bounds)."""


class Approximate(AnswerError):
    """The text holds a number with 约/左右/来/多…, which the summary must not state as exact."""


@dataclass(frozen=True)
class ParseContext:
    today: date
    year: int | None = None
    period: str | None = None  # "year", "half" or "school"
    all_of: int | None = None  # what "全部" means here: the earlier count this one may not exceed

    def span(self) -> tuple[date, date] | None:
        """First and last day of the reporting period, once year and period are known."""
        if self.year is None:
            return None
        if self.period == "half":
            return date(self.year, 1, 1), date(self.year, 6, 30)
        if self.period == "school":
            return date(self.year, 9, 1), date(self.year + 1, 8, 31)
        return date(self.year, 1, 1), date(self.year, 12, 31)


def all_of(question: Question, answers: dict[str, Any]) -> int | None:
    """The earlier count a count may not exceed (答复 ≤ 收到), which "全部" then stands for."""
    for check in question.checks:
        if check.operator == "le" and len(check.others) == 1 and isinstance(answers.get(check.others[0]), int):
            return answers[check.others[0]]
    return None


@dataclass(frozen=True)
class InputWords:
    approx_prefix: re.Pattern[str]
    approx_suffix: re.Pattern[str]
    total_prefix: re.Pattern[str]
    all_of_them: frozenset[str]
    unit_suffix: re.Pattern[str]
    money_suffix: re.Pattern[str]
    negative_prefix: tuple[str, ...]
    yes: frozenset[str]
    no: frozenset[str]
    today: frozenset[str]
    nothing: frozenset[str]
    chinese_digits: re.Pattern[str]
    month: re.Pattern[str]
    date: re.Pattern[str]


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def words() -> InputWords:
    with (HERE / "input_words.yaml").open(encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return InputWords(
        approx_prefix=re.compile(f"^({_alternatives(raw['approx_prefix'])})"),
        approx_suffix=re.compile(f"({_alternatives(raw['approx_suffix'])})$"),
        total_prefix=re.compile(f"^({_alternatives(raw['total_prefix'])})"),
        all_of_them=frozenset(raw["all_of_them"]),
        unit_suffix=re.compile(f"({_alternatives(raw['unit_suffix'])})$"),
        money_suffix=re.compile(f"({_alternatives(raw['money_suffix'])})$"),
        negative_prefix=tuple(raw["negative_prefix"]),
        yes=frozenset(raw["yes"]),
        no=frozenset(raw["no"]),
        today=frozenset(raw["today"]),
        nothing=frozenset(raw["nothing"]),
        chinese_digits=re.compile(f"[{raw['chinese_digits']}]"),
        month=re.compile(raw["month"]),
        date=re.compile(raw["date"]),
    )


# Characters XML 1.0 can't hold, plus lone surrogates: python-docx raises on them. Private-use characters
# too: they show as nothing on paper, and the composer uses them to mark sentences (templates/sources.py).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
# A summary is signed after its period ends; a year later it is surely a typo.
LATEST_SIGNING = timedelta(days=365)
MONEY_LIMIT = 1_000_000_000


def clean_text(text: str) -> str:
    """Text safe to store and to place in a DOCX: no control characters or lone surrogates."""
    text = _UNSAFE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", clean_text(text)).replace(" ", "")
    # A full stop typed where a decimal point belongs: 99。8
    return re.sub(r"(?<=\d)[。．](?=\d)", ".", text)


def _cn2an() -> ModuleType:
    # Imported on the first Chinese numeral: cn2an loads large province tables, and most numbers arrive
    # as digits.
    import cn2an

    return cn2an


def parse_number(text: str, *, example: str = "12") -> float:
    """A non-negative number from 1,200 / 共300 / 2.5万 / 两万五千 / 二〇二五年 / １２ and the like.

    An approximate one (约300, 十来次, 300多) is refused with the figure it names, so the chair confirms
    an exact number instead of the summary stating a guess as a fact."""
    raw = _normalise(text)
    if not raw:
        raise AnswerError(say("err_empty"))
    w = words()
    if raw.startswith(w.negative_prefix):
        raise AnswerError(say("err_negative"))
    t = w.total_prefix.sub("", raw)
    t = w.money_suffix.sub("", w.unit_suffix.sub("", t))
    approximate = bool(w.approx_prefix.match(t) or w.approx_suffix.search(t))
    t = w.approx_suffix.sub("", w.approx_prefix.sub("", t))
    t = w.money_suffix.sub("", w.unit_suffix.sub("", t))
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if _PLAIN.match(t):
        value = float(t)
    else:
        try:
            value = float(_cn2an().cn2an(t, "smart"))
        except (ValueError, KeyError, IndexError, TypeError):
            raise NotANumber(say("err_not_number", text=text.strip()[:20], example=example)) from None
    if value < 0:
        raise AnswerError(say("err_negative"))
    if approximate:
        raise Approximate(say("err_approximate", text=text.strip()[:20], value=f"{value:g}"))
    return value


def says_nothing(text: str) -> bool:
    """The whole answer is "nothing" (没有, 无。): no content to tell, whatever the question."""
    return _normalise(text).rstrip("。.!！~～") in words().nothing


def parse_int(q: Question, text: str, ctx: ParseContext) -> int | None:
    if says_nothing(text):
        # None of them: 0 where the question counts from 0, else the question is left as skipped (本期办了几期? 没有).
        if q.min is None or q.min <= 0:
            return 0
        if q.optional:
            return None
        raise AnswerError(say("err_nothing_required"))
    if ctx.all_of is not None and _normalise(text).rstrip("。.!！") in words().all_of_them:
        return ctx.all_of
    value = parse_number(text, example=q.example or "12")
    if value != int(value):
        raise AnswerError(say("err_fraction"))
    if (q.min is not None and value < q.min) or (q.max is not None and value > q.max):
        raise AnswerError(say("err_range", min=q.min, max=q.max))
    return int(value)


def parse_money(q: Question, text: str, _ctx: ParseContext) -> float:
    try:
        value = parse_number(text, example=q.example or "")
    except NotANumber:
        raise AnswerError(say("err_money")) from None
    if value > MONEY_LIMIT:
        raise AnswerError(say("err_range", min=0, max=MONEY_LIMIT))
    return round(value, 2)


def parse_text(q: Question, text: str, _ctx: ParseContext) -> str | None:
    if says_nothing(text):
        if q.optional:
            return None  # skipped: the summary tells nothing of it
        raise AnswerError(say("err_nothing_required"))
    # A leading # is a hashtag mark, not content; in the summary's templates it would start a heading.
    value = normalise_text(clean_text(text), q.spaces).lstrip("#＃ ")
    if q.spaces == "、":
        # A list or a phrase placed inside the summary's sentence: its items are not clauses (提升中考质量、创建…).
        value = value.replace("，", "、")
    if q.strip_suffix and value.endswith(q.strip_suffix) and len(value) > len(q.strip_suffix):
        value = value.removesuffix(q.strip_suffix).strip()
    if not value:
        raise AnswerError(say("err_empty"))
    if q.min_len and len(value) < q.min_len:
        raise AnswerError(say("err_too_short", min=q.min_len))
    if q.max_len and len(value) > q.max_len:
        raise AnswerError(say("err_too_long", length=len(value), max=q.max_len))
    return value


def _option_by_text(q: Question, token: str) -> str:
    if token.isdigit() and 1 <= int(token) <= len(q.options):
        return q.options[int(token) - 1].key
    for option in q.options:
        if token in (option.key, option.label):
            return option.key
    raise AnswerError(say("err_choice", max=len(q.options)))


def parse_choice(q: Question, text: str, _ctx: ParseContext) -> str:
    token = _normalise(text)
    if not token:
        raise AnswerError(say("err_empty"))
    return _option_by_text(q, token)


def parse_multi(q: Question, text: str, _ctx: ParseContext) -> list[str]:
    tokens = [t for t in re.split(r"[\s,，、;；/]+", unicodedata.normalize("NFKC", clean_text(text))) if t]
    if len(tokens) == 1 and re.fullmatch(r"\d+", tokens[0]) and int(tokens[0]) > len(q.options):
        tokens = list(tokens[0])  # "134" typed without separators
    if not tokens:
        raise AnswerError(say("err_empty"))
    return multi_from_keys(q, [_option_by_text(q, t) for t in tokens])


def _known_keys(q: Question, keys: list[str]) -> None:
    if not keys or any(q.option(k) is None for k in keys):
        raise AnswerError(say("err_choice", max=len(q.options)))


def choice_from_keys(q: Question, keys: list[str]) -> str:
    _known_keys(q, keys)
    return keys[0]


def yesno_from_keys(_q: Question, keys: list[str]) -> bool:
    if len(keys) != 1 or keys[0] not in ("yes", "no"):
        raise AnswerError(say("err_yesno"))
    return keys[0] == "yes"


def multi_from_keys(q: Question, keys: list[str]) -> list[str]:
    """Keys tapped on buttons: known, deduplicated in bank order, the exclusive option alone."""
    _known_keys(q, keys)
    chosen = [o.key for o in q.options if o.key in set(keys)]
    if q.exclusive in chosen and len(chosen) > 1:
        raise AnswerError(say("err_multi_exclusive", label=q.option(q.exclusive).label))
    return chosen


def parse_yesno(q: Question, text: str, _ctx: ParseContext) -> bool:
    token = _normalise(text).casefold().rstrip("。.!！")
    if token in words().yes:
        return True
    if token in words().no:
        return False
    raise AnswerError(say("err_yesno"))


def _to_int(token: str) -> int:
    return int(token) if token.isdigit() else int(_cn2an().cn2an(token, "smart"))


def parse_month(q: Question, text: str, ctx: ParseContext) -> int:
    t = _normalise(text)
    match = words().month.fullmatch(t)
    try:
        month = _to_int(match.group(1)) if match else 0
    except ValueError:
        month = 0
    if not 1 <= month <= 12:
        raise AnswerError(say("err_month"))
    if ctx.period == "half" and month > 6:
        raise AnswerError(say("err_month_half", month=month))
    return month


def parse_date(q: Question, text: str, ctx: ParseContext) -> str:
    t = _normalise(text)
    if t.casefold() in words().today:
        day = ctx.today
    else:
        if words().chinese_digits.search(t):
            # cn2an warns with the text it could not read, and a warning lands in the logs, which never carry
            # answers; the chair hears of it below as err_date.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = _cn2an().transform(t, "cn2an")
        match = words().date.fullmatch(t)
        if not match:
            raise AnswerError(say("err_date"))
        year = int(match.group(1)) if match.group(1) else ctx.today.year
        try:
            day = date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise AnswerError(say("err_no_such_day", year=year, month=int(match.group(2)),
                                  day=int(match.group(3)))) from None
    span = ctx.span()
    if span and not span[0] <= day <= span[1] + LATEST_SIGNING:
        raise AnswerError(say("err_date_period", date=formats.full_date(day), start=formats.full_date(span[0]),
                              latest=formats.full_date(span[1] + LATEST_SIGNING)))
    return day.isoformat()


def check_relations(q: Question, value: Any, answers: dict[str, Any], bank_questions: dict[str, Question],
                    label: Callable[[Question], str], shown: Callable[[Question, Any], str]) -> None:
    """Cross-field checks in both directions: this answer against earlier ones, and theirs against it.

    A check naming several questions compares with the sum of those answered (体检 ≤ 在职 + 离退休); one naming a
    checklist compares with how many items were ticked (场次 ≥ the kinds of contest held).
    """
    trial = {**answers, q.id: value}
    for subject in bank_questions.values():
        for check in subject.checks:
            if q.id != subject.id and q.id not in check.others:
                continue
            mine = trial.get(subject.id)
            present = [name for name in check.others if trial.get(name) is not None]
            if mine is None or not present:
                continue
            ticked = isinstance(trial[present[0]], list)
            other = sum(len(trial[name]) if ticked else trial[name] for name in present)
            broken = (check.operator == "le" and mine > other) or (check.operator == "ge" and mine < other)
            if broken:
                names = formats.listing([label(bank_questions[name]) for name in present])
                raise AnswerError(say(  # amounts as the chair wrote them: 36.5万元, not 365000.0
                    f"check_{check.operator}" + ("_ticked" if ticked else ""), label=label(subject),
                    value=shown(subject, mine),
                    other_label=names if len(present) == 1 else say("check_sum", labels=names),
                    other=other if ticked else shown(bank_questions[present[0]], other),  # summed share one unit
                ))
