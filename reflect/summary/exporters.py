"""The export formats, in one registry: each format's name, file ending and renderer. The
command line offers these names and the app's save buttons use them.

A renderer is imported when it is first used, not when the registry is: the app's first
screen and ``reflect --version`` never need one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reflect.journal.snapshot import Snapshot
    from reflect.summary.build import Summary


@dataclass(frozen=True)
class Export:
    """What an exporter is given: the summary, the snapshot it came from, and the session."""

    summary: Summary
    snapshot: Snapshot
    #: "Session 3, 2026-11-24: Check-in"
    subtitle: str
    #: the session's number, start time and opaque key, for a file meant to be rolled up
    meta: dict[str, Any] = field(default_factory=dict)
    #: whether a file for sharing (JSON) carries the person's own words
    with_words: bool = False


@dataclass(frozen=True)
class Exporter:
    """One export format."""

    name: str
    ending: str
    #: the module (under reflect.summary) whose ``export(Export) -> str`` renders it
    module: str

    def render(self, export: Export) -> str:
        renderer = import_module(f"reflect.summary.{self.module}")
        text: str = renderer.export(export)
        return text


#: Every export format, by name, in the order they are offered.
EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("md", "md", "markdown"),
        Exporter("html", "html", "html"),
        Exporter("json", "json", "jsonexport"),
    )
}
