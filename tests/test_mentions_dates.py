"""Date mentions: absolute and relative expressions resolved against a report's anchor date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontwatch.pipeline.mentions.dates import find_dates

SUNDAY = date(2020, 10, 4)


def _resolved(text: str, anchor: date | None = SUNDAY) -> list[tuple[str, str, str, str]]:
    return [
        (m.text, m.earliest.isoformat(), m.latest.isoformat(), m.precision.value)
        for m in find_dates(text, anchor)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Shelling hit Stepanakert on October 3, 2020, officials said.",
            ("October 3, 2020", "2020-10-03", "2020-10-03", "day"),
        ),
        ("The ministry reported the strike on 3 October.", ("3 October", "2020-10-03", "2020-10-03", "day")),
        (
            "Drones struck Ganja on Oct. 3, the prosecutor said.",
            ("Oct. 3", "2020-10-03", "2020-10-03", "day"),
        ),
        ("Talks are due to resume on Nov 6.", ("Nov 6", "2020-11-06", "2020-11-06", "day")),
        ("The report is dated 2020-10-03.", ("2020-10-03", "2020-10-03", "2020-10-03", "day")),
        (
            "Residents fled on 13/10/2020 after the barrage.",
            ("13/10/2020", "2020-10-13", "2020-10-13", "day"),
        ),
        (
            "Artillery fire was heard on Thursday near Fizuli.",
            ("Thursday", "2020-10-01", "2020-10-01", "day"),
        ),
        ("Sirens sounded in Stepanakert on Sunday.", ("Sunday", "2020-10-04", "2020-10-04", "day")),
        ("A rocket landed in Tartar last Sunday.", ("last Sunday", "2020-09-27", "2020-09-27", "day")),
        ("Late Thursday, the shelling resumed.", ("Late Thursday", "2020-10-01", "2020-10-01", "day")),
        ("The drone was downed early on Friday.", ("early on Friday", "2020-10-02", "2020-10-02", "day")),
        ("Explosions shook the town Thursday night.", ("Thursday night", "2020-10-01", "2020-10-02", "day")),
        ("Shelling continued overnight, officials said.", ("overnight", "2020-10-03", "2020-10-04", "day")),
        (
            "Strikes hit Ganja overnight into Sunday.",
            ("overnight into Sunday", "2020-10-03", "2020-10-04", "day"),
        ),
        (
            "The ministry said today that two drones were shot down.",
            ("today", "2020-10-04", "2020-10-04", "day"),
        ),
        ("A school was hit this morning.", ("this morning", "2020-10-04", "2020-10-04", "day")),
        ("A school was hit yesterday.", ("yesterday", "2020-10-03", "2020-10-03", "day")),
        (
            "Both sides traded fire over the weekend.",
            ("over the weekend", "2020-10-03", "2020-10-04", "week"),
        ),
        (
            "Fighting intensified earlier this week.",
            ("earlier this week", "2020-09-28", "2020-10-04", "week"),
        ),
        ("Dozens of shells fell on the city last week.", ("last week", "2020-09-21", "2020-09-27", "week")),
        ("Talks in Moscow failed last month.", ("last month", "2020-09-01", "2020-09-30", "month")),
        ("The offensive began in September.", ("in September", "2020-09-01", "2020-09-30", "month")),
        ("The town was shelled two days ago.", ("two days ago", "2020-10-02", "2020-10-02", "day")),
        (
            "Civilians have been sheltering since September 27.",
            ("since September 27", "2020-09-27", "2020-10-04", "day"),
        ),
        (
            "Ganja was struck on the night of October 3.",
            ("on the night of October 3", "2020-10-03", "2020-10-04", "day"),
        ),
        ("The fighting of March 2016 lasted four days.", ("March 2016", "2016-03-01", "2016-03-31", "month")),
    ],
)
def test_single_expression_resolves_against_anchor(
    sentence: str, expected: tuple[str, str, str, str]
) -> None:
    assert _resolved(sentence) == [expected]


def test_year_after_preposition_is_a_year() -> None:
    assert _resolved("The region was last shelled in 2016 and again in 2020 by artillery.") == [
        ("in 2016", "2016-01-01", "2016-12-31", "year"),
        ("in 2020", "2020-01-01", "2020-12-31", "year"),
    ]


def test_weekday_on_the_anchor_day_is_the_anchor_unless_last() -> None:
    assert _resolved("It happened on Sunday, not last Sunday.") == [
        ("Sunday", "2020-10-04", "2020-10-04", "day"),
        ("last Sunday", "2020-09-27", "2020-09-27", "day"),
    ]


def test_spans_point_at_the_expression_in_a_window() -> None:
    text = "Header. Shelling on Oct. 3 killed two. Later: yesterday."
    mentions = find_dates(text, SUNDAY, start=8, end=38)
    assert [(m.span.start, m.span.end, m.text) for m in mentions] == [(20, 26, "Oct. 3")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The shelling began at 09:42 local time.",
        "Officials said civilians may have fled the village.",
        "Thousands joined a march to the consulate.",
        "At least 2,000 people were displaced.",
        "Two Su-25 jets and 12 drones were shot down.",
        "The ambiguous order 1/2/2020 was published.",
    ],
)
def test_times_counts_and_common_words_are_not_dates(sentence: str) -> None:
    assert _resolved(sentence) == []


def test_without_anchor_only_dates_with_a_year_resolve() -> None:
    assert _resolved(
        "On Thursday, after the attack of October 3, 2020 and of 5 October, officials met.", None
    ) == [
        ("October 3, 2020", "2020-10-03", "2020-10-03", "day"),
    ]


def test_date_without_year_far_after_anchor_belongs_to_previous_year() -> None:
    assert _resolved("The war began on December 20.", date(2021, 1, 10)) == [
        ("December 20", "2020-12-20", "2020-12-20", "day"),
    ]


@given(st.text(max_size=200), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_spans_are_inside_the_text_and_intervals_are_ordered(text: str, anchor: date) -> None:
    for mention in find_dates(text, anchor):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.earliest <= mention.latest


@given(
    st.lists(
        st.sampled_from(
            [
                "on",
                "Thursday",
                "October",
                "3,",
                "2020",
                "last",
                "week",
                "overnight",
                "into",
                "Sunday",
                "since",
                "09:42",
                "3/10/2020",
                "May",
                "in",
                "two",
                "days",
                "ago",
                "the",
                "night",
                "of",
                "yesterday",
                "Oct.",
            ]
        ),
        max_size=12,
    ),
    st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))),
)
def test_word_salads_of_date_words_never_crash(words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    for mention in find_dates(text, anchor):
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.earliest <= mention.latest


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("killed between November 4 and 7 in Ardamata", date(2023, 11, 4), date(2023, 11, 7), "week"),
        ("fighting from 4 to 7 November 2023", date(2023, 11, 4), date(2023, 11, 7), "week"),
        ("on Nov. 4-5", date(2023, 11, 4), date(2023, 11, 5), "day"),
        ("at the start of this year", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("the talks are set to resume on Wednesday", date(2023, 11, 15), date(2023, 11, 15), "day"),
        ("the corridor stays closed until Monday", date(2023, 11, 13), date(2023, 11, 13), "day"),
        ("the handover should be completed in December", date(2023, 12, 1), date(2023, 12, 31), "month"),
        ("the city was shelled on Wednesday", date(2023, 11, 8), date(2023, 11, 8), "day"),
    ],
)
def test_ranges_years_as_modifiers_and_future_references(
    text: str, earliest: date, latest: date, precision: str
) -> None:
    [mention] = find_dates(text, date(2023, 11, 10))
    assert (mention.earliest, mention.latest, mention.precision.value) == (earliest, latest, precision)


def test_and_without_between_is_no_range() -> None:
    [mention] = find_dates("On October 3 and 4 people died.", date(2023, 11, 10))
    assert (mention.text, mention.latest) == ("October 3", date(2023, 10, 3))
