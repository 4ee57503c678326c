import datetime as dt

import pytest

from pelican.plugins.timeline.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2023-11-07", "7 November 2023"),
        ("2023-11", "November 2023"),
        ("2021", "2021"),
        ("2021~", "c. 2021"),
        ("2021-11~", "c. November 2021"),
        ("2022-11-23?", "23 November 2022 (uncertain)"),
        ("2021%", "c. 2021 (uncertain)"),
        ("2024-07-08/2024-07-17", "8–17 July 2024"),
        ("2021-06-29/2021-07-01", "29 June – 1 July 2021"),
        ("2023-12-30/2024-01-02", "30 December 2023 – 2 January 2024"),
        ("2021-10/2021-12", "October–December 2021"),
        ("2019/2021", "2019 – 2021"),
    ],
)
def test_each_date_is_shown_as_precisely_as_it_is_known(text, shown):
    assert parse_date(text).display == shown


def test_a_month_keeps_month_precision_and_spans_the_whole_month():
    date = parse_date("2021-02")
    assert (date.start, date.end, date.precision) == (
        dt.date(2021, 2, 1),
        dt.date(2021, 2, 28),
        "month",
    )
    assert date.iso_start == "2021-02"


def test_no_date_depends_on_today():
    # Pelican's own date parsing fills a missing day with today's; ours must not.
    assert parse_date("1969-07").start == dt.date(1969, 7, 1)
    assert parse_date("1969").end == dt.date(1969, 12, 31)


def test_intervals_keep_both_ends():
    date = parse_date("2024-07-08/2024-07-17")
    assert (date.start, date.end, date.is_interval) == (
        dt.date(2024, 7, 8),
        dt.date(2024, 7, 17),
        True,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("November 2023", "not a valid EDTF date"),
        ("2021-13-01", "not a valid EDTF date"),
        ("2021-02-30", "2021-02-30 is not a real date: February 2021 has 28 days"),
        ("2021-11-31", "2021-11-31 is not a real date: November 2021 has 30 days"),
        ("2021-XX", "not supported"),
        ("2021-21", "not supported"),
        ("2021/..", "not supported"),
        ("2024-07-17/2024-07-08", "ends before it starts"),
        ("", "empty"),
    ],
)
def test_invalid_dates_are_refused_with_a_reason(text, message):
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_sort_order_puts_coarser_dates_first_at_the_same_start():
    texts = [
        "2021-11-07",
        "2021-11",
        "2021",
        "2021-01-01",
        "2021-01",
        "2020-12-31",
        "2021-11-01/2021-11-30",
    ]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == [
        "2020-12-31",
        "2021",
        "2021-01",
        "2021-01-01",
        "2021-11",
        "2021-11-01/2021-11-30",
        "2021-11-07",
    ]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pelican.plugins.timeline.dates import _parse_simple, parse_with_edtf  # noqa: E402

one_date = st.builds(
    lambda y, m, d, q, depth: (
        f"{y:04d}" + (f"-{m:02d}" if depth > 0 else "") + (f"-{d:02d}" if depth > 1 else "") + q
    ),
    st.integers(1, 2999), st.integers(0, 13), st.integers(0, 32),
    st.sampled_from(["", "", "~", "?", "%"]), st.integers(0, 2),
)  # fmt: skip
date_text = st.one_of(one_date, st.builds(lambda a, b: f"{a}/{b}", one_date, one_date))


@settings(max_examples=300, deadline=None)
@given(date_text)
def test_the_fast_reading_agrees_with_the_edtf_library(text):
    fast = _parse_simple(text)
    try:
        reference = parse_with_edtf(text)
    except DateError:
        reference = None
    if fast is not None:
        assert fast == reference
    # When the fast reading declines, parse_date falls back to the library itself.
