"""``search-data.js``: the search page's index, built here so the page is ready at once.

The browser used to index every event with MiniSearch when the page opened (seconds at
10,000 events). Now this module writes the index in MiniSearch's own serialised format
(what ``JSON.stringify(miniSearch)`` gives for MiniSearch 7, ``serializationVersion`` 2),
which the page loads with ``MiniSearch.loadJSON``: no node at build time, only Python.
A browser test checks that this index answers exactly as one built in the browser.

The page splits text into words and folds them exactly as ``tokenize`` and ``fold`` do
here (``static/js/search.js``): words are runs of letters, marks and digits; folding
lowercases, drops accents and reads the dotless ı as i, so "Zürich" finds "zurich".

It is a classic script that sets a global, which works from file:// where fetch() of a
local file does not. The index and the rows are JSON texts in string literals, which
browsers parse faster than the same data written as object literals.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import unicodedata
from array import array

from ..model import Timeline
from ..render import Rendering
from ..urls import Urls

# What readers search for, in the order MiniSearch numbers the fields. Sources are
# searched by outlet (their headlines mostly repeat the event's title, and would double
# the index). Each hit shows the words it matched (search.js), so the page gets every
# field's text too: in a table of rows beside the index (``ROW``), not as MiniSearch's
# stored fields, which would repeat the field names in every document.
FIELDS = ("title", "summary", "people", "systems", "places", "tags", "type", "sources", "body")
ROW = ("url", "date", *FIELDS)
SERIALIZATION_VERSION = 2  # MiniSearch 7's index format
_ACCENTS = re.compile("[\u0300-\u036f]")


@functools.cache
def _word_pattern() -> re.Pattern:
    """Runs of letters, marks and digits: JavaScript's /[\\p{L}\\p{M}\\p{N}]+/u."""
    ranges, start, previous = [], None, None
    # Beyond U+323FF only the variation selectors (marks) are letters, marks or digits.
    for code in (*range(0x32400), *range(0xE0100, 0xE01F0), sys.maxunicode):
        if code < sys.maxunicode and unicodedata.category(chr(code))[0] in "LMN":
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    parts = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]+")


_ASCII_WORD = re.compile("[A-Za-z0-9]+")


def tokenize(text: str) -> list[str]:
    # The full pattern is slow to match (a class of thousands of ranges): most text is
    # ASCII, where it means letters and digits.
    return (_ASCII_WORD if text.isascii() else _word_pattern()).findall(text)


def fold(word: str) -> str:
    """Lowercase, without accents, dotless ı read as i (search.js: fold)."""
    return _ACCENTS.sub("", unicodedata.normalize("NFD", word)).replace("\u0131", "i").lower()


def body_words_each(events: int, most: int, budget: int) -> int:
    """Words of each body to index: an equal share of the budget, at most ``most``.

    The page loads the whole index before its first answer, and body words are most of
    it: a budget keeps a large timeline's search ready at once, while a small one is
    searched through the first ``most`` words of every text.
    """
    return min(most, budget // max(events, 1))


def documents(timeline: Timeline, urls: Urls, rendering: Rendering, body_words: int):
    """One document per event, in timeline order, so a document's id is its place in time."""
    docs = []
    for index, event in enumerate(timeline.events):
        # At most body_words + 1 parts: the rest of a long text is not split.
        words = (
            rendering.event(event).text.split(None, body_words)[:body_words] if body_words else []
        )
        outlets = (timeline.sources[key] for key in event.sources)
        docs.append(
            {
                "id": index,
                "url": urls.event(event.slug),
                "date": event.date.display,
                "title": event.title,
                "summary": event.summary,
                "people": "; ".join(f"{p.name}, {p.role}" for p in event.people),
                "systems": ", ".join(event.systems),
                "places": ", ".join(timeline.place(code).name for code in event.countries),
                "tags": ", ".join(event.tags),
                "type": timeline.types[event.type].label,
                "sources": "; ".join(dict.fromkeys(s.container_title or s.title for s in outlets)),
                "body": " ".join(words) + (" …" if words and len(words) == body_words else ""),
            }
        )
    return docs


def index_json(docs: list[dict], fields=FIELDS) -> str:
    """The index MiniSearch 7 builds from ``docs`` with ``addAll``, as ``JSON.stringify``
    gives it (compact, without escaping non-ASCII characters).

    Field lengths count distinct words as written, and the average is updated one document
    at a time, as MiniSearch does (same floating-point steps, same result). Terms are listed
    in the order first met, which is the order MiniSearch inserts them into its tree. Each
    term's postings are kept as flat (field, document, count) numbers until it is written:
    as nested dictionaries they took ten times the memory.
    """
    folded: dict[str, str] = {}
    postings: dict[str, array] = {}
    lengths: dict[int, list[int]] = {}
    average = [0.0] * len(fields)
    for short_id, doc in enumerate(docs):
        own = lengths[short_id] = []
        for field_id, field in enumerate(fields):
            words = tokenize(doc[field])
            own.append(len(set(words)))
            average[field_id] = (average[field_id] * short_id + own[-1]) / (short_id + 1)
            counts: dict[str, int] = {}
            for word in words:
                term = folded.get(word)
                if term is None:
                    term = folded[word] = fold(word)
                counts[term] = counts.get(term, 0) + 1
            for term, count in counts.items():
                if not term:
                    continue
                found = postings.get(term)
                if found is None:
                    found = postings[term] = array("I")
                found.extend((field_id, short_id, count))
    # Whole-number keys become JSON strings, as JavaScript writes a Map's numeric keys.
    head = _dumps({
        "documentCount": len(docs),
        "nextId": len(docs),
        "documentIds": {n: doc["id"] for n, doc in enumerate(docs)},
        "fieldIds": {field: number for number, field in enumerate(fields)},
        "fieldLength": lengths,
        "averageFieldLength": [int(a) if a.is_integer() else a for a in average],
        "storedFields": {},  # none: the page shows the rows (ROW) instead
        "dirtCount": 0,
    })  # fmt: skip
    terms = []
    for term in list(postings):
        numbers = postings.pop(term)
        by_field: dict[int, dict[int, int]] = {}
        for i in range(0, len(numbers), 3):
            field_id, short_id, count = numbers[i : i + 3]
            by_field.setdefault(field_id, {})[short_id] = count
        terms.append(_dumps([term, by_field]))
    return (
        f'{head[:-1]},"index":[{",".join(terms)}],"serializationVersion":{SERIALIZATION_VERSION}}}'
    )


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _js_string(text: str) -> str:
    """A JavaScript string literal of text, safe inside a classic script.

    Single-quoted, so that the many double quotes of a JSON text need no backslash:
    the index is a quarter smaller than as a JSON string literal.
    """
    text = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    text = text.replace("\r", "\\r").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return "'" + text.replace("</", "<\\/") + "'"


def timeline_documents(
    timeline: Timeline, urls: Urls, rendering: Rendering, body_words: int, body_budget: int
) -> list[dict]:
    each = body_words_each(len(timeline.events), body_words, body_budget)
    return documents(timeline, urls, rendering, each)


def text_of(docs: list[dict]) -> str:
    """The search data file of these documents: the index and the rows a hit shows."""
    index = index_json(docs)
    rows = _dumps([[doc[name] for name in ROW] for doc in docs])
    return (
        f'window.TIMELINE_SEARCH = {{"fields":{json.dumps(FIELDS)},"row":{json.dumps(ROW)},'
        f'"rows":{_js_string(rows)},\n"index":{_js_string(index)}}};\n'
    )
