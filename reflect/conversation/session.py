"""A conversation in progress: the one mutable object, owning the transcript and the history.

Screens (the Textual app, the plain line mode, the browser) talk to a Session: they send what
the person typed and show the turns that come back. Commands (/skip, /back, /quit, /help,
/note) are handled here, the same for every face. Each change is reported to ``on_change``
so that storage can save every answer the moment it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from reflect.base.messages import ui
from reflect.base.textsafe import MAX_TEXT, given
from reflect.conversation.engine import Engine, EngineError
from reflect.conversation.values import State, Turn

Listener = Callable[["Session", list[Turn]], None]


class Session:
    """One person's conversation with one dialogue."""

    def __init__(
        self,
        engine: Engine,
        dialogue_id: str,
        *,
        variables: dict[str, object] | None = None,
        seen: frozenset[str] = frozenset(),
        on_change: Listener | None = None,
        state: State | None = None,
    ) -> None:
        self.engine = engine
        self.on_change = on_change
        #: the number it is kept under, once something keeps it (the journal)
        self.kept_as: int | None = None
        self.history: list[State] = []
        self.transcript: list[Turn] = []
        self.lines: list[str] = []  # everything sent, commands included: replaying it resumes
        if state is None:
            self.state, turns = engine.start(dialogue_id, variables=variables, seen=seen)
        else:
            self.state, turns = state, list(state.question)
        self.opening = turns
        self._record(turns)

    @property
    def finished(self) -> bool:
        return self.state.finished

    def send(self, line: str) -> list[Turn]:
        """Handle one line the person typed: an answer or a /command. A text longer than
        ``MAX_TEXT`` is cut there, and the person told."""
        line, cut = given(line)
        self.lines.append(line)
        text = line.strip()
        try:
            if text.startswith("/"):
                command, _, rest = text[1:].partition(" ")
                turns = self._command(command.lower(), rest)
            else:
                turns = self._move(*self.engine.reply(self.state, line))
        except EngineError as exc:
            # the script cannot go on from here (content that loops): the person is told, and
            # the line is not kept, so that carrying on later does not run into it again
            self.lines.pop()
            return [Turn("system", ui("cannot-go-on", why=str(exc)), "error")]
        if not cut:
            return turns
        told = Turn("system", ui("too-long", limit=MAX_TEXT), "note")
        self._record([told])
        return [told, *turns]

    def _command(self, command: str, rest: str) -> list[Turn]:
        if command == "skip":
            return self._move(*self.engine.skip(self.state))
        if command == "back":
            return self.back()
        if command == "quit":
            return self._move(*self.engine.quit(self.state))
        if command == "note":
            return self._move(*self.engine.note(self.state, rest))
        if command == "help":
            return [Turn("system", ui("help"), "help")]
        return [
            Turn("system", ui("unknown-command", command="/" + command, help=ui("help")), "error")
        ]

    def back(self) -> list[Turn]:
        """Return to the previous question; the answer given to it is undone."""
        while self.history:
            previous = self.history.pop()
            if previous.waiting:
                self.state = previous
                turns = [Turn("system", ui("back"), "note"), *previous.question]
                self._record(turns)
                return turns
        turns = [Turn("system", ui("back-none"), "error")]
        self._record(turns)
        return turns

    def _move(self, new: State, turns: list[Turn]) -> list[Turn]:
        if new is not self.state:
            self.history.append(self.state)
            self.state = new
        self._record(turns)
        return turns

    def _record(self, turns: list[Turn]) -> None:
        self.transcript.extend(turns)
        if self.on_change is not None:
            self.on_change(self, turns)

    def replay(self, lines: list[str]) -> None:
        """Send earlier lines again, quietly, to rebuild a session from the journal."""
        listener, self.on_change = self.on_change, None
        try:
            for line in lines:
                if line.strip().lower() != "/quit":  # stopping was for then; resuming is now
                    self.send(line)
        finally:
            self.on_change = listener
