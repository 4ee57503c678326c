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


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def _flag(alpha_2: str) -> str:
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in alpha_2)


class Gazetteer:
    """Every code an entry may use, and the names to suggest one from."""

    def __init__(self, organisations: list[Place] | None = None):
        self.places: dict[str, Place] = {}
        self._names: dict[str, str] = {}  # folded name or code -> code
        for country in pycountry.countries:
            name = getattr(country, "common_name", None) or country.name
            place = Place(country.alpha_2, name, "country", _flag(country.alpha_2))
            self.places[place.code] = place
            names = [country.name, name, getattr(country, "official_name", ""), country.alpha_3]
            for alias in names:
                if alias:
                    self._names.setdefault(_fold(alias), place.code)
        for org in organisations or []:
            self.places[org.code] = org
            for alias in (org.name, org.short_name, org.code):
                if alias:
                    self._names[_fold(alias)] = org.code

    def get(self, code: str) -> Place | None:
        return self.places.get(code)

    def suggest(self, text: str) -> str:
        """The code the contributor most likely meant, or ''."""
        if text.upper() in self.places:
            return text.upper()
        folded = _fold(text)
        if folded in self._names:
            return self._names[folded]
        close = difflib.get_close_matches(folded, list(self._names), n=1, cutoff=0.75)
        return self._names[close[0]] if close else ""
