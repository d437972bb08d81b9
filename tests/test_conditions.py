"""``var`` conditions in a script's branches, tested against states built by hand."""

from __future__ import annotations

from typing import Any

import pytest

from reflect.content.loader import Loaded
from reflect.content.script import Condition
from reflect.conversation.conditions import holds
from reflect.conversation.values import Frame, Record, State

TENSION = "power"


def state_with(
    record: dict[str, Any] | None = None, variables: dict[str, Any] | None = None
) -> State:
    """A conversation in the middle of the power tension: ``record`` holds what was kept about
    power, ``variables`` the session's variables."""
    state = State("one", (Frame("one", 0, TENSION),))
    if record is not None:
        kept = Record(TENSION)
        for name, value in record.items():
            kept = kept.with_value(name, value)
        state = state.with_record(kept)
    for name, value in (variables or {}).items():
        state = state.with_variable(name, value)
    return state


def var(name: str, equals: str | None = None, negate: bool = False) -> Condition:
    return Condition(kind="var", value=name, equals=equals, negate=negate)


def test_a_var_kept_on_the_tension_s_record_is_set(shipped: Loaded) -> None:
    state = state_with(record={"action": "Find allies"})
    assert holds(var("action"), state, shipped.catalogue, TENSION)
    assert not holds(var("action", negate=True), state, shipped.catalogue, TENSION)


def test_a_var_kept_as_a_session_variable_is_set_with_or_without_a_tension_in_hand(
    shipped: Loaded,
) -> None:
    state = state_with(variables={"name": "Sam"})
    assert holds(var("name"), state, shipped.catalogue, TENSION)  # no record for it: the session's
    assert holds(var("name"), state, shipped.catalogue, "")  # no tension in hand at all
    assert holds(var("name", equals="Sam"), state, shipped.catalogue, "")


def test_a_var_kept_for_another_tension_is_not_set_for_this_one(shipped: Loaded) -> None:
    other = Record("aims").with_value("action", "Agree the aims")
    state = state_with().with_record(other)
    assert not holds(var("action"), state, shipped.catalogue, TENSION)
    assert holds(var("action"), state, shipped.catalogue, "aims")


@pytest.mark.parametrize(
    ("record", "variables"),
    [
        (None, None),  # never set
        ({"other": "x"}, {"other": "y"}),  # only other names are set
        ({"action": ""}, None),  # set empty on the record
        (None, {"action": ""}),  # set empty in the session
        ({"action": None}, {"action": None}),  # set to nothing (a skipped question)
    ],
)
def test_an_unset_or_empty_var_is_not_set_and_its_negation_holds(
    shipped: Loaded, record: dict[str, Any] | None, variables: dict[str, Any] | None
) -> None:
    state = state_with(record, variables)
    assert not holds(var("action"), state, shipped.catalogue, TENSION)
    assert holds(var("action", negate=True), state, shipped.catalogue, TENSION)


def test_equals_compares_the_value_as_text(shipped: Loaded) -> None:
    catalogue = shipped.catalogue
    state = state_with(record={"now": 4, "route": "deeper"})
    assert holds(var("route", equals="deeper"), state, catalogue, TENSION)
    assert holds(var("now", equals="4"), state, catalogue, TENSION)  # a scale's number
    assert not holds(var("route", equals="Deeper"), state, catalogue, TENSION)  # case counts
    assert not holds(var("route", equals="deep"), state, catalogue, TENSION)  # whole, not a prefix
    assert not holds(var("now", equals="5"), state, catalogue, TENSION)


def test_equals_on_an_unset_var_does_not_hold(shipped: Loaded) -> None:
    state = state_with(variables={"other": "deeper"})
    assert not holds(var("route", equals="deeper"), state, shipped.catalogue, TENSION)
    assert not holds(var("route", equals=""), state_with(), shipped.catalogue, TENSION)


def test_not_reverses_equals_both_ways(shipped: Loaded) -> None:
    state = state_with(record={"route": "deeper"})
    assert not holds(var("route", equals="deeper", negate=True), state, shipped.catalogue, TENSION)
    assert holds(var("route", equals="onwards", negate=True), state, shipped.catalogue, TENSION)


def test_the_tension_s_record_wins_over_a_session_variable_of_the_same_name(
    shipped: Loaded,
) -> None:
    catalogue = shipped.catalogue
    state = state_with(record={"chosen": "aims"}, variables={"chosen": "power"})
    assert holds(var("chosen", equals="aims"), state, catalogue, TENSION)
    assert not holds(var("chosen", equals="power"), state, catalogue, TENSION)
    # with no tension in hand only the session's value is there to compare
    assert holds(var("chosen", equals="power"), state, catalogue, "")
