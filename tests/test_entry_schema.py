"""The entry schema editors use agrees with the checker, and an editor linter applies it.

The schema (schema/entry.schema.json, generated from the field table) must accept every
entry the checker accepts, read as an editor reads YAML (YAML 1.2: `date: 2022` is a
number), and refuse what JSON Schema can express. The linter that applies it to Markdown
front matter, remark-lint-frontmatter-schema (package.json, .remarkrc.json), is run for
real when node_modules is installed (`npm ci`).
"""

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DEMO, ROOT, SETTINGS
from pelican.plugins.timeline.cli import site_settings
from pelican.plugins.timeline.docs import entry_schema
from pelican.plugins.timeline.settings import DEFAULTS, read_settings
from readers import front_matter_as_editors_read_it

CORPUS = Path(__file__).parent / "corpus"
ROBUST = Path(__file__).parent / "corpus-robust" / "cases.yaml"
REMARK = ROOT / "node_modules" / ".bin" / "remark"


def demo_validator():
    config = read_settings(site_settings(str(DEMO / "pelicanconf.py")))[0]
    schema = entry_schema(config["TIMELINE_TYPES"], config["TIMELINE_ROLES"])
    return jsonschema.validators.validator_for(schema)(schema)


def inline_validator(types=None):
    schema = entry_schema(types or SETTINGS["TIMELINE_TYPES"], DEFAULTS["TIMELINE_ROLES"])
    return jsonschema.validators.validator_for(schema)(schema)


def errors(validator, raw: bytes) -> list[str]:
    data = front_matter_as_editors_read_it(raw)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def test_the_schema_accepts_every_demo_entry_as_an_editor_reads_it():
    validator = demo_validator()
    for path in sorted((DEMO / "content" / "events").glob("*.md")):
        assert errors(validator, path.read_bytes()) == [], path.name


def test_the_schema_accepts_every_corpus_entry_the_checker_accepts():
    expected = yaml.safe_load((CORPUS / "expected.yaml").read_text("utf-8"))
    accepted = [name for name, outcome in expected.items() if outcome == "ok"]
    assert len(accepted) >= 5
    validator = inline_validator()
    for name in accepted:
        assert errors(validator, (CORPUS / name).read_bytes()) == [], name
    checked = 0
    for case in yaml.safe_load(ROBUST.read_text("utf-8")):
        if "output" not in case:  # the checker refused this case
            continue
        types = (case.get("settings") or {}).get("TIMELINE_TYPES")
        for name, text in case["events"].items():
            if any(part.startswith(".") for part in Path(name).parts):
                continue  # not an entry: the checker skips hidden files and folders
            assert errors(inline_validator(types), text.encode()) == [], (case["name"], name)
            checked += 1
    assert checked >= 10


ENTRY = """\
---
title: Ports agree a tariff
date: 1996
countries: [DK, NO, SE]
type: agreement
summary: The ports agreed a tariff.
sources: [gazette-1996-03]
people:
  - Maja Lindqvist
  - {name: Jens Holm, role: Harbour master, country: DK}
roles: {DK: signatory}
added: 2024-02-28
---
Body [@gazette-1996-03].
"""


def test_the_schema_accepts_what_yaml_types_and_the_checker_reads_as_text():
    validator = demo_validator()
    # `date: 1996` is a number and NO is text in YAML 1.2; a bare name is a person.
    assert errors(validator, ENTRY.encode()) == []
    assert (
        errors(validator, ENTRY.replace("title: Ports agree a tariff", "title: 1984").encode())
        == []
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (("type: agreement", "type: agrement"),
         "type: 'agrement' is not one of ['sailing', 'agreement', 'accident', 'opening', 'statement']"),
        (("title: Ports agree a tariff", "title: " + "x" * 201), f"title: '{'x' * 201}' is too long"),
        (("date: 1996", "date: March 1996"), "date: 'March 1996' is not valid under any of the given schemas"),
        (("countries: [DK, NO, SE]", "countries: [dk]"), "countries/0: 'dk' does not match '^\\\\s*[A-Z][A-Z0-9]{1,7}\\\\s*$'"),
        (("countries: [DK, NO, SE]", "countries: []"), "countries: [] should be non-empty"),
        (("roles: {DK: signatory}", "roles: {DK: signer}"),
         "roles/DK: 'signer' is not one of ['operator', 'host', 'builder', 'signatory', 'observer']"),
        (("added: 2024-02-28", "added: 2024-02"), "added: '2024-02' does not match '^\\\\s*\\\\d{4}-\\\\d{2}-\\\\d{2}\\\\s*$'"),
        (("summary:", "sumary:"), ": 'summary' is a required property"),
    ],
)  # fmt: skip
def test_the_schema_refuses_what_json_schema_can_express(change, error):
    found = errors(demo_validator(), ENTRY.replace(*change).encode())
    assert error in found, found


@pytest.fixture
def remark_project(tmp_path):
    """A copy of the project's remark set-up, with the demo's schema and two entries."""
    if not REMARK.exists():
        pytest.skip("node_modules not installed (npm ci)")
    shutil.copy(ROOT / ".remarkrc.json", tmp_path / ".remarkrc.json")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "schema").mkdir()
    config = read_settings(site_settings(str(DEMO / "pelicanconf.py")))[0]
    schema = entry_schema(config["TIMELINE_TYPES"], config["TIMELINE_ROLES"])
    (tmp_path / "schema" / "entry.schema.json").write_text(json.dumps(schema), "utf-8")
    events = tmp_path / "content" / "events"
    events.mkdir(parents=True)
    (events / "1996-good.md").write_text(ENTRY, "utf-8")
    bad = ENTRY.replace("type: agreement", "type: agrement").replace("summary:", "sumary:")
    (events / "1996-bad.md").write_text(bad, "utf-8")
    return tmp_path


def run_remark(project: Path, *paths: str):
    return subprocess.run(
        [str(REMARK), *paths, "--frail", "--quiet", "--no-stdout", "--no-color"],
        cwd=project, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_editor_linter_applies_the_schema_to_markdown_front_matter(remark_project):
    good = run_remark(remark_project, "content/events/1996-good.md")
    assert (good.returncode, good.stderr) == (0, "")
    bad = run_remark(remark_project, "content/events/1996-bad.md")
    assert bad.returncode == 1
    lines = [" ".join(line.split()) for line in bad.stderr.splitlines() if line.strip()]
    assert lines[0] == "content/events/1996-bad.md"
    schema = remark_project / "schema" / "entry.schema.json"
    assert lines[1:4] == [
        f"warning Must have required property 'summary' • {schema} • #/required "
        "frontmatter-schema remark-lint",
        f"warning Must NOT have additional properties • {schema} • #/additionalProperties "
        "frontmatter-schema remark-lint",
        "5:7-5:15 warning Must be equal to one of the allowed values: `sailing`, `agreement`, "
        f"`accident`, `opening`, `statement` • {schema} • #/properties/type/enum "
        "frontmatter-schema remark-lint",
    ]
