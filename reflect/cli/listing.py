"""``reflect tensions`` and ``reflect dialogues``: list the catalogue (its text shown safely:
content is written by hand, and a stray control character must not reach the terminal)."""

from __future__ import annotations

from reflect.base.problems import UsageError
from reflect.base.textsafe import visible
from reflect.content.loader import load_content
from reflect.content.places import ContentDirs


def run_tensions(dirs: ContentDirs) -> int:
    """Print one line per tension: id, kind, poles and title; core tensions first."""
    if not dirs.tensions.is_dir():
        raise UsageError(f"no tensions folder at {dirs.tensions}")
    loaded = load_content(dirs.tensions, dirs.dialogues)
    catalogue = loaded.catalogue
    others = [t for t in catalogue.tensions if not t.is_core]
    for heading, group in (("Core tensions", catalogue.core), ("Further tensions", others)):
        if not group:
            continue
        print(heading)
        for t in group:
            poles = f"{t.poles[0].id} / {t.poles[1].id}"
            print(visible(f"  {t.id:<32} {t.kind:<12} {poles:<34} {t.title}"))
    if loaded.problems:
        print(f"({len(loaded.problems)} problem(s) in the content: run 'reflect check')")
    return 0


def run_dialogues(dirs: ContentDirs) -> int:
    """Print one line per dialogue a person can start: id and description."""
    if not dirs.dialogues.is_dir():
        raise UsageError(f"no dialogues folder at {dirs.dialogues}")
    loaded = load_content(dirs.tensions, dirs.dialogues)
    for dialogue in loaded.catalogue.scripts:
        print(visible(f"  {dialogue.id:<28} {dialogue.description}"))
    if loaded.problems:
        print(f"({len(loaded.problems)} problem(s) in the content: run 'reflect check')")
    return 0
