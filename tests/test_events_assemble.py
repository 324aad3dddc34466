"""Assembly rules on whole documents: dates, merging, territorial sub-types, claimants, live-blog updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from frontwatch.errors import ExtractionError
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.document import Document, Update
from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.span import Span
from frontwatch.model.vocab import Stance
from frontwatch.pipeline.events.assemble import extract_document, extract_events, find_mentions

PLACES = [
    (Place(174875, "Stepanakert", 39.8153, 46.7519, "AZ", "Xankandi", "PPLA", 55000), []),
    (Place(585170, "Terter", 40.3419, 46.9322, "AZ", "Tartar", "PPLA2", 25000), []),
    (Place(148616, "Hadrut", 39.5200, 47.0300, "AZ", "Khojavend", "PPL", 25000), []),
    (Place(367308, "Nyala", 12.0489, 24.8807, "SD", "South Darfur", "PPLA", 565000), []),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places(PLACES)


def _document(
    text: str, published: date | None = date(2020, 10, 12), updates: tuple[Update, ...] = ()
) -> Document:
    return Document(doc_id="d", text=text, title=None, published=published, language="en", updates=updates)


def test_two_reports_of_one_shelling_merge_keeping_the_larger_toll(gazetteer: Gazetteer) -> None:
    text = (
        "Rockets hit Terter on Sunday, killing two people. "
        "Later on Sunday rockets again struck Terter, killing at least four people, the ministry of defence "
        "of Azerbaijan said."
    )
    [event] = extract_events(_document(text), gazetteer)
    assert event.killed is not None and (event.killed.minimum, event.killed.maximum) == (4, None)
    assert len(event.evidence) == 2
    assert event.claimed_by == "Azerbaijan Defence Ministry"


def test_government_regains_only_its_own_territory(gazetteer: Gazetteer) -> None:
    text = (
        "Azerbaijani forces recaptured Hadrut on October 9. RSF fighters took control of Nyala on October 10."
    )
    events = extract_events(_document(text), gazetteer)
    assert [(e.place.name if e.place else None, e.sub_event_type, e.actor1) for e in events] == [
        ("Hadrut", "Government regains territory", "Military Forces of Azerbaijan"),
        ("Nyala", "Non-state actor overtakes territory", "Rapid Support Forces"),
    ]


def test_intercepted_drone_is_credited_to_the_claimant_side(gazetteer: Gazetteer) -> None:
    text = "Air defence shot down two drones over Stepanakert on Saturday, officials in Artsakh said."
    [event] = extract_events(_document(text), gazetteer)
    assert event.sub_event_type == "Disrupted weapons use"
    assert (event.actor1, event.actor2) == ("Military Forces of Armenia", "Military Forces of Azerbaijan")
    assert event.civilian_targeting is False


def test_live_blog_update_gives_the_date_when_the_sentence_has_none(gazetteer: Gazetteer) -> None:
    first = "Shelling hit Stepanakert, residents said."
    second = "Explosions rocked Terter."
    text = f"{first}\n\n{second}"
    updates = (
        Update(Span(0, len(first)), date(2020, 10, 3)),
        Update(Span(len(first) + 2, len(text)), date(2020, 10, 5)),
    )
    events = extract_events(_document(text, updates=updates), gazetteer)
    assert [(e.place.name if e.place else None, e.date_earliest) for e in events] == [
        ("Stepanakert", date(2020, 10, 3)),
        ("Terter", date(2020, 10, 5)),
    ]


def test_events_dated_long_before_the_report_are_background(gazetteer: Gazetteer) -> None:
    text = "On April 2, 2016, Azerbaijani forces shelled Terter."
    assert extract_events(_document(text), gazetteer) == []


def test_unattributed_sentences_take_the_prevailing_claimant(gazetteer: Gazetteer) -> None:
    text = (
        "Artsakh officials said the city was calm in the morning. Rockets hit Stepanakert on Monday evening."
    )
    [event] = extract_events(_document(text), gazetteer)
    assert (event.claimed_by, event.partisan) == ("Artsakh officials", True)


def test_a_report_with_no_claimant_speaks_in_its_own_voice(gazetteer: Gazetteer) -> None:
    [event] = extract_events(_document("Rockets hit Stepanakert on Monday."), gazetteer)
    assert (event.claimed_by, str(event.stance)) == ("outlet", "reports")


def test_non_english_documents_raise_extraction_error(gazetteer: Gazetteer) -> None:
    document = Document(
        doc_id="d", text="Raketen trafen Stepanakert.", title=None, published=None, language="de"
    )
    with pytest.raises(ExtractionError, match="only English"):
        extract_events(document, gazetteer)


SUDAN = [
    (Place(379252, "Khartoum", 15.5518, 32.5324, "SD", "Khartoum", "PPLC", 1974647), []),
    (Place(365137, "Khartoum North", 15.6407, 32.5224, "SD", "Khartoum", "PPL", 1012211), ["Bahri"]),
    (Place(379555, "El Fasher", 13.6279, 25.3494, "SD", "Northern Darfur", "PPL", 252609), []),
    (Place(366755, "Sudan", 15.5, 30.0, "SD", None, "PCLI", 43849269), []),
]


@pytest.fixture(scope="module")
def sudan() -> Gazetteer:
    return Gazetteer.from_places(SUDAN)


def test_a_coordinated_clause_with_its_own_place_is_a_second_event(sudan: Gazetteer) -> None:
    text = (
        "The army said on Sunday that it had regained control of the palace in Khartoum "
        "and that jets had struck RSF camps in Bahri overnight."
    )
    events = extract_events(_document(text, published=date(2023, 4, 16)), sudan)
    assert [(e.sub_event_type, e.place.name if e.place else None) for e in events] == [
        ("Government regains territory", "Khartoum"),
        ("Air/drone strike", "Khartoum North"),
    ]
    assert {e.claimed_by for e in events} == {"Sudanese Armed Forces"}


def test_the_day_a_statement_was_made_is_not_the_event_day(sudan: Gazetteer) -> None:
    text = "Human Rights Watch said on Tuesday that RSF fighters executed two men in El Fasher on October 15."
    [event] = extract_events(_document(text, published=date(2023, 11, 10)), sudan)
    assert (event.date_earliest, event.sub_event_type) == (date(2023, 10, 15), "Attack")


def test_a_statement_names_its_issuer_in_the_title(sudan: Gazetteer) -> None:
    document = replace(
        _document("On Sunday our forces repelled an attack on our positions in Bahri.", date(2023, 4, 24)),
        title="Rapid Support Forces: statement on Bahri",
    )
    [event] = extract_events(document, sudan)
    assert (event.claimed_by, event.sub_event_type, event.partisan) == (
        "Rapid Support Forces",
        "Armed clash",
        True,
    )


def test_a_clash_between_crowds_is_a_riot(sudan: Gazetteer) -> None:
    text = "Rival supporters clashed in Khartoum on Friday, injuring four people."
    [event] = extract_events(_document(text, published=date(2023, 4, 22)), sudan)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")


def test_a_whole_country_is_no_event_location(sudan: Gazetteer) -> None:
    document = _document("Fighting spread across Sudan on Monday.", date(2023, 4, 17))
    assert extract_events(document, sudan) == []


def test_the_city_refers_back_to_the_last_place_named(sudan: Gazetteer) -> None:
    text = (
        "Shelling hit El Fasher on Tuesday.\n\n"
        "Residents said RSF fighters looted shops in the city on Friday."
    )
    events = extract_events(_document(text, published=date(2023, 11, 25)), sudan)
    assert [(e.sub_event_type, e.place.name if e.place else None) for e in events] == [
        ("Shelling/artillery/missile attack", "El Fasher"),
        ("Looting/property destruction", "El Fasher"),
    ]


def test_the_object_of_an_attack_verb_is_resolved_as_a_place() -> None:
    village = Place(148600, "Garayusifli", 40.33, 47.05, "AZ", "Barda", "PPL", 900)
    gazetteer = Gazetteer.from_places([(village, [])])
    [event] = extract_events(_document("Rockets hit Garayusifli on Tuesday, killing five people."), gazetteer)
    assert event.place == village
    assert event.killed is not None and event.killed.minimum == 5


def test_an_event_dated_after_the_report_is_a_schedule_not_an_event(gazetteer: Gazetteer) -> None:
    text = "Armenian units will leave Terter by October 20.\nFighting continued near Hadrut."
    events = extract_events(_document(text, published=date(2020, 10, 12)), gazetteer)
    assert [(e.place.name if e.place else None, e.date_earliest) for e in events] == [
        ("Hadrut", date(2020, 10, 12))
    ]


def test_a_claimant_speaks_only_for_its_own_paragraph(gazetteer: Gazetteer) -> None:
    text = (
        "Rockets hit Terter on Monday, Azerbaijan's defence ministry said.\n\n"
        "In Stepanakert, shelling damaged the market on Monday."
    )
    events = extract_events(_document(text), gazetteer)
    assert [(e.place.name if e.place else None, e.claimed_by) for e in events] == [
        ("Terter", "Azerbaijan Defence Ministry"),
        ("Stepanakert", "outlet"),
    ]


def test_live_blog_entries_keep_their_own_tolls_and_claimants(gazetteer: Gazetteer) -> None:
    text = (
        "Wednesday, October 14 - all times local\n"
        "07:50 A Smerch rocket fired by Armenian forces hit Terter late on Tuesday, killing a seven-year-old "
        "girl and four adults, Azerbaijan's prosecutor general's office said.\n"
        "09:30 Shelling damaged a school in Stepanakert this morning. "
        "Nobody was hurt, officials in Artsakh said."
    )
    events = extract_events(_document(text, published=date(2020, 10, 14)), gazetteer)
    assert [
        (e.place.name if e.place else None, e.killed.minimum if e.killed else None, e.claimed_by)
        for e in events
    ] == [("Terter", 5, "Azerbaijani officials"), ("Stepanakert", 0, "Artsakh officials")]


def test_no_casualties_holds_for_every_place_listed(gazetteer: Gazetteer) -> None:
    text = (
        "Armenian forces subjected Terter and Hadrut to artillery fire on Sunday. There were no casualties."
    )
    events = extract_events(_document(text), gazetteer)
    assert [(e.place.name if e.place else None, e.killed) for e in events] == [
        ("Terter", Count(0, 0)),
        ("Hadrut", Count(0, 0)),
    ]


def test_local_officials_speak_for_the_country_of_the_event(sudan: Gazetteer) -> None:
    text = "Shelling hit El Fasher on Tuesday, killing five people, the governor said."
    [event] = extract_events(_document(text, published=date(2023, 11, 22)), sudan)
    assert (event.claimed_by, event.partisan) == ("Sudanese officials", True)


def test_a_crowd_attacking_without_a_protest_is_mob_violence(sudan: Gazetteer) -> None:
    text = "Hundreds of men stormed the airport in Khartoum on Sunday, hunting for foreign passengers."
    [event] = extract_events(_document(text, published=date(2023, 4, 24)), sudan)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")


def test_arrests_without_a_place_are_placed_at_the_dateline(sudan: Gazetteer) -> None:
    text = (
        "KHARTOUM, Jan 17 (Wire) - Rival marches passed off calmly.\n\n"
        "Police said on Monday that 60 people had been detained."
    )
    events = extract_events(_document(text, published=date(2022, 1, 17)), sudan)
    assert [(e.sub_event_type, e.place.name if e.place else None) for e in events] == [
        ("Arrests", "Khartoum")
    ]


def test_a_force_withdrawing_hands_the_place_to_its_enemy() -> None:
    lyman = Place(702658, "Lyman", 48.9889, 37.8022, "UA", "Donetsk", "PPLA2", 20000)
    gazetteer = Gazetteer.from_places([(lyman, [])])
    text = "Russia's defence ministry said its troops had withdrawn from Lyman on Saturday."
    [event] = extract_events(_document(text, published=date(2022, 10, 1)), gazetteer)
    assert (event.sub_event_type, event.place) == ("Government regains territory", lyman)


def test_a_rights_group_finding_without_a_date_is_no_event(sudan: Gazetteer) -> None:
    text = (
        "Human Rights Watch said on Monday that RSF fighters looted homes in Khartoum and Bahri. "
        "In one case, fighters looted a pharmacy in El Fasher on June 3, the group said."
    )
    events = extract_events(_document(text, published=date(2023, 7, 10)), sudan)
    assert [(e.place.name if e.place else None, e.date_earliest) for e in events] == [
        ("El Fasher", date(2023, 6, 3))
    ]


def test_an_anniversary_of_a_past_year_is_no_background(sudan: Gazetteer) -> None:
    text = (
        "Troops shot dead three protesters in Khartoum on Thursday at a march on the anniversary of the "
        "2019 uprising."
    )
    [event] = extract_events(_document(text, published=date(2022, 7, 1)), sudan)
    assert (event.sub_event_type, event.killed) == ("Excessive force against protesters", Count(3, 3))


def test_a_month_after_the_verb_is_no_place() -> None:
    town = Place(2643072, "March", 52.5516, 0.0882, "GB", "England", "PPL", 22000)
    gazetteer = Gazetteer.from_places([(town, [])])
    text = "Soldiers took a teacher from his home on March 20; his family has not heard from him since."
    assert extract_events(_document(text, published=date(2022, 4, 5)), gazetteer) == []


def test_a_statement_in_a_time_clause_does_not_claim_the_main_event(sudan: Gazetteer) -> None:
    text = "Sudanese army troops entered Bahri on Friday, hours after the RSF said it had pulled out."
    [event] = extract_events(_document(text, published=date(2023, 5, 6)), sudan)
    assert (event.sub_event_type, event.claimed_by) == ("Government regains territory", "outlet")


def test_each_place_of_a_shooting_gets_its_own_toll(sudan: Gazetteer) -> None:
    text = "Security forces shot dead eight protesters in Khartoum and one in El Fasher on Thursday."
    events = extract_events(_document(text, published=date(2022, 7, 1)), sudan)
    assert [(e.place.name if e.place else None, e.killed) for e in events] == [
        ("Khartoum", Count(8, 8)),
        ("El Fasher", Count(1, 1)),
    ]


def test_a_partys_denial_is_a_ledger_report_but_not_an_event(gazetteer: Gazetteer) -> None:
    text = "Armenia's defence ministry denied on Sunday that its forces had shelled Terter."
    (denial,) = extract_document(_document(text), gazetteer).events
    assert (denial.claimed_by, denial.stance, denial.partisan) == (
        "Armenia Defence Ministry", Stance.DENIES, True,
    )  # fmt: skip
    assert denial.place is not None and denial.place.name == "Terter" and denial.killed is None
    assert extract_events(_document(text), gazetteer) == []


def test_a_negation_without_a_denying_party_reports_nothing(gazetteer: Gazetteer) -> None:
    text = "Contrary to rumours, Azerbaijani forces have not shelled Terter since Sunday."
    assert extract_document(_document(text), gazetteer).events == []


def test_a_bare_toll_sentence_takes_no_place_from_the_sentence_before(gazetteer: Gazetteer) -> None:
    text = (
        "Mediators met officials in Stepanakert on Sunday. "
        "Close to 5,000 people had been killed on both sides, the president said."
    )
    assert extract_events(_document(text), gazetteer) == []


MARTUNI_ARMENIA = Place(616438, "Martuni", 40.1389, 45.3069, "AM", "Gegharkunik", "PPL", 12034)
MARTUNI_KARABAKH = Place(146969, "Khojavend", 39.7933, 47.1122, "AZ", "Khojavend", "PPL", 3700)
KARABAKH = Place(-1, "Nagorno-Karabakh", 39.83, 46.75, "AZ", None, "ADMD", 145000)


@pytest.fixture(scope="module")
def martuni_gazetteer() -> Gazetteer:
    return Gazetteer.from_places(
        [(MARTUNI_ARMENIA, []), (MARTUNI_KARABAKH, ["Martuni"]), (KARABAKH, ["Karabakh"])]
    )


@pytest.mark.parametrize(
    ("text", "published", "place"),
    [
        ("Relatives in Martuni buried a woman killed by a shell.", date(2020, 10, 12), MARTUNI_KARABAKH),
        ("Relatives in Martuni buried a woman killed by a shell.", date(2021, 6, 1), MARTUNI_ARMENIA),
        ("Relatives in Martuni buried a woman killed by a shell.", None, MARTUNI_ARMENIA),
        ("Azerbaijani forces shelled Martuni, officials said.", date(2021, 6, 1), MARTUNI_KARABAKH),
        ("Russian troops shelled Martuni, officials said.", date(2020, 10, 12), MARTUNI_ARMENIA),
    ],
)
def test_places_lean_towards_the_area_of_the_reports_conflict(
    martuni_gazetteer: Gazetteer, text: str, published: date | None, place: Place
) -> None:
    """The conflict is the one the report's actors fight, else the war under way on its day."""
    [mention] = find_mentions(text, martuni_gazetteer, published=published).places
    assert mention.place == place


def test_an_event_in_a_report_of_the_war_lands_in_the_war_area(martuni_gazetteer: Gazetteer) -> None:
    text = "A shell struck a courtyard in Martuni on Sunday, killing a woman and her grandchild."
    [event] = extract_events(_document(text, date(2020, 9, 28)), martuni_gazetteer)
    assert event.place == MARTUNI_KARABAKH
