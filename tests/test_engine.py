"""The conversation engine and session, driven in process with scripted answers."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reflect.check import check_catalogue
from reflect.content import ContentDirs
from reflect.conversation import Expect, State
from reflect.engine import Engine
from reflect.loader import Loaded, load_content
from reflect.model import CORE_TENSIONS, Catalogue
from reflect.session import Session

Answer = Callable[[Expect, State], str]


@pytest.fixture(scope="module")
def catalogue(shipped: Loaded) -> Catalogue:
    return shipped.catalogue


@pytest.fixture(scope="module")
def engine(catalogue: Catalogue) -> Engine:
    return Engine(catalogue, seed=7)


def typical(catalogue: Catalogue) -> Answer:
    """A person who answers everything: each tension's first example of its second pole."""

    def answer(expect: Expect, state: State) -> str:
        if expect.kind == "text":
            tension = state.frame.tension
            if tension:
                return catalogue.tension(tension).poles[1].examples[0]
            return (
                "Last month the council cut our contract and I argued at the board, "
                "then rang the director afterwards."
            )
        if expect.kind == "scale":
            return "" if expect.suggestion is not None else "4"
        if expect.kind == "pick":
            return "1, 4"
        return "1"

    return answer


def drive(session: Session, answer: Answer, limit: int = 400) -> Session:
    for _ in range(limit):
        if session.finished:
            return session
        session.send(answer(session.state.expect, session.state))
    raise AssertionError("the dialogue did not end")


def test_every_shipped_script_runs_to_its_end(engine: Engine, catalogue: Catalogue) -> None:
    for dialogue in catalogue.scripts:
        session = drive(Session(engine, dialogue.id), typical(catalogue))
        assert session.finished and not session.state.quit, dialogue.id
        assert session.state.visited, dialogue.id
        for record in session.state.visited:
            assert record.now is not None, (dialogue.id, record.tension)
            assert record.reading is not None, (dialogue.id, record.tension)


def test_full_walks_the_ten_core_tensions_in_order(engine: Engine, catalogue: Catalogue) -> None:
    session = drive(Session(engine, "full"), typical(catalogue))
    assert [r.tension for r in session.state.visited] == list(CORE_TENSIONS)
    for record in session.state.visited:
        kind = catalogue.tension(record.tension).kind
        # only where the research offers two good ways of acting is there a place to prefer
        assert (record.preferred is not None) == (kind in ("management", "governance")), kind
        assert record.get("action") and record.done


def test_check_in_explores_the_three_tensions_the_story_touches(engine: Engine) -> None:
    story = (
        "At the board the council presented the plan as already decided. I pushed back "
        "and said it wasn't a partnership if they decide everything, then afterwards I "
        "had a quiet word with the director over coffee. We rely on their funding."
    )
    session = Session(engine, "check-in")
    session.send("Jo")
    session.send(story)
    visited = list(session.state.order)
    ranked = [t.id for t in engine.matcher.match(story).tensions]
    assert visited[:1] == ranked[:1]
    drive(session, typical(engine.catalogue))
    assert len(session.state.visited) == 3
    # the story itself was read against each tension, not asked again
    assert all(r.get("answer") == story for r in session.state.visited)


def test_answers_are_recorded_per_tension(engine: Engine) -> None:
    session = Session(engine, "one", variables={"chosen": "agency-dependency"})
    assert session.state.expect.kind == "text"
    session.send("We rely on their grant for nearly everything, and they decide.")
    assert session.state.expect.kind == "choice"  # the reading, to confirm
    question = session.state.question[0].text
    assert "Dependency" in question and "rely on their grant\u201d" in question.lower()
    session.send("yes")
    assert session.state.expect.kind == "scale" and session.state.expect.suggestion in (6, 7)
    session.send("")  # accept the suggestion
    # an experienced tension: how it is lived and what it costs, not where one would prefer to be
    assert "cost" in session.state.question[0].text
    session.send("Sleepless nights before every budget round.")
    assert "speaking up at the table" in session.state.question[0].text
    session.send("More independence, at the risk of the contract.")
    session.send("Talk to two other funders.")
    session.send("I stop raising concerns.")
    assert session.finished
    record = session.state.record("agency-dependency")
    assert record.now in (6, 7) and record.preferred is None
    assert record.get("cost") == "Sleepless nights before every budget round."
    assert record.reading is not None and record.reading.pole == "dependency"
    assert record.get("agreed") == "yes" and not record.corrected
    assert record.get("action") == "Talk to two other funders."
    assert record.get("warning") == "I stop raising concerns."


@pytest.mark.parametrize(
    ("tension", "says", "asks"),
    [
        ("power", "as good practice", "prefer"),
        ("agency-dependency", "living", "cost"),
        ("unity-diversity", "needs both sides at once", "under-served"),
    ],
)
def test_each_kind_of_tension_is_framed_and_followed_up_in_its_own_way(
    engine: Engine, tension: str, says: str, asks: str
) -> None:
    session = Session(engine, "one", variables={"chosen": tension})
    framing = " ".join(t.text for t in session.transcript if t.speaker == "assistant")
    assert says in framing
    example = engine.catalogue.tension(tension).poles[0].examples[0]
    session.send(example)
    asked = [session.state.question[0].text]
    while session.state.expect.kind != "text":
        session.send("" if session.state.expect.kind == "scale" else "1")
        asked.append(session.state.question[0].text)
    assert asks in " ".join(asked)
    assert ("prefer" in " ".join(asked)) == (tension == "power")


def test_when_unsure_it_asks_rather_than_guesses(engine: Engine) -> None:
    session = Session(engine, "one", variables={"chosen": "power"})
    turns = session.send("Not sure really, it's complicated.")
    said = " ".join(t.text for t in turns)
    assert "rather ask than guess" in said or "let me ask you" in said
    assert "lean towards" not in said
    labels = [o.label for o in session.state.expect.options]
    assert labels[:3] == ["Challenge the imbalance", "Accept and work within it", "Both"]
    session.send("both")
    record = session.state.record("power")
    assert record.placed == "both" and session.state.expect.suggestion == 4


def test_disagreeing_with_the_reading_records_the_correction(engine: Engine) -> None:
    session = Session(engine, "one", variables={"chosen": "agency-dependency"})
    session.send("They hold the purse strings and we're reliant on them.")
    session.send("no")
    session.send("Agency")
    record = session.state.record("agency-dependency")
    assert record.reading is not None and record.reading.pole == "dependency"
    assert record.placed == "agency" and record.corrected
    assert session.state.expect.kind == "scale" and session.state.expect.suggestion == 2


def test_skip_and_back(engine: Engine) -> None:
    session = Session(engine, "one", variables={"chosen": "aims"})
    session.send("/skip")  # the open question
    record = session.state.record("aims")
    assert "open" in record.skipped and record.reading is None
    assert session.state.expect.kind == "choice"  # no answer, so: closer to which end?
    session.send("/back")
    assert session.state.expect.kind == "text"
    session.send("Let's just get on with it and pilot something small.")
    record = session.state.record("aims")
    assert record.reading is not None and record.reading.pole == "act-first"
    assert record.get("answer").startswith("Let's just")


def test_bad_input_gets_a_message_and_loses_nothing(engine: Engine) -> None:
    session = Session(engine, "one", variables={"chosen": "aims"})
    before = session.state
    for bad in ["", "   ", "x" * 20_001]:
        turns = session.send(bad)
        assert turns[-1].kind == "error" and session.state is before
    session.send("We agreed the objectives first.")
    choice = session.state
    assert session.send("9")[-1].kind == "error" and session.state is choice
    session.send("yes")
    scale = session.state
    for bad in ["0", "8", "seven", "4.5"]:
        turns = session.send(bad)
        assert turns[-1].kind == "error" and "1 to 7" in turns[-1].text
        assert session.state is scale


def test_unknown_command_and_help(engine: Engine) -> None:
    session = Session(engine, "one", variables={"chosen": "aims"})
    assert "/skip" in session.send("/help")[0].text
    assert session.send("/frobnicate")[0].kind == "error"


def test_quit_keeps_what_was_answered(engine: Engine) -> None:
    session = Session(engine, "one", variables={"chosen": "aims"})
    session.send("We agreed the objectives first.")
    session.send("/quit")
    assert session.finished and session.state.quit
    assert session.state.record("aims").get("answer") == "We agreed the objectives first."


def test_coach_notes_attach_to_the_tension_in_hand(engine: Engine) -> None:
    session = Session(engine, "coaching")
    session.send("power")
    session.send("/note Coachee hesitated before answering")
    assert session.state.notes == ("Coachee hesitated before answering",) or session.state.record(
        "power"
    ).notes == ("Coachee hesitated before answering",)
    session.send("Sam")
    session.send("/note Came back to the funding worry")
    assert "Came back to the funding worry" in session.state.record("power").notes


def test_a_tension_seen_before_offers_to_skip_the_explanation(engine: Engine) -> None:
    fresh = Session(engine, "one", variables={"chosen": "arena"})
    assert fresh.state.expect.kind == "text"
    explained = " ".join(t.text for t in fresh.opening)
    assert "In the formal meeting" in explained
    again = Session(engine, "one", variables={"chosen": "arena"}, seen=frozenset({"arena"}))
    assert again.state.expect.kind == "choice"
    again.send("Straight in")
    assert again.state.expect.kind == "text"
    assert not any("At one end" in t.text for t in again.transcript)


def test_wordings_vary_with_the_seed_and_repeat_with_it(catalogue: Catalogue) -> None:
    def opening(seed: int) -> list[str]:
        session = drive(Session(Engine(catalogue, seed=seed), "full"), typical(catalogue))
        return [t.text for t in session.transcript if t.speaker == "assistant"]

    assert opening(1) == opening(1)
    assert opening(1) != opening(2)


def test_scenarios_end_with_a_debrief_and_its_source(engine: Engine, catalogue: Catalogue) -> None:
    scenarios = [d for d in catalogue.scripts if d.id.startswith("scenario-")]
    assert len(scenarios) >= 5
    for dialogue in scenarios:
        session = drive(Session(engine, dialogue.id), typical(catalogue))
        text = " ".join(t.text for t in session.transcript)
        assert "What the participant" in text and "Jacklin-Jarvis" in text, dialogue.id
        assert session.state.visited[0].tension == dialogue.tension


def test_the_example_in_the_dialogues_readme_checks_clean_and_runs(
    tmp_path: Path, shipped_dirs: ContentDirs
) -> None:
    readme = (shipped_dirs.dialogues / "README.md").read_text()
    example = re.search(r"```yaml\n(id: quick-power.*?)```", readme, re.S)
    assert example is not None
    folder = tmp_path / "dialogues"
    folder.mkdir()
    for flow in ("tension.yaml", "reading.yaml"):
        shutil.copy(shipped_dirs.dialogues / flow, folder / flow)
    (folder / "quick-power.yaml").write_text(example.group(1))
    loaded = load_content(shipped_dirs.tensions, folder)
    assert [str(p) for p in check_catalogue(loaded)] == []
    session = Session(Engine(loaded.catalogue), "quick-power")
    session.send("Kim")
    drive(session, typical(loaded.catalogue))
    assert [r.tension for r in session.state.visited] == ["power", "agency-dependency"]
    assert "Thank you, Kim." in session.transcript[-1].text


def test_a_story_that_touches_no_tension_still_gets_a_conversation(engine: Engine) -> None:
    session = Session(engine, "check-in")
    session.send("")  # no name
    session.send("It was a Tuesday and it rained.")
    assert list(session.state.order) == list(CORE_TENSIONS)[:1]
    drive(session, typical(engine.catalogue))
    assert [r.tension for r in session.state.visited] == list(CORE_TENSIONS)[:3]
