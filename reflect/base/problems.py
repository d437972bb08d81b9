"""Problems found in content files, reported as ``path:line:column: message``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. Lines and columns are 1-based (0 means "the whole file")."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{self.path}:{self.line}:{self.column}: {prefix}{self.message} [{self.code}]"
        return one_line(text)


def one_line(text: str) -> str:
    """``text`` on one line and safe on a terminal: a newline, an escape sequence, a line
    separator or a lone surrogate quoted from a file is shown as a ``\\x1b``-style escape."""
    out = []
    for ch in text:
        if ch == "\t" or unicodedata.category(ch) not in _HIDDEN:
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


#: Unicode categories shown as escapes: controls, format characters, surrogates, private use,
#: unassigned, and the line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that are errors."""
    return [p for p in problems if p.severity == "error"]


class UsageError(Exception):
    """A command was given something it cannot use; the message says what."""


class StorageError(Exception):
    """The journal cannot be used; the message says why and what to do."""
