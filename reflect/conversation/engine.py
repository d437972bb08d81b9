"""The conversation engine: a pure function from (state, reply) to (new state, turns).

How it moves: from the current step it runs forward - showing ``say`` steps, following jumps
and branches, entering included flows once per tension - until it reaches a step that waits
for the person (``ask``, ``scale``, ``choose``, ``pick``) or the end. A reply is checked
against what that step expects; a reply that does not fit returns the same state with a
message, so nothing is lost. Skipping moves on without a value. Going back is the caller's
business: every state is a value, so it keeps the earlier ones.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from reflect.base.messages import ui
from reflect.content.model import Catalogue
from reflect.content.script import END, NEXT, Dialogue, Step
from reflect.conversation.conditions import holds
from reflect.conversation.fill import fill, names, pick
from reflect.conversation.lean import suggestion
from reflect.conversation.values import (
    NOTHING,
    Choice,
    Expect,
    ExpectKind,
    Frame,
    Record,
    State,
    Turn,
)
from reflect.matching.results import story_tensions

if TYPE_CHECKING:
    from reflect.matching.matcher import Matcher

#: How many steps the engine runs without waiting before it decides a script is looping.
MAX_STEPS = 2_000


class EngineError(Exception):
    """A script asked for something that cannot be done (an unknown tension or dialogue)."""


class Engine:
    """Runs dialogue scripts against a catalogue, reading answers with the matcher."""

    def __init__(self, catalogue: Catalogue, matcher: Matcher | None = None, seed: int = 0):
        self.catalogue = catalogue
        if matcher is None:
            # the reader (and rapidfuzz, and its weights) is imported when an engine is built -
            # in the app, after the first screen - not when this module is
            from reflect.matching.matcher import Matcher

            matcher = Matcher(catalogue)
        self.matcher = matcher
        self.seed = seed
        self._dialogues = {d.id: d for d in catalogue.dialogues}

    # -- starting and replying ------------------------------------------------------------

    def start(
        self,
        dialogue_id: str,
        *,
        variables: dict[str, object] | None = None,
        seen: frozenset[str] = frozenset(),
    ) -> tuple[State, list[Turn]]:
        """Begin a dialogue; returns the first state and the turns to show."""
        dialogue = self._dialogue(dialogue_id)
        if dialogue.kind != "script":
            raise EngineError(f"'{dialogue_id}' is a flow, not a script")
        if dialogue.tension:
            self._tension(dialogue.tension)
        state = State(
            dialogue.id, (Frame(dialogue.id, 0, dialogue.tension),), seen=seen, seed=self.seed
        )
        for name, value in (variables or {}).items():
            state = state.with_variable(name, value)
        return self._run(state, [])

    def reply(self, state: State, text: str) -> tuple[State, list[Turn]]:
        """Answer the waiting question. A reply that does not fit gets a message, nothing else."""
        if not state.waiting:
            return state, [Turn("system", ui("not-waiting"), "error")]
        step = self._step(state)
        text = text.strip()
        if not text and step.optional and state.expect.kind == "choice":
            # Enter at an optional choice takes its default road ("go on"): nothing was skipped
            return self._run(self._after(state, step, None), [])
        if not text and step.optional and state.expect.kind != "scale":
            return self.skip(state)
        value, error = self._parse(state, step, text)
        if error:
            return state, [Turn("system", error, "error", step.id, state.frame.tension)]
        shown = self._echo(state, value) if state.expect.kind != "text" else text
        turns = [Turn("person", shown or text, "answer", step.id, state.frame.tension)]
        state = self._store(state, step, value, text)
        return self._run(self._after(state, step, value), turns)

    def skip(self, state: State) -> tuple[State, list[Turn]]:
        """Move past the waiting question without answering it."""
        if not state.waiting:
            return state, [Turn("system", ui("not-waiting"), "error")]
        step = self._step(state)
        tension = state.frame.tension
        if tension:
            record = state.record(tension)
            state = state.with_record(replace(record, skipped=(*record.skipped, step.id)))
        turns = [Turn("system", ui("skipped"), "note", step.id, tension)]
        return self._run(self._after(state, step, None), turns)

    def quit(self, state: State) -> tuple[State, list[Turn]]:
        """End the conversation now, keeping everything answered so far."""
        state = replace(state, finished=True, quit=True, expect=NOTHING, question=())
        return state, [Turn("assistant", ui("quit"), "say")]

    def note(self, state: State, text: str) -> tuple[State, list[Turn]]:
        """Add a coach's note to the tension in hand (or to the session)."""
        text = text.strip()
        if not text:
            return state, [Turn("system", ui("empty-note"), "error")]
        tension = state.frame.tension if state.stack else ""
        if tension:
            record = state.record(tension)
            state = state.with_record(replace(record, notes=(*record.notes, text)))
        else:
            state = replace(state, notes=(*state.notes, text))
        return state, [Turn("coach", text, "note", "", tension)]

    # -- running forward ------------------------------------------------------------------

    def _dialogue(self, dialogue_id: str) -> Dialogue:
        try:
            return self._dialogues[dialogue_id]
        except KeyError:
            raise EngineError(f"no dialogue '{dialogue_id}'") from None

    def _tension(self, tension_id: str) -> None:
        try:
            self.catalogue.tension(tension_id)
        except KeyError:
            raise EngineError(f"no tension '{tension_id}'") from None

    def _step(self, state: State) -> Step:
        frame = state.frame
        return self._dialogue(frame.dialogue).steps[frame.index]

    def _jump(self, state: State, target: str) -> State:
        frame = state.frame
        dialogue = self._dialogue(frame.dialogue)
        if target == END:
            index = len(dialogue.steps)
        elif target == NEXT:
            index = frame.index + 1
        else:
            index = dialogue.index(target)
        return replace(state, stack=(*state.stack[:-1], replace(frame, index=index)))

    def _after(self, state: State, step: Step, value: object) -> State:
        """Where to go once a step is done."""
        if step.end:
            return self._jump(state, END)
        if step.kind == "choose" and isinstance(value, str):
            option = next((o for o in step.options if o.id == value), None)
            if option and option.goto:
                return self._jump(state, option.goto)
        return self._jump(state, step.goto or NEXT)

    def _run(self, state: State, turns: list[Turn]) -> tuple[State, list[Turn]]:
        state = replace(state, expect=NOTHING, question=())
        for _ in range(MAX_STEPS):
            if not state.stack:
                return replace(state, finished=True), turns
            frame = state.frame
            dialogue = self._dialogue(frame.dialogue)
            if frame.index >= len(dialogue.steps):
                state = self._leave(state)
                continue
            step = dialogue.steps[frame.index]
            state = replace(state, counter=state.counter + 1)
            if step.kind == "say":
                turns.append(self._say(state, step, "say"))
                state = self._after(state, step, None)
            elif step.kind == "goto":
                state = self._jump(state, step.goto)
            elif step.kind == "branches":
                target = next(
                    (
                        b.goto
                        for b in step.branches
                        if holds(b.condition, state, self.catalogue, frame.tension)
                    ),
                    step.otherwise,
                )
                state = self._jump(state, target)
            elif step.kind == "include":
                state = self._enter(state, step)
            else:
                known = self._known(state, step)
                if step.once and known not in (None, ""):
                    state = self._after(state, step, known)
                elif step.prefill and state.variables.get(step.prefill):
                    text = str(state.variables[step.prefill])
                    state = self._store(state, step, text, text)
                    state = self._after(state, step, text)
                else:
                    return self._ask(state, step, turns)
        raise EngineError(ui("looping", dialogue=state.dialogue))

    def _leave(self, state: State) -> State:
        """The frame on top has run out of steps: next tension, or back to the caller."""
        frame = state.frame
        if frame.tension and self._dialogue(frame.dialogue).kind == "flow":
            record = state.record(frame.tension)
            state = state.with_record(replace(record, done=True))
        if frame.queue:
            top = Frame(frame.dialogue, 0, frame.queue[0], frame.queue[1:])
            return replace(state, stack=(*state.stack[:-1], top))
        return replace(state, stack=state.stack[:-1])

    def _enter(self, state: State, step: Step) -> State:
        """Run an included flow once for each of its tensions, then carry on after the step."""
        tensions = self._tensions_for(state, step)
        state = self._after(state, step, None)
        if not tensions:
            return state
        for tension in tensions:
            self._tension(tension)
        frame = Frame(step.include, 0, tensions[0], tuple(tensions[1:]))
        return replace(state, stack=(*state.stack, frame))

    def _tensions_for(self, state: State, step: Step) -> list[str]:
        source = step.tensions
        current = state.frame.tension
        if source is None or source.source == "current":
            return [current] if current else []
        if source.ids:
            return list(source.ids)
        if source.source == "var":
            value = state.variables.get(source.name, "")
            return [t for t in re.split(r"[,\s]+", str(value)) if t]
        story = str(state.variables.get(source.name, ""))
        if not story.strip():
            return []
        # a second story goes to the tensions the first one did not reach
        done = {t for t, record in state.records.items() if record.done}
        ranking = tuple(t for t in self.matcher.match(story).tensions if t.id not in done)
        # a story that touches no tension still gets a conversation: the experienced ones
        everything = self.catalogue.core or self.catalogue.tensions
        fallback = [t.id for t in everything if t.id not in done]
        return (story_tensions(self.catalogue, ranking) or fallback)[: source.count]

    def _say(self, state: State, step: Step, kind: Literal["say", "question"]) -> Turn:
        tension = state.frame.tension
        text = fill(pick(step.text, state, step.id), names(state, self.catalogue, tension))
        return Turn("assistant", text, kind, step.id, tension)

    def _ask(self, state: State, step: Step, turns: list[Turn]) -> tuple[State, list[Turn]]:
        question = self._say(state, step, "question")
        expect = self._expect(state, step)
        turns.append(question)
        return replace(state, expect=expect, question=(question,)), turns

    def _options(self, state: State, step: Step) -> tuple[Choice, ...]:
        if step.options:
            values = names(state, self.catalogue, state.frame.tension)
            return tuple(Choice(o.id, fill(o.label, values)) for o in step.options)
        if step.options_from in ("tensions", "core"):
            tensions = (
                self.catalogue.core if step.options_from == "core" else self.catalogue.tensions
            )
            return tuple(Choice(t.id, t.title) for t in tensions)
        tension = self.catalogue.tension(state.frame.tension)
        left, right = tension.poles
        return (
            Choice("left", left.name),
            Choice("right", right.name),
            Choice("both", ui("both-label")),
            Choice("neither", ui("neither-label")),
        )

    def _expect(self, state: State, step: Step) -> Expect:
        if step.kind == "ask":
            return Expect("text", optional=step.optional)
        if step.kind == "scale":
            tension = state.frame.tension
            low = high = ""
            suggested = None
            if tension:
                t = self.catalogue.tension(tension)
                low, high = t.poles[0].name, t.poles[1].name
                suggested = suggestion(state.record(tension), t, step.into)
            return Expect("scale", suggestion=suggested, optional=step.optional, low=low, high=high)
        kind: ExpectKind = "pick" if step.kind == "pick" else "choice"
        return Expect(kind, self._options(state, step), optional=step.optional)

    # -- replies --------------------------------------------------------------------------

    def _parse(self, state: State, step: Step, text: str) -> tuple[object, str]:
        expect = state.expect
        if expect.kind == "text":
            if not text:
                return None, ui("empty-optional" if step.optional else "empty-answer")
            return text, ""
        if expect.kind == "scale":
            if not text:
                if expect.suggestion is None:
                    return None, ui("scale-no-suggestion")
                return expect.suggestion, ""
            numbers = numbers_in(text)
            # "5", "about a 5 I think", "5 of 7": one number in range; "4.5" or "3 or 4" is not
            if len([n for n in numbers if 1 <= n <= 7]) == 1 and (
                len(numbers) == 1 or text.strip().endswith(("of 7", "out of 7"))
            ):
                return next(n for n in numbers if 1 <= n <= 7), ""
            return None, ui("bad-scale")
        options = expect.options
        labels = "; ".join(f"{i}) {o.label}" for i, o in enumerate(options, start=1))
        whole = _choice(text, options) if text else None
        if expect.kind == "choice" and whole is not None:
            return whole, ""
        chosen = (
            [_choice(part, options) for part in re.split(r"[,;]+|\s+(?=\d)", text) if part.strip()]
            if text
            else []
        )
        if not chosen or any(c is None for c in chosen):
            return None, ui("bad-choice" if expect.kind == "choice" else "bad-pick", options=labels)
        if expect.kind == "choice":
            if len(set(chosen)) > 1:
                return None, ui("one-choice", options=labels)
            return chosen[0], ""
        return ",".join(dict.fromkeys(c for c in chosen if c)), ""

    def _echo(self, state: State, value: object) -> str:
        """What the transcript shows for an answer: a choice by its label, not its number."""
        if state.expect.kind == "scale":
            return str(value)
        labels = {o.id: o.label for o in state.expect.options}
        if state.expect.kind in ("choice", "pick") and isinstance(value, str):
            return ", ".join(labels.get(v, v) for v in value.split(",") if v)
        return ""

    def _known(self, state: State, step: Step) -> object:
        if not step.into:
            return None
        tension = state.frame.tension
        if tension and (tension in state.records):
            value = state.records[tension].get(step.into)
            if value is not None:
                return value
        return state.variables.get(step.into) if not tension else None

    def _store(self, state: State, step: Step, value: object, text: str) -> State:
        tension = state.frame.tension
        if not tension:
            return state.with_variable(step.into, value) if step.into else state
        record: Record = state.record(tension)
        if step.match and isinstance(value, str):
            record = replace(record, reading=self.matcher.match(value, tension))
            record = record.with_value("answer", value)
        if step.place and isinstance(value, str):
            pole = _pole_of(self.catalogue, tension, value)
            reading = record.reading.pole if record.reading else ""
            corrected = bool(record.reading) and reading != pole
            record = replace(record, placed=pole, corrected=record.corrected or corrected)
        if step.into:
            record = record.with_value(step.into, value)
        return state.with_record(record)


#: A number a person may give: one to three ASCII digits standing alone ("about a 5"), never
#: part of a word or a decimal; other scripts' digits, superscripts and circled numbers are not
#: numbers here, and a longer run of digits is no number at all.
_NUMBER = re.compile(r"(?<![\w.])[0-9]{1,3}(?![\w.])")


def numbers_in(text: str) -> list[int]:
    """The numbers in a reply, in order: the one parser for choices and scales."""
    return [int(n) for n in _NUMBER.findall(text)]


def _choice(text: str, options: tuple[Choice, ...]) -> str | None:
    """The option a reply names: by number, by id, by the start of its label, or - in a
    sentence ("neither really", "partly, yes", "accept, if I'm honest") - by the one option
    whose id or label's first word it uses."""
    text = text.strip().lower()
    if _NUMBER.fullmatch(text):
        n = int(text)
        return options[n - 1].id if 1 <= n <= len(options) else None
    for option in options:
        if text in (option.id.lower(), option.label.lower()):
            return option.id
    starts = [o.id for o in options if o.label.lower().startswith(text)]
    if len(starts) == 1:
        return starts[0]
    words = set(re.findall(r"[a-z]+", text))
    named = [o.id for o in options if _names(o) & words]
    return named[0] if len(named) == 1 else None


def _names(option: Choice) -> set[str]:
    """The words that name an option inside a sentence: its id, and the first word of its
    label when that is a word of some length ("accept, if I'm honest" names "Accept and work
    within it"; "no" or "in" alone would name too much)."""
    names = {option.id.lower()} if option.id.isalpha() else set()
    first = re.match(r"[a-z]+", option.label.lower())
    if first and len(first.group()) >= 4:
        names.add(first.group())
    return names


def _pole_of(catalogue: Catalogue, tension_id: str, value: str) -> str:
    """A placement option ("left", "right", a pole id, "both", "neither") as a pole id."""
    tension = catalogue.tension(tension_id)
    if value == "left":
        return tension.poles[0].id
    if value == "right":
        return tension.poles[1].id
    return value
