"""Immutable domain values: tensions, poles, quotes, sources, dialogues and the catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from reflect.content.script import Dialogue

#: The ten core tensions and their pole ids, in order (the first pole is the scale's left end).
CORE_TENSIONS: dict[str, tuple[str, str]] = {
    "agency-dependency": ("agency", "dependency"),
    "values-pragmatism": ("values", "pragmatism"),
    "distinctiveness-incorporation": ("distinctiveness", "incorporation"),
    "power": ("challenge", "accept"),
    "unity-diversity": ("unity", "diversity"),
    "aims": ("agree-first", "act-first"),
    "leadership": ("facilitation", "direction"),
    "conflict": ("confrontation", "negotiation"),
    "arena": ("frontstage", "backstage"),
    "cooperation-competition": ("cooperation", "competition"),
}

#: The kinds of tension the research distinguishes ("" for a tension that names none).
TensionKind = Literal["experienced", "inherent", "management", "governance", ""]
KINDS: tuple[TensionKind, ...] = ("experienced", "inherent", "management", "governance")


@dataclass(frozen=True)
class Pole:
    """One end of a tension's scale."""

    id: str
    name: str
    in_practice: str
    upsides: tuple[str, ...]
    downsides: tuple[str, ...]
    cues: tuple[str, ...]
    examples: tuple[str, ...]
    actions: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class BothAnd:
    """An intermediate or both-and position the research describes."""

    name: str
    description: str


@dataclass(frozen=True)
class Quote:
    """A verbatim quote from a seed text, with its speaker."""

    text: str
    speaker: str
    seed: str
    pole: str | None = None


@dataclass(frozen=True)
class Source:
    """A published work the tension draws on."""

    author: str
    year: int | None
    title: str
    seed: str
    #: where it was published (journal, volume and pages; or the book), for the reference list
    published: str = ""

    @property
    def citation(self) -> str:
        """Author (year), as a text cites it: surnames only, "and" before the last."""
        parts = [p.strip() for p in re.split(r",|\band\b", self.author)]
        surnames = [p for p in parts if p and not re.fullmatch(r"(?:[A-Z]\.\s*)+", p)]
        if len(surnames) > 1:
            who = f"{', '.join(surnames[:-1])} and {surnames[-1]}"
        else:
            who = surnames[0] if surnames else self.author
        return f"{who} ({self.year or 'n.d.'})"

    @property
    def reference(self) -> str:
        """The full reference, as a reference list gives it."""
        year = f" ({self.year})" if self.year else " (n.d.)"
        where = f" {self.published}." if self.published else ""
        return f"{self.author}{year} {self.title}.{where}"


@dataclass(frozen=True)
class Tension:
    """A management tension used as a handle for reflective practice."""

    id: str
    title: str
    kind: TensionKind
    summary: str
    opening_question: str
    poles: tuple[Pole, Pole]
    both_and: tuple[BothAnd, ...]
    questions: tuple[str, ...]
    quotes: tuple[Quote, ...]
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    path: str = ""
    #: the tension in two sentences, shown before the longer summary (which is on request)
    idea: str = ""

    @property
    def gist(self) -> str:
        """The tension in brief: its idea, or else the first two sentences of its summary."""
        if self.idea:
            return self.idea
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", self.summary.strip())
        return " ".join(sentences[:2])

    @property
    def is_core(self) -> bool:
        return self.id in CORE_TENSIONS

    def pole(self, pole_id: str) -> Pole:
        """Return the pole with this id; raise KeyError if there is none."""
        for pole in self.poles:
            if pole.id == pole_id:
                return pole
        raise KeyError(pole_id)


@dataclass(frozen=True)
class Catalogue:
    """All tensions and dialogues loaded from one content folder."""

    tensions: tuple[Tension, ...] = ()
    dialogues: tuple[Dialogue, ...] = ()
    _by_id: dict[str, Tension] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({t.id: t for t in self.tensions})

    def tension(self, tension_id: str) -> Tension:
        """Return the tension with this id; raise KeyError if there is none."""
        return self._by_id[tension_id]

    @property
    def tension_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tensions)

    def dialogue(self, dialogue_id: str) -> Dialogue:
        """Return the dialogue with this id; raise KeyError if there is none."""
        for dialogue in self.dialogues:
            if dialogue.id == dialogue_id:
                return dialogue
        raise KeyError(dialogue_id)

    @property
    def scripts(self) -> tuple[Dialogue, ...]:
        """The dialogues a person can start (not the flows they include)."""
        return tuple(d for d in self.dialogues if d.kind == "script")

    @property
    def core(self) -> tuple[Tension, ...]:
        """The core tensions, in the order of CORE_TENSIONS."""
        return tuple(self._by_id[i] for i in CORE_TENSIONS if i in self._by_id)
