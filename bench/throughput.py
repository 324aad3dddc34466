"""Throughput on one core: the extraction contract in-process, and a batch ingest into a SQLite store.

    python bench/throughput.py [--docs 2000] [--seed 7]

Generates ``--docs`` synthetic reports by recombining sentences of the bundled demo corpus (and of
bench/data/dev_reports.jsonl when present) with varied place names and publication dates, writes
them to a temporary JSONL file, then measures (a) ``extract_records`` and (b) ``ingest_paths`` into a
temporary store: documents per second of CPU time on one core, wall time, and peak memory — the
process's maximum resident set (ru_maxrss) and the tracemalloc peak of a second, traced pass.
Gazetteer loading is timed separately, since it happens once per process.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from frontwatch.extract import extract_records
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.pipeline.normalize.sentences import split_sentences
from frontwatch.pipeline.run import ingest_paths
from frontwatch.store import Store

DEV_REPORTS = Path(__file__).parent / "data" / "dev_reports.jsonl"
PLACES = (
    "Ganja", "Barda", "Terter", "Tartar", "Stepanakert", "Shusha", "Shushi", "Fizuli", "Martuni", "Hadrut",
    "Aghdam", "Jabrayil", "Vardenis", "Goris", "Mingachevir", "Khartoum", "Omdurman", "Nyala", "El Geneina",
    "El Fasher", "Kharkiv", "Mariupol", "Bakhmut", "Kherson",
)  # fmt: skip
PLACE_PATTERN = re.compile(r"\b(?:" + "|".join(map(re.escape, PLACES)) + r")\b")
DATE_WINDOWS = ((date(2020, 9, 27), 45), (date(2022, 2, 24), 365), (date(2023, 4, 15), 200))


def corpus_texts() -> Iterator[str]:
    """Plain-text reports of the demo corpus, its JSONL reports, and the dev reports if present."""
    demo = resources.files("frontwatch").joinpath("data/demo")
    for entry in sorted(demo.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".txt", ".md")):
            yield entry.read_text(encoding="utf-8")
        elif entry.name.endswith(".jsonl"):
            yield from jsonl_texts(entry.read_text(encoding="utf-8"))
    if DEV_REPORTS.is_file():
        yield from jsonl_texts(DEV_REPORTS.read_text(encoding="utf-8"))


def jsonl_texts(content: str) -> Iterator[str]:
    return (json.loads(line)["text"] for line in content.splitlines() if line.strip())


def sentence_pool() -> list[str]:
    pool: list[str] = []
    for text in corpus_texts():
        pool.extend(" ".join(span.text_of(text).split()) for span in split_sentences(text))
    return [sentence for sentence in pool if len(sentence) > 20]


def synthetic_reports(count: int, seed: int) -> Iterator[dict[str, object]]:
    """``count`` reports of 3–9 recombined sentences, place names swapped, dates spread over three wars."""
    rng = random.Random(seed)
    pool = sentence_pool()
    for number in range(count):
        sentences = rng.sample(pool, rng.randint(3, 9))
        text = PLACE_PATTERN.sub(lambda _: rng.choice(PLACES), " ".join(sentences))
        start, days = rng.choice(DATE_WINDOWS)
        published = start + timedelta(days=rng.randrange(days))
        yield {"id": f"bench-{number:05d}", "text": text, "published": published.isoformat(), "url": None,
               "title": None}  # fmt: skip


@dataclass(frozen=True)
class Measurement:
    docs: int
    events: int
    cpu_s: float
    wall_s: float
    traced_peak_mib: float

    def line(self, name: str) -> str:
        return (
            f"{name:<22} {self.docs / self.cpu_s:8.1f} docs/s/core   {self.wall_s:6.2f} s wall   "
            f"{self.cpu_s:6.2f} s cpu   tracemalloc peak {self.traced_peak_mib:6.1f} MiB   "
            f"{self.events} events"
        )


def measure(docs: int, work: Callable[[], int]) -> Measurement:
    """Time ``work`` (returning the events or ledger reports it found) untraced, then under tracemalloc."""
    cpu, wall = time.process_time(), time.perf_counter()
    events = work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Measurement(docs, events, cpu, wall, peak / 2**20)


def count_events(records: Iterable[dict[str, Any]]) -> int:
    return sum(len(record["events"]) for record in records)


def max_rss_mib() -> float:
    """The process's peak resident set so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="number of synthetic reports (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generator (default 7)")
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = Gazetteer.load_default()
    print(f"gazetteer loaded in {time.perf_counter() - started:.2f} s; peak RSS {max_rss_mib():.0f} MiB")

    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder) / "reports.jsonl"
        with reports.open("w", encoding="utf-8") as sink:
            for record in synthetic_reports(args.docs, args.seed):
                sink.write(json.dumps(record) + "\n")
        lines = reports.read_text(encoding="utf-8").splitlines()
        chars = sum(len(json.loads(line)["text"]) for line in lines)
        print(f"{len(lines)} synthetic reports, {chars / len(lines):.0f} characters on average")

        extract = measure(len(lines), lambda: count_events(extract_records(lines, gazetteer)))
        print(extract.line("extract_records"))

        runs = iter(range(2))

        def ingest_once() -> int:
            with Store.open(Path(folder) / f"bench-{next(runs)}.db") as store:
                return ingest_paths([reports], store, gazetteer).reports

        ingest = measure(len(lines), ingest_once)
        print(ingest.line("ingest_paths (SQLite)"))
    print(f"peak RSS of the process {max_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
