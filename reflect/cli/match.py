"""``reflect match``: the reader on its own, for authors, tests and evaluation.

With ``--jsonl`` every line in gets exactly one line out, in order: a result, or an error
that names the line (``"line"``, 1-based) and says what is wrong with it, so a caller can
pair them up whatever it sends. Standard input is read as bytes and decoded here, so no
locale can stop the run; every line written is ASCII JSON, so a lone surrogate, a control
character or a bidi mark in a text comes out escaped, never raw. Evidence spans index the
text exactly as given (in code points, as Python and the JSON text count them).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any, TextIO

from reflect.base.messages import did_you_mean
from reflect.base.problems import UsageError
from reflect.base.textsafe import MAX_TEXT, shortened, visible
from reflect.content.loader import load_catalogue
from reflect.content.places import ContentDirs
from reflect.matching.matcher import Matcher
from reflect.matching.results import Match

#: The longest ``--jsonl`` line read (bytes): room for a text of a megabyte and more, of which
#: the reader reads the first ``MAX_TEXT`` characters; a longer line is an error, not a crash.
MAX_LINE = 4 * 1024 * 1024
#: The largest whole number echoed as an id: beyond it, JSON readers in other languages
#: (JavaScript's doubles) would change the number without saying so.
MAX_SAFE_ID = 2**53 - 1

#: What can be wrong with a ``--jsonl`` line: a code for tests and scripts, and its message.
ERRORS: dict[str, str] = {
    "blank": "blank line: each line must be a JSON object",
    "too-long": "the line is longer than {limit:,} bytes",
    "not-utf8": "not UTF-8 text (byte 0x{byte:02x} at byte {at} of the line)",
    "not-json": "not JSON: {why}",
    "too-deep": "not read: the JSON nests too deeply",
    "not-object": "each line must be a JSON object, not {found}",
    "duplicate-key": "the key '{key}' is given twice",
    "bad-id": "'id' must be a string, true, false, null or a finite number no larger than "
    "2^53-1, not {found}",
    "bad-type": "'{field}' should be {expected}, not {found}",
    "no-text": "no text",
    "unknown-tension": "unknown tension '{id}'{hint}",
    "internal": "the reader failed on this line ({why}); please report it",
}


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
        read_chars=result.read_chars,
        truncated=result.truncated,
    )
    return out


def to_json(value: object) -> str:
    """One line of strict, ASCII-only JSON: nothing in it can upset a terminal or a parser."""
    # ensure_ascii escapes all but printable ASCII: C0 controls, DEL, C1 controls, bidi marks,
    # lone surrogates; allow_nan=False refuses what JSON cannot say (NaN, Infinity)
    return json.dumps(value, ensure_ascii=True, allow_nan=False)


def _check_tension(matcher: Matcher, tension: str | None) -> None:
    ids = matcher.index.tension_ids
    if tension is not None and tension not in ids:
        shown = visible(shortened(tension))
        raise UsageError(f"unknown tension '{shown}'{did_you_mean(tension, ids)}")


def run_match(
    dirs: ContentDirs,
    text: str | None,
    *,
    tension: str | None,
    as_json: bool,
    jsonl: bool,
    stdin: IO[Any] | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Match one text (or, with ``jsonl``, one JSON object per input line)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    matcher = Matcher(load_catalogue(dirs, dialogues=False))
    _check_tension(matcher, tension)
    if jsonl:
        for line in run_jsonl(matcher, read_lines(stdin), tension):
            stdout.write(line + "\n")
            stdout.flush()  # a caller feeding lines one by one gets each answer at once
        return 0
    if text is None:
        text = read_text(stdin)
    result = matcher.match(text, tension)
    if as_json:
        stdout.write(to_json(match_dict(result)) + "\n")
    else:
        write_plain(stdout, describe(matcher, text, result))
    return 0


def read_text(stdin: IO[Any]) -> str:
    """The text on standard input, decoded from UTF-8 with replacement (a stray byte reads as
    U+FFFD whatever the locale). Only as much is read as the reader can use: enough bytes for
    ``MAX_TEXT`` characters and one more, so the reader can tell that there was more."""
    binary = getattr(stdin, "buffer", None)
    if binary is None:  # a text stream (tests): already decoded
        text = str(stdin.read(MAX_TEXT + 1))
    else:
        text = binary.read(4 * (MAX_TEXT + 1)).decode("utf-8", "replace")
    return text.removeprefix("\ufeff")


def read_lines(stdin: IO[Any]) -> Iterator[bytes | str | None]:
    """Each line of standard input as bytes (as text for a text stream without a buffer), split
    at newlines only; ``None`` for a line longer than ``MAX_LINE``, which is skipped unread."""
    source = getattr(stdin, "buffer", stdin)
    while line := source.readline(MAX_LINE + 1):
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= MAX_LINE or line.endswith(newline):
            yield line
            continue
        while not line.endswith(newline):  # skip the rest of the line, a piece at a time
            line = source.readline(1 << 16)
            if not line:
                break
        yield None


def run_jsonl(
    matcher: Matcher, lines: Iterable[bytes | str | None], default_tension: str | None
) -> Iterator[str]:
    """One JSON line out for every line in, in order; a bad line gives an error line (with its
    line number) and the run goes on."""
    known = frozenset(matcher.index.tension_ids)
    for number, raw in enumerate(lines, start=1):
        try:
            yield to_json(answer(matcher, known, number, raw, default_tension))
        except Exception as exc:  # one line must never end the run: say so on that line
            yield to_json(_error(number, None, "internal", why=type(exc).__name__))


def _error(number: int, answer_id: Any, code: str, **fields: object) -> dict[str, Any]:
    message = ERRORS[code].format(**fields)
    return {"line": number, "id": answer_id, "error": message, "code": code}


class _Object(dict[str, Any]):
    """A JSON object that remembers a key given twice (``json`` keeps the last silently)."""

    duplicate: str | None = None


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    out = _Object(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                out.duplicate = key
                break
            seen.add(key)
    return out


class _HugeNumber:
    """A whole number too long to be any use (Python would refuse to convert it)."""


def _number(digits: str) -> int | _HugeNumber:
    return int(digits) if len(digits) <= 40 else _HugeNumber()


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _parse(line: str) -> Any:
    """The JSON value of one line; ValueError when it is not JSON (NaN and Infinity are not),
    RecursionError when it nests too deeply."""
    return json.loads(line, object_pairs_hook=_object, parse_int=_number, parse_constant=_not_json)


def _kind(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float | _HugeNumber):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _echoable(value: object) -> bool:
    """True for an id that goes back out as the same valid JSON value."""
    if value is None or isinstance(value, str | bool):
        return True
    if isinstance(value, int):
        return abs(value) <= MAX_SAFE_ID
    return isinstance(value, float) and math.isfinite(value)


def _decode(raw: bytes | str) -> tuple[str, UnicodeDecodeError | None]:
    if isinstance(raw, str):
        return raw, None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return raw.decode("utf-8", "replace"), exc


def answer(
    matcher: Matcher,
    known: frozenset[str],
    number: int,
    raw: bytes | str | None,
    default_tension: str | None,
) -> dict[str, Any]:
    """The answer to line ``number`` of a ``--jsonl`` input: a result or an error."""
    if raw is None:
        return _error(number, None, "too-long", limit=MAX_LINE)
    line, bad_bytes = _decode(raw)
    if number == 1:
        line = line.removeprefix("\ufeff")  # a byte-order mark, as some editors write
    if not line.strip(" \t\r\n"):  # JSON's whitespace (Python's also has \x1c and more)
        return _error(number, None, "blank")
    try:
        item = _parse(line)
    except RecursionError:
        return _error(number, None, "too-deep")
    except json.JSONDecodeError as exc:
        if bad_bytes is not None:  # the bad bytes are the likelier reason
            return _error(number, None, "not-utf8", **_where(bad_bytes))
        return _error(number, None, "not-json", why=f"{exc.msg} (column {exc.colno})")
    except ValueError as exc:
        return _error(number, None, "not-json", why=str(exc))
    if not isinstance(item, dict):
        return _error(number, None, "not-object", found=_kind(item))
    answer_id = item.get("id")
    if not _echoable(answer_id):
        found = _kind(answer_id)
        return _error(number, None, "bad-id", found=found.replace("number", "number beyond that"))
    if bad_bytes is not None:  # the id is still worth giving back, for pairing
        return _error(number, answer_id, "not-utf8", **_where(bad_bytes))
    if isinstance(item, _Object) and item.duplicate is not None:
        return _error(number, answer_id, "duplicate-key", key=shortened(item.duplicate))
    text = item.get("text")
    tension = item.get("tension", default_tension)
    if text is not None and not isinstance(text, str):
        return _error(
            number, answer_id, "bad-type", field="text", expected="a string", found=_kind(text)
        )
    if tension is not None and not isinstance(tension, str):
        expected = "a tension id (a string) or null"
        return _error(
            number, answer_id, "bad-type", field="tension", expected=expected, found=_kind(tension)
        )
    if text is None or not text.strip():
        return _error(number, answer_id, "no-text")
    if tension is not None and tension not in known:
        hint = did_you_mean(tension, sorted(known))
        return _error(number, answer_id, "unknown-tension", id=shortened(tension), hint=hint)
    result = matcher.match(text, tension)
    return {"line": number, "id": answer_id, **match_dict(result)}


def _where(exc: UnicodeDecodeError) -> dict[str, int]:
    return {"byte": exc.object[exc.start], "at": exc.start + 1}


def write_plain(stdout: TextIO, text: str) -> None:
    """Write ``text`` in the stream's own encoding: what it cannot hold (under ``LC_ALL=C``,
    say) comes out as backslash escapes instead of stopping the command."""
    encoding = getattr(stdout, "encoding", None) or "utf-8"
    stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))


def describe(matcher: Matcher, text: str, result: Match) -> str:
    """The match as a person would read it (every piece of the text shown with ``visible``)."""
    lines = []
    if result.truncated:
        lines.append(
            f"Read:       the first {result.read_chars:,} characters (the rest is not read)"
        )
    if result.tension is None:
        lines.append("No tension found in this text: it reads as off-topic (neither pole).")
        return "\n".join(lines) + "\n"
    tension = matcher.catalogue.tension(result.tension)
    lines.append(f"Tension:    {visible(tension.title)} ({tension.id})")
    names = {p.id: visible(p.name) for p in tension.poles}
    pole = names.get(result.pole, result.pole)
    if result.pole == "neither":
        pole = "unsure (neither pole clearly)"
    lines.append(f"Leans to:   {pole}")
    left, right = (names[p.id] for p in tension.poles)
    lines.append(f"Lean:       {result.lean:+.2f}  (-1 {left} ... +1 {right})")
    hedged = ", hedged" if result.hedged else ""
    lines.append(f"Confidence: {result.confidence:.2f}{hedged}")
    if result.unsure and result.pole != "neither":
        lines.append("Unsure:     the conversation would ask rather than tell")
    if result.evidence:
        lines.append("Evidence:")
        for e in result.evidence:
            how = f"against {names[e.pole]}" if e.negated else names[e.pole]
            lines.append(f"  \u00bb{visible(e.text)}\u00ab  {how}")
        lines.append("In context: " + highlight(text[: result.read_chars], result))
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
