"""Writing the person's files (exports, settings): readable by their owner only, and whole or
not at all - written beside the target and renamed over it, so that a full disk or a crash
never leaves half a file (nor spoils the one that was there)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_private(text: str, path: Path) -> None:
    """Write ``text`` to ``path`` (mode 0600) in one step; raises ``OSError`` and leaves
    nothing behind when it cannot."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:  # mkstemp's mode is 0600
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
