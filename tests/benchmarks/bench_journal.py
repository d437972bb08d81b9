"""Benchmark the journal with 10,000 stored sessions: history, export, database size.

Run by hand from the project folder (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_journal

Fills a temporary journal with 10,000 full sessions (ten tensions each, with answers and a
snapshot), then times ``reflect history`` and ``reflect export`` as a person would run them
(whole commands, start-up included) and reports the database's size.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reflect.content.loader import load_content
from reflect.content.places import packaged
from reflect.journal.storage import DATABASE, Journal

SESSIONS = 10_000


def fill(folder: Path) -> None:
    catalogue = load_content(packaged().tensions).catalogue
    rng = random.Random(3)
    journal = Journal(folder)
    journal.db.execute("PRAGMA synchronous = OFF")  # filling only; sessions save with FULL
    for n in range(SESSIONS):
        tensions = []
        for tension in catalogue.core:
            example = rng.choice(tension.poles[1].examples)
            tensions.append(
                {
                    "id": tension.id,
                    "title": tension.title,
                    "poles": [p.id for p in tension.poles],
                    "now": rng.randint(1, 7),
                    "preferred": rng.randint(1, 7),
                    "placed": None,
                    "corrected": False,
                    "notes": [],
                    "skipped": [],
                    "done": True,
                    "answer": example,
                    "agreed": "yes",
                    "probe": "It would give us more room.",
                    "action": "Talk to the trustees.",
                    "warning": "I stop raising things.",
                    "takeaway": None,
                    "reading": {
                        "pole": tension.poles[1].id,
                        "lean": 0.6,
                        "confidence": 0.7,
                        "evidence": [
                            {
                                "pole": tension.poles[1].id,
                                "text": example[:20],
                                "start": 0,
                                "end": 20,
                                "negated": False,
                                "weight": 0.8,
                            }
                        ],
                    },
                }
            )
        snapshot = {
            "schema": 1,
            "dialogue": "full",
            "name": None,
            "finished": True,
            "quit": False,
            "notes": [],
            "tensions": tensions,
        }
        sid = journal.create("full", n, {}, frozenset())
        lines = ["Priya"]  # as a full walk-through sends them: about seventy lines
        for t in tensions:
            lines += [
                t["answer"],
                "yes",
                "",
                str(t["preferred"]),
                t["probe"],
                t["action"],
                t["warning"],
            ]
        journal.append(sid, lines, snapshot, True)
    journal.close()


def timed(args: list[str], runs: int = 7) -> tuple[float, float]:
    reflect = Path(sys.executable).with_name("reflect")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(reflect), *args], check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        start = time.perf_counter()
        fill(folder)
        print(f"filled {SESSIONS:,} sessions in {time.perf_counter() - start:.1f} s")
        size = (folder / DATABASE).stat().st_size / 1_000_000
        print(f"database size: {size:.1f} MB")
        base = ["--data-dir", str(folder)]
        for label, args in (
            ("reflect history", ["history", *base]),
            ("reflect history --json", ["history", "--json", *base]),
            ("reflect export 5000 --format html", ["export", "5000", "--format", "html", *base]),
            ("reflect export 5000 --format md", ["export", "5000", "--format", "md", *base]),
            ("reflect export 5000 --format json", ["export", "5000", "--format", "json", *base]),
            ("reflect --version (start-up alone)", ["--version"]),
        ):
            median, worst = timed(args)
            print(f"{label:<38} median {median:6.1f} ms, worst {worst:6.1f} ms")


if __name__ == "__main__":
    main()
