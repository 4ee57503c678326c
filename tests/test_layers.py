"""The tests are in layers: only test_content.py reads the bundled content and its settings.

A team that forks the project and replaces content/ (and the topic in pelicanconf.py) must
keep every other test passing. That holds when no other test module reaches those files,
which this test checks by reading each module's syntax tree: it finds every path built
from ROOT (``ROOT / "content"``, ``ROOT.joinpath("pelicanconf.py")``) that names the
bundled content or the site's settings, and every use of the ``bundled_site`` fixture,
and names the file and line of each.

This was chosen over the heavier proof (copy the project with another content/ and run the
suite there, minutes per run) because it is exact about what it checks and says where a
leak is. It does not follow a command started in the project folder that reads content/
by default, such as ``pelican-timeline check`` with no arguments: such commands in the
generator's tests name the demo's folder or an inline site's.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CONTENT_TESTS = "test_content.py"
SITE_FILES = ("content", "pelicanconf.py", "publishconf.py")
BUNDLED_FIXTURE = "bundled_site"


def _root_path_parts(node: ast.AST) -> list[str] | None:
    """The string parts of a path built from ROOT (None if node is no such path)."""
    if isinstance(node, ast.Name):
        return [] if node.id == "ROOT" else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left = _root_path_parts(node.left)
        if left is None:
            return None
        right = node.right.value if isinstance(node.right, ast.Constant) else ""
        return [*left, str(right)]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "joinpath"
    ):
        left = _root_path_parts(node.func.value)
        if left is None:
            return None
        return [*left, *(str(a.value) for a in node.args if isinstance(a, ast.Constant))]
    return None


def reaches_the_bundled_site(source: str, name: str) -> list[str]:
    """Lines of a module's source that read the bundled content, its settings, or its build."""
    found: dict[tuple[int, int], str] = {}
    for node in ast.walk(ast.parse(source, name)):  # outer nodes first: a whole path
        where = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        parts = _root_path_parts(node)
        if parts and parts[0].split("/")[0] in SITE_FILES and where not in found:
            found[where] = f"ROOT / {' / '.join(map(repr, parts))}"
        named = (
            (isinstance(node, ast.Name) and node.id)
            or (isinstance(node, ast.arg) and node.arg)
            or (isinstance(node, ast.FunctionDef) and node.name)
        )
        if named == BUNDLED_FIXTURE:
            found[where] = f"the {BUNDLED_FIXTURE} fixture"
    return [f"{name}:{line}: {what}" for (line, _), what in sorted(found.items())]


def test_only_test_content_reads_the_bundled_content_or_its_settings():
    modules = sorted(TESTS.glob("*.py"))
    assert len(modules) > 10 and TESTS / CONTENT_TESTS in modules
    leaks = []
    for path in modules:
        if path.name != CONTENT_TESTS:
            leaks += reaches_the_bundled_site(path.read_text(encoding="utf-8"), path.name)
    assert leaks == []


def test_test_content_does_read_them():
    """The check finds what it looks for: test_content.py itself is full of it."""
    source = (TESTS / CONTENT_TESTS).read_text(encoding="utf-8")
    found = reaches_the_bundled_site(source, CONTENT_TESTS)
    assert any("ROOT / 'content'" in line for line in found)
    assert any("ROOT / 'pelicanconf.py'" in line for line in found)
    assert any("bundled_site fixture" in line for line in found)


def test_every_spelling_of_a_leak_is_found():
    source = (
        "def test_a(bundled_site):\n"
        "    events = ROOT / 'content' / 'events'\n"
        "    settings = ROOT.joinpath('pelicanconf.py')\n"
        "    other = ROOT / 'content/pages'\n"
        "    fine = ROOT / 'tests' / 'demo' / 'content'\n"
    )
    assert reaches_the_bundled_site(source, "test_x.py") == [
        "test_x.py:1: the bundled_site fixture",
        "test_x.py:2: ROOT / 'content' / 'events'",
        "test_x.py:3: ROOT / 'pelicanconf.py'",
        "test_x.py:4: ROOT / 'content/pages'",
    ]
