"""Controlled vocabularies: ACLED's event taxonomy, precisions, claim stances, actor types."""

from __future__ import annotations

from enum import IntEnum, StrEnum

ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

EVENT_TYPE_OF_SUB_TYPE: dict[str, str] = {
    sub: event_type for event_type, subs in ACLED_TAXONOMY.items() for sub in subs
}


def event_type_of(sub_event_type: str) -> str:
    """ACLED's event type for one of its 25 sub-types; KeyError names the unknown sub-type."""
    try:
        return EVENT_TYPE_OF_SUB_TYPE[sub_event_type]
    except KeyError:
        raise KeyError(f"not an ACLED sub-event type: {sub_event_type!r}") from None


class DatePrecision(StrEnum):
    """The coarsest unit an expression pinned a date down to."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class GeoPrecision(IntEnum):
    """ACLED's geo precision: 1 the town itself, 2 near or part of a town, 3 only a larger region."""

    TOWN = 1
    NEAR_TOWN = 2
    REGION = 3


class Stance(StrEnum):
    """How a source stands towards an event it speaks of."""

    CLAIMS = "claims"
    REPORTS = "reports"
    CONFIRMS = "confirms"
    CORROBORATES = "corroborates"
    DENIES = "denies"
    DISPUTES = "disputes"

    @property
    def asserts(self) -> bool:
        """True unless the source denies or disputes the event."""
        return self not in (Stance.DENIES, Stance.DISPUTES)


class ActorType(StrEnum):
    """ACLED's actor (inter) types."""

    STATE_FORCES = "State forces"
    REBELS = "Rebel groups"
    POLITICAL_MILITIA = "Political militias"
    IDENTITY_MILITIA = "Identity militias"
    RIOTERS = "Rioters"
    PROTESTERS = "Protesters"
    CIVILIANS = "Civilians"
    EXTERNAL = "External/Other forces"


class WeaponCategory(StrEnum):
    """Means of attack, coarse enough to code consistently."""

    DRONE = "drone"
    LOITERING_MUNITION = "loitering munition"
    AIRSTRIKE = "airstrike"
    ARTILLERY = "artillery"
    ROCKETS = "rockets"
    BALLISTIC_MISSILE = "ballistic missile"
    CRUISE_MISSILE = "cruise missile"
    MISSILE = "missile"
    CLUSTER_MUNITION = "cluster munition"
    MORTAR = "mortar"
    SMALL_ARMS = "small arms"
    IED = "IED"
    LANDMINE = "landmine"
    TANK = "tank"
    GRENADE = "grenade"
    CHEMICAL = "chemical"


OUTLET = "outlet"
"""``claimed_by`` when the report states the event in its own voice."""
