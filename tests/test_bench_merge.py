"""The merge benchmark's scoring: B-cubed and pairwise on clusterings with known answers, and the dev set."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

BENCH = Path(__file__).parent.parent / "bench"


def load_bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


eval_merge = load_bench("eval_merge")


def clustering(**clusters: str) -> dict[str, frozenset[str]]:
    """Clusters written as strings of one-letter items: clustering(a="xyz", b="w")."""
    return {name: frozenset(items) for name, items in clusters.items()}


# Bagga & Baldwin's example: gold {1-5} {6,7} {8-12}; the system merges the last two.
GOLD_BB = clustering(a="abcde", b="fg", c="hijkl")
SYSTEM_BB = clustering(s="abcde", t="fghijkl")


def test_bcubed_of_bagga_baldwin_example() -> None:
    scores = eval_merge.bcubed(SYSTEM_BB, GOLD_BB)
    assert scores.precision == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)
    assert scores.recall == pytest.approx(1.0)
    assert scores.f1 == pytest.approx(2 * scores.precision / (1 + scores.precision))


def test_pairwise_of_bagga_baldwin_example() -> None:
    scores = eval_merge.pairwise(SYSTEM_BB, GOLD_BB)
    assert (scores.precision, scores.recall) == pytest.approx((21 / 31, 1.0))


def test_all_singletons_have_full_bcubed_precision_and_no_pairs() -> None:
    singletons = {item: frozenset(item) for item in "abcdefghijkl"}
    bcubed = eval_merge.bcubed(singletons, GOLD_BB)
    assert bcubed.precision == 1.0
    assert bcubed.recall == pytest.approx((5 * 1 / 5 + 2 * 1 / 2 + 5 * 1 / 5) / 12)
    assert eval_merge.pairwise(singletons, GOLD_BB) == eval_merge.Scores(0.0, 0.0)


def test_extended_bcubed_counts_a_report_telling_two_events() -> None:
    gold = clustering(stepanakert="xy", shusha="xz")  # x is a live blog telling both strikes
    assert eval_merge.bcubed(gold, gold) == eval_merge.Scores(1.0, 1.0)
    lumped = eval_merge.bcubed(clustering(one="xyz"), gold)
    assert lumped.precision == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert lumped.recall == pytest.approx((5 / 6 + 1 + 1) / 3)


@given(st.lists(st.integers(0, 4), min_size=1, max_size=12))
def test_identical_partitions_score_one(labels: list[int]) -> None:
    partition: dict[str, set[str]] = {}
    for item, label in enumerate(labels):
        partition.setdefault(f"c{label}", set()).add(f"r{item}")
    frozen = {name: frozenset(members) for name, members in partition.items()}
    assert eval_merge.bcubed(frozen, frozen) == eval_merge.Scores(1.0, 1.0)


def test_near_duplicate_left_out_joins_its_original_and_missing_reports_are_singletons() -> None:
    completed = eval_merge.complete(clustering(e1="ab"), "abcd", {"c": "a"})
    assert completed["e1"] == frozenset("abc")
    assert completed["unplaced:d"] == frozenset("d")


def test_false_merge_across_towns_is_counted_but_a_report_of_two_events_is_not() -> None:
    gold = clustering(stepanakert="xy", shusha="xz", stepanakert_next_day="w")
    places = {"stepanakert": "Khankendi", "shusha": "Shusha", "stepanakert_next_day": "Khankendi"}
    system = clustering(ok="xy", towns="yz", days="yw")
    merged, across = eval_merge.false_merges(system, gold, places)
    assert merged == ["days", "towns"]
    assert across == ["towns"]


def test_evaluate_scores_tolls_and_status_on_matched_events() -> None:
    gold = [
        {
            "event_id": "g1",
            "reports": ["a", "b"],
            "near_duplicates": {"b": "a"},
            "place": "Ganja",
            "date": "2020-10-11",
            "killed": {"low": 9, "best": 10, "high": 10},
            "injured": None,
            "status": "contested",
        },
        {
            "event_id": "g2",
            "reports": ["c"],
            "near_duplicates": {},
            "place": "Barda",
            "date": "2020-10-28",
            "killed": None,
            "injured": None,
            "status": "reported",
        },
    ]
    events = [
        {
            "event_id": "s1",
            "reports": [{"external_id": "a"}],
            "killed": {"low": 9, "best": 9, "high": 10},
            "injured": None,
            "status": "contested",
        },
        {
            "event_id": "s2",
            "reports": [{"external_id": "c"}],
            "killed": None,
            "injured": None,
            "status": "corroborated",
        },
    ]
    result = eval_merge.evaluate(events, gold)
    assert result.bcubed == eval_merge.Scores(1.0, 1.0)
    assert result.matched == 2
    assert result.agreement["killed.low"] == 2 and result.agreement["killed.best"] == 1
    assert result.agreement["status"] == 1


def test_dev_set_is_consistent() -> None:
    data = BENCH / "data" / "merge_dev"
    reports = [json.loads(line) for line in (data / "reports.jsonl").read_text().splitlines()]
    gold = [json.loads(line) for line in (data / "gold.jsonl").read_text().splitlines()]
    ids = {report["id"] for report in reports}
    told = [report_id for event in gold for report_id in event["reports"]]
    assert len(ids) == len(reports) and set(told) == ids
    assert len(gold) >= 32 and all(3 <= len(event["reports"]) <= 6 for event in gold)
    for event in gold:
        assert set(event["near_duplicates"]) | set(event["near_duplicates"].values()) <= set(event["reports"])
        for key in ("killed", "injured"):
            tally = event[key]
            assert tally is None or tally["low"] <= tally["best"] <= tally["high"]
        assert event["status"] in {"contested", "corroborated", "reported"}


def test_synthetic_store_holds_the_merged_events_it_reports(tmp_path: Path) -> None:
    from frontwatch.store.db import Store
    from frontwatch.store.queries import list_events

    synthetic_store = load_bench("synthetic_store")
    written = synthetic_store.build_store(tmp_path / "a.db", 30, seed=3)
    synthetic_store.build_store(tmp_path / "b.db", 30, seed=3)
    with (
        Store.open(tmp_path / "a.db", read_only=True) as a,
        Store.open(tmp_path / "b.db", read_only=True) as b,
    ):
        events, again = list_events(a), list_events(b)
    assert len(events) == len(written) == 30
    assert [e.event_id for e in events] == [e.event_id for e in again]
    assert {(e.place, e.date_earliest) for e in events} == {(w.place.name, w.day) for w in written}
    for event in events:
        assert 1 <= len(event.reports) <= 4
        assert len({report.doc_id for report in event.reports}) == len(event.reports)
        assert event.killed is None or event.killed.low <= event.killed.best <= event.killed.high
