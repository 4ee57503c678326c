"""Related events: the few others that share the most telling things with an event.

Each shared value counts by how rare it is (its inverse document frequency, log(N / n) for a
value found in n of N events), times a weight for its kind: the same piece of equipment or
person says more than the same tag, and a tag more than a country. So the country in nearly
every event adds almost nothing, while the one other event naming the same drone ranks
first. Ties go to the event nearer in time. Pure: it reads the model only.
"""

from __future__ import annotations

import heapq
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
        self.events = {event.slug: event for event in timeline.events}
        # Each event's values once, in entry order and as sets: ranking reads them often.
        self.values = {
            event.slug: {kind: tuple(dict.fromkeys(v)) for kind, v in features(event).items()}
            for event in timeline.events
        }
        self.value_sets = {
            slug: {kind: frozenset(v) for kind, v in kinds.items()}
            for slug, kinds in self.values.items()
        }
        self.postings: dict[str, dict[str, list[str]]] = {kind: {} for kind in WEIGHTS}
        for slug, kinds in self.values.items():
            for kind, values in kinds.items():
                for value in values:
                    self.postings[kind].setdefault(value, []).append(slug)
        self.weights = {
            kind: {value: self.weight(kind, value) for value in postings}
            for kind, postings in self.postings.items()
        }

    def weight(self, kind: str, value: str) -> float:
        return WEIGHTS[kind] * math.log(self.total / len(self.postings[kind][value]))

    def related(self, event: Event, limit: int) -> list[Related]:
        if limit <= 0:
            return []
        mine = self.values[event.slug]
        scores: dict[str, float] = {}
        frequent = []  # values too common to bring candidates in; they still add to scores
        for kind, values in mine.items():
            for value in values:
                posting, weight = self.postings[kind][value], self.weights[kind][value]
                if len(posting) > CANDIDATE_LIMIT:
                    frequent.append((kind, value, weight))
                    continue
                for slug in posting:
                    scores[slug] = scores.get(slug, 0.0) + weight
        scores.pop(event.slug, None)
        for slug in scores:
            theirs = self.value_sets[slug]
            scores[slug] += sum(w for kind, value, w in frequent if value in theirs[kind])
        eligible = [(round(score, 3), slug) for slug, score in scores.items() if score >= MIN_SCORE]
        if len(eligible) > limit:
            # Only those scoring at least the limit-th best can be shown: order just them.
            cutoff = heapq.nlargest(limit, (score for score, _ in eligible))[-1]
            eligible = [item for item in eligible if item[0] >= cutoff]
        start = event.date.start

        def order(item: tuple[float, str]):
            score, slug = item
            return (-score, abs((self.events[slug].date.start - start).days), slug)

        ranked = sorted(eligible, key=order)[:limit]
        return [self._explain(mine, slug, scores[slug]) for _, slug in ranked]

    def _explain(self, mine: dict, slug: str, score: float) -> Related:
        """The values worth naming as the reason two events are related."""
        theirs, shared = self.value_sets[slug], {}
        for kind, values in mine.items():
            telling = tuple(
                v for v in values if v in theirs[kind] and self.weights[kind][v] >= MIN_SHOWN
            )
            if telling:
                shared[kind] = telling
        return Related(self.events[slug], round(score, 3), shared)
