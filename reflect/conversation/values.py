"""The values a conversation is made of: turns, expectations, per-tension records, state.

All frozen: the engine returns a new state for every reply, so going back is just returning
to an earlier state, and nothing a screen does can change the record behind its back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

from reflect.matching.results import Match

#: Who says a line of the conversation.
Speaker = Literal["assistant", "person", "coach", "system"]
#: What a line is: said, asked, the person's answer, a note, an error, the help.
TurnKind = Literal["say", "question", "answer", "note", "error", "help"]
#: What the waiting question wants.
ExpectKind = Literal["text", "scale", "choice", "pick", "none"]

EMPTY: MappingProxyType[str, Any] = MappingProxyType({})
EMPTY_RECORDS: MappingProxyType[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Turn:
    """One line of the conversation, from the assistant, the person, or a coach."""

    speaker: Speaker
    text: str
    kind: TurnKind = "say"
    step: str = ""
    tension: str = ""


@dataclass(frozen=True)
class Choice:
    """One option the person can pick."""

    id: str
    label: str


@dataclass(frozen=True)
class Expect:
    """What the current question wants: free text, a 1-7 scale, one choice, or several."""

    kind: ExpectKind
    options: tuple[Choice, ...] = ()
    suggestion: int | None = None
    optional: bool = False
    low: str = ""  # the scale's ends
    high: str = ""


NOTHING = Expect("none")


@dataclass(frozen=True)
class Record:
    """What the person said and chose about one tension."""

    tension: str
    values: MappingProxyType[str, Any] = field(default_factory=lambda: EMPTY)
    reading: Match | None = None  # the matcher's reading of their answer
    placed: str = ""  # the pole (or "both"/"neither") the person placed themselves at
    corrected: bool = False  # they disagreed with the reading
    notes: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    done: bool = False

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def with_value(self, name: str, value: Any) -> Record:
        return replace(self, values=MappingProxyType({**self.values, name: value}))

    @property
    def now(self) -> int | None:
        value = self.values.get("now")
        return value if isinstance(value, int) else None

    @property
    def preferred(self) -> int | None:
        value = self.values.get("preferred")
        return value if isinstance(value, int) else None


@dataclass(frozen=True)
class Frame:
    """Where the engine is in one script or flow, and which tension is in hand."""

    dialogue: str
    index: int = 0
    tension: str = ""
    queue: tuple[str, ...] = ()  # tensions still to walk with this flow


@dataclass(frozen=True)
class State:
    """The whole state of a conversation after some replies."""

    dialogue: str
    stack: tuple[Frame, ...]
    variables: MappingProxyType[str, Any] = field(default_factory=lambda: EMPTY)
    records: MappingProxyType[str, Record] = field(default_factory=lambda: EMPTY_RECORDS)
    order: tuple[str, ...] = ()  # tensions in the order they were visited
    seen: frozenset[str] = frozenset()
    question: tuple[Turn, ...] = ()  # the question now waiting for a reply, as shown
    expect: Expect = NOTHING
    counter: int = 0
    seed: int = 0
    finished: bool = False
    quit: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def waiting(self) -> bool:
        return not self.finished and self.expect.kind != "none"

    @property
    def frame(self) -> Frame:
        return self.stack[-1]

    def record(self, tension: str) -> Record:
        return self.records.get(tension) or Record(tension)

    def with_record(self, record: Record) -> State:
        order = self.order if record.tension in self.order else (*self.order, record.tension)
        records = MappingProxyType({**self.records, record.tension: record})
        return replace(self, records=records, order=order)

    def with_variable(self, name: str, value: Any) -> State:
        return replace(self, variables=MappingProxyType({**self.variables, name: value}))

    @property
    def visited(self) -> tuple[Record, ...]:
        """The records of the tensions visited, in order."""
        return tuple(self.records[t] for t in self.order)


#: The dialogue a coach leads: a coach is always there in it.
COACHING = "coaching"


def coached(dialogue: str, coach: bool) -> bool:
    """Whether a coach sits beside the person: asked for (``--coach``), or the coaching
    dialogue."""
    return coach or dialogue == COACHING
