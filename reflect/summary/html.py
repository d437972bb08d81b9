"""The summary as one standalone HTML file: inline CSS, the map as inline SVG, no external
assets, print-friendly. Every piece of text is escaped, control characters shown as escapes
(the page may be printed to a terminal)."""

from __future__ import annotations

import html

from reflect.base.textsafe import visible
from reflect.matching.quoting import segments
from reflect.summary.build import Summary, TensionSummary
from reflect.summary.exporters import Export
from reflect.summary.layout import Column, lay_out


def escape(text: str) -> str:
    """Text as HTML that shows exactly what was typed: markup escaped, control characters
    visible."""
    return html.escape(visible(text))


CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1f; line-height: 1.5; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.25rem; margin-top: 2rem;
     border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
.pattern li { margin-bottom: .5rem; }
.words mark { background: #fff1a8; color: inherit; padding: 0 .1em; }
.correction { color: #555; font-size: .95rem; }
.label { font-weight: bold; margin-bottom: 0; }
svg text { font-family: Helvetica, Arial, sans-serif; font-size: 12px; fill: #1d1d1f; }
.legend { font-size: .9rem; color: #444; }
.trade { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
         gap: 0 1.2rem; }
.trade ul { padding-left: 1.1rem; margin-top: .2rem; }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; line-height: 1.3; }
  .references { font-size: 8.5pt; break-inside: avoid; }
  h1 { font-size: 16pt; margin: 0 0 .4rem; } h2 { font-size: 12.5pt; margin-top: 1rem; }
  h2, .label { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; } li, .trade > div { break-inside: avoid; }
  .trade { grid-template-columns: repeat(3, 1fr); }
  svg { max-height: 60mm; } a { color: inherit; }
}
"""

ROW = 54
LEFT, RIGHT, WIDTH = 190, 590, 780


def _x(position: int) -> float:
    return LEFT + (RIGHT - LEFT) * (position - 1) / 6


def svg_map(summary: Summary) -> str:
    """Every tension as a scale, with markers for now (filled) and preferred (hollow)."""
    height = ROW * len(summary.tensions) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="Map of where you stand on each tension">'
    ]
    for row, item in enumerate(summary.tensions):
        y = 30 + row * ROW
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + 4}" text-anchor="end">{escape(item.left)}</text>'
        )
        parts.append(f'<text x="{RIGHT + 10}" y="{y + 4}">{escape(item.right)}</text>')
        parts.append(
            f'<text x="{(LEFT + RIGHT) / 2}" y="{y - 14}" text-anchor="middle" '
            f'font-weight="bold">{escape(item.title)}</text>'
        )
        parts.append(f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="#888"/>')
        for tick in range(1, 8):
            parts.append(
                f'<line x1="{_x(tick)}" y1="{y - 4}" x2="{_x(tick)}" y2="{y + 4}" stroke="#888"/>'
            )
        if item.now is not None and item.preferred is not None and item.now != item.preferred:
            parts.append(
                f'<line x1="{_x(item.now)}" y1="{y}" x2="{_x(item.preferred)}" y2="{y}" '
                'stroke="#1d6fb8" stroke-width="3" stroke-dasharray="4 3"/>'
            )
        if item.preferred is not None:
            parts.append(
                f'<circle cx="{_x(item.preferred)}" cy="{y}" r="8" fill="white" '
                'stroke="#1d6fb8" stroke-width="2.5"><title>preferred</title></circle>'
            )
        if item.now is not None:
            parts.append(
                f'<circle cx="{_x(item.now)}" cy="{y}" r="6" fill="#1d6fb8">'
                "<title>now</title></circle>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


def _list(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def render(
    summary: Summary, *, title: str = "Your summary of trade-offs", subtitle: str = ""
) -> str:
    """The whole summary as a standalone HTML document."""
    writer = _Html(title, subtitle)
    lay_out(summary, writer)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(writer.body) + "\n</body>\n</html>\n"
    )


def _labelled(label: str, text: str) -> str:
    return f'<p><span class="label">{escape(label)}:</span> {escape(text)}</p>'


class _Html:
    """The summary's parts as HTML (see ``layout.Writer``)."""

    def __init__(self, title: str, subtitle: str) -> None:
        self.title = title
        self.subtitle = subtitle
        self.body: list[str] = []

    def opening(self, summary: Summary) -> None:
        self.body.append(f"<h1>{escape(self.title)}</h1>")
        if self.subtitle:
            self.body.append(f"<p>{escape(self.subtitle)}</p>")
        if summary.name:
            self.body.append(f"<p>For {escape(summary.name)}.</p>")

    def nothing(self) -> None:
        self.body.append("<p>No tensions were explored in this session.</p>")

    def pattern(self, sentences: tuple[str, ...]) -> None:
        self.body.append(
            "<h2>The pattern</h2>"
            + '<ul class="pattern">'
            + "".join(f"<li>{escape(s)}</li>" for s in sentences)
            + "</ul>"
        )

    def map(self, summary: Summary) -> None:
        self.body.append("<h2>The map</h2>")
        self.body.append(
            '<p class="legend">Filled circle: where you are now. Hollow circle: where '
            "you would prefer to be.</p>"
        )
        self.body.append(svg_map(summary))

    def reflections(self, said: tuple[tuple[str, str], ...]) -> None:
        self.body.append(
            "<section><h2>In your own words</h2>"
            + "".join(_labelled(label, text) for label, text in said)
            + "</section>"
        )

    def tension(self, item: TensionSummary) -> None:
        self.body.append(f"<section><h2>{escape(item.title)}</h2>")

    def position(self, item: TensionSummary) -> None:
        where = f"Now: <strong>{item.now}</strong> of 7"
        if item.lean in ("left", "right"):
            where += f" (towards {escape(item.lean_name)})"
        elif item.lean == "middle":
            where += " (in between)"
        if item.preferred is not None:
            where += f" &middot; would prefer: <strong>{item.preferred}</strong>"
        self.body.append(f"<p>{where}</p>")

    def answer(self, item: TensionSummary) -> None:
        marked = "".join(
            f"<mark>{escape(run)}</mark>" if mark else escape(run)
            for run, mark in segments(item.answer, item.marks)
        )
        self.body.append(
            '<p class="words"><span class="label">Your answer</span> (the words that placed you '
            f"highlighted): {marked}</p>"
        )

    def correction(self, text: str) -> None:
        self.body.append(f'<p class="correction">{escape(text)}</p>')

    def trade_offs(self, columns: list[Column]) -> None:
        # side by side where there is room, and on paper
        self.body.append(
            '<div class="trade">'
            + "".join(
                f'<div><p class="label">{escape(label)}</p>{_list(items)}</div>'
                for label, items in columns
            )
            + "</div>"
        )

    def both_and(self, positions: list[str]) -> None:
        self.body.append(
            '<p class="label">Both-and positions in the research</p>' + _list(positions)
        )

    def reply(self, label: str, text: str) -> None:
        self.body.append(_labelled(label, text))

    def question(self, text: str) -> None:
        self.body.append(_labelled("A question to carry forward", text))

    def tension_notes(self, notes: tuple[str, ...]) -> None:
        self.body.append('<p class="label">Coach\'s notes</p>' + _list(notes))

    def tension_end(self) -> None:
        self.body.append("</section>")

    def notes(self, notes: tuple[str, ...]) -> None:
        self.body.append("<h2>Coach's notes</h2>" + _list(notes))

    def references(self, references: tuple[str, ...]) -> None:
        self.body.append(
            '<h2>References</h2><ul class="references">'
            + "".join(f"<li>{escape(r)}</li>" for r in references)
            + "</ul>"
        )


def export(given: Export) -> str:
    """The HTML export of a session (see ``exporters``)."""
    return render(given.summary, subtitle=given.subtitle)
