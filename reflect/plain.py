"""``reflect --plain``: the conversation as plain lines, one answer per input line.

For screen readers, pipes and terminals without a full-screen UI. Nothing here is parsed as
markup; control characters in anything the person typed are shown, never sent.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable
from typing import TextIO

from reflect.base.messages import ui
from reflect.base.textsafe import visible
from reflect.conversation.hint import hint
from reflect.conversation.session import Session
from reflect.conversation.values import State, Turn
from reflect.summary.build import Summary
from reflect.summary.markdown import render as markdown

_ITEM = re.compile(r"^(\s*(?:[-*\u2022]|\d+\))?\s*)")


def wrap(text: str, width: int) -> str:
    """``text`` with each line wrapped at word boundaries to ``width`` columns (0: as it is);
    a list item's continuation lines are indented under its text. Words are never split."""
    if width <= 0:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        item = _ITEM.match(line)
        indent = " " * len(item.group(1) if item else "")
        out += textwrap.wrap(
            line,
            width,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(out)


def show(turns: list[Turn], out: TextIO, echo: bool, width: int = 0) -> None:
    """Write turns as plain paragraphs; the person's own words only when echoing."""
    for turn in turns:
        if turn.speaker == "person":
            if echo:
                out.write(f"> {visible(turn.text)}\n")
            continue
        prefix = {"coach": "Coach's note: ", "system": ""}.get(turn.speaker, "")
        out.write("\n" + wrap(f"{prefix}{visible(turn.text)}", width) + "\n")


def show_expect(state: State, out: TextIO, width: int = 0) -> None:
    """What kind of answer the waiting question wants."""
    for piece in hint(state.expect):
        out.write(wrap(f"  {visible(piece)}", width) + "\n")


def run_plain(
    session: Session,
    lines: Iterable[str],
    out: TextIO,
    *,
    echo: bool,
    summary: Callable[[], Summary],
    width: int = 0,
) -> int:
    """Drive a session from lines of input until it ends or the input does; with ``width``,
    what is written is wrapped at word boundaries to that many columns."""
    show(session.opening, out, echo, width)
    if session.state.waiting:
        show_expect(session.state, out, width)
    for line in lines:
        turns = session.send(line.rstrip("\r\n"))
        show(turns, out, echo, width)
        if session.finished:
            break
        if session.state.waiting and any(t.kind == "question" for t in turns):
            show_expect(session.state, out, width)
    else:
        if not session.finished:
            out.write("\n" + wrap(ui("end-of-input"), width) + "\n")
    out.write("\n" + wrap(markdown(summary(), plain=True), width))
    out.flush()
    return 0
