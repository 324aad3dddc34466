"""JSON Lines: one event per line, the extraction contract's fields plus event_id and reports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from frontwatch.store.records import StoredEvent


def write(events: Iterable[StoredEvent], stream: TextIO) -> None:
    for event in events:
        stream.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
