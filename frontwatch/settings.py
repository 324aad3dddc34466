"""Run-time settings: defaults with help text, overridable from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    """Where frontwatch keeps its files. Each field names the environment variable that overrides it."""

    db_path: Path = field(
        default=Path("frontwatch.db"),
        metadata={"env": "FRONTWATCH_DB", "help": "SQLite database file (default ./frontwatch.db)."},
    )
    cache_dir: Path = field(
        default=Path.home() / ".cache" / "frontwatch",
        metadata={"env": "FRONTWATCH_CACHE", "help": "Folder for derived caches (gazetteer index)."},
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Defaults, with every field whose environment variable is set (and non-empty) overridden."""
        overrides = {
            spec.name: Path(environ[spec.metadata["env"]]).expanduser()
            for spec in fields(cls)
            if environ.get(spec.metadata["env"])
        }
        return cls(**overrides)


def help_text(name: str) -> str:
    """The help line of one setting, with its environment variable, for CLI option help."""
    spec = next(spec for spec in fields(Settings) if spec.name == name)
    return f"{spec.metadata['help']} Env: {spec.metadata['env']}."
