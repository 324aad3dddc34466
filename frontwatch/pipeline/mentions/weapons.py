"""Weapon mentions: means of attack normalised to a WeaponCategory."""

from __future__ import annotations

from functools import cache

from frontwatch.model.mention import WeaponMention
from frontwatch.model.vocab import WeaponCategory
from frontwatch.pipeline.mentions.lexicon import Lexicon

W = WeaponCategory
_PHRASES: tuple[tuple[WeaponCategory, tuple[str, ...]], ...] = (
    (
        W.LOITERING_MUNITION,
        (
            r"loitering munitions?",
            r"kamikaze drones?",
            r"suicide drones?",
            r"Harop\w*",
            r"Harpy",
            r"Shahed(?:-\d+)?s?",
            r"Lancets?",
            r"Orlan(?:-\d+)?",
        ),
    ),
    (
        W.DRONE,
        (
            r"drones?",
            r"UAVs?",
            r"unmanned (?:aerial|combat aerial) vehicles?",
            r"Bayraktars?(?: TB2s?)?",
            r"TB2s?",
            r"quadcopters?",
        ),
    ),
    (
        W.AIRSTRIKE,
        (
            r"air ?strikes?",
            r"air raids?",
            r"warplanes?",
            r"fighter jets?",
            r"jets",
            r"aircraft",
            r"aerial bombardment",
            r"(?:bombed|struck) from the air",
            r"air forces?",
            r"Su-\d+s?",
            r"helicopter gunships?",
            r"barrel bombs?",
        ),
    ),
    (
        W.ARTILLERY,
        (
            r"artillery",
            r"howitzers?",
            r"shell(?:ing|ed|s)?",
            r"bombardment",
            r"D-30s?",
            r"self-propelled guns?",
        ),
    ),
    (
        W.ROCKETS,
        (
            r"rockets?",
            r"Grads?",
            r"Smerch(?:es)?",
            r"Uragan",
            r"MLRS",
            r"HIMARS",
            r"multiple(?:-| )(?:launch )?rocket (?:launchers?|systems?)",
            r"Katyushas?",
        ),
    ),
    (
        W.BALLISTIC_MISSILE,
        (r"ballistic missiles?", r"Iskander(?:-M)?s?", r"Tochka(?:-U)?s?", r"Scuds?", r"Elbrus", r"LORA"),
    ),
    (W.CRUISE_MISSILE, (r"cruise missiles?", r"Kalibrs?", r"Kh-\d+s?")),
    (W.MISSILE, (r"missiles?",)),
    (W.CLUSTER_MUNITION, (r"cluster (?:munitions?|bombs?|rockets?|shells?)", r"bomblets?", r"submunitions?")),
    (W.MORTAR, (r"mortars?(?: (?:fire|shells?|rounds?|bombs?))?",)),
    (
        W.SMALL_ARMS,
        (
            r"small arms",
            r"small-arms fire",
            r"gunfire",
            r"gunmen",
            r"snipers?(?: fire)?",
            r"machine ?guns?(?: fire)?",
            r"automatic weapons",
            r"rifles?",
            r"shot dead",
            r"opened fire",
        ),
    ),
    (
        W.IED,
        (
            r"IEDs?",
            r"improvised explosive devices?",
            r"roadside bombs?",
            r"car bombs?",
            r"explosive devices?",
        ),
    ),
    (
        W.LANDMINE,
        (
            r"land ?mines?",
            r"anti-(?:tank|personnel) mines?",
            r"mine (?:blast|explosion)s?",
            r"(?:stepped|drove) on (?:a|an) (?:anti-(?:tank|personnel) )?mine",
        ),
    ),
    (W.TANK, (r"tanks?", r"T-72s?", r"T-90s?")),
    (W.GRENADE, (r"(?:hand |rocket-propelled )?grenades?", r"RPGs?")),
    (
        W.CHEMICAL,
        (
            r"chemical (?:weapons?|agents?|munitions?)",
            r"chlorine(?: gas)?",
            r"(?:white )?phosphorus",
            r"sarin",
            r"toxic gas",
        ),
    ),
)


_SUB_TYPES: dict[WeaponCategory, str] = {
    W.DRONE: "Air/drone strike",
    W.LOITERING_MUNITION: "Air/drone strike",
    W.AIRSTRIKE: "Air/drone strike",
    **dict.fromkeys(
        (
            W.ARTILLERY,
            W.ROCKETS,
            W.BALLISTIC_MISSILE,
            W.CRUISE_MISSILE,
            W.MISSILE,
            W.CLUSTER_MUNITION,
            W.MORTAR,
        ),
        "Shelling/artillery/missile attack",
    ),
    W.IED: "Remote explosive/landmine/IED",
    W.LANDMINE: "Remote explosive/landmine/IED",
}


def remote_sub_type(category: WeaponCategory) -> str | None:
    """The remote-violence sub-type an attack with this weapon is ("a missile" → shelling/artillery/missile
    attack, "a drone" → air/drone strike), None for weapons used at close range."""
    return _SUB_TYPES.get(category)


@cache
def weapon_lexicon() -> Lexicon[WeaponCategory]:
    """The built-in weapon lexicon."""
    return Lexicon((phrase, category) for category, phrases in _PHRASES for phrase in phrases)


def find_weapons(text: str, start: int = 0, end: int | None = None) -> list[WeaponMention]:
    """Weapons named in ``text[start:end]``; "kamikaze drone" is one loitering munition, not a drone."""
    return [
        WeaponMention(match.span, match.span.text_of(text), match.value)
        for match in weapon_lexicon().find(text, start, end)
    ]
