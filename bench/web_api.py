"""Latency of the web API and the desk page on a store of 100,000 events, through a real server.

    python bench/web_api.py [--store /tmp/fw-bench-web.db] [--events 100000] [--seed 7] [--repeat 30]

Builds the store once with ``bench/synthetic_store.py``'s ``build_store(path, events, seed)`` (a file
that exists is reused, migrated to this frontwatch's schema), then starts ``frontwatch serve`` on a free
localhost port and times each request ``--repeat`` times with httpx (after two warm-up requests): p50
and p95 in milliseconds, response size, and whether p95 stays under the 300 ms target. The requests
are the ones the desk makes: the page, the map's compact rows (``/api/map``, up to 20,000 markers),
pages of the list, filtered lists, the timeline and the facets, and a GeoJSON download; and pages of
1,000 events for comparison with the map's earlier paging through ``/api/events``.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from synthetic_store import build_store

from frontwatch.store.db import Store

TARGET_MS = 300

REQUESTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("/", {}),
    ("/api/events", {"limit": "100"}),
    ("/api/map", {}),
    ("/api/map", {"sub_event_type": "Air/drone strike"}),
    ("/api/map", {"event_type": "Explosions/Remote violence", "date_from": "2020-10-01",
                  "date_to": "2020-10-31"}),
    ("/api/map", {"bbox": "44.5,38.5,47.5,41.5"}),
    ("/api/events", {"limit": "1000"}),
    ("/api/events", {"limit": "1000", "offset": "19000"}),
    ("/api/events", {"event_type": "Explosions/Remote violence", "date_from": "2020-10-01",
                     "date_to": "2020-10-31", "limit": "1000"}),
    ("/api/events", {"side": "armenia", "min_killed": "1", "sort": "killed"}),
    ("/api/events", {"status": "contested", "sort": "-date"}),
    ("/api/events", {"claimant": "Azerbaijan Defence Ministry", "country": "AZ"}),
    ("/api/events", {"q": "shelling Ganja"}),
    ("/api/events", {"bbox": "44.5,38.5,47.5,41.5", "limit": "1000"}),
    ("/api/events.geojson", {"date_from": "2020-10-01", "date_to": "2020-10-07"}),
    ("/api/timeline", {}),
    ("/api/timeline", {"event_type": "Battles", "side": "russia"}),
    ("/api/facets", {}),
    ("/api/facets", {"date_from": "2020-10-01", "date_to": "2020-10-31"}),
    ("/api/stats", {}),
    ("/api/sources", {}),
)  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(client: httpx.Client, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("the server exited before answering")
        try:
            client.get("/api/stats")
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not answer within 30 s")


def time_request(
    client: httpx.Client, path: str, params: dict[str, str], repeat: int
) -> tuple[float, float, int]:
    """p50 and p95 in ms over ``repeat`` requests (after two warm-ups), and the body size in bytes."""
    for _ in range(2):
        client.get(path, params=params).raise_for_status()
    timings = []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path, params=params)
        timings.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
        size = len(response.content)
    quantiles = statistics.quantiles(timings, n=20, method="inclusive")
    return statistics.median(timings), quantiles[18], size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, default=Path("/tmp/fw-bench-web.db"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not args.store.exists():
        start = time.perf_counter()
        build_store(args.store, args.events, args.seed)
        print(f"built {args.store} with {args.events} events in {time.perf_counter() - start:.1f} s")
    Store.open(args.store).close()  # a store an older frontwatch built gets this one's indexes
    port = free_port()
    frontwatch = Path(sys.executable).with_name("frontwatch")
    server = subprocess.Popen(
        [frontwatch, "serve", "--db", args.store, "--port", str(port)], stdout=subprocess.DEVNULL
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            wait_until_up(client, server)
            print(f"store: {client.get('/api/stats').json()['events']} events\n")
            print(f"| request | p50 ms | p95 ms | bytes | < {TARGET_MS} ms |")
            print("|---|---:|---:|---:|---|")
            for path, params in REQUESTS:
                p50, p95, size = time_request(client, path, params, args.repeat)
                label = path + ("?" + str(httpx.QueryParams(params)) if params else "")
                verdict = "yes" if p95 < TARGET_MS else "NO"
                print(f"| `{label}` | {p50:.0f} | {p95:.0f} | {size:,} | {verdict} |")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
