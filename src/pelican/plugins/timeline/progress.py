"""What a long build is doing: progress bars on a terminal, and nothing anywhere else.

``bars(console)`` gives an object whose ``track(items, description)`` yields the items and
advances a ``rich`` progress bar (rich comes with Pelican, whose log handler prints
through the same console). When the console is not a terminal (a CI log, a pipe, a file),
it yields the items and prints nothing, so logs stay clean.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator


class Quiet:
    def track(self, items: Iterable, description: str, total: int | None = None) -> Iterable:
        return items


QUIET = Quiet()


class Bars:
    def __init__(self, progress):
        self.progress = progress

    def track(self, items: Iterable, description: str, total: int | None = None) -> Iterator:
        return self.progress.track(items, total=total, description=description)


@contextlib.contextmanager
def bars(console=None):
    """Progress bars on ``console`` (a rich Console; default: a new one on stderr) if it
    is a terminal, else the quiet tracker."""
    if console is None:
        from rich.console import Console

        console = Console(stderr=True)
    if not console.is_terminal:
        yield QUIET
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    # Transient: Pelican shows its own "Generating..." line; finished bars make way for it.
    with Progress(*columns, console=console, transient=True) as progress:
        yield Bars(progress)
    # Nested in Pelican's live status, finished bars stay drawn until that status redraws:
    # redraw it now (rich keeps the stack of live displays on the console).
    outer = getattr(console, "_live_stack", None)
    if outer:
        outer[0].refresh()
