"""What a front door hands to the engine, and what it gets back. Plain data only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# How a front door offers a question: one tap on an option, ticks confirmed with 完成, images sent, or typed.
Keyboard = Literal["options", "ticks", "photo", "typed"]


@dataclass(frozen=True)
class Start:
    pass


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Choice:
    keys: tuple[str, ...]
    question_id: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class Toggle:
    """One option ticked or unticked on a multiple choice, before the chair submits it."""

    key: str
    question_id: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class Submit:
    """The ticked options of a multiple choice are final (the 完成 button)."""

    question_id: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class Photo:
    """An image the chair sent: its bytes (already downloaded by the front door) and caption."""

    data: bytes = field(repr=False)
    caption: str | None = None
    refusal: str | None = None  # why the image can't be taken (too big, not an image), for the chair


@dataclass(frozen=True)
class Album:
    """Several images sent at once (a Telegram media group), taken as one batch."""

    photos: tuple[Photo, ...]


@dataclass(frozen=True)
class Edited:
    """The chair edited a message sent earlier. Its answer was taken as first sent; the edit is not one."""


@dataclass(frozen=True)
class Command:
    """A navigation command; from a button it names the question the button belonged to."""

    name: str
    question_id: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class Unsupported:
    """Something the bot can't take as an answer (a voice message, a sticker, a location…)."""


Event = Start | Text | Choice | Toggle | Submit | Photo | Album | Edited | Command | Unsupported


@dataclass(frozen=True)
class Option:
    key: str
    label: str


@dataclass(frozen=True)
class Progress:
    section: str
    n: int
    m: int
    percent: int


@dataclass(frozen=True)
class Prompt:
    question_id: str
    text: str
    options: tuple[Option, ...] = ()
    keyboard: Keyboard = "typed"
    can_skip: bool = False
    can_back: bool = False
    progress: Progress | None = None
    version: int = 0
    selected: tuple[str, ...] = ()  # ticked so far on a multiple choice
    keep: str | None = None  # the current (or carried-over) answer the chair may keep with 沿用
    menu: bool = False  # a menu (edit, reports) rather than a question of the interview

    @property
    def multi(self) -> bool:
        return self.keyboard == "ticks"

    @property
    def photo(self) -> bool:
        return self.keyboard == "photo"


@dataclass(frozen=True)
class Notice:
    text: str


@dataclass(frozen=True)
class Preview:
    text: str


@dataclass(frozen=True)
class Document:
    filename: str
    data: bytes = field(repr=False)


Reply = Prompt | Notice | Preview | Document
