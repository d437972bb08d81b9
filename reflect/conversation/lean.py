"""Which way a person leans on a tension: where they placed themselves, else how their words
were read; and the scale position to suggest from that."""

from __future__ import annotations

from typing import Literal

from reflect.content.model import Tension
from reflect.conversation.values import Record

#: Where each placement sits on the 1-7 scale.
PLACED_AT = {"left": 2, "right": 6, "both": 4}


def side(tension: Tension, pole: str) -> str:
    """ "left", "right", or the pole word itself ("both", "neither", "")."""
    if pole == tension.poles[0].id:
        return "left"
    if pole == tension.poles[1].id:
        return "right"
    return pole


#: Where a person ended on a tension, for a summary ("" when nothing says).
Settled = Literal["left", "right", "middle", ""]


def settled_side(tension: Tension, now: int | None, pole: str) -> Settled:
    """Where a person ended on a tension, for a summary: "left", "right" or "middle" from
    their place on the scale; without one, from the pole they placed themselves at or were
    read at ("middle" for both); "" when nothing says."""
    if now is not None:
        return "left" if now <= 3 else "right" if now >= 5 else "middle"
    at = side(tension, pole)
    if at == "left":
        return "left"
    if at == "right":
        return "right"
    return "middle" if at == "both" else ""


def leaning(record: Record, tension: Tension) -> str:
    """The side the person leans to: where they placed themselves, else the reading."""
    if record.placed:
        return side(tension, record.placed) if record.placed not in PLACED_AT else record.placed
    if record.reading is not None:
        return side(tension, record.reading.pole)
    return ""


def suggestion(record: Record, tension: Tension, into: str) -> int | None:
    """A suggested scale position: the preferred one starts from now; now from the reading."""
    if into == "preferred" and record.now is not None:
        return record.now
    lean = leaning(record, tension)
    if record.placed:  # their own placement; "neither" suggests nothing
        return PLACED_AT.get(lean)
    reading = record.reading
    # a reading the person turned down is never offered back to them
    if reading is None or reading.pole == "neither" or record.get("agreed") in ("no", "partly"):
        return None
    return max(1, min(7, round(4 + 3 * reading.lean)))
