"""The summary as Markdown that also reads well as plain text."""

from __future__ import annotations

import re
from collections.abc import Callable

from reflect.base.textsafe import visible
from reflect.matching.quoting import segments
from reflect.summary.build import Summary, TensionSummary
from reflect.summary.exporters import Export

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
    head, body = parts(summary, title=title, plain=plain)
    if not summary.tensions:
        return head
    style = _Style(plain)
    chart = ["", *style.heading("The map"), LEGEND, ""]
    width = max(len(i.title) for i in summary.tensions)
    left = max(len(i.left) for i in summary.tensions)
    chart += style.block([f"{i.title:<{width}}  {scale_line(i, left)}" for i in summary.tensions])
    return "\n".join([head, *chart, body])


LEGEND = "\u25cf now, \u25cb where you would prefer to be."


def parts(
    summary: Summary, *, title: str = "Your summary of trade-offs", plain: bool = False
) -> tuple[str, str]:
    """The summary before the map (title, name, pattern) and after it, for a face that draws
    the map itself."""
    style = _Style(plain)

    def own(text: str) -> str:
        text = visible(text)
        return text if plain else escaped(text)

    out = style.heading(title, 1)
    if summary.name:
        out += [f"For {own(summary.name)}.", ""]
    if not summary.tensions:
        return "\n".join([*out, "No tensions were explored in this session.", ""]), ""
    out += style.heading("The pattern")
    out += [f"- {sentence}" for sentence in summary.pattern]
    body: list[str] = []
    if summary.reflections:
        body += style.heading("In your own words")
        for label, text in summary.reflections:
            body += [f"{style.bold(label + ':')} {own(text)}", ""]
    for item in summary.tensions:
        body += _tension(item, own, style)
    if summary.notes:
        body += [*style.heading("Coach's notes"), *[f"- {own(n)}" for n in summary.notes], ""]
    if summary.references:
        body += [*style.heading("References"), *[f"- {r}" for r in summary.references], ""]
    return "\n".join(out), "\n".join(body)


def _tension(item: TensionSummary, own: Callable[[str], str], style: _Style) -> list[str]:
    b = style.bold
    out = style.heading(item.title)
    if item.now is not None:
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
        out += [where, ""]
    if item.words and style.plain:  # no emphasis in clean text: the words, then the answer
        out += [
            "The words that placed you: " + ", ".join(f"\u201c{own(w)}\u201d" for w in item.words),
            "",
            f"Your answer: {own(item.answer)}",
            "",
        ]
    elif item.words:  # the answer, the words that placed them in bold
        runs = segments(item.answer, item.marks)
        marked = "".join(f"**{own(run)}**" if mark else own(run) for run, mark in runs)
        out += [f"{b('Your answer')} (the words that placed you in bold): {marked}", ""]
    if item.correction:
        out += [style.aside(item.correction), ""]
    if item.lean in ("left", "right"):
        gives, risks, offers = item.lean_labels
        out += [
            b(gives + ":"),
            *[f"- {g}" for g in item.gives],
            "",
            b(risks + ":"),
            *[f"- {r}" for r in item.risks],
            "",
            b(offers + ":"),
            *[f"- {o}" for o in item.other_offers],
            "",
        ]
    elif item.lean == "middle":
        out += [
            b("What each end gives you:"),
            *[f"- {g}" for g in item.gives],
            "",
            b("What each risks when over-done:"),
            *[f"- {r}" for r in item.risks],
            "",
        ]
    if item.both_and:
        out += [
            b("Both-and positions in the research:"),
            *[f"- {x.name}: {x.description}" for x in item.both_and],
            "",
        ]
    for label, text in item.replies:
        out += [f"{b(label + ':')} {own(text)}", ""]
    if item.question:
        out += [f"{b('A question to carry forward:')} {item.question}", ""]
    if item.notes:
        out += [b("Coach's notes:"), *[f"- {own(n)}" for n in item.notes], ""]
    return out


def export(given: Export) -> str:
    """The Markdown export of a session (see ``exporters``)."""
    return render(given.summary, title=f"Your summary of trade-offs ({given.subtitle})")
