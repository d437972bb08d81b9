"""Owns the command line (``reflect COMMAND``): arguments in, output and an exit code out.
May import every package: it is the top, and starts the other faces."""

from reflect.cli.entry import main, run

__all__ = ["main", "run"]
