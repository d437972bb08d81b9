"""The session as JSON with a schema version: the input of cohort roll-ups.

Positions and readings only, by default: a file meant to be shared with a trainer carries
none of the person's own words unless they ask for them (``with_words``).
"""

from __future__ import annotations

import json
from typing import Any

from reflect.base.textsafe import json_visible
from reflect.journal.snapshot import KEPT, SCHEMA, Snapshot
from reflect.summary.build import REFLECTION_LABELS, Summary
from reflect.summary.exporters import Export

#: The person's own words about a tension, carried only when they ask (``with_words``).
WORDS = tuple(k for k in KEPT if k != "agreed")


def render(
    snap: Snapshot, summary: Summary, *, meta: dict[str, Any], with_words: bool = False
) -> str:
    tensions = []
    for data in snap.tensions:
        item: dict[str, Any] = {
            "id": data.id,
            "title": data.title,
            "poles": list(data.poles),
            "now": data.now,
            "preferred": data.preferred,
            "placed": data.placed,
            "corrected": data.corrected,
        }
        reading = data.reading
        item["reading"] = (
            None
            if reading is None
            else {"pole": reading.pole, "lean": reading.lean, "confidence": reading.confidence}
        )
        if with_words:
            item.update({k: data.get(k) for k in WORDS})
            item["notes"] = list(data.notes)
            item["words"] = [e.text for e in reading.evidence] if reading else []
        tensions.append(item)
    document = {
        "format": "reflect-session",
        "schema": SCHEMA,
        **meta,
        "dialogue": snap.dialogue,
        "finished": snap.finished,
        "tensions": tensions,
        "pattern": list(summary.pattern),
        **({"reflections": _reflections(snap)} if with_words else {}),
        "references": list(summary.references),
    }
    return json_visible(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _reflections(snap: Snapshot) -> dict[str, str]:
    """The session-wide answers the summary shows, by key (choices of ids are not answers)."""
    said = snap.reflections
    return {k: str(said[k]) for k in REFLECTION_LABELS if said.get(k)}


def export(given: Export) -> str:
    """The JSON export of a session (see ``exporters``)."""
    return render(given.snapshot, given.summary, meta=given.meta, with_words=given.with_words)
