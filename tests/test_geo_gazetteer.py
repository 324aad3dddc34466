"""Gazetteer: spelling variants, region names, containment, the full-dump tier and the default index."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from frontwatch.errors import GazetteerError
from frontwatch.geo.gazetteer import Gazetteer, haversine_km
from frontwatch.geo.geoparse import geoparse
from frontwatch.model.place import Place

FIXTURES = Path(__file__).parent / "fixtures" / "geo"

AZERBAIJAN = Place(587116, "Azerbaijan", 40.5, 47.5, "AZ", None, "PCLI", 9_949_537)
FUZULI_REGION = Place(-18, "Fuzuli Rayon", 39.55, 47.15, "AZ", "Fuzuli Rayon", "ADM1", 40_800)
FUZULI = Place(148106, "Füzuli", 39.60094, 47.14529, "AZ", "Fuzuli Rayon", "PPLA", 25_100)
KARABAKH = Place(-1, "Nagorno-Karabakh", 39.83, 46.75, "AZ", None, "ADMD", 145_000)
EL_FASHER = Place(379555, "El Fasher", 13.62793, 25.34936, "SD", "North Darfur", "PPLA", 252_609)
BAKU = Place(587084, "Baku", 40.37767, 49.89201, "AZ", "Baki", "PPLC", 2_300_000)


@pytest.fixture
def small() -> Gazetteer:
    return Gazetteer.from_places(
        [
            (AZERBAIJAN, ["Azerbaidzhan"]),
            (FUZULI_REGION, ["Fizuli"]),
            (FUZULI, ["Fizuli", "Karyagino"]),
            (KARABAKH, ["Artsakh", "Karabakh"]),
            (EL_FASHER, ["Al Fashir", "Al-Fasher"]),
            (BAKU, ["Bakı"]),
        ]
    )


def test_lookup_folds_case_diacritics_hyphens_and_articles(small: Gazetteer) -> None:
    assert FUZULI in small.lookup("FUZULI")
    assert FUZULI in small.lookup("Füzuli")
    assert small.lookup("Baki") == [BAKU]
    assert small.lookup("Al-Fashir") == [EL_FASHER]
    assert small.lookup("el fashir") == [EL_FASHER]
    assert small.lookup("Nagorno Karabakh") == [KARABAKH]
    assert small.lookup("Ganja") == []


def test_saint_mount_and_fort_abbreviations_match_the_spelled_out_name() -> None:
    mount_pleasant = Place(4866445, "Mount Pleasant", 40.96, -91.56, "US", "Iowa", "PPL", 8_433)
    saint_louis = Place(4407066, "St. Louis", 38.6273, -90.1979, "US", "Missouri", "PPLA2", 315_685)
    gazetteer = Gazetteer.from_places([(mount_pleasant, []), (saint_louis, [])])
    assert gazetteer.lookup("Mt. Pleasant") == [mount_pleasant]
    assert gazetteer.lookup("Saint Louis") == gazetteer.lookup("St Louis") == [saint_louis]
    assert gazetteer.lookup("Main St") == []


def test_region_word_selects_the_region_not_the_town(small: Gazetteer) -> None:
    assert small.lookup("Fizuli district") == [FUZULI_REGION]
    assert small.lookup("Füzuli Rayon") == [FUZULI_REGION]
    assert [p.feature_code for p in small.lookup("Fizuli")] == ["ADM1", "PPLA"]


def test_get_and_containment(small: Gazetteer) -> None:
    assert small.get(148106) == FUZULI
    assert small.get(1) is None
    assert small.contains(AZERBAIJAN, FUZULI)
    assert small.contains(FUZULI_REGION, FUZULI)
    assert not small.contains(FUZULI_REGION, BAKU)
    assert not small.contains(FUZULI, FUZULI)
    assert not small.contains(AZERBAIJAN, EL_FASHER)


def test_full_dump_tier_reads_geonames_format() -> None:
    gazetteer = Gazetteer.from_geonames_dump(FIXTURES / "allCountries.txt", FIXTURES / "alternateNames.txt")
    town = gazetteer.lookup("Stepanakert")
    assert [(p.geonames_id, p.admin1, p.feature_code) for p in town] == [(146970, "Xankəndi Şəhəri", "PPLA")]
    assert gazetteer.lookup("Xankendi")[0].geonames_id == 146970
    assert [p.feature_code for p in gazetteer.lookup("Fuzuli district")] == ["ADM1"]
    assert gazetteer.lookup("Murovdag") == []  # mountains (class T) are not kept
    assert gazetteer.lookup("wikipedia") == []
    country = gazetteer.get(587116)
    assert country is not None and gazetteer.contains(country, town[0])


def test_dump_dir_is_cached_and_reloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTWATCH_CACHE", str(tmp_path))
    first = Gazetteer.load_dump_dir(FIXTURES)
    cached = list(tmp_path.glob("gazetteer-v*-dump-*.marshal"))
    assert len(cached) == 1
    second = Gazetteer.from_file(cached[0])
    assert second.lookup("Stepanakert") == first.lookup("Stepanakert")


def test_missing_dump_and_corrupt_index_raise_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match=r"allCountries\.txt"):
        Gazetteer.load_dump_dir(tmp_path)
    broken = tmp_path / "broken.marshal"
    broken.write_bytes(b"not an index")
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer.from_file(broken)


# -- the default index (built once per machine into the cache dir) ------------------------------------


@pytest.fixture(scope="session")
def default_gazetteer() -> Gazetteer:
    return Gazetteer.load_default()


@pytest.mark.parametrize(
    ("spelling", "name", "country"),
    [
        ("Füzuli", "Fuzuli", "AZ"),
        ("Xankəndi", "Khankendi", "AZ"),
        ("Stepanakert", "Khankendi", "AZ"),
        ("Shushi", "Shusha", "AZ"),
        ("Artemivsk", "Bakhmut", "UA"),
        ("Al-Fashir", "El Fasher", "SD"),
    ],
)
def test_default_index_resolves_variant_spellings(
    default_gazetteer: Gazetteer, spelling: str, name: str, country: str
) -> None:
    towns = [p for p in default_gazetteer.lookup(spelling) if not p.is_region]
    assert (towns[0].name, towns[0].country) == (name, country)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Donetsk Oblast", "UA"),
        ("Fizuli district", "AZ"),
        ("Tartar district", "AZ"),
        ("Kherson region", "UA"),
        ("Syunik", "AM"),
        ("Darfur", "SD"),
        ("Nagorno-Karabakh", "AZ"),
    ],
)
def test_default_index_region_names_resolve_to_regions(
    default_gazetteer: Gazetteer, text: str, country: str
) -> None:
    best = default_gazetteer.lookup(text)[0]
    assert best.is_region and best.country == country


def test_default_index_loads_fast(default_gazetteer: Gazetteer) -> None:
    Gazetteer._default = None
    started = time.perf_counter()
    reloaded = Gazetteer.load_default()
    assert time.perf_counter() - started < 2.0
    assert len(reloaded) == len(default_gazetteer) > 200_000
    assert reloaded.demonym("Azerbaijani") == reloaded.lookup("Azerbaijan")[0]


def test_default_index_geoparses_conflict_reporting(default_gazetteer: Gazetteer) -> None:
    text = (
        "Azerbaijani forces shelled Xankəndi overnight, and Armenian officials said two villages of the "
        "Fizuli district were hit. Baku said its troops had entered Hadrut, Nagorno-Karabakh."
    )
    found = {m.text: m.place for m in geoparse(text, default_gazetteer)}
    assert set(found) == {"Xankəndi", "Fizuli district", "Hadrut", "Nagorno-Karabakh"}
    assert all(place is not None and place.country == "AZ" for place in found.values())
    assert found["Fizuli district"] is not None and found["Fizuli district"].is_region


def test_region_suffixed_name_prefers_regions_indexed_under_the_whole_name() -> None:
    state = Place(5815135, "Washington", 47.50012, -120.50147, "US", "Washington", "ADM1", 7_000_000)
    county = Place(-30, "Washington County", 41.33, -91.72, "US", "Iowa", "ADM2", 22_000)
    gazetteer = Gazetteer.from_places([(state, []), (county, [])])
    assert gazetteer.lookup("Washington County") == [county]
    assert gazetteer.lookup("Washington state") == [state]


def test_default_index_places_large_regions_at_geonames_points(default_gazetteer: Gazetteer) -> None:
    texas = next(p for p in default_gazetteer.lookup("Texas") if p.feature_code == "ADM1")
    ontario = next(p for p in default_gazetteer.lookup("Ontario") if p.feature_code == "ADM1")
    # a box around the towns puts Ontario near Lake Huron, hundreds of km south of the province's middle
    assert haversine_km(texas.lat, texas.lon, 31.25, -99.25) < 25
    assert haversine_km(ontario.lat, ontario.lon, 49.25, -84.5) < 25


@pytest.mark.parametrize(
    ("text", "surface", "country", "near"),
    [
        (
            "Fighting spread across Nagorno-Karabakh on Monday. Artillery hit Martuni overnight.",
            "Martuni",
            "AZ",
            (39.79, 47.11),
        ),
        ("Azerbaijani troops entered Askeran, a town near Stepanakert.", "Askeran", "AZ", (39.93, 46.83)),
        ("Residents fled the Yarmouk camp south of Damascus.", "Yarmouk", "SY", (33.47, 36.30)),
    ],
)
def test_default_index_resolves_known_conflict_toponyms(
    default_gazetteer: Gazetteer, text: str, surface: str, country: str, near: tuple[float, float]
) -> None:
    place = {m.text: m.place for m in geoparse(text, default_gazetteer)}[surface]
    assert place is not None and place.country == country and not place.is_region
    assert haversine_km(place.lat, place.lon, *near) < 15


def test_default_index_puts_a_named_quarter_in_its_town(default_gazetteer: Gazetteer) -> None:
    text = "Shells struck the Dar es Salaam neighbourhood of Omdurman on Tuesday."
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Dar es Salaam", "Omdurman")]
    quarter, town = geoparse(text, default_gazetteer, spans)
    assert town.place is not None and town.place.name == "Omdurman"
    assert quarter.place == town.place and quarter.score < town.score
