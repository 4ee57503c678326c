"""How a source's address reads: decoded, host first, short on paper; the link unchanged."""

import pytest

from pelican.plugins.timeline.addresses import PRINT_LENGTH, address, decode, shorten
from pelican.plugins.timeline.views import direction

RUSSIAN = (
    "https://www.aa.com.tr/ru/guncel/%D0%BC%D0%B8%D0%BD%D0%B8%D1%81%D1%82%D1%80-%D0%BE%D0%B1"
    "%D0%BE%D1%80%D0%BE%D0%BD%D1%8B-%D1%82%D1%83%D1%80%D1%86%D0%B8%D0%B8/2288453"
)


def test_a_cyrillic_path_reads_in_its_letters_with_the_host_first():
    shown = address(RUSSIAN)
    assert shown.host == "www.aa.com.tr"
    assert shown.text == "www.aa.com.tr/ru/guncel/министр-обороны-турции/2288453"
    assert shown.short == shown.text  # short enough for paper as it is


def test_a_long_address_is_cut_for_print_at_a_separator():
    long = "https://example.org/" + "/".join(["%D0%B4%D0%BE%D0%BB%D0%B3%D0%BE"] * 20)
    shown = address(long)
    assert shown.text == "example.org/" + "/".join(["долго"] * 20)
    assert shown.short == "example.org/" + "долго/" * 7 + "…"
    assert len(shown.short) <= PRINT_LENGTH
    assert shorten("a" * 100) == "a" * (PRINT_LENGTH - 1) + "…"  # no separator near the end


@pytest.mark.parametrize(
    ("escaped", "shown"),
    [
        ("a%20b", "a%20b"),  # a space would split the address in two
        ("a%2Fb%3Fc%23d", "a%2Fb%3Fc%23d"),  # reserved: decoding would change what it says
        ("%E2%80%AEevil", "%E2%80%AEevil"),  # a bidi override could disguise the address
        ("%FF%FE", "%FF%FE"),  # not UTF-8
        ("%d0%b0%e2%80%8b%d0%b1", "а%e2%80%8bб"),  # a zero-width space stays escaped
        ("Tu%CC%88rkiye", "Türkiye"),  # a combining mark, composed
        ("%7Euser", "~user"),  # unreserved ASCII needs no escape
    ],
)
def test_only_readable_characters_are_decoded(escaped, shown):
    assert decode(escaped) == shown


def test_query_and_fragment_are_decoded_and_the_root_path_dropped():
    assert address("https://24.kg/").text == "24.kg"
    assert address("http://x.org:8080/?q=%D0%B0#%D0%B1").text == "x.org:8080?q=а#б"


def test_a_punycode_host_stays_as_written():
    # Decoded, it would read "аррӏе.com" in Cyrillic letters: a look-alike of another site.
    assert address("https://xn--80ak6aa92e.com/").host == "xn--80ak6aa92e.com"


def test_only_web_addresses_are_read():
    assert address("ftp://example.org/file") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("العبارة الجديدة تبحر شمالا", "rtl"),
        ("2012: العبارة", "rtl"),  # digits and punctuation are neutral: the first letter decides
        ("Паром «Аврора»", ""),
        ("NATO و تركيا", ""),  # a Latin letter first: left to right, as dir=auto would read it
        ("", ""),
    ],
)
def test_the_direction_of_a_title_is_that_of_its_first_letter(text, expected):
    assert direction(text) == expected
