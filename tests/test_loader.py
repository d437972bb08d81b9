"""Loading folders: cross-file checks and catalogue-wide warnings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reflect.content.loader import display_path, load_content, load_files, read_seeds
from reflect.content.places import ContentDirs
from reflect.matching.check import check_catalogue

SAMPLE = Path(__file__).parent / "data" / "sample.yaml"


def _copy(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "tensions"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_text(text)
    return target


def test_the_same_tension_id_in_two_files_is_an_error_in_the_second(tmp_path: Path) -> None:
    text = SAMPLE.read_text()
    _copy(tmp_path, "a.yaml", text)
    _copy(tmp_path, "b.yaml", text)
    loaded = load_content(tmp_path / "tensions")
    dupes = [p for p in loaded.problems if p.code == "duplicate-id"]
    assert [(Path(p.path).name, p.line) for p in dupes] == [("b.yaml", 1)]
    assert "a.yaml" in dupes[0].message
    assert [t.id for t in loaded.catalogue.tensions] == ["sample"]


def test_related_ids_resolve_against_the_catalogue_in_use(
    tmp_path: Path, shipped_dirs: ContentDirs
) -> None:
    file = _copy(tmp_path, "sample.yaml", SAMPLE.read_text() + "related: [power, powr]\n")
    known = load_content(shipped_dirs.tensions).catalogue
    loaded = load_files([file], [], known)
    assert [(p.code, p.message) for p in loaded.problems if p.severity == "error"] == [
        ("unknown-tension", "unknown tension 'powr'; did you mean 'power'?")
    ]


def test_cue_clashes_between_poles_are_warnings_at_the_second_pole(tmp_path: Path) -> None:
    text = SAMPLE.read_text().replace("cues: [right cue]", "cues: [Left  Cue, lef cue]")
    file = _copy(tmp_path, "sample.yaml", text)
    loaded = load_files([file], [])
    problems = check_catalogue(loaded)
    assert sorted(p.code for p in problems if p.code.startswith("cue-")) == [
        "cue-both-poles",
        "cue-collision",
    ]
    assert all(p.severity == "warning" for p in problems)


def test_quotes_not_in_the_seed_are_warned_about(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "003_8ba859cd964bb8ba.txt").write_text("She said: 'we are   reliant\n on them'.")
    quotes = (
        "quotes:\n"
        "  - {text: we are reliant on them, speaker: A, seed: 003_8ba859cd964bb8ba.txt}\n"
        "  - {text: we are not reliant, speaker: B, seed: 003_8ba859cd964bb8ba.txt}\n"
        "  - {text: anything, speaker: C, seed: 009_0000000000000000.txt}\n"
    )
    file = _copy(tmp_path, "sample.yaml", SAMPLE.read_text() + quotes)
    problems = check_catalogue(load_files([file], []), read_seeds(seeds), str(seeds))
    found = [
        (p.code, p.severity, p.line) for p in problems if "quote" in p.code or "seed" in p.code
    ]
    assert found == [
        ("quote-not-found", "warning", 36),
        ("unknown-seed", "error", 37),
    ]


def test_a_content_folder_can_live_anywhere(tmp_path: Path, shipped_dirs: ContentDirs) -> None:
    shutil.copytree(shipped_dirs.tensions, tmp_path / "tensions")
    loaded = load_content(tmp_path / "tensions", tmp_path / "dialogues")
    assert len(loaded.catalogue.tensions) >= 18 and loaded.problems == []


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def test_a_dialogue_naming_a_tension_that_did_not_load_is_a_problem_and_left_out(
    tmp_path: Path,
) -> None:
    # the tension file has a syntax error; a scenario names it, a flow lists it, and a script
    # includes that flow: each is left out, with the reason where its author wrote the name
    broken = SAMPLE.read_text().replace("title: A sample tension", "title: [unclosed")
    _write(
        tmp_path,
        {
            "tensions/sample.yaml": broken,
            "dialogues/scenario.yaml": "id: scenario\ntitle: S\ndescription: D\n"
            "tension: sample\nsteps:\n  - id: hi\n    say: Hello.\n",
            "dialogues/inner.yaml": "id: inner\nkind: flow\ntitle: I\ndescription: D\n"
            "steps:\n  - id: hi\n    say: On {tension.title}.\n",
            "dialogues/walk.yaml": "id: walk\nkind: flow\ntitle: W\ndescription: D\n"
            "steps:\n  - id: in\n    include: inner\n    tensions: [sample]\n",
            "dialogues/start.yaml": "id: start\ntitle: S\ndescription: D\n"
            "steps:\n  - id: in\n    include: walk\n",
        },
    )
    loaded = load_content(tmp_path / "tensions", tmp_path / "dialogues")
    found = [
        (Path(p.path).name, p.line, p.column, p.code)
        for p in loaded.problems
        if p.code == "not-loaded"
    ]
    assert sorted(found) == [
        ("scenario.yaml", 4, 10, "not-loaded"),
        ("start.yaml", 6, 14, "not-loaded"),
        ("walk.yaml", 8, 16, "not-loaded"),
    ]
    assert [d.id for d in loaded.catalogue.dialogues] == ["inner"]
    message = next(p.message for p in loaded.problems if p.path.endswith("scenario.yaml"))
    where = display_path(tmp_path / "tensions" / "sample.yaml")
    assert message == f"tension 'sample' is not loaded: {where} has errors"


def test_a_tension_named_nowhere_is_still_an_unknown_tension(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "tensions/sample.yaml": SAMPLE.read_text(),
            "dialogues/scenario.yaml": "id: scenario\ntitle: S\ndescription: D\n"
            "tension: sampel\nsteps:\n  - id: hi\n    say: Hello.\n",
        },
    )
    loaded = load_content(tmp_path / "tensions", tmp_path / "dialogues")
    assert [(p.code, p.message) for p in loaded.problems if p.severity == "error"] == [
        ("unknown-tension", "unknown tension 'sampel'; did you mean 'sample'?")
    ]
    assert loaded.catalogue.dialogues == ()


DEEP = {  # the text, and the column of its 41st level (the first too deep)
    "unclosed": ("[" * 200_000, 47),
    "closed": ("[" * 100_000 + "]" * 100_000, 47),
    "mappings": ("{a: " * 100_000 + "x" + "}" * 100_000, 164),  # the key in the 40th
}


@pytest.mark.parametrize("nesting", sorted(DEEP))
def test_deep_nesting_neither_crashes_nor_hangs_a_check(tmp_path: Path, nesting: str) -> None:
    """PyYAML's C composer recursed once per level (a segmentation fault at this depth) after
    a scan whose time grew with the square of the depth: in a child interpreter, so that a
    crash is a failure, not the end of the test run."""
    file = tmp_path / "tensions" / "deep.yaml"
    file.parent.mkdir()
    text, column = DEEP[nesting]
    file.write_text("id: deep\ncues: " + text + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "check", str(file)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stdout.splitlines() == [
        f"tensions/deep.yaml:2:{column}: the file nests deeper than 40 levels [too-deep]"
    ]


def test_a_file_with_an_unreadable_value_does_not_load_even_if_the_rest_looks_whole(
    tmp_path: Path,
) -> None:
    # "!!float" with nothing after it was read as the text "", and the step included ''
    _write(
        tmp_path,
        {
            "tensions/sample.yaml": SAMPLE.read_text(),
            "dialogues/inner.yaml": "id: inner\nkind: flow\ntitle: I\ndescription: D\n"
            "steps:\n  - id: hi\n    say: Hello.\n",
            "dialogues/start.yaml": "id: start\ntitle: S\ndescription: D\n"
            "steps:\n  - id: in\n    include: !!float\n",
        },
    )
    loaded = load_content(tmp_path / "tensions", tmp_path / "dialogues")
    assert [(p.line, p.column, p.code) for p in loaded.problems if p.severity == "error"] == [
        (6, 14, "bad-value")
    ]
    assert [d.id for d in loaded.catalogue.dialogues] == ["inner"]
