"""Pandoc-style citations in Markdown: ``[@key]``, ``[@key, p. 3]``, ``[@a; @b]``.

Only this module knows the citation syntax. A bracket that holds an ``@`` but cannot be
read as citations is reported, so a typo never silently becomes plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A [...] group (it may span lines) with an '@', not escaped and not a Markdown link's text.
GROUP_RE = re.compile(r"(?<!\\)\[([^\[\]]*@[^\[\]]*)\](?![(\[:])")
ITEM_RE = re.compile(r"^\s*@([A-Za-z0-9_][\w.:#$%&+?<>~/-]*?)\s*(?:,\s*(\S.*?))?\s*$", re.S)
# An inline code span: a run of backticks, then anything up to the same run (CommonMark).
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]")
# A link's text (which may hold one level of brackets) followed by its address.
LINK_TEXT_RE = re.compile(r"(?<!\\)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(")
EMAIL_LIKE_RE = re.compile(r"\w@\w")


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str = ""


@dataclass(frozen=True)
class CitationGroup:
    start: int
    end: int
    line: int  # 0-based line within the text
    items: tuple[Citation, ...]
    col: int = 1  # 1-based column of the '[' in its line


class CitationSyntaxError(ValueError):
    hint = "write [@id], [@id, p. 3] or [@a; @b]; escape a literal bracket as \\["
    keys: tuple[str, ...] = ()  # the sources it names, where they could be read

    def __init__(self, line: int, text: str, col: int = 1):
        super().__init__(f"cannot read citation {text!r}")
        self.line = line
        self.col = col
        self.text = text


class CitationInLinkError(CitationSyntaxError):
    """A citation mark is a link: inside a link's text it would make a link in a link."""

    hint = "move the citation after the link: [text](address) [@id]"

    def __init__(self, line: int, text: str, keys: tuple[str, ...], col: int = 1):
        ValueError.__init__(self, f"citation {text!r} is inside a link's text")
        self.line = line
        self.col = col
        self.text = text
        self.keys = keys


def _blank(match: re.Match) -> str:
    """The matched text as spaces, its line breaks kept, so positions and lines still hold."""
    return re.sub(r"[^\n]", " ", match.group())


def mask_code(text: str) -> str:
    """The text with its code (fenced and indented blocks, inline spans) blanked out.

    Markdown shows code as written, so a ``[@key]`` there is an example, not a citation.
    """
    lines = text.split("\n")
    fence = ""
    in_list = False
    previous_blank = True
    for index, line in enumerate(lines):
        stripped = line.strip()
        opening = FENCE_RE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            lines[index] = " " * len(line)
            continue
        if opening:
            fence = opening.group(1)
            lines[index] = " " * len(line)
            continue
        if LIST_ITEM_RE.match(line):
            in_list = True
        elif stripped and not line[:1].isspace() and previous_blank:
            in_list = False
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        # In a list, four spaces continue the item; its code is indented twice.
        if stripped and previous_blank and indent >= (8 if in_list else 4):
            lines[index] = " " * len(line)
            continue  # previous_blank stays: the next indented line is still code
        previous_blank = not stripped
    return CODE_SPAN_RE.sub(_blank, "\n".join(lines))


def find_groups(text: str) -> tuple[list[CitationGroup], list[CitationSyntaxError]]:
    """Every citation group in the text, and every bracket that looks like a broken one."""
    groups, errors = [], []
    masked = mask_code(text)
    link_texts = [(m.start(1), m.end(1)) for m in LINK_TEXT_RE.finditer(masked)]
    for match in GROUP_RE.finditer(masked):
        inner = match.group(1)
        line = masked.count("\n", 0, match.start())
        col = match.start() - masked.rfind("\n", 0, match.start())
        if EMAIL_LIKE_RE.search(inner) and "@" not in inner.lstrip()[:1] and ";" not in inner:
            continue  # "[write to me@example.org]" is prose, not a citation
        items = []
        for part in inner.split(";"):
            item = ITEM_RE.match(part)
            if not item:
                errors.append(CitationSyntaxError(line, match.group(), col))
                break
            items.append(Citation(item.group(1), item.group(2) or ""))
        else:
            if any(start <= match.start() and match.end() <= end for start, end in link_texts):
                keys = tuple(item.key for item in items)
                errors.append(CitationInLinkError(line, match.group(), keys, col))
                continue
            groups.append(CitationGroup(match.start(), match.end(), line, tuple(items), col))
    return groups, errors


def replace_groups(text: str, render_group) -> str:
    """Replace each citation group with ``render_group(group)``."""
    groups, _ = find_groups(text)
    out, position = [], 0
    for group in groups:
        out.append(text[position : group.start])
        out.append(render_group(group))
        position = group.end
    out.append(text[position:])
    return "".join(out)


class Numbering:
    """Numbers sources in order of first citation, for one event's reference list."""

    def __init__(self):
        self.numbers: dict[str, int] = {}

    def number(self, key: str) -> int:
        return self.numbers.setdefault(key, len(self.numbers) + 1)
