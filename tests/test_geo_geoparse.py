"""Recognition and resolution on a small in-memory gazetteer: context filters and disambiguation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.geo.geoparse import geoparse
from frontwatch.model.place import Place
from frontwatch.pipeline.events.assemble import conflict_area
from frontwatch.pipeline.mentions.actors import default_dictionaries

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
    assert mentions[1].place == PLACES["yerevan"] and mentions[1].score < 0.1  # fallback, see below


def test_unknown_given_span_falls_back_to_the_place_named_as_its_container(gazetteer: Gazetteer) -> None:
    text = "Talks opened in Baku. Later, a drone hit Lenin Street in Kherson."
    spans = [(16, 20), (41, 53), (57, 64)]
    _, street, kherson = geoparse(text, gazetteer, spans)
    assert street.text == "Lenin Street" and street.place == kherson.place == PLACES["kherson"]
    assert street.score < 0.1 < kherson.score


def test_unknown_given_span_alone_in_its_sentence_takes_the_document_focus(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Yerevan. Yerevan was quiet by noon. Crowds later gathered on Liberty Avenue."
    spans = [(13, 20), (22, 29), (74, 88)]
    *_, avenue = geoparse(text, gazetteer, spans)
    assert avenue.place == PLACES["yerevan"] and avenue.score < 0.1


def test_unknown_given_span_with_nothing_resolved_stays_unresolved(gazetteer: Gazetteer) -> None:
    (mention,) = geoparse("Crowds gathered on Liberty Avenue.", gazetteer, [(19, 33)])
    assert mention.place is None and mention.score == 0.0


@pytest.mark.parametrize(
    ("text", "surface", "key"),
    [
        ("Strikes hit the city of Kherson overnight.", "the city of Kherson", "kherson"),
        ("Troops massed in northern Armenia.", "northern Armenia", "armenia"),
        (
            "The Kherson Military Administration reported damage.",
            "Kherson Military Administration",
            "kherson",
        ),
        ("Drones were launched at Azerbaijan's capital.", "Azerbaijan's capital", "azerbaijan"),
    ],
)
def test_given_span_resolves_through_its_head_name(
    gazetteer: Gazetteer, text: str, surface: str, key: str
) -> None:
    start = text.index(surface)
    (mention,) = geoparse(text, gazetteer, [(start, start + len(surface))])
    assert mention.place == PLACES[key] and mention.score > 0.1


def test_ambiguous_names_settle_on_one_consistent_reading() -> None:
    places = [
        Place(4068590, "Huntsville", 34.7304, -86.58594, "US", "Alabama", "PPL", 215_006),
        Place(4696202, "Huntsville", 30.72353, -95.55078, "US", "Texas", "PPL", 40_938),
        Place(-41, "Walker County", 30.74, -95.57, "US", "Texas", "ADM2", 41_978),
        Place(-42, "Walker County", 33.8, -87.3, "US", "Alabama", "ADM2", 22_452),
    ]
    gazetteer = Gazetteer.from_places((p, []) for p in places)
    text = "Deputies from Walker County searched a farm in Huntsville. In Walker County, roads were closed."
    found = [m.place for m in geoparse(text, gazetteer)]
    assert len(found) == 3 and all(p is not None for p in found)
    assert len({p.admin1 for p in found if p is not None}) == 1


def test_an_ocean_is_not_displaced_by_a_small_namesake_in_the_focus_country() -> None:
    places = [
        Place(3411923, "Atlantic Ocean", 10.0, -25.0, "", None, "OCN", 0),
        Place(4846834, "Atlantic", 41.4036, -95.01388, "US", "Iowa", "PPL", 6_792),
        Place(6252001, "United States", 39.76, -98.5, "US", None, "PCLI", 327_000_000),
    ]
    gazetteer = Gazetteer.from_places([(places[0], ["Atlantic"]), (places[1], []), (places[2], [])])
    text = "The storm formed over the Atlantic and reached the United States on Friday."
    assert places_in(text, gazetteer)["Atlantic"] == places[0]


def test_sentence_initial_word_or_acronym_before_a_place_is_no_first_name(gazetteer: Gazetteer) -> None:
    text = (
        "Overall Yerevan spent less, the overall budget shows. Reporters for ATV Baku filmed it. "
        "Drones hit Baku."
    )
    assert "Baku" in places_in(text, gazetteer)
    assert "Yerevan" in places_in(text + " Rain fell on Yerevan.", gazetteer)


def test_a_place_naming_its_local_services_is_kept(gazetteer: Gazetteer) -> None:
    found = places_in("Yerevan Environmental Services crews cleared the debris.", gazetteer)
    assert found == {"Yerevan": PLACES["yerevan"]}


def test_document_focus_resolves_a_town_named_in_two_countries(gazetteer: Gazetteer) -> None:
    text = "Fighting spread across Nagorno-Karabakh on Monday. Artillery hit Martuni overnight."
    place = places_in(text, gazetteer)["Martuni"]
    assert place == PLACES["martuni_az"]


def test_the_conflict_area_resolves_a_name_the_text_gives_no_clue_for(gazetteer: Gazetteer) -> None:
    text = "Relatives in Martuni buried a woman killed when a shell struck her courtyard."
    area = [PLACES["karabakh"]]
    [alone] = geoparse(text, gazetteer)
    [in_area] = geoparse(text, gazetteer, area=area)
    [given] = geoparse(text, gazetteer, [(13, 20)], area)
    assert alone.place == PLACES["martuni_am"]
    assert in_area.place == given.place == PLACES["martuni_az"]


@pytest.mark.parametrize(
    "text",
    [
        "Relatives in Martuni, two hours' drive from Yerevan, buried a woman killed by a shell.",
        "Relatives in Martuni in Gegharkunik buried a woman killed by a shell.",
        "Relatives in Martuni, Armenia, buried a woman killed by a shell.",
    ],
)
def test_the_conflict_area_never_outvotes_the_places_the_text_names(text: str) -> None:
    gegharkunik = Place(828261, "Gegharkunik", 40.35, 45.13, "AM", "Gegharkunik", "ADM1", 222_819)
    keys = ("martuni_am", "martuni_az", "karabakh", "yerevan", "armenia")
    gazetteer = Gazetteer.from_places([(gegharkunik, []), *((PLACES[key], []) for key in keys)])
    found = {m.text: m.place for m in geoparse(text, gazetteer, area=[PLACES["karabakh"]])}
    assert found["Martuni"] == PLACES["martuni_am"]


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


def test_lower_case_job_post_and_acronym_after_a_town_do_not_hide_it(gazetteer: Gazetteer) -> None:
    assert "Baku" in places_in("Her last day in the Baku post was Friday.", gazetteer)
    assert "Yerevan" in places_in("Volunteers from the Yerevan YMCA handed out blankets.", gazetteer)
    assert places_in("The Baku Post printed the claim.", gazetteer) == {}


def test_a_first_name_that_is_also_a_region_is_not_a_place() -> None:
    region = Place(1218665, "Mary", 37.5, 62.0, "TM", "Mary", "ADM1", 1_480_400)
    gazetteer = Gazetteer.from_places([(region, [])])
    assert places_in("Mary Wheeler, a teacher, spoke first.", gazetteer) == {}
    assert places_in("Floods hit Mary province on Monday.", gazetteer) == {"Mary province": region}


def test_head_name_far_from_the_documents_places_gives_way_to_the_fallback() -> None:
    kherson = PLACES["kherson"]
    namesake = Place(-50, "Lenin", 55.2, 61.4, "RU", "Chelyabinsk", "PPL", 900)
    gazetteer = Gazetteer.from_places([(kherson, []), (namesake, [])])
    text = "Crowds gathered in Lenin Park in Kherson."
    park, town = geoparse(text, gazetteer, [(19, 29), (33, 40)])
    assert town.place == kherson and park.place == kherson and park.score < 0.1
    (alone,) = geoparse("Crowds gathered in Lenin Park.", gazetteer, [(19, 29)])
    assert alone.place == namesake  # nothing in the document contradicts the head name


US_NAMESAKES = {
    "athens_ga": Place(4180386, "Athens", 33.96, -83.38, "US", "Georgia", "PPL", 115_452),
    "athens_tx": Place(4673353, "Athens", 32.20, -95.86, "US", "Texas", "PPL", 12_710),
    "henderson_nc": Place(-60, "Henderson County", 35.34, -82.48, "US", "North Carolina", "ADM2", 116_000),
    "henderson_tx": Place(-61, "Henderson County", 32.21, -95.85, "US", "Texas", "ADM2", 82_000),
    "barrow_ak": Place(5880054, "Barrow", 71.29, -156.79, "US", "Alaska", "PPL", 4_212),
    "barrow_county": Place(-62, "Barrow County", 33.99, -83.71, "US", "Georgia", "ADM2", 83_000),
    "jackson_ms": Place(4431410, "Jackson", 32.30, -90.18, "US", "Mississippi", "PPLA", 160_628),
    "jackson_county": Place(-63, "Jackson County", 34.13, -83.56, "US", "Georgia", "ADM2", 72_000),
}


@pytest.fixture(scope="module")
def us_gazetteer() -> Gazetteer:
    return Gazetteer.from_places((place, []) for place in US_NAMESAKES.values())


def given_spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(name), text.index(name) + len(name)) for name in names]


def test_two_ambiguous_names_pull_each_other_to_the_state_they_share(us_gazetteer: Gazetteer) -> None:
    text = "The Athens police booked him, and he was held at the Henderson County jail overnight."
    athens, county = geoparse(text, us_gazetteer, given_spans(text, "Athens", "Henderson County"))
    assert athens.place == US_NAMESAKES["athens_tx"]
    assert county.place == US_NAMESAKES["henderson_tx"]
    (alone,) = geoparse("The Athens police booked him.", us_gazetteer, [(4, 10)])
    assert alone.place == US_NAMESAKES["athens_ga"]  # no other name: the larger town


def test_a_name_listed_before_counties_is_the_county(us_gazetteer: Gazetteer) -> None:
    text = "Growth slowed in Barrow and Jackson counties last year."
    barrow, jackson = geoparse(text, us_gazetteer, given_spans(text, "Barrow", "Jackson"))
    assert barrow.place == US_NAMESAKES["barrow_county"]
    assert jackson.place == US_NAMESAKES["jackson_county"]
    assert places_in(text, us_gazetteer) == {
        "Barrow": US_NAMESAKES["barrow_county"],
        "Jackson": US_NAMESAKES["jackson_county"],
    }
    text = "Growth slowed in Barrow and Jackson last year."
    barrow, jackson = geoparse(text, us_gazetteer, given_spans(text, "Barrow", "Jackson"))
    assert barrow.place == US_NAMESAKES["barrow_ak"] and jackson.place == US_NAMESAKES["jackson_ms"]


def test_a_place_modifying_an_organisation_counts_when_the_document_names_it_as_a_place() -> None:
    dublin = Place(4153071, "Dublin", 40.0992, -83.1141, "US", "Ohio", "PPL", 41_751)
    gazetteer = Gazetteer.from_places([(dublin, [])])
    assert places_in("The Dublin Singers rehearse on Mondays.", gazetteer) == {}
    text = "The Dublin Singers rehearse on Mondays. The chorus was founded in Dublin in 1980."
    assert [m.text for m in geoparse(text, gazetteer)] == ["Dublin", "Dublin"]


def test_saint_abbreviation_joins_the_name_and_titles_mark_people() -> None:
    st_louis = Place(4407066, "St. Louis", 38.6273, -90.1979, "US", "Missouri", "PPLA2", 315_685)
    sanford = Place(4172086, "Sanford", 28.8003, -81.2731, "US", "Florida", "PPL", 58_605)
    mississippi = Place(4436296, "Mississippi", 32.75, -89.75, "US", "Mississippi", "ADM1", 2_967_297)
    gazetteer = Gazetteer.from_places([(st_louis, ["Saint Louis"]), (sanford, []), (mississippi, ["Miss"])])
    assert places_in("He was arrested in St. Louis on Friday.", gazetteer) == {"St. Louis": st_louis}
    assert places_in("Mr. Sanford wrote to the council.", gazetteer) == {}
    assert places_in("Miss Cordiner thanked the volunteers.", gazetteer) == {}
    assert places_in("She grew up in Sanford.", gazetteer) == {"Sanford": sanford}


def test_a_town_takes_the_reading_close_to_another_names_reading() -> None:
    paris_fr = Place(2988507, "Paris", 48.85341, 2.3488, "FR", "Ile-de-France", "PPLC", 2_138_551)
    paris_tn = Place(4646571, "Paris", 36.302, -88.3267, "US", "Tennessee", "PPL", 10_150)
    paris_ky = Place(4303602, "Paris", 38.2098, -84.2530, "US", "Kentucky", "PPL", 9_870)
    henry_tn = Place(-64, "Henry County", 36.33, -88.30, "US", "Tennessee", "ADM2", 10_150)
    henry_ky = Place(-65, "Henry County", 38.45, -85.12, "US", "Kentucky", "ADM2", 15_000)
    gazetteer = Gazetteer.from_places((p, []) for p in (paris_fr, paris_tn, paris_ky, henry_tn, henry_ky))
    text = "Paris police said the Henry County sheriff would take over the inquiry."
    paris, county = geoparse(text, gazetteer, given_spans(text, "Paris", "Henry County"))
    assert (paris.place, county.place) == (paris_tn, henry_tn)


def test_a_dotted_state_abbreviation_after_a_town_is_a_place_even_when_it_is_a_word() -> None:
    illinois = Place(4896861, "Illinois", 40.00032, -89.25037, "US", "Illinois", "ADM1", 12_830_632)
    bolingbrook = Place(4884192, "Bolingbrook", 41.69864, -88.06840, "US", "Illinois", "PPL", 73_366)
    gazetteer = Gazetteer.from_places([(illinois, ["Ill"]), (bolingbrook, [])])
    found = places_in("He rented flats in Bolingbrook, Ill., and Chicago.", gazetteer)
    assert found == {"Bolingbrook": bolingbrook, "Ill": illinois}
    assert places_in("Since March, Ill. residents have waited.", gazetteer) == {}
    assert places_in("She felt ill. Doctors came.", gazetteer) == {}


def test_adjectives_and_inhabitant_nouns_given_as_spans_resolve_to_their_place() -> None:
    oman = Place(286963, "Oman", 21.0, 57.0, "OM", None, "PCLI", 4_829_483)
    texas = PLACES["texas"]
    sicily = Place(2523119, "Sicily", 37.75, 14.25, "IT", "Sicily", "ADM1", 5_000_000)
    london = Place(2643743, "London", 51.50853, -0.12574, "GB", "England", "PPLC", 8_961_989)
    gazetteer = Gazetteer.from_places((p, []) for p in (oman, texas, sicily, london))
    text = "The Omani anthem opened the fair, where Texans sold Sicilian lemons to Londoners."
    words = ("Omani", "Texans", "Sicilian", "Londoners")
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    resolved = [m.place and m.place.name for m in geoparse(text, gazetteer, spans)]
    assert resolved == ["Oman", "Texas", "Sicily", "London"]


def test_an_adjective_that_names_no_place_stays_unresolved() -> None:
    gazetteer = Gazetteer.from_places([(PLACES["texas"], [])])
    text = "The Vulcan envoy arrived."
    assert geoparse(text, gazetteer, [(4, 10)])[0].place is None


def test_an_area_named_in_the_story_pulls_a_town_into_it_against_the_dateline_country() -> None:
    vardenis = Place(616187, "Vardenis", 40.18, 45.73, "AM", "Gegharkunik", "PPL", 12_000)
    places = [*(PLACES[k] for k in ("yerevan", "armenia", "karabakh", "martuni_am", "martuni_az")), vardenis]
    gazetteer = Gazetteer.from_places(
        (p, ALTERNATES.get(k, []))
        for k, p in zip(
            ("yerevan", "armenia", "karabakh", "martuni_am", "martuni_az", "vardenis"), places, strict=True
        )
    )
    text = (
        "YEREVAN, Oct 14 - Officials in Nagorno-Karabakh said Azerbaijani artillery shelled the town of "
        "Martuni on Wednesday. Armenia said an incursion near Vardenis had been repelled."
    )
    martuni = next(m for m in geoparse(text, gazetteer) if m.text == "Martuni")
    assert martuni.place is not None and martuni.place.country == "AZ"


def test_without_the_area_the_larger_namesake_keeps_the_name(gazetteer: Gazetteer) -> None:
    text = "Relatives in Martuni buried a woman killed when a shell struck her courtyard."
    assert places_in(text, gazetteer)["Martuni"] == PLACES["martuni_am"]


def test_a_small_town_listed_after_a_place_is_recognised() -> None:
    askeran = Place(-5, "Askeran", 39.9391, 46.83161, "AZ", None, "PPL", 1_639)
    gazetteer = Gazetteer.from_places([(PLACES["karabakh"], []), (askeran, []), (PLACES["martuni_az"], [])])
    text = "Rockets fell over Askeran and Martuni overnight, the Nagorno-Karabakh emergency service said."
    assert [m.text for m in geoparse(text, gazetteer)] == ["Askeran", "Martuni", "Nagorno-Karabakh"]


@pytest.mark.parametrize(
    "text",
    [
        "Critics said the Obama administration had moved too slowly on the rule.",
        "The companies must comply with Obama-era limits on flaring.",
        "Wanda Y. Martin, 39, was convicted of wire fraud. Martin ran the charity for six years.",
        "Their red 1991 Honda broke down near the gas station.",
    ],
)
def test_people_and_vehicles_named_like_small_towns_are_not_places(text: str) -> None:
    towns = [
        Place(1854629, "Obama", 35.5, 135.75, "JP", "Fukui", "PPL", 29_000),
        Place(4164186, "Martin", 36.34, -88.85, "US", "Tennessee", "PPL", 10_500),
        Place(1862415, "Honda", 35.0, 137.0, "JP", "Aichi", "PPL", 3_000),
    ]
    gazetteer = Gazetteer.from_places((town, []) for town in towns)
    assert geoparse(text, gazetteer) == []


def test_every_packaged_conflict_area_name_is_a_region_of_the_gazetteer(default_gazetteer: Gazetteer) -> None:
    for dictionary in default_dictionaries():
        regions = conflict_area(dictionary.area, default_gazetteer)
        assert len(regions) == len(dictionary.area), dictionary.conflict


@pytest.mark.parametrize(
    ("conflict", "text", "without", "within"),
    [
        ("Nagorno-Karabakh 2020", "Relatives in Martuni buried a woman.", "AM", "AZ"),
        ("Russia-Ukraine", "Shells fell on Dzerzhinsk overnight.", "RU", "UA"),
        ("Sudan", "Fighting was reported in Bara on Monday.", "NG", "SD"),
    ],
)
def test_a_conflict_area_moves_an_ambiguous_name_into_the_war(
    default_gazetteer: Gazetteer, conflict: str, text: str, without: str, within: str
) -> None:
    [dictionary] = [d for d in default_dictionaries() if d.conflict == conflict]
    area = conflict_area(dictionary.area, default_gazetteer)
    [alone] = geoparse(text, default_gazetteer)
    [in_area] = geoparse(text, default_gazetteer, area=area)
    assert alone.place is not None and alone.place.country == without
    assert in_area.place is not None and in_area.place.country == within


def test_a_nationality_adjective_describing_ground_is_its_country(default_gazetteer: Gazetteer) -> None:
    text = "Azerbaijani forces said they had pushed onto Armenian territory near the Syrian border."
    found = {m.text: m.place and m.place.name for m in geoparse(text, default_gazetteer, nationalities=False)}
    assert found == {"Armenian": "Armenia", "Syrian": "Syria"}


def test_a_small_namesake_far_from_the_story_gives_way_to_the_storys_place() -> None:
    london = Place(2643743, "London", 51.50853, -0.12574, "GB", "England", "PPLC", 8_961_989)
    gatwick = Place(2648657, "Gatwick", 51.15, -0.18, "GB", "England", "PPL", 1_000)
    heathrow_fl = Place(4158928, "Heathrow", 28.76, -81.37, "US", "Florida", "PPL", 5_896)
    gazetteer = Gazetteer.from_places((p, []) for p in (london, gatwick, heathrow_fl))
    text = (
        "Fog closed London City airport on Saturday. Flights into Gatwick were delayed, and at "
        "Heathrow crews waited for hours, London officials said."
    )
    heathrow = next(m for m in geoparse(text, gazetteer) if m.text == "Heathrow")
    assert heathrow.place == london  # the story's own place, named twice, not Heathrow, Florida
    assert heathrow.score < 0.12  # a stand-in, not a match


def test_one_county_after_a_list_is_not_the_listed_names_county() -> None:
    paris_tn = Place(4655186, "Paris", 36.302, -88.32671, "US", "Tennessee", "PPL", 10_150)
    paris_fr = PLACES["paris"]
    henry_tn = Place(4628462, "Henry County", 36.33, -88.30, "US", "Tennessee", "ADM2", 32_000)
    paris_county = Place(2968815, "Paris", 48.8566, 2.3522, "FR", "Ile-de-France", "ADM2", 2_138_551)
    gazetteer = Gazetteer.from_places((p, []) for p in (paris_tn, paris_fr, henry_tn, paris_county))
    text = "Paris and Henry County are rich in history, and the Paris library is its proof."
    first = geoparse(text, gazetteer, [(0, 5), (10, 22)])
    assert [m.place for m in first] == [paris_tn, henry_tn]


def test_a_fallback_named_in_a_region_takes_the_documents_town_in_it() -> None:
    cape_town = Place(3369157, "Cape Town", -33.92584, 18.42322, "ZA", "Western Cape", "PPL", 3_433_441)
    western_cape = Place(1085599, "Western Cape", -34.0, 20.0, "ZA", "Western Cape", "ADM1", 5_800_000)
    gazetteer = Gazetteer.from_places([(cape_town, []), (western_cape, [])])
    text = "Karl Bremer Hospital, Western Cape, serves the northern suburbs of Cape Town."
    spans = [(0, 20), (text.index("Western"), text.index(",", 22)), (text.index("Cape Town"), len(text) - 1)]
    hospital = geoparse(text, gazetteer, spans)[0]
    assert hospital.place == cape_town


def test_a_surname_after_a_first_name_that_is_also_a_town_is_not_a_place_later() -> None:
    fairfield = Place(4833320, "Fairfield", 41.14121, -73.26373, "US", "Connecticut", "PPL", 61_512)
    gazetteer = Gazetteer.from_places([(fairfield, [])])
    text = "Elizabeth Fairfield, 34, was indicted in March. Fairfield's trial starts on May 4."
    assert geoparse(text, gazetteer) == []


def test_a_small_division_needs_place_context_to_count() -> None:
    division = Place(3438735, "Jesus", -27.05, -55.75, "PY", "Itapua", "ADM2", 2_530)
    gazetteer = Gazetteer.from_places([(division, [])])
    assert geoparse('The pastor said: "You need Jesus in your life."', gazetteer) == []
    assert [m.text for m in geoparse("Floods cut the road to Jesus on Monday.", gazetteer)] == ["Jesus"]


def test_a_name_listed_with_states_is_the_state() -> None:
    washington_dc = PLACES["washington"]
    washington_state = Place(
        5815135, "Washington", 47.50012, -120.50147, "US", "Washington", "ADM1", 7_700_000
    )
    oregon = Place(5744337, "Oregon", 44.00013, -120.50139, "US", "Oregon", "ADM1", 4_200_000)
    baltimore = Place(4347778, "Baltimore", 39.29038, -76.61219, "US", "Maryland", "PPL", 602_495)
    gazetteer = Gazetteer.from_places((p, []) for p in (washington_dc, washington_state, oregon, baltimore))
    listed = "A Baltimore hospital backed the bill, modelled on Oregon and Washington laws."
    assert places_in(listed, gazetteer)["Washington"] == washington_state
    alone = "A Baltimore hospital backed the bill, which goes to Washington next."
    assert places_in(alone, gazetteer)["Washington"] == washington_dc


def test_a_bare_name_shared_by_an_oblast_and_its_city_is_the_city() -> None:
    oblast = Place(700567, "Mykolaiv", 47.3848, 31.6611, "UA", "Mykolaiv", "ADM1", 1_081_424)
    city = Place(700569, "Mykolayiv", 46.97625, 31.99296, "UA", "Mykolaiv", "PPL", 470_011)
    gazetteer = Gazetteer.from_places([(oblast, []), (city, ["Mykolaiv", "Nikolaev"])])
    assert places_in("Missiles struck Mykolaiv before dawn.", gazetteer)["Mykolaiv"] == city
    assert places_in("Drones hit the Mykolaiv region overnight.", gazetteer)["Mykolaiv region"] == oblast


def test_a_place_next_to_a_country_the_story_names_beats_a_larger_namesake_far_away() -> None:
    gaza = Place(281133, "Gaza", 31.50161, 34.46672, "PS", "Gaza Strip", "PPL", 410_000)
    gaza_mz = Place(1045110, "Gaza", -24.8448, 32.6614, "MZ", "Gaza", "ADM1", 384_964)
    israel = Place(294640, "Israel", 31.5, 34.75, "IL", None, "PCLI", 8_883_800)
    gazetteer = Gazetteer.from_places([(gaza, []), (gaza_mz, []), (israel, [])])
    assert places_in("Israel has blockaded Gaza for years.", gazetteer)["Gaza"] == gaza
    assert places_in("Floods in Gaza displaced farmers.", gazetteer)["Gaza"] == gaza_mz


NEWARK = Place(4520760, "Newark", 40.05812, -82.40126, "US", "Ohio", "PPL", 47_986)
SAN_ANTONIO = Place(4726206, "San Antonio", 29.42412, -98.49363, "US", "Texas", "PPL", 1_469_845)
CROMWELL = Place(4832294, "Cromwell", 41.59510, -72.64537, "US", "Connecticut", "PPL", 14_005)
KENT = Place(4394870, "Kent", 41.15367, -81.35789, "US", "Ohio", "PPL", 29_810)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 30, 2009 NEWARK -- Home sales rose again this month.", ["NEWARK"]),
        ("SAN ANTONIO Charles Barkley blasted the decision.", ["SAN ANTONIO"]),
        ("Candidate enters race. CROMWELL — The third Democrat joined the race.", ["CROMWELL"]),
        ("By KENT MALLETT Advocate Reporter. Home sales rose again.", []),
    ],
)
def test_a_dateline_in_capitals_is_a_place_and_a_byline_is_not(text: str, expected: list[str]) -> None:
    gazetteer = Gazetteer.from_places((p, []) for p in (NEWARK, SAN_ANTONIO, CROMWELL, KENT))
    assert [m.text for m in geoparse(text, gazetteer)] == expected


CHAPIN = Place(4574413, "Chapin", 34.16598, -81.34982, "US", "South Carolina", "PPL", 1_445)
DUBLIN_OH = Place(4519347, "Dublin", 40.09923, -83.11408, "US", "Ohio", "PPL", 41_751)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Chapin man died early Tuesday when his car struck a tree.", ["Chapin"]),
        ("Chapin police found the car on Tuesday.", ["Chapin"]),
        ("The Chapin family thanked the rescuers.", []),
    ],
)
def test_a_small_town_before_a_word_for_its_people_or_police_is_a_place(
    text: str, expected: list[str]
) -> None:
    gazetteer = Gazetteer.from_places([(CHAPIN, [])])
    assert [m.text for m in geoparse(text, gazetteer)] == expected


def test_a_word_the_document_puts_after_in_is_a_place_despite_a_name_like_use_elsewhere() -> None:
    gazetteer = Gazetteer.from_places([(DUBLIN_OH, [])])
    text = "Entries for the Distinctly Dublin calendar are open. Groups must be based in Dublin."
    assert [text[m.span.start : m.span.end] for m in geoparse(text, gazetteer)] == ["Dublin"]
    assert [m.span.start for m in geoparse(text, gazetteer)] == [text.rindex("Dublin")]


def test_a_name_right_after_a_speech_verb_and_before_a_stop_is_the_speaker() -> None:
    noma = Place(2331140, "Noma", 10.5, 7.5, "NG", "Kaduna", "PPL", 25_000)
    gazetteer = Gazetteer.from_places([(noma, [])])
    assert geoparse("“Nobody told me about the court case,” said Noma.", gazetteer) == []
    assert [m.text for m in geoparse("Floods cut the road to Noma.", gazetteer)] == ["Noma"]


def test_a_place_naming_a_body_counts_but_a_feature_named_after_a_town_does_not() -> None:
    florida = Place(4155751, "Florida", 28.75054, -82.5001, "US", "Florida", "ADM1", 16_383_160)
    gainesville = Place(4156404, "Gainesville", 29.65163, -82.32483, "US", "Florida", "PPL", 133_997)
    butler = Place(4513583, "Butler County", 39.43865, -84.57566, "US", "Ohio", "ADM2", 368_130)
    gazetteer = Gazetteer.from_places([(florida, []), (gainesville, []), (butler, []), (PLACES["mosul"], [])])
    assert [m.text for m in geoparse("A report by the Florida Highway Patrol said so.", gazetteer)] == [
        "Florida"
    ]
    assert [m.text for m in geoparse("The Gainesville Riding Club hosts the rodeo.", gazetteer)] == [
        "Gainesville"
    ]
    assert [
        m.text for m in geoparse("The Butler County Transportation Improvement District met.", gazetteer)
    ] == ["Butler County"]
    assert geoparse("Engineers inspected the Mosul dam again.", gazetteer) == []


def test_a_state_abbreviation_after_a_county_is_the_state() -> None:
    kane = Place(4896076, "Kane County", 41.93894, -88.42866, "US", "Illinois", "ADM2", 515_269)
    illinois = Place(4896861, "Illinois", 40.00032, -89.25037, "US", "Illinois", "ADM1", 12_830_632)
    gazetteer = Gazetteer.from_places([(kane, []), (illinois, ["Ill."])])
    text = "Labs such as Fermilab in Kane County, Ill., and others applied."
    assert [m.text for m in geoparse(text, gazetteer)] == ["Kane County", "Ill"]


def test_a_state_after_a_word_that_is_no_first_name_is_no_surname() -> None:
    minnesota = Place(5037779, "Minnesota", 46.25024, -94.25055, "US", "Minnesota", "ADM1", 5_300_000)
    gazetteer = Gazetteer.from_places([(minnesota, [])])
    text = "The head of Education Minnesota spoke. Minnesota schools closed on Monday."
    assert [m.span.start for m in geoparse(text, gazetteer)] == [
        text.index("Minnesota"),
        text.rindex("Minnesota"),
    ]
    assert geoparse("Superintendent Minnesota Bailey informed the board.", gazetteer) == []


def test_a_state_that_is_also_a_first_name_is_the_person_once_the_story_gives_her_surname() -> None:
    georgia = Place(4197000, "Georgia", 32.75042, -83.50018, "US", "Georgia", "ADM1", 9_687_653)
    alberta = Place(5883102, "Alberta", 52.28333, -117.46667, "CA", "Alberta", "ADM1", 3_645_257)
    gazetteer = Gazetteer.from_places([(georgia, []), (alberta, [])])
    text = "Georgia Stevens skates for Team Alberta. Georgia was sixth, said Cory Stevens."
    assert [m.text for m in geoparse(text, gazetteer)] == ["Alberta"]
    assert [m.text for m in geoparse("Georgia was hit by storms, officials in Atlanta said.", gazetteer)] == [
        "Georgia"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops were sent to the Mexico border on Friday.", ["Mexico"]),
        ("A water main broke in downtown Pineville on Monday.", ["Pineville"]),
        ("Sen. Jon Husted, R-Pineville, backed the bill.", ["Pineville"]),
    ],
)
def test_a_border_downtown_or_home_town_of_a_legislator_names_the_place(
    text: str, expected: list[str]
) -> None:
    mexico = Place(3996063, "Mexico", 23.0, -102.0, "MX", None, "PCLI", 126_190_788)
    pineville = Place(4336153, "Pineville", 31.32240, -92.43430, "US", "Louisiana", "PPL", 14_555)
    gazetteer = Gazetteer.from_places([(mexico, []), (pineville, [])])
    assert [m.text for m in geoparse(text, gazetteer)] == expected


def test_a_town_followed_by_its_state_is_a_place_not_a_modifier() -> None:
    maiduguri = Place(2331447, "Maiduguri", 11.84692, 13.15712, "NG", "Borno", "PPLA", 1_112_449)
    borno = Place(2346794, "Borno State", 11.5, 13.0, "NG", "Borno", "ADM1", 4_171_104)
    gazetteer = Gazetteer.from_places([(maiduguri, []), (borno, ["Borno"])])
    text = "Troops paraded at the headquarters in Maiduguri Borno State on Sunday."
    assert [m.text for m in geoparse(text, gazetteer)] == ["Maiduguri", "Borno State"]


def test_every_name_in_a_list_of_counties_is_its_county() -> None:
    def county(geonames_id: int, name: str, population: int) -> Place:
        return Place(geonames_id, f"{name} County", 33.6, -97.0, "US", "Texas", "ADM2", population)

    cooke, grayson, love = (
        county(4682500, "Cooke", 41_257),
        county(4694568, "Grayson", 136_212),
        county(4541539, "Love", 10_253),
    )
    grayson_town = Place(4294494, "Grayson", 38.33258, -82.94850, "US", "Kentucky", "PPL", 4_058)
    gazetteer = Gazetteer.from_places((p, []) for p in (cooke, grayson, love, grayson_town))
    text = "Girls from Cooke, Grayson and Love counties will compete."
    assert [m.place for m in geoparse(text, gazetteer)] == [cooke, grayson, love]


def test_a_town_inside_a_road_name_is_no_surname() -> None:
    edwardsville = Place(4238132, "Edwardsville", 38.81144, -89.95316, "US", "Illinois", "PPL", 24_992)
    gazetteer = Gazetteer.from_places([(edwardsville, [])])
    text = "The road meets Old Alton Edwardsville Road. Traffic flows through the city of Edwardsville."
    mentions = geoparse(text, gazetteer)
    assert [(m.text, m.place) for m in mentions] == [
        ("Old Alton Edwardsville Road", edwardsville),
        ("Edwardsville", edwardsville),
    ]
    assert mentions[1].span.start == text.rindex("Edwardsville")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The streetcar ran down Royal Street in New Orleans.", ["Royal Street", "New Orleans"]),
        ("Police closed Old Lexington Highway near New Orleans.", ["Old Lexington Highway", "New Orleans"]),
        ("The Wall Street Journal reported it from New Orleans.", ["New Orleans"]),
        ("Downing Street said talks in New Orleans went well.", ["New Orleans"]),
    ],
)
def test_a_named_street_or_road_is_a_place_in_the_town_named_with_it(text: str, expected: list[str]) -> None:
    new_orleans = Place(4335045, "New Orleans", 29.95465, -90.07507, "US", "Louisiana", "PPL", 362_701)
    gazetteer = Gazetteer.from_places([(new_orleans, [])])
    mentions = geoparse(text, gazetteer)
    assert [m.text for m in mentions] == expected
    assert all(m.place == new_orleans for m in mentions)


def test_an_ampersand_abbreviation_of_a_country_is_one_name() -> None:
    trinidad = Place(3573591, "Trinidad and Tobago", 11.0, -61.0, "TT", None, "PCLI", 1_389_858)
    gazetteer = Gazetteer.from_places([(trinidad, ["T&T"])])
    mentions = geoparse("He asked why T&T was not represented at the meeting.", gazetteer)
    assert [(m.text, m.place) for m in mentions] == [("T&T", trinidad)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Georgian side rejected the proposal and walked out of the talks.", {}),
        ("Two shells landed on the Georgian side of the border overnight.", {"Georgian": "Georgia"}),
        ("Shelling hit villages along the Syrian-Turkish border.", {"Syrian": "Syria", "Turkish": "Turkey"}),
    ],
)
def test_an_adjective_before_side_is_ground_only_as_a_side_of_something(
    default_gazetteer: Gazetteer, text: str, expected: dict[str, str]
) -> None:
    found = {m.text: m.place and m.place.name for m in geoparse(text, default_gazetteer, nationalities=False)}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Several West Wing aides resigned after the vote.", []),
        ("The president met the envoys in the Oval Office.", ["Oval Office"]),
        ("The White House said the talks would go on.", []),
        ("Reporters were barred from the White House on Friday.", ["White House"]),
    ],
)
def test_a_seat_of_power_is_a_place_only_where_someone_is_in_it(
    default_gazetteer: Gazetteer, text: str, expected: list[str]
) -> None:
    assert [m.text for m in geoparse(text, default_gazetteer)] == expected


def test_an_acronym_of_a_country_the_story_spells_out_is_that_country(default_gazetteer: Gazetteer) -> None:
    text = "Most South Africans work in cities. Unemployment in SA rose again, and the FBI took note."
    found = [(m.text, m.place and m.place.name) for m in geoparse(text, default_gazetteer)]
    assert found == [("SA", "South Africa")]


def test_an_acronym_no_place_in_the_story_spells_out_stays_unrecognised(default_gazetteer: Gazetteer) -> None:
    assert geoparse("Unemployment in SA rose again, officials said on Monday.", default_gazetteer) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Farmers along the Cauvery protested near Mysore.", "Cauvery"),
        ("The Kaveri river dispute went back to court.", "Kaveri"),
        ("Troops dug in along the Dnieper River.", "Dnieper River"),
    ],
)
def test_a_major_river_is_a_place(default_gazetteer: Gazetteer, text: str, expected: str) -> None:
    mentions = {m.text: m.place for m in geoparse(text, default_gazetteer)}
    place = mentions[expected]
    assert place is not None and place.feature_code == "STM"


def test_a_feature_after_a_town_is_still_not_the_town(gazetteer: Gazetteer) -> None:
    assert geoparse("Engineers inspected the Mosul dam on Sunday.", gazetteer) == []


@pytest.mark.parametrize(
    "text",
    [
        "Members met at the Millbrook Senior Center on Tuesday.",
        "The Millbrook School Board approved the budget.",
        "A spokesman for the Millbrook Volunteer Fire Department said nobody was hurt.",
        "Millbrook Police went to the house shortly after noon.",
        "Millbrook Mayor Ann Reyes said the road would reopen.",
    ],
)
def test_a_small_town_naming_its_public_body_is_a_place(text: str) -> None:
    millbrook = Place(5127000, "Millbrook", 41.78, -73.69, "US", "New York", "PPL", 1_400)
    mentions = geoparse(text, Gazetteer.from_places([(millbrook, [])]))
    assert [(m.text, m.place) for m in mentions] == [("Millbrook", millbrook)]


@pytest.mark.parametrize(
    "text",
    [
        "Children visited the Webb Center after school.",  # named after a person
        "He taught at the Flint Hills Christian School for years.",  # inside a longer name
    ],
)
def test_a_name_before_another_body_is_no_place(text: str) -> None:
    towns = [
        Place(4315588, "Webb", 31.7, -85.27, "US", "Alabama", "PPL", 1_400),
        Place(4178000, "Christian", 36.9, -87.5, "US", "Kentucky", "ADM2", 0),
    ]
    assert geoparse(text, Gazetteer.from_places((town, []) for town in towns)) == []


def test_a_speaker_after_a_governed_name_is_someone_else(gazetteer: Gazetteer) -> None:
    text = "Officials in central Texas say the river crested overnight."
    assert [(m.text, m.place and m.place.name) for m in geoparse(text, gazetteer)] == [("Texas", "Texas")]


def test_the_noun_states_after_a_country_is_no_speech() -> None:
    us = Place(6252001, "United States", 39.76, -98.5, "US", None, "PCLI", 327_167_434)
    gazetteer = Gazetteer.from_places([(us, ["U.S."])])
    mentions = geoparse("The plant supplies two U.S. states and Mexico.", gazetteer)
    assert [(m.text, m.place) for m in mentions] == [("U.S.", us)]


@pytest.mark.parametrize("text", ["It lost $US4.5 billion last year.", "A pension of 40 US dollars a month."])
def test_a_currency_is_no_place(text: str) -> None:
    us = Place(6252001, "United States", 39.76, -98.5, "US", None, "PCLI", 327_167_434)
    assert geoparse(text, Gazetteer.from_places([(us, ["US"])])) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wash your hands before meals, nurses said.", []),
        ("She won the Little Miss title at the fair.", []),
        ("He grew up in Seattle, Wash., before moving.", ["Wash."]),
    ],
)
def test_an_ordinary_word_is_a_state_only_as_a_dotted_abbreviation(text: str, expected: list[str]) -> None:
    washington = Place(5815135, "Washington", 47.50012, -120.50147, "US", "Washington", "ADM1", 7_170_351)
    mississippi = Place(4436296, "Mississippi", 32.75041, -89.75036, "US", "Mississippi", "ADM1", 2_967_297)
    gazetteer = Gazetteer.from_places([(washington, ["Wash"]), (mississippi, ["Miss"])])
    found = [
        text[m.span.start : m.span.end + 1] if m.text == "Wash" else m.text for m in geoparse(text, gazetteer)
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "road"),
    [
        ("A tanker overturned on U.S. Highway 59 north of Perham.", "U.S. Highway 59"),
        ("Floodwater closed County Road 12 outside Perham.", "County Road 12"),
        ("Traffic backed up on Interstate 94 near Perham.", "Interstate 94"),
    ],
)
def test_a_numbered_road_takes_the_town_named_with_it(text: str, road: str) -> None:
    perham = Place(5042773, "Perham", 46.59, -95.57, "US", "Minnesota", "PPL", 3_300)
    mentions = geoparse(text, Gazetteer.from_places([(perham, [])]))
    assert [(m.text, m.place) for m in mentions] == [(road, perham), ("Perham", perham)]


@pytest.mark.parametrize(
    ("text", "lake"),
    [
        ("Divers searched Lake Harmon near Perham on Sunday.", "Lake Harmon"),
        ("The car was found submerged in Silver Lake near Perham.", "Silver Lake"),
    ],
)
def test_a_named_lake_takes_the_town_named_with_it(text: str, lake: str) -> None:
    perham = Place(5042773, "Perham", 46.59, -95.57, "US", "Minnesota", "PPL", 3_300)
    mentions = geoparse(text, Gazetteer.from_places([(perham, [])]))
    assert [(m.text, m.place) for m in mentions] == [(lake, perham), ("Perham", perham)]


def test_a_legislators_home_is_a_county_without_the_word() -> None:
    county = Place(4802345, "Braxton County", 38.7, -80.72, "US", "West Virginia", "ADM2", 14_523)
    text = "The bill came from Delegate Brent Boggs, D-Braxton, who sponsored it."
    mentions = geoparse(text, Gazetteer.from_places([(county, [])]))
    assert [(m.text, m.place) for m in mentions] == [("Braxton", county)]


def test_a_towns_airport_names_the_town() -> None:
    amsterdam = Place(2759794, "Amsterdam", 52.37403, 4.88969, "NL", "North Holland", "PPLC", 741_636)
    mentions = geoparse(
        "A cap is in place at the Amsterdam airport.", Gazetteer.from_places([(amsterdam, [])])
    )
    assert [(m.text, m.place) for m in mentions] == [("Amsterdam", amsterdam)]


def test_a_full_title_word_ending_a_sentence_does_not_title_the_next_word(gazetteer: Gazetteer) -> None:
    text = "He was charged by the Ministry of Justice. Azerbaijan has jailed critics before."
    found = [(m.text, m.place and m.place.name) for m in geoparse(text, gazetteer)]
    assert found == [("Azerbaijan", "Azerbaijan")]


def test_a_saints_feast_day_is_no_place() -> None:
    st_patrick = Place(4407000, "Saint Patrick", 38.5, -90.0, "US", "Missouri", "PPL", 1_200)
    text = "Police urged drivers to stay safe on St. Patrick's Day in Perham."
    assert geoparse(text, Gazetteer.from_places([(st_patrick, ["St. Patrick"])])) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Neighborhood Improvement Coordination Effort, or NICE program, starts in May.",
        "NICE to tidy neighborhoods this spring.",
    ],
)
def test_a_town_name_in_capitals_as_an_acronym_is_no_place(text: str) -> None:
    nice = Place(2990440, "Nice", 43.70313, 7.26608, "FR", "Provence", "PPL", 338_620)
    assert geoparse(text, Gazetteer.from_places([(nice, [])])) == []


def test_a_dateline_in_capitals_is_still_a_place() -> None:
    nice = Place(2990440, "Nice", 43.70313, 7.26608, "FR", "Provence", "PPL", 338_620)
    mentions = geoparse("NICE — Police said the market would reopen.", Gazetteer.from_places([(nice, [])]))
    assert [(m.text, m.place) for m in mentions] == [("NICE", nice)]


@pytest.mark.parametrize(
    ("surface", "name"), [("Congress", "United States Capitol"), ("Arab", "Arabian Peninsula")]
)
def test_a_given_span_for_a_legislature_or_a_people_resolves_to_its_seat_or_land(
    default_gazetteer: Gazetteer, surface: str, name: str
) -> None:
    text = f"Officials said {surface} would weigh the sale before the summer."
    start = text.index(surface)
    [mention] = geoparse(text, default_gazetteer, spans=[(start, start + len(surface))])
    assert mention.place is not None and mention.place.name == name


def test_a_legislature_named_in_running_text_is_no_place(default_gazetteer: Gazetteer) -> None:
    assert geoparse("He will testify before Congress next week.", default_gazetteer) == []


def test_a_small_town_across_the_border_from_the_storys_place_is_no_stray() -> None:
    shusha = Place(147105, "Shusha", 39.76006, 46.74989, "AZ", "Susa", "PPL", 19_400)
    gazetteer = Gazetteer.from_places([(shusha, ["Shushi"]), (PLACES["yerevan"], [])])
    text = "Shells hit the upper town of Shushi on Sunday. Most families had already left for Yerevan."
    found = {m.text: m for m in geoparse(text, gazetteer)}
    assert found["Shushi"].place == shusha  # 240 km from Yerevan: a neighbour, not a far namesake
    assert found["Shushi"].score >= 0.12


def test_a_region_name_shared_with_a_town_elsewhere_stays_the_region() -> None:
    wyoming = Place(5843591, "Wyoming", 43.0, -107.5, "US", "Wyoming", "ADM1", 577_000)
    wyoming_mi = Place(5015688, "Wyoming", 42.91336, -85.70531, "US", "Michigan", "PPL", 75_275)
    gazetteer = Gazetteer.from_places((p, []) for p in (wyoming, wyoming_mi))
    # the Michigan town lies outside the state and is no capital: the bare name means the state
    found = places_in("A federal judge in Wyoming halted the rule on Friday.", gazetteer)
    assert found == {"Wyoming": wyoming}


def test_a_region_name_shared_with_a_big_town_inside_it_is_the_town() -> None:
    gazetteer = Gazetteer.from_places((PLACES[key], []) for key in ("kherson", "kherson_oblast"))
    assert places_in("Residents of Kherson queued for water.", gazetteer) == {"Kherson": PLACES["kherson"]}


def test_a_given_span_resolves_through_the_place_its_of_phrase_names_or_the_town_it_is_in() -> None:
    alberta = Place(5883102, "Alberta", 55.0, -115.0, "CA", "Alberta", "ADM1", 4_067_175)
    edmonton = Place(5946768, "Edmonton", 53.55014, -113.46871, "CA", "Alberta", "PPLA", 712_391)
    gazetteer = Gazetteer.from_places((p, []) for p in (alberta, edmonton))
    text = "Researchers at the University of Alberta tracked the wildfire smoke over Edmonton."
    names = ("University of Alberta", "Edmonton")
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    assert [m.place for m in geoparse(text, gazetteer, spans)] == [alberta, edmonton]
    text = "Researchers at the University of Alberta in Edmonton tracked the wildfire smoke."
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    university, _ = geoparse(text, gazetteer, spans)
    assert university.place == edmonton and university.score < 0.1  # where the university is


def test_a_name_listed_with_cities_is_the_city() -> None:
    new_york_state = Place(5128638, "New York", 43.0, -75.5, "US", "New York", "ADM1", 17_201_443)
    new_york_city = Place(5128581, "New York City", 40.71427, -74.00597, "US", "New York", "PPL", 8_804_190)
    miami = Place(4164138, "Miami", 25.77427, -80.19366, "US", "Florida", "PPL", 442_241)
    detroit = Place(4990729, "Detroit", 42.33143, -83.04575, "US", "Michigan", "PPL", 639_111)
    gazetteer = Gazetteer.from_places(
        [(new_york_state, []), (new_york_city, ["New York"]), (miami, []), (detroit, [])]
    )
    found = places_in("The firm has offices in Miami, New York and Detroit.", gazetteer)
    assert found == {"Miami": miami, "New York": new_york_city, "Detroit": detroit}
    assert places_in("Flooding closed roads across upstate New York on Monday.", gazetteer) == {
        "New York": new_york_state
    }


def test_given_spans_in_any_order_are_read_in_text_order() -> None:
    france = Place(3017382, "France", 46.0, 2.0, "FR", None, "PCLI", 66_987_244)
    gazetteer = Gazetteer.from_places(
        (p, []) for p in (france, PLACES["paris"], PLACES["paris_tx"], PLACES["texas"])
    )
    text = "Tourists from France landed in Paris, Texas, by mistake."
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Texas", "Paris", "France")]
    mentions = geoparse(text, gazetteer, spans)
    assert [m.text for m in mentions] == ["Texas", "Paris", "France"]  # the order they were given in
    assert mentions[1].place == PLACES["paris_tx"]  # 'Paris, Texas': its container comes next in the text


VIRGINIA = {
    "gainesville": Place(4758390, "Gainesville", 38.79567, -77.61388, "US", "Virginia", "PPL", 11_481),
    "haymarket": Place(4762894, "Haymarket", 38.81206, -77.63638, "US", "Virginia", "PPL", 1_782),
    "manassas": Place(4771401, "Manassas", 38.75095, -77.47527, "US", "Virginia", "PPL", 41_085),
    "virginia": Place(6254928, "Virginia", 37.54812, -77.44675, "US", "Virginia", "ADM1", 8_001_024),
    "charleston": Place(4574324, "Charleston", 32.77657, -79.93092, "US", "South Carolina", "PPL", 132_609),
}


def test_a_name_the_gazetteer_lacks_takes_the_town_the_story_clusters_around() -> None:
    gazetteer = Gazetteer.from_places((place, []) for place in VIRGINIA.values())
    text = (
        "The estate sits between Haymarket and Gainesville in Virginia. Buyers shop in Manassas. "
        "One owner said the brick fronts recall Charleston, as Charleston porches do. "
        "Children walk to Buckland Elementary."
    )
    names = [
        "Haymarket",
        "Gainesville",
        "Virginia",
        "Manassas",
        "Charleston",
        "Charleston",
        "Buckland Elementary",
    ]
    spans, start = [], 0
    for name in names:
        start = text.index(name, start)
        spans.append((start, start + len(name)))
        start += len(name)
    *_, charleston, school = geoparse(text, gazetteer, spans)
    assert charleston.place == VIRGINIA["charleston"]  # named most often, but far from the rest
    assert school.place is not None and school.place.admin1 == "Virginia" and school.score < 0.1


def test_a_village_far_from_the_region_a_story_keeps_to_gives_way_to_the_storys_town() -> None:
    towns = [
        Place(4330145, "Lafayette", 30.22409, -92.01984, "US", "Louisiana", "PPL", 121_374),
        Place(4328010, "Houma", 29.59577, -90.71953, "US", "Louisiana", "PPL", 33_727),
        Place(4336153, "Thibodaux", 29.79576, -90.82287, "US", "Louisiana", "PPL", 14_566),
        Place(4378102, "Bourbon", 38.15477, -91.24403, "US", "Missouri", "PPL", 1_621),
        Place(4254679, "Bourbon", 41.29588, -86.11611, "US", "Indiana", "PPL", 1_810),
    ]
    gazetteer = Gazetteer.from_places((town, []) for town in towns)
    text = "Storms flooded Lafayette, Houma and Thibodaux on Monday. Crews cleared Bourbon by noon."
    *_, bourbon = geoparse(text, gazetteer, given_spans(text, "Lafayette", "Houma", "Thibodaux", "Bourbon"))
    assert bourbon.place is not None and bourbon.place.admin1 == "Louisiana" and bourbon.score < 0.1
    (alone,) = geoparse("Crews cleared Bourbon by noon.", gazetteer, [(14, 21)])
    assert alone.place in towns[-2:]  # with no story around it, a reading of the name stands


def test_the_only_town_of_its_name_stays_however_far_from_the_rest_of_the_story() -> None:
    towns = [
        Place(379252, "Khartoum", 15.55177, 32.53241, "SD", "Khartoum", "PPLC", 1_974_647),
        Place(365137, "Omdurman", 15.64453, 32.47773, "SD", "Khartoum", "PPL", 1_200_000),
        Place(367644, "Merowe", 18.4833, 31.8167, "SD", "Northern", "PPL", 10_000),
    ]
    gazetteer = Gazetteer.from_places((town, []) for town in towns)
    text = (
        "KHARTOUM - Gunfire rocked Khartoum and Omdurman. Fighting also broke out in the northern "
        "town of Merowe, where the RSF said it had taken the airport, Khartoum officials said."
    )
    merowe = next(m for m in geoparse(text, gazetteer) if m.text == "Merowe")
    assert merowe.place == towns[-1]


def test_an_acronym_is_not_a_town_that_happens_to_be_spelled_like_it() -> None:
    oas = Place(1697497, "Oas", 13.25889, 123.49833, "PH", "Bicol", "PPL", 64_890)
    gazetteer = Gazetteer.from_places([(oas, []), (PLACES["washington"], [])])
    text = "Envoys skipped a meeting at the OAS in Washington on Friday."
    acronym, _ = geoparse(text, gazetteer, given_spans(text, "OAS", "Washington"))
    assert acronym.place == PLACES["washington"] and acronym.score < 0.1


def test_a_named_region_takes_the_storys_town_inside_it() -> None:
    seattle = Place(5809844, "Seattle", 47.60621, -122.33207, "US", "Washington", "PPL", 737_015)
    state = Place(5815135, "Washington", 47.50012, -120.50147, "US", "Washington", "ADM1", 7_705_281)
    gazetteer = Gazetteer.from_places([(seattle, []), (state, ["Wash."])])
    text = "CAMP MURRAY, Wash. - The unit flew home to Seattle after a week in Seattle's port."
    camp, *_ = geoparse(text, gazetteer, given_spans(text, "CAMP MURRAY", "Wash.", "Seattle"))
    assert camp.place == seattle and camp.score < 0.1


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("The Bank of Japan kept rates on hold.", "Bank of Japan", "Japan"),
        ("Markets watched the US Federal Reserve.", "US Federal Reserve", "United States"),
        ("A secretary at the British Embassy Tokyo spoke.", "British Embassy Tokyo", "Tokyo"),
        ("The European Central Bank will keep policy loose.", "European Central Bank", "Europe"),
        ("Ties between Russia and the West are strained.", "West", "Western Europe"),
        ("Two dozen Western countries expelled diplomats.", "Western", "Western Europe"),
        ("Millions of South Africans rely on mines, and SA holds the reserves.", "SA", "South Africa"),
        ("It ended Austro-Hungarian rule in Bosnia.", "Austro", "Austria"),
    ],
)
def test_a_given_span_resolves_through_the_place_or_people_it_names(
    default_gazetteer: Gazetteer, text: str, surface: str, name: str
) -> None:
    start = text.index(surface)
    (mention,) = geoparse(text, default_gazetteer, [(start, start + len(surface))])
    assert mention.place is not None and mention.place.name == name


def test_a_direction_named_region_abroad_is_left_unresolved_not_placed_on_another_continent() -> None:
    west_coast_nz = Place(2179538, "West Coast", -42.45, 171.21, "NZ", "West Coast", "ADM1", 32_400)
    greymouth = Place(2206874, "Greymouth", -42.45, 171.21, "NZ", "West Coast", "PPL", 9_700)
    los_angeles = Place(5368361, "Los Angeles", 34.05223, -118.24368, "US", "California", "PPL", 3_971_883)
    gazetteer = Gazetteer.from_places((p, []) for p in (west_coast_nz, greymouth, los_angeles))
    text = "The prince spent the week on the West Coast, meeting studio heads in Los Angeles."
    coast, _ = geoparse(text, gazetteer, given_spans(text, "West Coast", "Los Angeles"))
    assert coast.place is None and coast.score == 0.0
    text = "Floods cut roads near Greymouth, and the West Coast council declared an emergency."
    _, coast = geoparse(text, gazetteer, given_spans(text, "Greymouth", "West Coast"))
    assert coast.place == west_coast_nz


def test_a_dateline_from_the_capital_does_not_pull_a_far_town_of_an_ambiguous_name_into_it() -> None:
    baku = Place(587084, "Baku", 40.37767, 49.89201, "AZ", "Baki", "PPLC", 2_300_000)
    sumqayit = Place(584923, "Sumqayit", 40.58972, 49.66861, "AZ", "Sumqayit", "PPLA", 265_150)
    zangilan = Place(146970, "Zangilan", 39.08611, 46.65250, "AZ", "Zangilan", "PPL", 6_000)
    zangilan_tr = Place(737000, "Zangilan", 39.9, 43.1, "TR", "Kars", "PPL", 300)
    iran = Place(130758, "Iran", 32.0, 53.0, "IR", None, "PCLI", 81_800_269)
    gazetteer = Gazetteer.from_places((p, []) for p in (baku, sumqayit, zangilan, zangilan_tr, iran))
    text = (
        "BAKU, Oct 20 - Troops took the town of Zangilan, near the border with Iran, officials in Baku "
        "said, and families in Sumqayit and Baku celebrated."
    )
    zangilan_mention = next(m for m in geoparse(text, gazetteer) if m.text == "Zangilan")
    assert zangilan_mention.place == zangilan


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        (
            "The President then visited the Embassy of the Republic of Armenia in the Holy See.",
            "Embassy of the Republic of Armenia",
            "Vatican",
        ),
        (
            "She was admitted to California State University at San Marcos last week.",
            "California State University",
            "San Marcos",
        ),
        ("Delegates met at the Embassy of Armenia in Rome on Friday.", "Embassy of Armenia", "Rome"),
        ("The Republic of Armenia in the Holy See has an embassy.", "Republic of Armenia", "Armenia"),
    ],
)
def test_a_name_said_to_be_somewhere_else_than_the_place_inside_it_is_placed_there(
    default_gazetteer: Gazetteer, text: str, surface: str, name: str
) -> None:
    container = next(word for word in ("Holy See", "San Marcos", "Rome") if word in text)
    first, _ = geoparse(text, default_gazetteer, given_spans(text, surface, container))
    assert first.place is not None and first.place.name == name


def test_a_name_with_an_inner_apostrophe_is_one_name_and_a_possessive_is_not_part_of_it() -> None:
    sanaa = Place(71137, "Sanaa", 15.35472, 44.20667, "YE", "Amanat Alasimah", "PPLC", 1_937_451)
    gazetteer = Gazetteer.from_places([(sanaa, ["Sana'a"]), (PLACES["kherson"], [])])
    found = geoparse("Strikes hit Sana'a overnight, and Kherson's mayor spoke.", gazetteer)
    assert [(m.text, m.place) for m in found] == [("Sana'a", sanaa), ("Kherson", PLACES["kherson"])]


def test_a_nationality_naming_an_actor_is_no_place_and_one_modifying_anything_else_is_its_country(
    default_gazetteer: Gazetteer,
) -> None:
    text = "Azerbaijani forces shelled Stepanakert, Armenian officials said, as Syrian mercenaries fought."
    found = {m.text: m.place and m.place.name for m in geoparse(text, default_gazetteer)}
    assert found == {"Stepanakert": "Khankendi", "Syrian": "Syria"}
    assert [m.text for m in geoparse(text, default_gazetteer, nationalities=False)] == ["Stepanakert"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "South African exports to Mozambique rose.",
            [("South African", "South Africa"), ("Mozambique", "Mozambique")],
        ),
        ("Sri Lankan and Indian fishermen met.", [("Sri Lankan", "Sri Lanka"), ("Indian", "India")]),
        ("Russian diplomats and the Turkish government said so.", []),
        ("Most Canadians and Saudis backed the deal.", []),
        ("The Irish will play in the final.", []),
        ("She learned English after moving.", []),
        ("Native American artifacts were found.", []),
        ("African Americans marched.", []),
    ],
)
def test_a_nationality_is_its_country_as_a_modifier_not_as_an_actor_a_people_or_a_language(
    default_gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.place and m.place.name) for m in geoparse(text, default_gazetteer)] == expected


def test_a_city_named_before_its_suburb_stays_the_city() -> None:
    cincinnati = Place(4508722, "Cincinnati", 39.12711, -84.51439, "US", "Ohio", "PPL", 309_317)
    west_chester_pa = Place(4562407, "West Chester", 39.96097, -75.60804, "US", "Pennsylvania", "PPL", 19_842)
    gazetteer = Gazetteer.from_places([(cincinnati, []), (west_chester_pa, [])])
    text = "The shooting happened in the Cincinnati suburb of West Chester on Friday."
    cincinnati_mention, _ = geoparse(text, gazetteer)
    assert cincinnati_mention.place == cincinnati  # not the only West Chester the gazetteer knows
