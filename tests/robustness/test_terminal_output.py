"""What the command line says back quotes what was typed with its control characters made
visible (C0, DEL and C1), in its own messages and in argparse's."""

from __future__ import annotations

import unicodedata

import pytest

from reflect.cli import main

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
