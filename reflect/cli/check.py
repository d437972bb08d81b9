"""``reflect check``: validate tension and dialogue files."""

from __future__ import annotations

import sys
from pathlib import Path

from reflect.base.problems import Problem, UsageError
from reflect.content.loader import (
    Loaded,
    is_dialogue_file,
    load_content,
    load_files,
    read_seeds,
    yaml_files,
)
from reflect.content.places import ContentDirs
from reflect.matching.check import check_catalogue


def _collect(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    tensions: list[Path] = []
    dialogues: list[Path] = []
    for path in paths:
        if path.is_dir():
            sub = [path / "tensions", path / "dialogues"]
            folders = [f for f in sub if f.is_dir()] or [path]
            for folder in folders:
                for file in yaml_files(folder):
                    (dialogues if is_dialogue_file(file) else tensions).append(file)
        elif path.is_file():
            (dialogues if is_dialogue_file(path) else tensions).append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    return tensions, dialogues


def run_check(
    paths: list[Path], dirs: ContentDirs, *, seeds: Path | None = None, strict: bool = False
) -> int:
    """Check the given paths (or the content in use) and print every problem."""
    if seeds is not None and not seeds.is_dir():
        raise UsageError(f"--seeds: no such folder: {seeds}")
    if paths:
        tension_files, dialogue_files = _collect(paths)
        known = (
            load_content(dirs.tensions, dirs.dialogues).catalogue
            if dirs.tensions.is_dir()
            else None
        )
        loaded: Loaded = load_files(tension_files, dialogue_files, known)
    else:
        if not dirs.tensions.is_dir():
            raise UsageError(f"no tensions folder at {dirs.tensions}")
        loaded = load_content(dirs.tensions, dirs.dialogues)
    seed_texts = read_seeds(seeds) if seeds is not None else None
    problems = check_catalogue(loaded, seed_texts, str(seeds or ""), examples=strict)
    if not paths:
        from reflect.matching.check import weights_problems

        corpus = dirs.tensions.parent / "tests" / "data" / "corpus"
        problems += weights_problems(loaded.catalogue, corpus)
    return report(problems, loaded.files, strict)


def report(problems: list[Problem], files: int, strict: bool) -> int:
    """Print the problems and a summary; return the exit status."""
    for problem in problems:
        print(problem)
    n_errors = sum(p.severity == "error" for p in problems)
    n_warnings = len(problems) - n_errors
    summary = f"checked {files} file(s): {n_errors} error(s), {n_warnings} warning(s)"
    print(summary, file=sys.stderr)
    return 1 if n_errors or (strict and n_warnings) else 0
