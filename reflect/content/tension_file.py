"""Validates one tension file and builds a ``Tension`` from it.

The schema is described in ``tensions/README.md``. Structural faults (a missing pole, a wrong
type, an unknown key) are errors; content below the recommended amounts (fewer than 25 cues
for a core pole, say) is a warning, so that a trainer's own small tension still loads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from reflect.base.messages import did_you_mean
from reflect.base.problems import Problem, errors
from reflect.content.model import (
    CORE_TENSIONS,
    KINDS,
    BothAnd,
    Pole,
    Quote,
    Source,
    Tension,
    TensionKind,
)
from reflect.content.schema import Reader
from reflect.content.yamldoc import Document, Key

TENSION_KEYS = (
    "id",
    "title",
    "kind",
    "summary",
    "opening_question",
    "poles",
    "both_and",
    "questions",
    "sources",
)
TENSION_OPTIONAL = ("idea", "quotes", "related")
POLE_KEYS = (
    "id",
    "name",
    "in_practice",
    "upsides",
    "downsides",
    "cues",
    "examples",
    "actions",
    "warnings",
)
RESERVED_POLE_IDS = ("both", "neither", "unsure")
SEED_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")

#: Recommended amounts: (core tension, further tension).
MINIMUM = {
    "cues": (25, 12),
    "examples": (8, 4),
    "upsides": (3, 3),
    "downsides": (3, 3),
    "actions": (2, 2),
    "warnings": (2, 2),
    "questions": (3, 3),
}


def _minimum(field: str, core: bool) -> int:
    return MINIMUM[field][0 if core else 1]


def read_tension(doc: Document) -> tuple[Tension | None, list[Problem]]:
    """Validate a parsed tension document. Returns the tension when it has no errors."""
    r = Reader(doc)
    if r.mapping((), TENSION_KEYS, TENSION_OPTIONAL) is None:
        return None, r.problems
    tension_id = r.ident(("id",))
    core = tension_id in CORE_TENSIONS
    kind = r.text(("kind",))
    if kind and kind not in KINDS:
        r.add(
            ("kind",),
            "bad-kind",
            value=kind,
            choices=", ".join(KINDS),
            hint=did_you_mean(kind, KINDS),
        )
    if tension_id and Path(doc.path).stem != tension_id:
        r.warn(("id",), "id-filename", id=tension_id, name=Path(doc.path).name)
    poles = _poles(r, tension_id, core)
    pole_ids = tuple(p.id for p in poles)
    tension = Tension(
        id=tension_id,
        title=r.text(("title",)),
        kind=cast(TensionKind, kind),  # a kind not in KINDS is reported above
        summary=r.text(("summary",)),
        idea=r.text(("idea",)),
        opening_question=r.text(("opening_question",)),
        poles=(poles[0], poles[1]) if len(poles) == 2 else (_EMPTY, _EMPTY),
        both_and=_both_and(r),
        questions=r.texts(("questions",), _minimum("questions", core)),
        quotes=_quotes(r, pole_ids),
        sources=_sources(r),
        related=_related(r, tension_id),
        path=doc.path,
    )
    if errors(r.problems) or len(poles) != 2:
        return None, r.problems
    return tension, r.problems


_EMPTY = Pole("", "", "", (), (), (), (), (), ())


def _poles(r: Reader, tension_id: str, core: bool) -> list[Pole]:
    items = r.items(("poles",))
    if isinstance(r.get(("poles",)), list) and len(items) != 2:
        r.add(("poles",), "pole-count", count=len(items))
    poles: list[Pole] = []
    seen: set[str] = set()
    for i in range(len(items)):
        key: Key = ("poles", i)
        if r.mapping(key, POLE_KEYS) is None:
            continue
        pole_id = r.ident((*key, "id"))
        if pole_id in RESERVED_POLE_IDS:
            r.add((*key, "id"), "reserved-id", value=pole_id)
        elif pole_id in seen:
            r.add((*key, "id"), "duplicate-id", what="pole", id=pole_id, other="this tension")
        seen.add(pole_id)
        poles.append(
            Pole(
                id=pole_id,
                name=r.text((*key, "name")),
                in_practice=r.text((*key, "in_practice")),
                **{
                    f: r.texts((*key, f), _minimum(f, core))
                    for f in ("upsides", "downsides", "cues", "examples", "actions", "warnings")
                },
            )
        )
    expected = CORE_TENSIONS.get(tension_id)
    found = tuple(p.id for p in poles)
    if expected and len(items) == len(found) == 2 and found != expected:  # else: reported
        wrong = next((f for f, e in zip(found, expected, strict=True) if f != e), "")
        where: Key = ("poles", found.index(wrong), "id") if wrong in found else ("poles",)
        hint = (
            "; they are the other way round"
            if set(found) == set(expected)
            else did_you_mean(wrong, expected)
        )
        r.add(where, "core-poles", tension=tension_id, expected=" and ".join(expected), hint=hint)
    return poles


def _both_and(r: Reader) -> tuple[BothAnd, ...]:
    result = []
    for i in range(len(r.items(("both_and",)))):
        key: Key = ("both_and", i)
        if r.mapping(key, ("name", "description")) is not None:
            result.append(BothAnd(r.text((*key, "name")), r.text((*key, "description"))))
    if not result and isinstance(r.get(("both_and",)), list):
        r.add(("both_and",), "empty-value", field="both_and")
    return tuple(result)


def _seed(r: Reader, key: Key) -> str:
    seed = r.text(key)
    if seed and not SEED_NAME.match(seed):
        r.add(key, "bad-seed", seed=seed)
    return seed


def _quotes(r: Reader, pole_ids: tuple[str, ...]) -> tuple[Quote, ...]:
    result = []
    for i in range(len(r.items(("quotes",)))):
        key: Key = ("quotes", i)
        if r.mapping(key, ("text", "speaker", "seed"), ("pole",)) is None:
            continue
        pole = r.text((*key, "pole")) if r.get((*key, "pole")) is not None else None
        if pole and pole_ids and pole not in pole_ids:
            r.add(
                (*key, "pole"),
                "unknown-pole",
                id=pole,
                tension=r.get(("id",)),
                hint=did_you_mean(pole, pole_ids),
            )
        result.append(
            Quote(
                r.text((*key, "text")),
                r.text((*key, "speaker")),
                _seed(r, (*key, "seed")),
                pole or None,
            )
        )
    return tuple(result)


def _sources(r: Reader) -> tuple[Source, ...]:
    result = []
    for i in range(len(r.items(("sources",)))):
        key: Key = ("sources", i)
        if r.mapping(key, ("author", "year", "title", "seed"), ("published",)) is None:
            continue
        year = r.whole((*key, "year"), "a year or empty")
        published = r.text((*key, "published")) if r.get((*key, "published")) else ""
        result.append(
            Source(
                r.text((*key, "author")),
                year,
                r.text((*key, "title")),
                _seed(r, (*key, "seed")),
                published,
            )
        )
    if not result and isinstance(r.get(("sources",)), list):
        r.add(("sources",), "empty-value", field="sources")
    return tuple(result)


def _related(r: Reader, tension_id: str) -> tuple[str, ...]:
    related = r.texts(("related",))
    for i, other in enumerate(related):
        if other == tension_id:
            r.add(("related", i), "self-related")
    return related
