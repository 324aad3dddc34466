"""Apache Parquet: the ACLED-style CSV's columns, typed (dates, integers, floats), one row per event.

Needs pyarrow (``pip install 'frontwatch[parquet]'``). Parquet is binary: it is written to the binary
buffer under the text stream the exporters receive, so it goes to a file (``--output``), not a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, TextIO

from frontwatch.errors import InputError
from frontwatch.export.acled_csv import COLUMNS, row
from frontwatch.store.records import StoredEvent

if TYPE_CHECKING:
    import pyarrow

INTEGER_COLUMNS = frozenset({
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
    "timestamp", "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
})  # fmt: skip
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
DATE_COLUMNS = frozenset({"event_date", "date_latest"})


def import_pyarrow() -> tuple[ModuleType, ModuleType]:
    """pyarrow and pyarrow.parquet; InputError saying how to install them when missing."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError(
            "the parquet format needs pyarrow; install it with `pip install 'frontwatch[parquet]'`"
        ) from None
    return pyarrow, pyarrow.parquet


def schema() -> pyarrow.Schema:
    """Every CSV column with its Parquet type: dates, 64-bit integers, doubles, otherwise strings."""
    pa, _ = import_pyarrow()
    types = {
        **dict.fromkeys(DATE_COLUMNS, pa.date32()),
        **dict.fromkeys(INTEGER_COLUMNS, pa.int64()),
        **dict.fromkeys(FLOAT_COLUMNS, pa.float64()),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])


def typed_row(event: StoredEvent) -> dict[str, object]:
    """The CSV row with each cell of its Parquet type."""
    cells = row(event)
    return {name: parquet_cell(name, cells.get(name)) for name in COLUMNS}


def parquet_cell(name: str, value: object) -> object:
    if value is None or name in INTEGER_COLUMNS | FLOAT_COLUMNS:
        return value
    return date.fromisoformat(str(value)) if name in DATE_COLUMNS else str(value)


def write(events: Iterable[StoredEvent], stream: TextIO) -> None:
    """Write a Parquet file to the binary buffer beneath ``stream`` (InputError for a terminal or memory)."""
    pa, pq = import_pyarrow()
    buffer = getattr(stream, "buffer", None)
    if buffer is None or stream.isatty():
        raise InputError("parquet is a binary format; write it to a file with --output FILE.parquet")
    table = pa.Table.from_pylist([typed_row(event) for event in events], schema=schema())
    stream.flush()
    pq.write_table(table, buffer)
    buffer.flush()
