"""The group map for a debrief: many people's exported positions rolled into one anonymous
picture, tension by tension. Pure: export documents in, a ``Cohort`` out (no files, no screen).

Anonymous by construction: no names, no session numbers, no free text (unless the trainer asks
for quotes and the exports carry words), and a tension that fewer than ``MIN_GROUP`` people
placed themselves on is not shown at all, since a picture of one or two people identifies them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reflect.content.model import Catalogue
from reflect.journal.snapshot import SCHEMA

#: Fewer people than this on a tension and it is not shown (it could identify them).
MIN_GROUP = 3
#: The scale's ends: 1 is the first pole, 7 the second.
LOW, HIGH = 1, 7

#: Where an action step leans, for the themes: a pole's name, or one of these.
BOTH, UNCLEAR = "both ends", "not clear from the words"


@dataclass(frozen=True)
class Spot:
    """One tension in the group map."""

    id: str
    title: str
    poles: tuple[str, str]  # the poles' names, first (1 on the scale) and second (7)
    now: tuple[int, ...]  # everyone's place now, sorted
    preferred: tuple[int, ...]  # everyone's preferred place, sorted
    people: int  # how many placed themselves (now or preferred)
    steps: tuple[tuple[str, int], ...] = ()  # action steps by where they lean, most first
    quotes: tuple[str, ...] = ()  # the action steps' own words (only when asked for)

    @property
    def shown(self) -> bool:
        return self.people >= MIN_GROUP

    def spread(self, places: Sequence[int]) -> str:
        """The middle and the range of ``places``, in words."""
        if not places:
            return "nobody placed"
        middle = statistics.median(places)
        return f"middle {middle:g}, range {min(places)}-{max(places)}"


@dataclass(frozen=True)
class Cohort:
    people: int  # sessions counted
    tensions: tuple[Spot, ...]
    problems: tuple[str, ...]  # one line per input that was left out, and why
    with_steps: bool  # the exports carried the action steps' words


#: Reads an action step against a tension: the pole id it leans to, "both" or "neither".
Reader = Callable[[str, str], str]


def problem_with(document: Any) -> str | None:
    """Why ``document`` is not a session export this version can read, or None."""
    if not isinstance(document, dict) or document.get("format") != "reflect-session":
        return "not a session export (make one with 'reflect export ID --format json')"
    schema = document.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        return "a session export without a schema version: it cannot be read"
    if schema > SCHEMA:
        return (
            f"made by a newer reflect (schema {schema}; this one reads {SCHEMA}): "
            "update reflect to include it"
        )
    if not isinstance(document.get("tensions"), list):
        return "a damaged session export: it has no list of tensions"
    return None


def _key(document: dict[str, Any]) -> tuple[object, ...]:
    key = document.get("key")
    if isinstance(key, str) and key:
        return ("key", key)
    return ("session", document.get("session"), document.get("started"), document.get("dialogue"))


def _place(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and LOW <= value <= HIGH:
        return value
    return None


def build_cohort(
    documents: Sequence[tuple[str, Any]],
    catalogue: Catalogue,
    read: Reader | None = None,
    with_quotes: bool = False,
) -> Cohort:
    """The group map of ``documents`` (each with the name to use in a problem: its file).

    ``read`` places each action step (when the exports carry words) for the themes."""
    problems: list[str] = []
    seen: dict[tuple[object, ...], str] = {}
    now: dict[str, list[int]] = {}
    preferred: dict[str, list[int]] = {}
    placed: Counter[str] = Counter()
    steps: dict[str, list[str]] = {}
    people = 0
    for name, document in documents:
        why = problem_with(document)
        if why is not None:
            problems.append(f"{name}: {why}")
            continue
        key = _key(document)
        if key in seen:
            problems.append(f"{name}: the same session as {seen[key]}; counted once")
            continue
        seen[key] = name
        people += 1
        for item in document["tensions"]:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            tid = item["id"]
            here, there = _place(item.get("now")), _place(item.get("preferred"))
            if here is not None:
                now.setdefault(tid, []).append(here)
            if there is not None:
                preferred.setdefault(tid, []).append(there)
            if here is not None or there is not None:
                placed[tid] += 1
            action = item.get("action")
            if isinstance(action, str) and action.strip():
                steps.setdefault(tid, []).append(action.strip())
    spots = []
    for tension in catalogue.tensions:
        if tension.id not in placed:
            continue
        first, second = tension.poles
        names = {first.id: first.name, second.id: second.name, "both": BOTH}
        said = steps.get(tension.id, [])
        themes: Counter[str] = Counter()
        if read is not None:
            for text in said:
                themes[names.get(read(text, tension.id), UNCLEAR)] += 1
        spots.append(
            Spot(
                tension.id,
                tension.title,
                (first.name, second.name),
                tuple(sorted(now.get(tension.id, []))),
                tuple(sorted(preferred.get(tension.id, []))),
                placed[tension.id],
                tuple(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))),
                tuple(sorted(said)) if with_quotes else (),
            )
        )
    return Cohort(people, tuple(spots), tuple(problems), any(steps.values()))
