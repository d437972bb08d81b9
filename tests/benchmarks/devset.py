"""The labelled dev set (tests/data/answers.yaml) as rows, shared by tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reflect.content.yamldoc import read_document

ANSWERS = Path(__file__).resolve().parent.parent / "data" / "answers.yaml"


@dataclass(frozen=True)
class Answer:
    id: str
    tension: str | None
    kind: str
    expected: str
    text: str


def load_answers(path: Path = ANSWERS) -> list[Answer]:
    doc, problems = read_document(path)
    assert doc is not None and not problems, problems
    rows = []
    for section, items in doc.data.items():
        tension = None if section == "none" else section
        for i, (kind, expected, text) in enumerate(items, start=1):
            rows.append(Answer(f"{section}-{i:02d}", tension, kind, expected, text))
    return rows
