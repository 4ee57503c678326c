"""``pelican-timeline quickstart``: write a new timeline site that checks and builds at once.

The files come from ``skeleton/`` beside this module; ``$title``, ``$author`` and the
other ``string.Template`` placeholders in them are filled in here. The folder must be new
or empty: nothing is ever overwritten.
"""

from __future__ import annotations

import string
import unicodedata
from pathlib import Path

SKELETON = Path(__file__).resolve().parent / "skeleton"
# Names in the skeleton that a package cannot ship as they are: a dot-file is easily lost,
# and a Python file with placeholders is not Python until it is filled in.
RENAMED = {"gitignore": ".gitignore"}
TEMPLATE_SUFFIX = ".in"


class QuickstartError(ValueError):
    """A title, author or folder that cannot make a site; the message says what to change."""


def _clean(name: str, value: str, required: bool) -> str:
    value = value.strip()
    if required and not value:
        raise QuickstartError(f"--{name} is empty (give the site a {name})")
    if any(unicodedata.category(char).startswith("C") for char in value):
        raise QuickstartError(f"--{name} contains a control character; type it on one line")
    return value


def _python_string(value: str) -> str:
    """A Python string literal for the settings file (repr escapes quotes and backslashes)."""
    return repr(value)


def placeholders(title: str, author: str) -> dict[str, str]:
    return {
        "title": title,
        "title_py": _python_string(title),
        "author_py": _python_string(author or "The editors"),
    }


def skeleton_files() -> list[Path]:
    return sorted(path for path in SKELETON.rglob("*") if path.is_file())


def target_name(relative: Path) -> Path:
    name = relative.name.removesuffix(TEMPLATE_SUFFIX)
    return relative.with_name(RENAMED.get(name, name))


def write_site(folder: Path, title: str, author: str = "") -> list[str]:
    """Write the skeleton into ``folder``, filled in; return the paths written (POSIX, sorted).

    Every file is checked before any is written, so a refused call leaves nothing behind.
    """
    title = _clean("title", title, required=True)
    author = _clean("author", author, required=False)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise QuickstartError(f"{folder} is a file; give a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise QuickstartError(f"{folder} is not empty; give a new or empty folder")
    values = placeholders(title, author)
    planned = []
    for source in skeleton_files():
        relative = target_name(source.relative_to(SKELETON))
        text = string.Template(source.read_text(encoding="utf-8")).substitute(values)
        planned.append((relative, text))
    try:
        for relative, text in planned:
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as handle:  # never overwrites
                handle.write(text)
    except OSError as error:
        raise QuickstartError(f"cannot write into {folder}: {error.strerror}") from None
    return sorted(relative.as_posix() for relative, _ in planned)
