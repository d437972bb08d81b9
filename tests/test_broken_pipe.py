"""A reader that goes away (``reflect history | head -n 1``): status 1, and no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import reflect
from reflect.journal.storage import Journal

#: Where the package under test lives: the child process imports the same one.
HOME = Path(reflect.__file__).resolve().parent.parent
#: Tension ids enough that one history row outgrows any pipe's buffer (a megabyte and more).
MANY = [f"gone-{n:06d}" for n in range(100_000)]


def environment(buffered: bool = True) -> dict[str, str]:
    """The child's environment: its output buffered, as in a person's shell, unless not."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return env if buffered else {**env, "PYTHONUNBUFFERED": "1"}


def reflect_into(
    stdout: int, *argv: str, buffered: bool = True
) -> subprocess.CompletedProcess[str]:
    """``python -m reflect ARGV`` writing to the file descriptor ``stdout``."""
    return subprocess.run(
        [sys.executable, "-m", "reflect", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=HOME,
        env=environment(buffered),
        text=True,
        check=False,
        timeout=60,
    )


def long_history(folder: Path) -> Path:
    """A journal whose ``reflect history`` is far longer than a pipe holds."""
    journal = Journal(folder)
    number = journal.create("one", 1, {}, frozenset())
    journal.append(number, ["an answer"], {"tensions": [{"id": t} for t in MANY]}, False)
    return folder


@pytest.mark.parametrize(
    ("argv", "buffered"),
    [
        pytest.param(["tensions"], True, id="tensions"),
        pytest.param(["tensions"], False, id="tensions-unbuffered"),
        pytest.param(["history"], True, id="history-empty"),
        # written while the command runs, not when it has returned
        pytest.param(["history", "LONG"], True, id="history-long"),
        pytest.param(["history", "LONG", "--json"], True, id="history-long-json"),
    ],
)
def test_a_reader_gone_before_the_first_line_gets_status_one_and_no_traceback(
    tmp_path: Path, argv: list[str], buffered: bool
) -> None:
    folder = tmp_path / "journal"
    if "LONG" in argv:
        long_history(folder)
        argv = [a for a in argv if a != "LONG"]
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will ever read: the first write fails
    try:
        done = reflect_into(write_end, *argv, "--data-dir", str(folder), buffered=buffered)
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 1


def test_a_reader_that_takes_the_first_line_and_leaves_ends_it_quietly(tmp_path: Path) -> None:
    """``reflect match --jsonl`` writes (and flushes) one line per line in: after the reader has
    gone, the next line fails to be written. Far more output than a pipe holds, so the child
    cannot have written it all before the reader left."""
    given = tmp_path / "blank-lines.txt"
    given.write_text("\n" * 5_000)  # each one answered with an error line of ~90 bytes
    with given.open("rb") as lines:
        child = subprocess.Popen(
            [sys.executable, "-m", "reflect", "match", "--jsonl"],
            stdin=lines,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=HOME,
            env=environment(),
            text=True,
        )
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()  # `head -n 1`: the rest is never read
        err = child.stderr.read()
        status = child.wait(timeout=60)
    assert json.loads(first) == {
        "line": 1,
        "id": None,
        "error": "blank line: each line must be a JSON object",
        "code": "blank",
    }
    assert err == ""
    assert status == 1


def test_a_reader_that_reads_everything_gets_status_zero(tmp_path: Path) -> None:
    """The other side of the rule: status 1 is for the reader that left, not for long output."""
    folder = long_history(tmp_path / "journal")
    read_end, write_end = os.pipe()
    with open(read_end, "rb") as reader:
        child = subprocess.Popen(
            [sys.executable, "-m", "reflect", "history", "--json", "--data-dir", str(folder)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=HOME,
            env=environment(),
        )
        os.close(write_end)
        everything = reader.read()
        assert child.stderr is not None
        err = child.stderr.read()
        status = child.wait(timeout=60)
    assert err == b"" and status == 0
    assert everything.count(b"gone-") == len(MANY)
