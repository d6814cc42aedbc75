"""Turning what a chair typed or tapped into a stored value, or a Chinese reason why not."""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from dialogs.bank import Question
from dialogs.normalise import normalise_text
from dialogs.texts import say


class AnswerError(ValueError):
    """The input can't be accepted; str(error) is the message for the chair."""


@dataclass(frozen=True)
class ParseContext:
    today: date
    year: int | None = None
    period: str | None = None  # "year", "half" or "school"

    def span(self) -> tuple[date, date] | None:
        """First and last day of the reporting period, once year and period are known."""
        if self.year is None:
            return None
        if self.period == "half":
            return date(self.year, 1, 1), date(self.year, 6, 30)
        if self.period == "school":
            return date(self.year, 9, 1), date(self.year + 1, 8, 31)
        return date(self.year, 1, 1), date(self.year, 12, 31)


# Characters XML 1.0 can't hold, plus lone surrogates: python-docx raises on them.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_APPROX_PREFIX = re.compile(r"^(大约|大概|将近|约|近|共|合计|总共|一共)")
_APPROX_SUFFIX = re.compile(r"(左右|以上|余|多|来)$")
_UNIT_SUFFIX = re.compile(r"(人次|户次|人|名|次|期|场|件|户|个|项|位|届)$")
_MONEY_SUFFIX = re.compile(r"(人民币|元整|元|块钱|块)$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
# A summary is signed after its period ends; a year later it is surely a typo.
LATEST_SIGNING = timedelta(days=365)
_YES = {"是", "有", "对", "开了", "召开了", "yes", "y", "1", "是的", "有的"}
_NO = {"否", "没有", "无", "没", "不是", "没开", "no", "n", "2", "未召开"}


def clean_text(text: str) -> str:
    """Text safe to store and to place in a DOCX: no control characters or lone surrogates."""
    text = _UNSAFE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", clean_text(text)).replace(" ", "")
    # A full stop typed where a decimal point belongs: 99。8
    return re.sub(r"(?<=\d)[。．](?=\d)", ".", text)


def _cn2an() -> ModuleType:
    # Imported on the first Chinese numeral: cn2an brings its province tables (4 MB, 60 ms), and most
    # numbers arrive as digits.
    import cn2an

    return cn2an


def parse_number(text: str, *, example: str = "12") -> float:
    """A non-negative number from 1,200 / 约300 / 2.5万 / 两万五千 / １２ and the like."""
    raw = _normalise(text)
    if not raw:
        raise AnswerError(say("err_empty"))
    if raw.startswith(("-", "负")):
        raise AnswerError(say("err_negative"))
    t = _APPROX_PREFIX.sub("", raw)
    t = _MONEY_SUFFIX.sub("", _UNIT_SUFFIX.sub("", t))
    t = _APPROX_SUFFIX.sub("", t)
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if _PLAIN.match(t):
        return float(t)
    try:
        value = _cn2an().cn2an(t, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        raise AnswerError(say("err_not_number", text=text.strip()[:20], example=example)) from None
    if value < 0:
        raise AnswerError(say("err_negative"))
    return float(value)


def _parse_int(q: Question, text: str) -> int:
    value = parse_number(text, example=q.example or "12")
    if value != int(value):
        raise AnswerError(say("err_fraction"))
    if (q.min is not None and value < q.min) or (q.max is not None and value > q.max):
        raise AnswerError(say("err_range", min=q.min, max=q.max))
    return int(value)


def _parse_money(q: Question, text: str) -> float:
    try:
        value = parse_number(text, example=q.example or "2.4万")
    except AnswerError as error:
        if "负" in str(error) or not clean_text(text):
            raise
        raise AnswerError(say("err_money")) from None
    if value > 1e9:
        raise AnswerError(say("err_range", min=0, max=1000000000))
    return round(value, 2)


def _parse_text(q: Question, text: str) -> str:
    value = normalise_text(clean_text(text))
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


def _parse_choice(q: Question, text: str) -> str:
    token = _normalise(text)
    if not token:
        raise AnswerError(say("err_empty"))
    return _option_by_text(q, token)


def _parse_multi(q: Question, text: str) -> list[str]:
    tokens = [t for t in re.split(r"[\s,，、;；/]+", unicodedata.normalize("NFKC", clean_text(text))) if t]
    if len(tokens) == 1 and re.fullmatch(r"\d+", tokens[0]) and int(tokens[0]) > len(q.options):
        tokens = list(tokens[0])  # "134" typed without separators
    if not tokens:
        raise AnswerError(say("err_empty"))
    return validate_keys(q, [_option_by_text(q, t) for t in tokens])


def validate_keys(q: Question, keys: list[str]) -> Any:
    """Keys tapped on buttons: known, deduplicated in bank order, the exclusive option alone."""
    if q.type == "yesno":
        if len(keys) != 1 or keys[0] not in ("yes", "no"):
            raise AnswerError(say("err_yesno"))
        return keys[0] == "yes"
    known = {o.key for o in q.options}
    if not keys or any(k not in known for k in keys):
        raise AnswerError(say("err_choice", max=len(q.options)))
    if q.type == "choice":
        return keys[0]
    chosen = [o.key for o in q.options if o.key in set(keys)]
    if q.exclusive in chosen and len(chosen) > 1:
        raise AnswerError(say("err_multi_exclusive", label=q.option(q.exclusive).label))
    return chosen


def _parse_yesno(q: Question, text: str) -> bool:
    token = _normalise(text).casefold().rstrip("。.!！")
    if token in _YES:
        return True
    if token in _NO:
        return False
    raise AnswerError(say("err_yesno"))


def _to_int(token: str) -> int:
    return int(token) if token.isdigit() else int(_cn2an().cn2an(token, "smart"))


def _parse_month(q: Question, text: str, ctx: ParseContext) -> int:
    t = _normalise(text)
    match = re.fullmatch(r"(?:\d{4}年)?([0-9一二三四五六七八九十]{1,3})月?(?:份)?", t)
    try:
        month = _to_int(match.group(1)) if match else 0
    except ValueError:
        month = 0
    if not 1 <= month <= 12:
        raise AnswerError(say("err_month"))
    if ctx.period == "half" and month > 6:
        raise AnswerError(say("err_month_half", month=month))
    return month


def _parse_date(q: Question, text: str, ctx: ParseContext) -> str:
    t = _normalise(text)
    if t.casefold() in {"今天", "今日", "today"}:
        day = ctx.today
    else:
        if re.search("[一二三四五六七八九十]", t):
            # cn2an warns with the text it could not read, and a warning lands in the logs, which never carry
            # answers; the chair hears of it below as err_date.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = _cn2an().transform(t, "cn2an")
        match = re.fullmatch(r"(?:(\d{4})[年\-/.])?(\d{1,2})[月\-/.](\d{1,2})[日号]?", t)
        if not match:
            raise AnswerError(say("err_date"))
        year = int(match.group(1)) if match.group(1) else ctx.today.year
        try:
            day = date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise AnswerError(say("err_date")) from None
    span = ctx.span()
    if span and not span[0] <= day <= span[1] + LATEST_SIGNING:
        raise AnswerError(say("err_date_period", date=_chinese(day), start=_chinese(span[0]),
                              latest=_chinese(span[1] + LATEST_SIGNING)))
    return day.isoformat()


def _chinese(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def parse_answer(q: Question, text: str, ctx: ParseContext) -> Any:
    """The value to store for a typed answer to `q`; raises AnswerError with the chair's message."""
    if q.type == "int":
        return _parse_int(q, text)
    if q.type == "money":
        return _parse_money(q, text)
    if q.type == "text":
        return _parse_text(q, text)
    if q.type == "choice":
        return _parse_choice(q, text)
    if q.type == "multi":
        return _parse_multi(q, text)
    if q.type == "yesno":
        return _parse_yesno(q, text)
    if q.type == "month":
        return _parse_month(q, text, ctx)
    if q.type == "date":
        return _parse_date(q, text, ctx)
    raise AssertionError(q.type)


def check_relations(q: Question, value: Any, answers: dict[str, Any], bank_questions: dict[str, Question],
                    label: Any) -> None:
    """Cross-field checks in both directions: this answer against earlier ones, and theirs against it.

    A check naming several questions compares with the sum of those answered (体检 ≤ 在职 + 离退休).
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
            other = sum(trial[name] for name in present)
            broken = (check.operator == "le" and mine > other) or (check.operator == "ge" and mine < other)
            if broken:
                names = "、".join(label(bank_questions[name]) for name in present)
                raise AnswerError(say(
                    f"check_{check.operator}", label=label(subject), value=mine,
                    other_label=names if len(present) == 1 else say("check_sum", labels=names), other=other,
                ))
