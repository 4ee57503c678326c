"""The bibliography written out: CSL-JSON (``sources.json``) and BibTeX.

``bibtex_record`` is the one BibTeX writer: ``sources.bib`` and each event page's
"Cite this event" both use it, so they escape alike.
"""

from __future__ import annotations

import json
import re

from .model import Source

BIBTEX_TYPES = {
    "article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
    "book": "book", "chapter": "incollection", "report": "techreport",
    "paper-conference": "inproceedings",
}  # fmt: skip
BIBTEX_SPECIALS = re.compile(r"([\\{}&%$#_^~])")
VERBATIM_FIELDS = ("url",)  # biblatex reads these verbatim: escaping would change them


def _csl_date(date) -> dict:
    parts = [date.start.year]
    if date.precision in ("month", "day"):
        parts.append(date.start.month)
    if date.precision == "day":
        parts.append(date.start.day)
    return {"date-parts": [parts]}


# CSL has no variable for an archived copy's address (the CSL schema's issue 387 asks for
# one; its archive_location is a shelf mark), so the CSL-JSON carries it in "custom", the
# object CSL-JSON keeps for such fields, and stays valid against the CSL data schema.
CUSTOM_FIELDS = ("archived-url",)


def csl_items(sources: dict[str, Source]) -> list[dict]:
    items = []
    for source in sorted(sources.values(), key=lambda s: s.id):
        item = {
            key: value
            for key, value in source.csl.items()
            if key not in ("issued", "accessed", *CUSTOM_FIELDS)
        }
        custom = {key: source.csl[key] for key in CUSTOM_FIELDS if key in source.csl}
        if custom:
            item["custom"] = custom
        for name in ("issued", "accessed"):
            date = getattr(source, name)
            if date:
                item[name] = _csl_date(date)
        items.append(item)
    return items


def render_csl_json(sources: dict[str, Source]) -> str:
    return (
        "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in csl_items(sources)) + "\n]\n"
    )


def bibtex_text(value: str) -> str:
    """A value safe inside ``{...}``: TeX's special characters escaped, braces balanced."""
    return BIBTEX_SPECIALS.sub(r"\\\1", value)


def bibtex_record(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """``@kind{key, name = {value}, ...}``, each value escaped (URLs kept verbatim)."""
    body = ",\n".join(
        f"  {name} = {{{value if name in VERBATIM_FIELDS else bibtex_text(value)}}}"
        for name, value in fields
    )
    return f"@{kind}{{{key},\n{body}\n}}"


def source_bibtex(source: Source) -> str:
    kind = BIBTEX_TYPES.get(source.type, "misc")
    fields = [("title", source.title)]
    if source.authors:
        fields.append(("author", " and ".join(source.authors)))
    if source.container_title:
        fields.append(("journal" if kind == "article" else "howpublished", source.container_title))
    if source.issued:
        fields.append(("year", str(source.issued.start.year)))
        if source.issued.precision in ("month", "day"):
            fields.append(("month", str(source.issued.start.month)))
        fields.append(("date", source.issued.text))
    if source.url:
        fields.append(("url", source.url))
    if source.accessed:
        fields.append(("urldate", source.accessed.text))
    if source.language:
        fields.append(("langid", source.language))
    if source.note:
        fields.append(("note", source.note))
    return bibtex_record(kind, source.id, fields)


def render_bibtex(sources: dict[str, Source]) -> str:
    return "\n".join(
        source_bibtex(source) + "\n" for source in sorted(sources.values(), key=lambda s: s.id)
    )
