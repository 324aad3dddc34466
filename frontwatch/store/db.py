"""Opening the SQLite store: WAL mode, foreign keys on, schema checked and migrated."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from frontwatch.errors import StoreError
from frontwatch.store.schema import SCHEMA_VERSION, migrate, supported_version


class Store:
    """One SQLite database file. Open with :meth:`open`; use as a context manager to close it."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Store:
        """Open (creating and migrating unless ``read_only``) the database at ``path``.

        Raises StoreError when the folder does not exist, the file is not a SQLite database,
        its schema is newer than this frontwatch, or (read-only) it does not exist or is outdated.
        """
        path = Path(path)
        check_location(path, must_exist=read_only)
        try:
            connection = connect(path, read_only)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path} is not a SQLite database ({exc}); pass --db with a frontwatch database "
                "or the name of a new file"
            ) from exc
        try:
            if read_only:
                check_current(connection, path)
            else:
                migrate(connection, str(path))
        except BaseException:
            connection.close()
            raise
        return cls(connection, path)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside happen together or not at all; sqlite errors become StoreError."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        try:
            yield self.connection
            self.connection.commit()
        except BaseException as exc:
            self.connection.rollback()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"write to {self.path} failed and was rolled back: {exc}") from exc
            raise

    def files(self) -> frozenset[Path]:
        """The database file and its journal, WAL and shared-memory companions (resolved paths)."""
        main = self.path.resolve()
        companions = (main.with_name(main.name + suffix) for suffix in ("-journal", "-wal", "-shm"))
        return frozenset([main, *companions])

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def check_location(path: Path, *, must_exist: bool) -> None:
    """Fail early, with a clear message, on a path no database can be opened at."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory; pass --db with a database file name")
    if must_exist and not path.exists():
        raise StoreError(f"no database at {path}; run `frontwatch ingest` first or pass --db")
    if not path.parent.is_dir():
        raise StoreError(
            f"cannot create database {path}: directory {path.parent} does not exist; create it first"
        )


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with WAL and foreign keys on; commits
    reach the WAL without an fsync each (``synchronous = NORMAL``: a power cut may lose the last documents
    ingested, never corrupt the store)."""
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    connection = sqlite3.connect(target, uri=read_only, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


def check_current(connection: sqlite3.Connection, path: Path) -> None:
    """A read-only store cannot migrate: its schema must be exactly this frontwatch's."""
    version = supported_version(connection, str(path))
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, older than {SCHEMA_VERSION}; "
            "run `frontwatch ingest` on it once to upgrade"
        )
