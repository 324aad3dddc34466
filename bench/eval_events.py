"""Event extraction against the dev gold set: precision, recall and F1, overall and per event type.

    python bench/eval_events.py [--reports bench/data/dev_reports.jsonl] [--gold bench/data/dev_gold.jsonl]
                                [--show-errors]

An extracted event matches a gold event of the same document when the event types agree, the places
lie within 50 km of each other (a side without coordinates matches nothing) and the date intervals
overlap with one day of slack; pairs are matched one-to-one, closest first. On matched pairs the
script reports the accuracy of sub_event_type, killed (exact min and max) and claimed_by.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from frontwatch.extract import extract_records
from frontwatch.geo.gazetteer import Gazetteer, haversine_km

DATA = Path(__file__).parent / "data"
MAX_KM = 50.0
SLACK = timedelta(days=1)


@dataclass
class Tally:
    """Counts for one slice (overall or one event type)."""

    matched: int = 0
    extracted: int = 0
    gold: int = 0

    def scores(self) -> tuple[float, float, float]:
        precision = self.matched / self.extracted if self.extracted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Evaluation:
    overall: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=dict)
    agreement: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def _interval(event: dict[str, Any]) -> tuple[date, date] | None:
    if not event.get("date_earliest"):
        return None
    earliest = date.fromisoformat(event["date_earliest"])
    return earliest, date.fromisoformat(event.get("date_latest") or event["date_earliest"])


def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Kilometres between the events' places when the pair can match, else None."""
    if a.get("event_type") != b.get("event_type") or None in (
        a.get("lat"),
        a.get("lon"),
        b.get("lat"),
        b.get("lon"),
    ):
        return None
    km = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
    ia, ib = _interval(a), _interval(b)
    if km > MAX_KM or ia is None or ib is None:
        return None
    return km if ia[0] - SLACK <= ib[1] and ib[0] - SLACK <= ia[1] else None


def match(extracted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (extracted index, gold index), closest pairs first."""
    pairs = sorted(
        (km, i, j)
        for i, e in enumerate(extracted)
        for j, g in enumerate(gold)
        if (km := distance_km(e, g)) is not None
    )
    used_e: set[int] = set()
    used_g: set[int] = set()
    chosen = []
    for _, i, j in pairs:
        if i not in used_e and j not in used_g:
            used_e.add(i)
            used_g.add(j)
            chosen.append((i, j))
    return chosen


def describe(event: dict[str, Any]) -> str:
    killed = event.get("killed")
    toll = f" killed={killed['min']}-{killed['max']}" if killed else ""
    return (
        f"{event.get('sub_event_type')} @ {event.get('place')} {event.get('date_earliest')}"
        f"..{event.get('date_latest')}{toll} by={event.get('claimed_by')}"
    )


def evaluate(reports: Path, gold_path: Path, gazetteer: Gazetteer) -> Evaluation:
    gold = {
        record["id"]: record["events"]
        for record in map(json.loads, gold_path.read_text().splitlines())
        if record
    }
    lines = [line for line in reports.read_text().splitlines() if line.strip()]
    result = Evaluation()
    for line, output in zip(lines, extract_records(lines, gazetteer), strict=True):
        expected = gold.get(output["id"], [])
        found = output["events"]
        pairs = match(found, expected)
        _count(result, found, expected, pairs)
        _note_errors(result, output["id"], found, expected, pairs, json.loads(line)["text"])
    return result


def _count(
    result: Evaluation,
    found: list[dict[str, Any]],
    expected: list[dict[str, Any]],
    pairs: list[tuple[int, int]],
) -> None:
    for event in found:
        result.by_type.setdefault(event["event_type"], Tally()).extracted += 1
        result.overall.extracted += 1
    for event in expected:
        result.by_type.setdefault(event["event_type"], Tally()).gold += 1
        result.overall.gold += 1
    for i, j in pairs:
        result.by_type[found[i]["event_type"]].matched += 1
        result.overall.matched += 1
        for key in ("sub_event_type", "killed", "claimed_by"):
            result.agreement[key] += found[i].get(key) == expected[j].get(key)


def _note_errors(
    result: Evaluation,
    doc: str,
    found: list[dict[str, Any]],
    expected: list[dict[str, Any]],
    pairs: list[tuple[int, int]],
    text: str,
) -> None:
    matched_e = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for j, event in enumerate(expected):
        if j not in matched_g:
            result.errors.append(f"[{doc}] MISS {describe(event)} :: {event.get('evidence_text', '')[:160]}")
    for i, event in enumerate(found):
        if i not in matched_e:
            span = event["evidence"][0] if event["evidence"] else {"start": 0, "end": 0}
            result.errors.append(
                f"[{doc}] FALSE {describe(event)} :: {text[span['start'] : span['end']][:160]}"
            )
    for i, j in pairs:
        for key in ("sub_event_type", "killed", "claimed_by"):
            if found[i].get(key) != expected[j].get(key):
                result.errors.append(
                    f"[{doc}] {key}: got {found[i].get(key)!r}, gold {expected[j].get(key)!r} "
                    f"({describe(expected[j])})"
                )


def print_table(result: Evaluation, seconds: float) -> None:
    print(f"{'slice':<30} {'gold':>5} {'found':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, tally in [("overall", result.overall), *sorted(result.by_type.items())]:
        p, r, f = tally.scores()
        print(
            f"{name:<30} {tally.gold:>5} {tally.extracted:>5} {tally.matched:>5} {p:6.3f} {r:6.3f} {f:6.3f}"
        )
    matched = result.overall.matched
    for key in ("sub_event_type", "killed", "claimed_by"):
        share = result.agreement[key] / matched if matched else 0.0
        print(f"accuracy of {key} on matched pairs: {share:.3f} ({result.agreement[key]}/{matched})")
    print(f"extraction time: {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=Path, default=DATA / "dev_reports.jsonl")
    parser.add_argument("--gold", type=Path, default=DATA / "dev_gold.jsonl")
    parser.add_argument(
        "--show-errors", action="store_true", help="print misses, false events and disagreements"
    )
    args = parser.parse_args()
    gazetteer = Gazetteer.load_default()
    started = time.perf_counter()
    result = evaluate(args.reports, args.gold, gazetteer)
    if args.show_errors:
        print("\n".join(result.errors), end="\n\n")
    print_table(result, time.perf_counter() - started)


if __name__ == "__main__":
    main()
