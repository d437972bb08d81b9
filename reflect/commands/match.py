"""``reflect match``: the reader on its own, for authors, tests and evaluation."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from reflect.commands import UsageError, load_catalogue
from reflect.content import ContentDirs
from reflect.matching.matcher import Matcher
from reflect.messages import did_you_mean
from reflect.model import Match
from reflect.textsafe import visible


def match_dict(result: Match, answer_id: Any = None) -> dict[str, Any]:
    """A match as the JSON contract describes it."""
    out: dict[str, Any] = {} if answer_id is None else {"id": answer_id}
    out.update(
        tension=result.tension,
        pole=result.pole,
        lean=result.lean,
        confidence=result.confidence,
        unsure=result.unsure,
        evidence=[
            {"pole": e.pole, "text": e.text, "start": e.start, "end": e.end, "negated": e.negated}
            for e in result.evidence
        ],
        tensions=[{"id": t.id, "score": t.score} for t in result.tensions],
    )
    return out


def _check_tension(matcher: Matcher, tension: str | None) -> None:
    ids = matcher.index.tension_ids
    if tension is not None and tension not in ids:
        raise UsageError(f"unknown tension '{tension}'{did_you_mean(tension, ids)}")


def run_match(
    dirs: ContentDirs,
    text: str | None,
    *,
    tension: str | None,
    as_json: bool,
    jsonl: bool,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Match one text (or, with ``jsonl``, one JSON object per input line)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    matcher = Matcher(load_catalogue(dirs, dialogues=False))
    _check_tension(matcher, tension)
    if jsonl:
        for line in run_jsonl(matcher, stdin, tension):
            stdout.write(line + "\n")
        return 0
    if text is None:
        text = stdin.read()
    result = matcher.match(text, tension)
    if as_json:
        stdout.write(json.dumps(match_dict(result), ensure_ascii=False) + "\n")
    else:
        stdout.write(describe(matcher, text, result))
    return 0


def run_jsonl(matcher: Matcher, lines: Iterable[str], default_tension: str | None) -> Iterable[str]:
    """One JSON line out for every line in; a bad line gives an error line and the run goes on."""
    known = set(matcher.index.tension_ids)
    for raw in lines:
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield json.dumps({"id": None, "error": f"not JSON: {exc.msg}"})
            continue
        if not isinstance(item, dict):
            yield json.dumps({"id": None, "error": "each line must be a JSON object"})
            continue
        answer_id = item.get("id")
        text = item.get("text")
        tension = item.get("tension", default_tension)
        if not isinstance(text, str) or not text.strip():
            yield json.dumps({"id": answer_id, "error": "no text"})
        elif tension is not None and tension not in known:
            error = f"unknown tension '{tension}'{did_you_mean(str(tension), sorted(known))}"
            yield json.dumps({"id": answer_id, "error": error}, ensure_ascii=False)
        else:
            result = matcher.match(text, tension)
            yield json.dumps(match_dict(result, answer_id), ensure_ascii=False)


def describe(matcher: Matcher, text: str, result: Match) -> str:
    """The match as a person would read it."""
    lines = []
    if result.tension is None:
        lines.append("No tension found in this text: it reads as off-topic (neither pole).")
        return "\n".join(lines) + "\n"
    tension = matcher.catalogue.tension(result.tension)
    lines.append(f"Tension:    {tension.title} ({tension.id})")
    names = {p.id: p.name for p in tension.poles}
    pole = names.get(result.pole, result.pole)
    if result.pole == "neither":
        pole = "unsure (neither pole clearly)"
    lines.append(f"Leans to:   {pole}")
    left, right = tension.poles
    lines.append(f"Lean:       {result.lean:+.2f}  (-1 {left.name} ... +1 {right.name})")
    hedged = ", hedged" if result.hedged else ""
    lines.append(f"Confidence: {result.confidence:.2f}{hedged}")
    if result.unsure and result.pole != "neither":
        lines.append("Unsure:     the conversation would ask rather than tell")
    if result.evidence:
        lines.append("Evidence:")
        for e in result.evidence:
            how = f"against {names[e.pole]}" if e.negated else names[e.pole]
            lines.append(f"  \u00bb{visible(e.text)}\u00ab  {how}")
        lines.append("In context: " + highlight(text, result))
    others = [f"{t.id} ({t.score:.2f})" for t in result.tensions if t.id != result.tension][:4]
    if others:
        lines.append("Also touches: " + ", ".join(others))
    return "\n".join(lines) + "\n"


def highlight(text: str, result: Match) -> str:
    """The text with each evidence span marked \u00bblike this\u00ab."""
    out = []
    at = 0
    for e in sorted(result.evidence, key=lambda e: e.start):
        if e.start < at:
            continue
        out += [visible(text[at : e.start]), "\u00bb", visible(text[e.start : e.end]), "\u00ab"]
        at = e.end
    out.append(visible(text[at:]))
    return "".join(out)
