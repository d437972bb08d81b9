"""The YAML reader: positions, and hostile or broken input that must never raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.content import yamldoc
from reflect.content.yamldoc import parse_text, read_document

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""


def test_values_and_keys_carry_one_based_positions() -> None:
    doc, problems = parse_text("id: x\npoles:\n  - id: a\n    cues: [one, two]\n", "f.yaml")
    assert problems == [] and doc is not None
    assert doc.where(("poles", 0, "cues", 1)) == (4, 17)
    assert doc.where(("poles", 0, "id"), of_key=True) == (3, 5)
    # a key that is absent falls back to its nearest parent
    assert doc.where(("poles", 0, "name")) == (3, 5)


def test_alias_expansion_is_refused_at_the_first_alias() -> None:
    doc, problems = parse_text(BILLION_LAUGHS, "bomb.yaml")
    assert doc is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 8, "yaml-alias")]


def test_every_duplicate_key_is_reported_not_only_the_first() -> None:
    _, problems = parse_text("a: 1\nb: 2\na: 3\nb: 4\n", "d.yaml")
    assert [(p.line, p.code) for p in problems] == [(3, "duplicate-key"), (4, "duplicate-key")]
    assert "first given at line 1" in problems[0].message


def test_every_tab_indented_line_is_reported() -> None:
    _, problems = parse_text("a:\n\t- x\n\t- y\n", "t.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [
        (2, 1, "yaml-tab"),
        (3, 1, "yaml-tab"),
    ]


def test_a_tab_inside_text_is_not_indentation() -> None:
    doc, problems = parse_text('a: "x\ty"\n', "t.yaml")
    assert problems == [] and doc is not None and doc.data == {"a": "x\ty"}


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamldoc, "MAX_BYTES", 100)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 200 + "\n")
    doc, problems = read_document(big)
    assert doc is None and [p.code for p in problems] == ["too-large"]


def test_deep_nesting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "MAX_DEPTH", 3)
    _, problems = parse_text("a: [[[[[1]]]]]\n", "deep.yaml")
    assert [p.code for p in problems] == ["too-deep"]


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    doc, problems = read_document(tmp_path / "nope.yaml")
    assert doc is None and [p.code for p in problems] == ["unreadable"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbfid: x\n")
    doc, problems = read_document(f)
    assert problems == [] and doc is not None and doc.data == {"id": "x"}


def test_control_characters_are_reported_with_a_position() -> None:
    _, problems = parse_text("a: b\nc: d\x07e\n", "c.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 5, "yaml-syntax")]


def test_only_true_and_false_are_booleans() -> None:
    # YAML 1.1 would read an option id "no" (or the country code NO) as false
    doc, _ = parse_text("a: yes\nb: 'yes'\nc: no\nd: true\ne: False\n", "b.yaml")
    assert doc is not None and doc.data == {
        "a": "yes",
        "b": "yes",
        "c": "no",
        "d": True,
        "e": False,
    }


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of composing: with PyYAML's C parser, and without it."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamldoc.yaml, "__with_libyaml__", False)
    elif not yamldoc.yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    return str(request.param)


def test_both_parsers_refuse_aliases_and_find_duplicates_alike(parser: str) -> None:
    _, problems = parse_text(BILLION_LAUGHS, "bomb.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 8, "yaml-alias")]
    doc, problems = parse_text("a: 1\nb: [x, y]\na: 2\n", "d.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "duplicate-key")]
    assert doc is not None and doc.where(("b", 1)) == (2, 8)
    _, problems = parse_text('a: "open\nb: 1\n', "q.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 4, "yaml-syntax")]


def test_a_list_longer_than_the_limit_is_refused_where_it_overflows() -> None:
    text = "items:\n" + "".join(f"  - {k}\n" for k in range(4))
    doc, problems = parse_text(text, "f.yaml", max_items=3)
    assert doc is None and [(p.line, p.code) for p in problems] == [(5, "too-many")]
    doc, problems = parse_text(text, "f.yaml", max_items=4)  # a corpus file may hold more
    assert doc is not None and not problems and doc.data["items"] == [0, 1, 2, 3]
