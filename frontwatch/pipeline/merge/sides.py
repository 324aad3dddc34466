"""Which side of a conflict a claimant speaks for, and which side an actor fights on."""

from __future__ import annotations

from functools import cache

from frontwatch.pipeline.mentions.actors import default_dictionaries
from frontwatch.pipeline.mentions.attribution import claimant_named


def claimant_side(claimed_by: str) -> str | None:
    """The side of a claimant named in ``claimants.yaml``; None for neutral or unknown claimants."""
    try:
        return claimant_named(claimed_by).side
    except KeyError:
        return None


@cache
def actor_side(actor: str | None) -> str | None:
    """The side an actor fights on per the conflict dictionaries; None for civilians and unknown actors."""
    for dictionary in default_dictionaries():
        for entry in dictionary.entries:
            if entry.name == actor and entry.side is not None:
                return entry.side
    return None
