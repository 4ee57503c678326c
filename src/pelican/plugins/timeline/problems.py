"""A problem found in the content, reported as ``path:line:col: error: field: message (hint)``.

The same problems can be printed three ways (``FORMATS``): lines for people and editors
(the shape of compilers' messages, which VS Code's ``$gcc`` problem matcher and most
editors read), GitHub Actions annotations, and JSON for other tools.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass

SEVERITY = "error"  # every problem stops the build
FORMATS = ("text", "github", "json")
JSON_VERSION = 1


class Line(int):
    """A 1-based line number that also knows the 1-based column of what it points at
    (0: not known), so every place that passes a line on passes the column with it."""

    col: int

    def __new__(cls, line: int, col: int = 0):
        obj = super().__new__(cls, line)
        obj.col = col
        return obj

    def __reduce__(self):
        return (Line, (int(self), self.col))


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 0: the whole file
    field: str
    message: str
    hint: str = ""
    col: int = 0  # 0: not known; taken from a Line when not given

    def __post_init__(self):
        if not self.col:
            object.__setattr__(self, "col", getattr(self.line, "col", 0) if self.line else 0)
        object.__setattr__(self, "line", int(self.line or 0))

    def _key(self):
        return (self.path, self.line, self.col, self.field, self.message, self.hint)

    def __lt__(self, other: Problem) -> bool:
        return self._key() < other._key()

    @property
    def location(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.col}" if self.col else f"{self.path}:{self.line}"

    @property
    def text(self) -> str:
        """The message and its hint, without the location."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def __str__(self) -> str:
        return f"{self.location}: {SEVERITY}: {self.field}: {self.text}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line or None,
            "column": self.col or None,
            "severity": SEVERITY,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class ContentError(Exception):
    """Raised when content has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))


def summary(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    return (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}; nothing was written."
    )


def format_report(problems: list[Problem]) -> str:
    return "\n".join([*(str(p) for p in problems), summary(problems)])


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that puts the problem on the file's line."""
    where = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        where.append(f"line={problem.line}")
        if problem.col:
            where.append(f"col={problem.col}")
    where.append(f"title={_escape_property(problem.field)}")
    return f"::{SEVERITY} {','.join(where)}::{_escape_data(problem.text)}"


def format_problems(problems: list[Problem], fmt: str, counts: dict | None = None) -> str:
    """Every problem in one of FORMATS; ``counts`` (events, sources) go into the JSON."""
    problems = sorted(problems)
    if fmt == "json":
        document = {
            "version": JSON_VERSION,
            "ok": not problems,
            "problems": [p.as_dict() for p in problems],
            "files": len({p.path for p in problems}),
            **(counts or {}),
        }
        return json.dumps(document, ensure_ascii=False, indent=2)
    if fmt == "github":
        lines = [github_annotation(p) for p in problems]
        return "\n".join([*lines, summary(problems)] if problems else lines)
    return format_report(problems) if problems else ""


def did_you_mean(word: str, candidates, cutoff: float = 0.6) -> str:
    """A 'did you mean X?' hint, or '' when nothing is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return f"did you mean {matches[0]!r}?" if matches else ""
