"""What trained weights depend on, as short hashes: each tension's readable content."""

from __future__ import annotations

import hashlib

from reflect.content.model import Catalogue, Tension

#: Raise when the training recipe changes in a way that needs new weights.
RECIPE = 6


def tension_hash(tension: Tension) -> str:
    """A hash of everything in a tension that the reader learns from or matches against."""
    parts: list[str] = [tension.id, tension.title]
    for pole in tension.poles:
        parts += [pole.id, pole.name, pole.in_practice, *pole.cues, *pole.examples]
        parts += [*pole.upsides, *pole.downsides]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:12]


def catalogue_hashes(catalogue: Catalogue) -> dict[str, str]:
    """Each tension's hash, by id."""
    return {t.id: tension_hash(t) for t in catalogue.tensions}


def stale(recorded: dict[str, object], catalogue: Catalogue, corpus: str | None) -> list[str]:
    """Why weights trained with ``recorded`` no longer fit; empty when they do."""
    reasons = []
    if recorded.get("recipe") != RECIPE:
        reasons.append("the training recipe has changed")
    if corpus is not None and recorded.get("corpus") != corpus:
        reasons.append("the labelled corpus has changed")
    trained = recorded.get("tensions")
    trained = trained if isinstance(trained, dict) else {}
    for tid, digest in catalogue_hashes(catalogue).items():
        if tid in trained and trained[tid] != digest:
            reasons.append(f"tension '{tid}' has changed")
    return reasons
