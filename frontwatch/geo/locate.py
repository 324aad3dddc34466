"""Where an event in a sentence happened: the best place mention in it and its ACLED geo precision."""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontwatch.model.place import Place, PlaceMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import GeoPrecision

_EVENT_CUE = re.compile(
    r"\b(?:in|at|on|near|outside|around|into|across|towards?|outskirts of|villages? of|district of|"
    r"suburbs? of|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of|town of|city of|"
    r"village of|region of|province of|port of|close to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NEAR_CUE = re.compile(
    r"\b(?:near|outside|around|close to|outskirts of|villages? of(?: the)?|suburbs? of|district of(?: the)?|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEECH = (
    r"(?:said|says|say|told|announced|claimed|claims|stated|reported|denied|denies|added|accused|warned|"
    r"insisted|rejected)"
)
# 'Baku said', 'Moscow has also denied', "Azerbaijan's defence ministry": the place is the speaker. Not
# 'Martuni, officials said' (a comma: someone else speaks about the place) nor "Donetsk's outskirts".
_SPEAKER_AFTER = re.compile(
    rf"^(?:\s+(?:(?:has|have|had|also|later|then|again|quickly|publicly|officially)\s+){{0,2}}{_SPEECH}\b|"
    r"['’]s\s+(?:\w+\s+)?(?:government|ministry|president|defen[cs]e|foreign|forces|army|military|"
    r"officials|leader(?:ship)?|envoy|embassy|spokes(?:man|woman|person)|authorities|parliament)\b)",
    re.IGNORECASE,
)
# 'officials in Baku (said)': the place locates a speaker; residents or witnesses in a place are where
# the event happened, so they do not count.
_SPEAKER_BEFORE = re.compile(
    r"\b(?:officials?|authorities|ministry|government|spokes(?:man|woman|person)|sources?|"
    r"correspondents?|reporters?|diplomats?|envoys?|delegations?)\s+(?:in|from)\s+$",
    re.IGNORECASE,
)
# 'the Zaporizhzhia direction', 'the Bakhmut axis': a front sector named after a town, not where it happened
_SECTOR_AFTER = re.compile(r"^\s+(?:direction|axis|sector|front|frontline)\b", re.IGNORECASE)
# 'a deal signed in Istanbul', 'talks in Moscow': where the parties met, second to any other place named
_VENUE_BEFORE = re.compile(
    r"\b(?:signed|talks|meeting|met|summit|negotiations|negotiated|conference|brokered|mediated|hosted|"
    r"agreed)\s+(?:\w+\s+)?(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SECTOR_PENALTY, _VENUE_PENALTY = 3.0, 1.5
# 'residents in X reported': after a preposition the place is not the subject of the speech verb
_GOVERNED = re.compile(r"\b(?:in|at|near|from|outside|inside|across|around)\s+(?:the\s+)?$", re.IGNORECASE)
_DISTRICT_SUFFIX = re.compile(r"\s(?:district|rayon|raion)$", re.IGNORECASE)
_WINDOW = 40


def locate(
    sentence: Span, mentions: Sequence[PlaceMention], text: str
) -> tuple[PlaceMention, GeoPrecision] | None:
    """The resolved place where the sentence's event happened, with its precision; None when none fits.

    Prefers a place after an event preposition ('in/at/near/outside X', 'the port of X'), then towns over
    regions, then the earliest; skips places that only locate a speaker ('officials in Baku said',
    'Baku's ministry'); a front sector ('in the Zaporizhzhia direction') or the venue of talks ('a deal
    signed in Istanbul') comes after any other place in the sentence.
    """
    best: tuple[float, PlaceMention, Place] | None = None
    in_sentence = [m for m in mentions if m.place is not None and sentence.contains(m.span)]
    for position, mention in enumerate(in_sentence):
        place = mention.place
        assert place is not None
        before = _before(mention, sentence, text)
        after = text[mention.span.end : min(sentence.end, mention.span.end + _WINDOW)]
        speaks = _SPEAKER_AFTER.match(after) and not _GOVERNED.search(before)
        if _SPEAKER_BEFORE.search(before) or speaks:
            continue
        score = 2.0 * bool(_EVENT_CUE.search(before)) + (0.0 if _is_area(place) else 1.0) - 0.01 * position
        score -= _SECTOR_PENALTY * bool(_SECTOR_AFTER.match(after))
        score -= _VENUE_PENALTY * bool(_VENUE_BEFORE.search(before))
        if best is None or score > best[0]:
            best = (score, mention, place)
    if best is None:
        return None
    _, mention, place = best
    return mention, _precision(mention, place, _before(mention, sentence, text))


def _before(mention: PlaceMention, sentence: Span, text: str) -> str:
    return text[max(sentence.start, mention.span.start - _WINDOW) : mention.span.start]


def _is_area(place: Place) -> bool:
    """Countries, divisions, seas and wider regions: anything that is not a populated place."""
    return not place.feature_code.startswith("PPL")


def _precision(mention: PlaceMention, place: Place, before: str) -> GeoPrecision:
    """2 for 'near/outside/villages of X' and 'X district', 3 for other areas, else 1."""
    if _NEAR_CUE.search(before) or _DISTRICT_SUFFIX.search(mention.text):
        return GeoPrecision.NEAR_TOWN
    return GeoPrecision.REGION if _is_area(place) else GeoPrecision.TOWN
