"""The ledger: reconciled low/best/high tolls and the contested / corroborated flags."""

from __future__ import annotations

from datetime import date

from merge_factories import (
    AM_FORCES,
    AM_MOD_DENIAL,
    AMNESTY_FINDING,
    AZ_CIVILIANS,
    AZ_FORCES,
    AZ_MOD_CLAIM,
    GANJA,
    GANJA_DAY,
    KOSTIANTYNIVKA,
    REUTERS_REPORT,
    SHELLING,
    STEPANAKERT,
    candidate,
)

from frontwatch.model.event import Report, Tally
from frontwatch.model.mention import Count
from frontwatch.model.vocab import Stance, event_type_of
from frontwatch.pipeline.merge.ledger import (
    event_from_reports,
    is_contested,
    is_corroborated,
    is_credible,
    reconcile,
    report_of,
)


def test_ganja_strike_ledger_keeps_every_source_and_reconciles_the_toll() -> None:
    reports = [report_of(c) for c in (AZ_MOD_CLAIM, AM_MOD_DENIAL, REUTERS_REPORT, AMNESTY_FINDING)]
    event = event_from_reports("ev-ganja", reports)
    assert {r.claimed_by for r in event.reports} == {
        "Azerbaijan Defence Ministry",
        "Armenia Defence Ministry",
        "Reuters",
        "Amnesty International",
    }
    assert event.killed == Tally(9, 9, 10)
    assert event.injured == Tally(30, 30, 34)
    assert event.status.contested and event.status.corroborated
    assert (event.place, event.date_earliest, event.date_latest) == (GANJA, GANJA_DAY, GANJA_DAY)
    assert (event.actor1, event.actor2) == (AM_FORCES, AZ_CIVILIANS)
    assert event.weapons == ("ballistic missile",)
    assert event.civilian_targeting


def test_partisan_side_comes_from_the_claimant_table() -> None:
    assert report_of(AZ_MOD_CLAIM).side == "azerbaijan"
    assert report_of(AM_MOD_DENIAL).side == "armenia"
    assert report_of(REUTERS_REPORT).side is None


def test_figures_about_enemy_losses_are_kept_but_not_counted() -> None:
    day = date(2020, 10, 14)
    boast = report_of(
        candidate(
            "az-mod-boast",
            "Azerbaijan Defence Ministry",
            Stance.CLAIMS,
            STEPANAKERT,
            day,
            killed=Count(50, None),
            actor1=AZ_FORCES,
            actor2=AM_FORCES,
        )
    )
    own = report_of(
        candidate(
            "am-mod-losses",
            "Armenia Defence Ministry",
            Stance.CLAIMS,
            STEPANAKERT,
            day,
            killed=Count(5, 5),
            actor1=AZ_FORCES,
            actor2=AM_FORCES,
        )
    )
    assert not is_credible(boast) and is_credible(own)
    assert reconcile([boast, own], lambda r: r.killed) == Tally(5, 5, 5)
    assert reconcile([boast], lambda r: r.killed) == Tally(50, 50, 50)
    event = event_from_reports("ev", [boast, own])
    assert set(event.reports) == {boast, own} and event.killed == Tally(5, 5, 5)


def test_tally_takes_lowest_minimum_median_minimum_and_highest_bound() -> None:
    day = date(2020, 10, 27)
    reports = [
        report_of(candidate(f"doc-{i}", source, Stance.REPORTS, GANJA, day, killed=count))
        for i, (source, count) in enumerate(
            [("Reuters", Count(3, 5)), ("AFP", Count(4, None)), ("Associated Press", Count(2, 2))]
        )
    ]
    assert reconcile(reports, lambda r: r.killed) == Tally(2, 3, 5)
    assert reconcile(reports[1:2], lambda r: r.killed) == Tally(4, 4, 4)
    assert reconcile(reports, lambda r: r.injured) is None


def test_a_denial_contributes_no_figures() -> None:
    denial = report_of(
        candidate("am", "Armenia Defence Ministry", Stance.DENIES, GANJA, GANJA_DAY, killed=Count(0, 0))
    )
    assert reconcile([denial, report_of(REUTERS_REPORT)], lambda r: r.killed) == Tally(9, 9, 9)


def test_a_party_alone_is_neither_contested_nor_corroborated() -> None:
    reports = [report_of(AZ_MOD_CLAIM)]
    assert not is_contested(reports) and not is_corroborated(reports)


def test_a_denial_by_the_accused_side_contests_the_claim() -> None:
    assert is_contested([report_of(AZ_MOD_CLAIM), report_of(AM_MOD_DENIAL)])
    assert not is_contested([report_of(AZ_MOD_CLAIM), report_of(REUTERS_REPORT)])


def test_opposing_sides_blaming_each_other_contest_who_did_it() -> None:
    day = date(2023, 9, 6)
    ukraine = candidate(
        "ua",
        "Ukrainian officials",
        Stance.CLAIMS,
        KOSTIANTYNIVKA,
        day,
        killed=Count(16, 16),
        actor1="Military Forces of Russia",
        actor2="Civilians (Ukraine)",
    )
    russia = candidate(
        "ru",
        "Russian officials",
        Stance.CLAIMS,
        KOSTIANTYNIVKA,
        day,
        actor1="Military Forces of Ukraine",
        actor2="Civilians (Ukraine)",
    )
    assert is_contested([report_of(ukraine), report_of(russia)])


def test_two_independent_neutral_sources_corroborate_but_one_outlet_twice_does_not() -> None:
    afp = candidate("afp-1", "AFP", Stance.REPORTS, GANJA, GANJA_DAY, killed=Count(9, None))
    reuters_again = candidate("reuters-2", "Reuters", Stance.REPORTS, GANJA, GANJA_DAY)
    assert is_corroborated([report_of(REUTERS_REPORT), report_of(afp)])
    assert not is_corroborated([report_of(REUTERS_REPORT), report_of(reuters_again)])
    assert is_corroborated([report_of(AMNESTY_FINDING)])
    outlet = candidate("wire-1011", "outlet", Stance.REPORTS, GANJA, GANJA_DAY, killed=Count(9, None))
    witnesses = candidate("wire-1011", "witnesses", Stance.REPORTS, GANJA, GANJA_DAY, evidence=(300, 380))
    assert not is_corroborated([report_of(outlet), report_of(witnesses)])


def test_the_sub_type_is_the_one_most_neutral_sources_give_and_a_generic_one_only_when_alone() -> None:
    day = date(2023, 7, 8)
    air = "Air/drone strike"

    def told(sub_event_type: str, doc_id: str, claimed_by: str, stance: Stance = Stance.CLAIMS) -> Report:
        return report_of(
            candidate(
                doc_id,
                claimed_by,
                stance,
                GANJA,
                day,
                sub_event_type=sub_event_type,
                event_type=event_type_of(sub_event_type),
            )
        )

    partisan_shelling = [
        told(SHELLING, "az", "Azerbaijani officials"),
        told(SHELLING, "az-mod", "Azerbaijan Defence Ministry"),
        told(SHELLING, "artsakh", "Artsakh officials"),
    ]
    neutral_air = [
        told(air, "ngo", "Amnesty International", Stance.CORROBORATES),
        told(air, "wire", "outlet", Stance.REPORTS),
    ]
    attack = told("Attack", "local", "outlet", Stance.REPORTS)
    air_event = event_from_reports("ev-air", [*partisan_shelling, *neutral_air, attack])
    assert (air_event.event_type, air_event.sub_event_type) == ("Explosions/Remote violence", air)
    one_outlet_twice = [told(air, "wire", "outlet", Stance.REPORTS)] * 2
    tie_broken_by_all_sources = event_from_reports(
        "ev-shelling", [*partisan_shelling, told(SHELLING, "afp", "AFP", Stance.REPORTS), *one_outlet_twice]
    )
    assert tie_broken_by_all_sources.sub_event_type == SHELLING
    un_attack = told("Attack", "un", "United Nations", Stance.REPORTS)
    generic = event_from_reports("ev-attack", [attack, un_attack])
    assert (generic.event_type, generic.sub_event_type) == ("Violence against civilians", "Attack")
    specific = event_from_reports("ev-specific", [attack, partisan_shelling[0]])
    assert (specific.event_type, specific.sub_event_type) == ("Explosions/Remote violence", SHELLING)
