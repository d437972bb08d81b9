"""Validates one dialogue script and builds a ``Dialogue`` from it."""

from __future__ import annotations

from pathlib import Path

from reflect.model import Dialogue
from reflect.problems import Problem, errors
from reflect.schema import Reader
from reflect.yamldoc import Document

DIALOGUE_KEYS = ("id", "title", "description")
DIALOGUE_OPTIONAL = ("tensions",)


def read_dialogue(doc: Document) -> tuple[Dialogue | None, list[Problem]]:
    """Validate a parsed dialogue document. Tension ids are checked later, against the catalogue."""
    r = Reader(doc)
    if r.mapping((), DIALOGUE_KEYS, DIALOGUE_OPTIONAL) is None:
        return None, r.problems
    dialogue_id = r.ident(("id",))
    if dialogue_id and Path(doc.path).stem != dialogue_id:
        r.warn(("id",), "id-filename", id=dialogue_id, name=Path(doc.path).name)
    dialogue = Dialogue(
        id=dialogue_id,
        title=r.text(("title",)),
        description=r.text(("description",)),
        tensions=r.texts(("tensions",)),
        path=doc.path,
    )
    if errors(r.problems):
        return None, r.problems
    return dialogue, r.problems
