"""The interview's state machine, built once per bank with `transitions`.

States are the question ids plus `intro`, `review` and `done`. `when:` conditions are transition
conditions, so `advance`, `skip` and `back` land on the next (or previous) question that applies to
this chair's answers. The machine holds no report: its one `Cursor` is set to a report's state and
answers for the duration of one synchronous `fire`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import EventData, Machine

from dialogs.bank import Bank, Question

INTRO, REVIEW, DONE = "intro", "review", "done"


class Cursor:
    """The report's position and answers, as the machine sees them during one event."""

    def __init__(self, state: str, answers: dict[str, Any]) -> None:
        self.initial = state
        self.answers = answers


def _pending(question: Question) -> Callable[[EventData], bool]:
    # Moving forward lands on the next question still waiting for an answer, so a chair who went back
    # to correct one answer returns straight to where they were.
    return lambda event: question.id not in event.model.answers and question.is_shown(event.model.answers)


def _revisitable(question: Question) -> Callable[[EventData], bool]:
    return lambda event: question.id in event.model.answers and question.is_shown(event.model.answers)


class Flow:
    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        ids = [q.id for q in bank.questions]
        self.machine = Machine(
            model=None,
            states=[INTRO, *ids, REVIEW, DONE],
            initial=INTRO,
            send_event=True,
            # Reports are placed with set_state; a to_<state> trigger per state would never be used.
            auto_transitions=False,
            ignore_invalid_triggers=True,
        )
        questions = bank.questions
        # One condition per question, shared by every transition that lands on it.
        pending = {q.id: _pending(q) for q in questions}
        revisitable = {q.id: _revisitable(q) for q in questions}
        for i, source in enumerate([INTRO, *ids]):
            for later in questions[i:]:
                self.machine.add_transition("advance", source, later.id, conditions=[pending[later.id]])
            self.machine.add_transition("advance", source, REVIEW)
            if i and questions[i - 1].optional:
                for later in questions[i:]:
                    self.machine.add_transition("skip", source, later.id, conditions=[pending[later.id]])
                self.machine.add_transition("skip", source, REVIEW)
        for i, source in enumerate([*ids, REVIEW]):
            for earlier in reversed(questions[:i]):
                self.machine.add_transition("back", source, earlier.id, conditions=[revisitable[earlier.id]])
        self.cursor = Cursor(INTRO, {})
        self.machine.add_model(self.cursor, initial=INTRO)

    def missing(self, answers: dict[str, Any]) -> list[Question]:
        """Required questions that apply and have no answer yet."""
        return [q for q in self.bank.questions if not q.optional and q.is_shown(answers) and q.id not in answers]

    def fire(self, state: str, answers: dict[str, Any], trigger: str) -> str | None:
        """The state `trigger` leads to from `state`, or None if it can't fire there.

        One cursor stays attached to the machine: attaching a model costs a pass over every state,
        which is start-up work, not per-event work. Firing is synchronous, so events of concurrent
        chats can't interleave on it.
        """
        cursor = self.cursor
        cursor.answers = answers
        self.machine.set_state(state, model=cursor)
        moved = cursor.trigger(trigger)
        return cursor.state if moved else None

    def shown(self, answers: dict[str, Any]) -> list[Question]:
        return [q for q in self.bank.questions if q.is_shown(answers)]
