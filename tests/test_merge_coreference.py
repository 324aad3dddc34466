"""Coreference and merging: which reports tell one event, and the events built from them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from merge_factories import (
    AM_FORCES,
    AZ_CIVILIANS,
    AZ_FORCES,
    GANJA,
    GANJA_DAY,
    GANJA_OUTSKIRTS,
    GANJA_REGION,
    GANJA_REPORTS,
    REMOTE,
    REUTERS_REPORT,
    SHELLING,
    SHUSHA,
    SHUSHA_REGION,
    STEPANAKERT,
    candidate,
)

from frontwatch.model.candidate import EventCandidate
from frontwatch.model.event import Tally
from frontwatch.model.mention import Count
from frontwatch.model.vocab import GeoPrecision, Stance, event_type_of
from frontwatch.pipeline.merge.coreference import cluster, same_event
from frontwatch.pipeline.merge.events import merge_candidates

SHELLED = date(2020, 10, 8)


def test_four_sources_of_the_ganja_strike_make_one_contested_corroborated_event() -> None:
    events = merge_candidates(GANJA_REPORTS)
    assert len(events) == 1
    event = events[0]
    assert {r.candidate for r in event.reports} == set(GANJA_REPORTS)
    assert event.killed == Tally(9, 9, 10)
    assert event.status.contested and event.status.corroborated
    assert event.event_id.startswith("ev-")


def test_stepanakert_and_shusha_shelled_the_same_day_are_two_events() -> None:
    stepanakert = candidate(
        "artsakh-1008",
        "Artsakh officials",
        Stance.CLAIMS,
        STEPANAKERT,
        SHELLED,
        actor1=AZ_FORCES,
        actor2=AZ_CIVILIANS,
    )
    shusha = candidate(
        "artsakh-1008",
        "Artsakh officials",
        Stance.CLAIMS,
        SHUSHA,
        SHELLED,
        actor1=AZ_FORCES,
        evidence=(121, 190),
    )
    near_shusha = candidate(
        "reuters-1008", "Reuters", Stance.REPORTS, SHUSHA, SHELLED, geo_precision=GeoPrecision.NEAR_TOWN
    )
    assert not same_event(stepanakert, shusha)
    assert not same_event(stepanakert, near_shusha)
    groups = cluster([stepanakert, shusha, near_shusha])
    assert sorted(len(group) for group in groups) == [1, 2]
    assert [stepanakert] in groups


def test_the_same_town_on_consecutive_days_is_two_events() -> None:
    first = candidate("artsakh-1004", "Artsakh officials", Stance.CLAIMS, STEPANAKERT, date(2020, 10, 4))
    second = candidate("artsakh-1005", "Artsakh officials", Stance.CLAIMS, STEPANAKERT, date(2020, 10, 5))
    assert len(merge_candidates([first, second])) == 2


def test_a_place_near_the_town_within_five_km_is_the_same_event() -> None:
    outskirts = candidate(
        "afp-1011",
        "AFP",
        Stance.REPORTS,
        GANJA_OUTSKIRTS,
        GANJA_DAY,
        geo_precision=GeoPrecision.NEAR_TOWN,
        killed=Count(7, None),
    )
    assert same_event(outskirts, REUTERS_REPORT)
    as_town = candidate("afp-1011", "AFP", Stance.REPORTS, GANJA_OUTSKIRTS, GANJA_DAY)
    assert not same_event(as_town, REUTERS_REPORT)


def test_a_region_level_report_joins_its_town_event() -> None:
    region = candidate(
        "az-officials",
        "Azerbaijani officials",
        Stance.CLAIMS,
        GANJA_REGION,
        GANJA_DAY,
        killed=Count(10, None),
        actor1=AM_FORCES,
    )
    events = merge_candidates([*GANJA_REPORTS, region])
    assert len(events) == 1 and len(events[0].reports) == 5
    assert events[0].place == GANJA and events[0].geo_precision == GeoPrecision.TOWN


def test_a_region_level_report_does_not_glue_two_towns_together() -> None:
    stepanakert = candidate("reuters-a", "Reuters", Stance.REPORTS, STEPANAKERT, SHELLED)
    shusha = candidate("reuters-b", "Reuters", Stance.REPORTS, SHUSHA, SHELLED)
    region = candidate("az-mod", "Azerbaijan Defence Ministry", Stance.CLAIMS, SHUSHA_REGION, SHELLED)
    assert same_event(region, stepanakert) and same_event(region, shusha)
    groups = cluster([region, stepanakert, shusha])
    assert len(groups) == 2
    assert sorted(map(len, groups)) == [1, 2]
    assert any(region in group and len(group) == 2 for group in groups)


def test_a_week_long_report_joins_one_day_not_both() -> None:
    monday = candidate("a", "Reuters", Stance.REPORTS, STEPANAKERT, SHELLED)
    tuesday = candidate("b", "AFP", Stance.REPORTS, STEPANAKERT, SHELLED + timedelta(days=1))
    week = candidate(
        "c", "Artsakh officials", Stance.CLAIMS, STEPANAKERT, SHELLED - timedelta(days=2), days=7
    )
    groups = cluster([week, tuesday, monday])
    assert len(groups) == 2 and sum(week in group for group in groups) == 1


def strike_told_as(
    sub_event_type: str, doc_id: str, claimed_by: str, stance: Stance, **fields: object
) -> EventCandidate:
    """A report of the Ganja strike of Oct 11 that codes it as ``sub_event_type``."""
    return replace(
        candidate(doc_id, claimed_by, stance, GANJA, GANJA_DAY, **fields),  # type: ignore[arg-type]
        event_type=event_type_of(sub_event_type),
        sub_event_type=sub_event_type,
    )


def test_one_strike_told_as_shelling_an_air_strike_an_attack_on_civilians_or_fighting_is_one_event() -> None:
    drone = strike_told_as("Air/drone strike", "x", "AFP", Stance.REPORTS)
    attack = strike_told_as(
        "Attack", "y", "Associated Press", Stance.REPORTS, actor2=AZ_CIVILIANS, killed=Count(12, None)
    )
    fighting = strike_told_as(
        "Armed clash", "z", "Azerbaijani officials", Stance.CLAIMS, actor1=AM_FORCES, actor2=AZ_FORCES
    )
    for other_telling in (attack, fighting):
        told = [*GANJA_REPORTS, drone, other_telling]
        assert all(same_event(report, other) for report in told for other in told)
        (event,) = merge_candidates(told)
        assert len(event.reports) == len(told)
        assert (event.event_type, event.sub_event_type) == (REMOTE, SHELLING)


def test_a_clash_with_a_third_side_an_attack_told_as_a_clash_or_a_non_violent_event_stay_apart() -> None:
    on_civilians = strike_told_as(
        SHELLING, "x", "Reuters", Stance.REPORTS, actor1=AM_FORCES, actor2=AZ_CIVILIANS
    )
    third_side = strike_told_as(
        "Armed clash", "y", "AFP", Stance.REPORTS, actor1=AZ_FORCES, actor2="Military Forces of Russia"
    )
    attack = strike_told_as("Attack", "z", "AFP", Stance.REPORTS, actor1=AM_FORCES, actor2=AZ_CIVILIANS)
    clash = strike_told_as("Armed clash", "w", "AFP", Stance.REPORTS, actor1=AM_FORCES, actor2=AZ_FORCES)
    truce = strike_told_as("Agreement", "v", "AFP", Stance.REPORTS)
    assert same_event(on_civilians, attack) and same_event(on_civilians, clash)
    assert not same_event(on_civilians, third_side)
    assert not same_event(attack, clash)
    assert not same_event(on_civilians, truce)
    assert len(merge_candidates([on_civilians, attack, clash])) == 2


def test_compatible_types_in_neighbouring_towns_or_on_consecutive_days_stay_apart() -> None:
    shelling = candidate("a", "Artsakh officials", Stance.CLAIMS, STEPANAKERT, SHELLED, actor1=AZ_FORCES)
    in_shusha = candidate("b", "Reuters", Stance.REPORTS, SHUSHA, SHELLED, actor2=AZ_CIVILIANS)
    attack_in_shusha = replace(in_shusha, event_type="Violence against civilians", sub_event_type="Attack")
    clash_next_day = replace(
        candidate("c", "AFP", Stance.REPORTS, STEPANAKERT, SHELLED + timedelta(days=1)),
        event_type="Battles",
        sub_event_type="Armed clash",
    )
    assert not same_event(shelling, attack_in_shusha) and not same_event(shelling, clash_next_day)
    assert len(merge_candidates([shelling, attack_in_shusha, clash_next_day])) == 3


def test_a_town_taken_told_as_taken_or_as_a_clash_is_one_battle_of_the_specific_sub_type() -> None:
    taken = strike_told_as(
        "Government regains territory", "x", "Azerbaijani officials", Stance.CLAIMS, actor1=AZ_FORCES
    )
    fighting = strike_told_as("Armed clash", "y", "Reuters", Stance.REPORTS, actor2=AM_FORCES)
    disputed = strike_told_as(
        "Non-state actor overtakes territory",
        "z",
        "Armenia Defence Ministry",
        Stance.DISPUTES,
        actor1=AM_FORCES,
    )
    (event,) = merge_candidates([taken, fighting, disputed])
    assert (event.event_type, event.sub_event_type) == ("Battles", "Government regains territory")
    assert event.status.contested


def test_neutral_sources_naming_different_attackers_tell_different_events() -> None:
    by_armenia = candidate("x", "Reuters", Stance.REPORTS, GANJA, GANJA_DAY, actor1=AM_FORCES)
    by_azerbaijan = candidate("y", "AFP", Stance.REPORTS, GANJA, GANJA_DAY, actor1=AZ_FORCES)
    assert not same_event(by_armenia, by_azerbaijan)
    claim = candidate("z", "Armenia Defence Ministry", Stance.CLAIMS, GANJA, GANJA_DAY, actor1=AZ_FORCES)
    counter = candidate("w", "Azerbaijan Defence Ministry", Stance.CLAIMS, GANJA, GANJA_DAY, actor1=AM_FORCES)
    assert same_event(claim, counter)


def test_a_strike_on_soldiers_or_on_civilians_in_one_town_is_one_event_but_other_targets_differ() -> None:
    strike = candidate("x", "Reuters", Stance.REPORTS, GANJA, GANJA_DAY, actor1=AM_FORCES, actor2=AZ_FORCES)
    on_soldiers = strike
    on_civilians = replace(strike, doc_id="y", claimed_by="AFP", actor2=AZ_CIVILIANS)
    on_russians = replace(strike, doc_id="z", claimed_by="AFP", actor2="Military Forces of Russia")
    assert same_event(on_soldiers, on_civilians)
    assert not same_event(on_soldiers, on_russians)


def test_a_denial_blaming_someone_else_is_the_same_event() -> None:
    reported = candidate("x", "Reuters", Stance.REPORTS, GANJA, GANJA_DAY, actor1=AM_FORCES)
    denial = candidate("y", "Armenia Defence Ministry", Stance.DENIES, GANJA, GANJA_DAY, actor1=AZ_FORCES)
    assert same_event(reported, denial)
    assert not same_event(reported, replace(denial, stance=Stance.REPORTS, claimed_by="AFP"))


def test_a_source_naming_the_winner_and_one_naming_the_loser_tell_one_battle() -> None:
    winner = candidate(
        "x",
        "Reuters",
        Stance.REPORTS,
        SHUSHA,
        SHELLED,
        actor1=AZ_FORCES,
        actor2=None,
        event_type="Battles",
        sub_event_type="Armed clash",
    )
    loser = replace(winner, doc_id="y", claimed_by="AFP", actor1=None, actor2=AM_FORCES)
    third = replace(winner, doc_id="z", claimed_by="AFP", actor1="Military Forces of Russia")
    assert same_event(winner, loser)
    assert not same_event(loser, replace(third, actor2=AZ_FORCES))


def test_battle_actors_are_an_unordered_pair() -> None:
    one = candidate(
        "x",
        "Reuters",
        Stance.REPORTS,
        SHUSHA,
        SHELLED,
        actor1=AM_FORCES,
        actor2=AZ_FORCES,
        event_type="Battles",
        sub_event_type="Armed clash",
    )
    other = replace(one, doc_id="y", claimed_by="AFP", actor1=AZ_FORCES, actor2=AM_FORCES)
    partial = replace(one, doc_id="z", actor1=AZ_FORCES, actor2=None)
    elsewhere = replace(one, doc_id="w", actor1=AZ_FORCES, actor2="Military Forces of Russia")
    assert same_event(one, other) and same_event(one, partial)
    assert not same_event(one, elsewhere)


def test_candidates_without_place_or_date_stay_alone() -> None:
    no_place = replace(candidate("x", "Reuters", Stance.REPORTS, GANJA, GANJA_DAY), place=None)
    assert not same_event(no_place, REUTERS_REPORT)
    assert len(merge_candidates([no_place, no_place, REUTERS_REPORT])) == 2
