"""The sentences that name a summary's overall pattern: each a combination of leans found in
the research, written as data, plus two that look across every tension (most in the middle,
the widest gap). One function applies them all, in order, and keeps the first three.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reflect.summary.build import TensionSummary

JACKLIN_JARVIS = "Jacklin-Jarvis 2015"
VANGEN = "Vangen, Potter and Jacklin-Jarvis 2017"
#: A tension and the side a person leans to on it ("left", "right" or "middle").
Lean = tuple[str, str]


@dataclass(frozen=True)
class Pattern:
    """A combination of leans and what the research says of it.

    Each group must hold: at least one of its leans is the person's. ``text`` may name the
    first lean found in each group: ``{0.title}``, ``{0.lean_name}``, ``{1.title}``...
    """

    groups: tuple[tuple[Lean, ...], ...]
    text: str


#: Where leaning one way challenges the public-sector-led process, and where it accommodates it.
CHALLENGING: tuple[Lean, ...] = (
    ("power", "left"),
    ("conflict", "left"),
    ("arena", "left"),
    ("values-pragmatism", "left"),
    ("distinctiveness-incorporation", "left"),
)
ACCOMMODATING: tuple[Lean, ...] = (
    ("power", "right"),
    ("conflict", "right"),
    ("arena", "right"),
    ("values-pragmatism", "right"),
    ("distinctiveness-incorporation", "right"),
    ("agency-dependency", "right"),
)

PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        ((("values-pragmatism", "right"),), (("distinctiveness-incorporation", "right"),)),
        "You keep the relationship by staying pragmatic and joined-up; the research's "
        "warning is that joined-up delivery can mask your distinctive contribution, so that "
        f"others come to see you as part of the public sector ({JACKLIN_JARVIS}).",
    ),
    Pattern(
        ((("agency-dependency", "right"),), (("power", "right"),)),
        "You describe relying on public agencies and working within their control. "
        "Accepting the asymmetry keeps joint work going, but the research warns it can "
        "reinforce it: partners with less access to decisions and money become "
        f"increasingly subject to the priorities of more powerful partners ({JACKLIN_JARVIS}).",
    ),
    Pattern(
        (
            (("agency-dependency", "left"),),
            (("power", "right"), ("distinctiveness-incorporation", "right")),
        ),
        "You see yourself making things happen while working inside public-sector-led "
        "structures - the research found exactly this: people who felt disempowered and "
        f"still acted as agents of change, often around the formal process ({JACKLIN_JARVIS}).",
    ),
    Pattern(
        ((("power", "left"),), (("conflict", "left"), ("arena", "left"))),
        "You lean towards challenging the imbalance, openly. That surfaces a distinctive "
        "view, but too much confrontation risks alienating other participants and, in "
        "public-sector-led partnerships, exclusion from the resources they control "
        f"({JACKLIN_JARVIS}).",
    ),
    Pattern(
        ((("arena", "right"),), (("power", "right"), ("values-pragmatism", "right"))),
        "Much of your influence happens backstage. Informal negotiations avoid the risks of "
        "public challenge and keep an appearance of integration, but may be seen as "
        f"collusive ({JACKLIN_JARVIS}).",
    ),
    Pattern(
        ((("unity-diversity", "left"),), (("distinctiveness-incorporation", "right"),)),
        "You put what partners share first. The research holds that collaborative "
        f"advantage is born out of difference ({VANGEN}), so it is worth asking what your "
        "difference adds.",
    ),
    Pattern(
        (CHALLENGING, ACCOMMODATING),
        "You lean towards {0.lean_name} on {0.title} and towards {1.lean_name} on "
        "{1.title}. Jacklin-Jarvis (2015) saw this intermediate response in participants "
        "who 'challenged dominant public sector discourses, whilst at the same time working "
        "collaboratively within a relationship of resource dependency', and leaves open "
        "'whether, how far, and in what circumstances, such compromises are acceptable'.",
    ),
)
MAX_PATTERN = 3
NO_PATTERN = (
    "No single pattern stands out across these tensions; the questions to carry "
    "forward, below, are a good place to start."
)


def _found(pattern: Pattern, items: dict[str, TensionSummary]) -> str:
    """The pattern's sentence if every group holds, else ""."""
    firsts = []
    for group in pattern.groups:
        hits = [i for t, side in group if (i := items.get(t)) is not None and i.lean == side]
        if not hits:
            return ""
        firsts.append(hits[0])
    return pattern.text.format(*firsts)


def _middle(items: dict[str, TensionSummary]) -> str:
    placed = [i for i in items.values() if i.lean]
    if len(placed) >= 3 and sum(i.lean == "middle" for i in placed) * 2 > len(placed):
        return (
            "You place yourself between the poles on most tensions. The research describes "
            "both-and positions - accepting and challenging at once, joined-up yet distinctive "
            f"- as ways of holding a tension rather than resolving it ({JACKLIN_JARVIS})."
        )
    return ""


def _big_gap(items: dict[str, TensionSummary]) -> str:
    gaps = [i for i in items.values() if i.gap is not None and abs(i.gap) >= 3]
    if not gaps:
        return ""
    widest = max(gaps, key=lambda i: abs(i.gap or 0))
    towards = widest.right if (widest.gap or 0) > 0 else widest.left
    return (
        f"The widest gap between where you are and where you would like to be is on "
        f"{widest.title} (now {widest.now}, preferred {widest.preferred}), towards {towards}. "
        "The research presents both ends as ways of working, each with gains and risks; the "
        f"question is what moving would give you, and what it would cost ({JACKLIN_JARVIS})."
    )


#: Rules that look across every tension, tried after the combinations.
ACROSS: tuple[Callable[[dict[str, TensionSummary]], str], ...] = (_middle, _big_gap)


def patterns(items: dict[str, TensionSummary]) -> tuple[str, ...]:
    """The pattern sentences for a summary's tensions, by id: at most ``MAX_PATTERN``, or the
    sentence that says none stands out (nothing, when no tension was explored)."""
    found = [_found(p, items) for p in PATTERNS] + [rule(items) for rule in ACROSS]
    chosen = tuple(s for s in found if s)[:MAX_PATTERN]
    return chosen or ((NO_PATTERN,) if items else ())
