"""Free text as it should read in the summary: Simplified characters and Chinese punctuation.

Traditional input (Taiwan or Hong Kong phones) is converted phrase by phrase with OpenCC (tw2sp:
軟體 → 软件, not 软体), after a short list of corrections OpenCC doesn't know. Text already in Simplified
characters keeps its words.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc
import yaml

CORRECTIONS = Path(__file__).parent / "corrections.yaml"
_CJK_RANGES = r"\u3400-\u9fff\uf900-\ufaff"
_CJK = rf"[{_CJK_RANGES}]"
# ASCII punctuation next to Chinese text becomes its full-width form; inside numbers (1,200 8:30) it stays.
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PUNCTUATION = re.compile(rf"(?<={_CJK})\s*([,;:?!])\s*|\s*([,;:?!])\s*(?={_CJK})")
# Between Chinese words, or a Chinese word and a Latin one after it (数字化教学 AI工具应用); a title's or a quote's
# marks count as the words they close or open (演了《小红帽》 园长演大灰狼).
_SPACE_BETWEEN_WORDS = re.compile(rf"(?<=[{_CJK_RANGES}》」』”）])\s+(?=[{_CJK_RANGES}《「『“（]|[A-Za-z])")
# A pause before a count (收银比赛 23个店 参赛) reads as one too; not inside a date or a time (5月 23日, 8点 30分).
_SPACE_BEFORE_NUMBER = re.compile(rf"(?<={_CJK})(?<![年月日号点时])\s+(?=[0-9])(?![0-9]{{1,2}}[:：])")
_BRACKETS = re.compile(rf"\(([^()]*{_CJK}[^()]*)\)")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")


@cache
def _characters_only() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _corrections() -> list[tuple[str, str]]:
    with CORRECTIONS.open(encoding="utf-8") as f:
        table: dict[str, str] = yaml.safe_load(f)
    return sorted(table.items(), key=lambda item: -len(item[0]))


def prepare() -> None:
    """Load the converter at start-up rather than in the first chair's answer."""
    _converter()
    _characters_only()
    _corrections()


def _beyond_common_fonts(text: str) -> set[str]:
    """Characters of the text whose Simplified form lies outside the Basic Multilingual Plane (鮰 → 𫚔): most fonts
    draw that form as a box, so the character as typed is what the page can show."""
    return {ch for ch in set(text) if any(ord(c) > 0xFFFF for c in _characters_only().convert(ch))}


def simplified(text: str) -> str:
    for wrong, right in _corrections():
        text = text.replace(wrong, right)
    kept = _beyond_common_fonts(text)
    pieces = re.split(f"([{re.escape(''.join(kept))}])", text) if kept else [text]
    if all(piece in kept or _characters_only().convert(piece) == piece for piece in pieces):
        # Already Simplified: tw2sp would still swap Taiwan vocabulary (程序 → 进程, 新增 → 添加).
        return text
    return "".join(piece if piece in kept else _converter().convert(piece) for piece in pieces)


def chinese_punctuation(text: str) -> str:
    text = _BRACKETS.sub(r"（\1）", text)
    return _PUNCTUATION.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)


def normalise_text(text: str, spaces: str = "，") -> str:
    """`spaces`: what a space between two Chinese words stands for (a chair on a phone types one for a pause)."""
    text = _SPACE_BETWEEN_WORDS.sub(spaces, chinese_punctuation(simplified(text)))
    return _SPACE_BEFORE_NUMBER.sub(spaces, text) if spaces == "，" else text
