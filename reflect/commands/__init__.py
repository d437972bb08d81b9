"""The commands behind ``reflect COMMAND``: each turns arguments into output and an exit code."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reflect.content import ContentDirs
    from reflect.model import Catalogue
    from reflect.storage import Journal


class UsageError(Exception):
    """A command was given something it cannot use; the message says what."""


def data_folder(override: str | None = None) -> Path:
    """The journal's folder: ``--data-dir``, else REFLECT_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("REFLECT_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("reflect", appauthor=False))


def load_catalogue(dirs: ContentDirs, *, dialogues: bool = True) -> Catalogue:
    """The catalogue in use, or a usage error that says what is wrong with it."""
    from reflect.loader import load_content

    if not dirs.tensions.is_dir():
        raise UsageError(f"no tensions folder at {dirs.tensions}")
    catalogue = load_content(dirs.tensions, dirs.dialogues if dialogues else None).catalogue
    if not catalogue.tensions:
        raise UsageError(f"no usable tensions in {dirs.tensions}: run 'reflect check'")
    return catalogue


def open_journal(folder: Path) -> Journal:
    """The journal in ``folder``, or a usage error that says why it cannot be opened."""
    from reflect.storage import Journal, StorageError  # not on the paths that need no journal

    try:
        return Journal(folder)
    except StorageError as exc:
        raise UsageError(str(exc)) from None


def carry_on(session_id: int, folder: Path) -> str:
    """The command that carries a session on, naming the journal's folder when it is not the
    one reflect finds by itself."""
    command = f"reflect resume {session_id}"
    if folder.expanduser().resolve() != data_folder().expanduser().resolve():
        command += f" --data-dir {shlex.quote(str(folder))}"
    return command
