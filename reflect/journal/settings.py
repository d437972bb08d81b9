"""The app's remembered settings (the colour theme): a small JSON file beside the journal,
readable by its owner only. A missing or unreadable file means the defaults."""

from __future__ import annotations

import json
from pathlib import Path

from reflect.journal import files

FILE = "settings.json"


def load(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def save(folder: Path, settings: dict[str, str]) -> None:
    """Remember ``settings``; a failure to write is not worth interrupting anyone for."""
    path = folder / FILE
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        files.write_private(json.dumps(settings), path)
    except OSError:
        return
