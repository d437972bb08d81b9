"""Benchmark the reader: held-out accuracy, the baseline beside it, speed and memory.

Run by hand from the project folder (not part of the test suite; needs the dev extras):

    .venv/bin/python -m tests.benchmarks.bench_match [--blind [WRITER ...]] [--quick]

Prints, on the labelled corpus (tests/data/corpus):

- leave-one-writer-out pole accuracy by kind and by writer (with the mean over writers and
  the worst writer), neither recall, telling
  (precision when it tells, coverage of leaning answers), calibration (ECE and a reliability
  table) and tension finding on stories;
- side by side with it, on the same folds: a TF-IDF (word and character n-gram) logistic
  regression per tension, and the cue layer alone (the reader before it learnt);
- with ``--blind``: the blind writers, read once by the shipped weights (trained on the other
  writers), beside the TF-IDF baseline trained on the same writers and the cue layer. Report
  it once, at the end of a piece of work; never tune on it.
- per-answer latency (median, p99) for 20-, 200- and 2,000-word answers, ``reflect match
  --jsonl`` throughput on 10,000 answers, the time to load the reader, and peak memory.

``--quick`` skips the held-out figures (speed only).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from reflect.content.loader import load_content
from reflect.content.model import Catalogue
from reflect.content.places import packaged
from reflect.matching.corpus import WriterFile, read_corpus
from reflect.matching.cues import CueReader
from reflect.matching.evaluate import (
    Reading,
    accuracy,
    baseline,
    calibration,
    leave_one_writer_out,
    rank_stories,
    read_answers,
    story_figures,
    telling,
    tfidf_readings,
)
from reflect.matching.matcher import Matcher
from reflect.matching.train import Featuriser

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def side_by_side(title: str, columns: Sequence[tuple[str, Sequence[Reading]]]) -> None:
    """Accuracy by kind, one column per reader, on the same answers."""
    tallies = [(name, accuracy(readings)) for name, readings in columns]
    keys = sorted(tallies[0][1], key=lambda k: (k != "all", k))
    print(f"\n{title}")
    print(f"  {'':<16}" + "".join(f"{name:>22}" for name, _ in tallies))
    for key in keys:
        cells = []
        for _, tally in tallies:
            right, total = tally.get(key, (0, 0))
            cells.append(f"{right:>6}/{total:<5} {right / total if total else 0:.3f}")
        print(f"  {key:<16}" + "".join(f"{c:>22}" for c in cells))


def by_writer(readings: Sequence[Reading]) -> str:
    """Accuracy for each writer left out, then the mean over writers and the worst writer."""
    rates = {}
    for writer in sorted({r.writer for r in readings}):
        right, total = accuracy([r for r in readings if r.writer == writer])["all"]
        rates[writer] = right / total
    worst = min(rates, key=lambda w: rates[w])
    listed = ", ".join(f"{w} {rate:.3f}" for w, rate in rates.items())
    mean = statistics.mean(rates.values())
    return f"{listed}\n    mean over writers {mean:.3f}; worst {worst} {rates[worst]:.3f}"


def held_out(catalogue: Catalogue, matcher: Matcher, blind: list[str] | None) -> None:
    files = read_corpus(CORPUS)
    start = time.perf_counter()
    results = leave_one_writer_out(catalogue, files, Featuriser(CueReader(catalogue)))
    print(f"\nleave-one-writer-out over {len(files)} writers ({time.perf_counter() - start:.0f} s)")
    base = baseline(files)
    cues = read_answers(Matcher(catalogue, None), [a for f in files for a in f.answers])
    side_by_side(
        "Held-out writers, by kind (each writer read by readers trained on the others)",
        [("learned reader", results.readings), ("TF-IDF baseline", base), ("cue layer", cues)],
    )
    print(f"  learned reader by writer: {by_writer(results.readings)}")
    print(f"  TF-IDF baseline by writer: {by_writer(base)}")
    assert matcher.weights is not None
    precision, coverage = telling(results.readings, matcher.weights.tell_at)
    print(
        f"  tells at p >= {matcher.weights.tell_at}: right {precision:.3f} when it tells, "
        f"tells on {coverage:.3f} of leaning answers"
    )
    ece, rows = calibration(results.readings)
    print(f"  expected calibration error {ece:.3f}")
    for row in rows:
        print(f"    {row}")
    top3, top1 = story_figures(results.stories)
    print(
        f"  stories, the tensions a conversation takes up: {top3:.3f} of touched tensions in "
        f"the first three; the first touched {top1:.3f}"
    )
    top3, top1 = story_figures(results.stories, every=True)
    print(f"    ranking every tension: top three {top3:.3f}; top one {top1:.3f}")
    if blind is not None:
        report_blind(catalogue, matcher, files, blind)


def report_blind(
    catalogue: Catalogue, matcher: Matcher, files: Sequence[WriterFile], wanted: list[str]
) -> None:
    """The blind writers, read once: the shipped reader (trained on every other writer), the
    TF-IDF baseline trained on the same writers, and the cue layer, side by side. Prints
    figures only, never a text."""
    every = read_corpus(CORPUS, blind=True)
    training = [a for f in files for a in f.answers]
    for f in every:
        if not f.blind or (wanted and f.writer not in wanted):
            continue
        readings = read_answers(matcher, f.answers)
        side_by_side(
            f"BLIND writer {f.writer}, read once (report once; never tune on it)",
            [
                ("learned reader", readings),
                ("TF-IDF baseline", tfidf_readings(training, f.answers)),
                ("cue layer", read_answers(Matcher(catalogue, None), f.answers)),
            ],
        )
        precision, coverage = telling(readings)
        print(f"  right {precision:.3f} when it tells; tells on {coverage:.3f} of leaning")
        if f.stories:
            top3, top1 = story_figures(rank_stories(matcher, f.stories))
            print(f"  stories: top three {top3:.3f}; top one {top1:.3f}")


def texts_of(words: int, count: int, pool: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        parts: list[str] = []
        n = 0
        while n < words:
            sentence = rng.choice(pool)
            parts.append(sentence)
            n += len(sentence.split())
        result.append(" ".join(" ".join(parts).split()[:words]))
    return result


def latency(matcher: Matcher, pool: list[str]) -> None:
    print("\nLatency per answer, reading against the full catalogue (ms)")
    for words, count in ((20, 2000), (200, 1000), (2000, 200)):
        samples = []
        for text in texts_of(words, count, pool, seed=words):
            start = time.perf_counter()
            matcher.match(text)
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
        print(
            f"  {words:>5} words: median {statistics.median(samples):.3f}, p99 {p99:.3f}"
            f"  (n={count})"
        )


def throughput(pool: list[str], tensions: list[str]) -> None:
    rng = random.Random(7)
    lines = []
    for i in range(10_000):
        item: dict[str, object] = {"id": i, "text": rng.choice(pool)}
        if rng.random() < 0.5:
            item["tension"] = rng.choice(tensions)
        lines.append(json.dumps(item))
    data = ("\n".join(lines) + "\n").encode()
    reflect = Path(sys.executable).with_name("reflect")
    with tempfile.TemporaryFile() as given:
        given.write(data)
        given.seek(0)
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(reflect), "match", "--jsonl"], stdin=given, stdout=subprocess.PIPE
        )
        assert child.stdout is not None
        out = child.stdout.read().decode().splitlines()
        # this child's peak memory (not the largest of every child this process had)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
    assert child.returncode == 0 and len(out) == 10_000, (child.returncode, len(out))
    rss = usage.ru_maxrss / 1024
    print(
        f"\nreflect match --jsonl: 10,000 answers in {elapsed:.2f} s "
        f"= {10_000 / elapsed:,.0f} answers/s (start-up included)"
    )
    print(f"  peak RSS of that process: {rss:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--blind",
        nargs="*",
        metavar="WRITER",
        help="read the blind writers (each once): all, or only those named",
    )
    parser.add_argument("--quick", action="store_true", help="speed only")
    parser.add_argument(
        "--blind-only",
        action="store_true",
        help="with --blind: read the blind writers only (no speed, no held-out runs)",
    )
    args = parser.parse_args()
    dirs = packaged()
    start = time.perf_counter()
    catalogue = load_content(dirs.tensions, dirs.dialogues).catalogue
    loaded = time.perf_counter()
    cue_only = Matcher(catalogue, None)
    cues_built = time.perf_counter()
    matcher = Matcher(catalogue)
    built = time.perf_counter()
    matcher.warm()
    warmed = time.perf_counter()
    print(
        f"load catalogue {1000 * (loaded - start):.0f} ms; cue layer "
        f"{1000 * (cues_built - loaded):.0f} ms; reader {1000 * (built - cues_built):.0f} ms "
        f"(weights read on first use, in the app while its first screen draws: a further "
        f"{1000 * (warmed - built):.0f} ms) ({len(cue_only.index.cues)} cues)"
    )
    if args.blind_only:
        report_blind(catalogue, matcher, read_corpus(CORPUS), args.blind or [])
        return
    pool = [a.text for f in read_corpus(CORPUS) for a in f.answers]
    # speed first: a child's peak memory counts what it inherits from this process at fork,
    # which the held-out training would swell to gigabytes
    latency(matcher, pool)
    throughput(pool, list(catalogue.tension_ids))
    if not args.quick:
        held_out(catalogue, matcher, args.blind)


if __name__ == "__main__":
    main()
