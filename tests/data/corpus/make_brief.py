"""Write the writers' brief: only what a person using the product would know of each tension.

Run from the project folder:  python tests/data/corpus/make_brief.py > tests/data/corpus/briefs/tensions.md
It prints each tension's title, summary, pole ids and names and their `in_practice` text:
nothing else (no cues, no examples, no quotes).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

CORE = [
    "agency-dependency", "values-pragmatism", "distinctiveness-incorporation", "power",
    "unity-diversity", "aims", "leadership", "conflict", "arena", "cooperation-competition",
]


def main(folder: Path) -> None:
    docs = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs[doc["id"]] = doc
    order = [t for t in CORE if t in docs] + sorted(t for t in docs if t not in CORE)
    print("# The tensions: public descriptions\n")
    for tid in order:
        doc = docs[tid]
        group = "core" if tid in CORE else "further"
        print(f"## {doc['title']}  (tension id: `{tid}`, {group})\n")
        print(" ".join(doc["summary"].split()) + "\n")
        for pole in doc["poles"]:
            print(f"- pole id `{pole['id']}` - **{pole['name']}**: " + " ".join(pole["in_practice"].split()))
        print()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tensions"))
