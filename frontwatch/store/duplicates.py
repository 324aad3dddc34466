"""Copies among stored documents: the same text, the same canonical URL, or a near-duplicate by MinHash.

Each document's text hash, canonical URL, MinHash signature and LSH band buckets are stored with it;
a new document is a copy of the earliest stored document (followed to the original it copies) that
has its text hash or canonical URL, else of the most similar one among the ``MOST_COMPARED`` that share
the most LSH bands with it, when their estimated similarity reaches ``DUPLICATE_THRESHOLD``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct
from dataclasses import dataclass

from frontwatch.model.document import Document
from frontwatch.pipeline.merge.dedup import (
    DUPLICATE_THRESHOLD,
    SIGNATURE_SIZE,
    Signature,
    band_keys,
    canonical_url,
    closest,
    signature,
)
from frontwatch.store.rows import insert

_PACKING = struct.Struct(f">{SIGNATURE_SIZE}Q")
MOST_COMPARED = 20
"""Only the documents sharing the most bands are compared (copies of a copy share nearly all of them)."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a document is recognised by: its text's SHA-256, its canonical URL, its MinHash signature."""

    text_sha256: str
    canonical_url: str | None
    signature: Signature


def fingerprint(document: Document) -> Fingerprint:
    return Fingerprint(
        hashlib.sha256(document.text.encode()).hexdigest(),
        canonical_url(document.url),
        signature(document.text),
    )


def find_original(db: sqlite3.Connection, identity: Fingerprint) -> str | None:
    """The stored original ``identity`` is a copy of, or None for a document not seen before."""
    exact = db.execute(
        "SELECT coalesce(duplicate_of, doc_id) FROM documents WHERE text_sha256 = ? OR canonical_url = ?"
        " ORDER BY rowid LIMIT 1",
        (identity.text_sha256, identity.canonical_url),
    ).fetchone()
    if exact is not None:
        return str(exact[0])
    return near_duplicate_of(db, identity.signature)


def near_duplicate_of(db: sqlite3.Connection, sig: Signature) -> str | None:
    """The original of the most similar stored document sharing an LSH band with ``sig``, if any is similar
    enough."""
    keys = band_keys(sig)
    rows = db.execute(
        f"WITH keys (band, bucket) AS (VALUES {', '.join(['(?, ?)'] * len(keys))}),"
        " matches AS (SELECT b.doc_id FROM keys"
        " CROSS JOIN document_bands AS b ON b.band = keys.band AND b.bucket = keys.bucket"
        " GROUP BY b.doc_id ORDER BY count(*) DESC, b.doc_id LIMIT ?)"
        " SELECT s.doc_id, s.signature, coalesce(d.duplicate_of, d.doc_id) FROM matches"
        " JOIN document_signatures AS s ON s.doc_id = matches.doc_id"
        " JOIN documents AS d ON d.doc_id = s.doc_id"
        " ORDER BY d.rowid",
        [*(value for key in keys for value in key), MOST_COMPARED],
    ).fetchall()
    originals = {doc_id: original for doc_id, _, original in rows}
    match = closest(sig, ((doc_id, unpacked(stored)) for doc_id, stored, _ in rows), DUPLICATE_THRESHOLD)
    return None if match is None else originals[match]


def save_fingerprint(db: sqlite3.Connection, doc_id: str, identity: Fingerprint) -> None:
    """Index a stored document's signature by its LSH bands."""
    insert(db, "document_signatures", {"doc_id": doc_id, "signature": packed(identity.signature)})
    db.executemany(
        "INSERT INTO document_bands (band, bucket, doc_id) VALUES (?, ?, ?)",
        [(band, bucket, doc_id) for band, bucket in band_keys(identity.signature)],
    )


def packed(sig: Signature) -> bytes:
    """A signature as 128 big-endian unsigned 64-bit values (an empty text's -1 as the largest value)."""
    return _PACKING.pack(*(value & 0xFFFF_FFFF_FFFF_FFFF for value in sig))


def unpacked(blob: bytes) -> Signature:
    return _PACKING.unpack(blob)
