"""The typed snapshot: what a session recorded, written as plain data and read back unchanged,
and read forgivingly from data that is old, hand-made or damaged."""

from __future__ import annotations

import dataclasses
import json

import pytest

from reflect.content.loader import Loaded
from reflect.conversation.engine import Engine
from reflect.conversation.session import Session
from reflect.journal.snapshot import SCHEMA, Snapshot, snapshot, without_notes
from reflect.matching.matcher import Matcher
from reflect.summary.build import build
from reflect.summary.exporters import EXPORTERS, Export

#: One tension talked through: an answer read, a place on the scale, a preferred place, a step.
ANSWERS = ["I pushed back and said it isn't a partnership.", "", "", "1", "", "", "4", "More say"]


def recorded(shipped: Loaded, matcher: Matcher) -> Session:
    engine = Engine(shipped.catalogue, matcher=matcher, seed=3)
    session = Session(engine, "one", variables={"chosen": "power"})
    session.send("/note the coach saw it")
    for line in ANSWERS:
        session.send(line)
    return session


def notes(snap: Snapshot) -> list[str]:
    """Every coach's note in a snapshot, the session's and each tension's."""
    return [*snap.notes, *(n for t in snap.tensions for n in t.notes)]


def test_a_snapshot_written_as_data_reads_back_as_the_same_value(
    shipped: Loaded, matcher: Matcher
) -> None:
    snap = snapshot(recorded(shipped, matcher).state, shipped.catalogue)
    power = snap.tensions[0]
    assert power.id == "power" and power.reading is not None and power.reading.evidence
    assert power.now is not None and power.preferred == 4 and notes(snap)
    # through JSON, as the journal keeps it
    again = Snapshot.read(json.loads(json.dumps(snap.data())))
    assert again == snap
    assert again.data() == snap.data()


def test_damaged_or_hand_made_data_gives_what_it_has_and_defaults_for_the_rest() -> None:
    snap = Snapshot.read(
        {
            "dialogue": 7,  # not text
            "reflections": ["not", "a", "mapping"],
            "tensions": [
                "not a record",
                {"title": "no id"},
                {
                    "id": "power",
                    "now": "4",  # text, not a place on the scale
                    "preferred": True,  # a truth value is no place either
                    "answer": 12,  # a number from a scale step is kept as given
                    "reading": {
                        "pole": "accept",
                        "lean": "far",
                        "evidence": [{"text": "quiet", "start": 0}, {"start": 1, "end": 4}],
                    },
                },
            ],
        }
    )
    assert snap.dialogue == "" and snap.reflections == {} and snap.schema == SCHEMA
    (power,) = snap.tensions
    assert (power.id, power.now, power.preferred, power.get("answer")) == ("power", None, None, 12)
    assert power.reading is not None and power.reading.lean == 0.0
    assert [(e.start, e.end) for e in power.reading.evidence] == [(1, 4)]
    assert Snapshot.read({}) == Snapshot()


def test_a_snapshot_is_frozen_and_leaving_notes_out_makes_a_new_one(
    shipped: Loaded, matcher: Matcher
) -> None:
    snap = snapshot(recorded(shipped, matcher).state, shipped.catalogue)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.finished = True  # type: ignore[misc]
    bare = without_notes(snap)
    assert notes(bare) == []
    assert notes(snap) == ["the coach saw it"]  # the one it came from is unchanged
    assert dataclasses.replace(bare, notes=snap.notes, tensions=snap.tensions) == snap


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_every_registered_format_renders_the_session_it_is_given(
    shipped: Loaded, matcher: Matcher, fmt: str
) -> None:
    snap = snapshot(recorded(shipped, matcher).state, shipped.catalogue)
    given = Export(build(snap, shipped.catalogue), snap, "Session 1, 2026-11-24")
    text = EXPORTERS[fmt].render(given)
    assert shipped.catalogue.tension("power").title in text
    assert fmt == "json" or "Session 1, 2026-11-24" in text
