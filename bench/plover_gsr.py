"""Event category accuracy on the PLOVER gold standard records (322 sentences from the CAMEO manual).

    python bench/plover_gsr.py [/work/shared/datasets/plover-gsr/PLOVER_GSR_CAMEO.json]

Each sentence is one document (published on the record's date). Two readings of our output:

- ``classifier``: the first factual trigger of the sentence, from ``factual_triggers`` — the trigger
  detection and the non-factual filters (threats, plans, denials, history) that ``extract`` runs before
  it looks for a place; no trigger = no event.
- ``extract``: the first event of the extraction contract (``extract_records`` with the default
  gazetteer); it is emitted only when the sentence has a place we can locate, so it abstains more.

Our ACLED sub-type is mapped to a PLOVER category by ``PLOVER_OF_SUB_TYPE`` (approximate; after the
CAMEO→PLOVER table of 2021: conventional military force → FIGHT, unconventional violence — bombings by
non-state actors, abduction, sexual violence, attacks on civilians — → ASSAULT, riots → PROTEST, arrests
and seizure of property → COERCE, troop build-ups → MOBILIZE, retreat/handover → RETREAT). ACLED has no
counterpart for PLOVER's verbal and diplomatic categories (``NO_ACLED_COUNTERPART``: statements,
demands, threats, criticism, consultations, aid, investigations, sanctions…): ACLED does not code them,
so on those sentences the right answer for us is *no event*. Scores:

- ``mappable``: sentences whose gold category has an ACLED counterpart; correct when our mapped category
  equals the gold one (no event = wrong).
- ``abstain``: sentences with a gold category ACLED does not code; correct when we produce no event
  (or one whose sub-type maps to no PLOVER category).
- ``overall``: both together, over all sentences.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frontwatch.extract import document_from_record, extract_records
from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.document import Document
from frontwatch.pipeline.events.assemble import factual_triggers
from frontwatch.pipeline.normalize.sentences import split_sentences

DEFAULT_PATH = Path("/work/shared/datasets/plover-gsr/PLOVER_GSR_CAMEO.json")
NO_EVENT = "-"

PLOVER_OF_SUB_TYPE: dict[str, str | None] = {
    "Armed clash": "FIGHT",
    "Government regains territory": "FIGHT",
    "Non-state actor overtakes territory": "FIGHT",
    "Air/drone strike": "FIGHT",
    "Shelling/artillery/missile attack": "FIGHT",
    "Chemical weapon": "FIGHT",
    "Suicide bomb": "ASSAULT",
    "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT",
    "Sexual violence": "ASSAULT",
    "Attack": "ASSAULT",
    "Abduction/forced disappearance": "ASSAULT",
    "Peaceful protest": "PROTEST",
    "Protest with intervention": "PROTEST",
    "Excessive force against protesters": "COERCE",
    "Violent demonstration": "PROTEST",
    "Mob violence": "ASSAULT",
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Change to group/activity": "MOBILIZE",
    "Disrupted weapons use": "COERCE",
    "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "RETREAT",
    "Other": None,
}
"""ACLED sub-type → PLOVER category (None: no PLOVER counterpart; scored as no event)."""

NO_ACLED_COUNTERPART = frozenset(
    {
        "DEMAND", "REJECT", "THREATEN", "DISAPPROVE", "SUPPORT", "CONCEDE", "CONSULT", "AID",
        "INVESTIGATE", "COOPERATE", "SANCTION", "ACCUSE", "REQUEST",
    }
)  # fmt: skip
"""PLOVER categories that ACLED does not code (verbal, diplomatic and economic interactions)."""


def load_records(path: Path) -> list[dict[str, Any]]:
    """The coded sentences (the DOCUMENT header record dropped)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT"]


def as_input(record: dict[str, Any]) -> dict[str, Any]:
    """The extraction contract's input line for one record."""
    return {
        "id": record["id"],
        "text": record["text"],
        "published": record.get("date"),
        "url": None,
        "title": None,
    }


def plover_of(sub_type: str | None) -> str:
    """Our PLOVER category for an ACLED sub-type; NO_EVENT for none or an unmappable one."""
    return (PLOVER_OF_SUB_TYPE.get(sub_type) if sub_type else None) or NO_EVENT


def classifier_sub_type(document: Document) -> str | None:
    """The sub-type of the first factual trigger of the document's first sentence that has one."""
    for sentence in split_sentences(document.text):
        triggers = [t for t in factual_triggers(document, sentence) if not t.denied]
        if triggers:
            return min(triggers, key=lambda t: t.span.start).sub_event_type
    return None


def extract_sub_type_reader(gazetteer: Gazetteer) -> Callable[[dict[str, Any]], str | None]:
    """A reader of the first contract event's sub-type, sharing one gazetteer."""

    def read(record: dict[str, Any]) -> str | None:
        output = next(extract_records([json.dumps(as_input(record))], gazetteer))
        events = output["events"]
        return events[0]["sub_event_type"] if events else None

    return read


def score(pairs: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """(correct, total) for the mappable subset, the abstention subset and overall."""
    mappable = [(gold, ours) for gold, ours in pairs if gold not in NO_ACLED_COUNTERPART]
    other = [(gold, ours) for gold, ours in pairs if gold in NO_ACLED_COUNTERPART]
    right_mappable = sum(gold == ours for gold, ours in mappable)
    right_other = sum(ours == NO_EVENT for _, ours in other)
    return {
        "mappable": (right_mappable, len(mappable)),
        "abstain": (right_other, len(other)),
        "overall": (right_mappable + right_other, len(pairs)),
    }


def print_report(name: str, pairs: list[tuple[str, str]]) -> None:
    print(f"\n### {name}\n")
    print("| subset | accuracy |")
    print("|---|---|")
    for subset, (right, total) in score(pairs).items():
        print(f"| {subset} | {right / total:.3f} ({right}/{total}) |")
    print("\n| gold | n | ours (count) |")
    print("|---|---|---|")
    by_gold: dict[str, Counter[str]] = {}
    for gold, ours in pairs:
        by_gold.setdefault(gold, Counter())[ours] += 1
    for gold, counter in sorted(by_gold.items(), key=lambda item: -sum(item[1].values())):
        spread = ", ".join(f"{ours} {n}" for ours, n in counter.most_common())
        print(f"| {gold} | {sum(counter.values())} | {spread} |")


def main(path: Path) -> None:
    records = load_records(path)
    golds = [r["event"] for r in records]
    classified = [plover_of(classifier_sub_type(document_from_record(as_input(r)))) for r in records]
    print(f"PLOVER GSR {path.name}: {len(records)} sentences")
    print_report("classifier (factual triggers)", list(zip(golds, classified, strict=True)))
    read = extract_sub_type_reader(Gazetteer.load_default())
    extracted = [plover_of(read(r)) for r in records]
    print_report("extract (contract output, needs a located place)", list(zip(golds, extracted, strict=True)))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH)
