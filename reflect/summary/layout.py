"""The summary's layout, once: what comes in which order, and which trade-offs each tension
shows. Each exporter (Markdown, HTML) is a ``Writer`` that says how each part looks; ``lay_out``
walks a summary through it, so the formats cannot drift apart in what they show.
"""

from __future__ import annotations

from typing import Protocol

from reflect.summary.build import Summary, TensionSummary

#: One labelled list of trade-offs: what a lean gives, what it risks, what the other end offers.
Column = tuple[str, tuple[str, ...]]


class Writer(Protocol):
    """How one format writes each part of the summary, in the order ``lay_out`` calls them."""

    def opening(self, summary: Summary) -> None:
        """The title and who the summary is for."""

    def nothing(self) -> None:
        """No tension was explored: said instead of everything below."""

    def pattern(self, sentences: tuple[str, ...]) -> None: ...

    def map(self, summary: Summary) -> None: ...

    def reflections(self, said: tuple[tuple[str, str], ...]) -> None:
        """What the person said for the session as a whole, labelled (their own words)."""

    def tension(self, item: TensionSummary) -> None:
        """A tension's heading."""

    def position(self, item: TensionSummary) -> None:
        """Where they are now, and would prefer to be (only when they placed themselves)."""

    def answer(self, item: TensionSummary) -> None:
        """Their answer, with the words that placed them marked (only when words did)."""

    def correction(self, text: str) -> None: ...

    def trade_offs(self, columns: list[Column]) -> None: ...

    def both_and(self, positions: list[str]) -> None: ...

    def reply(self, label: str, text: str) -> None:
        """One of their other answers about the tension (their own words)."""

    def question(self, text: str) -> None: ...

    def tension_notes(self, notes: tuple[str, ...]) -> None: ...

    def tension_end(self) -> None: ...

    def notes(self, notes: tuple[str, ...]) -> None:
        """The coach's notes for the whole session."""

    def references(self, references: tuple[str, ...]) -> None: ...


def trade_offs(item: TensionSummary) -> list[Column]:
    """What a tension's lean gives, risks and leaves to the other end; in the middle, what
    each end gives and risks; nothing when there is no lean."""
    if item.lean in ("left", "right"):
        gives, risks, offers = item.lean_labels
        return [(gives, item.gives), (risks, item.risks), (offers, item.other_offers)]
    if item.lean == "middle":
        return [
            ("What each end gives you", item.gives),
            ("What each risks when over-done", item.risks),
        ]
    return []


def lay_out(summary: Summary, writer: Writer) -> None:
    """Walk ``summary`` through ``writer``, part by part, in the summary's one order."""
    writer.opening(summary)
    if not summary.tensions:
        writer.nothing()
        return
    writer.pattern(summary.pattern)
    writer.map(summary)
    if summary.reflections:
        writer.reflections(summary.reflections)
    for item in summary.tensions:
        writer.tension(item)
        if item.now is not None:
            writer.position(item)
        if item.words:
            writer.answer(item)
        if item.correction:
            writer.correction(item.correction)
        columns = trade_offs(item)
        if columns:
            writer.trade_offs(columns)
        if item.both_and:
            writer.both_and([f"{x.name}: {x.description}" for x in item.both_and])
        for label, text in item.replies:
            writer.reply(label, text)
        if item.question:
            writer.question(item.question)
        if item.notes:
            writer.tension_notes(item.notes)
        writer.tension_end()
    if summary.notes:
        writer.notes(summary.notes)
    if summary.references:
        writer.references(summary.references)
