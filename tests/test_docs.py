"""The documented format matches the code: generated files are current, and the schema fits."""

import json

import jsonschema

from conftest import DEMO, ROOT, run_python
from pelican.plugins.timeline.cli import site_settings
from pelican.plugins.timeline.docs import entry_schema
from pelican.plugins.timeline.fields import ENTRY
from pelican.plugins.timeline.frontmatter import parse_entry
from pelican.plugins.timeline.settings import read_settings


def test_generated_field_list_and_json_schema_are_up_to_date():
    result = run_python("-m", "pelican.plugins.timeline", "docs", "--check")
    assert result.returncode == 0, result.stderr


def test_every_field_is_documented_in_contributing():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for spec in ENTRY:
        assert f"| `{spec.name}` |" in text


def test_json_schema_accepts_every_demo_entry_and_rejects_a_typo():
    # The schema lists the site's types: this one is made for the demo's, as `docs` would.
    config = read_settings(site_settings(str(DEMO / "pelicanconf.py")))[0]
    types = config["TIMELINE_TYPES"]
    schema = entry_schema(types, config["TIMELINE_ROLES"])
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((DEMO / "content" / "events").glob("*.md")):
        fields, _, _ = parse_entry(path.name, path.read_bytes())
        errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(fields)))]
        assert errors == [], (path.name, errors)
    entry = json.loads(json.dumps(fields))
    assert not validator.is_valid({**entry, "contries": ["DK"]})
    assert [e.message for e in validator.iter_errors({**entry, "type": "visit"})] == [
        f"'visit' is not one of {list(types)!r}"  # a type of another site
    ]


def test_every_task_and_setting_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for task in ("check", "build", "serve", "clean", "rebuild", "publish"):
        assert f"invoke {task}" in readme
    from pelican.plugins.timeline.settings import DEFAULTS

    for name in DEFAULTS:
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"


def test_ci_runs_the_readme_commands_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme[0] == "```sh" and readme[3] == "```"
    assert "pytest" in readme[2]
    assert readme[2] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
