"""Date normalisation accuracy on MEANTIME English (Wikinews; TIMEX3 values relative to the document date).

For each gold TIMEX3 of type DATE that covers tokens (the creation time itself excluded), the first of our
DateMentions overlapping it is compared with the gold value after mapping ours to TimeML form: a single
day "2020-10-03", a whole month "2020-10", a whole year "2020", a week "2020-W41", a weekend "2020-W41-WE".
Reported: recall (gold dates we overlap), accuracy over all gold dates (missing = wrong), accuracy over the
matched ones, and accuracy over the gold values our precisions can express (day/week/month/year, not
quarters, seasons or PAST_REF).

Run: .venv/bin/python bench/dates_meantime.py [/work/shared/datasets/meantime-en]
"""

from __future__ import annotations

import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

from frontwatch.model.mention import DateMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision
from frontwatch.pipeline.mentions.dates import find_dates

DEFAULT_ROOT = Path("/work/shared/datasets/meantime-en")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "'s", "n't", "%", "'", "’s"}
_EXPRESSIBLE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d(?:-WE)?)?")


def detokenise(tokens: list[tuple[str, str]]) -> tuple[str, dict[str, Span]]:
    """Text with ordinary spacing, and each token id's span in it."""
    parts: list[str] = []
    spans: dict[str, Span] = {}
    cursor = 0
    for token_id, word in tokens:
        if parts and word not in _NO_SPACE_BEFORE and parts[-1] not in ("(", "$"):
            parts.append(" ")
            cursor += 1
        spans[token_id] = Span(cursor, cursor + len(word))
        parts.append(word)
        cursor += len(word)
    return "".join(parts), spans


def timeml_value(mention: DateMention) -> str:
    """Our interval in TimeML's value notation."""
    earliest, latest = mention.earliest, mention.latest
    if mention.precision is DatePrecision.YEAR:
        return f"{earliest.year}"
    if mention.precision is DatePrecision.MONTH:
        return f"{earliest.year}-{earliest.month:02d}"
    if mention.precision is DatePrecision.WEEK:
        year, week, weekday = earliest.isocalendar()
        weekend = "-WE" if weekday == 6 and (latest - earliest).days == 1 else ""
        return f"{year}-W{week:02d}{weekend}"
    return earliest.isoformat()


def main(root: Path) -> None:
    scores: Counter[str] = Counter()
    began = time.perf_counter()
    sentences = 0
    for path in sorted(root.glob("intra_cross-doc_annotation/*/*.xml")):
        document = ET.parse(path).getroot()
        tokens = [(t.get("t_id", ""), t.text or "") for t in document.findall("token")]
        sentences += len({t.get("sentence") for t in document.findall("token")})
        text, token_spans = detokenise(tokens)
        timexes = document.find("Markables").findall("TIMEX3")  # type: ignore[union-attr]
        creation = next(
            (t.get("value", "") for t in timexes if t.get("functionInDocument") == "CREATION_TIME"), ""
        )
        anchor = date.fromisoformat(creation[:10]) if re.match(r"\d{4}-\d\d-\d\d", creation) else None
        mentions = find_dates(text, anchor)
        for timex in timexes:
            anchors = [token_spans[a.get("t_id", "")] for a in timex.findall("token_anchor")]
            if (
                timex.get("type") != "DATE"
                or timex.get("functionInDocument") == "CREATION_TIME"
                or not anchors
            ):
                continue
            gold_span, gold = Span(anchors[0].start, anchors[-1].end), timex.get("value", "")
            ours = next((m for m in mentions if m.span.overlaps(gold_span)), None)
            expressible = _EXPRESSIBLE.fullmatch(gold) is not None
            scores["gold"] += 1
            scores["expressible"] += expressible
            if ours is not None:
                scores["matched"] += 1
                correct = timeml_value(ours) == gold
                scores["correct"] += correct
                scores["correct_expressible"] += correct and expressible
    seconds = time.perf_counter() - began
    print(f"MEANTIME en: {scores['gold']} gold DATE timexes, {sentences} sentences, {seconds:.2f} s")
    print("| measure | value |")
    print("|---|---|")
    rows = (
        ("recall (gold dates overlapped)", "matched", "gold"),
        ("accuracy over all gold dates", "correct", "gold"),
        ("accuracy over matched", "correct", "matched"),
        ("accuracy over expressible gold (day/week/month/year)", "correct_expressible", "expressible"),
    )
    for label, hits, total in rows:
        print(f"| {label} | {scores[hits] / scores[total]:.3f} ({scores[hits]}/{scores[total]}) |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROOT)
