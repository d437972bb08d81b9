"""The reader on the project's own labelled answers (tests/data/answers.yaml, written by the
hand that wrote the cues): floors that a regression would break.

These say little about strangers' words (tests/test_heldout.py does that); they keep short,
plain answers of the kinds people type in a chat from getting worse.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from reflect.content.loader import Loaded
from reflect.matching.matcher import Matcher

from .benchmarks.devset import Answer, load_answers

#: Short negated one-liners ("We're not really seen as independent anymore") and "usually X,
#: but this time Y" are the learned reader's weak spots: the independent writers' "both"
#: answers often take the second shape ("most of the year we go along; once or twice we
#: push"), so it reads nearly half of these as holding both ends. It asks about most of them
#: rather than telling wrongly (see the last test); the floors keep it there.
FLOORS = {"all": 0.85, "negation": 0.55, "neither": 0.9, "contrast": 0.55, "typo": 0.8}


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


def test_when_it_tells_it_is_right(shipped: Loaded) -> None:
    matcher = Matcher(shipped.catalogue)
    told = [(a, matcher.match(a.text, a.tension)) for a in load_answers()]
    told = [(a, m) for a, m in told if not m.unsure]
    right = sum(m.pole == a.expected for a, m in told)
    # on held-out writers it is right 0.95 of the time when it tells (tests/test_heldout.py);
    # on these, written by the hand that wrote the cues, a little under
    assert len(told) >= 180 and right / len(told) >= 0.93, (right, len(told))
