"""Weapon mentions: categories from a lexicon, the longest phrase winning."""

from __future__ import annotations

import pytest

from frontwatch.model.vocab import WeaponCategory as W
from frontwatch.pipeline.mentions.weapons import find_weapons


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A Bayraktar TB2 drone hit the convoy.", [W.DRONE, W.DRONE]),
        ("A Harop loitering munition struck the bus.", [W.LOITERING_MUNITION, W.LOITERING_MUNITION]),
        ("Residents filmed a kamikaze drone over the town.", [W.LOITERING_MUNITION]),
        ("Su-25 jets carried out an airstrike on the bridge.", [W.AIRSTRIKE, W.AIRSTRIKE, W.AIRSTRIKE]),
        ("Howitzers kept up the shelling all night.", [W.ARTILLERY, W.ARTILLERY]),
        ("Grad and Smerch rockets landed in the market.", [W.ROCKETS, W.ROCKETS, W.ROCKETS]),
        ("An Iskander ballistic missile was fired at Ganja.", [W.BALLISTIC_MISSILE, W.BALLISTIC_MISSILE]),
        ("Two cruise missiles hit the port.", [W.CRUISE_MISSILE]),
        ("Cluster munitions scattered bomblets across the yard.", [W.CLUSTER_MUNITION, W.CLUSTER_MUNITION]),
        ("Mortar fire hit the trenches.", [W.MORTAR]),
        ("A sniper wounded a farmer; gunfire continued.", [W.SMALL_ARMS, W.SMALL_ARMS]),
        ("A roadside bomb hit the patrol.", [W.IED]),
        ("Two deminers stepped on an anti-personnel mine.", [W.LANDMINE]),
        ("Tanks advanced and a grenade was thrown at the checkpoint.", [W.TANK, W.GRENADE]),
        ("Witnesses described white phosphorus burning in the forest.", [W.CHEMICAL]),
    ],
)
def test_weapon_categories(sentence: str, expected: list[W]) -> None:
    assert [m.category for m in find_weapons(sentence)] == expected


def test_kamikaze_drone_is_one_loitering_munition_not_a_drone() -> None:
    text = "A kamikaze drone hit the car."
    [mention] = find_weapons(text)
    assert (mention.text, mention.category) == ("kamikaze drone", W.LOITERING_MUNITION)
    assert mention.span.text_of(text) == "kamikaze drone"


def test_cruise_missile_is_not_also_a_generic_missile() -> None:
    assert [m.category for m in find_weapons("A cruise missile and a missile.")] == [
        W.CRUISE_MISSILE,
        W.MISSILE,
    ]


def test_range_limits_the_search() -> None:
    text = "Drones flew over. Artillery answered."
    assert [m.category for m in find_weapons(text, start=18)] == [W.ARTILLERY]


def test_words_inside_other_words_are_not_weapons() -> None:
    assert find_weapons("The tanker and the minesweeper's crew stayed in port.") == []
