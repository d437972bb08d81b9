"""Dialogue scripts as immutable values: steps, options, conditions, branches.

A script (``kind: script``) is a conversation a person can start; a flow (``kind: flow``) is a
reusable run of steps that scripts include once per tension. The format is described in
``dialogues/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

#: The kinds of step, by the key that introduces them ("" for a step too broken to have one).
StepKind = Literal["say", "ask", "scale", "choose", "pick", "branches", "include", "goto", ""]
STEP_KINDS: tuple[StepKind, ...] = (
    "say",
    "ask",
    "scale",
    "choose",
    "pick",
    "branches",
    "include",
    "goto",
)
#: What a branch's condition tests (see ``Condition``).
ConditionKind = Literal["match", "var", "seen", "kind"]
#: A script a person can start, or a flow that scripts include.
DialogueKind = Literal["script", "flow"]
#: Steps that wait for the person's reply.
INPUT_KINDS = ("ask", "scale", "choose", "pick")
#: Special jump targets.
NEXT, END = "next", "end"
#: What a ``match`` condition can test about the reading of the current answer.
MATCH_TESTS = ("left", "right", "both", "neither", "unsure", "sure", "none")
#: Where an include finds its tensions when they are not listed.
TENSION_SOURCES = ("story", "var", "current")
#: Dynamic option lists for choose and pick steps.
OPTION_SOURCES = ("tensions", "core", "poles")

#: Names a flow's texts may use about the tension in hand.
TENSION_NAMES = frozenset(
    """
    tension.id tension.title tension.summary tension.idea tension.opening tension.kind
    left.name left.in_practice left.upside left.downside
    right.name right.in_practice right.upside right.downside
    lean.name other.name other.upside other.downside evidence question both_and quote
    answer now preferred reading
    """.split()
)
TEMPLATE = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_.]*)(?:\|([^{}]*))?\}")


def template_names(text: str) -> list[str]:
    """The variable names a text refers to, as ``{name}`` or ``{name|default}``."""
    return [m.group(1) for m in TEMPLATE.finditer(text) if m.group(1)]


@dataclass(frozen=True)
class Option:
    """One answer to a choose step."""

    id: str
    label: str
    goto: str | None = None


@dataclass(frozen=True)
class Condition:
    """A test on the conversation so far.

    ``kind`` is "match" (the reading: ``value`` in MATCH_TESTS), "var" (a variable is set, or
    equals ``equals``), "seen" (the person has explored this tension before) or "kind" (the
    tension in hand is of kind ``value``: experienced, inherent, management or governance).
    """

    kind: ConditionKind
    value: str = ""
    equals: str | None = None
    negate: bool = False


@dataclass(frozen=True)
class Branch:
    """Go to ``goto`` when ``condition`` holds."""

    condition: Condition
    goto: str


@dataclass(frozen=True)
class TensionSource:
    """Which tensions an include walks through: listed ids, or found at run time."""

    ids: tuple[str, ...] = ()
    source: str = ""  # "", "story", "var" or "current"
    name: str = ""  # the variable, for "var" and "story"
    count: int = 3


@dataclass(frozen=True)
class Step:
    """One step of a script or flow."""

    id: str
    kind: StepKind
    text: tuple[str, ...] = ()  # alternative wordings; one is chosen at random
    into: str = ""
    optional: bool = False
    once: bool = False
    match: bool = False
    prefill: str = ""
    suggest: bool = False
    place: bool = False
    options: tuple[Option, ...] = ()
    options_from: str = ""
    branches: tuple[Branch, ...] = ()
    otherwise: str = ""
    include: str = ""
    tensions: TensionSource | None = None
    goto: str = ""
    end: bool = False
    line: int = 0

    @property
    def waits(self) -> bool:
        return self.kind in INPUT_KINDS


@dataclass(frozen=True)
class Dialogue:
    """A conversation script or a reusable flow."""

    id: str
    title: str
    description: str
    steps: tuple[Step, ...] = ()
    kind: DialogueKind = "script"
    variables: tuple[str, ...] = ()
    path: str = ""
    tension: str = ""  # a script about one tension (a training scenario) names it here

    @property
    def tensions(self) -> tuple[str, ...]:
        """The tension ids the script names outright."""
        return tuple(i for s in self.steps if s.tensions for i in s.tensions.ids)

    def index(self, step_id: str) -> int:
        """The position of a step; raise KeyError if there is none."""
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        raise KeyError(step_id)
