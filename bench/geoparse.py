"""Benchmark the geoparser on the dev splits of GeoWebNews, LGL and TR-News (read-only, never copied).

    python bench/geoparse.py [--corpus geowebnews|lgl|tr-news|all] [--limit N] [--rebuild] [--errors]

Prints per corpus: (a) resolution with gold spans (accuracy within 161 km, mean/median error, AUC of the
log error curve, lower is better); (b) end-to-end recognition precision/recall/F1 (overlapping spans),
as ``frontwatch geoparse`` recognises (nationality adjectives such as 'Russian diplomats' are mentions
of their country, as the three corpora annotate them), the F1 with ``nationalities=False`` as event
extraction recognises ('F1-nat') and that F1 leaving out the gold nationality adjectives too ('F1-adj'),
and accuracy@161 of the matched mentions; (c) documents/second of end-to-end
geoparsing (per second of this process's CPU time: one core's throughput, whatever else runs on the
machine; the median of three passes) and peak memory.
With ``--errors``, first lists every gold-span resolution error over 161 km ('ERR', one line each: the
span and its context, the place picked, the gold point and whether any gazetteer reading of the name lies
within 161 km of it: 'reachable', a resolution error, or 'no reading', a gazetteer gap), then every
end-to-end recognition error: a mention overlapping no gold toponym ('FP') or a gold toponym no mention
overlaps ('MISS').
"""

from __future__ import annotations

import argparse
import math
import resource
import statistics
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from frontwatch.geo.gazetteer import Gazetteer, haversine_km
from frontwatch.geo.geoparse import geoparse
from frontwatch.model.place import PlaceMention

DATASETS = Path("/work/shared/datasets")
CORPORA = {
    "geowebnews": DATASETS / "geowebnews" / "GWN.dev.xml",
    "lgl": DATASETS / "lgl" / "lgl.dev.xml",
    "tr-news": DATASETS / "tr-news" / "TR-News.dev.xml",
}
MAX_ERROR_KM = 20039.0
ACCURATE_KM = 161.0
TIMED_PASSES = 3  # documents/second is the median pass: the first also fills the name caches


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    toponyms: list[GoldToponym]


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def read_geowebnews(path: Path) -> Iterator[GoldDocument]:
    """GWN toponyms that are locational and carry coordinates (the standard geoparsing subset)."""
    for article in ET.parse(path).getroot().findall("article"):
        text = article.findtext("text") or ""
        toponyms = [
            GoldToponym(
                int(t.findtext("start") or 0),
                int(t.findtext("end") or 0),
                _float(t.findtext("latitude")),
                _float(t.findtext("longitude")),
            )
            for t in article.iter("toponym")
            if t.findtext("nonLocational") == "No"
            and t.findtext("latitude")
            and 0 <= int(t.findtext("start") or 0) < int(t.findtext("end") or 0) <= len(text)
        ]
        yield GoldDocument(article.get("file", ""), text, toponyms)


def read_gaztag_corpus(path: Path) -> Iterator[GoldDocument]:
    """LGL and TR-News: every toponym (spans re-anchored on the phrase), coordinates when resolved."""
    for article in ET.parse(path).getroot().findall("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            phrase, start = t.findtext("phrase") or "", int(t.findtext("start") or 0)
            if text[start : start + len(phrase)] != phrase:
                found = text.find(phrase, max(0, start - 5))
                if found < 0:
                    continue
                start = found
            gaztag = t.find("gaztag")
            lat = _float(gaztag.findtext("lat")) if gaztag is not None else None
            lon = _float(gaztag.findtext("lon")) if gaztag is not None else None
            toponyms.append(GoldToponym(start, start + len(phrase), lat, lon))
        yield GoldDocument(article.get("docid", ""), text, toponyms)


def read_corpus(name: str, limit: int | None) -> list[GoldDocument]:
    reader = read_geowebnews if name == "geowebnews" else read_gaztag_corpus
    documents = [d for d in reader(CORPORA[name]) if d.text.strip()]
    return documents[:limit] if limit else documents


def error_km(lat: float | None, lon: float | None, gold: GoldToponym) -> float:
    if lat is None or lon is None or gold.lat is None or gold.lon is None:
        return MAX_ERROR_KM
    return haversine_km(lat, lon, gold.lat, gold.lon)


def resolution_figures(
    documents: list[GoldDocument], gazetteer: Gazetteer, list_errors: bool = False
) -> dict[str, float]:
    """Gold spans in, places out: acc@161, mean/median error, AUC (Gritta et al.'s log-error area)."""
    errors, covered = [], []
    for doc in documents:
        gold = [t for t in doc.toponyms if t.lat is not None]
        mentions = geoparse(doc.text, gazetteer, [(t.start, t.end) for t in gold])
        for mention, toponym in zip(mentions, gold, strict=True):
            place = mention.place
            errors.append(error_km(place.lat if place else None, place.lon if place else None, toponym))
            if place is not None:
                covered.append(errors[-1])
            if list_errors and errors[-1] > ACCURATE_KM:
                print(error_line(doc, toponym, mention, errors[-1], gazetteer))
    if not errors:
        return {"n": 0}
    return {
        "n": len(errors),
        "covered": 100 * len(covered) / len(errors),
        "covered_acc@161": 100 * sum(e <= ACCURATE_KM for e in covered) / max(1, len(covered)),
        "acc@161": 100 * sum(e <= ACCURATE_KM for e in errors) / len(errors),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": statistics.fmean(math.log(1 + e) / math.log(1 + MAX_ERROR_KM) for e in errors),
    }


def error_line(
    doc: GoldDocument, toponym: GoldToponym, mention: PlaceMention, km: float, gazetteer: Gazetteer
) -> str:
    """One resolution error: where, what was picked, the gold point, and whether a reading could reach it."""
    place = mention.place
    picked = (
        f"{place.name} [{place.country} {place.admin1} {place.feature_code} pop {place.population}]"
        if place
        else "unresolved"
    )
    readings = gazetteer.lookup(mention.text)
    reachable = any(error_km(p.lat, p.lon, toponym) <= ACCURATE_KM for p in readings)
    context = doc.text[max(0, toponym.start - 50) : toponym.end + 50].replace("\n", " ")
    return (
        f"ERR {doc.doc_id} {mention.text!r} -> {picked} score {mention.score} | gold "
        f"({toponym.lat:.2f},{toponym.lon:.2f}) {km:.0f} km | "
        f"{'reachable' if reachable else 'no reading'} of {len(readings)} | ...{context}..."
    )


def recognition_error_lines(doc: GoldDocument, mentions: list[PlaceMention]) -> Iterator[str]:
    """Spurious mentions ('FP') and missed gold toponyms ('MISS'), each with its context."""

    def context(start: int, end: int) -> str:
        return doc.text[max(0, start - 50) : end + 50].replace("\n", " ")

    for mention in mentions:
        if not any(mention.span.start < t.end and t.start < mention.span.end for t in doc.toponyms):
            yield f"FP {doc.doc_id} {mention.text!r} | ...{context(mention.span.start, mention.span.end)}..."
    for toponym in doc.toponyms:
        if not any(m.span.start < toponym.end and toponym.start < m.span.end for m in mentions):
            surface = doc.text[toponym.start : toponym.end]
            yield f"MISS {doc.doc_id} {surface!r} | ...{context(toponym.start, toponym.end)}..."


def end_to_end_figures(
    documents: list[GoldDocument], gazetteer: Gazetteer, list_errors: bool = False
) -> dict[str, float]:
    """Recognition P/R/F1 by overlapping spans (also with ``nationalities`` off, and then leaving out gold
    nationality adjectives), acc@161 of matched resolved gold, documents/second (median default pass)."""
    timings = []
    for _ in range(TIMED_PASSES):
        started = time.process_time()
        predictions = [geoparse(doc.text, gazetteer) for doc in documents]
        timings.append(time.process_time() - started)
    elapsed = statistics.median(timings)
    if list_errors:
        for doc, mentions in zip(documents, predictions, strict=True):
            for line in recognition_error_lines(doc, mentions):
                print(line)
    hits = matched = 0
    for doc, mentions in zip(documents, predictions, strict=True):
        for toponym in doc.toponyms:
            overlapping = [m for m in mentions if overlaps(m, toponym)]
            if overlapping and toponym.lat is not None:
                place = overlapping[0].place
                matched += 1
                hits += (
                    error_km(place.lat if place else None, place.lon if place else None, toponym)
                    <= ACCURATE_KM
                )
    precision, recall, f1 = recognition_scores(documents, predictions)
    without_nationalities = [geoparse(doc.text, gazetteer, nationalities=False) for doc in documents]
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "f1_no_nationalities": recognition_scores(documents, without_nationalities)[2],
        "f1_no_demonyms": f1_without_demonyms(documents, without_nationalities, gazetteer),
        "matched_acc@161": 100 * hits / matched if matched else 0.0,
        "docs_per_s": len(documents) / elapsed if elapsed else float("inf"),
    }


def overlaps(mention: PlaceMention, toponym: GoldToponym) -> bool:
    return mention.span.start < toponym.end and toponym.start < mention.span.end


def recognition_scores(
    documents: list[GoldDocument], predictions: list[list[PlaceMention]]
) -> tuple[float, float, float]:
    """Precision (mentions overlapping a gold toponym), recall (gold toponyms a mention overlaps), F1."""
    true_pos = n_pred = n_gold = recalled = 0
    for doc, mentions in zip(documents, predictions, strict=True):
        n_pred += len(mentions)
        n_gold += len(doc.toponyms)
        true_pos += sum(any(overlaps(m, t) for t in doc.toponyms) for m in mentions)
        recalled += sum(any(overlaps(m, t) for m in mentions) for t in doc.toponyms)
    precision = true_pos / n_pred if n_pred else 0.0
    recall = recalled / n_gold if n_gold else 0.0
    return precision, recall, f1_of(precision, recall)


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def f1_without_demonyms(
    documents: list[GoldDocument], predictions: list[list[PlaceMention]], gazetteer: Gazetteer
) -> float:
    """Recognition F1 leaving out gold nationality adjectives ('Russian', 'Syrian'), which the corpora
    mark as toponyms and event extraction leaves alone (they name an actor in conflict reports), and the
    mentions that overlap only them."""
    true_pos = n_pred = n_gold = recalled = 0
    for doc, mentions in zip(documents, predictions, strict=True):
        gold = [t for t in doc.toponyms if gazetteer.demonym(doc.text[t.start : t.end]) is None]
        adjectives = [t for t in doc.toponyms if t not in gold]
        kept = [
            m
            for m in mentions
            if any(overlaps(m, t) for t in gold) or not any(overlaps(m, t) for t in adjectives)
        ]
        n_pred += len(kept)
        n_gold += len(gold)
        true_pos += sum(any(overlaps(m, t) for t in gold) for m in kept)
        recalled += sum(any(overlaps(m, t) for m in kept) for t in gold)
    return f1_of(true_pos / n_pred if n_pred else 0.0, recalled / n_gold if n_gold else 0.0)


def load_gazetteer(rebuild: bool) -> tuple[Gazetteer, float, float | None]:
    """The default gazetteer, with its load time and (with ``rebuild``) its build time in seconds."""
    build_s = None
    if rebuild:
        with tempfile.TemporaryDirectory() as folder:
            import os

            os.environ["FRONTWATCH_CACHE"] = folder
            started = time.perf_counter()
            Gazetteer.load_default()
            build_s = time.perf_counter() - started
            Gazetteer._default = None
            started = time.perf_counter()
            gazetteer = Gazetteer.load_default()
            return gazetteer, time.perf_counter() - started, build_s
    started = time.perf_counter()
    gazetteer = Gazetteer.load_default()
    return gazetteer, time.perf_counter() - started, build_s


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    parser.add_argument("--rebuild", action="store_true", help="build the index in a fresh cache and time it")
    parser.add_argument(
        "--errors", action="store_true", help="list resolution errors over 161 km and recognition errors"
    )
    args = parser.parse_args()
    gazetteer, load_s, build_s = load_gazetteer(args.rebuild)
    print(
        f"gazetteer: {len(gazetteer)} places, load {load_s:.2f} s"
        + (f", build {build_s:.1f} s" if build_s else "")
    )
    header = (
        f"{'corpus':<11} {'docs':>5} {'n':>5} {'acc@161':>8} {'mean km':>8} {'med km':>7} {'AUC':>6} "
        f"{'cov%':>5} {'cov@161':>7} {'P':>6} {'R':>6} {'F1':>6} {'F1-nat':>6} {'F1-adj':>6} {'e2e@161':>8} "
        f"{'docs/s':>7}"
    )
    print(header)
    for name in CORPORA if args.corpus == "all" else [args.corpus]:
        documents = read_corpus(name, args.limit)
        res = resolution_figures(documents, gazetteer, args.errors)
        e2e = end_to_end_figures(documents, gazetteer, args.errors)
        print(
            f"{name:<11} {len(documents):>5} {res['n']:>5} {res.get('acc@161', 0):>8.1f} "
            f"{res.get('mean_km', 0):>8.0f} {res.get('median_km', 0):>7.1f} {res.get('auc', 0):>6.3f} "
            f"{res.get('covered', 0):>5.1f} {res.get('covered_acc@161', 0):>7.1f} {e2e['precision']:>6.3f} "
            f"{e2e['recall']:>6.3f} {e2e['f1']:>6.3f} {e2e['f1_no_nationalities']:>6.3f} "
            f"{e2e['f1_no_demonyms']:>6.3f} "
            f"{e2e['matched_acc@161']:>8.1f} "
            f"{e2e['docs_per_s']:>7.0f}"
        )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS, gazetteer included): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
