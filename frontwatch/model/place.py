"""Places: a gazetteer entry, and a place mention resolved (or not) to one."""

from __future__ import annotations

from dataclasses import dataclass

from frontwatch.model.span import Span


@dataclass(frozen=True, slots=True)
class Place:
    """One GeoNames entry: a populated place, an administrative region or a country.

    ``feature_code`` is GeoNames' (PPL, PPLA, PPLC, ADM1, ADM2, PCLI, ...); ``admin1`` is the
    first-level region's name (not its code); ``country`` is ISO 3166-1 alpha-2.
    """

    geonames_id: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    feature_code: str
    population: int = 0

    @property
    def is_region(self) -> bool:
        """True for anything but a populated place: countries, divisions, areas (ACLED geo precision 3)."""
        return not self.feature_code.startswith("PPL")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text; ``place`` is None when it could not be resolved with confidence."""

    span: Span
    text: str
    place: Place | None
    score: float
