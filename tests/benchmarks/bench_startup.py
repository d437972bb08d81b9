"""Benchmark start-up: the app's first screen against a bare Textual app's, side by side.

Run by hand from the project folder (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_startup

Each run starts a fresh process in a real pseudo-terminal (80x24), as a person's terminal
would, and reads what it draws until the first screen's words are there: for reflect, the
start menu's instruction, drawn by the installed ``reflect`` command (argument parsing and the
journal included); for the bare app, its one label. The time is from just before the process
is started to those words arriving; the memory is the process's peak resident size at that
moment (``VmHWM``). Then the process is stopped: what the app does in the background after its
first screen (reading the conversations, getting the reader ready) is not start-up. Runs
alternate between the two, so that the machine's state is shared.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

RUNS = 9
COLUMNS, LINES = 80, 24
#: Seconds to wait for a first screen before calling the run a failure.
PATIENCE = 30.0

BARE = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("A bare app is ready")

Bare().run()
"""
BARE_WORDS = b"A bare app is ready"
REFLECT_WORDS = b"What would you like to do?"


def peak_mib(pid: int) -> float:
    """The process's peak resident memory so far, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmHWM in /proc: this benchmark needs Linux")


def once(command: list[str], words: bytes) -> tuple[float, float]:
    """Seconds from just before the process starts until ``words`` are drawn, and its peak MiB
    at that moment."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    drawn = b""
    try:
        while words not in drawn:
            if time.perf_counter() - start > PATIENCE:
                raise SystemExit(f"no first screen after {PATIENCE:.0f} s: {drawn[-400:]!r}")
            ready, _, _ = select.select([leader], [], [], 0.5)
            if ready:
                try:
                    drawn += os.read(leader, 65536)
                except OSError as exc:  # the terminal closed: the process has left
                    raise SystemExit(f"the process left before its first screen: {exc}") from None
        elapsed = time.perf_counter() - start
        memory = peak_mib(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(leader)
    return elapsed, memory


def main() -> None:
    reflect = str(Path(sys.executable).with_name("reflect"))
    bare: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        ours_command = [reflect, "--data-dir", folder]
        once(ours_command, REFLECT_WORDS)  # a first run makes the journal and warms the cache
        for _ in range(RUNS):
            bare.append(once([sys.executable, "-c", BARE], BARE_WORDS))
            ours.append(once(ours_command, REFLECT_WORDS))
    for name, runs in (("bare Textual app, one label", bare), ("reflect, start menu", ours)):
        times = sorted(t for t, _ in runs)
        memory = max(m for _, m in runs)
        print(
            f"{name:<30} first screen: median {1000 * statistics.median(times):.0f} ms "
            f"(min {1000 * times[0]:.0f}); peak memory {memory:.1f} MiB"
        )
    ratio_time = statistics.median(t for t, _ in ours) / statistics.median(t for t, _ in bare)
    ratio_memory = max(m for _, m in ours) / max(m for _, m in bare)
    print(f"ratio: time {ratio_time:.2f}x (target 1.5x), memory {ratio_memory:.2f}x (target 1.3x)")


if __name__ == "__main__":
    main()
