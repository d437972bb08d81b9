"""Benchmark start-up: the app's first screen against a bare Textual app's, side by side.

Run by hand from the project folder (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_startup

Each run is a fresh process (imports included) that starts the app headless, waits for its
first screen to be mounted and drawn, and exits; the time is measured from before the
process starts to its exit, and the peak memory is the child's own (``os.wait4``). The bare
app shows one label. Runs alternate between the two, so that the machine's state is shared.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 9

BARE = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("reflect")

async def main():
    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()

import asyncio
asyncio.run(main())
"""

REFLECT = """
import asyncio, sys
from pathlib import Path
from reflect.commands.app import run_app
import reflect.tui.app as tui

made = tui.make_app

def headless(*args, **kwargs):
    app = made(*args, **kwargs)

    def run():
        async def first_screen():
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
        asyncio.run(first_screen())

    app.run = run
    return app

tui.make_app = headless
from reflect.content import packaged
run_app(packaged(), Path(sys.argv[1]), None, None)
"""


def once(code: str, folder: str) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, folder], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"a start-up run failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    bare: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        once(REFLECT, folder)  # a first run writes the journal and warms the disk cache
        for _ in range(RUNS):
            bare.append(once(BARE, folder))
            ours.append(once(REFLECT, folder))
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
