"""Every file under tests/data/invalid names, on its first line, the problems it must raise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflect.base.messages import PROBLEMS
from reflect.content.loader import Loaded, is_dialogue_file, load_files
from reflect.matching.check import check_catalogue

DATA = Path(__file__).parent / "data" / "invalid"
FILES = sorted(DATA.glob("*/*.yaml"))


def expected(file: Path) -> set[tuple[int, int, str]]:
    header = file.read_bytes().split(b"\n", 1)[0].decode("ascii")
    found = re.search(r"expect: (.+)$", header)
    assert found, f"{file.name}: first line must say '| expect: LINE:COL code'"
    result = set()
    for item in found.group(1).split(","):
        position, code = item.split()
        line, column = position.split(":")
        result.add((int(line), int(column), code))
    return result


def test_there_are_enough_invalid_files() -> None:
    assert len(FILES) >= 12


@pytest.mark.parametrize("file", FILES, ids=lambda f: f"{f.parent.name}/{f.stem}")
def test_invalid_file_gives_exactly_the_expected_errors(file: Path, shipped: Loaded) -> None:
    tensions, dialogues = ([], [file]) if is_dialogue_file(file) else ([file], [])
    loaded = load_files(tensions, dialogues, shipped.catalogue)
    problems = [p for p in check_catalogue(loaded) if p.severity == "error"]
    assert {(p.line, p.column, p.code) for p in problems} == expected(file)
    for problem in problems:
        assert problem.code in PROBLEMS
        for field in re.findall(r"(?<!\{)\{(\w+)", PROBLEMS[problem.code]):
            assert "{" + field + "}" not in problem.message, "a template field was left unfilled"
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")
        # one line, nothing a terminal would act on: a value quoted from the file is escaped
        assert str(problem).isprintable(), repr(str(problem))
