"""A copy of the shipped content with some files edited, for tests of what content can hold."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from reflect.content.places import packaged


def edited_content(folder: Path, edits: dict[str, Callable[[str], str]]) -> Path:
    """The shipped ``tensions/`` and ``dialogues/`` copied into ``folder``, each file named in
    ``edits`` (by its path under ``folder``, e.g. "tensions/power.yaml") passed through its edit;
    returns ``folder``."""
    shutil.copytree(packaged().tensions, folder / "tensions")
    shutil.copytree(packaged().dialogues, folder / "dialogues")
    for name, edit in edits.items():
        path = folder / name
        path.write_text(edit(path.read_text()))
    return folder
