"""Incremental ingest into a large store: new reports extracted, de-duplicated and merged into known events.

    python bench/merge_throughput.py [--events 100000] [--reports 10000] [--coincide 0.3] [--seed 7]
                                     [--base PATH] [--reextract N]

A store of ``--events`` merged synthetic events (bench/synthetic_store.py) is built once at ``--base``
(default: a temporary file; an existing file is reused) and copied, so every run starts from the same
store. ``--reports`` new reports are written as a JSONL file: a ``--coincide`` share are newly worded
reports of stored events (they should join them), the rest tell new events on other town-days. The file
is ingested by ``ingest_paths``, the function behind ``frontwatch ingest``: extraction, near-duplicate
lookup, coreference against the stored events, ledger and history writes, one transaction per report.

Printed: reports per second of CPU time (one core), wall time, the process's peak resident memory
(ru_maxrss, which includes the gazetteer), what the ingest did, and how many coinciding reports joined
the stored event they tell. Building the base store runs in a child process and is not counted.
With ``--reextract N``, N of the new reports are then extracted again by ``reextract_stored`` (the
function behind ``frontwatch reextract``) with the same rules: documents per second of CPU time of
that check, which changes no event.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic_store import SyntheticReport, synthetic_events, word_report

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline.run import ReextractReport, ingest_paths, reextract_stored
from frontwatch.store.db import Store

TARGET = 50.0
"""Reports per second per core the ingest must reach (issue 5)."""


def ensure_base(path: Path, events: int, seed: int) -> float:
    """Build the base store at ``path`` in a child process unless it exists; seconds spent building."""
    if path.exists():
        return 0.0
    started = time.perf_counter()
    builder = Path(__file__).with_name("synthetic_store.py")
    subprocess.run(
        [sys.executable, str(builder), str(path), "--events", str(events), "--seed", str(seed)], check=True
    )
    return time.perf_counter() - started


def new_reports(
    events: int, reports: int, coincide: float, seed: int, gazetteer: Gazetteer
) -> tuple[list[SyntheticReport], list[str]]:
    """``reports`` new reports in random order, and the ids of those (a ``coincide`` share) that retell
    stored events; the others tell new events."""
    rng = random.Random(seed + 2)
    retold = round(reports * coincide)
    world = list(synthetic_events(events + reports - retold, seed, gazetteer))
    stored, fresh = world[:events], world[events:]
    batch = [word_report(event, f"new-{n:06d}", rng) for n, event in enumerate(rng.sample(stored, retold))]
    batch += [word_report(event, f"new-{retold + n:06d}", rng) for n, event in enumerate(fresh)]
    retold_ids = [report.external_id for report in batch[:retold]]
    rng.shuffle(batch)
    return batch, retold_ids


def joined(store_path: Path, external_ids: list[str]) -> int:
    """How many of these reports sit in an event that also holds reports of the base store."""
    db = sqlite3.connect(store_path)
    marks = ", ".join("?" * len(external_ids))
    sql = (
        "SELECT count(DISTINCT d.external_id) FROM event_sources AS s"
        " JOIN documents AS d ON d.doc_id = s.doc_id"
        f" WHERE d.external_id IN ({marks}) AND EXISTS (SELECT 1 FROM event_sources AS o JOIN documents AS od"
        " ON od.doc_id = o.doc_id WHERE o.event_id = s.event_id AND od.external_id LIKE 'syn-%')"
    )
    try:
        return int(db.execute(sql, external_ids).fetchone()[0])
    finally:
        db.close()


def reextract_timed(
    store_path: Path, gazetteer: Gazetteer, external_ids: list[str]
) -> tuple[ReextractReport, float]:
    """What extracting these documents again did, and the CPU seconds it took (none named: nothing)."""
    if not external_ids:
        return ReextractReport(), 0.0
    started = time.process_time()
    with Store.open(store_path) as store:
        report = reextract_stored(store, gazetteer, external_ids)
    return report, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000, help="merged events in the base store")
    parser.add_argument("--reports", type=int, default=10_000, help="new reports to ingest")
    parser.add_argument(
        "--coincide", type=float, default=0.3, help="share of new reports retelling stored events"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--base", type=Path, help="base store to reuse, or to build and keep")
    parser.add_argument("--reextract", type=int, default=0, help="then extract N new reports again")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = args.base or Path(folder) / "base.db"
        built_in = ensure_base(base, args.events, args.seed)
        store_path, reports_path = Path(folder) / "store.db", Path(folder) / "new.jsonl"
        shutil.copyfile(base, store_path)
        gazetteer = Gazetteer.load_default()
        batch, retold = new_reports(args.events, args.reports, args.coincide, args.seed, gazetteer)
        reports_path.write_text("".join(json.dumps(r.record()) + "\n" for r in batch), encoding="utf-8")
        wall, cpu = time.perf_counter(), time.process_time()
        with Store.open(store_path) as store:
            report = ingest_paths([reports_path], store, gazetteer)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if report.failures:
            sys.exit(f"{report.failed} reports failed, e.g. {report.failures[0]}; no throughput to report")
        joins = joined(store_path, retold)
        again, again_cpu = reextract_timed(
            store_path, gazetteer, [r.external_id for r in batch[: args.reextract]]
        )
    rate = len(batch) / cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"base store: {args.events} events" + (f" (built in {built_in:.0f} s)" if built_in else " (reused)")
    )
    print(f"ingested {len(batch)} reports ({len(retold)} retelling stored events): {report.summary()}")
    print(f"coinciding reports that joined a stored event: {joins}/{len(retold)}")
    print(f"CPU {cpu:.1f} s, wall {wall:.1f} s, peak RSS {peak:.0f} MiB")
    verdict = "met" if rate >= TARGET else "NOT met"
    print(f"throughput: {rate:.1f} reports/s/core (target >= {TARGET:.0f}: {verdict})")
    if args.reextract:
        print(f"{again.summary()}; {again.documents / again_cpu:.1f} documents/s/core")


if __name__ == "__main__":
    main()
