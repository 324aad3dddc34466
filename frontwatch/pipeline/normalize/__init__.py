"""Pipeline stage: normalize — raw bytes into clean text with title, date, language and updates."""

from frontwatch.pipeline.normalize.dateline import Dateline, find_dateline
from frontwatch.pipeline.normalize.document import normalize
from frontwatch.pipeline.normalize.language import detect_language

__all__ = ["Dateline", "detect_language", "find_dateline", "normalize"]
