"""``reflect --plain``: the whole conversation as lines, driven through ``cli.main``."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from reflect.cli import main


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    lines: list[str],
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))
    status = main(argv)
    return status, capsys.readouterr().out


ONE_POWER = [
    "I pushed back at the board and said it isn't a partnership if they decide everything.",
    "Angry at the time; calmer now.",  # how it felt
    "",  # no longer version
    "yes",  # the reading is right
    "",  # accept the suggested position
    "They decided before the meeting.",  # what tells you that
    "4",  # preferred
    "It would keep the peace, but we'd lose our voice.",
    "When the families' interests are not at stake.",  # when a compromise is acceptable
    "The commissioner would call it awkward.",  # how others would see it
    "I'd have warned the chair first.",  # the moment again
    "Find two allies before the next board.",
    "I notice I've stopped disagreeing.",
]


def test_one_tension_start_to_finish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run(monkeypatch, capsys, ["--plain", "--tension", "power"], ONE_POWER)
    assert status == 0
    assert "Challenge the imbalance" in out  # the reading named the pole
    assert "\u201cpushed back" in out.lower()  # and quoted the words that placed them
    assert "1 = Challenge the imbalance ... 4 = in between ... 7 = Accept" in out
    assert re.search(r"\nNow: [12] of 7 \(towards Challenge the imbalance\) - would prefer: 4", out)
    assert "Saved as session 1." in out
    assert "> Find two allies before the next board." in out  # piped answers are echoed


def test_the_end_of_input_keeps_what_was_answered(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run(monkeypatch, capsys, ["--plain", "--tension", "power"], ONE_POWER[:5])
    assert status == 0
    assert "The input ended before the conversation did" in out
    assert re.search(r"\nNow: [12] of 7 \(towards Challenge the imbalance\)\n", out)
    assert "To carry on: reflect resume 1" in out


def test_commands_work_in_plain_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "/help",
        ONE_POWER[0],
        "/back",
        "We accept their lead and don't rock the boat.",
        "",
        "",
        "yes",
        "",
        "/skip",
        "/quit",
    ]
    status, out = run(monkeypatch, capsys, ["--plain", "--tension", "power"], lines)
    assert status == 0
    assert "Commands: /skip" in out and "Going back to the previous question." in out
    assert "Stopping here." in out
    assert re.search(r"\nNow: [67] of 7 \(towards Accept and work within it\)\n", out)


def test_typed_text_is_shown_never_interpreted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["[bold]we rely[/] on \x1b[31mthem\x1b[0m \x07 for funding", "yes"]
    _, out = run(monkeypatch, capsys, ["--plain", "--tension", "agency-dependency"], lines)
    assert "\x1b" not in out and "\x07" not in out
    assert "> [bold]we rely[/] on \\x1b[31mthem\\x1b[0m \\x07 for funding" in out


def test_full_dialogue_through_plain_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    story = (
        "At the board the council presented the plan as already decided. I pushed back and "
        "said it wasn't a partnership, then had a quiet word with the director afterwards."
    )
    lines = ["Alex", story, *["1"] * 80]
    status, out = run(monkeypatch, capsys, ["--plain", "--dialogue", "full"], lines)
    assert status == 0
    assert "That's the walk-through" in out
    summary = out.split("Your summary of trade-offs\n==========================")[1]
    assert 3 <= summary.count("\nNow: ") <= 5
    assert "In your own words\n-----------------" in summary and story in summary
    # clean text for a screen reader: no Markdown syntax anywhere in the summary
    assert not re.search(r"\*\*|^#|```|^_", summary, re.M)


def test_unknown_dialogue_or_tension_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--plain", "--dialogue", "ful"]) == 2
    assert "did you mean 'full'" in capsys.readouterr().err
    assert main(["--plain", "--tension", "powr"]) == 2
    assert "did you mean 'power'" in capsys.readouterr().err


def test_dialogues_lists_the_scripts_not_the_flows(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dialogues"]) == 0
    out = capsys.readouterr().out
    assert "check-in" in out and "scenario-janus" in out
    assert "  reading " not in out and "  tension " not in out


def test_without_a_terminal_the_app_runs_in_plain_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Sam\n"))
    assert main(["--tension", "power"]) == 0
    captured = capsys.readouterr()
    assert "plain mode" in captured.err
    assert "\x1b" not in captured.out and "> Sam" in captured.out


def test_on_a_terminal_lines_break_between_words_never_inside_one() -> None:
    from reflect.plain import wrap

    text = (
        "Partnership working with a disproportionately powerful commissioner is hard.\n"
        "- A list item long enough that it must go over onto a second line here."
    )
    wrapped = wrap(text, 30)
    lines = wrapped.split("\n")
    assert max(len(line) for line in lines) <= 30
    words = text.split()
    assert wrapped.split() == words  # every word whole, none split
    assert lines[0] == "Partnership working with a"
    assert "disproportionately" in lines[1].split()
    item = next(i for i, line in enumerate(lines) if line.startswith("- A list"))
    assert lines[item + 1].startswith("  ") and not lines[item + 1].startswith("   ")
    assert wrap(text, 0) == text  # not a terminal: as it is


def test_a_stray_byte_in_the_input_loses_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Input is decoded line by line: the answers before a bad byte, the line holding it (the
    byte shown as \\ufffd) and the answers after it are all kept."""
    from reflect.journal.storage import Journal

    lines = [line.encode() for line in ONE_POWER[:5]]
    lines[1] = b"Angry \xff\xfe at the time"
    data = b"".join(line + b"\n" for line in lines)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    status = main(["--plain", "--tension", "power", "--data-dir", str(tmp_path)])
    assert status == 0, capsys.readouterr().err
    kept = Journal(tmp_path).lines(1)
    assert kept[:5] == [ONE_POWER[0], "Angry \ufffd\ufffd at the time", *ONE_POWER[2:5]]


def test_a_text_longer_than_the_limit_is_cut_and_the_person_told(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from reflect.base.textsafe import MAX_TEXT
    from reflect.journal.storage import Journal

    story = "We pushed back at the board. " * (MAX_TEXT // 20)
    status, out = run(
        monkeypatch, capsys, ["--plain", "--tension", "power", "--data-dir", str(tmp_path)], [story]
    )
    assert status == 0
    assert f"longer than the {MAX_TEXT:,} characters" in out
    assert Journal(tmp_path).lines(1)[0] == story[:MAX_TEXT]


def test_the_carry_on_hint_names_the_journal_folder_when_it_is_not_the_usual_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import os

    elsewhere = tmp_path / "my journal"
    _, out = run(
        monkeypatch,
        capsys,
        ["--plain", "--tension", "power", "--data-dir", str(elsewhere)],
        ["/quit"],
    )
    assert f"To carry on: reflect resume 1 --data-dir '{elsewhere}'" in out
    usual = os.environ["REFLECT_DATA_DIR"]
    _, out = run(
        monkeypatch, capsys, ["--plain", "--tension", "power", "--data-dir", usual], ["/quit"]
    )
    assert "To carry on: reflect resume 1\n" in out
