"""Showing a person's text on a terminal exactly as typed, never as escape sequences."""

from __future__ import annotations

import re
import unicodedata

#: The most characters of one piece of text a person gives (an answer, a note, a name, a text
#: read by ``reflect match``) that are read; the rest is ignored, and the person is told.
MAX_TEXT = 20_000


_SURROGATE = re.compile("[\ud800-\udfff]")


def mended(text: str) -> str:
    """``text`` with any lone surrogate (an undecodable byte, half of a broken pair) as
    \ufffd, so that it can always be saved, shown and exported."""
    return _SURROGATE.sub("\ufffd", text)


def given(text: str) -> tuple[str, bool]:
    """What is kept of a text a person gives: mended, at most ``MAX_TEXT`` characters; and
    whether some was left out."""
    text = mended(text)
    if len(text) <= MAX_TEXT:
        return text, False
    return text[:MAX_TEXT], True


def visible(text: str) -> str:
    """``text`` with control characters (ESC, BEL, ...) shown as \\x1b-style escapes.

    Newlines and tabs are kept; everything else in Unicode category C (control, format,
    private use, unassigned) is made visible, so a pasted escape sequence cannot recolour,
    move the cursor or retitle the terminal.
    """
    out = []
    for ch in text:
        if ch in "\n\t" or unicodedata.category(ch)[0] != "C":
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)
