"""Merging candidates into events, in one go or incrementally, with a record of what changed.

``merge_candidates`` clusters a set of candidates and names each event by a hash of its sorted
member keys, so the same candidates always give the same events. ``merge_into`` re-clusters known
events' reports with new candidates and keeps event ids stable: each cluster inherits the id of the
known event that gave it the most reports; a known event whose reports all went to another event is
"merged" into that successor; a cluster inheriting no id and holding no new report is "split" off
the events its reports came from. Candidates already in a ledger are not added twice. ``withdraw``
takes a retracted document's reports out of known events and re-clusters what is left; ``revise``
swaps a document's reports for those of its extraction by newer rules.

``merge_into`` re-clusters every report it is given, so callers with a large history should pass
only the known events new candidates could join (``frontwatch.store.ledger.joinable_events``); events
left out are untouched.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.event import Event
from frontwatch.pipeline.merge.coreference import CandidateKey, candidate_key, cluster
from frontwatch.pipeline.merge.ledger import event_from_reports, report_of

ChangeKind = Literal["created", "source_added", "toll_changed", "merged", "split", "retracted", "revised"]
Contribution = tuple[int, str, int]
Owners = dict[CandidateKey, str]


@dataclass(frozen=True, slots=True)
class Change:
    """One step of an event's history; ``doc_id`` is the new document behind it (None when re-clustering
    alone moved reports, as for a "split": a new event made only of known events' reports),
    ``successor`` the surviving event of a "merged" one."""

    event_id: str
    kind: ChangeKind
    doc_id: str | None
    successor: str | None = None


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The events after a merge, and what changed, in event order."""

    events: tuple[Event, ...]
    changes: tuple[Change, ...]

    def successors(self) -> dict[str, str]:
        """Merged-away event ids mapped to the event that absorbed them."""
        return {change.event_id: change.successor for change in self.changes if change.successor is not None}


def event_id_of(members: Iterable[EventCandidate], split_from: str | None = None) -> str:
    """A stable id from the sorted keys of an event's member candidates (and the event it split from)."""
    keys = [repr(key) for key in sorted(map(candidate_key, members))]
    digest = hashlib.sha256("\n".join(keys + ([f"split from {split_from}"] if split_from else [])).encode())
    return f"ev-{digest.hexdigest()[:16]}"


def fresh_id(members: Sequence[EventCandidate], known: Container[str]) -> str:
    """The id of a new event; when a known event once had exactly these members, one derived from it."""
    event_id = event_id_of(members)
    return event_id_of(members, split_from=event_id) if event_id in known else event_id


def merge_candidates(candidates: Iterable[EventCandidate]) -> list[Event]:
    """Events told by ``candidates``, each keeping every report; identical candidates count once."""
    return [
        event_from_reports(event_id_of(members), [report_of(c) for c in members])
        for members in cluster(dict.fromkeys(candidates))
    ]


def _contributions(clusters: Sequence[list[EventCandidate]], owner: Owners) -> list[Contribution]:
    """(minus reports given, known event id, cluster index): most reports first, then by id and index."""
    shares = (Counter(owner.get(candidate_key(member)) for member in members) for members in clusters)
    return sorted(
        (-count, event_id, index)
        for index, counts in enumerate(shares)
        for event_id, count in counts.items()
        if event_id is not None
    )


def _inherited_ids(contributions: list[Contribution]) -> dict[int, str]:
    """Cluster index → known event id: the most contributing event, each known id used at most once."""
    inherited: dict[int, str] = {}
    taken: set[str] = set()
    for _, event_id, index in contributions:
        if index not in inherited and event_id not in taken:
            inherited[index] = event_id
            taken.add(event_id)
    return inherited


def _absorbed(contributions: list[Contribution], ids: list[str]) -> dict[str, list[str]]:
    """Event id → the known ids no cluster inherited whose reports went mostly to it."""
    survivors = set(ids)
    successor_of: dict[str, str] = {}
    for _, event_id, index in contributions:
        if event_id not in survivors:
            successor_of.setdefault(event_id, ids[index])
    absorbed: dict[str, list[str]] = {}
    for old_id, successor in sorted(successor_of.items()):
        absorbed.setdefault(successor, []).append(old_id)
    return absorbed


def merge_into(events: Sequence[Event], new_candidates: Iterable[EventCandidate]) -> MergeResult:
    """Known events updated with new candidates, and the changes this made to each event."""
    owner = {candidate_key(report.candidate): event.event_id for event in events for report in event.reports}
    known = {event.event_id: event for event in events}
    fresh = [c for c in dict.fromkeys(new_candidates) if candidate_key(c) not in owner]
    clusters = cluster([report.candidate for event in events for report in event.reports] + fresh)
    contributions = _contributions(clusters, owner)
    inherited = _inherited_ids(contributions)
    ids = [inherited.get(index) or fresh_id(members, known) for index, members in enumerate(clusters)]
    absorbed = _absorbed(contributions, ids)
    result = [
        event_from_reports(event_id, [report_of(c) for c in members])
        for event_id, members in zip(ids, clusters, strict=True)
    ]
    changes = [
        change
        for event, members in zip(result, clusters, strict=True)
        for change in _history(
            event,
            known.get(event.event_id),
            [c.doc_id for c in members if candidate_key(c) not in owner],
            absorbed.get(event.event_id, []),
        )
    ]
    return MergeResult(tuple(result), tuple(changes))


def _history(event: Event, previous: Event | None, new_docs: list[str], absorbed: list[str]) -> list[Change]:
    """What happened to one event: created (split off known events when it has no new report) or sources
    added, reports split off to other events, toll changed, other events merged into it."""
    new_docs = list(dict.fromkeys(new_docs))
    cause = new_docs[0] if new_docs else None
    if previous is None and cause is None:
        changes = [Change(event.event_id, "split", None)]
    elif previous is None:
        changes = [Change(event.event_id, "created", cause)]
        changes += [Change(event.event_id, "source_added", doc) for doc in new_docs[1:]]
    else:
        changes = [Change(event.event_id, "source_added", doc) for doc in new_docs]
        if not set(previous.reports) <= set(event.reports):
            changes.append(Change(event.event_id, "split", cause))
        if (previous.killed, previous.injured) != (event.killed, event.injured):
            changes.append(Change(event.event_id, "toll_changed", cause))
    return changes + [Change(old_id, "merged", cause, event.event_id) for old_id in absorbed]


def withdraw(events: Sequence[Event], doc_id: str) -> MergeResult:
    """Known events without ``doc_id``'s reports, re-clustered as if the document had never been stored:
    each event that loses a report records "retracted" (and "toll_changed" when its tolls move), one left
    with no report is dropped, and the rest may split or merge as ``merge_into`` re-clusters them."""
    return _replace_reports(events, doc_id, (), "retracted")


def revise(events: Sequence[Event], doc_id: str, candidates: Iterable[EventCandidate]) -> MergeResult:
    """Known events with ``doc_id``'s reports replaced by ``candidates``, the document extracted again by
    newer rules, re-clustered. A candidate takes the place of the document's old report whose evidence
    it overlaps, in that report's event, so the event keeps its id; the others join or create events as
    ``merge_into`` adds them. Each event whose reports from the document changed records "revised" (one
    left with no report is dropped), with "toll_changed" when its tolls moved."""
    return _replace_reports(events, doc_id, candidates, "revised")


def _replace_reports(
    events: Sequence[Event], doc_id: str, candidates: Iterable[EventCandidate], kind: ChangeKind
) -> MergeResult:
    """``withdraw`` (no candidates) and ``revise``: the events after swapping ``doc_id``'s reports for
    ``candidates``, each event whose reports from the document changed recording ``kind``."""
    before = {event.event_id: event for event in events}
    fresh = list(dict.fromkeys(candidates))
    heirs = _heirs(events, doc_id, fresh)
    kept = [
        event_from_reports(event.event_id, reports)
        for event in events
        if (
            reports := [report for report in event.reports if report.doc_id != doc_id]
            + [report_of(c) for c in fresh if heirs.get(candidate_key(c)) == event.event_id]
        )
    ]
    regrouped = merge_into(kept, [c for c in fresh if candidate_key(c) not in heirs])
    after = {event.event_id: event for event in regrouped.events}
    changed = [
        Change(event.event_id, kind, doc_id)
        for event in events
        if _reports_of(event, doc_id) != _reports_of(after.get(event.event_id), doc_id)
    ]
    reclustered = [
        replace(change, doc_id=doc_id) for change in regrouped.changes if change.kind != "toll_changed"
    ]
    tolls_moved = [
        Change(event.event_id, "toll_changed", doc_id)
        for event in regrouped.events
        if (old := before.get(event.event_id)) and (old.killed, old.injured) != (event.killed, event.injured)
    ]
    return MergeResult(regrouped.events, (*changed, *reclustered, *tolls_moved))


def _heirs(events: Sequence[Event], doc_id: str, candidates: Sequence[EventCandidate]) -> Owners:
    """Candidate key → the event holding the same report of the document, else the one holding the
    document's old report whose evidence shares the most characters with the candidate's (the first on a
    tie); a candidate sharing none has none."""
    old = [(event.event_id, r.candidate) for event in events for r in event.reports if r.doc_id == doc_id]
    owner = {candidate_key(report): event_id for event_id, report in old}
    heirs: Owners = {}
    for candidate in candidates:
        key = candidate_key(candidate)
        shared = [
            (_shared_evidence(candidate, report), -i, event_id) for i, (event_id, report) in enumerate(old)
        ]
        best = max(shared, default=(0, 0, ""))
        if key in owner or best[0] > 0:
            heirs[key] = owner.get(key, best[2])
    return heirs


def _shared_evidence(one: EventCandidate, other: EventCandidate) -> int:
    """How many characters of evidence two candidates of one document share."""
    return sum(
        max(0, min(a.end, b.end) - max(a.start, b.start)) for a in one.evidence for b in other.evidence
    )


def _reports_of(event: Event | None, doc_id: str) -> set[EventCandidate]:
    return {report.candidate for report in event.reports if report.doc_id == doc_id} if event else set()
