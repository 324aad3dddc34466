"""The ledger of an event: every report kept, tolls reconciled, contested/corroborated flags set.

Reconciling tolls (after UCDP's low/best/high estimates). A figure is *credible* when it comes from
a non-partisan source, or from a party reporting losses of its own side — that is, the attacker it
names is not of its own side and the victims it names (when they belong to a side) are. Figures a
party gives about the enemy's losses stay in the ledger but are left out of the tally unless no
credible figure exists. Only sources that assert the event (not those denying or disputing it) count.

- low  = the lowest credible minimum;
- high = the highest credible bound, where an open maximum ("at least 9") bounds at its minimum;
- best = the median of the credible minimums (the lower median for an even number, so that best is
  always a reported figure), hence low <= best <= high.

Type. A generic sub-type ("Armed clash", "Attack": violence told without its means or outcome) does
not contradict a specific one, so the event's sub-type is a specific one when any asserting source
gives one: the one the most non-partisan sources give, then the most sources (a source is a claimant,
or an outlet's own voice in one document), then the leading report's. Its event type is ACLED's for
that sub-type.

Flags. *contested*: a party denies or disputes an event that a source not of its side asserts, or
asserting parties of opposing sides name different attackers. *corroborated*: a non-partisan source
confirms or corroborates it, or two independent non-partisan sources tell it in separate documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from statistics import median_low

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.event import Event, EventStatus, Report, Tally
from frontwatch.model.mention import Count
from frontwatch.model.vocab import OUTLET, GeoPrecision, Stance, event_type_of
from frontwatch.pipeline.merge.coreference import candidate_key, date_interval, is_regional
from frontwatch.pipeline.merge.sides import actor_side, claimant_side

_VERIFYING = (Stance.CONFIRMS, Stance.CORROBORATES)
GENERIC_SUB_TYPES = frozenset({"Armed clash", "Attack"})
"""Sub-types a source gives when it tells of violence but not its means or outcome."""


def report_of(candidate: EventCandidate) -> Report:
    """A ledger entry for one candidate, with its claimant's side when the claimant is partisan."""
    return Report(candidate, claimant_side(candidate.claimed_by) if candidate.partisan else None)


def tells_enemy_losses(report: Report) -> bool:
    """True when a party's figures are about the other side: it names itself as attacker, or enemy victims."""
    if not report.partisan or report.side is None:
        return False
    attacker = actor_side(report.candidate.actor1)
    victim = actor_side(report.candidate.actor2)
    return attacker == report.side or (victim is not None and victim != report.side)


def is_credible(report: Report) -> bool:
    """True for non-partisan sources and for parties telling their own side's losses."""
    return not tells_enemy_losses(report)


def reconcile(reports: Iterable[Report], figure: Callable[[Report], Count | None]) -> Tally | None:
    """The low/best/high tally of ``figure`` over asserting reports (see the module docstring)."""
    stated = [
        (report, count) for report in reports if report.asserts and (count := figure(report)) is not None
    ]
    counts = [count for report, count in stated if is_credible(report)] or [count for _, count in stated]
    if not counts:
        return None
    bounds = [count.minimum if count.maximum is None else count.maximum for count in counts]
    minimums = [count.minimum for count in counts]
    return Tally(min(minimums), median_low(minimums), max(bounds))


def _independent_source(report: Report) -> str:
    return f"{OUTLET}:{report.doc_id}" if report.claimed_by == OUTLET else report.claimed_by


def consensus_sub_type(lead: Sequence[Report]) -> str:
    """The sub-type of an event told by ``lead`` (reports in lead order; see the module docstring)."""
    sources: defaultdict[str, set[str]] = defaultdict(set)
    neutral: defaultdict[str, set[str]] = defaultdict(set)
    for report in lead:
        sources[report.candidate.sub_event_type].add(_independent_source(report))
        if not report.partisan:
            neutral[report.candidate.sub_event_type].add(_independent_source(report))
    first = {sub_type: -position for position, sub_type in enumerate(sources)}
    return max(
        sources,
        key=lambda sub_type: (
            sub_type not in GENERIC_SUB_TYPES,
            len(neutral[sub_type]),
            len(sources[sub_type]),
            first[sub_type],
        ),
    )


def is_contested(reports: Sequence[Report]) -> bool:
    """True when opposing sides disagree on whether the event happened or on who did it."""
    asserting = [report for report in reports if report.asserts]
    denied = any(
        denial.side is not None and any(report.side != denial.side for report in asserting)
        for denial in reports
        if not denial.asserts
    )
    attackers = {
        (report.side, report.candidate.actor1)
        for report in asserting
        if report.side is not None and report.candidate.actor1 is not None
    }
    blamed = any(
        side_a != side_b and actor_a != actor_b
        for side_a, actor_a in attackers
        for side_b, actor_b in attackers
    )
    return denied or blamed


def is_corroborated(reports: Sequence[Report]) -> bool:
    """True when a non-partisan source verifies the event, or two non-partisan sources tell it in two
    documents (witnesses quoted in the outlet's own story are not independent of it)."""
    neutral = [report for report in reports if not report.partisan and report.asserts]
    verified = any(report.stance in _VERIFYING for report in neutral)
    return verified or any(
        a.doc_id != b.doc_id and _independent_source(a) != _independent_source(b)
        for a in neutral
        for b in neutral
    )


def _lead_order(reports: Sequence[Report]) -> list[Report]:
    """Reports by authority: non-partisan first, then by confidence, then in canonical order.

    The event's fields come from the leading reports: the consensus sub-type, the narrowest date
    interval, the most precise place, the first attacker and target named.
    """
    return sorted(reports, key=lambda r: (r.partisan, -r.confidence, candidate_key(r.candidate)))


def event_from_reports(event_id: str, reports: Sequence[Report]) -> Event:
    """The merged event of one cluster of reports: consensus fields, reconciled tolls, status flags."""
    ordered = tuple(sorted(reports, key=lambda report: candidate_key(report.candidate)))
    lead = _lead_order([report for report in ordered if report.asserts] or list(ordered))
    sub_event_type = consensus_sub_type(lead)
    dated = [(interval, report.candidate) for report in lead if (interval := date_interval(report.candidate))]
    narrowest = min(dated, key=lambda item: item[0][1] - item[0][0], default=(None, None))[1]
    placed = [report.candidate for report in lead if report.candidate.place is not None]
    located = min(
        placed, key=lambda c: (is_regional(c), c.geo_precision or GeoPrecision.REGION), default=None
    )
    return Event(
        event_id=event_id,
        event_type=event_type_of(sub_event_type),
        sub_event_type=sub_event_type,
        date_earliest=narrowest.date_earliest if narrowest else None,
        date_latest=narrowest.date_latest if narrowest else None,
        date_precision=narrowest.date_precision if narrowest else None,
        place=located.place if located else None,
        geo_precision=located.geo_precision if located else None,
        actor1=next((r.candidate.actor1 for r in lead if r.candidate.actor1 is not None), None),
        actor2=next((r.candidate.actor2 for r in lead if r.candidate.actor2 is not None), None),
        killed=reconcile(ordered, lambda report: report.killed),
        injured=reconcile(ordered, lambda report: report.injured),
        civilian_targeting=lead[0].candidate.civilian_targeting,
        weapons=tuple(sorted({weapon for report in lead for weapon in report.candidate.weapons})),
        status=EventStatus(is_contested(ordered), is_corroborated(ordered)),
        reports=ordered,
    )
