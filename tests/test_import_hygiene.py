"""The core imports neither Textual nor Rich, and each kind of I/O stays in its own module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reflect"
CORE = [
    "model",
    "loader",
    "yamldoc",
    "schema",
    "tensions",
    "dialogues",
    "check",
    "matching",
    "content",
    "problems",
    "messages",
    "cli",
    "commands.check",
    "commands.listing",
    "commands.match",
    "matching.matcher",
    "matching.index",
    "matching.text",
    "textsafe",
    "script",
    "conversation",
    "render",
    "engine",
    "session",
    "plain",
    "commands.converse",
]


def test_core_modules_import_without_textual_or_rich() -> None:
    imports = "; ".join(f"import reflect.{name}" for name in CORE)
    code = (
        f"import sys; {imports}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _imported_roots(file: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_the_yaml_reader_imports_yaml_and_only_matching_imports_rapidfuzz() -> None:
    users: dict[str, set[str]] = {"yaml": set(), "rapidfuzz": set(), "textual": set()}
    for file in PACKAGE.rglob("*.py"):
        for root in _imported_roots(file) & set(users):
            users[root].add(file.relative_to(PACKAGE).as_posix())
    assert users["yaml"] == {"yamldoc.py"}
    assert users["rapidfuzz"] and all(p.startswith("matching/") for p in users["rapidfuzz"])
    assert users["textual"] and all(p.startswith("tui/") for p in users["textual"])
