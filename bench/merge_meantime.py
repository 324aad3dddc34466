"""A second, out-of-domain check of cross-document merging on MEANTIME English (Wikinews business news).

    python bench/merge_meantime.py [/work/shared/datasets/meantime-en]

MEANTIME links event mentions of 120 articles to corpus-level event instances; an instance mentioned
in two or more documents is a cross-document event (36 of them). What is measured:

1. Cross-document event coreference over the gold event mentions of those instances. Each article is
   run through the extractor (text detokenised, the creation time as publication date) and all
   candidates are merged by ``merge_candidates``, as ``frontwatch ingest`` would merge them. A gold
   mention is *anchored* to a merged event when one of the event's reports comes from the mention's
   article and an evidence span of it overlaps the mention's tokens; mentions anchored to nothing are
   singletons. Extended B-cubed and pairwise P/R/F1 (bench/eval_merge.py) of those clusters against
   the instances. The extractor codes armed-conflict events only (ACLED types), so on business news
   it anchors almost nothing: the figures measure how much of generic "same event" linking the
   pipeline does, not its quality on war reporting.
2. Near-duplicate detection on every pair of articles: pairs the MinHash estimate puts at or above
   ``DUPLICATE_THRESHOLD``. None of the 120 articles copies another, so every flagged pair is a false
   copy; the pairs that share a gold event (differently worded coverage of one event) are the ones
   that must never be flagged.
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

from dates_meantime import detokenise
from eval_merge import bcubed, complete, pairwise

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.model.document import Document
from frontwatch.model.span import Span
from frontwatch.pipeline.events.assemble import extract_document
from frontwatch.pipeline.merge.dedup import DUPLICATE_THRESHOLD, signature, similarity
from frontwatch.pipeline.merge.events import merge_candidates

DEFAULT_ROOT = Path("/work/shared/datasets/meantime-en")


def read_article(path: Path) -> tuple[Document, dict[str, Span], dict[str, str]]:
    """The article as a Document, each event mention's span (by ``doc:m_id``), and each mention's instance."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id", path.stem)
    text, token_spans = detokenise([(t.get("t_id", ""), t.text or "") for t in root.findall("token")])
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None or relations is None:
        raise ValueError(f"{path} lacks Markables or Relations")
    creation = next(
        (
            t.get("value", "")
            for t in markables.findall("TIMEX3")
            if t.get("functionInDocument") == "CREATION_TIME"
        ),
        "",
    )
    published = date.fromisoformat(creation[:10]) if len(creation) >= 10 and creation[4] == "-" else None
    spans: dict[str, Span] = {}
    for mention in markables.findall("EVENT_MENTION"):
        anchors = [token_spans[a.get("t_id", "")] for a in mention.findall("token_anchor")]
        if anchors:
            spans[f"{doc_id}:{mention.get('m_id')}"] = Span(anchors[0].start, anchors[-1].end)
    instances = {
        e.get("m_id"): e.get("instance_id") for e in markables.findall("EVENT") if e.get("instance_id")
    }
    refers: dict[str, str] = {}
    for link in relations.findall("REFERS_TO"):
        target = link.find("target")
        instance = instances.get(target.get("m_id")) if target is not None else None
        for source in link.findall("source"):
            item = f"{doc_id}:{source.get('m_id')}"
            if instance is not None and item in spans:
                refers[item] = instance
    document = Document(doc_id, text, root.get("doc_name"), published, "en", root.get("url"))
    return document, spans, refers


def main(root: Path) -> None:
    started = time.perf_counter()
    gazetteer = Gazetteer.load_default()
    articles = [read_article(path) for path in sorted(root.glob("intra_cross-doc_annotation/*/*.xml"))]
    members: defaultdict[str, set[str]] = defaultdict(set)
    for _, _, refers in articles:
        for item, instance in refers.items():
            members[instance].add(item)
    cross = {
        instance: frozenset(items)
        for instance, items in members.items()
        if len({item.split(":")[0] for item in items}) > 1
    }
    spans = {item: span for _, article_spans, _ in articles for item, span in article_spans.items()}
    candidates = [c for document, _, _ in articles for c in extract_document(document, gazetteer).events]
    events = merge_candidates(candidates)
    gold_items = set().union(*cross.values())
    anchored = {
        event.event_id: frozenset(
            item
            for item in gold_items
            for report in event.reports
            if item.split(":")[0] == report.doc_id
            and any(span.overlaps(spans[item]) for span in report.evidence)
        )
        for event in events
    }
    system = complete({k: v for k, v in anchored.items() if v}, gold_items, {})
    anchored_items = set().union(*(v for v in anchored.values()), set())
    b3, pairs = bcubed(system, cross), pairwise(system, cross)
    shared = {frozenset(d.split(":")[0] for d in items) for items in cross.values()}
    sharing_pairs = {pair for docs in shared for pair in combinations(sorted(docs), 2)}
    sigs = {document.doc_id: signature(document.text) for document, _, _ in articles}
    flagged = [
        (a, b)
        for a, b in combinations(sorted(sigs), 2)
        if similarity(sigs[a], sigs[b]) >= DUPLICATE_THRESHOLD
    ]
    print(
        f"MEANTIME en: {len(articles)} articles, {len(cross)} cross-document event instances with "
        f"{len(gold_items)} mentions; {len(candidates)} candidates extracted, {len(events)} merged events; "
        f"{time.perf_counter() - started:.1f} s"
    )
    print("| measure | value |")
    print("|---|---|")
    print(f"| gold mentions anchored to a merged event | {len(anchored_items)}/{len(gold_items)} |")
    for name, scores in (("B-cubed", b3), ("pairwise", pairs)):
        print(f"| {name} P / R / F1 | {scores.precision:.3f} / {scores.recall:.3f} / {scores.f1:.3f} |")
    print(
        f"| article pairs flagged as near-duplicates (>= {DUPLICATE_THRESHOLD}) | {len(flagged)} "
        f"of {len(sigs) * (len(sigs) - 1) // 2} |"
    )
    print(
        f"| flagged pairs that share a gold event | {len(set(flagged) & sharing_pairs)} of "
        f"{len(sharing_pairs)} sharing pairs |"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROOT)
