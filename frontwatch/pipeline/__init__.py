"""The extraction pipeline: ingest → normalize → mentions → events (→ merge, later)."""
