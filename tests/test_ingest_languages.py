"""Documents in languages the extractor does not read yet are stored, searchable, and counted — not lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.place import Place
from frontwatch.pipeline.run import IngestReport, ingest_paths
from frontwatch.store import Store
from frontwatch.store.queries import list_events
from frontwatch.store.search import list_documents

RUSSIAN = (
    "Министерство обороны сообщило, что в ночь на воскресенье город Гянджа был обстрелян ракетами. "
    "По данным властей, погибли четыре мирных жителя, ещё десять человек ранены.\n"
)
FRENCH = (
    "Des tirs d'artillerie ont visé la ville de Terter dans la nuit, selon le ministère de la Défense "
    "de l'Azerbaïdjan, qui fait état de deux civils tués et de plusieurs blessés dans le quartier est.\n"
)
ENGLISH = "Shelling hit the town of Terter on Monday, killing 2 civilians, Azerbaijan's prosecutor said.\n"
TERTER = Place(585170, "Terter", 40.3419, 46.9322, "AZ", "Tartar", "PPLA2", 25000)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_places([(TERTER, [])])


def test_foreign_language_documents_are_stored_without_events(tmp_path: Path, gazetteer: Gazetteer) -> None:
    (tmp_path / "ru-2020-10-04.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "fr-2020-10-04.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en-2020-09-28.txt").write_text(ENGLISH, encoding="utf-8")
    with Store.open(tmp_path / "fw.db") as store:
        foreign = [tmp_path / "ru-2020-10-04.txt", tmp_path / "fr-2020-10-04.txt"]
        report = ingest_paths(foreign, store, gazetteer)
        assert (report.read, report.new, report.failed, report.created) == (2, 2, 0, 0)
        assert report.unextracted == {"ru": 1, "fr": 1}
        assert "2 new (2 not extracted: fr 1, ru 1)" in report.summary()
        languages = {row["language"] for row in list_documents(store, limit=10, offset=0)}
        assert languages == {"ru", "fr"}
        again = ingest_paths([tmp_path], store, gazetteer)
        assert (again.new, again.duplicates, again.failed) == (1, 2, 0)
        assert not again.unextracted and again.created >= 1
        assert list_events(store)


def test_summary_names_each_language_once() -> None:
    report = IngestReport(read=3, new=3)
    report.unextracted.update(["uk", "uk", "ar"])
    assert report.summary() == (
        "read 3 documents: 3 new (3 not extracted: ar 1, uk 2), 0 already stored, 0 failed; "
        "events: 0 created, 0 updated, 0 merged"
    )
