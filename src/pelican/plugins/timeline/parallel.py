"""Per-entry work spread over worker processes.

Reading, validating and rendering one entry depends on nothing but that entry and data
every worker shares (the vocabulary), so the entries are split into chunks and mapped over
a ``ProcessPoolExecutor``. Results come back in input order, so a build with workers
writes the same bytes as one without (a test compares the two).

Starting workers costs more than a small site takes to build in one process: with the
default ``TIMELINE_WORKERS = 0`` the pool is used only from ``POOL_THRESHOLD`` entries to
work on. A number set in the settings is always obeyed (1: everything in this process).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

POOL_THRESHOLD = 300  # entries to (re)build below which one process is faster
CHUNKS_PER_WORKER = 4  # enough to even out uneven chunks, few enough to keep overhead low

_shared: object = None  # what every task of a worker needs, set once when it starts
_inherited: object = None  # the same, for workers that are forks of this process


def cores() -> int:
    """The cores this process may use (its affinity, not the whole machine's count)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def workers_for(setting: int, tasks: int) -> int:
    """How many processes to use for ``tasks`` pieces of work; 1 means no pool."""
    if setting == 0:  # automatic
        return 1 if tasks < POOL_THRESHOLD else min(cores(), tasks)
    return max(1, min(setting, tasks))


def _context():
    """Fork where it is safe and cheapest: workers inherit the loaded modules and start in
    milliseconds. macOS and Windows only spawn safely (each worker imports anew)."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start(shared):
    global _shared
    _shared = shared


def _run_chunk(function: Callable, chunk: Sequence) -> list:
    return [function(_shared, item) for item in chunk]


def _untracked(items, total):
    return items


def map_shared(
    function: Callable, items: Sequence, shared, workers: int, track: Callable = _untracked
) -> list:
    """``[function(shared, item) for item in items]``, across ``workers`` processes.

    ``function`` must be a module-level function, and ``shared`` and the items picklable:
    ``shared`` is sent to each worker once, not with every item. ``track(iterable,
    total)`` follows the progress (by item in one process, by chunk across several).
    """
    if workers <= 1 or len(items) < 2:
        return [function(shared, item) for item in track(items, len(items))]
    size = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start,
                             initargs=(shared,)) as pool:  # fmt: skip
        results = []
        done = pool.map(_run_chunk, [function] * len(chunks), chunks)
        for chunk_results in track(done, len(chunks)):
            results.extend(chunk_results)
    return results


def can_fork() -> bool:
    return sys.platform.startswith("linux")


def map_inherited(
    function: Callable, items: Sequence, state, workers: int, track: Callable = _untracked
) -> list:
    """``[function(state, item) for item in items]`` across ``workers`` forked processes.

    For work whose state cannot be pickled (the generator, its templates, the writer):
    forked workers inherit it. Only where ``can_fork()``; the caller works in-process
    otherwise.
    """
    global _inherited
    if workers <= 1 or len(items) < 2 or not can_fork():
        return [function(state, item) for item in track(items, len(items))]
    size = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _inherited = state
    try:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            results = []
            done = pool.map(_run_inherited, [function] * len(chunks), chunks)
            for chunk_results in track(done, len(chunks)):
                results.extend(chunk_results)
    finally:
        _inherited = None
    return results


def _run_inherited(function: Callable, chunk: Sequence) -> list:
    return [function(_inherited, item) for item in chunk]
