"""Casualty mentions and the quantity parser behind them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontwatch.model.mention import Count
from frontwatch.pipeline.mentions.casualties import find_casualties, incident_toll
from frontwatch.pipeline.mentions.numbers import parse_quantity


@pytest.mark.parametrize(
    ("phrase", "minimum", "maximum"),
    [
        ("3", 3, 3), ("1,200", 1200, 1200), ("three", 3, 3), ("twenty-one", 21, 21), ("a dozen", 12, 12),
        ("two hundred", 200, 200), ("two hundred and fifty", 250, 250), ("half a dozen", 6, 6),
        ("dozens", 12, None), ("tens", 10, None), ("scores", 20, None), ("hundreds", 100, None),
        ("thousands", 1000, None), ("several", 3, None), ("a few", 2, None), ("at least 3", 3, None),
        ("more than 20", 21, None), ("over 20", 21, None), ("more than a dozen", 13, None),
        ("up to 5", 1, 5), ("as many as 5", 1, 5), ("fewer than 10", 1, 9), ("3 to 5", 3, 5),
        ("between 3 and 5", 3, 5), ("3-5", 3, 5), ("two or three", 2, 3), ("nearly 40", 40, 40),
        ("about 40", 40, 40), ("five or more", 5, None), ("a child and two women", 3, 3),
        ("a child, a woman and two men", 4, 4), ("dozens of", 12, None),
        ("two civilians, a woman and a child", 2, 2), ("three people, two women and a child", 3, 3),
        ("two soldiers, a policeman and a child", 4, 4), ("two civilians and a child", 3, 3),
        ("two people, a woman and her son", 2, 2),
    ],
)  # fmt: skip
def test_parse_quantity(phrase: str, minimum: int, maximum: int | None) -> None:
    assert parse_quantity(phrase) == Count(minimum, maximum)


@pytest.mark.parametrize("phrase", ["the", "two three", "many people and the", ""])
def test_parse_quantity_rejects_non_quantities(phrase: str) -> None:
    assert parse_quantity(phrase) is None


def _found(text: str) -> list[tuple[str, str, int, int | None, bool, bool]]:
    return [
        (m.text, m.kind, m.count.minimum, m.count.maximum, m.civilian, m.cumulative)
        for m in find_casualties(text)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Azerbaijani shelling killed 9 civilians in Tartar on Sunday.",
            [("killed 9 civilians", "killed", 9, 9, True, False)],
        ),
        (
            "9 civilians were killed in the strike on Ganja.",
            [("9 civilians were killed", "killed", 9, 9, True, False)],
        ),
        (
            "The blast left 3 dead and 12 wounded.",
            [("left 3 dead", "killed", 3, 3, False, False), ("12 wounded", "injured", 12, 12, False, False)],
        ),
        (
            "The death toll rose to 21, officials said.",
            [("death toll rose to 21", "killed", 21, 21, False, False)],
        ),
        ("Health officials gave a toll of 13.", [("toll of 13", "killed", 13, 13, False, False)]),
        (
            "Three people died when a rocket hit a house in Ganja.",
            [("Three people died", "killed", 3, 3, True, False)],
        ),
        (
            "One person was killed and four injured in Stepanakert.",
            [
                ("One person was killed", "killed", 1, 1, False, False),
                ("four injured", "injured", 4, 4, False, False),
            ],
        ),
        (
            "The missile hit a market, killing at least 14 and wounding dozens.",
            [("killing at least 14", "killed", 14, None, False, False),
             ("wounding dozens", "injured", 12, None, False, False)],
        ),
        (
            "A drone struck a minibus, injuring a child and two women.",
            [("injuring a child and two women", "injured", 3, 3, True, False)],
        ),
        (
            "The strike claimed the lives of five soldiers.",
            [("claimed the lives of five soldiers", "killed", 5, 5, False, False)],
        ),
        (
            "Between 3 and 5 people were killed in the village.",
            [("Between 3 and 5 people were killed", "killed", 3, 5, True, False)],
        ),
        (
            "Five Armenian servicemen were captured and two are missing.",
            [("Five Armenian servicemen were captured", "captured", 5, 5, False, False),
             ("two are missing", "missing", 2, 2, False, False)],
        ),
        (
            "Anna Petrosyan, 60, was killed when a shell hit her home.",
            [("Anna Petrosyan, 60, was killed", "killed", 1, 1, False, False)],
        ),
        (
            "A woman and her grandchild were killed when a shell hit their home in Martuni.",
            [("A woman and her grandchild were killed", "killed", 2, 2, True, False)],
        ),
    ],
)  # fmt: skip
def test_tolls_in_both_word_orders(
    sentence: str, expected: list[tuple[str, str, int, int | None, bool, bool]]
) -> None:
    assert _found(sentence) == expected


def test_single_victims_in_headlines_and_reflexives_count_one() -> None:
    assert _found("Man shot, killed in Feltonville. The gunman later killed himself.") == [
        ("Man shot, killed", "killed", 1, 1, False, False),
        ("killed himself", "killed", 1, 1, False, False),
    ]


def test_a_named_place_is_no_victim() -> None:
    assert _found("A shopper at Walmart was injured.") == []


def test_no_casualties_and_no_one_hurt_are_zero_for_both_kinds() -> None:
    assert _found("There were no casualties. No one was hurt in the second attack.") == [
        ("no casualties", "killed", 0, 0, False, False),
        ("no casualties", "injured", 0, 0, False, False),
        ("No one was hurt", "killed", 0, 0, False, False),
        ("No one was hurt", "injured", 0, 0, False, False),
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Since the fighting began, 91 civilians have been killed.", "91 civilians have been killed"),
        ("The war has killed more than 5,000 soldiers so far.", "killed more than 5,000 soldiers"),
        ("Over the past week, shelling killed 12 civilians.", "killed 12 civilians"),
        ("This month alone, 40 people were killed in the city.", "40 people were killed"),
    ],
)
def test_running_totals_are_cumulative(sentence: str, text: str) -> None:
    [mention] = find_casualties(sentence)
    assert (mention.text, mention.cumulative) == (text, True)


def test_soldiers_are_never_civilians() -> None:
    [mention] = find_casualties("Shelling of the village killed 4 soldiers near their positions.")
    assert (mention.count, mention.civilian) == (Count(4, 4), False)


def test_people_in_a_civilian_place_are_civilians() -> None:
    [mention] = find_casualties("A rocket hit a residential building, and two people were killed.")
    assert (mention.text, mention.civilian) == ("two people were killed", True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two Su-25 jets were shot down; a 2020 review found no fault.",
        "The shell landed 2 km from the school and killed nobody's hopes.",
        "They were killed 2 days ago, according to the report.",
        "On October 3 killed soldiers were buried in Yerevan.",
        "Nadeau, 29, a Latino man, was killed in the crash.",
    ],
)
def test_codes_years_distances_dates_and_ages_are_not_counts(sentence: str) -> None:
    assert [m for m in find_casualties(sentence) if m.count.minimum > 1] == []


def test_active_voice_subject_is_not_the_victim() -> None:
    assert _found("A soldier killed two men in the village.") == [
        ("killed two men", "killed", 2, 2, False, False)
    ]


def test_window_limits_and_offsets() -> None:
    text = "Header line. Shelling killed 9 civilians. Later, 4 soldiers were wounded."
    [mention] = find_casualties(text, 13, 41)
    assert (mention.span.start, mention.span.end, mention.text) == (22, 40, "killed 9 civilians")


@given(st.text(max_size=200))
def test_spans_match_text_and_counts_are_ordered(text: str) -> None:
    for mention in find_casualties(text):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.count.maximum is None or mention.count.minimum <= mention.count.maximum


@given(
    st.lists(
        st.sampled_from(
            [
                "killed",
                "at",
                "least",
                "3",
                "civilians",
                "were",
                "wounded",
                "and",
                "two",
                "women",
                "dozens",
                "left",
                "dead",
                "toll",
                "of",
                "no",
                "one",
                "was",
                "hurt",
                ",",
                "Su-25",
                "2020",
                "km",
                "people",
                "died",
                "a",
            ]
        ),
        max_size=14,
    )
)
def test_word_salads_of_casualty_words_keep_invariants(words: list[str]) -> None:
    text = " ".join(words)
    for mention in find_casualties(text):
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.count.maximum is None or mention.count.minimum <= mention.count.maximum


@pytest.mark.parametrize(
    ("sentence", "kind", "count"),
    [
        ("A shelter guard fatally shot Samir Haddad outside the depot.", "killed", 1),
        ("The officer later shot and killed a neighbour, police said.", "killed", 1),
        ("Gunmen killed Lena Ortiz and her brother Tomas Ortiz near the mill.", "killed", 2),
        ("The victim was pronounced dead at the scene.", "killed", 1),
        ("Relatives said the man who was wounded in the raid on Sunday has died.", "killed", 1),
        ("A farmer found the body of a man in the irrigation canal.", "killed", 1),
        ("Soldiers found him dead beside the road.", "killed", 1),
        ("Teen Found Shot On Bike Path Dies.", "killed", 1),
        ("The driver was subsequently shot and killed at the checkpoint.", "killed", 1),
        ("She remains in critical condition at the regional hospital.", "injured", 1),
        ("Both were listed in stable condition on Monday.", "injured", 2),
        ("The guard suffered non-life-threatening injuries in the attack.", "injured", 1),
        ("The strike left a child in critical condition.", "injured", 1),
        ("More than 800 people were reported killed in the town.", "killed", 801),
        ("Police named the homicide victim as Omar Reyes.", "killed", 1),
        ("Deputies say man found dead on county road was a farmer.", "killed", 1),
        ("A 13-year-old was shot and killed near the school.", "killed", 1),
        ("The suspect was found dead inside the house.", "killed", 1),
    ],
)
def test_single_victims_named_by_role_or_name(sentence: str, kind: str, count: int) -> None:
    counts = [m.count.minimum for m in find_casualties(sentence) if m.kind == kind]
    assert counts and max(counts) == count


@pytest.mark.parametrize(
    "sentence",
    [
        "Drones killed Armenian soldiers near Hadrut.",
        "The attack killed Tuesday's hopes of a truce.",
        "Police shot the victims' car in the chest of the convoy.",
        "The bodies of the victims were found on Sunday.",
    ],
)
def test_demonyms_days_and_plural_roles_are_not_single_victims(sentence: str) -> None:
    assert [m for m in find_casualties(sentence) if m.count == Count(1, 1)] == []


def test_a_victim_who_then_died_is_not_counted_injured() -> None:
    sentence = "He was taken to the hospital, where he died."
    assert [m.kind for m in find_casualties(sentence)] == ["killed"]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("A shell hit the yard, killing a six-year-old boy and three adults.", Count(4, 4)),
        ("Our units repelled the assault, killing dozens of the militants.", Count(12, None)),
        ("The death toll from Monday's strike on the station in Kramatorsk has risen to 61.", Count(61, 61)),
        ("A 45-year-old man was shot dead by soldiers at a roadblock outside Kherson.", Count(1, 1)),
        ("Security forces shot dead four protesters outside the palace.", Count(4, 4)),
        ("Soldiers executed three unarmed farmers near the well, the group said.", Count(3, 3)),
        ("Shells struck the cemetery during a funeral, killing six mourners.", Count(6, 6)),
    ],
)  # fmt: skip
def test_tolls_with_ages_articles_long_subjects_and_protesters(sentence: str, count: Count) -> None:
    assert [(m.kind, m.count) for m in find_casualties(sentence)] == [("killed", count)]


def test_a_superlative_since_is_no_running_total() -> None:
    for sentence in (
        "Police shot dead five marchers, the deadliest day since the coup in October.",
        "Rockets killed five marchers, the deadliest single attack on a northern town since fighting began.",
    ):
        assert [(m.count, m.cumulative) for m in find_casualties(sentence)] == [(Count(5, 5), False)]


def test_a_superlative_since_that_tells_the_old_toll_is_background() -> None:
    sentence = "It is the worst month for shootings since 2011, when 30 were killed."
    assert [m.cumulative for m in find_casualties(sentence)] == [True]


def test_a_second_place_with_the_verb_left_out_has_its_own_toll() -> None:
    text = "Troops shot dead six marchers in Kassala and two in Gedaref on Sunday."
    assert [(m.text, m.count) for m in find_casualties(text)] == [
        ("shot dead six marchers", Count(6, 6)),
        ("two", Count(2, 2)),
    ]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("The nurse was taken to Mercy Hospital, where she was later pronounced deceased.", 1),
        ("Deputies found a male and a female deceased inside the trailer.", 2),
        ("Prosecutors say Hale is charged in the shooting death of 41-year-old Dana Pruitt.", 1),
        ("Omar Reyes, 52, was the man killed after an argument on Birch Lane, the sheriff said.", 1),
        ("Relatives of the man fatally shot by troopers on Route 9 asked for the footage.", 1),
        ("Detectives named the victim of a deadly New Year's Eve shooting in Eastgate.", 1),
        ("Lena Ortiz, 31, a teacher, was killed along with Paul Ortiz, 33, in the ambush.", 2),
        ("Both teens were flown to County General, where they died hours later.", 2),
    ],
)
def test_deaths_told_as_deceased_roles_and_companions(sentence: str, count: int) -> None:
    killed = [m for m in find_casualties(sentence) if m.kind == "killed"]
    assert [m.count for m in killed] == [Count(count, count)]


def _toll(text: str) -> int:
    return incident_toll(text, find_casualties(text), "killed")


def test_a_victim_told_as_additional_adds_to_the_incident_toll() -> None:
    text = "A deputy fatally shot Dale Cruz on Elm Street. He also accidentally shot and killed a neighbor."
    assert _toll(text) == 2


def test_a_victim_told_again_adds_nothing() -> None:
    assert _toll("Rosa Lind was shot and killed on Friday. Lind was later pronounced dead.") == 1
    assert _toll("A man was shot and killed in Dayton. He died at the scene.") == 1


def test_a_stated_total_is_not_added_to_its_parts() -> None:
    text = "Three people were killed in the raid. A guard, Tom Fry, was also killed at the gate."
    assert _toll(text) == 3


def test_running_totals_are_no_incident_toll() -> None:
    assert _toll("Shootings have killed 40 people in the city so far this year.") == 0


@pytest.mark.parametrize(
    ("phrase", "count"),
    [
        ("a man as well as his two sons", Count(3, 3)),
        ("a farmer along with his teenage son", Count(2, 2)),
        ("a man and his wife", Count(2, 2)),
        ("a family of five", Count(5, 5)),
        ("A teacher and her husband", Count(2, 2)),
    ],
)
def test_victims_joined_by_as_well_as_along_with_and_possessives_are_summed(
    phrase: str, count: Count
) -> None:
    assert parse_quantity(phrase) == count


def test_a_possessive_plural_alone_is_no_count() -> None:
    assert parse_quantity("a man and his sons") is None


@pytest.mark.parametrize(
    ("sentence", "text", "count"),
    [
        (
            "Gunmen killed a shepherd as well as his two sons near the village.",
            "killed a shepherd as well as his two sons",
            3,
        ),
        (
            "A drone strike killed a farmer along with his teenage son outside Nyala.",
            "killed a farmer along with his teenage son",
            2,
        ),
        (
            "A teacher and her husband were killed when the missile hit their flat.",
            "A teacher and her husband were killed",
            2,
        ),
        (
            "Artillery fire hit the village on Sunday, killing a family of five, the ministry said.",
            "killing a family of five",
            5,
        ),
        (
            "The gunman shot dead his wife and two neighbours in the yard.",
            "shot dead his wife and two neighbours",
            3,
        ),
        ("A sniper shot dead four soldiers at the crossing.", "shot dead four soldiers", 4),
        (
            "Omar Reyes, 52, and Dana Pruitt, 41, were shot and killed outside the depot.",
            "Omar Reyes, 52, and Dana Pruitt, 41, were shot and killed",
            2,
        ),
        ("A father of four was killed by shrapnel on Monday.", "A father of four was killed", 1),
    ],
)
def test_joined_victims_families_and_named_pairs(sentence: str, text: str, count: int) -> None:
    assert [(m.text, m.count) for m in find_casualties(sentence) if m.kind == "killed"] == [
        (text, Count(count, count))
    ]


def test_a_number_after_age_of_or_mother_of_is_no_head_count() -> None:
    assert [m.count for m in find_casualties("A young mother of three is dead after the raid.")] == [
        Count(1, 1)
    ]
    assert [
        m for m in find_casualties("Boys under the age of 16 were wounded.") if m.count.minimum == 16
    ] == []


@pytest.mark.parametrize(
    ("sentence", "text", "count"),
    [
        (
            "A 22-year-old man and a 16-year-old boy were shot near the checkpoint.",
            "A 22-year-old man and a 16-year-old boy were shot",
            2,
        ),
        ("Medics found a 15-year-old with a gunshot wound to the leg.",
         "a 15-year-old with a gunshot wound", 1),
        ("The blast left the driver in critical condition.", "left the driver in critical condition", 1),
        ("The raid left a 40-year-old shepherd wounded.", "left a 40-year-old shepherd wounded", 1),
        ("A nurse is recovering after shrapnel hit the clinic.", "A nurse is recovering", 1),
        ("Two women are fighting for their lives after the strike.",
         "Two women are fighting for their lives", 2),
        ("Both women were rushed to the district hospital.",
         "Both women were rushed to the district hospital", 2),
        ("Lena Ortiz and her cousin Tomas were wounded by shrapnel.",
         "Lena Ortiz and her cousin Tomas were wounded", 2),
    ],
)  # fmt: skip
def test_hurt_told_as_shot_with_wounds_recovering_or_left_in_a_condition(
    sentence: str, text: str, count: int
) -> None:
    assert [(m.text, m.kind, m.count) for m in find_casualties(sentence)] == [
        (text, "injured", Count(count, count))
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The patrol was shot at from the tree line but nobody was hit.",
        "Two drones were shot down over the reservoir.",
        "A man was shot in the chest and died at the scene.",
    ],
)
def test_shot_at_shot_down_and_shot_then_dead_are_not_hurt(sentence: str) -> None:
    assert [m for m in find_casualties(sentence) if m.kind == "injured"] == []


def _injured(text: str) -> int:
    return incident_toll(text, find_casualties(text), "injured")


def test_victims_told_as_shot_are_injured_unless_they_died() -> None:
    assert _injured("Two men were shot outside the bakery on Friday. One of them died in hospital.") == 1
    assert _injured("A guard was shot near the gate on Sunday. He died two days later.") == 0
    assert _injured("One man is dead and two women are fighting for their lives after the attack.") == 2


def test_a_killer_who_kills_himself_adds_to_the_victims_of_his_killing() -> None:
    assert _toll("The gunman shot dead his wife and two neighbours. He then took his own life.") == 4
    assert _toll("Police said the attacker killed three people before killing himself.") == 4


def test_a_suicide_told_twice_is_one_death() -> None:
    assert _toll("A man killed himself in his cell. He was pronounced dead at the scene.") == 1


def test_a_toll_set_in_an_earlier_year_is_background() -> None:
    text = (
        "Sunday's strike on the market killed four people, the governor said on March 3, 2023. "
        "The same market was hit in the summer of 2015, when 30 people were killed."
    )
    assert _toll(text) == 4


def test_a_victim_told_as_additional_adds_to_victims_named_one_by_one() -> None:
    text = (
        "Neighbours found Ana Diaz and her son Marco dead in the courtyard. "
        "The militiamen also shot dead a shepherd on the road."
    )
    assert _toll(text) == 3


def test_found_fatally_wounded_is_a_death() -> None:
    sentence = "Rescuers found Ana Diaz and her son Marco fatally wounded under the rubble."
    assert [(m.kind, m.count) for m in find_casualties(sentence)] == [("killed", Count(2, 2))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Five people were taken to hospital after the drone hit the bus station.",
            [("Five people were taken to hospital", "injured", 5)],
        ),
        (
            "The suspect was taken to Regional Hospital in Kherson with burns.",
            [("The suspect was taken to Regional Hospital", "injured", 1)],
        ),
        (
            "One soldier was killed and another was wounded when the post came under fire.",
            [("One soldier was killed", "killed", 1), ("another was wounded", "injured", 1)],
        ),
    ],
)
def test_taken_to_hospital_is_hurt_and_another_is_a_second_victim(
    sentence: str, expected: list[tuple[str, str, int]]
) -> None:
    assert [(m.text, m.kind, m.count.minimum) for m in find_casualties(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A volunteer medic lost his life in the shelling.", ("A volunteer medic lost his life", 1)),
        ("Two children were among the dead, the governor said.", ("Two children were among the dead", 2)),
        ("The soldier succumbed to his wounds on Tuesday.", ("The soldier succumbed", 1)),
        ("The shepherd was killed by a sniper near the ridge.", ("The shepherd was killed", 1)),
        (
            "Twelve soldiers were martyred in the attack, the army said.",
            ("Twelve soldiers were martyred", 12),
        ),
        ("The barrage on the market claimed four lives.", ("claimed four lives", 4)),
    ],
)
def test_more_ways_of_telling_a_death(sentence: str, expected: tuple[str, int]) -> None:
    assert [(m.text, m.count.minimum) for m in find_casualties(sentence) if m.kind == "killed"] == [expected]


def test_a_plural_role_with_the_is_no_single_victim() -> None:
    assert find_casualties("The soldiers were killed by a drone near the bridge.") == []


def test_counted_victims_with_injuries_are_hurt() -> None:
    sentence = "The attack left 3 people dead and 7 others with injuries."
    assert [(m.text, m.kind, m.count.minimum) for m in find_casualties(sentence)] == [
        ("left 3 people dead", "killed", 3),
        ("7 others with injuries", "injured", 7),
    ]


def test_a_person_said_to_be_unharmed_is_no_victim() -> None:
    sentence = "The boy, unharmed by the blast, was taken to a hospital for checks."
    assert find_casualties(sentence) == []


def test_shot_at_close_range_is_hurt_and_patients_moved_to_hospital_are_not() -> None:
    assert [(m.text, m.kind) for m in find_casualties("A man was shot at close range outside the shop.")] == [
        ("A man was shot", "injured")
    ]
    assert find_casualties("Dozens of patients were evacuated to a hospital in Lviv.") == []


def test_lives_a_war_has_cost_are_a_running_total() -> None:
    [mention] = find_casualties("The war has cost 4,000 lives.")
    assert (mention.count, mention.cumulative) == (Count(4000, 4000), True)
