"""The commands behind ``reflect COMMAND``: each turns arguments into output and an exit code."""

from __future__ import annotations

import os
from pathlib import Path


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
