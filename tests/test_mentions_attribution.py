"""Attributions: canonical claimants, stances, partisanship, and anaphors resolved to their antecedent."""

from __future__ import annotations

import pytest

from frontwatch.model.vocab import Stance
from frontwatch.pipeline.mentions.attribution import claimant_named, find_attributions


@pytest.mark.parametrize(
    ("sentence", "claimant", "stance", "partisan"),
    [
        ("Officials in Artsakh said the town was shelled.", "Artsakh officials", Stance.CLAIMS, True),
        (
            "The shelling continued, according to Azerbaijan's defence ministry.",
            "Azerbaijan Defence Ministry",
            Stance.CLAIMS,
            True,
        ),
        (
            "Azerbaijan's Ministry of Defence said its units repelled an attack.",
            "Azerbaijan Defence Ministry",
            Stance.CLAIMS,
            True,
        ),
        (
            "Armenian Defence Ministry spokeswoman Shushan Stepanyan wrote that a drone was downed.",
            "Armenia Defence Ministry",
            Stance.CLAIMS,
            True,
        ),
        ("Reuters reported explosions in the city.", "Reuters", Stance.REPORTS, False),
        (
            "Amnesty International verified footage of cluster munitions.",
            "Amnesty International",
            Stance.CORROBORATES,
            False,
        ),
        ("Human Rights Watch corroborated the account.", "Human Rights Watch", Stance.CORROBORATES, False),
        ("Baku denied targeting civilians.", "Azerbaijani officials", Stance.DENIES, True),
        ("Yerevan rejected the accusation.", "Armenian officials", Stance.DISPUTES, True),
        ("Witnesses told Reuters they heard blasts.", "witnesses", Stance.REPORTS, False),
        ("The ICRC confirmed that two of its staff were hurt.", "ICRC", Stance.CONFIRMS, False),
        (
            "Ukraine's General Staff said two missiles were intercepted.",
            "Ukraine General Staff",
            Stance.CLAIMS,
            True,
        ),
        ("The RSF said it had taken the base.", "Rapid Support Forces", Stance.CLAIMS, True),
    ],
)
def test_attribution_variants(sentence: str, claimant: str, stance: Stance, partisan: bool) -> None:
    [mention] = find_attributions(sentence)
    assert (mention.claimant, mention.stance, mention.partisan) == (claimant, stance, partisan)
    assert mention.span.text_of(sentence) == mention.text


def test_the_ministry_resolves_to_the_last_named_ministry() -> None:
    text = (
        "Azerbaijan's Defence Ministry released drone footage on Monday. "
        "The ministry said two Armenian tanks were destroyed near Fizuli."
    )
    [mention] = find_attributions(text)
    assert mention.claimant == "Azerbaijan Defence Ministry"
    assert mention.text == "The ministry said"


def test_anaphor_without_antecedent_is_dropped() -> None:
    assert find_attributions("The ministry said two tanks were destroyed.") == []


def test_an_anaphor_is_ambiguous_when_two_claimants_of_its_kind_are_in_play() -> None:
    text = "Azerbaijan's Defence Ministry shared footage with Reuters. It said the strike hit a depot."
    assert [m.claimant for m in find_attributions(text)] == []


def test_search_range_still_sees_earlier_antecedents() -> None:
    text = "Armenia's Defence Ministry spoke first. Later the ministry said a drone was downed."
    [mention] = find_attributions(text, start=40)
    assert mention.claimant == "Armenia Defence Ministry"


def test_a_city_as_a_location_is_not_a_claimant() -> None:
    assert find_attributions("Fighting was reported near Baku's outskirts as officials met.") == []


def test_could_not_verify_is_no_attribution() -> None:
    assert find_attributions("Reuters could not independently verify the claims.") == []


def test_claimant_table_names_each_canonical_claimant() -> None:
    assert claimant_named("Artsakh officials").partisan is True
    assert claimant_named("AFP").partisan is False
    with pytest.raises(KeyError, match="Nobody"):
        claimant_named("Nobody")


def test_the_defence_ministry_without_antecedent_is_the_ministry_of_the_country_named_first() -> None:
    text = "Armenia's air defence shot down an Azerbaijani drone over Syunik, the defence ministry said."
    [mention] = find_attributions(text)
    assert (mention.claimant, mention.text) == ("Armenia Defence Ministry", "the defence ministry said")


@pytest.mark.parametrize(
    "sentence",
    [
        "A missile struck a clinic in Dnipro, the regional governor said.",
        "Governor Vitaliy Kim said two people were wounded.",
        "The blast injured 26 people, police said.",
        "Drones hit the port, the city military administration said.",
    ],
)
def test_local_officials_are_claimants_of_no_fixed_side(sentence: str) -> None:
    [mention] = find_attributions(sentence)
    assert mention.claimant == "local officials"
    assert claimant_named(mention.claimant).local is True


def test_co_speakers_attribute_to_the_first_named() -> None:
    [mention] = find_attributions("Troops shot four marchers, witnesses and a doctors' union said.")
    assert mention.claimant == "witnesses"


def test_a_national_security_service_speaks_for_its_government() -> None:
    [mention] = find_attributions("Armenia's National Security Service said it had arrested a former chief.")
    assert (mention.claimant, mention.stance) == ("Armenian officials", Stance.CLAIMS)


@pytest.mark.parametrize(
    ("sentence", "claimant", "stance", "speaker"),
    [
        ("Armenia denied it.", "Armenian officials", Stance.DENIES, "Armenia denied"),
        (
            "Azerbaijan said on Friday its forces had taken the town.",
            "Azerbaijani officials",
            Stance.CLAIMS,
            "Azerbaijan said",
        ),
        (
            "The Armenian side rejected the claim.",
            "Armenian officials",
            Stance.DISPUTES,
            "The Armenian side rejected",
        ),
        (
            "Russia disputes that its aircraft struck the hospital.",
            "Russian officials",
            Stance.DISPUTES,
            "Russia disputes",
        ),
    ],
)
def test_a_country_speaking_is_its_officials(
    sentence: str, claimant: str, stance: Stance, speaker: str
) -> None:
    [mention] = find_attributions(sentence)
    assert (mention.claimant, mention.stance, mention.text) == (claimant, stance, speaker)


@pytest.mark.parametrize(
    "sentence",
    [
        "Azerbaijani forces shelled the town overnight.",
        "Shells fell on Ukraine's second city.",
        "Russia's war in Ukraine entered its second year.",
    ],
)
def test_a_country_named_without_a_reporting_verb_speaks_for_no_one(sentence: str) -> None:
    assert find_attributions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "speaker", "stance"),
    [
        (
            "The Armenian Ministry of Defence categorically denies that its forces struck Ganja.",
            "Armenian Ministry of Defence categorically denies",
            Stance.DENIES,
        ),
        (
            "Azerbaijan's defence ministry on Monday rejected as baseless the allegations.",
            "Azerbaijan's defence ministry on Monday rejected",
            Stance.DISPUTES,
        ),
    ],
)
def test_an_adverb_or_a_weekday_between_speaker_and_verb(sentence: str, speaker: str, stance: Stance) -> None:
    [mention] = find_attributions(sentence)
    assert (mention.text, mention.stance) == (speaker, stance)
