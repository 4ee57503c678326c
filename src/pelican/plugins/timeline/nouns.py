"""Counts in words: "1 event", "2 events"."""

from __future__ import annotations


def plural(count: int, one: str, many: str = "") -> str:
    """``count`` and the noun that goes with it; ``many`` defaults to ``one`` + "s"."""
    return f"{count} {one if count == 1 else many or one + 's'}"
