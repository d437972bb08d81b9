"""Problems found in content files, reported as ``path:line:column: message``."""

from __future__ import annotations

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
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message} [{self.code}]"


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that are errors."""
    return [p for p in problems if p.severity == "error"]
