"""Checks of content that need the reader: cue clashes between poles, example answers read
back to their pole, and whether the shipped weights were trained on this content."""

from __future__ import annotations

from pathlib import Path

from reflect.base.messages import problem_text
from reflect.base.problems import Problem
from reflect.content.check import quote_problems, wording_problems
from reflect.content.loader import Loaded, display_path
from reflect.content.model import Catalogue, Tension
from reflect.content.yamldoc import Document, Key
from reflect.matching import corpus as corpus_files
from reflect.matching.cues import CueReader
from reflect.matching.fingerprint import stale
from reflect.matching.fuzzy import close_pairs, fold
from reflect.matching.learned import SHIPPED, load

#: Cues of opposite poles this similar (rapidfuzz ratio, 0-100) are reported.
COLLISION_CUTOFF = 88.0


def _raw_index(doc: Document, key: Key, text: str) -> int:
    """Index of ``text`` in the raw list at ``key`` (content lists drop duplicates)."""
    value = doc.data
    for part in key:
        value = value[part]
    for i, item in enumerate(value):
        if isinstance(item, str) and " ".join(item.split()) == text:
            return i
    return 0


def cue_problems(tension: Tension, doc: Document) -> list[Problem]:
    """Warnings for cues that appear under both poles, or nearly so."""
    problems: list[Problem] = []
    left, right = tension.poles
    right_folded = {fold(c): c for c in right.cues}
    for cue in left.cues:
        if fold(cue) in right_folded:
            where = (
                "poles",
                1,
                "cues",
                _raw_index(doc, ("poles", 1, "cues"), right_folded[fold(cue)]),
            )
            problems.append(doc.warning(where, "cue-both-poles", cue=cue, a=left.id, b=right.id))
    for i, j, score in close_pairs(left.cues, right.cues, COLLISION_CUTOFF):
        where = ("poles", 1, "cues", _raw_index(doc, ("poles", 1, "cues"), right.cues[j]))
        problems.append(
            doc.warning(
                where,
                "cue-collision",
                cue=right.cues[j],
                pole=right.id,
                other=left.cues[i],
                other_pole=left.id,
                score=score,
            )
        )
    return problems


def example_problems(tension: Tension, doc: Document, matcher: CueReader) -> list[Problem]:
    """Warnings for example answers the cue layer does not place on their own pole.

    The cue layer, not the learned reader: the reader is trained on the examples, so it
    would mostly recite them back."""
    problems: list[Problem] = []
    for pi, pole in enumerate(tension.poles):
        for example in pole.examples:
            result = matcher.match(example, tension.id)
            if result.pole != pole.id:
                key: Key = ("poles", pi, "examples")
                where = (*key, _raw_index(doc, key, example))
                problems.append(
                    doc.warning(
                        where,
                        "example-misplaced",
                        pole=pole.id,
                        found=result.pole,
                        lean=result.lean,
                    )
                )
    return problems


#: Words that give away the inside when a person reads them: seed files, "the seeds", the
#: program's own parts. Content cites research as author (year).


def check_catalogue(
    loaded: Loaded,
    seeds: dict[str, str] | None = None,
    seeds_folder: str = "",
    *,
    examples: bool = False,
) -> list[Problem]:
    """All problems: those found while loading plus the catalogue-wide checks.

    With ``examples`` (``--strict``), every example answer also goes through the matcher.
    """
    problems = list(loaded.problems)
    for doc in loaded.docs.values():
        problems += wording_problems(doc)
    matcher = CueReader(loaded.catalogue) if examples and loaded.catalogue.tensions else None
    for tension in loaded.catalogue.tensions:
        doc = loaded.docs[tension.path]
        problems += cue_problems(tension, doc)
        if seeds is not None:
            problems += quote_problems(tension, doc, seeds, seeds_folder)
        if matcher is not None:
            problems += example_problems(tension, doc, matcher)
    return sorted(problems)


def weights_problems(catalogue: Catalogue, corpus: Path | None) -> list[Problem]:
    """A warning when the shipped weights were trained on another corpus or catalogue."""

    weights = load(SHIPPED)
    where = display_path(SHIPPED)
    if weights is None:
        return [Problem(where, 0, 0, "no-weights", problem_text("no-weights"), "warning")]
    corpus_hash = corpus_files.fingerprint(corpus) if corpus and corpus.is_dir() else None
    return [
        Problem(where, 0, 0, "stale-weights", problem_text("stale-weights", why=why), "warning")
        for why in stale(weights.fingerprint, catalogue, corpus_hash)
    ]
