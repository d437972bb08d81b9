"""The app's remembered settings (the colour theme): a small JSON file beside the journal,
readable by its owner only. A missing or unreadable file means the defaults."""

from __future__ import annotations

import json
import os
from pathlib import Path

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
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings, handle)
    except OSError:
        return
