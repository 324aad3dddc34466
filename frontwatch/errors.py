"""One exception tree for the whole package: catch FrontwatchError to catch them all."""


class FrontwatchError(Exception):
    """Base of every error frontwatch raises on purpose; the message says what to do."""


class IngestError(FrontwatchError):
    """A source could not be read or decoded into a document."""


class NormalizeError(FrontwatchError):
    """A raw document could not be turned into clean text."""


class ExtractionError(FrontwatchError):
    """The extractor failed on one document."""


class GazetteerError(FrontwatchError):
    """The gazetteer could not be built, loaded or queried."""


class StoreError(FrontwatchError):
    """The database could not be opened, migrated or written."""


class InputError(FrontwatchError):
    """A request (a JSONL line, a command-line argument) is malformed."""
