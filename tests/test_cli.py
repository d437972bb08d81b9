"""The command line, called in process through ``cli.main``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reflect import __version__
from reflect.cli import main
from reflect.content import ContentDirs

from .conftest import SEEDS

INVALID = Path(__file__).parent / "data" / "invalid" / "tensions"


def test_check_passes_on_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "0 error(s), 0 warning(s)" in err


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the checkout")
def test_check_with_seeds_finds_every_quote(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--seeds", str(SEEDS)]) == 0
    assert "quote-not-found" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "where", "code"),
    [
        ("tab-indent", ":9:1:", "yaml-tab"),
        ("missing-pole", ":8:3:", "pole-count"),
        ("duplicate-pole-id", ":17:9:", "duplicate-id"),
        ("misspelt-key", ":13:5:", "unknown-key"),
    ],
)
def test_a_broken_file_gives_one_precise_line_and_exit_1(
    name: str, where: str, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(INVALID / f"{name}.yaml")]) == 1
    out = capsys.readouterr().out
    errors = [line for line in out.splitlines() if "warning:" not in line]
    assert len(errors) == 1
    assert f"{name}.yaml{where}" in errors[0] and errors[0].endswith(f"[{code}]")
    assert "Traceback" not in out


def test_checking_a_folder_reports_every_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(INVALID)]) == 1
    out = capsys.readouterr().out
    broken = {Path(line.split(":")[0]).name for line in out.splitlines() if "warning:" not in line}
    assert broken == {p.name for p in INVALID.glob("*.yaml")}


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    sample = Path(__file__).parent / "data" / "sample.yaml"
    folder = tmp_path / "tensions"
    folder.mkdir()
    shutil.copy(sample, folder / "sample.yaml")
    assert main(["check", str(folder)]) == 0  # only "too few" warnings
    assert main(["check", "--strict", str(folder)]) == 1


def test_content_option_points_at_another_folder(
    tmp_path: Path, shipped_dirs: ContentDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(shipped_dirs.tensions, tmp_path / "tensions")
    (tmp_path / "tensions" / "power.yaml").unlink()
    assert main(["tensions", "--content", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert "agency-dependency" in listing and " power " not in listing


def test_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such/file.yaml"]) == 2
    assert "no such file or folder: no/such/file.yaml" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"reflect {__version__}"


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "--help"], ["check"]])
def test_non_ui_commands_never_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from reflect.cli import main\n"
        f"status = main({argv!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(status, bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []"


def test_python_dash_m_reflect_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"reflect {__version__}"


def test_match_prints_the_pole_and_marks_the_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    text = "We rely on the council for most of our funding and we can't say no to them."
    assert main(["match", "--tension", "agency-dependency", text]) == 0
    out = capsys.readouterr().out
    assert "Leans to:   Dependency" in out
    assert "\u00bbrely\u00ab" in out


def test_match_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    text = "We pushed back hard and called it out at the board."
    assert main(["match", "--json", "--tension", "power", text]) == 0
    result = json.loads(capsys.readouterr().out)
    keys = {"tension", "pole", "lean", "confidence", "unsure", "evidence", "tensions"}
    assert set(result) == keys
    assert result["pole"] == "challenge" and -1 <= result["lean"] < 0
    assert result["unsure"] is False
    first = result["evidence"][0]
    assert text[first["start"] : first["end"]] == first["text"]


def test_match_jsonl_gives_one_line_per_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import json

    lines = [
        '{"id": "a1", "text": "we rely on their money", "tension": "agency-dependency"}',
        "this is not json",
        '{"id": "a3"}',
        '{"id": "a4", "text": "We threatened judicial review."}',
        '{"id": "a5", "text": "x", "tension": "powr"}',
        '["a list"]',
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["match", "--jsonl"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o.get("id") for o in out] == ["a1", None, "a3", "a4", "a5", None]
    assert out[0]["pole"] == "dependency"
    assert "not JSON" in out[1]["error"] and out[2]["error"] == "no text"
    assert out[3]["tension"] == "conflict" and out[3]["tensions"][0]["id"] == "conflict"
    assert "did you mean 'power'" in out[4]["error"]
    assert "error" in out[5]


def test_match_shows_escape_sequences_instead_of_running_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["match", "--tension", "power", "we \x1b[2J pushed back \x07 hard"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in out


def test_match_with_an_unknown_tension_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--tension", "powr", "text"]) == 2
    assert "did you mean 'power'" in capsys.readouterr().err


def test_strict_check_passes_on_the_shipped_content() -> None:
    assert main(["check", "--strict"]) == 0


def test_strict_check_reports_an_example_on_the_wrong_pole(
    tmp_path: Path, shipped_dirs: ContentDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tensions"
    shutil.copytree(shipped_dirs.tensions, folder)
    power = folder / "power.yaml"
    text = power.read_text()
    marker = "    examples:\n"
    first = text.index(marker) + len(marker)  # the first pole (challenge) lists its examples
    power.write_text(
        text[:first] + "      - We accept their decision and know our place.\n" + text[first:]
    )
    assert main(["check", str(folder)]) == 0
    assert main(["check", "--strict", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "power.yaml:" in out and "[example-misplaced]" in out and "as 'accept'" in out
