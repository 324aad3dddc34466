"""Feeds and alerts: Atom feeds of new and updated events, watch zones and their webhooks."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
