"""The built wheel carries the content, so an install outside the checkout finds it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_every_tension_and_dialogue(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("reflect-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("tensions", "dialogues"):
        for file in (ROOT / folder).glob("*.yaml"):
            assert f"reflect/_content/{folder}/{file.name}" in names
    assert "reflect/tui/app.tcss" in names
    assert not any(name.startswith("tests/") for name in names)
