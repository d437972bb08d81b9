"""Loading folders: cross-file checks and catalogue-wide warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

from reflect.check import check_catalogue
from reflect.content import ContentDirs
from reflect.loader import load_content, load_files, read_seeds

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
