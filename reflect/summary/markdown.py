"""The summary as Markdown that also reads well as plain text."""

from __future__ import annotations

import re

from reflect.base.textsafe import visible
from reflect.matching.quoting import segments
from reflect.summary.build import Summary, TensionSummary
from reflect.summary.exporters import Export
from reflect.summary.layout import Column, lay_out

#: Characters that make Markdown structure anywhere in a line (emphasis, code, links, HTML,
#: entities, strikethrough, tables, e-mail autolinks), and the parts of a bare web address that
#: make it a link.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&@])|:(?=//)|(?<=[wW]{3})\.")
#: What opens a block at the start of a line: a list item, a rule, a heading underline, a quote.
_LINE_START = re.compile(r"^(\s*[0-9]*)([-+=]|(?<=[0-9])[.)])")


def escaped(text: str) -> str:
    """A person's text as Markdown that reads back exactly as typed: never a heading, list,
    rule, link, emphasis or HTML; line breaks kept."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(lambda m: "\\" + m.group(0), line)
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line)
    return "\\\n".join(lines)


NOW, PREFERRED, BOTH, EMPTY = "\u25cf", "\u25cb", "\u25c9", "\u00b7"


def cells(item: TensionSummary) -> list[str]:
    """The 7 points of a tension's scale: \u25cf now, \u25cb preferred, \u25c9 both at once."""
    points = [EMPTY] * 7
    if item.preferred is not None:
        points[item.preferred - 1] = PREFERRED
    if item.now is not None:
        points[item.now - 1] = BOTH if item.now == item.preferred else NOW
    return points


def scale_line(item: TensionSummary, left_width: int = 0) -> str:
    """A 7-point scale in characters between the tension's two ends."""
    return f"{item.left:>{left_width}}  {' '.join(cells(item))}  {item.right}"


class _Style:
    """How the summary's structure is written: Markdown, or clean text with no syntax."""

    def __init__(self, plain: bool) -> None:
        self.plain = plain

    def heading(self, text: str, level: int = 2) -> list[str]:
        if self.plain:
            return [text, ("=" if level == 1 else "-") * len(text), ""]
        return [f"{'#' * level} {text}", ""]

    def bold(self, text: str) -> str:
        return text if self.plain else f"**{text}**"

    def aside(self, text: str) -> str:
        return f"({text})" if self.plain else f"_{text}_"

    def block(self, lines: list[str]) -> list[str]:
        return [*lines, ""] if self.plain else ["```", *lines, "```", ""]


def render(
    summary: Summary, *, title: str = "Your summary of trade-offs", plain: bool = False
) -> str:
    """The summary as Markdown; with ``plain``, as clean text with no Markdown syntax at all
    (plain mode and screen readers): headings underlined, labels without asterisks. The
    person's own words are escaped in Markdown and left exactly as written in plain text."""
    writer = _Markdown(title, plain)
    lay_out(summary, writer)
    if not summary.tensions:
        return "\n".join(writer.head)
    return "\n".join(["\n".join(writer.head), *writer.chart, "\n".join(writer.body)])


LEGEND = "\u25cf now, \u25cb where you would prefer to be."


def parts(
    summary: Summary, *, title: str = "Your summary of trade-offs", plain: bool = False
) -> tuple[str, str]:
    """The summary before the map (title, name, pattern) and after it, for a face that draws
    the map itself."""
    writer = _Markdown(title, plain)
    lay_out(summary, writer)
    return "\n".join(writer.head), "\n".join(writer.body)


class _Markdown:
    """The summary's parts as Markdown lines (see ``layout.Writer``): those before the map,
    the map, and those after it."""

    def __init__(self, title: str, plain: bool) -> None:
        self.title = title
        self.style = _Style(plain)
        self.head: list[str] = []
        self.chart: list[str] = []
        self.body: list[str] = []

    def own(self, text: str) -> str:
        """The person's own words: exactly as written in clean text, escaped in Markdown."""
        text = visible(text)
        return text if self.style.plain else escaped(text)

    def labelled(self, label: str, items: tuple[str, ...] | list[str]) -> list[str]:
        return [self.style.bold(label + ":"), *[f"- {x}" for x in items], ""]

    def opening(self, summary: Summary) -> None:
        self.head += self.style.heading(self.title, 1)
        if summary.name:
            self.head += [f"For {self.own(summary.name)}.", ""]

    def nothing(self) -> None:
        self.head += ["No tensions were explored in this session.", ""]

    def pattern(self, sentences: tuple[str, ...]) -> None:
        self.head += self.style.heading("The pattern")
        self.head += [f"- {sentence}" for sentence in sentences]

    def map(self, summary: Summary) -> None:
        style = self.style
        width = max(len(i.title) for i in summary.tensions)
        left = max(len(i.left) for i in summary.tensions)
        self.chart = ["", *style.heading("The map"), LEGEND, ""]
        self.chart += style.block(
            [f"{i.title:<{width}}  {scale_line(i, left)}" for i in summary.tensions]
        )

    def reflections(self, said: tuple[tuple[str, str], ...]) -> None:
        self.body += self.style.heading("In your own words")
        for label, text in said:
            self.body += [f"{self.style.bold(label + ':')} {self.own(text)}", ""]

    def tension(self, item: TensionSummary) -> None:
        self.body += self.style.heading(item.title)

    def position(self, item: TensionSummary) -> None:
        b = self.style.bold
        where = f"{b('Now:')} {item.now} of 7"
        if item.lean_name:
            where += f" (towards {item.lean_name})" if item.lean != "middle" else " (in between)"
        if item.preferred is not None:
            where += f" - {b('would prefer:')} {item.preferred}"
            if item.gap:
                toward = item.right if item.gap > 0 else item.left
                where += (
                    f", {abs(item.gap)} step{'s' if abs(item.gap) > 1 else ''} towards {toward}"
                )
        self.body += [where, ""]

    def answer(self, item: TensionSummary) -> None:
        own = self.own
        if self.style.plain:  # no emphasis in clean text: the words, then the answer
            self.body += [
                "The words that placed you: "
                + ", ".join(f"\u201c{own(w)}\u201d" for w in item.words),
                "",
                f"Your answer: {own(item.answer)}",
                "",
            ]
            return
        # the answer, the words that placed them in bold
        runs = segments(item.answer, item.marks)
        marked = "".join(f"**{own(run)}**" if mark else own(run) for run, mark in runs)
        self.body += [
            f"{self.style.bold('Your answer')} (the words that placed you in bold): {marked}",
            "",
        ]

    def correction(self, text: str) -> None:
        self.body += [self.style.aside(text), ""]

    def trade_offs(self, columns: list[Column]) -> None:
        for label, items in columns:
            self.body += self.labelled(label, items)

    def both_and(self, positions: list[str]) -> None:
        self.body += self.labelled("Both-and positions in the research", positions)

    def reply(self, label: str, text: str) -> None:
        self.body += [f"{self.style.bold(label + ':')} {self.own(text)}", ""]

    def question(self, text: str) -> None:
        self.body += [f"{self.style.bold('A question to carry forward:')} {text}", ""]

    def tension_notes(self, notes: tuple[str, ...]) -> None:
        self.body += self.labelled("Coach's notes", [self.own(n) for n in notes])

    def tension_end(self) -> None:
        pass

    def notes(self, notes: tuple[str, ...]) -> None:
        self.body += [
            *self.style.heading("Coach's notes"),
            *[f"- {self.own(n)}" for n in notes],
            "",
        ]

    def references(self, references: tuple[str, ...]) -> None:
        self.body += [*self.style.heading("References"), *[f"- {r}" for r in references], ""]


def export(given: Export) -> str:
    """The Markdown export of a session (see ``exporters``)."""
    return render(given.summary, title=f"Your summary of trade-offs ({given.subtitle})")
