"""Strike reports as several sources write them: what is one event, what is a denial of it, and what is
only a mention (a ceasefire it followed, a street it hit, the weapon's name, a negated strike)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.candidate import EventCandidate
from frontwatch.model.document import Document
from frontwatch.model.place import Place
from frontwatch.model.vocab import GeoPrecision, Stance
from frontwatch.pipeline.events.assemble import extract_document, extract_events

PLACES: list[tuple[Place, list[str]]] = [
    (Place(587084, "Ganja", 40.6828, 46.3606, "AZ", "Ganja", "PPLA", 300000), []),
    (Place(585170, "Terter", 40.3419, 46.9322, "AZ", "Tartar", "PPLA2", 25000), []),
    (Place(174875, "Stepanakert", 39.8153, 46.7519, "AZ", "Xankandi", "PPLA", 55000), []),
    (Place(148640, "Fuzuli", 39.6003, 47.1431, "AZ", "Fuzuli", "PPLA2", 17000), []),
    (Place(148650, "Nagorno-Karabakh", 39.9, 46.7, "AZ", None, "RGN", 145000), []),
    (Place(524901, "Moscow", 55.7522, 37.6156, "RU", "Moscow", "PPLC", 10381222), []),
    (Place(710735, "Chernihiv", 51.5055, 31.2849, "UA", "Chernihiv", "PPLA", 294727), []),
    (Place(700001, "Shevchenko", 50.1, 30.1, "UA", "Kyiv", "PPL", 900), []),
    (Place(706483, "Kharkiv", 49.9808, 36.2527, "UA", "Kharkiv", "PPLA", 1430885), []),
    (Place(700002, "Grad", 45.2, 19.8, "RS", "Vojvodina", "PPL", 1200), []),
    (Place(698740, "Odesa", 46.4775, 30.7326, "UA", "Odessa", "PPLA", 1001558), []),
    (Place(745044, "Istanbul", 41.0138, 28.9497, "TR", "Istanbul", "PPLA", 14804116), []),
    (Place(367308, "Nyala", 12.0489, 24.8807, "SD", "South Darfur", "PPLA", 565000), []),
    (Place(365137, "Omdurman", 15.6445, 32.4777, "SD", "Khartoum", "PPL", 1200000), []),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places(PLACES)


def _document(text: str, published: date, title: str | None = None) -> Document:
    return Document(doc_id="d", text=text, title=title, published=published, language="en", updates=())


def _summary(events: list[EventCandidate]) -> list[tuple[str, str | None, str, str]]:
    return [
        (e.sub_event_type, e.place.name if e.place else None, e.claimed_by, str(e.stance)) for e in events
    ]


# (a) a ceasefire or "fighting" named in a strike report is no event of its own


def test_a_ceasefire_the_strike_followed_is_no_agreement(gazetteer: Gazetteer) -> None:
    text = (
        "A missile slammed into a row of houses in Ganja before dawn on Sunday, killing nine people, "
        "hours after a Russian-brokered ceasefire took effect."
    )
    events = extract_events(_document(text, date(2020, 10, 11)), gazetteer)
    assert [(e.sub_event_type, e.place.name if e.place else None) for e in events] == [
        ("Shelling/artillery/missile attack", "Ganja")
    ]


def test_a_ceasefire_agreed_that_day_is_still_an_agreement(gazetteer: Gazetteer) -> None:
    text = "Armenia and Azerbaijan agreed a humanitarian ceasefire in Moscow on Saturday."
    [event] = extract_events(_document(text, date(2020, 10, 10)), gazetteer)
    assert (event.sub_event_type, event.place.name if event.place else None) == ("Agreement", "Moscow")


def test_a_town_under_a_sides_fire_is_shelled_not_a_battle(gazetteer: Gazetteer) -> None:
    text = (
        "Azerbaijan said Ganja came under Armenian fire on Sunday, the first time the fighting reached "
        "a large town far from the front."
    )
    [event] = extract_events(_document(text, date(2020, 10, 4)), gazetteer)
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_an_attack_with_a_missile_is_a_missile_attack(gazetteer: Gazetteer) -> None:
    text = (
        "Human Rights Watch visited the site of the October 11 attack on Ganja and found remnants of a "
        "Scud-B ballistic missile."
    )
    [event] = extract_events(_document(text, date(2020, 10, 20)), gazetteer)
    assert (event.sub_event_type, event.date_earliest) == (
        "Shelling/artillery/missile attack",
        date(2020, 10, 11),
    )


def test_such_attacks_and_a_counter_offensive_take_no_place_from_the_strike(gazetteer: Gazetteer) -> None:
    text = (
        "Presidential aide Hikmet Hajiyev said on Sunday that Armenia had fired rockets at Terter. "
        "Such attacks on civilian infrastructure are a crime, he said. "
        "Azerbaijan said its forces had launched a counter-offensive."
    )
    events = extract_events(_document(text, date(2020, 10, 4)), gazetteer)
    assert [(e.sub_event_type, e.place.name if e.place else None) for e in events] == [
        ("Shelling/artillery/missile attack", "Terter")
    ]


def test_the_victims_of_a_shelling_are_its_toll_not_another_event(gazetteer: Gazetteer) -> None:
    text = (
        "Shells fired during clashes between the army and the RSF killed at least 39 civilians in Nyala "
        "on Tuesday, residents said. Rights groups called the strike a massacre."
    )
    [event] = extract_events(_document(text, date(2023, 8, 22)), gazetteer)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.killed is not None and (event.killed.minimum, event.killed.maximum) == (39, None)


def test_a_strike_the_day_before_is_no_event_of_this_sentence(gazetteer: Gazetteer) -> None:
    text = "A day after the deadly air raid, shells fell on Omdurman on Sunday, killing two children."
    [event] = extract_events(_document(text, date(2023, 7, 9)), gazetteer)
    assert (event.sub_event_type, event.date_earliest) == (
        "Shelling/artillery/missile attack",
        date(2023, 7, 9),
    )


def test_the_place_of_a_time_clause_is_not_the_strikes(gazetteer: Gazetteer) -> None:
    text = (
        "Russian cruise missiles struck the port of Odesa on Saturday, less than a day after Moscow and Kyiv "
        "signed deals in Istanbul to reopen the ports."
    )
    events = extract_events(_document(text, date(2022, 7, 23)), gazetteer)
    assert [(e.sub_event_type, e.place.name if e.place else None) for e in events] == [
        ("Shelling/artillery/missile attack", "Odesa")
    ]


def test_people_who_had_taken_shelter_are_no_capture(gazetteer: Gazetteer) -> None:
    text = (
        "Artillery fired on residential areas of Nyala on Tuesday, killing civilians who had taken shelter."
    )
    events = extract_events(_document(text, date(2023, 8, 22)), gazetteer)
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]


def test_a_capture_with_history_in_a_relative_clause_is_dated_today(gazetteer: Gazetteer) -> None:
    text = (
        "President Ilham Aliyev said on Saturday that the army had raised the flag over the city of Fuzuli, "
        "which it had lost in 1993."
    )
    [event] = extract_events(_document(text, date(2020, 10, 17)), gazetteer)
    assert (event.sub_event_type, event.date_earliest) == ("Government regains territory", date(2020, 10, 17))


# (b) streets, weapons and repeated names


def test_a_street_is_part_of_its_town(gazetteer: Gazetteer) -> None:
    text = (
        "People were queueing outside a bakery on Shevchenko street in Chernihiv on Wednesday morning "
        "when shells exploded among them."
    )
    [event] = extract_events(_document(text, date(2022, 3, 16)), gazetteer)
    assert (event.place.name if event.place else None, event.geo_precision) == (
        "Chernihiv",
        GeoPrecision.NEAR_TOWN,
    )


def test_a_neighbourhood_named_after_another_town_is_part_of_its_town(gazetteer: Gazetteer) -> None:
    text = "Artillery fire hit homes in the Shevchenko neighbourhood of Kharkiv on Saturday, killing three."
    [event] = extract_events(_document(text, date(2022, 3, 6)), gazetteer)
    assert (event.place.name if event.place else None, event.geo_precision) == (
        "Kharkiv",
        GeoPrecision.NEAR_TOWN,
    )


def test_a_weapons_name_is_no_place(gazetteer: Gazetteer) -> None:
    text = "Russian forces fired Grad rockets into residential districts of Kharkiv on Monday."
    [event] = extract_events(_document(text, date(2022, 2, 28)), gazetteer)
    assert event.place is not None and event.place.name == "Kharkiv"


def test_a_town_named_in_the_dateline_and_again_is_the_scene(gazetteer: Gazetteer) -> None:
    text = (
        "STEPANAKERT, Oct 4 (Wire) - Explosions shook Stepanakert, the main city of Nagorno-Karabakh, "
        "on Sunday as forces pounded it with rockets."
    )
    [event] = extract_events(_document(text, date(2020, 10, 4)), gazetteer)
    assert (event.place.name if event.place else None, event.geo_precision) == (
        "Stepanakert",
        GeoPrecision.TOWN,
    )


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Rockets hit Stepanakert, the main city of Nagorno-Karabakh, on Sunday, local officials said.",
            "Artsakh officials",
        ),
        ("Rockets hit Ganja on Sunday, local officials said.", "Azerbaijani officials"),
    ],
)
def test_local_officials_speak_for_the_authority_of_their_region(
    gazetteer: Gazetteer, text: str, claimant: str
) -> None:
    [event] = extract_events(_document(text, date(2020, 10, 4)), gazetteer)
    assert event.claimed_by == claimant


# (c) denials without event words


@pytest.mark.parametrize(
    ("denial", "claimant", "stance"),
    [
        ("Armenia denied it.", "Armenian officials", Stance.DENIES),
        ("Yerevan rejected the claims.", "Armenian officials", Stance.DISPUTES),
        (
            "The Armenian side dismissed the accusation as a provocation.",
            "Armenian officials",
            Stance.DISPUTES,
        ),
    ],
)
def test_a_denial_after_the_event_denies_that_event(
    gazetteer: Gazetteer, denial: str, claimant: str, stance: Stance
) -> None:
    text = (
        f"Rockets hit Terter on Monday, killing two civilians, Azerbaijan's defence ministry said. {denial}"
    )
    extraction = extract_document(_document(text, date(2020, 10, 12)), gazetteer)
    assert _summary(extraction.events) == [
        ("Shelling/artillery/missile attack", "Terter", "Azerbaijan Defence Ministry", str(Stance.CLAIMS)),
        ("Shelling/artillery/missile attack", "Terter", claimant, str(stance)),
    ]
    assert extraction.events[1].killed is None
    assert [e.claimed_by for e in extract_events(_document(text, date(2020, 10, 12)), gazetteer)] == [
        "Azerbaijan Defence Ministry"
    ]


def test_a_claim_denied_in_the_same_sentence(gazetteer: Gazetteer) -> None:
    text = "Azerbaijan said on Saturday its forces had taken the town of Fuzuli, a claim Armenia denied."
    extraction = extract_document(_document(text, date(2020, 10, 17)), gazetteer)
    assert [(e.claimed_by, e.stance) for e in extraction.events] == [
        ("Azerbaijani officials", Stance.CLAIMS),
        ("Armenian officials", Stance.DENIES),
    ]


def test_a_denial_of_a_claim_names_the_other_side_as_the_gainer(gazetteer: Gazetteer) -> None:
    text = "Defence ministry spokeswoman Shushan Stepanyan dismissed Baku's claim to have captured Fuzuli."
    [denial] = extract_document(_document(text, date(2020, 10, 17)), gazetteer).events
    assert (denial.sub_event_type, denial.actor1, denial.stance) == (
        "Government regains territory",
        "Military Forces of Azerbaijan",
        Stance.DISPUTES,
    )


def test_a_report_called_false_is_denied(gazetteer: Gazetteer) -> None:
    document = _document(
        "Reports spread by the Armenian side that our army struck civilian facilities in Stepanakert are "
        "completely false.",
        date(2020, 11, 2),
        title="Ministry of Defence of Azerbaijan: information as of 2 November 2020",
    )
    [denial] = extract_document(document, gazetteer).events
    assert (denial.claimed_by, denial.stance) == ("Azerbaijan Defence Ministry", Stance.DENIES)
    assert extract_events(document, gazetteer) == []


# (d) negated events


@pytest.mark.parametrize(
    "text",
    [
        "Shells did not hit Ganja on Sunday.",
        "There was no strike on Terter on Monday, local reporters said.",
        "Contrary to earlier reports, rockets never fell on Ganja on Sunday.",
    ],
)
def test_a_negated_strike_is_no_event_and_no_denial(gazetteer: Gazetteer, text: str) -> None:
    assert extract_document(_document(text, date(2020, 10, 12)), gazetteer).events == []


def test_a_party_saying_it_did_not_fire_denies_the_strike(gazetteer: Gazetteer) -> None:
    text = "The Artsakh Defence Army said on Saturday that its units had not fired at Ganja."
    document = _document(text, date(2020, 10, 17))
    [denial] = extract_document(document, gazetteer).events
    assert (denial.place.name if denial.place else None, denial.claimed_by, denial.stance) == (
        "Ganja",
        "Artsakh Defence Army",
        Stance.DENIES,
    )
    assert extract_events(document, gazetteer) == []


def test_a_title_does_not_turn_a_negated_strike_into_an_event(gazetteer: Gazetteer) -> None:
    document = replace(
        _document("Shells did not hit Ganja on Sunday.", date(2020, 10, 12)), title="Armenian MoD: update"
    )
    assert extract_events(document, gazetteer) == []


@pytest.mark.parametrize(
    ("text", "published", "sub_type", "place", "claimant", "actor1"),
    [
        (
            "Armenia's defence ministry said on Sunday that no fire was opened from the territory of Armenia "
            "towards Ganja.",
            date(2020, 10, 4),
            "Shelling/artillery/missile attack",
            "Ganja",
            "Armenia Defence Ministry",
            "Military Forces of Armenia",
        ),
        (
            "Russia's defence ministry said its aircraft did not carry out any missions over Kharkiv on "
            "Wednesday.",
            date(2022, 3, 17),
            "Air/drone strike",
            "Kharkiv",
            "Russia Defence Ministry",
            "Military Forces of Russia",
        ),
    ],
)
def test_a_party_denying_its_own_fire_is_the_accused_attacker(
    gazetteer: Gazetteer,
    text: str,
    published: date,
    sub_type: str,
    place: str,
    claimant: str,
    actor1: str,
) -> None:
    [denial] = extract_document(_document(text, published), gazetteer).events
    assert (
        denial.sub_event_type,
        denial.place.name if denial.place else None,
        denial.claimed_by,
        denial.stance,
        denial.actor1,
    ) == (sub_type, place, claimant, Stance.DENIES, actor1)


def test_an_undated_denial_answers_the_event_of_the_day_before(gazetteer: Gazetteer) -> None:
    text = "The Sudanese Armed Forces denied that its aircraft had struck a market in Omdurman."
    [denial] = extract_document(_document(text, date(2023, 7, 9)), gazetteer).events
    assert (denial.date_earliest, denial.date_latest) == (date(2023, 7, 8), date(2023, 7, 9))


def test_a_dated_denial_keeps_its_day(gazetteer: Gazetteer) -> None:
    text = "The Sudanese Armed Forces denied that its aircraft had struck a market in Omdurman on Sunday."
    [denial] = extract_document(_document(text, date(2023, 7, 11)), gazetteer).events
    assert (denial.date_earliest, denial.date_latest) == (date(2023, 7, 9), date(2023, 7, 9))


@pytest.mark.parametrize(
    "text",
    [
        "The governor of South Darfur, a critic of the RSF, was killed in Nyala on Wednesday.",
        "Gunmen on motorbikes killed a local journalist in Nyala on Wednesday.",
    ],
)
def test_the_killing_of_an_official_or_a_journalist_is_an_attack(gazetteer: Gazetteer, text: str) -> None:
    [event] = extract_events(_document(text, date(2023, 6, 15)), gazetteer)
    assert (event.sub_event_type, event.civilian_targeting) == ("Attack", True)


def test_a_road_between_two_towns_is_one_event_near_the_first(gazetteer: Gazetteer) -> None:
    text = "A drone hit a car on the road between Stepanakert and Fuzuli on Monday, killing two men."
    [event] = extract_events(_document(text, date(2020, 10, 19)), gazetteer)
    assert (event.place.name if event.place else None, event.geo_precision) == (
        "Stepanakert",
        GeoPrecision.NEAR_TOWN,
    )
    assert event.killed is not None and event.killed.minimum == 2


def test_a_towns_landmark_places_the_event_near_the_town(gazetteer: Gazetteer) -> None:
    text = "Two loud explosions were heard near the Odesa port on Sunday evening, residents said."
    [event] = extract_events(_document(text, date(2022, 7, 25)), gazetteer)
    assert (event.place.name if event.place else None, event.geo_precision) == (
        "Odesa",
        GeoPrecision.NEAR_TOWN,
    )


def test_a_missile_named_by_its_system_strikes(gazetteer: Gazetteer) -> None:
    text = "Investigators found that a Tochka-U with a cluster warhead struck the Kharkiv station on 8 April."
    [event] = extract_events(_document(text, date(2022, 4, 29)), gazetteer)
    assert (event.sub_event_type, event.date_earliest) == (
        "Shelling/artillery/missile attack",
        date(2022, 4, 8),
    )
