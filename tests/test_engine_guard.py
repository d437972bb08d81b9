"""The engine's loop guard: a script looping without a question stops with an error, not a hang."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import reflect.conversation.engine as engine_module
from reflect.cli import main
from reflect.content.loader import Loaded, load_content
from reflect.content.model import Catalogue
from reflect.content.places import ContentDirs
from reflect.content.script import Condition
from reflect.conversation.conditions import holds as real_holds
from reflect.conversation.engine import MAX_STEPS, Engine, EngineError
from reflect.conversation.session import Session
from reflect.conversation.values import State
from reflect.matching.check import check_catalogue
from reflect.matching.matcher import Matcher

LOOPING = "keeps running without asking anything"

#: A way out that never opens: the checker sees the branch to the end, the engine never takes it.
LOOP = """\
id: loop
title: Round and round
description: A script whose way out opens only when the variable stop is set.
variables: [stop]
steps:
  - id: again
    say: "Round again."
  - id: check
    branches:
      - if: {var: stop}
        goto: end
    otherwise: again
"""

#: The same, after a question: the answer decides whether the way out opens.
ASK_THEN_LOOP = """\
id: ask-then-loop
title: Ask, then maybe round and round
description: Asks first; anything but "stop" sends it round for ever.
steps:
  - id: ask
    ask: "Shall we stop?"
    into: answer
  - id: again
    say: "Round again."
  - id: check
    branches:
      - if: {var: answer, equals: stop}
        goto: end
    otherwise: again
"""

#: Four tensions, each walked through a flow of SAYS steps that ask nothing.
WALKED = ["power", "aims", "leadership", "conflict"]
SAYS = 400


def flow(says: int) -> str:
    """A flow of ``says`` steps, each saying one line."""
    head = "id: many\nkind: flow\ntitle: Many lines\ndescription: Says, asks nothing.\nsteps:\n"
    return head + "".join(f'  - id: s{n}\n    say: "Line {n}."\n' for n in range(says))


#: Two long runs without a question, one before and one after the only question.
LONG = f"""\
id: long
title: A long way round
description: Many lines before and after one question.
steps:
  - id: first
    include: many
    tensions: [{", ".join(WALKED)}]
  - id: ask
    ask: "Still there?"
    into: there
  - id: second
    include: many
    tensions: [{", ".join(WALKED)}]
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dialogues folder holding the scripts above (and their flow)."""
    made = tmp_path_factory.mktemp("dialogues")
    (made / "loop.yaml").write_text(LOOP)
    (made / "ask-then-loop.yaml").write_text(ASK_THEN_LOOP)
    (made / "many.yaml").write_text(flow(SAYS))
    (made / "long.yaml").write_text(LONG)
    return made


@pytest.fixture(scope="module")
def loaded(folder: Path, shipped_dirs: ContentDirs) -> Loaded:
    return load_content(shipped_dirs.tensions, folder)


@pytest.fixture
def tested(monkeypatch: pytest.MonkeyPatch) -> list[Condition]:
    """Every branch condition the engine tests, in order; past ten budgets' worth the test
    fails rather than hangs."""
    seen: list[Condition] = []

    def holds(condition: Condition, state: State, catalogue: Catalogue, tension: str) -> bool:
        seen.append(condition)
        if len(seen) > 10 * MAX_STEPS:
            raise AssertionError("the engine ran far past its step budget")
        return real_holds(condition, state, catalogue, tension)

    monkeypatch.setattr(engine_module, "holds", holds)
    return seen


@pytest.fixture
def engine(loaded: Loaded, matcher: Matcher, tested: list[Condition]) -> Engine:
    """An engine over the scripts above (none reads an answer: the shipped reader will do)."""
    return Engine(loaded.catalogue, matcher, seed=1)


def test_the_content_check_cannot_see_these_loops_so_the_guard_must(loaded: Loaded) -> None:
    assert loaded.problems == []
    assert [str(p) for p in check_catalogue(loaded)] == []
    assert {d.id for d in loaded.catalogue.scripts} == {"loop", "ask-then-loop", "long"}


def test_a_script_that_loops_without_asking_stops_with_the_looping_error(
    engine: Engine, tested: list[Condition]
) -> None:
    with pytest.raises(EngineError, match=LOOPING) as raised:
        engine.start("loop")
    assert "'loop'" in str(raised.value)  # the message names the script
    assert 0 < len(tested) <= MAX_STEPS  # it went round, and stopped within its budget


def test_the_same_script_with_its_way_out_open_runs_to_its_end(engine: Engine) -> None:
    state, turns = engine.start("loop", variables={"stop": "yes"})
    assert state.finished
    assert [t.text for t in turns] == ["Round again."]


def test_an_answer_that_leads_into_a_loop_is_refused_and_another_answer_goes_on(
    engine: Engine,
) -> None:
    session = Session(engine, "ask-then-loop")
    asked = session.state
    turns = session.send("go on")
    assert turns[-1].kind == "error" and LOOPING in turns[-1].text
    assert session.state is asked and session.lines == []  # nothing kept of the looping line
    session.send("stop")
    assert session.finished and session.lines == ["stop"]


def test_a_long_run_without_a_question_under_the_budget_is_not_stopped(engine: Engine) -> None:
    state, turns = engine.start("long")
    said = [t for t in turns if t.kind == "say"]
    # the first run: every line of the flow for every tension, then the question
    assert len(said) == SAYS * len(WALKED) > MAX_STEPS * 3 // 4
    assert [t.tension for t in said[::SAYS]] == WALKED
    assert state.waiting and turns[-1].text == "Still there?"
    # the budget is per run between questions: the session as a whole goes well past it
    state, more = engine.reply(state, "Yes.")
    assert state.finished
    assert len(said) + len([t for t in more if t.kind == "say"]) > MAX_STEPS


def test_plain_mode_says_the_script_loops_instead_of_hanging(
    folder: Path,
    tested: list[Condition],
    shipped_dirs: ContentDirs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = ["--plain", "--tensions", str(shipped_dirs.tensions), "--dialogues", str(folder)]
    assert main([*argv, "--dialogue", "loop", "--data-dir", str(tmp_path / "journal")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reflect: ") and LOOPING in err and "Traceback" not in err
    assert 0 < len(tested) <= MAX_STEPS
