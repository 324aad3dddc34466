"""Export formats: each a ``write(events, stream)`` function registered under a name.

Add a format of your own with ``register("name", write)``; ``frontwatch export --format name``
then uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from frontwatch.errors import InputError
from frontwatch.export import acled_csv, geojson, jsonl, parquet
from frontwatch.store.records import StoredEvent

Writer = Callable[[Iterable[StoredEvent], TextIO], None]

EXPORTERS: dict[str, Writer] = {
    "csv": acled_csv.write,
    "geojson": geojson.write,
    "jsonl": jsonl.write,
    "parquet": parquet.write,
}


def register(name: str, write: Writer) -> None:
    """Make ``write`` available as export format ``name`` (replacing any format of that name)."""
    EXPORTERS[name] = write


def exporter(name: str) -> Writer:
    """The writer registered as ``name``; InputError listing the known formats otherwise."""
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise InputError(f"unknown export format {name!r}; choose one of: {known}") from None
