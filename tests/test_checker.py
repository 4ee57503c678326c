"""Every problem the checker reports: path:line: field: problem (hint), all at once."""

import pytest

from conftest import DEMO, EVENT_A, SETTINGS, SOURCES, copy_demo, run_python
from pelican.plugins.timeline import cli
from pelican.plugins.timeline import content as content_module
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.problems import ContentError


def problems_of(content):
    with pytest.raises(ContentError) as caught:
        load_timeline(content, SETTINGS)
    return [str(p) for p in caught.value.problems]


def entry(**fields):
    body = fields.pop("_body", "Text [@astana-2023].")
    values = {
        "title": "A title",
        "date": "2023-11-07",
        "countries": "[TR, KZ]",
        "type": "agreement",
        "summary": "One sentence.",
        "sources": "[astana-2023]",
    }
    values.update(fields)
    head = "\n".join(f"{k}: {v}" for k, v in values.items() if v is not None)
    return f"---\n{head}\n---\n{body}\n"


def test_valid_content_loads(site):
    timeline = load_timeline(site(), SETTINGS)
    assert [e.slug for e in timeline.events] == ["2021-11-drones", "2023-11-07-plan"]


def test_missing_required_field(site):
    content = site({"2023-11-07-x.md": entry(summary=None)})
    assert (
        "content/events/2023-11-07-x.md:2: summary: missing required field (add 'summary: "
        in (problems_of(content)[0])
    )


def test_unknown_field_suggests_the_known_one(site):
    content = site({"2023-11-07-x.md": entry(contries="[TR]")})
    assert problems_of(content) == [
        "content/events/2023-11-07-x.md:8: contries: unknown field (did you mean 'countries'?)"
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("November 2023", "date: 'November 2023' is not a valid EDTF date (write an EDTF date"),
        ("2023-02-30", "date: 2023-02-30 is not a real date: February 2023 has 28 days"),
        ("2023-XX", "date: '2023-XX' is not supported"),
    ],
)
def test_invalid_dates(site, date, message):
    content = site({"2023-11-07-x.md": entry(date=date)})
    found = problems_of(content)
    assert any(f"content/events/2023-11-07-x.md:3: {message}" in p for p in found), found


def test_unknown_country_suggests_a_code(site):
    content = site({"2023-11-07-x.md": entry(countries="[TR, Kazakstan, XX]")})
    assert problems_of(content) == [
        "content/events/2023-11-07-x.md:4: countries: unknown country or organisation "
        "'Kazakstan' (did you mean KZ?)",
        "content/events/2023-11-07-x.md:4: countries: unknown country or organisation 'XX' "
        "(use an ISO 3166-1 alpha-2 code such as KZ)",
    ]


def test_no_means_norway(site):
    content = site({"2023-11-07-x.md": entry(countries="[TR, NO]")})
    timeline = load_timeline(content, SETTINGS)
    assert timeline.events[-1].countries == ("TR", "NO")
    assert timeline.place("NO").name == "Norway"


def test_unknown_source_in_the_list_and_in_a_citation(site):
    content = site(
        {"2023-11-07-x.md": entry(sources="[astana-2023, astana-2024]", _body="A [@astana-2032].")}
    )
    found = problems_of(content)
    assert (
        "content/events/2023-11-07-x.md:7: sources: unknown source 'astana-2024' "
        "(did you mean 'astana-2023'?)" in found
    )
    assert any(
        p.startswith("content/events/2023-11-07-x.md:9: body: cites unknown source 'astana-2032'")
        for p in found
    ), found


def test_a_listed_source_must_be_cited_and_a_cited_one_listed(site):
    content = site(
        {"2023-11-07-x.md": entry(sources="[astana-2023, trt-2021]", _body="Only [@astana-2023].")}
    )
    content2 = site({"2023-11-07-y.md": entry(_body="Uses [@trt-2021] too [@astana-2023].")})
    found = problems_of(content) + problems_of(content2)
    assert (
        "content/events/2023-11-07-x.md:7: sources: source 'trt-2021' is listed but never cited "
        "(cite it in the body as [@trt-2021], or remove it)" in found
    )
    assert (
        "content/events/2023-11-07-y.md:9: body: cites 'trt-2021', which is not in 'sources' "
        "(add trt-2021 to 'sources')" in found
    )


def test_a_broken_citation_is_reported(site):
    content = site({"2023-11-07-x.md": entry(_body="Line one.\nSee [@astana-2023 and more].")})
    found = problems_of(content)
    assert any(
        p.startswith("content/events/2023-11-07-x.md:10: body: cannot read citation") for p in found
    ), found


def test_duplicate_slugs(site):
    content = site({"sub/2023-11-07-plan.md": EVENT_A})
    assert problems_of(content) == [
        "content/events/sub/2023-11-07-plan.md: file name: slug '2023-11-07-plan' is also used "
        "by content/events/2023-11-07-plan.md (rename one of the two files)"
    ]


def test_file_name_must_match_the_date(site):
    content = site({"2023-11-09-x.md": entry()})
    assert problems_of(content) == [
        "content/events/2023-11-09-x.md:3: file name: file name starts with 2023-11-09 but the "
        "date is 2023-11-07 (rename it to start with 2023-11-07-)"
    ]


def test_duplicate_source_ids_and_bad_urls(site):
    sources = SOURCES + (
        "- id: astana-2023\n  type: webpage\n  title: Again\n"
        "- id: bad\n  type: webpage\n  title: Bad\n  URL: javascript:alert(1)\n"
        "- id: ftp\n  type: webpage\n  title: Ftp\n  URL: ftp://example.org/x\n"
    )
    found = problems_of(site(sources=sources))
    assert found == [
        "content/sources.yaml:19: id: source id 'astana-2023' is defined twice (first on line 1) "
        "(give each source its own id, or merge the two)",
        "content/sources.yaml:25: URL: 'javascript:alert(1)' is not an http(s) URL "
        "(links must start with https:// or http://)",
        "content/sources.yaml:29: URL: 'ftp://example.org/x' is not an http(s) URL "
        "(links must start with https:// or http://)",
    ]


def test_unknown_source_field_and_type(site):
    sources = SOURCES + "- id: c\n  type: newspaper\n  title: C\n  containr-title: X\n"
    found = problems_of(site(sources=sources))
    assert (
        "content/sources.yaml:22: containr-title: unknown field (did you mean 'container-title'?)"
        in found
    )
    assert any("type: unknown CSL type 'newspaper'" in p for p in found)


def test_a_source_no_event_cites(site):
    sources = SOURCES + "- id: lonely\n  type: webpage\n  title: Lonely\n"
    assert problems_of(site(sources=sources)) == [
        "content/sources.yaml:19: id: source 'lonely' is not cited by any event "
        "(cite it from an entry, or remove it)"
    ]


def test_invalid_utf8_names_the_line(site):
    raw = entry().replace("A title", "A tïtle").encode("latin-1")
    found = problems_of(site({"2023-11-07-x.md": raw}))
    assert found[0].startswith(
        "content/events/2023-11-07-x.md:2: front matter: file is not valid UTF-8"
    )


def test_malformed_yaml_names_its_line(site):
    found = problems_of(site({"2023-11-07-x.md": entry(countries="[TR, KZ")}))
    assert found[0].startswith("content/events/2023-11-07-x.md:4: front matter: malformed YAML")


def test_crlf_bom_and_turkish_text_are_valid(site):
    text = "\ufeff" + entry(title='"Güler ile görüşme: Türkiye"').replace("\n", "\r\n")
    timeline = load_timeline(site({"2023-11-07-x.md": text}), SETTINGS)
    assert timeline.events[-1].title == "Güler ile görüşme: Türkiye"


def test_people_and_milestones_are_checked(site):
    content = site(
        {
            "2023-11-07-x.md": entry(
                people="\n  - {name: A, rol: Minister, country: Turkey}",
                milestones="\n  - {date: 2023-11-01, label: signed, sources: [astana-2023]}"
                "\n  - {date: 2023-13, label: ratified, sources: [trt-2021]}",
            )
        }
    )
    found = problems_of(content)
    assert (
        "content/events/2023-11-07-x.md:9: people: unknown person field 'rol' (did you mean 'role'?)"
        in found
    )
    assert any(
        "milestones: milestone 'signed' (2023-11-01) is before the entry's date" in p for p in found
    )
    assert any(
        ":12: milestones: milestone date: '2023-13' is not a valid EDTF date" in p for p in found
    )


def test_every_problem_is_reported_at_once(site):
    content = site(
        {
            "2023-11-07-x.md": entry(date="someday", contries="[TR]"),
            "2023-11-07-y.md": entry(type="meeting"),
            "2023-11-07-z.md": b"no front matter",
        }
    )
    found = problems_of(content)
    assert len(found) == 4, found
    assert (
        "content/events/2023-11-07-y.md:5: type: unknown type 'meeting' (one of: agreement, visit)"
        in found
    )


def test_unknown_setting_is_reported(site):
    with pytest.raises(ContentError, match="TIMELINE_TYPE: unknown setting"):
        load_timeline(site(), {**SETTINGS, "TIMELINE_TYPE": {}})


def test_check_command_prints_every_problem_and_exits_1(site, tmp_path):
    content = site({"2023-11-07-x.md": entry(countries="[Kazakstan]")})
    (tmp_path / "conf.py").write_text(f"TIMELINE_TYPES = {SETTINGS['TIMELINE_TYPES']!r}\n")
    result = run_python(
        "-m", "pelican.plugins.timeline", "check", "-s", "conf.py", str(content), cwd=tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/events/2023-11-07-x.md:4: countries: unknown country or organisation 'Kazakstan' (did you mean KZ?)"
        in result.stderr
    )
    assert result.stderr.strip().endswith("1 problem in 1 file; nothing was written.")


def test_check_command_passes_on_the_demo_site():
    result = run_python("-m", "pelican.plugins.timeline", "check", "-s", "pelicanconf.py", "content",
                        cwd=DEMO)  # fmt: skip
    assert result.returncode == 0, result.stderr
    events = len(list((DEMO / "content" / "events").glob("*.md")))
    sources = (DEMO / "content" / "sources.yaml").read_text("utf-8").count("\n- id: ")
    assert result.stdout == f"OK: {events} events, {sources} sources, no problems.\n"


def test_check_reads_again_only_the_entries_changed_since_the_build(tmp_path, monkeypatch, capsys):
    project = copy_demo(tmp_path / "project")
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n")
    assert cli.main(["check", "-s", str(settings), str(project / "content")]) == 0
    assert not (tmp_path / "cache").exists()  # check writes no cache of its own
    built = run_python("-m", "pelican", str(project / "content"), "-s", str(settings), "-o",
                       str(tmp_path / "output"), cwd=project)  # fmt: skip
    assert built.returncode == 0, built.stderr
    event = project / "content" / "events" / "2021-06-baltic-star-launched.md"
    event.write_text(event.read_text("utf-8").replace("into the water", "into the sea"), "utf-8")
    read, plain = [], content_module.entry_record
    monkeypatch.setattr(content_module, "entry_record",
                        lambda work, item: read.append(item[0]) or plain(work, item))  # fmt: skip
    capsys.readouterr()
    assert cli.main(["check", "-s", str(settings), str(project / "content")]) == 0
    assert read == ["content/events/2021-06-baltic-star-launched.md"]
    events = len(list((project / "content" / "events").glob("*.md")))
    assert capsys.readouterr().out.startswith(f"OK: {events} events,")
