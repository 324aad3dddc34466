"""Actor mentions: conflict dictionaries, the demonym fallback and country-coded names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontwatch.errors import ExtractionError
from frontwatch.model.vocab import ActorType
from frontwatch.pipeline.mentions.actors import (
    conflicts_of,
    default_dictionaries,
    find_actors,
    force_of_side,
    load_dictionary,
    name_for_country,
    opposing_force,
)


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Azerbaijani forces", "Military Forces of Azerbaijan"),
        ("Azerbaijan's army", "Military Forces of Azerbaijan"),
        ("Armenian troops", "Military Forces of Armenia"),
        ("the Artsakh Defence Army", "Artsakh Defence Army"),
        ("ethnic Armenian forces", "Artsakh Defence Army"),
        ("Russian troops", "Military Forces of Russia"),
        ("Ukrainian forces", "Military Forces of Ukraine"),
        ("the RSF", "Rapid Support Forces"),
        ("paramilitary Rapid Support Forces", "Rapid Support Forces"),
        ("Sudanese army", "Military Forces of Sudan"),
        ("Georgian troops", "Military Forces of Georgia"),
        ("Turkey's military", "Military Forces of Turkey"),
    ],
)
def test_forces_are_normalised(phrase: str, name: str) -> None:
    text = f"On Tuesday {phrase} advanced."
    names = [m.name for m in find_actors(text)]
    assert names == [name]


def test_civilians_are_coded_by_the_country_of_the_event() -> None:
    text = "Shelling killed two Armenian civilians in Stepanakert."
    [civilians] = find_actors(text)
    assert civilians.actor_type is ActorType.CIVILIANS
    assert name_for_country(civilians.name, "Azerbaijan") == "Civilians (Azerbaijan)"
    assert name_for_country(civilians.name, None) is None
    assert name_for_country("Military Forces of Armenia", None) == "Military Forces of Armenia"


def test_actor_spans_point_at_their_words() -> None:
    text = "Police detained protesters after Russian forces shelled the town."
    mentions = find_actors(text)
    assert [m.span.text_of(text) for m in mentions] == ["Police", "protesters", "Russian forces"]
    assert [m.actor_type for m in mentions] == [
        ActorType.STATE_FORCES,
        ActorType.PROTESTERS,
        ActorType.STATE_FORCES,
    ]


def test_sides_give_the_opposing_and_own_force() -> None:
    assert opposing_force("armenia") == "Military Forces of Azerbaijan"
    assert opposing_force("rsf") == "Military Forces of Sudan"
    assert force_of_side("ukraine") == "Military Forces of Ukraine"
    assert opposing_force(None) is None


def test_user_dictionary_extends_coverage(tmp_path: Path) -> None:
    path = tmp_path / "mali.yaml"
    path.write_text(
        "conflict: Mali\nsides: {fama: Military Forces of Mali, jnim: JNIM}\nactors:\n"
        "  - name: JNIM\n    side: jnim\n    type: Rebel groups\n"
        "    aliases: ['JNIM', 'Jama''at Nusrat al-Islam']\n"
    )
    [mention] = find_actors("JNIM fighters attacked Boni.", dictionaries=[load_dictionary(path)])
    assert (mention.name, mention.actor_type, mention.side) == ("JNIM", ActorType.REBELS, "jnim")


def test_malformed_dictionary_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("conflict: x\nactors:\n  - name: X\n")
    with pytest.raises(ExtractionError, match=r"broken\.yaml"):
        load_dictionary(path)


MALI = "conflict: Mali\nsides: {fama: Military Forces of Mali}\nactors: []\n"


def test_a_dictionary_declares_the_area_and_period_of_its_conflict(tmp_path: Path) -> None:
    path = tmp_path / "mali.yaml"
    path.write_text(MALI + "area: [Mopti, Segou]\nperiod: [2012-01-16, null]\n")
    mali = load_dictionary(path)
    assert (mali.area, mali.period) == (("Mopti", "Segou"), (date(2012, 1, 16), None))
    assert mali.covers(date(2024, 5, 1)) and not mali.covers(date(2011, 12, 31))


@pytest.mark.parametrize(
    "fields",
    [
        "area: Mopti\n",
        "area: [Mopti, '']\n",
        "period: [2012-01-16]\n",
        "period: [next year, null]\n",
        "period: [2012-01-16, 2011-01-01]\n",
    ],
)
def test_a_malformed_area_or_period_names_the_file(tmp_path: Path, fields: str) -> None:
    path = tmp_path / "mali.yaml"
    path.write_text(MALI + fields)
    with pytest.raises(ExtractionError, match=r"mali\.yaml.*'(?:area|period)'"):
        load_dictionary(path)


def test_a_reports_conflict_is_its_actors_else_the_war_under_way_that_day() -> None:
    def conflicts(text: str, day: date | None) -> list[str]:
        return [d.conflict for d in conflicts_of(find_actors(text), day)]

    assert conflicts("RSF fighters attacked the market.", date(2020, 10, 1)) == ["Sudan"]
    assert conflicts("A shell struck the school.", date(2020, 10, 1)) == ["Nagorno-Karabakh 2020"]
    assert conflicts("A shell struck the school.", date(2024, 5, 1)) == ["Russia-Ukraine", "Sudan"]
    assert conflicts("A shell struck the school.", date(2021, 6, 1)) == []
    assert conflicts("Police detained protesters.", None) == []
    assert all(d.area for d in default_dictionaries() if d.sides)
