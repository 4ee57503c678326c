"""One engine for every data file (entries, sources.yaml, organisations.yaml), and what the
fields it checks become: roles in the exports, alias pages, one BibTeX writer."""

import csv
import io
import json

import jsonschema
import pytest
import yaml

from conftest import ORGANISATIONS, SETTINGS, SOURCES, pelican_build
from pelican.plugins.timeline import bibliography
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.docs import entry_schema, list_schema
from pelican.plugins.timeline.exports import events_csv, events_json
from pelican.plugins.timeline.fields import ENTRY, ORGANISATION, SOURCE
from pelican.plugins.timeline.frontmatter import load_yaml
from pelican.plugins.timeline.metadata import cite
from pelican.plugins.timeline.problems import ContentError
from pelican.plugins.timeline.redirects import redirect_pages
from pelican.plugins.timeline.settings import read_settings
from pelican.plugins.timeline.urls import Urls
from pelican.plugins.timeline.validate import check_record, validate_organisations
from pelican.plugins.timeline.views import Views


def problems_of(content, settings=SETTINGS):
    with pytest.raises(ContentError) as caught:
        load_timeline(content, settings)
    return [str(p) for p in caught.value.problems]


def entry(*lines, body="Text [@astana-2023]."):
    head = [
        "title: A title", "date: 2023-11-07", "countries: [TR, KZ]", "type: agreement",
        "summary: One sentence.", "sources: [astana-2023]", *lines,
    ]  # fmt: skip
    return "---\n" + "\n".join(head) + f"\n---\n{body}\n"


# --- the engine ----------------------------------------------------------------------------


def test_the_engine_reads_any_table_and_reports_every_problem():
    record = load_yaml("code: ESA\nnmae: European Space Agency\nshort_name: ''\n", first_line=3)
    values, problems = check_record("content/organisations.yaml", record, ORGANISATION)
    assert [str(p) for p in problems] == [
        "content/organisations.yaml:4:1: error: nmae: unknown field (did you mean 'name'?)",
        "content/organisations.yaml:3:1: error: name: missing required field (add 'name: European Union')",
        "content/organisations.yaml:5:13: error: short_name: is empty (write a value or remove the field)",
    ]
    assert values == {"code": "ESA"}


def test_each_table_names_its_fields_once_with_docs():
    for table in (ENTRY, SOURCE, ORGANISATION):
        names = [row.name for row in table]
        assert len(names) == len(set(names))
        assert all(row.doc for row in table)


# --- the bibliography ----------------------------------------------------------------------


def test_sources_typo_duplicate_and_missing_fields_are_reported_with_their_lines(site):
    sources = SOURCES + (
        "- id: astana-2023\n  type: webpage\n  title: Again\n"  # lines 19-21
        "- id: c\n  type: webpage\n  titel: C\n"  # lines 22-24
    )
    assert problems_of(site(sources=sources)) == [
        "content/sources.yaml:19:7: error: id: source id 'astana-2023' is defined twice (first on "
        "line 1) (give each source its own id, or merge the two)",
        "content/sources.yaml:22:3: error: title: missing required field "
        "(add 'title: Ministers sign a cooperation plan')",
        "content/sources.yaml:24:3: error: titel: unknown field (did you mean 'title'?)",
    ]


def test_source_dates_and_names_are_checked(site):
    sources = SOURCES + (
        "- id: c\n  type: webpage\n  title: C\n  issued: 2023-02-30\n  author: Jane Doe\n"
    )
    found = problems_of(site(sources=sources))
    assert found[0].startswith("content/sources.yaml:22:11: error: issued: ")
    assert "2023-02-30" in found[0] and found[0].endswith(
        "(write 2023-11-08, or {date-parts: [[2023, 11, 8]]})"
    )
    assert found[1] == (
        "content/sources.yaml:23:11: error: author: author must be a list of {family, given} or "
        "{literal} (write [{family: Doe, given: Jane}])"
    )


# --- the organisations file ----------------------------------------------------------------


def test_organisations_typo_duplicate_and_country_code_are_reported(site):
    organisations = ORGANISATIONS + (
        "- code: OTS\n  name: Again\n"  # lines 3-4
        "- code: FR\n  name: France\n"  # lines 5-6
        "- code: ESA\n  name: European Space Agency\n  short-name: ESA\n"  # lines 7-9
    )
    assert problems_of(site(orgs=organisations)) == [
        "content/organisations.yaml:3:9: error: code: organisation code 'OTS' is defined twice (first "
        "on line 1) (give each organisation its own code, or merge the two)",
        "content/organisations.yaml:5:9: error: code: FR is a country code "
        "(choose a code that is not a country's)",
        "content/organisations.yaml:9:3: error: short-name: unknown field (did you mean 'short_name'?)",
    ]


def test_organisations_become_places_with_their_short_names():
    raw = b"- code: ESA\n  name: European Space Agency\n  short_name: ESA\n"
    organisations, problems = validate_organisations("o.yaml", raw)
    assert problems == []
    assert [(o.code, o.name, o.short_name, o.line) for o in organisations] == [
        ("ESA", "European Space Agency", "ESA", 1)
    ]


def test_generated_schemas_accept_the_data_and_refuse_a_typo():
    sources = json.loads(json.dumps(yaml.safe_load(SOURCES), default=str))
    source_schema = jsonschema.Draft202012Validator(list_schema("sources", SOURCE))
    assert list(source_schema.iter_errors(sources)) == []
    assert not source_schema.is_valid([{**sources[0], "contaner-title": "x"}])
    organisation_schema = jsonschema.Draft202012Validator(list_schema("o", ORGANISATION))
    assert organisation_schema.is_valid(yaml.safe_load(ORGANISATIONS))
    assert not organisation_schema.is_valid([{"code": "OTS", "nmae": "x"}])
    entry = entry_schema({"visit": ("Visit",)}, {"host": "host"})
    assert jsonschema.Draft202012Validator(entry).is_valid(
        {"title": "t", "date": "1969", "countries": ["US"], "type": "visit", "summary": "s",
         "sources": ["a"], "roles": {"US": "host"}}
    )  # fmt: skip
    assert not jsonschema.Draft202012Validator(entry).is_valid({"roles": {"US": "hots"}})


# --- roles ---------------------------------------------------------------------------------


def test_roles_unknown_role_and_unlisted_country_are_reported(site):
    content = site({"2023-11-07-x.md": entry("roles: {TR: suplier, FR: recipient}")})
    assert problems_of(content) == [
        "content/events/2023-11-07-x.md:8:8: error: roles: gives a role to FR, which is not in "
        "'countries' (add FR to 'countries', or remove its role)",
        "content/events/2023-11-07-x.md:8:13: error: roles: unknown role 'suplier' for TR "
        "(did you mean 'supplier'?)",
    ]


def test_roles_go_into_events_json_csv_and_beside_the_badges(site):
    content = site({"2023-11-07-x.md": entry("roles: {KZ: recipient, TR: supplier}")})
    timeline = load_timeline(content, SETTINGS)
    config, _ = read_settings(SETTINGS)
    records = events_json.event_records(timeline, Urls(config))
    by_slug = {r["slug"]: r for r in json.loads(events_json.render(records))}
    assert by_slug["2023-11-07-x"]["roles"] == {"KZ": "recipient", "TR": "supplier"}
    assert by_slug["2023-11-07-plan"]["roles"] == {}
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(events_csv.render(records)))}
    assert rows["2023-11-07-x"]["roles"] == "KZ: recipient; TR: supplier"
    assert rows["2023-11-07-plan"]["roles"] == ""
    link = Views(timeline, Urls(config)).links["2023-11-07-x"]
    assert [(p.name, p.role) for p in link.places] == [
        ("Türkiye", "supplier"), ("Kazakhstan", "recipient"),
    ]  # fmt: skip
    assert link.role_list == "TR:supplier KZ:recipient"


# --- aliases -------------------------------------------------------------------------------


def test_an_alias_may_not_be_a_current_slug_or_claimed_twice(site):
    content = site({
        "2023-11-07-x.md": entry("aliases: [2023-11-07-plan, 2023-11-07-old]"),
        "2023-11-07-y.md": entry("aliases: [2023-11-07-old, Not A Slug]"),
    })  # fmt: skip
    # y's own problem keeps it out of the timeline, so only x claims 2023-11-07-old.
    assert problems_of(content) == [
        "content/events/2023-11-07-x.md:8:10: error: aliases: '2023-11-07-plan' is the slug of "
        "content/events/2023-11-07-plan.md (an alias is an address no entry uses any more: "
        "remove it)",
        "content/events/2023-11-07-y.md:8:27: error: aliases: 'Not A Slug' is not a valid slug (an "
        "earlier file name without .md, e.g. 2021-11-old-name)",
    ]


def test_an_alias_claimed_by_two_entries_names_both(site):
    content = site({
        "2023-11-07-x.md": entry("aliases: [2023-11-07-old]"),
        "2023-11-07-y.md": entry("aliases: [2023-11-07-old]"),
    })  # fmt: skip
    assert problems_of(content) == [
        "content/events/2023-11-07-y.md:8:10: error: aliases: '2023-11-07-old' is also an alias of "
        "content/events/2023-11-07-x.md (an old address can lead to one entry only)",
    ]


def test_redirect_pages_lead_from_the_old_address_relatively(site):
    content = site({"2023-11-07-x.md": entry("aliases: [2023-11-07-old-name]")})
    timeline = load_timeline(content, SETTINGS)
    config, _ = read_settings(SETTINGS)
    pages = dict(redirect_pages(timeline, Urls(config)))
    assert list(pages) == ["timeline/events/2023-11-07-old-name.html"]
    html = pages["timeline/events/2023-11-07-old-name.html"]
    assert '<meta http-equiv="refresh" content="0; url=2023-11-07-x.html">' in html
    assert '<link rel="canonical" href="2023-11-07-x.html">' in html
    assert '<a href="2023-11-07-x.html">A title</a>' in html
    hosted = dict(redirect_pages(timeline, Urls(config), "https://example.org"))
    assert (
        '<link rel="canonical" href="https://example.org/timeline/events/2023-11-07-x.html">'
        in (hosted["timeline/events/2023-11-07-old-name.html"])
    )


def test_a_build_writes_alias_pages_and_role_badges(site, tmp_path):
    content = site({
        "2023-11-07-x.md": entry("aliases: [2023-11-07-old-name]",
                                 "roles: {KZ: recipient, TR: supplier}"),
    })  # fmt: skip
    output = tmp_path / "output"
    result = pelican_build(content, output)
    assert result.returncode == 0, result.stderr + result.stdout
    event_page = next(output.rglob("2023-11-07-x.html"))
    old_page = event_page.with_name("2023-11-07-old-name.html")
    assert 'url=2023-11-07-x.html"' in old_page.read_text(encoding="utf-8")
    page = event_page.read_text(encoding="utf-8")
    assert '<span class="role"> · recipient</span>' in page
    assert "<dt>Roles</dt>" in page and "<dd>Kazakhstan: recipient</dd>" in page


# --- one BibTeX writer ---------------------------------------------------------------------


def test_cite_this_event_and_sources_bib_escape_alike(site):
    title = '"R&D plan: 100% #1"'
    sources = SOURCES.replace("Kazakhstan, Türkiye Sign a Plan", title)
    content = site({"2023-11-07-x.md": entry().replace("A title", title)}, sources=sources)
    timeline = load_timeline(content, SETTINGS)
    config, _ = read_settings(SETTINGS)
    views = Views(timeline, Urls(config), "https://example.org")
    event = timeline.event("2023-11-07-x")
    citation = cite(event, views.event(event), "Site_name & co")
    bib = bibliography.render_bibtex(timeline.sources)
    assert "  title = {R\\&D plan: 100\\% \\#1}," in citation.bibtex
    assert "  howpublished = {Site\\_name \\& co}," in citation.bibtex
    assert "  url = {https://example.org/timeline/events/2023-11-07-x.html}" in citation.bibtex
    assert "  title = {R\\&D plan: 100\\% \\#1}," in bib
    assert citation.bibtex.startswith("@misc{2023-11-07-x,\n")
