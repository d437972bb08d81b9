"""A session's records as plain data: what the journal keeps and the JSON export carries."""

from __future__ import annotations

from typing import Any

from reflect.conversation import Record, State
from reflect.model import Catalogue
from reflect.render import carried_question

#: The version of this data's shape (in the journal and in JSON exports).
SCHEMA = 1
KEPT = (
    "answer",
    "agreed",
    "feeling",
    "grounds",
    "cost",
    "probe",
    "compromise",
    "others",
    "again",
    "action",
    "warning",
    "takeaway",
)


def record_data(record: Record, catalogue: Catalogue, seed: int = 0) -> dict[str, Any]:
    """One tension's record as plain data."""
    tension = catalogue.tension(record.tension)
    reading = record.reading
    data: dict[str, Any] = {
        "id": record.tension,
        "title": tension.title,
        "poles": [p.id for p in tension.poles],
        "now": record.now,
        "preferred": record.preferred,
        "placed": record.placed or None,
        "corrected": record.corrected,
        "notes": list(record.notes),
        "skipped": list(record.skipped),
        "done": record.done,
        # the question the conversation offered to carry forward, so the summary repeats it
        "question": carried_question(tension, seed),
    }
    data.update({k: record.get(k) for k in KEPT})
    data["reading"] = (
        None
        if reading is None
        else {
            "pole": reading.pole,
            "lean": reading.lean,
            "confidence": reading.confidence,
            # the conversation asked rather than told: the summary must not claim a reading
            "unsure": reading.unsure,
            "evidence": [
                {
                    "pole": e.pole,
                    "text": e.text,
                    "start": e.start,
                    "end": e.end,
                    "negated": e.negated,
                    "weight": e.weight,
                }
                for e in reading.evidence
            ],
        }
    )
    return data


def snapshot(state: State, catalogue: Catalogue) -> dict[str, Any]:
    """Everything a session has recorded, as plain data."""
    return {
        "schema": SCHEMA,
        "dialogue": state.dialogue,
        "name": state.variables.get("name") or None,
        "finished": state.finished,
        "quit": state.quit,
        "notes": list(state.notes),
        # what a script asked once for the whole session (a story, a goal, a commitment); the
        # summary decides which of them to show, and how to name them
        "reflections": {
            k: str(v) for k, v in state.variables.items() if k != "name" and v not in (None, "")
        },
        "tensions": [record_data(r, catalogue, state.seed) for r in state.visited],
    }


def without_notes(snap: dict[str, Any]) -> dict[str, Any]:
    """The snapshot with every coach's note left out (for an export without them)."""
    tensions = [{**t, "notes": []} for t in snap.get("tensions", []) if isinstance(t, dict)]
    return {**snap, "notes": [], "tensions": tensions}
