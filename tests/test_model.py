"""The model in the middle: events, sources and the timeline's order and indexes (no files)."""

import dataclasses

from pelican.plugins.timeline.dates import parse_date
from pelican.plugins.timeline.fields import ENTRY
from pelican.plugins.timeline.model import Event, Organisation, Person, Source, Timeline
from pelican.plugins.timeline.places import Gazetteer

TYPES = {"visit": ("Visit", "Visits", ""), "agreement": ("Agreement", "", "")}


def event(slug, date, countries=("FR",), type="visit", **fields):
    return Event(
        slug=slug, path=f"content/events/{slug}.md", body="Text [@s].", body_line=8,
        title=slug.replace("-", " "), date=parse_date(date), countries=tuple(countries),
        type=type, summary="One sentence.", sources=("s",), **fields,
    )  # fmt: skip


def timeline(*events, roles=None):
    sources = {"s": Source("s", "webpage", "A page", 1), "unused": Source("unused", "book", "B", 6)}
    organisations = [Organisation("ESA", "European Space Agency").place()]
    return Timeline.build(list(events), sources, Gazetteer(organisations), TYPES, roles)


def test_every_entry_field_is_an_event_attribute_with_the_tables_empty_value():
    attributes = {f.name: f for f in dataclasses.fields(Event)}
    for row in ENTRY:
        assert row.name in attributes, f"Event has no attribute for the field {row.name!r}"
        if not row.required:
            assert attributes[row.name].default == row.empty, row.name


def test_events_are_sorted_once_less_precise_first():
    later = event("1969-07-20-landing", "1969-07-20")
    month = event("1969-07-launch-month", "1969-07")
    year = event("1969-programme", "1969")
    earlier = event("1968-12-21-orbit", "1968-12-21")
    line = timeline(later, month, year, earlier)
    assert [e.slug for e in line.events] == [
        "1968-12-21-orbit", "1969-programme", "1969-07-launch-month", "1969-07-20-landing",
    ]  # fmt: skip
    assert list(line.by_year) == [1968, 1969]
    assert [e.slug for e in line.by_year[1969]] == [
        "1969-programme", "1969-07-launch-month", "1969-07-20-landing",
    ]  # fmt: skip


def test_previous_next_and_lookup_by_slug():
    first, second, third = (
        event("1968-a", "1968"), event("1969-b", "1969"), event("1970-c", "1970")
    )  # fmt: skip
    line = timeline(third, first, second)
    assert line.event("1969-b") is second and line.event("1999-none") is None
    assert line.previous(second) is first and line.next(second) is third
    assert line.previous(first) is None and line.next(third) is None


def test_indexes_by_place_type_tag_person_and_system():
    a = event("1969-a", "1969", ("US", "ESA"), tags=("crewed", "moon"),
              people=(Person("Neil Armstrong", "Commander", "US"),), systems=("Saturn V",))  # fmt: skip
    b = event("1970-b", "1970", ("FR",), type="agreement", tags=("moon",),
              systems=("Saturn V", "Ariane"))  # fmt: skip
    line = timeline(b, a)
    # Places in the order of their names: European Space Agency, France, United States.
    assert list(line.by_place) == ["ESA", "FR", "US"]
    assert line.place("ESA").kind == "organisation"
    assert {code: [e.slug for e in events] for code, events in line.by_type.items()} == {
        "visit": ["1969-a"], "agreement": ["1970-b"],
    }  # fmt: skip
    assert [e.slug for e in line.by_tag["moon"]] == ["1969-a", "1970-b"]
    assert list(line.by_tag) == ["crewed", "moon"]
    assert [e.slug for e in line.by_person["Neil Armstrong"]] == ["1969-a"]
    assert list(line.by_system) == ["Ariane", "Saturn V"]
    assert line.types["visit"].label == "Visit" and line.types["agreement"].plural == "Agreements"


def test_sources_know_the_events_that_cite_them():
    a, b = event("1969-a", "1969"), event("1970-b", "1970")
    line = timeline(b, a)
    assert [e.slug for e in line.citing["s"]] == ["1969-a", "1970-b"]
    assert line.citing["unused"] == []


def test_roles_and_aliases():
    a = event("1969-a", "1969", ("US", "FR"), roles=(("US", "host"),), aliases=("1969-old",))
    line = timeline(a, roles={"host": "host country"})
    assert a.role_of("US") == "host" and a.role_of("FR") == ""
    assert line.role_label("host") == "host country"
    assert line.aliases == {"1969-old": a}


def test_an_event_is_frozen():
    a = event("1969-a", "1969")
    try:
        a.title = "changed"
    except dataclasses.FrozenInstanceError:
        return
    raise AssertionError("an Event could be changed after it was built")
