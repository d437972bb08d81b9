"""Floors per kind on writers the reader was not trained on.

The slowest test in the suite: the writers are dealt into three groups and the reader is
trained three times, each time without one group, which then reads for it (the benchmark holds
out one writer at a time; this is quicker and a little harder). It is what says the reader
reads people it has never met. The blind writer is not used here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.content.loader import Loaded
from reflect.matching.corpus import read_corpus
from reflect.matching.cues import CueReader
from reflect.matching.evaluate import (
    Results,
    accuracy,
    leave_one_writer_out,
    story_figures,
    telling,
)
from reflect.matching.train import Featuriser, choose_threshold

CORPUS = Path(__file__).parent / "data" / "corpus"

#: Floors a little under the figures measured with three groups of sixteen writers (all 0.912,
#: plain 0.984, paraphrase 0.921, negation 0.916, hedged 0.917, typo 0.942, short 0.870,
#: long 0.938, both 0.781, neither recall 0.924). Words weighing by how rare they are (idf) is
#: what lifts them from about 0.90; without it these floors fail (see the release note). Two
#: writers of asides that answer nothing (w17, w18) cost short answers a few points: more of
#: them are now asked about rather than told.
FLOORS = {
    "all": 0.90,
    "plain": 0.97,
    "paraphrase": 0.90,
    "negation": 0.90,
    "hedged": 0.90,
    "typo": 0.92,
    "short": 0.85,
    "long": 0.92,
    "both": 0.76,
    "neither recall": 0.90,
}
GROUPS = 3


@pytest.fixture(scope="module")
def held_out(shipped: Loaded) -> Results:
    files = read_corpus(CORPUS)
    reader = Featuriser(CueReader(shipped.catalogue))
    return leave_one_writer_out(shipped.catalogue, files, reader, groups=GROUPS)


@pytest.mark.parametrize("kind", FLOORS)
def test_accuracy_by_kind_on_unseen_writers(held_out: Results, kind: str) -> None:
    right, total = accuracy(held_out.readings)[kind]
    assert right / total >= FLOORS[kind], (kind, right, total)


def test_when_it_tells_it_is_right(held_out: Results) -> None:
    readings = [(r.predicted, r.probability, r.expected) for r in held_out.readings]
    tell_at = choose_threshold(readings)
    precision, coverage = telling(held_out.readings, tell_at)
    assert precision >= 0.94 and coverage >= 0.88


def test_stories_find_their_tensions(held_out: Results) -> None:
    # measured 0.826 and 0.836: the stories of w15 and w16, told before any tension is named,
    # are harder to place (0.72-0.75 of their tensions in the top three)
    in_top3, top1 = story_figures(held_out.stories)
    assert in_top3 >= 0.81 and top1 >= 0.82
