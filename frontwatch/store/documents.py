"""Stored documents read back as the pipeline's Documents, for extracting them again."""

from __future__ import annotations

import sqlite3

from frontwatch.model.document import Document, Update
from frontwatch.model.span import Span
from frontwatch.store.queries import parse_stamp

DOCUMENT_SQL = """
SELECT d.doc_id, d.text, d.title, d.published, d.language, d.url, d.external_id, r.source
FROM documents AS d JOIN raw_documents AS r ON r.sha256 = d.doc_id
WHERE d.doc_id = ?
"""


def load_document(db: sqlite3.Connection, doc_id: str) -> Document | None:
    """The stored document ``doc_id`` with its live-blog updates, as normalized; None if unknown."""
    row = db.execute(DOCUMENT_SQL, (doc_id,)).fetchone()
    if row is None:
        return None
    doc_id, text, title, published, language, url, external_id, source = row
    updates = db.execute(
        'SELECT start, "end", published, heading FROM updates WHERE doc_id = ? ORDER BY idx', (doc_id,)
    )
    return Document(
        doc_id=doc_id,
        text=text,
        title=title,
        published=parse_stamp(published),
        language=language,
        url=url,
        external_id=external_id,
        source=source,
        updates=tuple(
            Update(Span(start, end), parse_stamp(stamp), heading) for start, end, stamp, heading in updates
        ),
    )


def unretracted_documents(db: sqlite3.Connection) -> list[str]:
    """The ids of every stored document not retracted, in the order they were stored."""
    return [
        doc_id
        for (doc_id,) in db.execute("SELECT doc_id FROM documents WHERE retracted_at IS NULL ORDER BY rowid")
    ]
