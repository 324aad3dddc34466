"""The event-location helper: which place in a sentence is where the event happened, and how precisely."""

from __future__ import annotations

import pytest

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.geo.geoparse import geoparse
from frontwatch.geo.locate import locate
from frontwatch.model.place import Place
from frontwatch.model.vocab import GeoPrecision
from frontwatch.pipeline.normalize.sentences import split_sentences

GAZETTEER = Gazetteer.from_places(
    [
        (Place(587084, "Baku", 40.37767, 49.89201, "AZ", "Baki", "PPLC", 2_300_000), []),
        (Place(616052, "Yerevan", 40.18111, 44.51361, "AM", "Yerevan", "PPLC", 1_093_485), []),
        (Place(148106, "Füzuli", 39.60094, 47.14529, "AZ", "Fuzuli Rayon", "PPLA", 25_100), ["Fizuli"]),
        (Place(-18, "Fuzuli Rayon", 39.55, 47.15, "AZ", "Fuzuli Rayon", "ADM1", 40_800), ["Fizuli"]),
        (Place(-1, "Nagorno-Karabakh", 39.83, 46.75, "AZ", None, "ADMD", 145_000), ["Karabakh"]),
        (Place(146970, "Stepanakert", 39.8265, 46.7656, "AZ", "Xankandi", "PPLA", 55_000), []),
        (Place(587116, "Azerbaijan", 40.5, 47.5, "AZ", None, "PCLI", 9_949_537), []),
    ]
)


def located(text: str) -> tuple[str, GeoPrecision] | None:
    mentions = geoparse(text, GAZETTEER)
    result = locate(split_sentences(text)[0], mentions, text)
    return None if result is None else (result[0].text, result[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two civilians were killed in Stepanakert on Sunday.", ("Stepanakert", GeoPrecision.TOWN)),
        ("Artillery fire hit positions near Fizuli overnight.", ("Fizuli", GeoPrecision.NEAR_TOWN)),
        ("Shells fell on villages of the Fizuli district.", ("Fizuli district", GeoPrecision.NEAR_TOWN)),
        ("Fighting raged across Nagorno-Karabakh.", ("Nagorno-Karabakh", GeoPrecision.REGION)),
        ("Officials in Baku said drones struck Stepanakert.", ("Stepanakert", GeoPrecision.TOWN)),
        (
            "Azerbaijan's defence ministry reported clashes outside Stepanakert.",
            ("Stepanakert", GeoPrecision.NEAR_TOWN),
        ),
    ],
)
def test_event_place_and_precision(text: str, expected: tuple[str, GeoPrecision]) -> None:
    assert located(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck Stepanakert, officials said.",
        "Residents in Stepanakert reported three explosions before dawn.",
        "Shells fell on Stepanakert’s outskirts on Monday, an official said.",
    ],
)
def test_a_place_spoken_about_is_not_mistaken_for_a_speaker(text: str) -> None:
    result = located(text)
    assert result is not None and result[0] == "Stepanakert"


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Yerevan said the report was false.",
        "Yerevan has also denied the report.",
        "Yerevan’s foreign ministry rejected the claim.",
    ],
)
def test_speaker_place_alone_is_not_an_event_location(text: str) -> None:
    assert located(text) is None


def test_mentions_outside_the_sentence_are_ignored() -> None:
    text = "Drones struck Stepanakert. The talks will take place in Yerevan."
    mentions = geoparse(text, GAZETTEER)
    second = split_sentences(text)[1]
    result = locate(second, mentions, text)
    assert result is not None and result[0].text == "Yerevan"


UKRAINE = Gazetteer.from_places(
    [
        (Place(687700, "Zaporizhzhia", 47.82289, 35.19031, "UA", "Zaporizhzhia", "PPLA", 710_000), []),
        (Place(698131, "Orikhiv", 47.5677, 35.7849, "UA", "Zaporizhzhia", "PPL", 14_000), []),
        (Place(698740, "Odesa", 46.47747, 30.73262, "UA", "Odesa", "PPLA", 1_015_826), []),
        (Place(745044, "Istanbul", 41.01384, 28.94966, "TR", "Istanbul", "PPLA", 14_804_116), []),
        (Place(524901, "Moscow", 55.75222, 37.61556, "RU", "Moscow", "PPLC", 10_381_222), []),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the Zaporizhzhia direction, Ukrainian forces repelled an assault near Orikhiv.",
            ("Orikhiv", GeoPrecision.NEAR_TOWN),
        ),
        (
            "Two grain ships left the port of Odesa under the deal signed in Istanbul.",
            ("Odesa", GeoPrecision.TOWN),
        ),
        ("Both sides signed a ceasefire in Moscow on Saturday.", ("Moscow", GeoPrecision.TOWN)),
    ],
)
def test_a_front_sector_or_a_venue_of_talks_yields_to_the_scene(
    text: str, expected: tuple[str, GeoPrecision]
) -> None:
    result = locate(split_sentences(text)[0], geoparse(text, UKRAINE), text)
    assert result is not None and (result[0].text, result[1]) == expected
