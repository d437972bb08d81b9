"""``reflect`` with no command: the Textual app."""

from __future__ import annotations

from reflect.commands import UsageError
from reflect.content import ContentDirs
from reflect.loader import load_content


def run_app(dirs: ContentDirs) -> int:
    """Load the catalogue and run the app until the person quits."""
    if not dirs.tensions.is_dir():
        raise UsageError(f"no tensions folder at {dirs.tensions}")
    loaded = load_content(dirs.tensions, dirs.dialogues)
    if not loaded.catalogue.tensions:
        raise UsageError(f"no usable tensions in {dirs.tensions}: run 'reflect check'")
    from reflect.tui.app import make_app

    make_app(loaded.catalogue).run()
    return 0
