"""Matching free text to tension poles. The only package that imports ``rapidfuzz``."""

from __future__ import annotations

from reflect.matching.fuzzy import close_pairs

__all__ = ["close_pairs"]
