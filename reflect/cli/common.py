"""What the commands share: the journal's folder, opening the journal, and how to carry on."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.base.problems import UsageError

if TYPE_CHECKING:
    from reflect.journal.storage import Journal


def data_folder(override: str | None = None) -> Path:
    """The journal's folder: ``--data-dir``, else REFLECT_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("REFLECT_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("reflect", appauthor=False))


def open_journal(folder: Path) -> Journal:
    """The journal in ``folder``, or a usage error that says why it cannot be opened."""
    from reflect.journal.storage import (  # not on the paths that need no journal
        Journal,
        StorageError,
    )

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
