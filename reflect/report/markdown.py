"""The summary as Markdown that also reads well as plain text."""

from __future__ import annotations

import re

from reflect.summary import Summary, TensionSummary
from reflect.textsafe import visible

_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|])")


def scale_line(item: TensionSummary, left_width: int = 0) -> str:
    """A 7-point scale in characters: \u25cf now, \u25cb preferred, \u25c9 both at once."""
    cells = ["\u00b7"] * 7
    if item.preferred is not None:
        cells[item.preferred - 1] = "\u25cb"
    if item.now is not None:
        cells[item.now - 1] = "\u25c9" if item.now == item.preferred else "\u25cf"
    return f"{item.left:>{left_width}}  {' '.join(cells)}  {item.right}"


def render(
    summary: Summary, *, title: str = "Your summary of trade-offs", plain: bool = False
) -> str:
    """The summary as Markdown; with ``plain``, person's words are not Markdown-escaped."""

    def own(text: str) -> str:
        text = visible(text)
        return text if plain else _MARKDOWN.sub(r"\\\1", text)

    out = [f"# {title}", ""]
    if summary.name:
        out += [f"For {own(summary.name)}.", ""]
    if not summary.tensions:
        return "\n".join([*out, "No tensions were explored in this session.", ""])
    out += ["## The pattern", ""]
    out += [f"- {sentence}" for sentence in summary.pattern]
    out += ["", "## The map", "", "\u25cf now, \u25cb where you would prefer to be.", "", "```"]
    width = max(len(i.title) for i in summary.tensions)
    left = max(len(i.left) for i in summary.tensions)
    out += [f"{i.title:<{width}}  {scale_line(i, left)}" for i in summary.tensions]
    out += ["```", ""]
    if summary.reflections:
        out += ["## In your own words", ""]
        out += [f"**{label}:** {own(text)}" + "\n" for label, text in summary.reflections]
    for item in summary.tensions:
        out += _tension(item, own)
    if summary.notes:
        out += ["## Coach's notes", "", *[f"- {own(n)}" for n in summary.notes], ""]
    if summary.references:
        out += ["## References", "", *[f"- {r}" for r in summary.references], ""]
    return "\n".join(out)


def _tension(item: TensionSummary, own: object) -> list[str]:
    esc = own if callable(own) else str
    out = [f"## {item.title}", ""]
    if item.now is not None:
        where = f"**Now:** {item.now} of 7"
        if item.lean_name:
            where += f" (towards {item.lean_name})" if item.lean != "middle" else " (in between)"
        if item.preferred is not None:
            where += f" - **would prefer:** {item.preferred}"
            if item.gap:
                toward = item.right if item.gap > 0 else item.left
                where += (
                    f", {abs(item.gap)} step{'s' if abs(item.gap) > 1 else ''} towards {toward}"
                )
        out += [where, ""]
    if item.words:
        out += ["**Your words:** " + ", ".join(f"\u201c{esc(w)}\u201d" for w in item.words), ""]
    if item.correction:
        out += [f"_{item.correction}_", ""]
    if item.lean in ("left", "right"):
        gives, risks, offers = item.lean_labels
        out += [
            f"**{gives}:**",
            *[f"- {g}" for g in item.gives],
            "",
            f"**{risks}:**",
            *[f"- {r}" for r in item.risks],
            "",
            f"**{offers}:**",
            *[f"- {o}" for o in item.other_offers],
            "",
        ]
    elif item.lean == "middle":
        out += [
            "**What each end gives you:**",
            *[f"- {g}" for g in item.gives],
            "",
            "**What each risks when over-done:**",
            *[f"- {r}" for r in item.risks],
            "",
        ]
    if item.both_and:
        out += [
            "**Both-and positions in the research:**",
            *[f"- {b.name}: {b.description}" for b in item.both_and],
            "",
        ]
    for label, text in item.replies:
        out += [f"**{label}:** {esc(text)}", ""]
    if item.question:
        out += [f"**A question to carry forward:** {item.question}", ""]
    if item.notes:
        out += ["**Coach's notes:**", *[f"- {esc(n)}" for n in item.notes], ""]
    return out
