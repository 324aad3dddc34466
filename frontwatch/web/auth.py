"""The write token: endpoints that change the store need ``Authorization: Bearer <app.state.token>``;
an app started without a token is read-only and answers them 403."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Header, HTTPException, Request


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """403 when the app has no token (read-only); 401 unless the request bears the token."""
    token: str | None = getattr(request.app.state, "token", None)
    if not token:
        raise HTTPException(403, "read-only: this server has no write token; start it with one to write")
    scheme, _, offered = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(offered.strip().encode(), token.encode()):
        raise HTTPException(
            401,
            "a valid 'Authorization: Bearer <token>' header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )
