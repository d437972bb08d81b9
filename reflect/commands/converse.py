"""``reflect --plain``: start a conversation in plain line mode."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from reflect.commands import UsageError
from reflect.content import ContentDirs
from reflect.engine import Engine, EngineError
from reflect.loader import load_content
from reflect.messages import did_you_mean
from reflect.model import Catalogue
from reflect.plain import run_plain
from reflect.session import Session


def load_catalogue(dirs: ContentDirs) -> Catalogue:
    if not dirs.tensions.is_dir():
        raise UsageError(f"no tensions folder at {dirs.tensions}")
    catalogue = load_content(dirs.tensions, dirs.dialogues).catalogue
    if not catalogue.tensions:
        raise UsageError(f"no usable tensions in {dirs.tensions}: run 'reflect check'")
    return catalogue


def choose_dialogue(
    catalogue: Catalogue, dialogue: str | None, tension: str | None
) -> tuple[str, dict[str, object]]:
    """The dialogue to start and its starting variables, or a usage error."""
    scripts = [d.id for d in catalogue.scripts]
    if tension is not None and tension not in catalogue.tension_ids:
        raise UsageError(
            f"unknown tension '{tension}'{did_you_mean(tension, list(catalogue.tension_ids))}"
        )
    chosen = dialogue or ("one" if tension else "check-in")
    if chosen not in scripts:
        raise UsageError(
            f"unknown dialogue '{chosen}'{did_you_mean(chosen, scripts)}; see 'reflect dialogues'"
        )
    variables: dict[str, object] = {}
    if tension:
        variables.update(chosen=tension, picked=tension)
    return chosen, variables


def _typed() -> Iterator[str]:
    while True:
        try:
            yield input("> ")
        except EOFError:
            return


def run_plain_command(dirs: ContentDirs, dialogue: str | None, tension: str | None) -> int:
    catalogue = load_catalogue(dirs)
    dialogue_id, variables = choose_dialogue(catalogue, dialogue, tension)
    try:
        session = Session(Engine(catalogue), dialogue_id, variables=variables)
    except EngineError as exc:
        raise UsageError(str(exc)) from None
    interactive = sys.stdin.isatty()
    lines = _typed() if interactive else sys.stdin
    return run_plain(session, lines, sys.stdout, echo=not interactive)
