"""Run-time settings: defaults with help text, overridable from the environment."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


def expanded_path(value: str) -> Path:
    return Path(value).expanduser()


def flag(value: str) -> bool:
    """An environment switch: "1", "true", "yes" or "on" (any case) turn it on."""
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True, slots=True)
class Settings:
    """Where frontwatch keeps its files and how the app is guarded.

    Each field names the environment variable that overrides it (and how its text is read, a path
    unless ``parse`` says otherwise).
    """

    db_path: Path = field(
        default=Path("frontwatch.db"),
        metadata={"env": "FRONTWATCH_DB", "help": "SQLite database file (default ./frontwatch.db)."},
    )
    cache_dir: Path = field(
        default=Path.home() / ".cache" / "frontwatch",
        metadata={"env": "FRONTWATCH_CACHE", "help": "Folder for derived caches (gazetteer index)."},
    )
    token: str | None = field(
        default=None,
        metadata={
            "env": "FRONTWATCH_TOKEN",
            "help": "Secret that the writing endpoints (watch zones) require as a bearer token; "
            "without it the app is read-only.",
            "parse": str,
        },
    )
    allow_private_webhooks: bool = field(
        default=False,
        metadata={
            "env": "FRONTWATCH_ALLOW_PRIVATE_WEBHOOKS",
            "help": "Let watch-zone webhooks post to private and loopback addresses (off by default).",
            "parse": flag,
        },
    )

    tiles_url: str | None = field(
        default=None,
        metadata={
            "env": "FRONTWATCH_TILES_URL",
            "help": "Online map tiles as a URL template (https://{s}.example.org/{z}/{x}/{y}.png) drawn "
            "under the offline outlines; unset, the map never leaves the machine.",
            "parse": str,
        },
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Defaults, with every field whose environment variable is set (and non-empty) overridden."""
        overrides = {
            spec.name: parser(spec.metadata)(environ[spec.metadata["env"]])
            for spec in fields(cls)
            if environ.get(spec.metadata["env"])
        }
        return cls(**overrides)


def parser(metadata: Mapping[str, object]) -> Callable[[str], Any]:
    """How a setting's environment text becomes its value: a path unless its metadata names a parser."""
    parse = metadata.get("parse", expanded_path)
    assert callable(parse)
    return parse


def help_text(name: str) -> str:
    """The help line of one setting, with its environment variable, for CLI option help."""
    spec = next(spec for spec in fields(Settings) if spec.name == name)
    return f"{spec.metadata['help']} Env: {spec.metadata['env']}."
