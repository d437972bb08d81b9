"""Floors per kind on writers the reader was not trained on.

The slowest test in the suite: the writers are dealt into three groups and the reader is
trained three times, each time without one group, which then reads for it (the benchmark holds
out one writer at a time; this is quicker and a little harder). It is what says the reader
reads people it has never met. The blind writer is not used here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.loader import Loaded
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

#: Floors a little under the figures measured with three groups of writers (all 0.900,
#: plain 0.979, paraphrase 0.919, negation 0.905, hedged 0.888, typo 0.944, short 0.830,
#: long 0.900, both 0.786, neither recall 0.907). Reading a denied cue the other way round cost
#: about a point here (0.911 before): see the release note.
FLOORS = {
    "all": 0.89,
    "plain": 0.95,
    "paraphrase": 0.90,
    "negation": 0.88,
    "hedged": 0.87,
    "typo": 0.93,
    "short": 0.81,
    "long": 0.88,
    "both": 0.76,
    "neither recall": 0.89,
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
    assert precision >= 0.94 and coverage >= 0.86


def test_stories_find_their_tensions(held_out: Results) -> None:
    in_top3, top1 = story_figures(held_out.stories)
    assert in_top3 >= 0.83 and top1 >= 0.86
