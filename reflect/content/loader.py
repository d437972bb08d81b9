"""Loads tension and dialogue folders into a ``Catalogue``, collecting every problem.

Folders are parameters: the caller (the CLI) decides where content lives. A file is a
dialogue when it sits in a folder named ``dialogues``; every other YAML file is a tension.
A bad file is never skipped silently: its problems are returned with the catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from reflect.base.messages import did_you_mean
from reflect.base.problems import Problem, UsageError, errors
from reflect.content.dialogue_file import read_dialogue
from reflect.content.model import CORE_TENSIONS, Catalogue, Tension
from reflect.content.places import ContentDirs
from reflect.content.script import MATCH_TESTS, Dialogue
from reflect.content.tension_file import read_tension
from reflect.content.yamldoc import Document, Key, read_document

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
    """Load these files. References may point at each other or at tensions in ``known``.

    A dialogue that names a tension or includes a flow that is not loaded (because its file
    has errors, say) gets a problem and is left out: a conversation can never reach a
    tension or a flow that is not there.
    """
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    failed: dict[str, dict[str, str]] = {"tension": {}, "flow": {}}
    tensions = _read_all(tension_files, read_tension, docs, problems, failed["tension"])
    dialogues = _read_all(dialogue_files, read_dialogue, docs, problems, failed["flow"])
    tensions = sorted(_unique(tensions, docs, problems, "tension"), key=_catalogue_order)
    dialogues = _unique(dialogues, docs, problems, "dialogue")
    known_ids = [t.id for t in tensions] + [t for t in (known.tension_ids if known else ())]
    all_tensions = tensions + [
        t for t in (known.tensions if known else ()) if t.id not in known_ids[: len(tensions)]
    ]
    loaded_ids = {d.id for d in dialogues}
    others = [d for d in (known.dialogues if known else ()) if d.id not in loaded_ids]
    refs = _References(known_ids, all_tensions, {d.id: d for d in [*others, *dialogues]}, failed)
    _check_related(tensions, refs, docs, problems)
    dialogues = _runnable(dialogues, others, refs, docs, problems)
    files = len(tension_files) + len(dialogue_files)
    return Loaded(Catalogue(tuple(tensions), tuple(dialogues)), problems, docs, files)


def _read_all(
    files: list[Path],
    read: Callable[[Document], tuple[T | None, list[Problem]]],
    docs: dict[str, Document],
    problems: list[Problem],
    failed: dict[str, str],
) -> list[T]:
    """What each file holds; ``failed`` gets the id of each file that does not load. A file
    with an error in its YAML (a duplicate key, a value that cannot be read) is checked for
    the rest, but does not load, even when what the schema reads from it looks whole."""
    items: list[T] = []
    for file in files:
        doc, found = read_document(file, display_path(file))
        problems += found
        item = None
        if doc is not None:
            docs[doc.path] = doc
            item, more = read(doc)
            problems += more
            if errors(found):
                item = None
        if item is None:
            failed.setdefault(_file_id(file, doc), display_path(file))
        else:
            items.append(item)
    return items


def _file_id(file: Path, doc: Document | None) -> str:
    """The id a file that did not load meant to define: its ``id``, else its name."""
    named = doc.data.get("id") if doc is not None and isinstance(doc.data, dict) else None
    return named if isinstance(named, str) and named else file.stem


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


@dataclass(frozen=True)
class _References:
    """What the loaded files may refer to, and the ids of the files that did not load."""

    tension_ids: list[str]
    tensions: list[Tension]
    flows: dict[str, Dialogue]
    failed: dict[str, dict[str, str]]  # "tension" or "flow": id -> the file that did not load

    def missing(self, doc: Document, at: Key, what: str, ident: str, known: list[str]) -> Problem:
        """The problem with naming ``ident``, a tension or a flow that is not loaded."""
        file = self.failed[what].get(ident)
        if file is not None:
            return doc.problem(at, "not-loaded", what=what, id=ident, file=file)
        code = "unknown-tension" if what == "tension" else "unknown-flow"
        return doc.problem(at, code, id=ident, hint=did_you_mean(ident, known))


def _check_related(
    tensions: list[Tension], refs: _References, docs: dict[str, Document], problems: list[Problem]
) -> None:
    for tension in tensions:
        for i, other in enumerate(tension.related):
            if other not in refs.tension_ids and other != tension.id:
                doc = docs[tension.path]
                problems.append(
                    refs.missing(doc, ("related", i), "tension", other, refs.tension_ids)
                )


def _runnable(
    dialogues: list[Dialogue],
    others: list[Dialogue],
    refs: _References,
    docs: dict[str, Document],
    problems: list[Problem],
) -> list[Dialogue]:
    """The dialogues whose references all hold. One that names what is not loaded is left
    out; then so is one that includes a flow left out, and so on."""
    kept = []
    for dialogue in dialogues:
        found = _check_dialogue(dialogue, refs, docs[dialogue.path])
        problems += found
        if not errors(found):
            kept.append(dialogue)
    while True:
        flows = {d.id for d in [*others, *kept] if d.kind == "flow"}
        left_out = set()
        for dialogue in kept:
            for i, step in enumerate(dialogue.steps):
                if step.include and step.include not in flows:
                    flow = refs.flows[step.include]
                    where = docs[dialogue.path]
                    problems.append(
                        where.problem(
                            ("steps", i, "include"),
                            "not-loaded",
                            what="flow",
                            id=flow.id,
                            file=flow.path,
                        )
                    )
                    left_out.add(dialogue.id)
        if not left_out:
            return kept
        kept = [d for d in kept if d.id not in left_out]


def _check_dialogue(dialogue: Dialogue, refs: _References, doc: Document) -> list[Problem]:
    """Tension ids, pole ids and included flows that a script names must exist."""
    problems: list[Problem] = []
    known_ids = refs.tension_ids
    poles = {t.id: [p.id for p in t.poles] for t in refs.tensions}
    if dialogue.tension and dialogue.tension not in known_ids:
        problems.append(refs.missing(doc, ("tension",), "tension", dialogue.tension, known_ids))
    named_poles = poles.get(dialogue.tension, [])
    for i, step in enumerate(dialogue.steps):
        if step.include:
            flow = refs.flows.get(step.include)
            if flow is None:
                at: Key = ("steps", i, "include")
                problems.append(refs.missing(doc, at, "flow", step.include, list(refs.flows)))
            elif flow.kind != "flow":
                problems.append(doc.problem(("steps", i, "include"), "not-a-flow", id=flow.id))
        if step.tensions:
            for j, tension_id in enumerate(step.tensions.ids):
                if tension_id not in known_ids:
                    at = ("steps", i, "tensions", j)
                    problems.append(refs.missing(doc, at, "tension", tension_id, known_ids))
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
    return problems


def read_seeds(folder: Path) -> dict[str, str]:
    """The seed texts in ``folder``, by file name."""
    return {
        p.name: p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.glob("*.txt"))
    }


def load_catalogue(dirs: ContentDirs, *, dialogues: bool = True) -> Catalogue:
    """The catalogue in use, or a usage error that says what is wrong with it."""
    if not dirs.tensions.is_dir():
        raise UsageError(f"no tensions folder at {dirs.tensions}")
    catalogue = load_content(dirs.tensions, dirs.dialogues if dialogues else None).catalogue
    if not catalogue.tensions:
        raise UsageError(f"no usable tensions in {dirs.tensions}: run 'reflect check'")
    return catalogue
