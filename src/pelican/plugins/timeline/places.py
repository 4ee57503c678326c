"""Countries (ISO 3166-1 alpha-2, from pycountry) and organisations (from a data file).

Only this module turns a code into a name, a flag or a did-you-mean hint.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

import pycountry


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kind: str  # "country" or "organisation"
    flag: str = ""  # emoji flag for countries, "" for organisations
    short_name: str = ""


# Names people write that ISO 3166 does not hold (former, informal or English short
# names): folded name -> alpha-2. Fuzzy matching cannot find these, and would find wrong
# ones instead (UK -> Ukraine, Burma -> Brazil).
ALIASES = {
    "uk": "GB", "britain": "GB", "greatbritain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northernireland": "GB", "russia": "RU", "burma": "MM",
    "kirghizia": "KG", "kirgizia": "KG", "kirghizstan": "KG", "persia": "IR", "iran": "IR",
    "turkey": "TR", "syria": "SY", "southkorea": "KR", "northkorea": "KP", "laos": "LA",
    "moldova": "MD", "holland": "NL", "usa": "US", "america": "US", "unitedstates": "US",
    "ivorycoast": "CI", "macedonia": "MK", "swaziland": "SZ", "capeverde": "CV",
    "easttimor": "TL", "vatican": "VA", "byelorussia": "BY", "belorussia": "BY",
    "turkmenia": "TM", "uzbekia": "UZ", "kazakstan": "KZ", "bosnia": "BA", "czechrepublic": "CZ",
}  # fmt: skip
MIN_FUZZY = 4  # shorter words (codes, abbreviations) are matched exactly, never fuzzily
FUZZY_CUTOFF = 0.8


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def _flag(alpha_2: str) -> str:
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in alpha_2)


class Gazetteer:
    """Every code an entry may use, and the names to suggest one from."""

    def __init__(self, organisations: list[Place] | None = None):
        self.places: dict[str, Place] = {}
        self._exact: dict[str, str] = {}  # folded alpha-3 code or alias -> code
        self._names: dict[str, str] = {}  # folded name -> code (matched fuzzily too)
        heads: dict[str, set[str]] = {}  # "Iran" of "Iran, Islamic Republic of"
        for country in pycountry.countries:
            name = getattr(country, "common_name", None) or country.name
            place = Place(country.alpha_2, name, "country", _flag(country.alpha_2))
            self.places[place.code] = place
            self._exact[_fold(country.alpha_3)] = place.code
            for alias in (country.name, name, getattr(country, "official_name", "")):
                if alias:
                    self._names.setdefault(_fold(alias), place.code)
            if "," in country.name:
                heads.setdefault(_fold(country.name.split(",")[0]), set()).add(place.code)
        for head, codes in heads.items():
            if len(codes) == 1:  # not "Korea", which names two countries
                self._names.setdefault(head, codes.pop())
        self._exact.update(ALIASES)
        for org in organisations or []:
            self.places[org.code] = org
            self._exact[_fold(org.code)] = org.code
            for alias in (org.name, org.short_name):
                if alias:
                    self._names[_fold(alias)] = org.code

    def get(self, code: str) -> Place | None:
        return self.places.get(code)

    def suggest(self, text: str) -> str:
        """The code the contributor most likely meant, or ''."""
        if text.strip().upper() in self.places:
            return text.strip().upper()
        folded = _fold(text)
        found = self._exact.get(folded) or self._names.get(folded)
        if found or len(folded) < MIN_FUZZY:
            return found or ""
        candidates = [name for name in self._names if len(name) >= MIN_FUZZY]
        close = difflib.get_close_matches(folded, candidates, n=1, cutoff=FUZZY_CUTOFF)
        return self._names[close[0]] if close else ""

    def hint(self, text: str) -> str:
        """'did you mean GB (United Kingdom)?', or '' when no code is likely."""
        code = self.suggest(text)
        return f"did you mean {code} ({self.places[code].name})?" if code else ""
