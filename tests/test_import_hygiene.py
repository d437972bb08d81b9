"""The layers hold: the core imports neither Textual nor Rich, each package imports only the
layers below it, and each kind of I/O stays in its own module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reflect"
#: The layers, lowest first. A package may import its own modules and the layers below it;
#: the faces of one layer (tui, plain, serve) never import each other.
LAYERS: list[tuple[str, ...]] = [
    ("base",),
    ("content",),
    ("matching",),
    ("conversation",),
    ("journal",),
    ("summary",),
    ("tui", "plain", "serve"),
    ("cli",),
]
LAYER = {package: rank for rank, packages in enumerate(LAYERS) for package in packages}
CORE = ["base", "content", "matching", "conversation", "journal", "summary"]
#: Faces and commands that never need a screen.
NO_SCREEN = ["plain", "cli", "cli.check", "cli.listing", "cli.match", "cli.converse", "cli.journal"]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _package(file: Path) -> str:
    """The top-level package a file belongs to: "content", "tui", "plain" (a module), or ""."""
    parts = file.relative_to(PACKAGE).with_suffix("").parts
    return parts[0] if parts[0] not in ("__init__", "__main__") else ""


def _reflect_imports(file: Path) -> set[str]:
    """The reflect packages a file imports, anywhere in it (function-local imports count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "reflect" and len(parts) > 1:
                found.add(parts[1])
    return found


def _imported_roots(file: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_every_package_is_in_a_layer() -> None:
    packages = {_package(f) for f in _modules()} - {""}
    assert packages == set(LAYER)


def test_each_package_imports_only_the_layers_below_it() -> None:
    upward = []
    for file in _modules():
        own = _package(file)
        if not own:
            continue
        for target in _reflect_imports(file) - {own, "__version__"}:
            if LAYER.get(target, len(LAYERS)) >= LAYER[own]:
                upward.append(f"{file.relative_to(PACKAGE)} imports reflect.{target}")
    assert upward == []


def test_the_layer_test_sees_an_import_that_goes_up(tmp_path: Path) -> None:
    # the check above is only as good as its reading of imports: a local import is seen too
    file = PACKAGE / "content" / "model.py"
    source = file.read_text() + "\n\ndef _f() -> None:\n    from reflect.journal import files\n"
    probe = tmp_path / "model.py"
    probe.write_text(source)
    assert "journal" in _reflect_imports(probe)


@pytest.mark.parametrize("package", [p for p in LAYER if (PACKAGE / p).is_dir()])
def test_each_package_says_what_it_owns_and_what_it_may_import(package: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text())) or ""
    assert doc.startswith("Owns ") and "May import" in doc and len(doc.splitlines()) == 2


def test_core_modules_import_without_textual_or_rich() -> None:
    modules = [
        f"reflect.{'.'.join(p.relative_to(PACKAGE).with_suffix('').parts)}"
        for p in _modules()
        if _package(p) in CORE and p.name != "__init__.py"
    ] + [f"reflect.{name}" for name in NO_SCREEN]
    imports = "; ".join(f"import {name}" for name in modules)
    code = (
        f"import sys; {imports}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_each_kind_of_io_has_one_home() -> None:
    users: dict[str, set[str]] = {
        root: set() for root in ("yaml", "rapidfuzz", "textual", "sqlite3", "textual_serve")
    }
    for file in _modules():
        for root in _imported_roots(file) & set(users):
            users[root].add(file.relative_to(PACKAGE).as_posix())
    assert users["yaml"] == {"content/yamldoc.py"}
    assert users["sqlite3"] == {"journal/storage.py"}
    assert users["rapidfuzz"] and all(p.startswith("matching/") for p in users["rapidfuzz"])
    assert users["textual"] and all(p.startswith("tui/") for p in users["textual"])
    assert users["textual_serve"] and all(p.startswith("serve/") for p in users["textual_serve"])
