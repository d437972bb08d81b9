"""The labelled corpus: answers and stories written by independent writers, one file each.

A writer's file (``tests/data/corpus/w1.yaml``) holds a provenance header (writer, personas,
brief, date, who labelled it blind) and two lists:

- ``answers``: rows ``[tension, kind, persona, label, check, text]``. ``label`` is the
  writer's; ``check`` is a second labeller's, given only the text and the tension. Where they
  differ the answer is ambiguous and left out of scoring and training.
- ``stories``: rows ``[tensions, check, persona, text]``; a story counts the tensions both
  the writer and the labeller named.

A file whose header says ``blind: true`` is the frozen blind set: the trainer never reads it,
and only the benchmark's final report does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reflect.base.problems import Problem
from reflect.content.yamldoc import read_document

KINDS = ("plain", "paraphrase", "negation", "hedged", "typo", "short", "long", "both", "neither")


@dataclass(frozen=True)
class Answer:
    """One labelled answer."""

    writer: str
    id: str
    tension: str
    kind: str
    label: str
    check: str
    text: str

    @property
    def ambiguous(self) -> bool:
        return self.label != self.check


@dataclass(frozen=True)
class Story:
    """A story that touches two or three tensions."""

    writer: str
    id: str
    tensions: tuple[str, ...]
    check: tuple[str, ...]
    text: str

    @property
    def agreed(self) -> tuple[str, ...]:
        """The tensions both the writer and the labeller named."""
        return tuple(t for t in self.tensions if t in self.check)


@dataclass(frozen=True)
class WriterFile:
    """One writer's labelled file."""

    writer: str
    blind: bool
    answers: tuple[Answer, ...]
    stories: tuple[Story, ...]


#: The most answers (or stories) one writer's file may hold: more than a content file's lists
#: (``yamldoc.MAX_ITEMS``), still bounded.
MAX_ANSWERS = 2_000


class CorpusError(Exception):
    """A corpus file that cannot be read; the message is ``path:line:column: what``."""


def _fail(problems: list[Problem]) -> CorpusError:
    return CorpusError("\n".join(str(p) for p in problems))


def read_writer(path: Path) -> WriterFile:
    """One writer's file."""
    doc, problems = read_document(path, max_items=MAX_ANSWERS)
    if doc is None or problems:
        raise _fail(problems)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("writer"), str):
        line, column = doc.where(())
        raise CorpusError(f"{path}:{line}:{column}: a writer's file needs 'writer:'")
    writer = data["writer"]
    answers = []
    for i, row in enumerate(data.get("answers") or []):
        if not (isinstance(row, list) and len(row) == 6 and all(isinstance(x, str) for x in row)):
            line, column = doc.where(("answers", i))
            raise CorpusError(
                f"{path}:{line}:{column}: an answer is [tension, kind, persona, label, check, text]"
            )
        tension, kind, _persona, label, check, text = row
        answers.append(Answer(writer, f"{writer}-{i + 1:04d}", tension, kind, label, check, text))
    stories = []
    for i, row in enumerate(data.get("stories") or []):
        if not (isinstance(row, list) and len(row) == 4 and isinstance(row[3], str)):
            line, column = doc.where(("stories", i))
            raise CorpusError(
                f"{path}:{line}:{column}: a story is [tensions, check, persona, text]"
            )
        tensions, check, _persona, text = row
        stories.append(Story(writer, f"{writer}-s{i + 1:03d}", tuple(tensions), tuple(check), text))
    return WriterFile(writer, data.get("blind") is True, tuple(answers), tuple(stories))


def writer_files(folder: Path) -> list[Path]:
    """The writers' files in a corpus folder, in name order."""
    return sorted(folder.glob("w*.yaml"))


def read_corpus(folder: Path, *, blind: bool = False) -> list[WriterFile]:
    """Every writer's file in ``folder``; the blind one only when asked for."""
    out = []
    for path in writer_files(folder):
        if not blind and _is_blind(path):
            continue  # not even parsed: the blind set stays unread
        out.append(read_writer(path))
    return out


def _is_blind(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("blind:"):
                return line.split(":", 1)[1].strip() == "true"
            if line.startswith(("answers:", "stories:")):
                break
    return False


def fingerprint(folder: Path) -> str:
    """A hash of the training part of the corpus (every writer's file but the blind one)."""
    digest = hashlib.sha256()
    for path in writer_files(folder):
        if not _is_blind(path):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
