"""The analyst's desk pages: map and timeline, event pages, the briefing page."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
