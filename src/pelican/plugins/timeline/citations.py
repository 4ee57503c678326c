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
CODE_RE = re.compile(r"`[^`\n]*`")
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
    def __init__(self, line: int, text: str, col: int = 1):
        super().__init__(f"cannot read citation {text!r}")
        self.line = line
        self.col = col
        self.text = text


def find_groups(text: str) -> tuple[list[CitationGroup], list[CitationSyntaxError]]:
    """Every citation group in the text, and every bracket that looks like a broken one."""
    groups, errors = [], []
    masked = CODE_RE.sub(lambda m: " " * len(m.group()), text)
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
