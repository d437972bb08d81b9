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


def shortened(text: str, limit: int = 60) -> str:
    """``text``, or its first ``limit`` characters and an ellipsis: for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


#: Every control character (C0, DEL, C1: Unicode's "Cc"), left out; tabs and line breaks as
#: spaces.
_ONE_LINE = {c: None for c in [*range(0x20), *range(0x7F, 0xA0)]} | {9: " ", 10: " ", 13: " "}


def plain_line(text: str) -> str:
    """``text`` as one line of plain characters: tabs and line breaks as spaces, every other
    control character left out."""
    return text.translate(_ONE_LINE)


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


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_visible(dumped: str) -> str:
    """JSON written with ``ensure_ascii=False`` with every control, format or unassigned
    character still in it (DEL, C1, bidi overrides...) written as a ``\\u`` escape: the same
    data, safe to print on a terminal."""
    return "".join(
        _json_escape(ch) if ord(ch) >= 0x7F and unicodedata.category(ch)[0] == "C" else ch
        for ch in dumped
    )
