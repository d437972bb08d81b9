"""Validates one dialogue script (or flow) and builds a ``Dialogue`` from it.

Besides the shape of each step, it checks the script as a graph: every jump lands on a step,
every step can be reached from the first, every branch has somewhere to go when no condition
holds, and no loop lacks a way out. Templates may only name variables the script can know.
References to other files (included flows, tension ids) are checked by the loader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from reflect.base.messages import did_you_mean
from reflect.base.problems import Problem, errors
from reflect.content.model import KINDS
from reflect.content.schema import Reader, type_name
from reflect.content.script import (
    END,
    NEXT,
    OPTION_SOURCES,
    STEP_KINDS,
    TENSION_NAMES,
    TENSION_SOURCES,
    Branch,
    Condition,
    Dialogue,
    DialogueKind,
    Option,
    Step,
    StepKind,
    TensionSource,
    template_names,
)
from reflect.content.yamldoc import Document, Key

DIALOGUE_KEYS = ("id", "title", "description", "steps")
DIALOGUE_OPTIONAL = ("kind", "variables", "tension")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "say": ("goto", "end"),
    "ask": ("into", "optional", "once", "match", "prefill", "goto", "end"),
    "scale": ("into", "optional", "once", "suggest", "goto", "end"),
    "choose": ("options", "options_from", "into", "optional", "once", "place", "goto", "end"),
    "pick": ("options_from", "into", "optional", "once", "goto", "end"),
    "branches": ("otherwise",),
    "include": ("tensions", "goto", "end"),
    "goto": (),
}
#: Option lists whose answers are tension ids.
TENSION_LISTS = ("tensions", "core")
ALL_STEP_KEYS = tuple(
    dict.fromkeys(("id", *STEP_KINDS, *(k for v in KIND_KEYS.values() for k in v)))
)


def read_dialogue(doc: Document) -> tuple[Dialogue | None, list[Problem]]:
    """Validate a parsed dialogue document. Cross-file references are checked by the loader."""
    r = Reader(doc)
    if r.mapping((), DIALOGUE_KEYS, DIALOGUE_OPTIONAL) is None:
        return None, r.problems
    dialogue_id = r.ident(("id",))
    if dialogue_id and Path(doc.path).stem != dialogue_id:
        r.warn(("id",), "id-filename", id=dialogue_id, name=Path(doc.path).name)
    # a kind that is not one of these is reported, and the dialogue is not used
    kind = cast(
        DialogueKind,
        r.choice(("kind",), ("script", "flow")) if r.get(("kind",)) is not None else "script",
    )
    tension = r.ident(("tension",)) if r.get(("tension",)) is not None else ""
    steps = tuple(_step(r, i) for i in range(len(r.items(("steps",)))))
    dialogue = Dialogue(
        id=dialogue_id,
        title=r.text(("title",)),
        description=r.text(("description",)),
        steps=steps,
        kind=kind,
        variables=r.texts(("variables",)) if r.get(("variables",)) is not None else (),
        path=doc.path,
        tension=tension,
    )
    if not steps and isinstance(r.get(("steps",)), list):
        r.add(("steps",), "empty-value", field="steps")
    if not errors(r.problems):
        _check_graph(r, dialogue)
        _check_variables(r, dialogue)
        _check_tension_answers(r, dialogue)
    if errors(r.problems):
        return None, r.problems
    return dialogue, r.problems


def _flag(r: Reader, key: Key) -> bool:
    value = r.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        r.add(
            key, "wrong-type", field=str(key[-1]), expected="true or false", found=type_name(value)
        )
        return False
    return value


def _texts(r: Reader, key: Key) -> tuple[str, ...]:
    value = r.get(key)
    if isinstance(value, str):
        return (r.text(key),)
    return r.texts(key)


def _optional_text(r: Reader, key: Key) -> str:
    return r.text(key) if r.get(key) is not None else ""


def _step(r: Reader, i: int) -> Step:
    key: Key = ("steps", i)
    raw = r.mapping(key, ("id",), ALL_STEP_KEYS[1:])
    if raw is None:
        return Step(id="", kind="", line=r.doc.where(key)[0])
    step_id = r.ident((*key, "id"))
    kinds: list[StepKind] = [k for k in STEP_KINDS if k in raw and k != "goto"]
    if not kinds and "goto" in raw:
        kinds = ["goto"]
    if len(kinds) != 1:
        found = ", ".join(kinds) if kinds else "none"
        r.add(key, "step-kind", id=step_id, kinds=", ".join(STEP_KINDS), found=found)
        return Step(id=step_id, kind="", line=r.doc.where(key)[0])
    kind = kinds[0]
    allowed = KIND_KEYS[kind]
    for name in raw:
        if name not in ("id", kind, *allowed):
            r.add((*key, name), "key-not-for-step", of_key=True, key=name, kind=kind)
    fields: dict[str, Any] = {}
    if kind in ("say", "ask", "scale", "choose", "pick"):
        fields["text"] = _texts(r, (*key, kind))
    for flag in ("optional", "once", "match", "suggest", "place", "end"):
        if flag in raw:
            fields[flag] = _flag(r, (*key, flag))
    for name in ("into", "prefill", "otherwise"):
        if name in raw:
            fields[name] = r.ident((*key, name))
    if kind == "goto" or "goto" in raw:
        fields["goto"] = r.ident((*key, "goto"))
    if kind == "include":
        fields["include"] = r.ident((*key, "include"))
        if "tensions" in raw:
            fields["tensions"] = _source(r, (*key, "tensions"))
    if kind in ("choose", "pick"):
        fields.update(_options(r, key, raw, kind))
    if kind == "branches":
        fields["branches"] = tuple(
            b
            for j in range(len(r.items((*key, "branches"))))
            if (b := _branch(r, (*key, "branches", j)))
        )
        if "otherwise" not in raw:
            r.add(key, "dead-end", id=step_id)
    return Step(id=step_id, kind=kind, line=r.doc.where(key)[0], **fields)


def _options(r: Reader, key: Key, raw: dict[str, Any], kind: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if "options_from" in raw:
        source = r.choice((*key, "options_from"), OPTION_SOURCES)
        fields["options_from"] = source
    if kind == "pick" and "options_from" not in raw:
        r.add(key, "missing-key", key="options_from", where=" from a pick step")
    if kind == "choose":
        if ("options" in raw) == ("options_from" in raw):
            r.add(key, "choose-options")
        options = []
        seen: set[str] = set()
        for j in range(len(r.items((*key, "options")))):
            okey: Key = (*key, "options", j)
            if r.mapping(okey, ("id", "label"), ("goto",)) is None:
                continue
            oid = r.ident((*okey, "id"))
            if oid in seen:
                r.add((*okey, "id"), "duplicate-id", what="option", id=oid, other="this step")
            seen.add(oid)
            goto = r.ident((*okey, "goto")) if r.get((*okey, "goto")) is not None else None
            options.append(Option(oid, r.text((*okey, "label")), goto))
        fields["options"] = tuple(options)
    return fields


def _branch(r: Reader, key: Key) -> Branch | None:
    if r.mapping(key, ("if", "goto")) is None:
        return None
    condition = _condition(r, (*key, "if"))
    goto = r.ident((*key, "goto"))
    return Branch(condition, goto) if condition else None


def _condition(r: Reader, key: Key) -> Condition | None:
    raw = r.mapping(key, (), ("match", "var", "equals", "seen", "kind", "not"))
    if raw is None:
        return None
    kinds = [k for k in ("match", "var", "seen", "kind") if k in raw]
    if len(kinds) != 1:
        misspelt = [k for k in raw if k not in ("match", "var", "equals", "seen", "kind", "not")]
        if not (misspelt and not kinds):  # a misspelt test was reported as an unknown key
            r.add(key, "bad-condition")
        return None
    negate = _flag(r, (*key, "not")) if "not" in raw else False
    if kinds[0] == "seen":
        seen = _flag(r, (*key, "seen"))
        return Condition("seen", negate=negate != (not seen))
    if kinds[0] == "kind":
        wanted = r.ident((*key, "kind"))
        if wanted not in KINDS:
            r.add(
                (*key, "kind"),
                "bad-choice",
                field="kind",
                value=wanted,
                choices=", ".join(KINDS),
                hint=did_you_mean(wanted, KINDS),
            )
            return None
        return Condition("kind", wanted, None, negate)
    if kinds[0] == "var":
        equals = r.get((*key, "equals"))
        value = None if equals is None else str(equals)
        return Condition("var", r.ident((*key, "var")), value, negate)
    if "equals" in raw:
        r.add((*key, "equals"), "key-not-for-step", of_key=True, key="equals", kind="match")
    return Condition("match", r.ident((*key, "match")), None, negate)


def _source(r: Reader, key: Key) -> TensionSource | None:
    value = r.get(key)
    if isinstance(value, list):
        return TensionSource(ids=r.texts(key))
    raw = r.mapping(key, ("from",), ("name", "count"))
    if raw is None:
        return None
    source = r.choice((*key, "from"), TENSION_SOURCES)
    count = r.whole((*key, "count"), "a whole number from 1", minimum=1)
    name = _optional_text(r, (*key, "name"))
    if source in ("var", "story") and not name:
        r.add(key, "missing-key", key="name", where=f" from 'tensions' (from: {source})")
    return TensionSource(source=source, name=name, count=count or 3)


def _targets(step: Step) -> list[tuple[str, Key]]:
    """The jumps a step makes, with where each is written (relative to the step)."""
    found: list[tuple[str, Key]] = []
    if step.goto:
        found.append((step.goto, ("goto",)))
    for j, option in enumerate(step.options):
        if option.goto:
            found.append((option.goto, ("options", j, "goto")))
    for j, branch in enumerate(step.branches):
        found.append((branch.goto, ("branches", j, "goto")))
    if step.otherwise:
        found.append((step.otherwise, ("otherwise",)))
    return found


def _successors(dialogue: Dialogue, i: int) -> set[int]:
    """Indices a step can go to next; len(steps) stands for the end."""
    step = dialogue.steps[i]
    ids = {s.id: n for n, s in enumerate(dialogue.steps)}
    end = len(dialogue.steps)

    def resolve(target: str) -> int:
        return end if target == END else i + 1 if target == NEXT else ids.get(target, end)

    if step.end:
        return {end}
    out = {resolve(t) for t, _ in _targets(step)}
    falls_through = step.kind != "goto" and not step.goto and not step.branches
    if step.kind == "choose" and step.options and all(o.goto for o in step.options):
        falls_through = False
    if falls_through:
        out.add(i + 1)
    return out


def _check_graph(r: Reader, dialogue: Dialogue) -> None:
    steps = dialogue.steps
    ids = [s.id for s in steps]
    first_line: dict[str, int] = {}
    for i, step in enumerate(steps):
        if step.id in first_line:
            r.add(
                ("steps", i, "id"),
                "duplicate-id",
                what="step",
                id=step.id,
                other=f"line {first_line[step.id]}",
            )
        first_line.setdefault(step.id, step.line)
        for target, where in _targets(step):
            if target not in ids and target not in (NEXT, END):
                r.add(
                    ("steps", i, *where),
                    "unknown-step",
                    id=target,
                    hint=did_you_mean(target, [*ids, NEXT, END]),
                )
    if errors(r.problems) or not steps:
        return
    end = len(steps)
    edges = {i: _successors(dialogue, i) for i in range(end)}
    reached = {0}
    todo = [0]
    while todo:
        for n in edges.get(todo.pop(), ()):
            if n not in reached:
                reached.add(n)
                todo.append(n)
    for i in range(end):
        if i not in reached:
            r.add(("steps", i), "unreachable", id=steps[i].id)
    finishing = {end}
    changed = True
    while changed:
        changed = False
        for i in range(end):
            if i not in finishing and edges[i] & finishing:
                finishing.add(i)
                changed = True
    stuck = [i for i in sorted(reached - finishing) if i < end]
    if stuck:
        names = " -> ".join(steps[i].id for i in stuck)
        r.add(("steps", stuck[0]), "endless-loop", steps=names)


def _check_variables(r: Reader, dialogue: Dialogue) -> None:
    known = set(dialogue.variables) | {s.into for s in dialogue.steps if s.into}
    if dialogue.kind == "flow" or dialogue.tension:
        known |= TENSION_NAMES
    for i, step in enumerate(dialogue.steps):
        texts: list[tuple[Key, str]] = [(("steps", i, step.kind), t) for t in step.text]
        texts += [
            (("steps", i, "options", j, "label"), o.label) for j, o in enumerate(step.options)
        ]
        for key, text in texts:
            for name in template_names(text):
                if name not in known:
                    r.add(
                        key, "undefined-variable", name=name, hint=did_you_mean(name, sorted(known))
                    )
        for j, branch in enumerate(step.branches):
            condition = branch.condition
            if condition.kind == "var" and condition.value not in known:
                r.add(
                    ("steps", i, "branches", j, "if", "var"),
                    "undefined-variable",
                    name=condition.value,
                    hint=did_you_mean(condition.value, sorted(known)),
                )
        if step.prefill and step.prefill not in known:
            r.add(
                ("steps", i, "prefill"),
                "undefined-variable",
                name=step.prefill,
                hint=did_you_mean(step.prefill, sorted(known)),
            )


def _check_tension_answers(r: Reader, dialogue: Dialogue) -> None:
    """What the engine reads as tensions must be tensions: the poles to offer need a tension
    in hand, and a variable an include walks (``from: var``) is set only by choosing tensions
    (a free answer would be read as tension ids: "we met" as the tensions 'we' and 'met')."""
    walked = {s.tensions.name for s in dialogue.steps if s.tensions and s.tensions.source == "var"}
    for i, step in enumerate(dialogue.steps):
        if step.options_from == "poles" and dialogue.kind == "script" and not dialogue.tension:
            r.add(("steps", i, "options_from"), "poles-need-tension")
        if step.into in walked and (
            step.kind not in ("choose", "pick") or step.options_from not in TENSION_LISTS
        ):
            r.add(("steps", i, "into"), "var-not-tensions", name=step.into)
