"""A build that replaces the output folder only when it succeeded, in one atomic step.

Pelican writes into a staging folder beside the output. Only after the whole new site is
written is it swapped with the old one, by a single rename that exchanges the two folders
(Linux's ``renameat2(RENAME_EXCHANGE)``), so that at every instant the output folder is
either the last good site or the new one, whatever kills the build. Where the exchange is
not available the swap takes two renames, and a build killed between them is repaired by
the next one before it starts.

One build at a time owns an output folder (a lock beside it); the owner first removes what
killed builds left behind. A symlinked output folder is honoured: the new site is put at
the link's target, and the link stays as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not serialised
    fcntl = None

AT_FDCWD = -100
RENAME_EXCHANGE = 2
STAGING_TAG = "build"
PREVIOUS_TAG = "previous"


class BuildFailed(Exception):
    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


def pelican_command(content: Path, settings: Path, output: Path,
                    extra_settings: dict | None = None) -> list[str]:  # fmt: skip
    """Pelican's command line; ``extra_settings`` override the settings file's (``-e``)."""
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(settings),
        "-o",
        str(output),
    ]
    for name, value in (extra_settings or {}).items():
        command += ["-e", f"{name}={json.dumps(value)}"]
    return command


def describe_os_error(error: OSError) -> str:
    """An OSError as one line a site's editor can act on."""
    where = error.filename or ""
    reason = {
        errno.ENOSPC: "the file system is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EROFS: "the file system is read-only",
        errno.ENAMETOOLONG: "a file name is too long for the file system",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "a folder is in the way of a file",
    }.get(error.errno, error.strerror or str(error))
    return f"{where}: {reason}" if where else reason


# --- the swap ----------------------------------------------------------------------------


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders' names in one step; False where the system cannot."""
    function = _renameat2() if sys.platform.startswith("linux") else None
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            return False  # an old kernel, or a file system without the exchange
        raise OSError(code, os.strerror(code), os.fspath(second))
    return True


def previous_folder(target: Path) -> Path:
    return target.with_name(f".{target.name}-{PREVIOUS_TAG}")


def swap_in(staging: Path, target: Path):
    """Put staging where target is; the old site ends up in staging, to be removed."""
    if not target.exists():
        os.rename(staging, target)
        return
    if exchange(staging, target):
        return
    previous = previous_folder(target)
    os.rename(target, previous)  # killed here: the next build's recover() moves it back
    os.rename(staging, target)
    os.rename(previous, staging)


def leftovers(target: Path) -> list[Path]:
    """What killed builds left beside the output: staging folders, an old site."""
    # Also the untagged names (eight characters from mkdtemp) of earlier versions.
    pattern = re.compile(
        rf"^\.{re.escape(target.name)}-(?:{STAGING_TAG}-\w+|{PREVIOUS_TAG}|[a-z0-9_]{{8}})$"
    )
    return sorted(p for p in target.parent.iterdir() if pattern.match(p.name))


def recover(target: Path):
    """Undo what a killed build left: restore a site caught between two renames, and
    remove staging folders. Call only while holding the lock."""
    previous = previous_folder(target)
    if previous.is_dir() and not target.exists():
        os.rename(previous, target)
    for path in leftovers(target):
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def locked(target: Path):
    """Hold the output folder's lock; a second build waits for the first to finish."""
    lock_path = target.with_name(f".{target.name}.lock")
    with open(lock_path, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released by the kernel if we are killed
        yield


# --- the output folder ------------------------------------------------------------------


def resolve_output(output: Path) -> Path:
    """The folder the site is written to: a symlink's target; refuse what cannot hold it."""
    target = (
        Path(os.path.realpath(output)) if output.is_symlink() else Path(os.path.abspath(output))
    )
    shown = os.fspath(output)
    if target.exists() and not target.is_dir():
        raise BuildFailed(
            f"{shown} is a file, not a folder; move it away or choose another output folder", 2
        )
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise BuildFailed(f"{parent} is a file, not a folder; the site cannot be put there", 2)
    for folder in (parent, target):
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise BuildFailed(
                f"{folder} is read-only; make it writable or choose another output folder", 2
            )
    return target


def umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def make_public(folder: Path):
    """A staging folder is made private (0700); the site's follows the umask, as Pelican's."""
    os.chmod(folder, 0o777 & ~umask())


def atomic_build(content: Path, settings: Path, output: Path, env: dict | None = None,
                 extra_settings: dict | None = None) -> Path:  # fmt: skip
    """Build with Pelican into a staging folder, then put it in place of ``output``."""
    output = Path(output)
    target = resolve_output(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with locked(target):
            recover(target)
            staging = Path(
                tempfile.mkdtemp(prefix=f".{target.name}-{STAGING_TAG}-", dir=target.parent)
            )
            try:
                result = subprocess.run(
                    pelican_command(Path(content), Path(settings), staging, extra_settings),
                    env={**os.environ, **(env or {})},
                    check=False,
                )
                if result.returncode != 0:
                    raise BuildFailed(
                        f"Build failed; {output.name}/ was left as it was.",
                        result.returncode or 1,
                    )
                make_public(staging)
                swap_in(staging, target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        raise BuildFailed(
            f"Build failed: {describe_os_error(error)}; {output.name}/ was left as it was."
        ) from None
    return output
