"""Adding a field to records of the bibliography file without disturbing anything else.

ruamel.yaml reads the file as a round-trip document (keys in order, with their lines) and
writes each new value, quoted as YAML needs. The new line goes into the file's own text,
after the record's ``accessed`` (or ``URL``): ruamel's emitter would apply one list
indentation to the whole file, and sources files indent nested lists (``author:``)
differently from the top-level one. The result is read back and compared with what was
meant before anything is written.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

ANCHORS = ("accessed", "URL")


class EditError(Exception):
    """The file could not be changed safely; it was left as it was."""


def _yaml():
    # Imported here: only this maintenance step needs ruamel.yaml (the "linkcheck" extra).
    try:
        from ruamel.yaml import YAML
    except ModuleNotFoundError:
        raise EditError(
            "writing archived copies needs ruamel.yaml: pip install 'pelican-timeline[linkcheck]'"
        ) from None
    yaml = YAML(typ="rt")
    yaml.width = 1_000_000  # never fold a long URL
    return yaml


def _plain(data):
    return json.loads(json.dumps(data, default=str))


def _value_line(yaml, name: str, value: str) -> str:
    out = io.StringIO()
    yaml.dump({name: value}, out)
    line = out.getvalue()
    if line.count("\n") != 1:
        raise EditError(f"{name}: {value!r} does not fit on one line")
    return line.rstrip("\n")


def add_fields(text: str, additions: dict[str, dict[str, str]]) -> str:
    """``text`` with ``{source id: {field: value}}`` added; fields already present are kept.

    Raises EditError (naming the record) when a record cannot take the field.
    """
    yaml = _yaml()
    from ruamel.yaml.error import YAMLError

    try:
        data = yaml.load(text)
    except YAMLError as error:
        raise EditError(f"not valid YAML: {error}") from None
    if not isinstance(data, list):
        raise EditError("the bibliography must be a list of records")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    inserts: dict[int, list[str]] = {}
    for record in data:
        wanted = additions.get(str(record.get("id", ""))) if isinstance(record, dict) else None
        if not wanted:
            continue
        anchor = next((key for key in ANCHORS if key in record), None)
        if anchor is None:
            raise EditError(f"{record['id']}: has no URL to put the new field after")
        keys = list(record)
        position = keys.index(anchor) + 1
        _, key_column, value_line, _ = record.lc.data[anchor]
        after = _value_end(lines, value_line, key_column)
        for name, value in wanted.items():
            if name in record:
                continue
            line = " " * key_column + _value_line(yaml, name, value) + newline
            inserts.setdefault(after, []).append(line)
            record.insert(position, name, value)
            position += 1
    result = "".join(
        "".join(inserts.get(index, [])) + line if index in inserts else line
        for index, line in enumerate([*lines, ""])
    )
    try:
        reread = yaml.load(result)
    except YAMLError as error:
        raise EditError(f"the changed file would not be valid YAML: {error}") from None
    if _plain(reread) != _plain(data):
        raise EditError("the changed file would not read back as intended")
    return result


def _value_end(lines: list[str], value_line: int, key_column: int) -> int:
    """Index of the first line after a value that starts on ``value_line`` (0-based)."""
    index = value_line + 1
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if not stripped or stripped.startswith("#") or indent <= key_column:
            break
        index += 1
    return index


def write_atomically(path: Path, text: str):
    """Replace ``path`` with ``text`` in one step: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        # mkstemp makes the file readable by its owner only; keep the mode a file had.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
