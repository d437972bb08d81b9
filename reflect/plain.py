"""``reflect --plain``: the conversation as plain lines, one answer per input line.

For screen readers, pipes and terminals without a full-screen UI. Nothing here is parsed as
markup; control characters in anything the person typed are shown, never sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from reflect.conversation import State, Turn
from reflect.messages import ui
from reflect.report.markdown import render as markdown
from reflect.session import Session
from reflect.summary import Summary
from reflect.textsafe import visible


def show(turns: list[Turn], out: TextIO, echo: bool) -> None:
    """Write turns as plain paragraphs; the person's own words only when echoing."""
    for turn in turns:
        if turn.speaker == "person":
            if echo:
                out.write(f"> {visible(turn.text)}\n")
            continue
        prefix = {"coach": "Note: ", "system": ""}.get(turn.speaker, "")
        out.write(f"\n{prefix}{visible(turn.text)}\n")


def show_expect(state: State, out: TextIO) -> None:
    """What kind of answer the waiting question wants."""
    expect = state.expect
    if expect.kind in ("choice", "pick"):
        for i, option in enumerate(expect.options, start=1):
            out.write(f"  {i}) {visible(option.label)}\n")
    elif expect.kind == "scale":
        legend = ui("scale-legend", low=expect.low or "1", high=expect.high or "7")
        if expect.suggestion is not None:
            legend += " " + ui("scale-suggestion", suggestion=expect.suggestion)
        out.write(f"  {legend}\n")


def run_plain(
    session: Session,
    lines: Iterable[str],
    out: TextIO,
    *,
    echo: bool,
    summary: Callable[[], Summary],
) -> int:
    """Drive a session from lines of input until it ends or the input does."""
    show(session.opening, out, echo)
    if session.state.waiting:
        show_expect(session.state, out)
    for line in lines:
        turns = session.send(line.rstrip("\r\n"))
        show(turns, out, echo)
        if session.finished:
            break
        if session.state.waiting and any(t.kind == "question" for t in turns):
            show_expect(session.state, out)
    else:
        if not session.finished:
            out.write("\n" + ui("end-of-input") + "\n")
    out.write("\n" + markdown(summary(), plain=True))
    out.flush()
    return 0
