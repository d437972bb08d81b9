"""``reflect cohort``: the group map for a debrief, from participants' JSON exports or from a
workshop's sessions (``reflect serve --workshop NAME``). A file that cannot be used is named on
standard error with the reason, and the map is made from the rest."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reflect.base.problems import UsageError
from reflect.base.textsafe import visible
from reflect.cli.journal import export_text, write_out
from reflect.content.loader import load_catalogue
from reflect.content.places import ContentDirs
from reflect.journal.storage import Journal, StorageError, participants, served_root
from reflect.summary.cohort import build_cohort

#: An export bigger than this is not a session export.
MAX_EXPORT = 5_000_000


def read_exports(paths: list[Path]) -> tuple[list[tuple[str, Any]], list[str]]:
    """Each file's JSON (named by its path), and a problem line for each that cannot be read."""
    documents: list[tuple[str, Any]] = []
    problems: list[str] = []
    for path in paths:
        name = str(path)
        try:
            if path.stat().st_size > MAX_EXPORT:
                problems.append(f"{name}: too large to be a session export")
                continue
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            problems.append(f"{name}: cannot be read ({exc.strerror or exc})")
            continue
        except UnicodeDecodeError:
            problems.append(f"{name}: not a session export (not UTF-8 text)")
            continue
        try:
            documents.append((name, json.loads(text)))
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{exc.lineno}:{exc.colno}: not JSON ({exc.msg})")
    return documents, problems


def workshop_exports(
    folder: Path, workshop: str, dirs: ContentDirs
) -> tuple[list[tuple[str, Any]], list[str]]:
    """Every session in a workshop's participants' journals, as the JSON export would give it
    (with words inside, for the action steps' themes: quoted only when asked)."""
    root = served_root(folder, workshop)
    if not (root / "workshop.json").is_file():
        raise UsageError(f"no workshop '{workshop}' in {folder} (see 'reflect serve --workshop')")
    catalogue = load_catalogue(dirs, dialogues=True)
    documents: list[tuple[str, Any]] = []
    problems: list[str] = []
    for number, space in enumerate(participants(root), start=1):
        try:
            journal = Journal(space)
            for stored in journal.sessions():
                text = export_text(journal, catalogue, stored.id, "json", with_words=True)
                documents.append((f"participant {number}", json.loads(text)))
            journal.close()
        except StorageError as exc:
            problems.append(f"participant {number}: {exc}")
    return documents, problems


def run_cohort(
    dirs: ContentDirs,
    folder: Path,
    paths: list[Path],
    workshop: str | None,
    fmt: str,
    output: Path | None,
    with_quotes: bool,
) -> int:
    """Print (or write) the group map; 1 when no input could be used."""
    if not paths and workshop is None:
        raise UsageError("name the exports to map (FILE.json ...), or a workshop (--workshop)")
    catalogue = load_catalogue(dirs, dialogues=False)
    documents, problems = read_exports(paths)
    if workshop is not None:
        more, trouble = workshop_exports(folder, workshop, dirs)
        documents += more
        problems += trouble

    from reflect.matching.matcher import Matcher

    matcher = Matcher(catalogue)

    def read(text: str, tension: str) -> str:
        reading = matcher.match(text, tension)
        return "neither" if reading.unsure else reading.pole

    cohort = build_cohort(documents, catalogue, read, with_quotes)
    for line in (*problems, *cohort.problems):
        print(f"reflect cohort: {visible(line)}", file=sys.stderr)
    if cohort.people == 0:
        print("reflect cohort: no session could be mapped", file=sys.stderr)
        return 1
    from reflect.summary.cohort_pages import RENDER

    write_out(RENDER[fmt](cohort, workshop), output)
    return 0
