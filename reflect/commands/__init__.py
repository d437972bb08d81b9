"""The commands behind ``reflect COMMAND``: each turns arguments into output and an exit code."""

from __future__ import annotations


class UsageError(Exception):
    """A command was given something it cannot use; the message says what."""
