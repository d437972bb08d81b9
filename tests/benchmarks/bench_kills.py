"""Kill plain-mode sessions at random moments, more rounds than the test suite runs.

Run by hand from the project folder (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_kills [ROUNDS] [SEED]

Each round is checked as in tests/robustness/test_kills.py: the journal is whole, its lines
are the answers given, in order, and every answer taken in before the one in flight is kept.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.robustness.test_kills import SEED, rounds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else SEED
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        done = rounds(count, Path(folder), seed)
    kept = [k for _, _, k in done]
    mid = sum(1 for _, echoed, k in done if k < echoed + 1)
    print(
        f"{count} SIGKILLs (seed {seed}) in {time.perf_counter() - start:.0f} s: "
        f"0 lost, journal whole every time; answers kept per round {min(kept)}-{max(kept)}, "
        f"{mid} killed between taking an answer in and saving it"
    )


if __name__ == "__main__":
    main()
