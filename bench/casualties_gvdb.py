"""Killed/injured accuracy per article on GVDB dev (US gun-violence news, crowd-annotated victims).

Gold per article: killed = victims whose outcome includes "killed"; injured = victims not killed whose
outcome includes "injured" or "hospitalized". SOURCE.md's sketch counts only "injured", but 24 dev victims
are marked "hospitalized" alone ("A man is hospitalized after a shooting"): they were hurt, so they count
(the sketch's stricter figure is printed too, as ``injured_source_sketch``). Victims with no outcome
ticked (20 in dev) count as neither. Ours: the article read as one incident by ``incident_toll`` (the
largest non-cumulative minimum, plus victims told as additional, "also killed a neighbour", and a killer's
suicide after his killing; tolls set in an earlier year are background; victims told only as shot or taken
to hospital are injured unless they died); no mention → 0. Exact match is scored.

Run: .venv/bin/python bench/casualties_gvdb.py [/work/shared/datasets/gvdb/dev.tsv] [--misses killed|injured]

``--misses KIND`` lists the articles whose KIND count we get wrong: id, gold, ours and the mentions read
(the article text stays in the dataset; open it there by id).
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from pathlib import Path

from frontwatch.model.mention import CasualtyMention
from frontwatch.pipeline.mentions.casualties import find_casualties, incident_toll

DEFAULT_PATH = Path("/work/shared/datasets/gvdb/dev.tsv")


def gold_counts(annotation: dict, hurt: tuple[str, ...] = ("injured", "hospitalized")) -> tuple[int, int]:
    """(killed, hurt-not-killed) over the annotated victims; ``hurt`` names the outcomes that mean injured."""
    outcomes = [victim.get("victim-was") or [] for victim in annotation.get("victim-section", [])]
    killed = sum("killed" in outcome for outcome in outcomes)
    injured = sum(any(o in outcome for o in hurt) and "killed" not in outcome for outcome in outcomes)
    return killed, injured


def article_text(row: dict[str, str]) -> str:
    """The article with its title set off as a sentence (the TSV glues title and body together)."""
    title, text = row["Article title"], row["Full text"]
    return f"{title}. {text[len(title) :]}" if title and text.startswith(title) else text


def print_miss(row: dict[str, str], kind: str, gold: int, ours: int, mentions: list[CasualtyMention]) -> None:
    """One wrong article: its id, gold and our count, and the mentions of ``kind`` we read."""
    print(f"{row['Article id']}\t{kind} gold={gold} ours={ours}")
    for mention in mentions:
        if mention.kind == kind:
            flag = " cumulative" if mention.cumulative else ""
            print(f"    {mention.count.minimum}{flag}: {mention.text!r}")


def main(path: Path, misses: str | None) -> None:
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    hits: Counter[str] = Counter()
    began = time.perf_counter()
    for row in rows:
        text = article_text(row)
        mentions = find_casualties(text)
        annotation = json.loads(row["Json"])
        killed, injured = gold_counts(annotation)
        ours = incident_toll(text, mentions, "killed"), incident_toll(text, mentions, "injured")
        for kind, gold, our in (("killed", killed, ours[0]), ("injured", injured, ours[1])):
            if kind == misses and gold != our:
                print_miss(row, kind, gold, our, mentions)
        hits["killed"] += ours[0] == killed
        hits["injured"] += ours[1] == injured
        hits["injured_source_sketch"] += ours[1] == gold_counts(annotation, hurt=("injured",))[1]
        hits["both"] += ours == (killed, injured)
        hits["killed_baseline_zero"] += killed == 0
        hits["killed_baseline_one"] += killed == 1
    seconds = time.perf_counter() - began
    total = len(rows)
    print(f"GVDB {path.name}: {total} articles, {seconds:.2f} s ({total / seconds:.0f} articles/s)")
    print("| measure | exact accuracy |")
    print("|---|---|")
    for key in (
        "killed",
        "injured",
        "injured_source_sketch",
        "both",
        "killed_baseline_zero",
        "killed_baseline_one",
    ):
        print(f"| {key} | {hits[key] / total:.3f} ({hits[key]}/{total}) |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--misses", choices=("killed", "injured"), help="list the articles this count misses")
    arguments = parser.parse_args()
    main(arguments.path, arguments.misses)
