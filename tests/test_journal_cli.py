"""The journal from the command line: a plain session, then history, export, compare, resume,
forget - and a process killed mid-session."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reflect.cli import main
from reflect.journal.storage import DATABASE

POWER = [
    "I pushed back at the board: it isn't a partnership if they decide everything.",
    "Furious, then tired.",  # how it felt
    "",  # no longer version
    "yes",
    "",
    "They had decided before the meeting.",  # what tells you that
    "4",
    "It would keep the peace, <b>but</b> we'd lose our voice.",
    "",  # when a compromise is acceptable
    "",  # how others would see it
    "",  # the moment again
    "Find two allies before the next board.",
    "I notice I've stopped disagreeing.",
]


def plain(monkeypatch: pytest.MonkeyPatch, argv: list[str], lines: list[str]) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main(argv)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(os.environ["REFLECT_DATA_DIR"])


def test_history_export_and_compare_after_two_sessions(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    tmp_path: Path,
) -> None:
    assert main(["history"]) == 0
    assert "No sessions yet" in capsys.readouterr().out
    assert plain(monkeypatch, ["--plain", "--tension", "power"], POWER) == 0
    # power was explored before, so the second session starts again from a new moment
    second = [
        "We accept their lead; no point fighting the council.",
        "",
        "",
        "yes",
        "",
        "",
        "5",
        *[""] * 6,
    ]
    assert plain(monkeypatch, ["--plain", "--tension", "power"], second) == 0
    capsys.readouterr()

    assert main(["history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["dialogue"], r["tensions"], r["finished"]) for r in rows] == [
        (1, "one", ["power"], True),
        (2, "one", ["power"], True),
    ]

    html = tmp_path / "summary.html"
    assert main(["export", "1", "--format", "html", "-o", str(html)]) == 0
    page = html.read_text()
    assert stat.S_IMODE(html.stat().st_mode) == 0o600
    assert "<svg" in page and "&lt;b&gt;but&lt;/b&gt;" in page and "<b>but</b>" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in page and "<link" not in page

    assert main(["export", "1", "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert re.search(r"\*\*Now:\*\* [12] of 7", markdown) and "\\<b\\>but\\</b\\>" in markdown

    assert main(["export", "1", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "reflect-session" and document["schema"] == 1
    assert document["tensions"][0]["now"] in (1, 2) and "answer" not in document["tensions"][0]
    assert main(["export", "1", "--format", "json", "--with-words"]) == 0
    worded = json.loads(capsys.readouterr().out)
    assert worded["tensions"][0]["action"] == POWER[-2]
    assert "chosen" not in worded["reflections"]  # the tension picked is an id, not an answer

    assert main(["history"]) == 0
    listed = capsys.readouterr().out
    assert "Power" in listed and " power" not in listed  # tension names, not ids

    assert main(["compare", "1", "2"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"now: [12] -> [67] \([4-6] towards Accept and work within it\)", out)
    assert "preferred: 4 -> 5 (1 towards Accept and work within it)" in out


def test_the_second_session_offers_to_skip_a_known_explanation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    plain(monkeypatch, ["--plain", "--tension", "power"], POWER)
    capsys.readouterr()
    plain(monkeypatch, ["--plain", "--tension", "power"], ["/quit"])
    out = capsys.readouterr().out
    assert "We've looked at Power together before" in out or "You've explored Power before" in out


def test_quit_then_resume_finishes_the_same_session(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    assert plain(monkeypatch, ["--plain", "--tension", "power"], [*POWER[:2], "/quit"]) == 0
    assert "To carry on: reflect resume 1" in capsys.readouterr().out
    assert plain(monkeypatch, ["resume"], POWER[2:]) == 0
    out = capsys.readouterr().out
    assert "Resuming session 1 (3 answer(s) so far)." in out
    assert "would prefer: 4" in out and "**" not in out
    main(["history", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["finished"] is True


def test_forget_asks_unless_told_yes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    plain(monkeypatch, ["--plain", "--tension", "power"], POWER)
    plain(monkeypatch, ["--plain", "--tension", "aims"], ["/quit"])
    capsys.readouterr()
    assert main(["forget", "1"]) == 2  # no terminal to ask on, and no --yes
    assert "add --yes" in capsys.readouterr().err
    assert main(["forget", "7", "--yes"]) == 2
    assert main(["forget", "1", "--yes"]) == 0
    assert main(["export", "1"]) == 2
    assert main(["forget", "--all", "--yes"]) == 0
    capsys.readouterr()
    main(["history"])
    assert "No sessions yet" in capsys.readouterr().out


def test_a_damaged_journal_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    folder.mkdir(mode=0o700, parents=True)
    (folder / DATABASE).write_bytes(b"garbage" * 500)
    assert main(["history"]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "left untouched" in err


def _answers(db: Path) -> int:
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(connection.execute("SELECT COUNT(*) FROM lines").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def test_a_killed_process_loses_no_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    given = 4
    process = subprocess.Popen(
        [sys.executable, "-m", "reflect", "--plain", "--tension", "power"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "REFLECT_DATA_DIR": str(folder)},
    )
    assert process.stdin is not None
    for line in POWER[:given]:
        process.stdin.write(f"{line}\n".encode())
        process.stdin.flush()
    deadline = time.monotonic() + 30
    while _answers(folder / DATABASE) < given and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert _answers(folder / DATABASE) == given

    assert plain(monkeypatch, ["resume"], POWER[given:]) == 0
    out = capsys.readouterr().out
    assert f"Resuming session 1 ({given} answer(s) so far)." in out
    assert re.search(r"\nNow: [12] of 7 \(towards Challenge the imbalance\) - would prefer: 4", out)
    assert "Find two allies before the next board." in out


def test_history_and_export_do_not_load_the_matcher(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    # they must stay quick with thousands of sessions: no matcher, no Textual
    plain(monkeypatch, ["--plain", "--tension", "power"], POWER)
    code = (
        "import sys\n"
        "from reflect.cli import main\n"
        "assert main(['history']) == 0 and main(['export', '1', '--format', 'html']) == 0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rapidfuzz', 'textual', 'rich',"
        " 'snowballstemmer'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "REFLECT_DATA_DIR": str(folder)},
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
