"""The analyst's desk over the store: pages, the JSON API, feeds and watch zones (FastAPI)."""
