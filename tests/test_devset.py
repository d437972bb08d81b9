"""The matcher on the project's labelled dev set: floors that a regression would break.

The figures themselves are printed by tests/benchmarks/bench_match.py; these floors sit a
little under them so that a small, deliberate trade-off does not fail the suite, but losing a
rule (negation, contrast, "neither") does.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from reflect.loader import Loaded
from reflect.matching.matcher import Matcher

from .benchmarks.devset import Answer, load_answers

FLOORS = {"all": 0.85, "negation": 0.65, "neither": 0.9, "contrast": 0.8, "typo": 0.8}


@pytest.fixture(scope="module")
def results(shipped: Loaded) -> list[tuple[Answer, str, list[str]]]:
    matcher = Matcher(shipped.catalogue)
    return [
        (a, matcher.match(a.text, a.tension).pole, [t.id for t in matcher.match(a.text).tensions])
        for a in load_answers()
    ]


def test_the_dev_set_is_big_and_covers_every_core_tension_and_kind() -> None:
    answers = load_answers()
    assert len(answers) >= 250
    kinds = {a.kind for a in answers}
    assert {"plain", "negation", "contrast", "typo", "hedge", "long", "both", "neither"} <= kinds
    for tension in {a.tension for a in answers if a.tension}:
        poles = {a.expected for a in answers if a.tension == tension}
        assert len(poles - {"both", "neither"}) == 2, tension


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_pole_accuracy_stays_above_its_floor(
    results: list[tuple[Answer, str, list[str]]], kind: str
) -> None:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for answer, pole, _ in results:
        for key in ("all", answer.kind):
            tally[key][0] += pole == answer.expected
            tally[key][1] += 1
    right, total = tally[kind]
    assert right / total >= FLOORS[kind], f"{kind}: {right}/{total}"


def test_tension_detection_top3(results: list[tuple[Answer, str, list[str]]]) -> None:
    on_topic = [(a, ranked) for a, _, ranked in results if a.tension and a.expected != "neither"]
    top3 = sum(a.tension in ranked[:3] for a, ranked in on_topic) / len(on_topic)
    assert top3 >= 0.85
