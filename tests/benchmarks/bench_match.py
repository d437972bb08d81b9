"""Benchmark the matcher: dev-set accuracy, tension detection, latency, throughput, memory.

Run by hand from the project folder (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_match

Prints accuracy by kind on tests/data/answers.yaml (and on the blind set, if present),
tension-detection top-1/top-3, per-answer latency (median and p99) for 20-, 200- and
2,000-word answers against the full catalogue, ``reflect match --jsonl`` throughput on
10,000 answers, and the peak RSS of that run.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from reflect.content import packaged
from reflect.loader import load_content
from reflect.matching.matcher import Matcher

from .devset import ANSWERS, Answer, load_answers

BLIND = ANSWERS.with_name("answers-blind.yaml")


def accuracy(matcher: Matcher, answers: list[Answer], title: str) -> None:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    top1 = top3 = detect = 0
    for a in answers:
        pole = matcher.match(a.text, a.tension).pole
        for key in ("ALL", a.kind):
            tally[key][0] += pole == a.expected
            tally[key][1] += 1
        if a.expected == "neither":
            tally["neither recall"][0] += pole == "neither"
            tally["neither recall"][1] += 1
        if a.tension and a.expected != "neither":
            ranked = [t.id for t in matcher.match(a.text).tensions]
            detect += 1
            top1 += ranked[:1] == [a.tension]
            top3 += a.tension in ranked[:3]
    print(f"\n{title} ({len(answers)} answers): pole accuracy given the tension")
    for key, (right, total) in sorted(tally.items(), key=lambda kv: (kv[0] != "ALL", kv[0])):
        print(f"  {key:<16} {right:>4}/{total:<4} {right / total:.3f}")
    print(f"  tension detection top-1 {top1 / detect:.3f}, top-3 {top3 / detect:.3f} ({detect})")


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
    print("\nLatency per answer against the full catalogue (ms)")
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


def throughput(pool: list[str], answers: list[Answer]) -> None:
    rng = random.Random(7)
    lines = []
    for i in range(10_000):
        a = rng.choice(answers)
        item = {"id": i, "text": a.text}
        if a.tension and rng.random() < 0.5:
            item["tension"] = a.tension
        lines.append(json.dumps(item))
    data = ("\n".join(lines) + "\n").encode()
    reflect = Path(sys.executable).with_name("reflect")
    start = time.perf_counter()
    result = subprocess.run(
        [str(reflect), "match", "--jsonl"], input=data, capture_output=True, check=True
    )
    elapsed = time.perf_counter() - start
    out = result.stdout.decode().splitlines()
    assert len(out) == 10_000, len(out)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\nreflect match --jsonl: 10,000 answers in {elapsed:.2f} s "
        f"= {10_000 / elapsed:,.0f} answers/s (start-up included)"
    )
    print(f"  peak RSS of that process: {rss:.1f} MB")


def main() -> None:
    dirs = packaged()
    start = time.perf_counter()
    catalogue = load_content(dirs.tensions, dirs.dialogues).catalogue
    loaded = time.perf_counter()
    matcher = Matcher(catalogue)
    built = time.perf_counter()
    print(
        f"load catalogue {1000 * (loaded - start):.0f} ms, build index "
        f"{1000 * (built - loaded):.0f} ms ({len(matcher.index.cues)} cues, "
        f"{len(matcher.index.words)} leaning words)"
    )
    answers = load_answers()
    accuracy(matcher, answers, "Dev set")
    if BLIND.exists():
        accuracy(matcher, load_answers(BLIND), "Blind set (written after tuning)")
    pool = [a.text for a in answers]
    latency(matcher, pool)
    throughput(pool, answers)


if __name__ == "__main__":
    main()
