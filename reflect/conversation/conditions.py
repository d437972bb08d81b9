"""Whether a script's branch condition holds against the conversation so far."""

from __future__ import annotations

from reflect.content.model import Catalogue
from reflect.content.script import Condition
from reflect.conversation.lean import leaning
from reflect.conversation.values import State


def holds(condition: Condition, state: State, catalogue: Catalogue, tension_id: str) -> bool:
    """Whether a branch's condition holds now."""
    result = _test(condition, state, catalogue, tension_id)
    return not result if condition.negate else result


def _test(condition: Condition, state: State, catalogue: Catalogue, tension_id: str) -> bool:
    record = state.record(tension_id) if tension_id else None
    if condition.kind == "seen":
        return bool(tension_id) and tension_id in state.seen
    if condition.kind == "kind":
        return bool(tension_id) and catalogue.tension(tension_id).kind == condition.value
    if condition.kind == "var":
        value = record.get(condition.value) if record else None
        if value is None:
            value = state.variables.get(condition.value)
        if condition.equals is None:
            return value not in (None, "")
        return str(value) == condition.equals
    if record is None:
        return False
    reading = record.reading
    test = condition.value
    if test == "none":
        return reading is None
    if test == "unsure":
        return reading is None or reading.unsure
    if test == "sure":
        return reading is not None and not reading.unsure
    tension = catalogue.tension(tension_id)
    lean = leaning(record, tension)
    if test in ("left", "right", "both", "neither"):
        return lean == test
    return (record.placed or (reading.pole if reading else "")) == test
