"""The database schema as a list of forward migrations; version N = the first N applied."""

from __future__ import annotations

import sqlite3

from frontwatch.errors import StoreError

MIGRATIONS: tuple[str, ...] = (
    # 1: raw bytes, clean documents, live-blog updates, mentions, events and who reports them.
    """
    CREATE TABLE raw_documents (
        sha256      TEXT PRIMARY KEY,
        content     BLOB NOT NULL,
        media_type  TEXT NOT NULL,
        source      TEXT NOT NULL,
        url         TEXT,
        external_id TEXT,
        fetched_at  TEXT NOT NULL
    );
    CREATE TABLE documents (
        doc_id            TEXT PRIMARY KEY REFERENCES raw_documents(sha256),
        text              TEXT NOT NULL,
        title             TEXT,
        published         TEXT,
        language          TEXT NOT NULL,
        url               TEXT,
        external_id       TEXT,
        extractor_version TEXT NOT NULL
    );
    CREATE INDEX documents_external_id ON documents(external_id);
    CREATE TABLE updates (
        doc_id    TEXT NOT NULL REFERENCES documents(doc_id),
        idx       INTEGER NOT NULL,
        start     INTEGER NOT NULL,
        "end"     INTEGER NOT NULL,
        published TEXT,
        heading   TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id),
        idx    INTEGER NOT NULL,
        kind   TEXT NOT NULL,
        start  INTEGER NOT NULL,
        "end"  INTEGER NOT NULL,
        text   TEXT NOT NULL,
        value  TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE events (
        event_id           TEXT PRIMARY KEY,
        event_type         TEXT NOT NULL,
        sub_event_type     TEXT NOT NULL,
        date_earliest      TEXT,
        date_latest        TEXT,
        date_precision     TEXT,
        place              TEXT,
        country            TEXT,
        admin1             TEXT,
        lat                REAL,
        lon                REAL,
        geonames_id        INTEGER,
        geo_precision      INTEGER,
        actor1             TEXT,
        actor2             TEXT,
        killed_min         INTEGER,
        killed_max         INTEGER,
        injured_min        INTEGER,
        injured_max        INTEGER,
        civilian_targeting INTEGER NOT NULL,
        weapons            TEXT NOT NULL,
        confidence         REAL NOT NULL,
        created_at         TEXT NOT NULL
    );
    CREATE INDEX events_date ON events(date_earliest);
    CREATE TABLE event_sources (
        doc_id        TEXT NOT NULL REFERENCES documents(doc_id),
        candidate_idx INTEGER NOT NULL,
        event_id      TEXT NOT NULL REFERENCES events(event_id),
        claimed_by    TEXT NOT NULL,
        stance        TEXT NOT NULL,
        partisan      INTEGER NOT NULL,
        killed        TEXT,
        injured       TEXT,
        evidence      TEXT NOT NULL,
        confidence    REAL NOT NULL,
        PRIMARY KEY (doc_id, candidate_idx)
    );
    CREATE INDEX event_sources_event ON event_sources(event_id);
    """,
    # 2: merged events — reconciled low/best/high tolls, status flags, history and successor ids.
    """
    ALTER TABLE events RENAME COLUMN killed_min TO killed_low;
    ALTER TABLE events RENAME COLUMN killed_max TO killed_high;
    ALTER TABLE events ADD COLUMN killed_best INTEGER;
    ALTER TABLE events RENAME COLUMN injured_min TO injured_low;
    ALTER TABLE events RENAME COLUMN injured_max TO injured_high;
    ALTER TABLE events ADD COLUMN injured_best INTEGER;
    UPDATE events SET killed_high = coalesce(killed_high, killed_low), killed_best = killed_low,
                      injured_high = coalesce(injured_high, injured_low), injured_best = injured_low;
    ALTER TABLE events ADD COLUMN contested INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE events ADD COLUMN corroborated INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE events ADD COLUMN updated_at TEXT;
    UPDATE events SET updated_at = created_at;
    CREATE TABLE event_history (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id  TEXT NOT NULL,
        kind      TEXT NOT NULL,
        doc_id    TEXT REFERENCES documents(doc_id),
        successor TEXT,
        detail    TEXT,
        at        TEXT NOT NULL
    );
    CREATE INDEX event_history_event ON event_history(event_id);
    CREATE TABLE event_aliases (
        event_id  TEXT PRIMARY KEY,
        successor TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this frontwatch writes and reads."""


def schema_version(connection: sqlite3.Connection) -> int:
    """The version recorded in the database; 0 for a new, empty database."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def supported_version(connection: sqlite3.Connection, location: str) -> int:
    """The database's schema version; StoreError when it is newer than this frontwatch's."""
    version = schema_version(connection)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{location} has schema version {version}, newer than the {SCHEMA_VERSION} this frontwatch "
            "understands; upgrade frontwatch to open it"
        )
    return version


def migrate(connection: sqlite3.Connection, location: str) -> None:
    """Apply the migrations the database lacks, each atomically; refuse a newer schema."""
    current = supported_version(connection, location)
    for version in range(current + 1, SCHEMA_VERSION + 1):
        script = (
            "BEGIN IMMEDIATE;\n"
            "CREATE TABLE IF NOT EXISTS schema_version"
            " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);\n"
            f"{MIGRATIONS[version - 1].strip()}\n"
            f"INSERT INTO schema_version VALUES ({version}, datetime('now'));\n"
            "COMMIT;"
        )
        try:
            connection.executescript(script)
        except sqlite3.Error as exc:
            if connection.in_transaction:
                connection.rollback()
            raise StoreError(f"cannot migrate {location} to schema version {version}: {exc}") from exc
