"""The shipped catalogue and dialogues load cleanly and meet the content standard."""

from __future__ import annotations

import re

import pytest

from reflect.content.check import wording_problems
from reflect.content.loader import Loaded, read_seeds
from reflect.content.model import CORE_TENSIONS
from reflect.content.tension_file import MINIMUM
from reflect.content.yamldoc import parse_text
from reflect.matching.check import check_catalogue
from reflect.matching.fuzzy import fold

from .conftest import SEEDS


def test_every_shipped_file_loads_without_any_problem(shipped: Loaded) -> None:
    problems = check_catalogue(shipped)
    assert [str(p) for p in problems] == []
    assert len(shipped.catalogue.tensions) + len(shipped.catalogue.dialogues) == shipped.files


def test_the_ten_core_tensions_have_their_fixed_pole_ids(shipped: Loaded) -> None:
    found = {t.id: tuple(p.id for p in t.poles) for t in shipped.catalogue.core}
    assert found == CORE_TENSIONS


def test_the_extended_library_has_at_least_eight_further_tensions(shipped: Loaded) -> None:
    further = [t for t in shipped.catalogue.tensions if not t.is_core]
    assert len(further) >= 8


@pytest.mark.parametrize("field", sorted(MINIMUM))
def test_every_pole_meets_the_recommended_amounts(shipped: Loaded, field: str) -> None:
    short = []
    for tension in shipped.catalogue.tensions:
        minimum = MINIMUM[field][0 if tension.is_core else 1]
        holders = [tension] if field == "questions" else list(tension.poles)
        for holder in holders:
            if len(getattr(holder, field)) < minimum:
                short.append(f"{tension.id}/{getattr(holder, 'id', '')}")
    assert short == []


def test_every_tension_has_both_and_positions_sources_and_an_opening(shipped: Loaded) -> None:
    for tension in shipped.catalogue.tensions:
        assert tension.both_and, tension.id
        assert tension.sources, tension.id
        assert tension.opening_question.endswith("?"), tension.id
        assert 3 <= tension.summary.count(". ") + 1 <= 7, tension.id


def test_no_cue_is_shared_by_the_two_poles_of_a_tension(shipped: Loaded) -> None:
    for tension in shipped.catalogue.tensions:
        left, right = ({fold(c) for c in pole.cues} for pole in tension.poles)
        assert left & right == set(), tension.id


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the checkout")
def test_every_quote_is_verbatim_in_its_seed(shipped: Loaded) -> None:
    seeds = read_seeds(SEEDS)
    problems = check_catalogue(shipped, seeds, str(SEEDS))
    assert [str(p) for p in problems] == []
    assert sum(len(t.quotes) for t in shipped.catalogue.tensions) >= 20


def test_dialogues_name_only_known_tensions(shipped: Loaded) -> None:
    ids = set(shipped.catalogue.tension_ids)
    named = {t for d in shipped.catalogue.dialogues for t in d.tensions}
    named |= {d.tension for d in shipped.catalogue.dialogues if d.tension}
    assert named and named <= ids


def test_the_catalogue_lists_core_tensions_first_in_their_fixed_order(shipped: Loaded) -> None:
    ids = list(shipped.catalogue.tension_ids)
    assert ids[: len(CORE_TENSIONS)] == list(CORE_TENSIONS)
    rest = ids[len(CORE_TENSIONS) :]
    assert rest == sorted(rest)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("As seed 003 shows, people lean both ways.", "seed 003"),
        ("The seeds also describe disengagement.", "The seeds"),
        ("See 003_8ba859cd964bb8ba.txt for more.", "003_8ba859cd964bb8ba.txt"),
        ("The matcher read your words as Dependency.", "matcher"),
    ],
)
def test_inside_words_in_what_people_read_are_errors_with_their_place(
    text: str, found: str
) -> None:
    source = (
        "id: x\nsummary: >\n  Fine words here.\nquotes:\n  - text: ok\n"
        f"    seed: 003_8ba859cd964bb8ba.txt\nopening: {text}\n"
    )
    doc, problems = parse_text(source, "tensions/x.yaml")
    assert doc is not None and not problems
    got = wording_problems(doc)
    assert [(p.line, p.code) for p in got] == [(7, "inside-words")]  # the seed key is not shown
    assert found in got[0].message


def test_shipped_content_cites_research_by_author_not_by_file(shipped: Loaded) -> None:
    for doc in shipped.docs.values():
        assert wording_problems(doc) == [], doc.path


#: A question that starts with one of these asks for yes or no ("Did you ...?").
CLOSED_START = re.compile(
    r"^(did|do|does|are|is|were|was|would|will|can|could|have|has|had|should)\b", re.I
)


def closed(question: str) -> str:
    """Why an opening question is closed, or "" when it is open."""
    for sentence in re.findall(r"[^.?!]*\?", question):
        sentence = sentence.strip()
        if CLOSED_START.match(sentence):
            return f"yes/no: {sentence}"
        if re.search(r",\s*or\b|\bor (did|do|does|are|were|was|is|would|will|can)\b", sentence):
            return f"either/or: {sentence}"
    if not re.search(r"\b(what|how|who|whose|why|where|when|which)\b", question, re.I):
        return "asks no open question"
    return ""


@pytest.mark.parametrize(
    "question",
    [
        "Did partners agree what it was for, or did you get straight on with it?",
        "Were you talking as a provider, or as a partner?",
        "Would the families be able to tell your part from the council's?",
        "Think of a meeting. Tell me about it.",
        "Where did it happen: in the meeting, or around it?",
    ],
)
def test_closed_questions_are_caught(question: str) -> None:
    assert closed(question)


def test_every_opening_asks_what_happened_never_yes_no_or_either_or(shipped: Loaded) -> None:
    openings = {t.id: t.opening_question for t in shipped.catalogue.tensions}
    assert len(openings) >= 18
    problems = {tid: why for tid, q in openings.items() if (why := closed(q))}
    assert problems == {}


def test_the_questions_to_carry_forward_are_open_too(shipped: Loaded) -> None:
    problems = {
        (t.id, q): why
        for t in shipped.catalogue.tensions
        for q in t.questions
        if (why := closed(q))
    }
    assert problems == {}


def test_every_shipped_tension_has_its_idea_in_two_sentences(shipped: Loaded) -> None:
    for tension in shipped.catalogue.tensions:
        sentences = re.findall(r"[^.?!]+[.?!]", tension.idea)
        assert len(sentences) == 2, tension.id
        assert tension.gist == tension.idea and tension.idea not in tension.summary


def test_the_brief_version_falls_back_to_the_summary_s_first_two_sentences(
    shipped: Loaded,
) -> None:
    from dataclasses import replace

    power = shipped.catalogue.tension("power")
    bare = replace(power, idea="")
    assert bare.gist == (
        "Public agencies usually hold the formal authority, the critical resources and the "
        "terms of the policy conversation. Good-practice advice pulls two ways."
    )


def test_every_shipped_tension_has_a_quote_to_show_in_the_conversation(shipped: Loaded) -> None:
    for tension in shipped.catalogue.tensions:
        assert tension.quotes, tension.id
        assert all(any(s.seed == q.seed for s in tension.sources) for q in tension.quotes)
