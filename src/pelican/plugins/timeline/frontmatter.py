"""Split a Markdown entry into YAML front matter and body, keeping a line for every value.

YAML is loaded with the BaseLoader, so every scalar stays the string the contributor
wrote: ``NO`` stays Norway, ``012`` stays ``012`` and ``2021-11`` is never turned into a
date. Each value is returned as a ``Located*`` object that remembers its line in the file.
"""

from __future__ import annotations

import re

import yaml

from .problems import Line, Problem

FENCE = "---"
# libyaml's loader when PyYAML has it (20 times faster), else the pure-Python one.
LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
MAX_FRONT_MATTER_NODES = 5000
MAX_DEPTH = 20  # no field nests deeper than a few levels; deeper YAML is a mistake
# C0 and C1 controls and DEL, except tab and newline: invisible, and refused by XML feeds.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


YAML_NULLS = frozenset({"~", "null", "Null", "NULL"})


def control_character_problem(text: str) -> str:
    """'' or what is wrong: a control character, named by its code point."""
    match = CONTROL_RE.search(text)
    return f"contains the control character U+{ord(match.group()):04X}" if match else ""


class LocatedStr(str):
    line: Line  # with the column where the value starts


class LocatedList(list):
    line: Line


class LocatedDict(dict):
    line: Line
    key_lines: dict  # {key: Line of the key, with the column of its value if on that line}
    key_at: dict  # {key: Line of the key itself}


def _located(cls, value, line):
    obj = cls(value)
    obj.line = line
    return obj


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


def decode(raw: bytes) -> str:
    """Bytes -> text: UTF-8 with or without BOM; CRLF and CR become LF."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        # The column counts characters, as editors do: decode the line up to the bad byte.
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise FrontMatterError(
            Line(line, col),
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            "save the file as UTF-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problem = control_character_problem(text)
    if problem:
        start = CONTROL_RE.search(text).start()
        line = Line(text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start))
        raise FrontMatterError(line, f"file {problem}", "delete it; it is invisible in editors")
    return text


def split(text: str) -> tuple[str, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.split("\n")
    if not text.strip():
        raise FrontMatterError(
            Line(1, 1), "file is empty", "start with a '---' line, then the fields"
        )
    if lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            Line(1, 1), "file does not start with front matter", "the first line must be '---'"
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            head = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return head, body, index + 2
    raise FrontMatterError(
        Line(1, 1), "front matter is not closed", "add a '---' line after the last field"
    )


def load(head: str, first_line: int = 2):
    """Parse the YAML front matter into a LocatedDict; lines are 1-based file lines."""
    value = load_yaml(head, first_line, MAX_FRONT_MATTER_NODES)
    if value is None:
        return _with_lines(LocatedDict(), first_line)
    if not isinstance(value, dict):
        raise FrontMatterError(
            getattr(value, "line", first_line),
            "front matter must be a mapping of fields",
            "write 'field: value' lines",
        )
    return value


def load_yaml(head: str, first_line: int = 1, max_nodes: int | None = None):
    """Parse YAML into Located values (every scalar a string), or None if empty."""
    try:
        for event in yaml.parse(head, Loader=LOADER) if "*" in head else ():
            if isinstance(event, yaml.AliasEvent):
                raise FrontMatterError(
                    _at(first_line, event.start_mark),
                    f"YAML aliases (*{event.anchor}) are not allowed",
                    "write the value out in full",
                )
        node = yaml.compose(head, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        # An unclosed [ or { is reported where it was opened, not where YAML gave up.
        flow = exc.context_mark and "flow" in (exc.context or "")
        mark = exc.context_mark if flow else exc.problem_mark or exc.context_mark
        last_line = head.count("\n")  # an error "at the end" is reported on the last line
        line = (
            Line(
                first_line + min(mark.line, last_line),
                mark.column + 1 if mark.line <= last_line else 0,
            )
            if mark
            else first_line
        )
        problem = exc.problem or str(exc)
        hint = (
            "YAML does not allow tabs for indentation"
            if "\t" in head
            else (
                "check the indentation, and quote values that contain ': ' or start "
                "with [ { @ * & ! | > ' \" %"
            )
        )
        raise FrontMatterError(line, f"malformed YAML: {problem}", hint) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, f"malformed YAML: {exc}") from None
    except RecursionError:  # the pure-Python composer, on brackets nested very deep
        raise FrontMatterError(
            first_line, f"values are nested more than {MAX_DEPTH} levels deep", "flatten the value"
        ) from None
    if node is None:
        return None
    return _convert(node, first_line, set(), max_nodes)


def _with_lines(d: LocatedDict, line: int) -> LocatedDict:
    d.line = line
    d.key_lines = {}
    d.key_at = {}
    return d


def _at(first_line: int, mark) -> Line:
    return Line(first_line + mark.line, mark.column + 1)


def _convert(node, first_line: int, seen: set[int], max_nodes: int | None = None, depth=0):
    line = _at(first_line, node.start_mark)
    if depth > MAX_DEPTH:
        raise FrontMatterError(
            line, f"values are nested more than {MAX_DEPTH} levels deep", "flatten the value"
        )
    if id(node) in seen:
        raise FrontMatterError(
            line, "YAML aliases (*name) are not allowed", "write the value out in full"
        )
    seen.add(id(node))
    if max_nodes and len(seen) > max_nodes:
        raise FrontMatterError(line, f"holds more than {max_nodes} values", "keep entries short")
    if isinstance(node, yaml.ScalarNode):
        problem = control_character_problem(node.value)  # written as an escape, "\\0"
        if problem:
            raise FrontMatterError(line, f"a value {problem}", "delete it")
        # Unquoted, these are YAML's "no value" (as an editor's schema check reads them too);
        # quoted, they are words.
        value = "" if not node.style and node.value in YAML_NULLS else node.value
        return _located(LocatedStr, value, line)
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(n, first_line, seen, max_nodes, depth + 1) for n in node.value]
        return _located(LocatedList, items, line)
    result = _with_lines(LocatedDict(), line)
    for key_node, value_node in node.value:
        key_line = _at(first_line, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise FrontMatterError(key_line, "a field name must be plain text")
        key = key_node.value
        if key in result:
            raise FrontMatterError(
                key_line,
                f"field {key!r} is given twice (first on line {result.key_at[key]})",
                "keep one",
            )
        result[key] = _convert(value_node, first_line, seen, max_nodes, depth + 1)
        # A field's problems are reported on its key's line, at its value's column when
        # the value starts there (a block list or mapping starts on the next line).
        value_at = result[key].line
        same_line = value_at == key_line and value_node.start_mark.line == key_node.start_mark.line
        result.key_lines[key] = value_at if same_line else key_line
        result.key_at[key] = key_line
    return result


def parse_entry(path: str, raw: bytes):
    """Bytes of an entry -> (fields, body, body_line), or raise a Problem-carrying error."""
    try:
        text = decode(raw)
        head, body, body_line = split(text)
        return load(head), body, body_line
    except FrontMatterError as exc:
        raise EntryError(Problem(path, exc.line, "front matter", exc.message, exc.hint)) from None


class EntryError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem
