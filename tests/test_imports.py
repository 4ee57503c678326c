"""The package's layers: every module imports on its own, only the glue imports Pelican, and
no module imports another that imports it back."""

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pelican.plugins.timeline as package

PACKAGE = "pelican.plugins.timeline"
FOLDER = Path(package.__file__).resolve().parent
# The modules that may touch Pelican: register(), the handlers, the generator, the CLI.
GLUE = {"", "__main__", "glue", "generator", "cli", "settings"}


def module_files() -> dict[str, Path]:
    """{dotted name relative to the package ("" for the package itself): file}."""
    modules = {}
    for path in sorted(FOLDER.rglob("*.py")):
        parts = list(path.relative_to(FOLDER).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = module_files()


def imports_of(name: str, path: Path) -> list[tuple[str, int]]:
    """(absolute module imported, line) for every import statement, lazy ones included."""
    is_package = path.name == "__init__.py"
    here = f"{PACKAGE}.{name}" if name else PACKAGE
    base = here.split(".") if is_package else here.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parent = base[: len(base) - node.level + 1] if node.level else []
            module = ".".join([*parent, *([node.module] if node.module else [])])
            found.append((module, node.lineno))
            for alias in node.names:  # "from . import exports" imports a module
                found.append((f"{module}.{alias.name}", node.lineno))
    return found


def internal(module: str) -> str | None:
    """The package-relative name of a module of this package, or None."""
    if module == PACKAGE:
        return ""
    if module.startswith(PACKAGE + "."):
        name = module[len(PACKAGE) + 1 :]
        return name if name in MODULES else None
    return None


def test_the_package_has_the_modules_of_its_layers():
    for name in ("model", "fields", "validate", "render", "urls", "views", "pages", "exports"):
        assert name in MODULES


def test_every_module_imports_alone_in_a_fresh_interpreter():
    def load(name):  # __main__ runs the command line when imported: that is its job
        target = f"{PACKAGE}.{name}" if name else PACKAGE
        result = subprocess.run(
            [sys.executable, "-c", f"import {target}"], capture_output=True, text=True
        )
        return name, result.returncode, result.stderr.strip().splitlines()[-1:]

    with ThreadPoolExecutor(max_workers=4) as pool:
        failed = [r for r in pool.map(load, [m for m in MODULES if m != "__main__"]) if r[1] != 0]
    assert failed == []


def test_nothing_below_the_glue_imports_pelican():
    offenders = [
        f"{path.relative_to(FOLDER)}:{line}: imports {module}"
        for name, path in MODULES.items()
        if name not in GLUE
        for module, line in imports_of(name, path)
        if (module == "pelican" or module.startswith("pelican."))
        and not (module == PACKAGE or module.startswith(PACKAGE + "."))
    ]
    assert offenders == []


def find_cycles(graph: dict[str, set[str]]) -> list[str]:
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name, path):
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def test_there_is_no_import_cycle():
    graph = {
        name: {
            target
            for module, _ in imports_of(name, path)
            if (target := internal(module)) is not None and target != name
        }
        for name, path in MODULES.items()
    }
    # Every submodule imports its package's __init__ first; that edge is Python's, not ours.
    for name, targets in graph.items():
        targets.discard("")
        if "." in name:
            targets.discard(name.rsplit(".", 1)[0])
    assert find_cycles(graph) == []


def test_the_checks_can_fail(tmp_path):
    assert find_cycles(
        {"pages": {"exports"}, "exports": {"events_json"}, "events_json": {"pages"}}
    ) == ["events_json -> pages -> exports -> events_json"]
    module = tmp_path / "a.py"
    module.write_text("from pelican.generators import Generator\nfrom . import b\n")
    found = imports_of("a", module)
    assert ("pelican.generators", 1) in found and ("pelican.plugins.timeline.b", 2) in found
