"""The README is the newcomer's entry point: it must open with the two commands and name every verb."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from frontwatch.cli.main import VERBS, cli
from frontwatch.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["python3 bootstrap.py demo", "python3 bootstrap.py test"]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 bootstrap.py test" in ci.splitlines()


def test_every_cli_verb_is_documented_in_the_readme() -> None:
    assert set(cli.commands) == set(VERBS)
    for verb in VERBS:
        assert f"`frontwatch {verb}" in README, f"README does not document `frontwatch {verb}`"


def test_every_setting_is_documented_in_the_readme() -> None:
    for spec in fields(Settings):
        assert f"`{spec.metadata['env']}`" in README, f"README does not document {spec.metadata['env']}"
