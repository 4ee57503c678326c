"""The entry schema editors use agrees with the checker, and an editor linter applies it.

The schema (schema/entry.schema.json, generated from the field table) must accept every
entry the checker accepts, read as an editor reads YAML (YAML 1.2: `date: 2022` is a
number), and refuse what JSON Schema can express. The linter that applies it to Markdown
front matter, remark-lint-frontmatter-schema (package.json, .remarkrc.json), is run for
real when node_modules is installed (`npm ci`).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import DEMO, ORGANISATIONS, ROOT, SETTINGS, SOURCES
from pelican.plugins.timeline.cli import site_settings
from pelican.plugins.timeline.docs import entry_schema, list_schema
from pelican.plugins.timeline.fields import ENTRY as ENTRY_TABLE
from pelican.plugins.timeline.fields import ORGANISATION, SOURCE, Vocabulary
from pelican.plugins.timeline.frontmatter import parse_entry
from pelican.plugins.timeline.places import Gazetteer
from pelican.plugins.timeline.settings import DEFAULTS, read_settings
from pelican.plugins.timeline.validate import (
    check_record,
    validate_organisations,
    validate_sources,
)
from readers import front_matter_as_editors_read_it, yaml_as_editors_read_it

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


def test_the_bibliography_schemas_accept_the_sources_as_an_editor_reads_them():
    schema = list_schema("sources", SOURCE)
    validator = jsonschema.validators.validator_for(schema)(schema)
    texts = [
        SOURCES,
        (DEMO / "content" / "sources.yaml").read_text("utf-8"),
        (Path(__file__).parent / "awkward" / "content" / "sources.yaml").read_text("utf-8"),
        # YAML reads these as numbers; the checker as text, as CSL-YAML from Zotero has them.
        "- {id: 1995, type: book, title: 1984, issued: 1949, volume: 2, page: 12}\n",
    ]
    for text in texts:
        assert validate_sources("sources.yaml", text.encode())[1] == []  # the checker accepts
        found = [e.message for e in validator.iter_errors(yaml_as_editors_read_it(text))]
        assert found == [], (text[:60], found)
    typo = "- {id: x, type: book, title: T, contaner-title: C}\n"
    assert [e.message for e in validator.iter_errors(yaml_as_editors_read_it(typo))] == [
        "Additional properties are not allowed ('contaner-title' was unexpected)"
    ]
    schema = list_schema("organisations", ORGANISATION)
    organisations = yaml_as_editors_read_it((DEMO / "content" / "organisations.yaml").read_text())
    assert jsonschema.validators.validator_for(schema)(schema).is_valid(organisations)


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
        if os.environ.get("REQUIRE_TOOLS"):
            pytest.fail("node_modules is missing (npm ci) and REQUIRE_TOOLS is set")
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


# Property: whatever an entry holds, if the checker finds no problem in any field, the
# schema (read as an editor reads the YAML) finds none either. Checks across fields or
# files (file name, citations, roles of listed countries) are the checker's alone.
# One known disagreement is left out: the checker reads `title: null` (or `~`) as the
# word "null", where YAML and the schema see no value.
# Each field: (values the checker accepts alone, values it refuses).
FIELD_VALUES = {
    "title": (["Ports agree", "1984", "yes", "'a: b'", "x" * 200], ["x" * 201, "''", "[a]"]),
    "date": (["2022", "2021-11", "2021-11-07", "2021~", "2021?", "2021-11-07/2021-12", "0950",
              "2021-11-07?", "'2021'", "?2021-11-07", "2021-11-07/2022"],
             ["2021-02-30", "March 2021", "2021-13", "[2021]", "21"]),
    "countries": (["[DK, NO]", "[DK]", "[OTS, SE]", "[' DK']"], ["[]", "[dk]", "[DK, DK]", "DK", "[G7]"]),
    "type": (["agreement", "visit"], ["agrement", "1", "[visit]"]),
    "summary": (["A summary.", "42", "true"], ["''", "{a: b}"]),
    "sources": (["[astana-2023]", "[trt-2021, astana-2023]"],
                ["[nowhere]", "[]", "['@trt-2021']", "astana-2023"]),
    "tags": (["[a, b]", "[1, 2]", "[]"], ["a", "[' ']"]),
    "people": (["[Jane Doe]", "[{name: Jane, role: Minister, country: TR}]", "[{name: 1}]"],
               ["[{name: Jane, rank: x}]", "[{role: x}]", "[{name: Jane, country: XX}]"]),
    "systems": (["[Leopard 2]", "[155]"], ["Leopard"]),
    "note": (["A note.", "12"], ["''"]),
    "roles": (["{TR: host}", "{DK: observer}"], ["{TR: hots}", "{tr: host}", "[host]"]),
    "added": (["2024-02-28"], ["2024-02", "2024-02-30", "2024"]),
    "aliases": (["[old-name]", "[]"], ["[Old Name]", "old-name"]),
    "milestones": (["[{date: 2021-11, label: signed, sources: [astana-2023]}]",
                    "[{date: 2021, label: x, sources: [astana-2023]}]"],
                   ["[{date: 2021, label: x}]", "[{date: 2021-14, label: x, sources: [trt-2021]}]"]),
    "corrections": (["[{date: 2024-01-02, text: Fixed.}]"], ["[{date: 2024-01, text: Fixed.}]"]),
    "context": (["Background."], ["''"]),
}  # fmt: skip
REQUIRED = ("title", "date", "countries", "type", "summary", "sources")


@st.composite
def entries(draw):
    """An entry of valid values, some optional fields, and now and then one refused value."""
    optional = [n for n in FIELD_VALUES if n not in REQUIRED]
    names = [*REQUIRED, *draw(st.lists(st.sampled_from(optional), unique=True, max_size=6))]
    entry = {name: draw(st.sampled_from(FIELD_VALUES[name][0])) for name in names}
    if draw(st.integers(0, 3)) == 0:
        broken = draw(st.sampled_from(names))
        entry[broken] = draw(st.sampled_from(FIELD_VALUES[broken][1]))
    return entry


@pytest.fixture(scope="module")
def inline_vocabulary():
    sources, _ = validate_sources("sources.yaml", SOURCES.encode())
    organisations, _ = validate_organisations("organisations.yaml", ORGANISATIONS.encode())
    return Vocabulary(
        Gazetteer([o.place() for o in organisations]), SETTINGS["TIMELINE_TYPES"], sources,
        roles=DEFAULTS["TIMELINE_ROLES"],
    )  # fmt: skip


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries())
def test_what_the_checker_accepts_field_by_field_the_schema_accepts(inline_vocabulary, entry):
    raw = ("---\n" + "".join(f"{k}: {v}\n" for k, v in entry.items()) + "---\nBody.\n").encode()
    fields, _, _ = parse_entry("2021-x.md", raw)
    _, problems = check_record("2021-x.md", fields, ENTRY_TABLE, inline_vocabulary)
    event(f"checker: {'refuses' if problems else 'accepts'}")
    if not problems:
        assert errors(inline_validator(), raw) == [], entry


def test_the_property_draws_values_the_checker_accepts_and_refuses(inline_vocabulary):
    for index in range(3):
        values = {k: v[0][index % len(v[0])] for k, v in FIELD_VALUES.items()}
        raw = ("---\n" + "".join(f"{k}: {v}\n" for k, v in values.items()) + "---\n").encode()
        fields, _, _ = parse_entry("2021-x.md", raw)
        assert check_record("2021-x.md", fields, ENTRY_TABLE, inline_vocabulary)[1] == []
        assert errors(inline_validator(), raw) == []
        for name, (_, refused) in FIELD_VALUES.items():
            for value in refused:  # each refused value is refused by the checker
                fields, _, _ = parse_entry(
                    "2021-x.md",
                    raw.replace(
                        f"{name}: {values[name]}\n".encode(), f"{name}: {value}\n".encode()
                    ),
                )
                problems = check_record("2021-x.md", fields, ENTRY_TABLE, inline_vocabulary)[1]
                assert problems, (name, value)
