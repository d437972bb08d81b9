"""The weights file: what is saved is what is read back, a damaged file is refused (the reader
then reads from the catalogue's cues), and the shipped file keeps within its size."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reflect.matching import learned
from reflect.matching.learned import PerTension, Shared, Table, Weights


def small() -> Weights:
    stance = Table.of({"w:both": (-0.5, 2.25, 0.0), "r:top": (6.1234, -1.0, -3.5)}, 3, 10_000)
    direction = Table.of({"w:reli": (1.5, -0.25), "b:we_reli": (0.001, 0.0)}, 2, 1000)
    relevance = Table.of({"w:reli": (2.0, 0.0), "c: re": (0.125, -0.5)}, 2, 1000)
    tensions = ("agency-dependency", "power")
    return Weights(
        Shared((0.1, -0.2, 0.3), stance),
        PerTension(0.5, {"power": 0.25}, {"r:topic": 1.5}, tensions, direction),
        PerTension(-1.0, {"power": -0.5}, {"r:top": 0.75}, tensions, relevance),
        0.605,
        {"recipe": 5, "tensions": {"power": "abc"}},
    )


def rows(table: Table) -> dict[str, list[float]]:
    return dict(table.rows())


def test_what_is_saved_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "w.bin.gz"
    weights = small()
    learned.save(weights, path)
    back = learned.load(path)
    assert back is not None
    assert rows(back.stance.weights) == rows(weights.stance.weights)
    assert rows(back.stance.weights)["r:top"] == [6.1234, -1.0, -3.5]
    assert rows(back.direction.weights) == {"b:we_reli": [0.001, 0.0], "w:reli": [1.5, -0.25]}
    assert rows(back.relevance.weights) == rows(weights.relevance.weights)
    assert back.stance.bias == weights.stance.bias
    assert back.direction.tension_bias == {"power": 0.25}
    assert back.relevance.shared == {"r:top": 0.75}
    assert (back.tell_at, back.fingerprint) == (0.605, weights.fingerprint)
    # the same weights give the same bytes (so the shipped file changes only when they do)
    again = tmp_path / "again.bin.gz"
    learned.save(back, again)
    assert again.read_bytes() == path.read_bytes()


def test_a_row_reads_as_the_weights_and_a_folded_word_as_its_grams_summed() -> None:
    weights = small()
    assert weights.direction.row("w:reli") == (1.5, -0.25)
    assert weights.direction.row("w:absent") is None
    # "C:re" folds the grams of "re": " re", "re ", " re " (only " re" has weights here)
    assert weights.relevance.row("C:re") == (0.125, -0.5)


def test_large_weights_are_kept_whole() -> None:
    # beyond what two bytes hold at this scale: the table widens rather than wraps round
    table = Table.of({"w:x": (4.0, -3.9)}, 2, 10_000)
    assert table.numbers.typecode == "i" and rows(table) == {"w:x": [4.0, -3.9]}
    assert Table.of({"w:x": (3.2767, 0.0)}, 2, 10_000).numbers.typecode == "h"
    with pytest.raises(ValueError):
        Table.of({"w:x": (1.0,)}, 2, 1000)


def damage(data: bytes) -> list[bytes]:
    header, _, rest = data.partition(b"\n")
    return [
        data[: len(data) - 7],  # cut short
        data + b"\0\0",  # bytes after the last table
        header.replace(b'"format":5', b'"format":4') + b"\n" + rest,  # an older layout
        header.replace(b'"width":3', b'"width":4') + b"\n" + rest,  # rows of another length
        b"not weights at all",
        b"",
    ]


@pytest.mark.parametrize("case", range(6))
def test_a_damaged_file_is_refused(tmp_path: Path, case: int) -> None:
    path = tmp_path / "w.bin.gz"
    learned.save(small(), path)
    damaged = damage(gzip.decompress(path.read_bytes()))[case]
    path.write_bytes(gzip.compress(damaged))
    assert learned.load(path) is None


def test_a_file_that_is_not_gzip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.bin.gz"
    path.write_bytes(b"plain bytes")
    assert learned.load(path) is None
    assert learned.load(tmp_path / "missing.bin.gz") is None


def test_the_shipped_weights_are_small_and_read() -> None:
    assert learned.SHIPPED.stat().st_size <= 5_000_000  # the wheel's budget for them
    shipped = learned.load()
    assert shipped is not None
    assert len(shipped.direction.weights) > 1000 and shipped.stance.weights.width == 3
