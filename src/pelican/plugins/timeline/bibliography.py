"""The bibliography written out: CSL-JSON (``sources.json``) and BibTeX.

``bibtex_record`` is the one BibTeX writer: ``sources.bib`` and each event page's
"Cite this event" both use it, so they escape alike. Both formats are documented in
CONTRIBUTING.md ("Downloads") and read back by independent readers in the tests
(pybtex, bibtexparser, citeproc-py, the CSL data schema).
"""

from __future__ import annotations

import json
import re

from .dates import EventDate
from .model import Source

BIBTEX_TYPES = {
    "article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
    "book": "book", "chapter": "incollection", "report": "techreport",
    "paper-conference": "inproceedings",
}  # fmt: skip
# TeX's special characters as text: "\~" and "\^" would be accents, "\\" a line break.
TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}  # fmt: skip
TEX_SPECIALS_RE = re.compile("|".join(re.escape(c) for c in TEX_SPECIALS))
# biblatex reads these verbatim: TeX escapes would become part of the address. Braces
# cannot appear in them unencoded (they would end the value).
VERBATIM_FIELDS = ("url",)
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}

# The parts of a name CSL-JSON allows (its schema refuses any other key).
CSL_NAME_PARTS = (
    "family", "given", "dropping-particle", "non-dropping-particle", "suffix", "comma-suffix",
    "static-ordering", "literal", "parse-names",
)  # fmt: skip
# "Smith, Jr." written as a family name: the part after the comma is a suffix.
GENERATIONAL_SUFFIX_RE = re.compile(r"^(?:Jr|Sr|Jnr|Snr)\.?$|^[IVX]{1,4}$|^[2-9](?:nd|rd|th)$")

# Fields of the bibliography that are not CSL variables: CSL has none for an English
# translation of a title (its original-title is the title a translated work was
# translated from) nor for an archived copy's address (the CSL schema's issue 387 asks for
# one; its archive_location is a shelf mark). CSL-JSON keeps such fields in "custom", and
# stays valid against the CSL data schema, which refuses unknown keys.
CUSTOM_FIELDS = ("title-english", "archived-url")


def csl_name(raw) -> dict:
    """A name as CSL-JSON has it: only CSL's name parts; a plain string is a literal name,
    and a family written "Smith, Jr." is split into family and suffix."""
    if not isinstance(raw, dict):
        return {"literal": str(raw).strip()}
    name = {k: str(v).strip() for k, v in raw.items() if k in CSL_NAME_PARTS and str(v).strip()}
    family = name.get("family", "")
    if "," in family and "suffix" not in name:
        head, _, tail = family.rpartition(",")
        if head.strip() and GENERATIONAL_SUFFIX_RE.match(tail.strip()):
            name["family"], name["suffix"] = head.strip(), tail.strip()
    return name


def _csl_date(date: EventDate) -> dict:
    """date-parts as precise as the date is known (an interval has two); ``circa`` for an
    approximate date and the EDTF text in ``raw`` for a qualified one, so that neither
    the precision nor the qualifier is lost."""

    def parts(day, precision):
        return [day.year, day.month, day.day][: 1 + ("year", "month", "day").index(precision)]

    value: dict = {"date-parts": [parts(date.start, date.precision)]}
    if date.is_interval:
        value["date-parts"].append(parts(date.end, date.end_precision))
    if date.approximate:
        value["circa"] = True
    if date.approximate or date.uncertain:
        value["raw"] = date.text
    return value


def csl_item(source: Source) -> dict:
    item, custom = {}, {}
    for key, value in source.csl.items():
        if key in CUSTOM_FIELDS:
            custom[key] = value
        elif key in NAME_FIELDS:
            item[key] = [csl_name(name) for name in value]
        elif key in ("issued", "accessed"):
            date = getattr(source, key)
            if date:
                item[key] = _csl_date(date)
        else:
            item[key] = value
    if custom:
        item["custom"] = custom
    return item


def csl_items(sources: dict[str, Source]) -> list[dict]:
    return [csl_item(source) for source in sorted(sources.values(), key=lambda s: s.id)]


def render_csl_json(sources: dict[str, Source]) -> str:
    return (
        "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in csl_items(sources)) + "\n]\n"
    )


def bibtex_text(value: str) -> str:
    """A value safe inside ``{...}``: each TeX special character written as that character."""
    return TEX_SPECIALS_RE.sub(lambda m: TEX_SPECIALS[m.group()], value)


def bibtex_url(value: str) -> str:
    """An address as biblatex reads it, verbatim: only braces, which would end the value,
    are percent-encoded (the same address to a browser)."""
    return value.replace("{", "%7B").replace("}", "%7D")


def _protected(part: str) -> str:
    """A name part that BibTeX would split or misread, in braces: a comma, an "and", or a
    lowercase start (read as a particle such as "von")."""
    if "," in part or re.search(r"\sand\s", part, re.I) or part[:1].islower():
        return "{" + part + "}"
    return part


def bibtex_name(name: dict) -> str:
    """One CSL name as BibTeX's "von Last, Jr, First"; a corporate name in braces, so it is
    never split into first and last names."""
    if "literal" in name:
        return "{" + bibtex_text(name["literal"]) + "}"
    particle = " ".join(
        bibtex_text(name[k]) for k in ("dropping-particle", "non-dropping-particle") if k in name
    )
    last = " ".join(filter(None, (particle, _protected(bibtex_text(name.get("family", ""))))))
    given = _protected(bibtex_text(name.get("given", "")))
    suffix = _protected(bibtex_text(name.get("suffix", "")))
    if suffix:
        return f"{last}, {suffix}, {given}"
    return f"{last}, {given}" if given else last


def bibtex_record(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """``@kind{key, name = {value}, ...}``, each value escaped (URLs kept verbatim); a
    name field's value is already written by ``bibtex_name``."""
    lines = []
    for name, value in fields:
        if name in VERBATIM_FIELDS:
            value = bibtex_url(value)
        elif name not in NAME_FIELDS:
            value = bibtex_text(value)
        lines.append(f"  {name} = {{{value}}}")
    return f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}"


def bibtex_date(date: EventDate) -> str:
    """biblatex's ISO 8601 date (an interval as start/end), as precise as it is known and
    without EDTF's ``~ ? %``, which TeX would read as commands."""
    return f"{date.iso_start}/{date.iso_end}" if date.is_interval else date.iso_start


def date_qualifier(date: EventDate | None) -> str:
    """'date approximate' / 'date uncertain' / '': the qualifier BibTeX has no field for."""
    if date is None or not (date.approximate or date.uncertain):
        return ""
    words = [
        w for w, on in (("approximate", date.approximate), ("uncertain", date.uncertain)) if on
    ]
    return "date " + " and ".join(words)


def source_bibtex(source: Source) -> str:
    kind = BIBTEX_TYPES.get(source.type, "misc")
    fields = [("title", source.title)]
    if source.title_english:
        fields.append(("titleaddon", f"[{source.title_english}]"))
    for csl_key, bib_key in NAME_FIELDS.items():
        if source.csl.get(csl_key):
            names = [bibtex_name(csl_name(n)) for n in source.csl[csl_key]]
            fields.append((bib_key, " and ".join(names)))
    if source.container_title:
        fields.append(("journal" if kind == "article" else "howpublished", source.container_title))
    if source.csl.get("publisher"):
        fields.append(("publisher", source.csl["publisher"]))
    issued = source.issued
    if issued:
        fields.append(("year", str(issued.start.year)))
        if issued.precision in ("month", "day") and not issued.is_interval:
            fields.append(("month", str(issued.start.month)))
        fields.append(("date", bibtex_date(issued)))
    if source.url:
        fields.append(("url", source.url))
    if source.accessed:
        fields.append(("urldate", bibtex_date(source.accessed)))
    if source.language:
        fields.append(("langid", source.language))
    note = "; ".join(filter(None, (source.note, date_qualifier(issued))))
    if note:
        fields.append(("note", note))
    return bibtex_record(kind, source.id, fields)


def render_bibtex(sources: dict[str, Source]) -> str:
    return "\n".join(
        source_bibtex(source) + "\n" for source in sorted(sources.values(), key=lambda s: s.id)
    )
