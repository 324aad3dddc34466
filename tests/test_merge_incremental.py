"""Incremental merging and the invariants of merging: order, idempotence, no report lost, sane tallies."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from merge_factories import (
    AM_MOD_DENIAL,
    AMNESTY_FINDING,
    AZ_MOD_CLAIM,
    GANJA,
    REUTERS_REPORT,
    candidate,
    typed_candidate_lists,
)

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.event import Event, Tally
from frontwatch.model.mention import Count
from frontwatch.model.vocab import Stance
from frontwatch.pipeline.merge.coreference import same_event
from frontwatch.pipeline.merge.events import Change, MergeResult, merge_candidates, merge_into


def kinds(changes: tuple[Change, ...]) -> list[tuple[str, str | None]]:
    return [(change.kind, change.doc_id) for change in changes]


def test_an_event_grows_source_by_source() -> None:
    first = merge_into([], [AZ_MOD_CLAIM])
    assert kinds(first.changes) == [("created", "az-mod-2020-10-11")]
    event_id = first.events[0].event_id
    assert first.events[0].killed == Tally(10, 10, 10)

    second = merge_into(first.events, [REUTERS_REPORT])
    assert [e.event_id for e in second.events] == [event_id]
    assert kinds(second.changes) == [
        ("source_added", "reuters-2020-10-11-ganja"),
        ("toll_changed", "reuters-2020-10-11-ganja"),
    ]
    assert second.events[0].killed == Tally(9, 9, 10)

    third = merge_into(second.events, [AM_MOD_DENIAL, AMNESTY_FINDING, REUTERS_REPORT])
    assert kinds(third.changes) == [
        ("source_added", "am-mod-2020-10-11"),
        ("source_added", "amnesty-2020-10-19-ganja"),
    ]
    event = third.events[0]
    assert event.event_id == event_id and len(event.reports) == 4
    assert event.status.contested and event.status.corroborated


def test_a_report_on_another_day_creates_another_event() -> None:
    known = merge_into([], [AZ_MOD_CLAIM]).events
    later = candidate(
        "reuters-1017", "Reuters", Stance.REPORTS, GANJA, date(2020, 10, 17), killed=Count(13, 13)
    )
    result = merge_into(known, [later])
    assert len(result.events) == 2
    assert kinds(result.changes) == [("created", "reuters-1017")]


def test_events_built_apart_are_merged_into_one_successor() -> None:
    apart = merge_candidates([AZ_MOD_CLAIM]) + merge_candidates([REUTERS_REPORT])
    result = merge_into(apart, [AMNESTY_FINDING])
    assert len(result.events) == 1
    survivor = result.events[0].event_id
    gone = ({e.event_id for e in apart} - {survivor}).pop()
    assert survivor in {e.event_id for e in apart}
    assert result.successors() == {gone: survivor}
    assert [c.kind for c in result.changes] == ["source_added", "toll_changed", "merged"]


def test_merging_nothing_new_changes_nothing() -> None:
    events = merge_candidates([AZ_MOD_CLAIM, AM_MOD_DENIAL, REUTERS_REPORT])
    result = merge_into(events, [])
    assert list(result.events) == events and result.changes == ()


def ledger_sets(events: list[Event] | tuple[Event, ...]) -> set[frozenset[EventCandidate]]:
    return {frozenset(report.candidate for report in event.reports) for event in events}


@settings(max_examples=150, deadline=None)
@given(typed_candidate_lists, st.randoms(use_true_random=False))
def test_merging_is_independent_of_input_order(generated: list[EventCandidate], rng: random.Random) -> None:
    shuffled = list(generated)
    rng.shuffle(shuffled)
    assert merge_candidates(shuffled) == merge_candidates(generated)


@settings(max_examples=150, deadline=None)
@given(typed_candidate_lists)
def test_merging_is_idempotent_and_loses_no_report(given_candidates: list[EventCandidate]) -> None:
    events = merge_candidates(given_candidates)
    ledgered = [report.candidate for event in events for report in event.reports]
    assert sorted(map(repr, ledgered)) == sorted(map(repr, set(given_candidates)))
    assert merge_candidates(ledgered) == events
    assert merge_into(events, given_candidates) == MergeResult(tuple(events), ())
    assert len({event.event_id for event in events}) == len(events)


@settings(max_examples=150, deadline=None)
@given(typed_candidate_lists)
def test_every_event_is_complete_link_and_its_tally_is_ordered(generated: list[EventCandidate]) -> None:
    for event in merge_candidates(generated):
        members = [report.candidate for report in event.reports]
        assert all(same_event(a, b) for a in members for b in members if a is not b)
        stated = [c.killed for c in members if c.killed is not None and c.stance is not Stance.DENIES]
        if event.killed is None:
            assert not stated
        else:
            assert event.killed.low <= event.killed.best <= event.killed.high
            assert event.killed.low in {count.minimum for count in stated}
            assert event.killed.high in {count.maximum or count.minimum for count in stated}


@settings(max_examples=100, deadline=None)
@given(typed_candidate_lists, st.integers(0, 14))
def test_incremental_merging_groups_reports_as_merging_at_once(
    given_candidates: list[EventCandidate], split: int
) -> None:
    batch = merge_candidates(given_candidates)
    known = merge_candidates(given_candidates[:split])
    result = merge_into(known, given_candidates[split:])
    assert ledger_sets(result.events) == ledger_sets(batch)
    surviving = {event.event_id for event in result.events}
    assert {event.event_id for event in known} <= surviving | set(result.successors())
    assert set(result.successors().values()) <= surviving
    merged_away = {change.event_id for change in result.changes if change.kind == "merged"}
    assert merged_away.isdisjoint(event.event_id for event in result.events)
