"""The session as JSON with a schema version: the input of cohort roll-ups.

Positions and readings only, by default: a file meant to be shared with a trainer carries
none of the person's own words unless they ask for them (``with_words``).
"""

from __future__ import annotations

import json
from typing import Any

from reflect.snapshot import KEPT, SCHEMA
from reflect.summary import REFLECTION_LABELS, Summary
from reflect.textsafe import json_visible

WORDS = (*(k for k in KEPT if k != "agreed"), "notes")


def render(
    snap: dict[str, Any], summary: Summary, *, meta: dict[str, Any], with_words: bool = False
) -> str:
    tensions = []
    for data in snap.get("tensions", []):
        item = {
            k: data.get(k)
            for k in ("id", "title", "poles", "now", "preferred", "placed", "corrected")
        }
        reading = data.get("reading")
        item["reading"] = (
            None if reading is None else {k: reading.get(k) for k in ("pole", "lean", "confidence")}
        )
        if with_words:
            item.update({k: data.get(k) for k in WORDS})
            item["words"] = [e["text"] for e in (reading or {}).get("evidence", [])]
        tensions.append(item)
    document = {
        "format": "reflect-session",
        "schema": SCHEMA,
        **meta,
        "dialogue": snap.get("dialogue"),
        "finished": snap.get("finished", False),
        "tensions": tensions,
        "pattern": list(summary.pattern),
        **({"reflections": _reflections(snap)} if with_words else {}),
        "references": list(summary.references),
    }
    return json_visible(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _reflections(snap: dict[str, Any]) -> dict[str, str]:
    """The session-wide answers the summary shows, by key (choices of ids are not answers)."""
    said = snap.get("reflections") or {}
    return {k: str(said[k]) for k in REFLECTION_LABELS if said.get(k)}
