"""The bibliography as CSL-JSON (``sources.json``) and BibTeX (``sources.bib``)."""

from __future__ import annotations

import json
import re

BIBTEX_TYPES = {
    "article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
    "book": "book", "chapter": "incollection", "report": "techreport",
    "paper-conference": "inproceedings",
}  # fmt: skip
BIBTEX_SPECIALS = re.compile(r"([\\{}&%$#_^~])")


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


def csl_items(sources) -> list[dict]:
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


def render_csl_json(sources) -> str:
    return (
        "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in csl_items(sources)) + "\n]\n"
    )


def _bibtex_text(value: str) -> str:
    return BIBTEX_SPECIALS.sub(r"\\\1", value)


def render_bibtex(sources) -> str:
    entries = []
    for source in sorted(sources.values(), key=lambda s: s.id):
        kind = BIBTEX_TYPES.get(source.type, "misc")
        fields = [("title", source.title)]
        if source.authors:
            fields.append(("author", " and ".join(source.authors)))
        if source.container_title:
            fields.append(
                ("journal" if kind == "article" else "howpublished", source.container_title)
            )
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
        body = ",\n".join(
            f"  {name} = {{{value if name == 'url' else _bibtex_text(value)}}}"
            for name, value in fields
        )
        entries.append(f"@{kind}{{{source.id},\n{body}\n}}\n")
    return "\n".join(entries)
