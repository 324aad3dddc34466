"""Recognition and resolution on a small in-memory gazetteer: context filters and disambiguation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.geo.geoparse import geoparse
from frontwatch.model.place import Place

PLACES = {
    "baku": Place(587084, "Baku", 40.37767, 49.89201, "AZ", "Baki", "PPLC", 2_300_000),
    "yerevan": Place(616052, "Yerevan", 40.18111, 44.51361, "AM", "Yerevan", "PPLC", 1_093_485),
    "moscow": Place(524901, "Moscow", 55.75222, 37.61556, "RU", "Moscow", "PPLC", 10_381_222),
    "azerbaijan": Place(587116, "Azerbaijan", 40.5, 47.5, "AZ", None, "PCLI", 9_949_537),
    "armenia": Place(174982, "Armenia", 40.25, 45.0, "AM", None, "PCLI", 2_968_000),
    "karabakh": Place(-1, "Nagorno-Karabakh", 39.83, 46.75, "AZ", None, "ADMD", 145_000),
    "hadrut": Place(-2, "Hadrut", 39.5203, 47.0308, "AZ", None, "PPL", 3_000),
    "martuni_am": Place(616629, "Martuni", 40.1389, 45.3069, "AM", "Gegharkunik", "PPL", 12_000),
    "martuni_az": Place(-3, "Martuni", 39.7933, 47.1122, "AZ", None, "PPL", 5_000),
    "kherson": Place(706448, "Kherson", 46.65581, 32.6178, "UA", "Kherson", "PPLA", 300_000),
    "kherson_oblast": Place(-4, "Kherson", 46.75, 33.35, "UA", "Kherson", "ADM1", 1_000_000),
    "washington": Place(
        4140963, "Washington", 38.89511, -77.03637, "US", "Washington, D.C.", "PPLC", 689_545
    ),
    "jordan": Place(248816, "Jordan", 31.0, 36.0, "JO", None, "PCLI", 9_956_011),
    "victoria": Place(7839805, "Victoria", -37.0, 144.0, "AU", "Victoria", "ADM1", 6_000_000),
    "mosul": Place(99072, "Mosul", 36.335, 43.11889, "IQ", "Nineveh", "PPLA", 1_739_800),
    "march": Place(2643071, "March", 52.55131, 0.08828, "GB", "England", "PPL", 21_051),
    "paris": Place(2988507, "Paris", 48.85341, 2.3488, "FR", "Ile-de-France", "PPLC", 2_138_551),
    "paris_tx": Place(4717560, "Paris", 33.66094, -95.55551, "US", "Texas", "PPL", 24_782),
    "texas": Place(4736286, "Texas", 31.25044, -99.25061, "US", "Texas", "ADM1", 28_000_000),
}
ALTERNATES = {"karabakh": ["Artsakh", "Karabakh"], "baku": ["Baki", "Bakı"], "martuni_az": ["Khojavend"]}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places((place, ALTERNATES.get(key, [])) for key, place in PLACES.items())


def places_in(text: str, gazetteer: Gazetteer) -> dict[str, Place | None]:
    return {m.text: m.place for m in geoparse(text, gazetteer)}


def test_finds_and_resolves_places_with_offsets(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Hadrut, Nagorno-Karabakh, and residents fled towards Baku."
    mentions = geoparse(text, gazetteer)
    assert [(text[m.span.start : m.span.end], m.place and m.place.name) for m in mentions] == [
        ("Hadrut", "Hadrut"),
        ("Nagorno-Karabakh", "Nagorno-Karabakh"),
        ("Baku", "Baku"),
    ]
    assert all(0 < m.score <= 1 for m in mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Baku said the strike hit a military post.",
        "Yerevan denied the claim on Tuesday.",
        "The Moscow-brokered truce held for a day.",
        "Moscow has accused both sides of breaking it.",
    ],
)
def test_metonymic_capitals_are_not_locations(gazetteer: Gazetteer, text: str) -> None:
    assert places_in(text, gazetteer) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Jordan Peterson spoke to reporters.",
        "The Washington Post published the footage.",
        "Victoria Beckham wore a hat.",
        "Engineers inspected the Mosul dam.",
        "March was unusually cold.",
        "President Washington signed it.",
    ],
)
def test_person_names_features_and_common_words_are_rejected(gazetteer: Gazetteer, text: str) -> None:
    assert places_in(text, gazetteer) == {}


def test_literal_uses_of_the_same_names_are_kept(gazetteer: Gazetteer) -> None:
    found = places_in("Refugees reached Jordan in March, and talks opened in Washington.", gazetteer)
    assert set(found) == {"Jordan", "Washington"}


def test_surname_seen_after_a_first_name_is_not_a_place_later(gazetteer: Gazetteer) -> None:
    text = "The mayor, Tom Paris, visited the site. Later, Paris told residents to stay indoors."
    assert places_in(text, gazetteer) == {}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Fighting reached Martuni, Nagorno-Karabakh.", "AZ"),
        ("Protesters gathered in Martuni, Armenia.", "AM"),
    ],
)
def test_named_container_disambiguates_a_town_in_two_countries(
    gazetteer: Gazetteer, text: str, country: str
) -> None:
    place = places_in(text, gazetteer)["Martuni"]
    assert place is not None and place.country == country


def test_document_focus_picks_the_local_namesake(gazetteer: Gazetteer) -> None:
    text = "A storm hit north Texas. In Paris, the county seat, roofs were torn off."
    place = places_in(text, gazetteer)["Paris"]
    assert place is not None and place.admin1 == "Texas"
    place = places_in("Talks resumed in Paris on Monday.", gazetteer)["Paris"]
    assert place is not None and place.country == "FR"


def test_region_word_and_bare_name(gazetteer: Gazetteer) -> None:
    region = places_in("Strikes continued across the Kherson region.", gazetteer)["Kherson region"]
    town = places_in("Strikes continued in Kherson.", gazetteer)["Kherson"]
    assert region is not None and region.feature_code == "ADM1"
    assert town is not None and town.feature_code == "PPLA"


def test_given_spans_are_resolved_exactly_and_no_others(gazetteer: Gazetteer) -> None:
    text = "From Baku to Yerevan, via Atlantis."
    mentions = geoparse(text, gazetteer, [(13, 20), (26, 34)])
    assert [(m.span.start, m.span.end, m.text) for m in mentions] == [
        (13, 20, "Yerevan"),
        (26, 34, "Atlantis"),
    ]
    assert mentions[0].place == PLACES["yerevan"]
    assert mentions[1].place is None and mentions[1].score == 0.0


WORDS = st.sampled_from(
    [
        "Baku",
        "Yerevan",
        "said",
        "in",
        "near",
        "Jordan",
        "March",
        "Kherson",
        "region",
        "the",
        "Martuni,",
        "Armenia.",
        "Moscow-brokered",
        "Füzuli",
        "\n",
        "Nagorno-Karabakh",
        "Washington",
        "Post",
        "A",
        "’s",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=30), st.sampled_from([" ", "", "  "]))
def test_every_mention_lies_inside_the_text(gazetteer: Gazetteer, words: list[str], separator: str) -> None:
    text = separator.join(words)
    for mention in geoparse(text, gazetteer):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert mention.text == text[mention.span.start : mention.span.end]
