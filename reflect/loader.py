"""Loads tension and dialogue folders into a ``Catalogue``, collecting every problem.

Folders are parameters: the caller (the CLI) decides where content lives. A file is a
dialogue when it sits in a folder named ``dialogues``; every other YAML file is a tension.
A bad file is never skipped silently: its problems are returned with the catalogue.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from reflect.dialogues import read_dialogue
from reflect.messages import did_you_mean
from reflect.model import CORE_TENSIONS, Catalogue, Tension
from reflect.problems import Problem
from reflect.script import MATCH_TESTS, Dialogue
from reflect.tensions import read_tension
from reflect.yamldoc import Document, read_document

YAML_SUFFIXES = (".yaml", ".yml")
T = TypeVar("T", Tension, Dialogue)


@dataclass
class Loaded:
    """The outcome of loading content: what loaded, what is wrong, and the parsed files."""

    catalogue: Catalogue
    problems: list[Problem]
    docs: dict[str, Document] = field(default_factory=dict)
    files: int = 0


def display_path(file: Path) -> str:
    """The path as an author would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(file)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(file)


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly inside ``folder``, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def is_dialogue_file(file: Path) -> bool:
    return file.parent.name == "dialogues"


def load_content(tensions_dir: Path, dialogues_dir: Path | None = None) -> Loaded:
    """Load a tensions folder and, optionally, a dialogues folder."""
    dialogues = yaml_files(dialogues_dir) if dialogues_dir and dialogues_dir.is_dir() else []
    return load_files(yaml_files(tensions_dir), dialogues)


def load_files(
    tension_files: list[Path],
    dialogue_files: list[Path],
    known: Catalogue | None = None,
) -> Loaded:
    """Load these files. References may point at each other or at tensions in ``known``."""
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    tensions: list[Tension] = []
    dialogues: list[Dialogue] = []
    for file in tension_files:
        doc, found = read_document(file, display_path(file))
        problems += found
        if doc is not None:
            docs[doc.path] = doc
            tension, found = read_tension(doc)
            problems += found
            if tension is not None:
                tensions.append(tension)
    for file in dialogue_files:
        doc, found = read_document(file, display_path(file))
        problems += found
        if doc is not None:
            docs[doc.path] = doc
            dialogue, found = read_dialogue(doc)
            problems += found
            if dialogue is not None:
                dialogues.append(dialogue)
    tensions = sorted(_unique(tensions, docs, problems, "tension"), key=_catalogue_order)
    dialogues = _unique(dialogues, docs, problems, "dialogue")
    known_ids = [t.id for t in tensions] + [t for t in (known.tension_ids if known else ())]
    all_tensions = tensions + [
        t for t in (known.tensions if known else ()) if t.id not in known_ids[: len(tensions)]
    ]
    all_dialogues = [*(known.dialogues if known else ()), *dialogues]
    _check_references(tensions, dialogues, known_ids, docs, problems, all_tensions, all_dialogues)
    files = len(tension_files) + len(dialogue_files)
    return Loaded(Catalogue(tuple(tensions), tuple(dialogues)), problems, docs, files)


def _catalogue_order(tension: Tension) -> tuple[int, str]:
    """Core tensions first, in their fixed order; then the rest by id."""
    core = list(CORE_TENSIONS)
    return (core.index(tension.id), "") if tension.id in core else (len(core), tension.id)


def _unique(
    items: list[T], docs: dict[str, Document], problems: list[Problem], what: str
) -> list[T]:
    first: dict[str, str] = {}
    kept: list[T] = []
    for item in items:
        if item.id in first:
            problems.append(
                docs[item.path].problem(
                    ("id",), "duplicate-id", what=what, id=item.id, other=first[item.id]
                )
            )
            continue
        first[item.id] = item.path
        kept.append(item)
    return kept


def _check_references(
    tensions: list[Tension],
    dialogues: list[Dialogue],
    known_ids: list[str],
    docs: dict[str, Document],
    problems: list[Problem],
    all_tensions: list[Tension],
    all_dialogues: list[Dialogue],
) -> None:
    for tension in tensions:
        for i, other in enumerate(tension.related):
            if other not in known_ids and other != tension.id:
                problems.append(
                    docs[tension.path].problem(
                        ("related", i),
                        "unknown-tension",
                        id=other,
                        hint=did_you_mean(other, known_ids),
                    )
                )
    flows = {d.id: d for d in all_dialogues}
    for dialogue in dialogues:
        _check_dialogue(dialogue, known_ids, all_tensions, flows, docs[dialogue.path], problems)


def _check_dialogue(
    dialogue: Dialogue,
    known_ids: list[str],
    tensions: list[Tension],
    flows: dict[str, Dialogue],
    doc: Document,
    problems: list[Problem],
) -> None:
    """Tension ids, pole ids and included flows that a script names must exist."""
    poles = {t.id: [p.id for p in t.poles] for t in tensions}
    if dialogue.tension and dialogue.tension not in known_ids:
        problems.append(
            doc.problem(
                ("tension",),
                "unknown-tension",
                id=dialogue.tension,
                hint=did_you_mean(dialogue.tension, known_ids),
            )
        )
    named_poles = poles.get(dialogue.tension, [])
    for i, step in enumerate(dialogue.steps):
        if step.include:
            flow = flows.get(step.include)
            if flow is None:
                problems.append(
                    doc.problem(
                        ("steps", i, "include"),
                        "unknown-flow",
                        id=step.include,
                        hint=did_you_mean(step.include, list(flows)),
                    )
                )
            elif flow.kind != "flow":
                problems.append(doc.problem(("steps", i, "include"), "not-a-flow", id=flow.id))
        if step.tensions:
            for j, tension_id in enumerate(step.tensions.ids):
                if tension_id not in known_ids:
                    problems.append(
                        doc.problem(
                            ("steps", i, "tensions", j),
                            "unknown-tension",
                            id=tension_id,
                            hint=did_you_mean(tension_id, known_ids),
                        )
                    )
        for j, branch in enumerate(step.branches):
            condition = branch.condition
            allowed = [*MATCH_TESTS, *named_poles]
            if condition.kind == "match" and condition.value not in allowed:
                problems.append(
                    doc.problem(
                        ("steps", i, "branches", j, "if", "match"),
                        "unknown-match",
                        value=condition.value,
                        choices=", ".join(allowed),
                        hint=did_you_mean(condition.value, allowed),
                    )
                )


def read_seeds(folder: Path) -> dict[str, str]:
    """The seed texts in ``folder``, by file name."""
    return {
        p.name: p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.glob("*.txt"))
    }
