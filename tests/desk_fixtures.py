"""A small store like the demo's for the desk's page and browser tests: texts written by us.

Seven reports of six events in and around Nagorno-Karabakh in October 2020, covering four event
types, the three geo precisions, a contested and a corroborated event, and hostile markup in a
title and in evidence.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from store_factories import STEPANAKERT, ReportParts, make_candidate, make_document, make_raw, seed_store

from frontwatch.model.mention import Count
from frontwatch.model.place import Place
from frontwatch.model.vocab import GeoPrecision, Stance

HOSTILE_TITLE = "<script>alert('title')</script>Shells hit Ganja"
HOSTILE_TEXT = (
    "GANJA, Oct 4 (Wire) - Artillery shells hit Ganja <img src=x onerror=alert(1)> on Sunday, killing at "
    "least 3 civilians, Azerbaijan's defence ministry said. Rescue teams were still at work."
)
GANJA = Place(587084, "Ganja", 40.6828, 46.3606, "AZ", "Ganja", "PPLA", 335600)
FIZULI = Place(147622, "Fizuli", 39.6009, 47.1431, "AZ", "Fuezuli", "PPLA", 26765)
TOVUZ = Place(585170, "Tovuz District", 40.9667, 45.6167, "AZ", "Tovuz", "ADM1", 0)
YEREVAN = Place(616052, "Yerevan", 40.1811, 44.5136, "AM", "Yerevan", "PPLC", 1093485)


def report(text: str, source: str, title: str, url: str | None, **changes: object) -> ReportParts:
    """One document whose first sentence evidences one candidate (the Ganja shelling, changed)."""
    raw = make_raw(text, source=source, url=url, external_id=source.removesuffix(".txt"))
    document = make_document(raw, title=title)
    return raw, document, [make_candidate(document, None, **changes)]


def desk_reports() -> list[ReportParts]:
    return [
        report(HOSTILE_TEXT, "wire-ganja.txt", HOSTILE_TITLE, "https://example.org/g?a=1&b=2", place=GANJA),
        report(
            "YEREVAN, Oct 4 (Wire) - Armenia's defence ministry denied that its forces shelled Ganja on "
            "Sunday. It called the claim a provocation.",
            "wire-ganja-denial.txt",
            "Yerevan denies shelling Ganja",
            "https://example.org/ganja-denial",
            place=GANJA,
            killed=None,
            claimed_by="Armenia Defence Ministry",
            stance=Stance.DENIES,
        ),
        report(
            "STEPANAKERT, Oct 4 (Wire) - Rockets struck the centre of Stepanakert overnight, killing 2 "
            "people and wounding 11, officials in Artsakh said. Sirens sounded again at dawn.",
            "wire-stepanakert.txt",
            "Rockets hit Stepanakert",
            "https://example.org/stepanakert",
            date_earliest=date(2020, 10, 3),
            place=STEPANAKERT,
            actor1="Military Forces of Azerbaijan",
            killed=Count(2, 2),
            injured=Count(11, 11),
            weapons=("rockets",),
            claimed_by="Artsakh officials",
        ),
        report(
            "A drone struck a convoy near Fizuli on Saturday, Oct 10, killing 4 soldiers, Armenia's defence "
            "ministry said. Baku did not comment.",
            "wire-fizuli.txt",
            "Drone strike near Fizuli",
            "https://example.org/fizuli",
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            date_earliest=date(2020, 10, 10),
            date_latest=date(2020, 10, 10),
            place=FIZULI,
            geo_precision=GeoPrecision.NEAR_TOWN,
            actor1="Military Forces of Azerbaijan",
            actor2="Military Forces of Armenia",
            killed=Count(4, 4),
            civilian_targeting=False,
            weapons=("drone",),
            claimed_by="Armenia Defence Ministry",
        ),
        report(
            "Fighting broke out along the border in the Tovuz district on Monday, Oct 12, with 2 soldiers "
            "killed, Azerbaijan's defence ministry said. Both sides blamed each other.",
            "wire-tovuz.txt",
            "Clashes in Tovuz",
            None,
            event_type="Battles",
            sub_event_type="Armed clash",
            date_earliest=date(2020, 10, 12),
            date_latest=date(2020, 10, 12),
            place=TOVUZ,
            geo_precision=GeoPrecision.REGION,
            actor1="Military Forces of Armenia",
            actor2="Military Forces of Azerbaijan",
            killed=Count(2, 2),
            civilian_targeting=False,
            weapons=("small arms",),
        ),
        report(
            "Thousands rallied peacefully in Yerevan on Saturday, Oct 17, to demand an end to the war, "
            "witnesses said. Police watched from side streets.",
            "wire-yerevan.txt",
            "Rally in Yerevan",
            "https://example.org/yerevan",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            date_earliest=date(2020, 10, 17),
            date_latest=date(2020, 10, 17),
            place=YEREVAN,
            actor1="Protesters (Armenia)",
            actor2=None,
            killed=None,
            civilian_targeting=False,
            weapons=(),
            claimed_by="witnesses",
            stance=Stance.REPORTS,
            partisan=False,
        ),
    ]


def seed_desk_store(path: Path) -> Path:
    """Writes the desk's store at ``path`` and returns it."""
    seed_store(path, *desk_reports())
    return path
