"""What the command line says back quotes what was typed with its control characters made
visible (C0, DEL and C1), in its own messages and in argparse's."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from reflect.cli import main
from tests.contentkit import edited_content

TYPED = "x\x1b[31my\x9bz\x07\u202e"


def raw_controls(text: str) -> set[str]:
    return {c for c in text if unicodedata.category(c)[0] == "C" and c != "\n"}


@pytest.mark.parametrize(
    "argv",
    [
        ["--plain", "--tension", TYPED],
        ["--plain", "--dialogue", TYPED],
        ["export", TYPED],
        ["export", "1", "--format", TYPED],
        [TYPED],
        ["--data-dir", f"/proc/{TYPED}", "history"],
    ],
)
def test_messages_quote_what_was_typed_safely(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) != 0
    said = capsys.readouterr()
    assert said.err.strip(), "a message is given"
    assert not raw_controls(said.err) and not raw_controls(said.out)


def test_listings_show_content_text_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Content is written by hand: a bidi override or zero-width character in a title or a
    description is shown as an escape by the listings, never sent to the terminal as is."""
    content = edited_content(
        tmp_path,
        {
            "tensions/power.yaml": lambda t: t.replace(
                "title: Power", "title: Power \u202eflipped"
            ),
            "dialogues/one.yaml": lambda t: t.replace(
                "description: Choose", "description: \u200bC"
            ),
        },
    )
    for command in ("tensions", "dialogues"):
        assert main([command, "--content", str(content)]) == 0
        out = capsys.readouterr().out
        assert "\\u202e" in out or "\\u200b" in out
        assert not raw_controls(out), command


def test_history_and_compare_show_content_text_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from tests.robustness.test_kills import ANSWERS

    flip = {"tensions/power.yaml": lambda t: t.replace("title: Power", "title: Power \u202ef")}
    content = edited_content(tmp_path / "content", flip)
    given = ["--content", str(content), "--data-dir", str(tmp_path / "data")]
    for _ in range(2):
        monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{a}\n" for a in ANSWERS)))
        assert main(["--plain", "--tension", "power", *given]) == 0
    capsys.readouterr()
    for argv in (["history", *given], ["compare", "1", "2", *given]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "\\u202e" in out and not raw_controls(out), argv
