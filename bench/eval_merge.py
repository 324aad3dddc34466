"""Cross-report merging against the multi-source dev set: clustering, tolls and status.

    python bench/eval_merge.py [--reports bench/data/merge_dev/reports.jsonl]
                               [--gold bench/data/merge_dev/gold.jsonl]
                               [--events EVENTS.jsonl] [--show-errors] [--show-splits]

Without ``--events`` the reports are ingested into a fresh temporary store by the functions behind
``frontwatch ingest`` and read back as ``frontwatch events --format jsonl`` writes them; with it, the
output of those two commands run by hand is scored instead.

Each system event becomes the set of its reports' external ids (the JSONL ``id``). A report may tell
several events, so both clusterings may overlap; the scores are therefore *extended* B-cubed
(Amigó et al. 2009: for items e, e', C = system clusters holding both, L = gold events holding both;
precision averages min(C, L) / C over the e' with C > 0, recall min(C, L) / L over those with L > 0)
and pairwise precision/recall over unordered report pairs that share an event. Without overlap both
reduce to the usual definitions. A report that yielded no event is a singleton, except a
near-duplicate listed in the gold, which the store links to its original instead of processing it:
it counts as a member of its original's events.

Events are matched one-to-one, gold to system, by the Jaccard overlap of their report sets, largest
first. On matched events the script reports exact agreement of killed/injured low, best and high and
of the status label. A *false merge* is a system event whose reports no single gold event holds; it is
*across towns* when two of its reports belong only to gold events of different places. A gold event is
*split* when no system event holds all its reports; ``--show-splits`` lists, for each, the system
events holding its reports (type, place, precision, dates, actors) and the reports that told no event:
the recall misses to study.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline.run import ingest_paths
from frontwatch.store.db import Store
from frontwatch.store.queries import list_events

DATA = Path(__file__).parent / "data" / "merge_dev"
Clustering = Mapping[str, frozenset[str]]
"""Cluster id → the items (report ids) it holds; an item may sit in several clusters."""


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def memberships(clustering: Clustering) -> dict[str, Counter[str]]:
    """Item → how many clusters it shares with each item (itself included)."""
    shared: dict[str, Counter[str]] = {}
    for members in clustering.values():
        for item in members:
            shared.setdefault(item, Counter()).update(members)
    return shared


def bcubed(system: Clustering, gold: Clustering) -> Scores:
    """Extended B-cubed precision and recall over the items of ``gold`` (see the module docstring)."""
    together, truth = memberships(system), memberships(gold)
    return Scores(_bcubed_side(together, truth), _bcubed_side(truth, together))


def _bcubed_side(ours: dict[str, Counter[str]], theirs: dict[str, Counter[str]]) -> float:
    """Mean over items of the mean of min(ours, theirs) / ours over the items ``ours`` links them to."""
    per_item = []
    for item, linked in ours.items():
        other = theirs.get(item, Counter())
        per_item.append(sum(min(n, other[peer]) / n for peer, n in linked.items()) / len(linked))
    return sum(per_item) / len(per_item) if per_item else 0.0


def linked_pairs(clustering: Clustering) -> set[tuple[str, str]]:
    """Unordered pairs of distinct items that share at least one cluster."""
    return {pair for members in clustering.values() for pair in combinations(sorted(members), 2)}


def pairwise(system: Clustering, gold: Clustering) -> Scores:
    """Precision and recall of the system's linked pairs against the gold's."""
    ours, theirs = linked_pairs(system), linked_pairs(gold)
    hits = len(ours & theirs)
    return Scores(hits / len(ours) if ours else 0.0, hits / len(theirs) if theirs else 0.0)


def complete(
    system: Clustering, items: Iterable[str], originals: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """The system clustering with every gold item placed: a near-duplicate with its original's
    clusters, any other item the system left out as a singleton."""
    clusters = {name: set(members) for name, members in system.items()}
    placed = {item for members in system.values() for item in members}
    for item in sorted(set(items) - placed):
        homes = [name for name, members in clusters.items() if originals.get(item) in members]
        for name in homes:
            clusters[name].add(item)
        if not homes:
            clusters[f"unplaced:{item}"] = {item}
    return {name: frozenset(members) for name, members in clusters.items()}


def match_events(system: Clustering, gold: Clustering) -> list[tuple[str, str]]:
    """One-to-one (gold id, system id) pairs by Jaccard overlap of report sets, largest first."""
    scored = sorted(
        (-len(g & s) / len(g | s), gold_id, system_id)
        for gold_id, g in gold.items()
        for system_id, s in system.items()
        if g & s
    )
    used_gold: set[str] = set()
    used_system: set[str] = set()
    pairs = []
    for _, gold_id, system_id in scored:
        if gold_id not in used_gold and system_id not in used_system:
            used_gold.add(gold_id)
            used_system.add(system_id)
            pairs.append((gold_id, system_id))
    return pairs


def false_merges(
    system: Clustering, gold: Clustering, places: Mapping[str, str]
) -> tuple[list[str], list[str]]:
    """System events no gold event holds whole, and among them those joining different towns."""
    events_of: dict[str, set[str]] = {}
    for gold_id, members in gold.items():
        for item in members:
            events_of.setdefault(item, set()).add(gold_id)
    merged, across = [], []
    for system_id, members in sorted(system.items()):
        if any(members <= gold_members for gold_members in gold.values()):
            continue
        merged.append(system_id)
        towns = [{places[g] for g in events_of.get(item, ())} for item in members]
        if any(a and b and not a & b for a, b in combinations(towns, 2)):
            across.append(system_id)
    return merged, across


@dataclass
class Evaluation:
    bcubed: Scores
    pairwise: Scores
    gold_events: int
    system_events: int
    matched: int
    agreement: Counter[str] = field(default_factory=Counter)
    false_merges: list[str] = field(default_factory=list)
    across_towns: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)


TALLY_FIELDS = ("killed", "injured")


def describe(event: Mapping[str, Any]) -> str:
    """One system event in a line: id, sub-type, place and precision, dates, actors."""
    return (
        f"{event['event_id']} {event['sub_event_type']} @ {event['place']} p{event['geo_precision']} "
        f"{event['date_earliest']}..{event['date_latest']} {event['actor1']} -> {event['actor2']}"
    )


def split_events(
    system: Clustering, gold_records: list[dict[str, Any]], by_system: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """One paragraph per gold event no system event holds whole: where its reports went, and which
    told no event."""
    paragraphs = []
    for record in gold_records:
        members = frozenset(record["reports"])
        if any(members <= held for held in system.values()):
            continue
        lines = [f"[{record['event_id']} {record['place']} {record['date']} {record['sub_event_type']}]"]
        lines += [
            f"    {describe(by_system[system_id])}: {sorted(held & members)}"
            for system_id, held in sorted(system.items())
            if system_id in by_system and held & members
        ]
        unplaced = sorted(item for item in members if f"unplaced:{item}" in system)
        if unplaced:
            lines.append(f"    no event: {unplaced}")
        paragraphs.append("\n".join(lines))
    return paragraphs


def evaluate(events: list[dict[str, Any]], gold_records: list[dict[str, Any]]) -> Evaluation:
    """Scores of system events (``frontwatch events --format jsonl`` records) against the gold."""
    gold = {record["event_id"]: frozenset(record["reports"]) for record in gold_records}
    originals = {
        dup: original for record in gold_records for dup, original in record["near_duplicates"].items()
    }
    system = complete(
        {event["event_id"]: frozenset(r["external_id"] for r in event["reports"]) for event in events},
        set().union(*gold.values()),
        originals,
    )
    by_gold = {record["event_id"]: record for record in gold_records}
    by_system = {event["event_id"]: event for event in events}
    pairs = match_events(system, gold)
    merged, across = false_merges(system, gold, {g: record["place"] for g, record in by_gold.items()})
    result = Evaluation(
        bcubed(system, gold),
        pairwise(system, gold),
        len(gold),
        len(events),
        len(pairs),
        false_merges=merged,
        across_towns=across,
        splits=split_events(system, gold_records, by_system),
    )
    for gold_id, system_id in pairs:
        expected, found = by_gold[gold_id], by_system.get(system_id)
        if found is None:
            continue
        for key in TALLY_FIELDS:
            for bound in ("low", "best", "high"):
                agree = (expected[key] or {}).get(bound) == (found[key] or {}).get(bound)
                result.agreement[f"{key}.{bound}"] += agree
            result.agreement[key] += expected[key] == found[key]
        result.agreement["status"] += expected["status"] == found["status"]
        for key in (*TALLY_FIELDS, "status"):
            if expected[key] != found[key]:
                result.errors.append(
                    f"[{gold_id} {expected['place']} {expected['date']}] {key}: "
                    f"got {found[key]!r}, gold {expected[key]!r}"
                )
    for system_id in merged:
        result.errors.append(f"FALSE MERGE {system_id}: {sorted(system[system_id])}")
    return result


def system_events(reports: Path) -> list[dict[str, Any]]:
    """Ingest ``reports`` into a fresh temporary store and list its events as JSON records."""
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "merge_dev.db") as store:
        ingest_paths([reports], store, Gazetteer.load_default())
        return [event.to_json() for event in list_events(store)]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def print_table(result: Evaluation, seconds: float) -> None:
    print(f"{'clustering':<12} {'P':>6} {'R':>6} {'F1':>6}")
    for name, scores in (("B-cubed", result.bcubed), ("pairwise", result.pairwise)):
        print(f"{name:<12} {scores.precision:6.3f} {scores.recall:6.3f} {scores.f1:6.3f}")
    print(f"gold events {result.gold_events}, system events {result.system_events}, matched {result.matched}")
    print(f"false merges: {len(result.false_merges)} (across different towns: {len(result.across_towns)})")
    print(f"gold events split across system events or missing reports: {len(result.splits)}")
    keys = [f"{key}.{bound}" for key in TALLY_FIELDS for bound in ("low", "best", "high")]
    for key in (*keys, *TALLY_FIELDS, "status"):
        share = result.agreement[key] / result.matched if result.matched else 0.0
        count = f"{result.agreement[key]}/{result.matched}"
        print(f"accuracy of {key:<13} on matched events: {share:.3f} ({count})")
    print(f"time: {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=Path, default=DATA / "reports.jsonl")
    parser.add_argument("--gold", type=Path, default=DATA / "gold.jsonl")
    parser.add_argument("--events", type=Path, help="score this `frontwatch events --format jsonl` output")
    parser.add_argument("--show-errors", action="store_true", help="print false merges and disagreements")
    parser.add_argument(
        "--show-splits", action="store_true", help="print where the reports of split gold events went"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    events = read_jsonl(args.events) if args.events else system_events(args.reports)
    result = evaluate(events, read_jsonl(args.gold))
    if args.show_errors:
        print("\n".join(result.errors), end="\n\n")
    if args.show_splits:
        print("\n".join(result.splits), end="\n\n")
    print_table(result, time.perf_counter() - started)


if __name__ == "__main__":
    main()
