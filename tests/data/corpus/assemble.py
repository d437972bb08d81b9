"""Assemble one writer's corpus file from the writer's JSON Lines and the blind labeller's.

    python tests/data/corpus/assemble.py WRITER_DIR LABELS_DIR OUT.yaml --writer w1 \
        --personas "A: ...; B: ..." [--mix mix.md] [--tensions tensions.md] [--blind]

WRITER_DIR holds ``<tension>.jsonl`` and ``stories.jsonl`` as the brief asks; LABELS_DIR holds
the labeller's ``labels.jsonl`` (``{"n": ..., "label": ...}`` per answer, in the order of
``items.jsonl`` that this script wrote for them with ``--items``) and ``stories.jsonl``
(``{"n": ..., "tensions": [...]}``). Prints only counts, never a text: the blind writer's file
is assembled without anyone reading it.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from datetime import date
from pathlib import Path

import yaml

ORDER = [
    "agency-dependency", "values-pragmatism", "distinctiveness-incorporation", "power",
    "unity-diversity", "aims", "leadership", "conflict", "arena", "cooperation-competition",
]


def read_writer(folder: Path) -> tuple[list[dict], list[dict]]:
    answers, stories = [], []
    for path in sorted(folder.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        (stories if path.stem == "stories" else answers).extend(rows)
    key = {t: i for i, t in enumerate(ORDER)}
    answers.sort(key=lambda r: (key.get(r["tension"], 99), r["tension"]))
    return answers, stories


def items(folder: Path, out: Path, seed: int) -> None:
    """Write the labeller's view: text and tension only, shuffled, numbered."""
    answers, stories = read_writer(folder)
    order = list(range(len(answers)))
    random.Random(seed).shuffle(order)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "items.jsonl").open("w", encoding="utf-8") as f:
        for n, i in enumerate(order):
            f.write(json.dumps({"n": n, "tension": answers[i]["tension"], "text": answers[i]["text"]}, ensure_ascii=False) + "\n")
    with (out / "order.json").open("w") as f:
        json.dump(order, f)
    with (out / "story-items.jsonl").open("w", encoding="utf-8") as f:
        for n, s in enumerate(stories):
            f.write(json.dumps({"n": n, "text": s["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(answers)} answers, {len(stories)} stories for labelling")


def assemble(folder: Path, labels: Path, out: Path, writer: str, personas: str, blind: bool, mix: str, tensions: str = "tensions.md") -> None:
    answers, stories = read_writer(folder)
    order = json.loads((labels / "order.json").read_text())
    by_n = {}
    for line in (labels / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_n[int(row["n"])] = str(row["label"])
    check = {order[n]: label for n, label in by_n.items()}
    story_check = {}
    path = labels / "story-labels.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                story_check[int(row["n"])] = list(row["tensions"])
    rows = [[a["tension"], a["kind"], a.get("persona", ""), a["label"], check.get(i, "unlabelled"), a["text"]] for i, a in enumerate(answers)]
    srows = [[list(s["tensions"]), story_check.get(n, []), s.get("persona", ""), s["text"]] for n, s in enumerate(stories)]
    kinds = Counter(a["kind"] for a in answers)
    agree = sum(r[3] == r[4] for r in rows)
    header = {
        "writer": writer,
        "blind": blind,
        "written": date.today().isoformat(),
        "brief": f"briefs/writing.md, briefs/{tensions} and the mix in briefs/{mix}",
        "how": "written by an independent writer that saw only the brief; labelled again by a second, blind labeller that saw only each text and its tension (the `check` column)",
        "personas": personas,
        "counts": dict(sorted(kinds.items())) | {"stories": len(stories), "labeller agrees": agree},
    }
    text = "# " + ("The frozen blind set: never read, never tuned on.\n# " if blind else "") + \
        "Rows: [tension, kind, persona, writer's label, labeller's label, text]; stories: [tensions, labeller's tensions, persona, text].\n"
    text += yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100)
    text += yaml.safe_dump({"answers": rows, "stories": srows}, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    out.write_text(text, encoding="utf-8")
    print(f"{writer}: {len(rows)} answers ({agree} agreed), {len(srows)} stories -> {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("writer_dir", type=Path)
    parser.add_argument("labels_dir", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--writer")
    parser.add_argument("--personas", default="")
    parser.add_argument("--blind", action="store_true")
    parser.add_argument("--mix", default="mix.md", help="the mix brief the writer was given")
    parser.add_argument("--tensions", default="tensions.md", help="the tension descriptions the writer was given")
    parser.add_argument("--items", action="store_true", help="write the labeller's view instead")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.items:
        items(args.writer_dir, args.labels_dir, args.seed)
    else:
        assemble(args.writer_dir, args.labels_dir, args.out, args.writer, args.personas, args.blind, args.mix, args.tensions)
