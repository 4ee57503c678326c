"""Related events: the few others that share the most telling things with an event.

Each shared value counts by how rare it is (its inverse document frequency, log(N / n) for a
value found in n of N events), times a weight for its kind: the same piece of equipment or
person says more than the same tag, and a tag more than a country. So the country in nearly
every event adds almost nothing, while the one other event naming the same drone ranks
first. Ties go to the event nearer in time. Pure: it reads the model only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Event, Timeline

WEIGHTS = {"systems": 1.5, "people": 1.5, "tags": 1.0, "countries": 0.5}
MIN_SCORE = 0.5  # below this, what two events share is too common to call them related
MIN_SHOWN = 0.1  # a shared value adding less is not given as a reason
CANDIDATE_LIMIT = 200  # a value found in more events does not bring candidates in


def features(event: Event) -> dict[str, tuple[str, ...]]:
    return {
        "systems": event.systems,
        "people": tuple(p.name for p in event.people),
        "tags": event.tags,
        "countries": event.countries,
    }


@dataclass(frozen=True)
class Related:
    event: Event
    score: float
    shared: dict[str, tuple[str, ...]]  # kind -> the shared values that count, in entry order


class Relatedness:
    """Ranks, for any event of one timeline, the others by what they share with it.

    Candidates are found through the values an event has (an index from value to events),
    not by comparing every pair, so a large timeline stays fast: only values found in at
    most ``CANDIDATE_LIMIT`` events bring candidates in. A value found in more still adds
    to the score of an event that shares a rarer one, so scores are exact; an event that
    shares nothing rarer is not considered (below the limit, on a site of fewer events than
    that, every pair is).
    """

    def __init__(self, timeline: Timeline):
        self.timeline = timeline
        self.total = len(timeline.events)
        self.postings: dict[str, dict[str, list[Event]]] = {kind: {} for kind in WEIGHTS}
        for event in timeline.events:
            for kind, values in features(event).items():
                for value in dict.fromkeys(values):
                    self.postings[kind].setdefault(value, []).append(event)

    def weight(self, kind: str, value: str) -> float:
        return WEIGHTS[kind] * math.log(self.total / len(self.postings[kind][value]))

    def related(self, event: Event, limit: int) -> list[Related]:
        if limit <= 0:
            return []
        mine = {kind: tuple(dict.fromkeys(values)) for kind, values in features(event).items()}
        candidates: dict[str, Event] = {}
        for kind, values in mine.items():
            for value in values:
                posting = self.postings[kind][value]
                if len(posting) <= CANDIDATE_LIMIT:
                    candidates.update((e.slug, e) for e in posting)
        candidates.pop(event.slug, None)
        found = []
        for other in candidates.values():
            theirs = features(other)
            score, shared = 0.0, {}
            for kind, values in mine.items():
                common = [v for v in values if v in theirs[kind]]
                weights = {v: self.weight(kind, v) for v in common}
                score += sum(weights.values())
                telling = tuple(v for v in common if weights[v] >= MIN_SHOWN)
                if telling:
                    shared[kind] = telling
            if score >= MIN_SCORE:
                found.append(Related(other, round(score, 3), shared))
        start = event.date.start

        def order(r: Related):
            return (-r.score, abs((r.event.date.start - start).days), r.event.slug)

        return sorted(found, key=order)[:limit]
