"""Property-based API tests: schemathesis generates requests from the OpenAPI schema and checks the
answers (no server error, documented status codes and content types, responses matching the schema,
invalid input refused). Valid-looking input may still be refused: a box whose south lies north of its
north, a date range that ends before it starts; so acceptance of schema-valid data is not required."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from store_factories import ganja_report, seed_store, stepanakert_report

from frontwatch.web.app import create_app

MAX_EXAMPLES = 15
"""Per operation; the eleven API operations then run in well under a minute."""

STORE_FOLDER = tempfile.TemporaryDirectory(prefix="frontwatch-schemathesis-")
"""Removed when the test process ends (schemathesis loads the schema when this module is collected)."""


def api_schema() -> schemathesis.BaseSchema:
    db = Path(STORE_FOLDER.name) / "fw.db"
    seed_store(db, ganja_report(), stepanakert_report())
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(db)).include(tag="api")


schema = api_schema()


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
