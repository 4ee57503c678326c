"""Run a build with one fault injected: the helper of test_faults.py.

    python fault_driver.py build OUTER INNER MODE CONTENT SETTINGS OUTPUT
    python fault_driver.py pelican INNER MODE PELICAN-ARGUMENTS...

``build`` runs the atomic build; OUTER is where its own process fails (``none``,
``exchange``: the one-step swap, ``between-renames``: the two-rename swap, killed between
them) and INNER is passed on to the Pelican process it starts. ``pelican`` runs Pelican
with a fault at INNER: ``none``, ``reading`` (validating the content), ``pages`` (after two
pages were written), ``exports`` (after every page, at the first export). MODE is how the
step fails: ``raise``, ``exit`` (the process dies at once, as under SIGKILL), ``enospc``
(the disk is full) or ``eacces`` (permission denied).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve()


def failing(mode: str, stage: str, original=None, good_calls: int = 0):
    calls = []

    def step(*args, **kwargs):
        calls.append(1)
        if len(calls) <= good_calls:
            return original(*args, **kwargs)
        if mode == "exit":
            os._exit(137)
        if mode in ("enospc", "eacces"):
            code = errno.ENOSPC if mode == "enospc" else errno.EACCES
            name = next((str(a) for a in args if isinstance(a, (str, os.PathLike))), stage)
            raise OSError(code, os.strerror(code), name)
        raise RuntimeError(f"fault injected at {stage}")

    return step


def run_pelican(stage: str, mode: str, arguments: list[str]) -> int:
    from pelican.writers import Writer

    from pelican import main
    from pelican.plugins.timeline import generator

    patches = {
        "none": None,
        "reading": mock.patch.object(generator, "load_timeline", failing(mode, stage)),
        "pages": mock.patch.object(
            Writer, "write_file", failing(mode, stage, Writer.write_file, good_calls=2)
        ),
        "exports": mock.patch.object(generator.TimelineGenerator, "_write", failing(mode, stage)),
    }
    patch = patches[stage]
    if patch:
        patch.start()
    main(arguments)
    return 0


def run_build(outer: str, inner: str, mode: str, content, settings, output) -> int:
    from pelican.plugins.timeline import build

    original_command = build.pelican_command

    def command(*args):
        return [sys.executable, str(HERE), "pelican", inner, mode, *original_command(*args)[3:]]

    if inner != "none":
        mock.patch.object(build, "pelican_command", command).start()
    if outer == "exchange":
        mock.patch.object(build, "exchange", failing(mode, outer)).start()
    elif outer == "between-renames":
        mock.patch.object(build, "exchange", lambda first, second: False).start()
        mock.patch.object(build.os, "rename", failing(mode, outer, os.rename, 1)).start()
    try:
        build.atomic_build(Path(content), Path(settings), Path(output))
    except build.BuildFailed as error:
        print(error, file=sys.stderr)
        return error.status
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "pelican":
        sys.exit(run_pelican(sys.argv[2], sys.argv[3], sys.argv[4:]))
    sys.exit(run_build(*sys.argv[2:]))
