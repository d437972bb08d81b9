"""The group map as Markdown, a standalone HTML page (an inline SVG dot plot per tension, no
scripts, nothing fetched) or JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from reflect.base.textsafe import json_visible
from reflect.summary.cohort import HIGH, LOW, MIN_GROUP, Cohort, Spot
from reflect.summary.html import escape
from reflect.summary.markdown import escaped

#: Said when no action step came with the sessions.
NO_STEPS = (
    "No action steps to show: these sessions recorded none, or their exports were made "
    "without --with-words."
)


def _title(cohort: Cohort, workshop: str | None) -> str:
    who = f"{cohort.people} {'person' if cohort.people == 1 else 'people'}"
    return f"Group map: {workshop}, {who}" if workshop else f"Group map: {who}"


def _hidden(spot: Spot) -> str:
    return (
        f"{spot.people} placed themselves here: fewer than {MIN_GROUP}, so it is not shown "
        "(a picture of so few could identify them)."
    )


def _themes(spot: Spot) -> str:
    return "; ".join(f"{label} {count}" for label, count in spot.steps)


def _strip(places: tuple[int, ...]) -> str:
    counts = Counter(places)
    return "  ".join(f"{k}:{'●' * counts[k] or '·'}" for k in range(LOW, HIGH + 1))


def markdown(cohort: Cohort, workshop: str | None = None) -> str:
    lines = [f"# {escaped(_title(cohort, workshop))}", ""]
    lines += [
        "Where people placed themselves on each tension (1 is the first pole, 7 the second), "
        "now (●) and where they would prefer to be. No names and no one's own words"
        + (", except the action steps quoted below." if _quoting(cohort) else "."),
        "",
    ]
    for spot in cohort.tensions:
        first, second = spot.poles
        lines += [f"## {escaped(spot.title)}", ""]
        if not spot.shown:
            lines += [_hidden(spot), ""]
            continue
        lines += [f"1 = {escaped(first)}, 7 = {escaped(second)}; {spot.people} placed", ""]
        lines += [f"- Now: {_strip(spot.now)} ({spot.spread(spot.now)})"]
        lines += [f"- Would prefer: {_strip(spot.preferred)} ({spot.spread(spot.preferred)})"]
        if spot.steps:
            lines += [f"- Action steps lean towards: {escaped(_themes(spot))}"]
        lines += [""]
        if spot.quotes:
            lines += ["Action steps, as written:", ""]
            lines += [f"> {escaped(q)}" + "\n" for q in spot.quotes]
    if not cohort.with_steps:
        lines += [NO_STEPS, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _quoting(cohort: Cohort) -> bool:
    return any(spot.quotes and spot.shown for spot in cohort.tensions)


WIDTH, LEFT, RIGHT, ROW, DOT = 640, 150, 610, 26, 7


def _x(place: int) -> float:
    return LEFT + (RIGHT - LEFT) * (place - LOW) / (HIGH - LOW)


def _row(y: float, label: str, places: tuple[int, ...], filled: bool) -> list[str]:
    out = [f'<text x="0" y="{y + 4:.0f}">{escape(label)}</text>']
    out.append(
        f'<line x1="{LEFT}" y1="{y:.0f}" x2="{RIGHT}" y2="{y:.0f}" stroke="#bbb" stroke-width="1"/>'
    )
    stacked: Counter[int] = Counter()
    counts = Counter(places)
    for place in places:
        k = stacked[place]  # this dot's turn at its place: rows of five, centred on the place
        in_row = min(5, counts[place] - 5 * (k // 5))
        x = _x(place) + (k % 5 - (in_row - 1) / 2) * (DOT + 2)
        dy = (k // 5) * (DOT + 2)
        stacked[place] += 1
        fill = "#2b5d8a" if filled else "white"
        out.append(
            f'<circle cx="{x:.1f}" cy="{y - dy:.1f}" r="{DOT / 2}" fill="{fill}" '
            'stroke="#2b5d8a" stroke-width="1.5"/>'
        )
    return out


def svg(spot: Spot) -> str:
    """A dot plot: one dot per person, now (filled) and preferred (open), on the 1-7 scale."""
    height = 3 * ROW + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(spot.title)}: '
        f'{len(spot.now)} now, {len(spot.preferred)} preferred">'
    ]
    parts.append(f'<text x="{LEFT}" y="12">{escape(spot.poles[0])}</text>')
    parts.append(f'<text x="{RIGHT}" y="12" text-anchor="end">{escape(spot.poles[1])}</text>')
    parts += _row(ROW + 14, "now", spot.now, True)
    parts += _row(2 * ROW + 14, "would prefer", spot.preferred, False)
    for place in range(LOW, HIGH + 1):
        parts.append(
            f'<text x="{_x(place):.0f}" y="{3 * ROW + 6}" text-anchor="middle" '
            f'fill="#777">{place}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1f; line-height: 1.5; }
h2 { font-size: 1.2rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
svg text { font-family: Helvetica, Arial, sans-serif; font-size: 12px; fill: #1d1d1f; }
.note { color: #555; } blockquote { margin: .3rem 0 .3rem 1rem; color: #333; }
@page { size: A4; margin: 14mm; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid; } }
"""


def html(cohort: Cohort, workshop: str | None = None) -> str:
    title = escape(_title(cohort, workshop))
    body = [f"<h1>{title}</h1>"]
    body.append(
        '<p class="note">One dot per person: filled where they are now, open where they would '
        "prefer to be. No names and no one's own words"
        + (", except the action steps quoted." if _quoting(cohort) else ".")
        + "</p>"
    )
    for spot in cohort.tensions:
        body.append(f"<section><h2>{escape(spot.title)}</h2>")
        if not spot.shown:
            body.append(f'<p class="note">{escape(_hidden(spot))}</p></section>')
            continue
        body.append(svg(spot))
        body.append(
            f"<p>{spot.people} placed. Now: {escape(spot.spread(spot.now))}. Would prefer: "
            f"{escape(spot.spread(spot.preferred))}.</p>"
        )
        if spot.steps:
            body.append(f"<p>Action steps lean towards: {escape(_themes(spot))}.</p>")
        body += [f"<blockquote>{escape(q)}</blockquote>" for q in spot.quotes]
        body.append("</section>")
    if not cohort.with_steps:
        body.append(f'<p class="note">{escape(NO_STEPS)}</p>')
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def as_json(cohort: Cohort, workshop: str | None = None) -> str:
    tensions: list[dict[str, Any]] = []
    for spot in cohort.tensions:
        item: dict[str, Any] = {"id": spot.id, "title": spot.title, "people": spot.people}
        if spot.shown:
            item.update(
                poles=list(spot.poles),
                now=dict(sorted(Counter(spot.now).items())),
                preferred=dict(sorted(Counter(spot.preferred).items())),
                steps=dict(spot.steps),
            )
            if spot.quotes:
                item["quotes"] = list(spot.quotes)
        else:
            item["hidden"] = f"fewer than {MIN_GROUP} placed"
        tensions.append(item)
    document = {
        "format": "reflect-cohort",
        "workshop": workshop,
        "people": cohort.people,
        "tensions": tensions,
    }
    return json_visible(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


RENDER = {"html": html, "md": markdown, "json": as_json}
