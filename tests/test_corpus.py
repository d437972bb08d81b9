"""The labelled corpus: its size, its provenance, and a blind set that stays blind."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reflect.content.loader import Loaded
from reflect.content.yamldoc import read_document
from reflect.matching.corpus import KINDS, MAX_ANSWERS, read_corpus, writer_files

CORPUS = Path(__file__).parent / "data" / "corpus"


def _header(path: Path) -> dict[str, object]:
    """A file's header fields, read line by line (the blind file's answers stay unread)."""
    head: dict[str, object] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(("answers:", "stories:")):
                break
            if ":" in line and not line.startswith((" ", "#")):
                key, _, value = line.partition(":")
                head[key] = value.strip()
    return head


def test_every_writer_file_names_its_provenance() -> None:
    files = writer_files(CORPUS)
    assert len(files) >= 6
    for path in files:
        head = _header(path)
        for key in ("writer", "blind", "written", "brief", "how", "personas", "counts"):
            assert key in head, (path.name, key)
    assert (CORPUS / "briefs" / "tensions.md").is_file()
    assert (CORPUS / "briefs" / "writing.md").is_file()


def test_the_blind_writers_have_enough_answers() -> None:
    blind = [p for p in writer_files(CORPUS) if _header(p)["blind"] == "true"]
    sizes = []
    for path in blind:
        # its size from its own header: the answers themselves are never parsed here
        doc, problems = read_document(path, max_items=MAX_ANSWERS)
        assert doc is not None and not problems
        sizes.append(sum(v for k, v in doc.data["counts"].items() if k in KINDS))
    # one for the first eighteen tensions, one for the three added later, and one over all
    # twenty-one written after the reader was finished (at least 400 answers)
    assert len(sizes) == 3 and min(sizes) >= 100 and max(sizes) >= 400


def test_the_training_corpus_never_includes_the_blind_writer() -> None:
    writers = {f.writer for f in read_corpus(CORPUS)}
    blind = {_header(p)["writer"] for p in writer_files(CORPUS) if _header(p)["blind"] == "true"}
    assert writers and not writers & blind


def test_the_corpus_is_big_enough_in_every_part(shipped: Loaded) -> None:
    files = read_corpus(CORPUS)
    blind = [p for p in writer_files(CORPUS) if _header(p)["blind"] == "true"]
    doc, _ = read_document(blind[0], max_items=MAX_ANSWERS)
    assert doc is not None
    answers = [a for f in files for a in f.answers]
    labels = Counter(a.label for a in answers)
    stories = sum(len(f.stories) for f in files) + doc.data["counts"]["stories"]
    assert len(answers) + sum(v for k, v in doc.data["counts"].items() if k in KINDS) >= 2500
    for tension in shipped.catalogue.tensions:
        for pole in tension.poles:
            floor = 85 if tension.is_core else 34  # >= 100 and >= 40 with the blind writer
            assert labels[pole.id] >= floor, pole.id
    assert labels["both"] >= 200 and labels["neither"] >= 200
    assert stories >= 150
    assert {a.kind for a in answers} == set(KINDS)


def test_labels_name_real_poles_and_tensions(shipped: Loaded) -> None:
    for f in read_corpus(CORPUS):
        for a in f.answers:
            poles = {p.id for p in shipped.catalogue.tension(a.tension).poles}
            assert a.label in poles | {"both", "neither"}, a.id
            assert a.kind in KINDS, a.id
        for s in f.stories:
            assert 2 <= len(s.tensions) <= 3 and set(s.tensions) <= set(
                shipped.catalogue.tension_ids
            )


@pytest.mark.parametrize("path", writer_files(CORPUS)[:1])
def test_a_broken_row_is_reported_with_its_place(path: Path, tmp_path: Path) -> None:
    from reflect.matching.corpus import CorpusError, read_writer

    bad = tmp_path / "w9.yaml"
    bad.write_text("writer: w9\nanswers:\n  - [power, plain, A, challenge]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"w9.yaml:3:5: an answer is"):
        read_writer(bad)
