"""What kind of answer the waiting question wants, in words: the numbered options, or the
scale's ends and its suggestion. Every face shows the same hint in its own way."""

from __future__ import annotations

from reflect.base.messages import ui
from reflect.conversation.values import Expect


def hint(expect: Expect) -> list[str]:
    """The hint's pieces: one per option ("1) Accept"), or the scale's legend; none for free
    text (each face says that in its own way)."""
    if expect.kind in ("choice", "pick"):
        return [f"{i}) {o.label}" for i, o in enumerate(expect.options, start=1)]
    if expect.kind == "scale":
        legend = ui("scale-legend", low=expect.low or "1", high=expect.high or "7")
        if expect.suggestion is not None:
            legend += " " + ui("scale-suggestion", suggestion=expect.suggestion)
        return [legend]
    return []
