"""Where content lives: the packaged catalogue, or folders the user names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentDirs:
    """The tensions folder and the dialogues folder in use."""

    tensions: Path
    dialogues: Path


def packaged() -> ContentDirs:
    """The content that ships with the package (or sits beside it in a source checkout)."""
    here = Path(__file__).resolve().parent.parent  # the package folder
    bundled = here / "_content"
    root = bundled if bundled.is_dir() else here.parent
    return ContentDirs(root / "tensions", root / "dialogues")


def resolve(
    content: Path | None = None, tensions: Path | None = None, dialogues: Path | None = None
) -> ContentDirs:
    """Folders from ``--content DIR`` (holding tensions/ and dialogues/) or the single-folder
    options, falling back to the packaged content for whatever is not given."""
    base = packaged()
    if content is not None:
        base = ContentDirs(content / "tensions", content / "dialogues")
    return ContentDirs(tensions or base.tensions, dialogues or base.dialogues)
