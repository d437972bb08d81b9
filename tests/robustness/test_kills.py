"""Killed at any moment, a plain-mode session loses nothing it acknowledged: every answer the
conversation moved past is in the journal, the journal is whole, and the session carries on.

Each round starts ``reflect --plain`` on a journal, feeds it answers, and sends SIGKILL at a
random moment (seeded). ``tests/benchmarks/bench_kills.py`` runs more rounds by hand.
"""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reflect.cli import main
from reflect.journal.storage import DATABASE, Journal

SEED = 1123
ROUNDS = 20

#: A whole power session in plain mode.
ANSWERS = [
    "We pushed back at the board and named it in the meeting.",
    "Angry at the time; calmer now.",
    "",
    "yes",
    "",
    "They decided before the meeting.",
    "4",
    "It would keep the peace, but we would lose our voice.",
    "When the families' interests are not at stake.",
    "The commissioner would call it awkward.",
    "I would have warned the chair first.",
    "Find two allies before the next board.",
    "I notice I have stopped disagreeing.",
]


def kill_once(folder: Path, rng: random.Random) -> tuple[int, int, list[str]]:
    """One killed session: how many answers were echoed back (taken in), how many lines the
    journal kept, and those lines."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reflect", "--plain", "--tension", "power"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "REFLECT_DATA_DIR": str(folder)},
    )
    assert process.stdin is not None and process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    given = rng.randint(2, len(ANSWERS) - 1)
    process.stdin.write(f"{ANSWERS[0]}\n".encode())
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while saved_lines(folder) < 1 and time.monotonic() < deadline:  # started and reading
        time.sleep(0.02)
    out = b""
    # then the rest at once, and a kill at a random moment while they are taken in and saved
    process.stdin.write("".join(f"{line}\n" for line in ANSWERS[1:given]).encode())
    process.stdin.flush()
    time.sleep(rng.uniform(0.0, 0.004 * given))
    process.send_signal(signal.SIGKILL)
    process.wait()
    out += process.stdout.read() or b""
    echoed = out.decode(errors="replace").count("\n> ")
    if not (folder / DATABASE).exists():
        return echoed, 0, []
    journal = Journal(folder)
    sessions = journal.sessions()
    lines = journal.lines(sessions[-1].id) if sessions else []
    return echoed, len(lines), lines


def saved_lines(folder: Path) -> int:
    """How many lines the journal holds now (read without taking a lock for long)."""
    if not (folder / DATABASE).exists():
        return 0
    try:
        with sqlite3.connect(f"file:{folder / DATABASE}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM lines").fetchone()[0])
    except sqlite3.Error:
        return 0


def integrity(folder: Path) -> str:
    if not (folder / DATABASE).exists():
        return "ok"
    with sqlite3.connect(folder / DATABASE) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def rounds(count: int, base: Path, seed: int = SEED) -> list[tuple[int, int, int]]:
    """``count`` killed sessions, two at a time; for each: round, echoed, kept."""
    rngs = [random.Random(seed * 1000 + n) for n in range(count)]

    def one(n: int) -> tuple[int, int, int]:
        folder = base / f"round-{n}"
        folder.mkdir()
        echoed, kept, lines = kill_once(folder, rngs[n])
        where = f"seed {seed}, round {n}"
        assert integrity(folder) == "ok", where
        assert lines == ANSWERS[:kept], f"{where}: kept lines are not the answers given"
        # an answer is echoed as it is read; the one before it was saved before that read
        assert kept >= echoed - 1, f"{where}: {echoed} answers taken in, {kept} kept"
        return n, echoed, kept

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(one, range(count)))


def test_a_session_killed_at_any_moment_loses_nothing_and_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    done = rounds(ROUNDS, tmp_path)
    assert len(done) == ROUNDS
    assert any(kept > 0 for _, _, kept in done), "no round got as far as saving an answer"
    # and each journal carries on where it stopped, to the end
    for n, _, kept in done[:3]:
        folder = tmp_path / f"round-{n}"
        if kept == 0:
            continue
        journal = Journal(folder)
        now = journal.lines(journal.sessions()[-1].id)
        assert len(now) >= kept and now == ANSWERS[: len(now)]  # never fewer, never others
        rest = "".join(f"{line}\n" for line in ANSWERS[len(now) :])
        monkeypatch.setattr("sys.stdin", io.StringIO(rest))
        assert main(["resume", "--data-dir", str(folder)]) == 0
        assert "Find two allies before the next board." in capsys.readouterr().out
        journal = Journal(folder)
        assert journal.lines(journal.sessions()[-1].id) == ANSWERS
