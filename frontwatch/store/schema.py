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
    # 2: merged events — reconciled low/best/high tolls, status flags, history and successor ids; each
    # source keeps its whole candidate (for re-clustering); documents link to the original they copy, with
    # their text hash, canonical URL and MinHash signature with its LSH band buckets.
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
    ALTER TABLE event_sources ADD COLUMN event_type TEXT;
    ALTER TABLE event_sources ADD COLUMN sub_event_type TEXT;
    ALTER TABLE event_sources ADD COLUMN date_earliest TEXT;
    ALTER TABLE event_sources ADD COLUMN date_latest TEXT;
    ALTER TABLE event_sources ADD COLUMN date_precision TEXT;
    ALTER TABLE event_sources ADD COLUMN geonames_id INTEGER;
    ALTER TABLE event_sources ADD COLUMN place TEXT;
    ALTER TABLE event_sources ADD COLUMN lat REAL;
    ALTER TABLE event_sources ADD COLUMN lon REAL;
    ALTER TABLE event_sources ADD COLUMN country TEXT;
    ALTER TABLE event_sources ADD COLUMN admin1 TEXT;
    ALTER TABLE event_sources ADD COLUMN feature_code TEXT;
    ALTER TABLE event_sources ADD COLUMN population INTEGER;
    ALTER TABLE event_sources ADD COLUMN geo_precision INTEGER;
    ALTER TABLE event_sources ADD COLUMN actor1 TEXT;
    ALTER TABLE event_sources ADD COLUMN actor2 TEXT;
    ALTER TABLE event_sources ADD COLUMN civilian_targeting INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE event_sources ADD COLUMN weapons TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE event_sources ADD COLUMN location_text TEXT;
    ALTER TABLE event_sources ADD COLUMN extras TEXT NOT NULL DEFAULT '[]';
    UPDATE event_sources SET
        (event_type, sub_event_type, date_earliest, date_latest, date_precision, geonames_id, place, lat, lon,
         country, admin1, feature_code, population, geo_precision, actor1, actor2, civilian_targeting,
         weapons, location_text) =
        (SELECT e.event_type, e.sub_event_type, e.date_earliest, e.date_latest, e.date_precision,
                CASE WHEN e.lat IS NULL THEN NULL ELSE coalesce(e.geonames_id, 0) END,
                CASE WHEN e.lat IS NULL THEN NULL ELSE e.place END, e.lat, e.lon, e.country, e.admin1,
                CASE WHEN e.lat IS NULL THEN NULL WHEN e.geo_precision = 3 THEN 'ADM1' ELSE 'PPL' END,
                CASE WHEN e.lat IS NULL THEN NULL ELSE 0 END, e.geo_precision, e.actor1, e.actor2,
                e.civilian_targeting, e.weapons, CASE WHEN e.lat IS NULL THEN e.place END
         FROM events AS e WHERE e.event_id = event_sources.event_id);
    CREATE INDEX event_sources_place ON event_sources(geonames_id, event_type, date_earliest, date_latest);
    CREATE INDEX event_sources_region ON event_sources(country, admin1, event_type, date_earliest,
                                                       date_latest, geo_precision, feature_code);
    CREATE INDEX event_sources_near ON event_sources(country, event_type, lat, lon, date_earliest,
                                                     date_latest, geo_precision);
    ALTER TABLE documents ADD COLUMN duplicate_of TEXT REFERENCES documents(doc_id);
    ALTER TABLE documents ADD COLUMN text_sha256 TEXT;
    ALTER TABLE documents ADD COLUMN canonical_url TEXT;
    CREATE INDEX documents_text_sha256 ON documents(text_sha256);
    CREATE INDEX documents_canonical_url ON documents(canonical_url);
    CREATE TABLE document_signatures (
        doc_id    TEXT PRIMARY KEY REFERENCES documents(doc_id),
        signature BLOB NOT NULL
    );
    CREATE TABLE document_bands (
        band   INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id),
        PRIMARY KEY (band, bucket, doc_id)
    ) WITHOUT ROWID;
    """,
    # 3: full-text search over each event's types, place, actors, claimants and evidence (kept in step
    # by triggers; the index's rowid is the event's), and covering indexes for the web API's filters,
    # sort orders, facets and timeline (events_dates supersedes events_date) and for reading documents'
    # metadata without their text.
    """
    CREATE VIRTUAL TABLE event_fts USING fts5(
        event_id UNINDEXED, body, tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE VIEW event_fts_source AS
    SELECT e.rowid AS event_rowid, e.event_id AS event_id,
           e.event_type || ' ' || e.sub_event_type || ' ' || coalesce(e.place, '') || ' '
           || coalesce(e.admin1, '') || ' ' || coalesce(e.actor1, '') || ' ' || coalesce(e.actor2, '') || ' '
           || coalesce((SELECT group_concat(s.claimed_by || ' ' || coalesce(
                            (SELECT group_concat(json_extract(quote.value, '$.text'), ' ')
                             FROM json_each(s.evidence) AS quote), ''), ' ')
                        FROM event_sources AS s WHERE s.event_id = e.event_id), '') AS body
    FROM events AS e;
    INSERT INTO event_fts (rowid, event_id, body) SELECT event_rowid, event_id, body FROM event_fts_source;
    CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO event_fts (rowid, event_id, body)
        SELECT event_rowid, event_id, body FROM event_fts_source WHERE event_rowid = new.rowid;
    END;
    CREATE TRIGGER events_fts_update
    AFTER UPDATE OF event_type, sub_event_type, place, admin1, actor1, actor2 ON events BEGIN
        DELETE FROM event_fts WHERE rowid = old.rowid;
        INSERT INTO event_fts (rowid, event_id, body)
        SELECT event_rowid, event_id, body FROM event_fts_source WHERE event_rowid = new.rowid;
    END;
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        DELETE FROM event_fts WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER event_sources_fts_insert AFTER INSERT ON event_sources BEGIN
        DELETE FROM event_fts WHERE rowid IN (SELECT rowid FROM events WHERE event_id = new.event_id);
        INSERT INTO event_fts (rowid, event_id, body)
        SELECT event_rowid, event_id, body FROM event_fts_source WHERE event_id = new.event_id;
    END;
    CREATE TRIGGER event_sources_fts_update
    AFTER UPDATE OF event_id, claimed_by, evidence ON event_sources BEGIN
        DELETE FROM event_fts
        WHERE rowid IN (SELECT rowid FROM events WHERE event_id IN (old.event_id, new.event_id));
        INSERT INTO event_fts (rowid, event_id, body)
        SELECT event_rowid, event_id, body FROM event_fts_source
        WHERE event_id IN (old.event_id, new.event_id);
    END;
    CREATE TRIGGER event_sources_fts_delete AFTER DELETE ON event_sources BEGIN
        DELETE FROM event_fts WHERE rowid IN (SELECT rowid FROM events WHERE event_id = old.event_id);
        INSERT INTO event_fts (rowid, event_id, body)
        SELECT event_rowid, event_id, body FROM event_fts_source WHERE event_id = old.event_id;
    END;
    CREATE INDEX events_sub_type ON events(sub_event_type);
    CREATE INDEX events_actors ON events(actor1, actor2);
    CREATE INDEX events_actor2 ON events(actor2, actor1);
    CREATE INDEX events_country ON events(country);
    CREATE INDEX events_status ON events(contested, corroborated);
    CREATE INDEX events_updated ON events(updated_at);
    CREATE INDEX events_lon_lat ON events(lon, lat);
    DROP INDEX events_date;
    CREATE INDEX events_dates ON events(date_earliest, date_latest, event_type);
    CREATE INDEX events_facets ON events(event_type, sub_event_type, country, contested, corroborated, actor1,
                                         actor2, date_earliest, date_latest);
    CREATE INDEX events_by_date ON events(date_earliest IS NULL, date_earliest, event_id);
    CREATE INDEX events_by_date_desc ON events(date_earliest IS NULL, date_earliest DESC, event_id DESC);
    CREATE INDEX events_by_killed ON events(killed_best IS NULL, killed_best DESC, date_earliest, event_id);
    CREATE INDEX event_sources_claimant ON event_sources(claimed_by, event_id, partisan);
    CREATE INDEX event_sources_event_claimant ON event_sources(event_id, claimed_by);
    CREATE INDEX documents_cover ON documents(doc_id, published, title, url, external_id, language);
    CREATE INDEX documents_by_date ON documents(published IS NULL, published DESC, doc_id);
    """,
    # watch zones (a point and radius or a GeoJSON polygon, plus filters, an optional webhook) with the
    # event_history seq each has delivered up to, and a log of webhook deliveries.
    """
    CREATE TABLE watch_zones (
        zone_id    INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        area       TEXT NOT NULL,
        filters    TEXT NOT NULL,
        webhook    TEXT,
        watermark  INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE alert_deliveries (
        delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
        zone_id     INTEGER NOT NULL REFERENCES watch_zones(zone_id) ON DELETE CASCADE,
        up_to_seq   INTEGER NOT NULL,
        events      INTEGER NOT NULL,
        attempts    INTEGER NOT NULL,
        delivered   INTEGER NOT NULL,
        error       TEXT,
        at          TEXT NOT NULL
    );
    CREATE INDEX alert_deliveries_zone ON alert_deliveries(zone_id);
    """,
    # newest-first events covering the map's columns and every filter's, so the map's markers (and
    # pages sorted by -date) are read from this index alone, without a lookup per event in the table;
    # dates before types, so the timeline counts per day and type in index order, without sorting.
    """
    DROP INDEX events_by_date_desc;
    CREATE INDEX events_newest ON events(date_earliest IS NULL, date_earliest DESC, event_id DESC, lat, lon,
        event_type, sub_event_type, geo_precision, killed_best, contested, corroborated, weapons,
        date_latest, country, actor1, actor2, updated_at);
    DROP INDEX events_dates;
    CREATE INDEX events_days ON events(date_earliest, event_type, date_latest);
    """,
    # versions: each event's columns (in queries.EVENT_COLUMNS' order, as a JSON array) and the keys of its
    # reports after every document that changed it, a NULL row once it is merged away or retracted, so the
    # dataset can be rebuilt as it stood at any moment; a retracted document's ledger rows move to
    # retracted_sources, and the document records when and why. Events stored before this migration get one
    # version, as they are now, as of their last update (see queries.versions_since).
    """
    CREATE TABLE event_versions (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL,
        at       TEXT NOT NULL,
        doc_id   TEXT REFERENCES documents(doc_id),
        row      TEXT,
        reports  TEXT
    );
    CREATE INDEX event_versions_at ON event_versions(at, event_id, seq);
    CREATE TABLE retracted_sources AS SELECT * FROM event_sources WHERE 0;
    CREATE INDEX retracted_sources_key ON retracted_sources(doc_id, candidate_idx);
    ALTER TABLE documents ADD COLUMN retracted_at TEXT;
    ALTER TABLE documents ADD COLUMN retraction TEXT;
    INSERT INTO event_versions (event_id, at, row, reports)
    SELECT event_id, updated_at,
        json_array(event_id, event_type, sub_event_type, date_earliest, date_latest, date_precision, place,
            country, admin1, lat, lon, geonames_id, geo_precision, actor1, actor2, killed_low, killed_best,
            killed_high, injured_low, injured_best, injured_high, civilian_targeting, weapons, confidence,
            contested, corroborated, created_at, updated_at),
        (SELECT json_group_array(json_array(s.doc_id, s.candidate_idx)) FROM event_sources AS s
         WHERE s.event_id = e.event_id)
    FROM events AS e;
    """,
    # merges and retractions by recency and each event's versions by event, so feeds can name the events
    # that are gone (RFC 6721 tombstones) without a scan of the history or the versions.
    """
    CREATE INDEX event_history_gone ON event_history(seq) WHERE kind IN ('merged', 'retracted');
    CREATE INDEX event_versions_event ON event_versions(event_id, seq);
    """,
    # 8: documents extracted again by newer rules ("revised" history entries) can remove events too.
    """
    DROP INDEX event_history_gone;
    CREATE INDEX event_history_gone ON event_history(seq) WHERE kind IN ('merged', 'retracted', 'revised');
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
