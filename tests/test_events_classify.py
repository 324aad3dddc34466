"""Sentence classification: one realistic sentence per ACLED sub-type rule, and the filters' traps."""

from __future__ import annotations

import pytest

from frontwatch.extract import document_from_record
from frontwatch.model.span import Span
from frontwatch.model.vocab import EVENT_TYPE_OF_SUB_TYPE
from frontwatch.pipeline.events.assemble import factual_triggers
from frontwatch.pipeline.events.classify import classify, find_triggers
from frontwatch.pipeline.events.filters import non_factual_reason

SENTENCES = [
    ("Azerbaijani forces shelled Stepanakert overnight.", "Shelling/artillery/missile attack", "shelled"),
    ("Smerch rockets hit a residential block in Ganja.", "Shelling/artillery/missile attack", "rockets hit"),
    ("A drone strike destroyed a fuel truck near Martakert.", "Air/drone strike", "drone strike"),
    ("Warplanes bombed the outskirts of Khartoum on Sunday.", "Air/drone strike", "Warplanes bombed"),
    ("Heavy fighting raged along the southern front near Fizuli.", "Armed clash", "fighting"),
    ("Azerbaijan's army liberated the village of Sugovushan.", "Government regains territory", "liberated"),
    (
        "RSF fighters took control of the army base in Nyala.",
        "Government regains territory",
        "took control of",
    ),
    ("Soldiers executed two elderly men in Hadrut, Amnesty said.", "Attack", "executed"),
    ("Gunmen abducted three aid workers outside El Fasher.", "Abduction/forced disappearance", "abducted"),
    ("Hundreds protested in Yerevan against the ceasefire.", "Peaceful protest", "protested"),
    (
        "Police dispersed protesters outside parliament with tear gas.",
        "Protest with intervention",
        "Police dispersed",
    ),
    (
        "Troops opened fire on protesters in Omdurman, killing four.",
        "Excessive force against protesters",
        "opened fire",
    ),
    ("Rioters stormed the government building in Yerevan.", "Violent demonstration", "Rioters"),
    ("An angry mob lynched a suspected informer in Kassala.", "Mob violence", "mob lynched"),
    ("Police arrested a local official in Tbilisi.", "Arrests", "arrested"),
    ("The leaders signed a ceasefire agreement in Moscow.", "Agreement", "signed a ceasefire agreement"),
    ("Fighters looted shops in the market of Geneina.", "Looting/property destruction", "looted"),
    ("Air defence units shot down two drones over Stepanakert.", "Disrupted weapons use", "shot down"),
    (
        "Russian peacekeepers set up a headquarters in Stepanakert.",
        "Headquarters or base established",
        "set up a headquarters",
    ),
    (
        "Armenian forces handed over Kalbajar to Azerbaijan.",
        "Non-violent transfer of territory",
        "handed over",
    ),
    (
        "Witnesses described white phosphorus burning the forest near Shushi.",
        "Chemical weapon",
        "white phosphorus",
    ),
    ("A suicide bomber struck a checkpoint near the border.", "Suicide bomb", "suicide bomber"),
    ("A landmine exploded under a car near Aghdam.", "Remote explosive/landmine/IED", "landmine exploded"),
    ("A grenade was thrown into a cafe in the town.", "Grenade", "grenade"),
    ("Militiamen raped women in the displacement camp.", "Sexual violence", "raped"),
    (
        "Armenia declared martial law and general mobilisation.",
        "Change to group/activity",
        "declared martial law",
    ),
    ("Investigators uncovered a mass grave outside the village of Tugh.", "Other", "mass grave"),
    (
        "Russia attacked Odesa with Iranian-made Shahed drones before dawn.",
        "Air/drone strike",
        "attacked Odesa with Iranian-made Shahed drones",
    ),
    (
        "A Russian drone dropped a grenade on a queue at a bakery in Beryslav.",
        "Air/drone strike",
        "drone dropped",
    ),
    (
        "A loitering munition hit an air-defence battery, destroying an S-300 launcher.",
        "Air/drone strike",
        "loitering munition hit",
    ),
    (
        "The occupiers fired grenades filled with CS gas at trenches near Robotyne.",
        "Chemical weapon",
        "grenades filled with CS gas",
    ),
    (
        "Government forces subjected the Kadugli, Dilling and Talodi areas to artillery fire.",
        "Shelling/artillery/missile attack",
        "subjected the Kadugli, Dilling and Talodi areas to artillery fire",
    ),
    (
        "Ukrainian troops drove the Russian forces out of Balakliia.",
        "Government regains territory",
        "drove the Russian forces out of",
    ),
    ("Moscow said its units had withdrawn from Kupiansk.", "Government regains territory", "withdrawn from"),
    (
        "Russian peacekeepers rolled into the Lachin corridor under last week's truce agreement.",
        "Non-violent transfer of territory",
        "rolled into the Lachin corridor under last week's truce agreement",
    ),
    (
        "Troops rolled into Kalbajar on Wednesday, completing a handover agreed under the November accord.",
        "Non-violent transfer of territory",
        "rolled into Kalbajar on Wednesday, completing a handover agreed under the November accord",
    ),
    (
        "Kyiv and Moscow signed separate agreements with Ankara on Friday.",
        "Agreement",
        "signed separate agreements",
    ),
    (
        "Wagner units began to hand over their positions in Soledar to the regular army.",
        "Change to group/activity",
        "hand over their positions",
    ),
    (
        "The council issued a decree dissolving the Popular Defence Forces.",
        "Change to group/activity",
        "dissolving the Popular Defence Forces",
    ),
    (
        "Gunmen seized a teacher in Zalingei and held him in an unknown location for a month.",
        "Abduction/forced disappearance",
        "held him in an unknown location",
    ),
    (
        "Several thousand people gathered peacefully outside the town hall.",
        "Peaceful protest",
        "gathered peacefully",
    ),
    (
        "A pensioner whom soldiers took from his home in Irpin has not been heard from since.",
        "Abduction/forced disappearance",
        "took from his home",
    ),
    (
        "Riot police fired into the air at the rally, and several protesters were detained.",
        "Protest with intervention",
        "fired into the air",
    ),
]


@pytest.mark.parametrize(("sentence", "sub_type", "words"), SENTENCES)
def test_each_rule_classifies_its_sentence(sentence: str, sub_type: str, words: str) -> None:
    trigger = classify(sentence, Span(0, len(sentence)))
    assert trigger is not None
    assert trigger.sub_event_type == sub_type
    assert trigger.span.text_of(sentence) == words


def test_every_sub_type_but_non_state_has_a_rule() -> None:
    covered = {sub for _, sub, _ in SENTENCES}
    assert set(EVENT_TYPE_OF_SUB_TYPE) - covered == {"Non-state actor overtakes territory"}


def test_shooting_down_a_drone_is_not_a_drone_strike() -> None:
    sentence = "Azerbaijani air defence shot down an Armenian drone near Terter."
    first = find_triggers(sentence, Span(0, len(sentence)))[0]
    assert first.sub_event_type == "Disrupted weapons use"


def test_captured_soldiers_are_not_captured_territory() -> None:
    sentence = "Azerbaijani troops captured two Armenian soldiers."
    assert classify(sentence, Span(0, len(sentence))) is None


def test_a_sentence_without_an_event_has_no_trigger() -> None:
    sentence = "The foreign ministers met in Geneva for talks."
    assert classify(sentence, Span(0, len(sentence))) is None


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Aliyev threatened to strike military targets in Armenia if the attacks went on.", "threat or plan"),
        ("Baku warned that it would shell Stepanakert.", "threat or plan"),
        ("If Armenia shells Ganja, the response will be severe.", "conditional"),
        ("Azerbaijan denied shelling Stepanakert.", "denial"),
        ("Armenian forces did not shell Terter, Yerevan said.", "denial"),
        ("Did Azerbaijani forces shell the cathedral in Shushi?", "question"),
        ("In 1992, Armenian forces captured Shushi.", "background history"),
        ("Shushi was captured during the first Karabakh war.", "background history"),
    ],
)
def test_traps_report_no_event(sentence: str, reason: str) -> None:
    span = Span(0, len(sentence))
    triggers = find_triggers(sentence, span)
    assert triggers
    reasons = {non_factual_reason(sentence, span, t.span, 2020) for t in triggers}
    assert None not in reasons
    assert reason in reasons


@pytest.mark.parametrize(
    "sentence",
    [
        "Azerbaijani forces shelled Stepanakert on Sunday, officials in Artsakh said.",
        "It was the heaviest shelling since the 1994 ceasefire, officials said.",
        "No one was hurt when rockets hit a school in Martuni.",
        "Azerbaijan said Armenian forces shelled Terter, adding it would respond.",
        "Wagner fighters had begun on Thursday to hand over their positions in Soledar.",
        # a relative clause or a plain 'had' leaves the event standing
        "Armenia and Azerbaijan agreed a humanitarian ceasefire in Moscow on Saturday.",
        "The army raised the flag over Fuzuli, which it had lost in 1993.",
        "An air strike on Omdurman killed 22 people, one of the deadliest raids since the war began.",
    ],
)
def test_factual_reports_pass_the_filters(sentence: str) -> None:
    span = Span(0, len(sentence))
    trigger = classify(sentence, span)
    assert trigger is not None
    assert non_factual_reason(sentence, span, trigger.span, 2020, trigger.sub_event_type) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands of families have fled Stepanakert since the fighting began.",
        "Russian forces repeatedly shelled residential areas, Amnesty said.",
        "The launchers had been deployed to strike civilian objects in Ganja.",
        "Police said the march was peaceful and reported no arrests.",
    ],
)
def test_background_and_purpose_clauses_report_no_event(sentence: str) -> None:
    span = Span(0, len(sentence))
    triggers = find_triggers(sentence, span)
    assert triggers
    assert None not in {non_factual_reason(sentence, span, t.span, 2020) for t in triggers}


def test_the_strike_refers_back_and_starts_no_event() -> None:
    sentence = "The RSF blamed the army for the strike."
    assert classify(sentence, Span(0, len(sentence))) is None


@pytest.mark.parametrize(
    ("sentence", "sub_type", "words"),
    [
        ("Dockers in Port Sudan began a hunger strike on Monday.", "Peaceful protest", "hunger strike"),
        ("Teachers went on strike across Khartoum over unpaid wages.", "Peaceful protest", "went on strike"),
        (
            "Hundreds of residents blocked the main road into Goris for six hours.",
            "Peaceful protest",
            "blocked the main road",
        ),
        (
            "A roadside bombing killed two soldiers near Kramatorsk.",
            "Remote explosive/landmine/IED",
            "roadside bombing",
        ),
        ("Gunmen assassinated the deputy governor in Nyala.", "Attack", "assassinated"),
        ("RSF fighters abducted and killed the local imam.", "Attack", "abducted and killed"),
        ("Militiamen raided a displacement camp near Zalingei.", "Attack", "raided a displacement camp"),
        ("Dozens of civilians were killed in Ardamata on Saturday.", "Attack", "civilians were killed"),
        ("The army released 40 detainees in Kadugli.", "Other", "released 40 detainees"),
    ],
)
def test_rules_added_for_protests_bombings_and_attacks(sentence: str, sub_type: str, words: str) -> None:
    trigger = classify(sentence, Span(0, len(sentence)))
    assert trigger is not None
    assert (trigger.sub_event_type, trigger.span.text_of(sentence)) == (sub_type, words)


def test_a_hunger_strike_is_no_shelling() -> None:
    sentence = "Prisoners in Shusha extended their hunger strike into a second week."
    document = document_from_record({"id": "t", "text": sentence, "published": "2020-11-20"})
    triggers = factual_triggers(document, Span(0, len(sentence)))
    assert [t.sub_event_type for t in triggers] == ["Peaceful protest"]


def test_troops_blocking_a_road_is_no_protest() -> None:
    sentence = "Troops blocked the road to Lachin with armoured vehicles."
    assert all(
        t.sub_event_type != "Peaceful protest" for t in find_triggers(sentence, Span(0, len(sentence)))
    )


def test_killed_people_do_not_start_a_second_event_beside_a_shelling() -> None:
    sentence = "Rockets hit the market in Barda and 21 people were killed."
    triggers = find_triggers(sentence, Span(0, len(sentence)))
    assert triggers[0].sub_event_type == "Shelling/artillery/missile attack"
    assert [t.weak for t in triggers if t.sub_event_type == "Attack"] == [True]


def test_rallies_earlier_in_a_series_are_background() -> None:
    sentence = "The protest followed a week of rallies in Glendale."
    span = Span(0, len(sentence))
    rallies = next(t for t in find_triggers(sentence, span) if t.span.text_of(sentence) == "rallies")
    assert non_factual_reason(sentence, span, rallies.span, 2020) == "purpose or time reference"


def test_arrests_referred_back_to_start_no_event() -> None:
    for sentence in (
        "The arrests followed two days of rallies.",
        "Those arrested will be charged on Monday.",
    ):
        assert all(t.sub_event_type != "Arrests" for t in find_triggers(sentence, Span(0, len(sentence))))


def test_martial_law_in_the_background_is_no_change_to_the_group() -> None:
    sentence = "Police detained dozens of demonstrators who defied a ban on gatherings under martial law."
    sub_types = {t.sub_event_type for t in find_triggers(sentence, Span(0, len(sentence)))}
    assert "Protest with intervention" in sub_types
    assert "Change to group/activity" not in sub_types


@pytest.mark.parametrize(
    ("sentence", "sub_type", "reason"),
    [
        (
            "Rockets hit Terter despite a truce agreed in Moscow on Saturday.",
            "Agreement",
            "earlier agreement",
        ),
        (
            "Rockets struck Terter in violation of the humanitarian truce agreed in Moscow.",
            "Agreement",
            "earlier agreement",
        ),
        ("Shells did not hit Ganja on Sunday.", "Shelling/artillery/missile attack", "denial"),
        ("Rockets never fell on Barda, the mayor said.", "Shelling/artillery/missile attack", "denial"),
        (
            "Reports that our units struck a school in Martuni are completely false.",
            "Shelling/artillery/missile attack",
            "denial",
        ),
        (
            "Investigators found remnants of cluster munitions in the square.",
            "Shelling/artillery/missile attack",
            "purpose or time reference",
        ),
        (
            "A day after the deadly air raid, residents buried their dead.",
            "Air/drone strike",
            "purpose or time reference",
        ),
        (
            "Had the army not shelled the bridge, the convoy would have crossed.",
            "Shelling/artillery/missile attack",
            "conditional",
        ),
    ],
)
def test_mentions_of_events_that_are_not_new_events(sentence: str, sub_type: str, reason: str) -> None:
    span = Span(0, len(sentence))
    [trigger] = [t for t in find_triggers(sentence, span) if t.sub_event_type == sub_type][:1]
    assert non_factual_reason(sentence, span, trigger.span, 2020, trigger.sub_event_type) == reason
