"""Toponym recognition (gazetteer n-grams filtered by context) and resolution (priors + document context).

Spans given by the caller are always returned, each resolved by, in order:

1. its whole name (or, for a nationality adjective, its country);
2. its head name: 'the city of Homs', 'northern Syria', "Sudan's capital", 'Donetsk People's Republic'
   resolve through the longest gazetteer name inside the span (a single word only when it leads the
   span and is some place's own name, so 'Trump Tower' is not the town of Tower); a head reading the
   document does not bear out (no other named place near it, or in its country for a region) gives way
   to the fallback below when there is one ('Griffith Park' in a Los Angeles story);
3. a fallback, when the gazetteer knows no name in it (streets, buildings, rivers): the place the
   document itself names around it -- the nearest place resolved in the same sentence ('Royal Street
   ... in New Orleans'; a town or region before a country), else the document's most often named
   place. A fallback carries that place's fields (its ``feature_code`` included) and the score
   ``_FALLBACK_SCORE``, below any resolved match; with no resolved place in the document the span stays
   unresolved. A part of a town named as one ('the Dar es Salaam neighbourhood of Omdurman') takes its
   town the same way when its own best reading lies elsewhere.
"""

from __future__ import annotations

import enum
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.geo.gazetteer import Gazetteer, haversine_km
from frontwatch.geo.names import REGION_WORDS, SPELLED_OUT, fold, strip_region_word, words
from frontwatch.model.place import Place, PlaceMention
from frontwatch.model.span import Span

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]{2,})*")
_MAX_TOKENS = 6
_CONNECTORS = words("of de del la le les and upon on sur am im du da do di al el en y")
_COMMON_WORDS = words(
    """a an the he she it we they i you his her its our their this that these those there here what when
    where which who whom why how all any both each few more most other some such no nor not only own
    same so than too very can will just should now also after before during while since until as at by
    for from in into of off on onto out over under again further then once about above across against
    along among around behind below beneath beside between beyond but despite down inside near outside
    through throughout toward towards upon with within without yes if or because although though however
    meanwhile according police army government president minister ministry general officer officers
    spokesman spokeswoman council court union state states republic city town village county district
    region province capital street road avenue square park bridge hospital school university church
    mosque center centre office house hall news times post press media report reports january february
    march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday today tonight yesterday tomorrow morning evening night week month
    year best hope mobile reading split nice bath sale deal energy progress victory liberty independence
    freedom justice peace unity mission paradise commerce industry friendship reform eagle buffalo
    orange lincoln jackson human rights watch security defence defense foreign national international
    federal public social democratic forces force military troops people party parties group groups john
    james george paul mark david michael peter victoria jordan chad georgia israel florence austin
    charlotte madison elizabeth marion sidney sydney cleveland chester young long hill hills river lake
    sea bay mount mountain island islands valley coast north south east west central northern southern
    eastern western upper lower middle new old great little grand saint st san santa world earth
    internet online twitter facebook google apple amazon christmas easter ramadan god lord king queen
    prince princess emperor pope bishop father mother brother sister son daughter family said says say
    told tells added noted asked called one two three four five six seven eight nine ten dr nov dec jan
    feb aug sept oct mon tue tues wed thu thur thurs fri sat sun sen rep gov
    secretary major ive were ill im youre dont its mary northeast northwest southeast southwest gulf"""
)
_NOT_PLACES = frozenset({"white house", "notre dame", "nino", "nina", "kremlin", "mass"})  # folded keys
_KEEP_WHEN_CAPITALISED_MID_SENTENCE = words(
    """jordan chad georgia israel victoria florence austin charlotte madison marion sidney sydney cleveland
    chester lincoln jackson nice split reading bath mobile orange buffalo mary"""
)
_TITLES = words(
    """mr mrs ms miss dr prof president vice prime minister secretary gen general col colonel lt lieutenant
    maj major capt captain sgt sergeant cpl pvt adm admiral brig commander pope king queen prince
    princess sir lord lady senator sen rep representative governor gov mayor judge justice officer
    deputy chief coach saint ambassador spokesman spokeswoman minister's"""
)
_FEATURE_NOUNS = words(
    """dam river lake sea valley mountains mountain gorge pass canal reservoir strait bay island islands
    corridor highway pipeline border crossing airport"""
)
_NEWSPAPER_WORDS = words("times post herald tribune journal gazette")  # only capitalised: 'Dublin post'

_INSTITUTION_WORDS = words(
    """university college state police sheriff department fire film festival club high middle elementary
    school schools library medical center centre chamber council board circuit city county public museum
    symphony orchestra opera zoo regional community international metro transit housing health clerk
    auditor prosecutor commission commissioners commissioner jail fair manager environmental services
    crimestoppers attorney coroner treasurer assessor courthouse administrator emergency planning parks
    recreation water utilities archbishop diocese archdiocese cathedral"""
)
_LOCATIVE_WORDS = words(
    """in at near from to outside into of toward towards around through via across shelled struck hit
    attacked bombed bombarded captured seized entered liberated recaptured retook targeted stormed
    besieged evacuated fled pounded raided overran encircled surrounded reached approached"""
)
_PREPOSITIONS = words("in at near from outside inside across around of")
_WELL_KNOWN_POPULATION = 20000
_PLACE_PREFIXES = words("downtown metro metropolitan greater suburban historic uptown midtown")
_SPEECH_VERBS = words(
    """said says say denied denies deny accused accuses accuse claimed claims claim announced announces
    stated states warned warns rejected rejects reject insisted insists responded responds condemned
    condemns urged urges demanded demands vowed vows threatened threatens retaliated argued argues
    agreed agrees signed signs refused refuses wants hopes believes blamed blames alleged alleges
    confirmed confirms reported reports called calls dismissed dismisses protested protests recognised
    recognized recognises recognizes sanctioned backed supports supported"""
)
_AUXILIARIES = words("has have had will would could may might also has not did does")
_POLITICAL_COMPOUNDS = words(
    """brokered backed led sponsored allied aligned funded installed supported mediated friendly imposed"""
)
_ACTOR_NOUNS = words(
    """government ministry president prime foreign defence defense army military forces troops officials
    leader leaders leadership ambassador embassy envoy minister parliament authorities regime delegation
    spokesman spokeswoman administration diplomats diplomat"""
)
_DIRECTIONS = words(
    "north south east west northern southern eastern western central northeast northwest southeast southwest"
)
_SENTENCE_END = frozenset('.!?\n"“”:')

# resolution weights (log10 population is the base prior)
_CODE_BONUS = {
    "PCLI": 2.0,
    "CONT": 2.0,
    "PPLC": 1.5,
    "ADMD": 1.5,
    "ADM1": 0.8,
    "ADM2": -0.5,
    "RGN": 1.5,
    "OCN": 6.0,
    "SEA": 5.0,
    "GULF": 4.0,
    "LK": 4.0,
    "DSRT": 5.0,
    "PEN": 4.0,
}
_OWN_NAME_BONUS = 1.5  # the place's main name, not just an alternate, is what the text says
_BARE_REGION_PENALTY = 2.0
_NAMESAKE_SHARE = 10  # a town with a tenth of its region's people is what the bare name means
_COUNTRY_FOCUS = 3.0
_ADMIN1_FOCUS = 3.0
_CONTAINMENT = 5.0
_NEAR_KM, _NEAR_BONUS = 150.0, 1.2
_NEAR_DEGREES = _NEAR_KM / 111.0
_MIN_CONFIDENCE = 0.12
_SHARED_REGION, _FEW_READINGS = 2.0, 8
_CLOSE_READING, _SOME_READINGS, _CLOSE_KM = 2.0, 30, 50.0
_CONTEXT_ROUNDS = 2
_FALLBACK_SCORE = 0.05  # below _MIN_CONFIDENCE: a stand-in for the containing place, not a match
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_QUARTER_OF = re.compile(
    r"^\s+(?:neighbou?rhoods?|quarter|district|suburbs?|area|camp|outskirts)\s+(?:of|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WIDE_AREAS = ("PCL", "CONT", "RGN", "OCN")
_QUARTER_KM = 30.0  # a named quarter further than this from its town is a namesake elsewhere


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A recognised (or given) span with its gazetteer candidates."""

    span: Span
    key: str
    places: tuple[Place, ...]
    region_suffixed: bool
    partial: bool = False  # resolved through a head name inside the span, not the whole span


@lru_cache(maxsize=200_000)
def _fold_cached(text: str) -> str:
    return fold(text)


def geoparse(
    text: str, gazetteer: Gazetteer, spans: Sequence[tuple[int, int]] | None = None
) -> list[PlaceMention]:
    """Place mentions of ``text``: recognised, or exactly ``spans`` when given; resolved with a score each."""
    if spans is None:
        candidates = _recognise(text, gazetteer)
    else:
        candidates = [_candidate_for_span(text, Span(start, end), gazetteer) for start, end in spans]
    return _resolve(text, candidates, gazetteer)


# -- recognition --------------------------------------------------------------------------------------


def _recognise(text: str, gazetteer: Gazetteer) -> list[_Candidate]:
    tokens = [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    lowercase_words = frozenset(t.text for t in tokens if t.text.islower())
    context = _DocumentContext(lowercase_words, _person_name_parts(text, tokens, gazetteer, lowercase_words))
    found: list[_Candidate] = []
    modifiers: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        match = _longest_match(text, tokens, i, gazetteer) if tokens[i].capitalised else None
        if match is None:
            i += 1
            continue
        last, key = match
        places = tuple(gazetteer.lookup_key(key))
        use = (
            _Use.NOT_PLACE if key in _NOT_PLACES else _use(text, tokens, i, last, places, gazetteer, context)
        )
        if use is not _Use.NOT_PLACE:
            span = Span(tokens[i].start, tokens[last].end)
            division = _listed_division_key(text, span, key, gazetteer)
            if division != key:
                key, places = division, tuple(gazetteer.lookup_key(division))
            candidate = _Candidate(span, key, places, strip_region_word(key) is not None)
            (found if use is _Use.PLACE else modifiers).append(candidate)
        i = last + 1
    places_named = {candidate.key for candidate in found}
    found.extend(candidate for candidate in modifiers if candidate.key in places_named)
    return sorted(found, key=lambda candidate: candidate.span.start)


class _Use(enum.Enum):
    """How a gazetteer name is used: as a place, not as one, or as a modifier of a capitalised name
    ('the Dublin Arts Council'), which counts as the place when the document names it as one elsewhere."""

    PLACE = enum.auto()
    NOT_PLACE = enum.auto()
    MODIFIER = enum.auto()


@dataclass(frozen=True, slots=True)
class _DocumentContext:
    """Document-wide evidence: words seen in lower case, and surnames seen after a first name or title."""

    lowercase_words: frozenset[str]
    name_parts: frozenset[str]


def _person_name_parts(
    text: str, tokens: Sequence[_Token], gazetteer: Gazetteer, lowercase_words: frozenset[str]
) -> frozenset[str]:
    """Second words of 'Marty Walsh' / 'Dr Walsh' pairs that are not place names themselves; an acronym
    ('CBC Toronto') or a sentence-initial ordinary word ('Overall Edmonton') is no first name."""
    parts = set()
    for left, right in itertools.pairwise(tokens):
        if not (left.capitalised and right.capitalised and _glued(text, left, right)):
            continue
        left_word = left.text.lower().rstrip(".")
        if (
            left.text.isupper()
            or (left_word in lowercase_words and _starts_sentence(text, left.start))
            or left_word in _DIRECTIONS
            or left_word in _PLACE_PREFIXES
            or (left_word in _COMMON_WORDS and left_word not in _TITLES)
        ):
            continue
        if gazetteer.has_key(_fold_cached(f"{left.text} {right.text}")) or right.text.isupper():
            continue
        if gazetteer.demonym(left_word) is None and not any(
            p.feature_code.startswith("PCL") for p in gazetteer.lookup_key(_fold_cached(right.text))
        ):
            parts.add(right.text)
    return frozenset(parts)


def _longest_match(
    text: str, tokens: Sequence[_Token], first: int, gazetteer: Gazetteer
) -> tuple[int, str] | None:
    """The last token index and folded key of the longest gazetteer name starting at token ``first``."""
    limit = first
    while limit + 1 < len(tokens) and limit + 1 - first < _MAX_TOKENS:
        gap = text[tokens[limit].end : tokens[limit + 1].start]
        if gap not in (" ", "-") and not (gap == ". " and _short_title_word(tokens[limit])):
            break
        limit += 1
    for last in range(limit, first - 1, -1):
        final = tokens[last]
        if last > first and not (final.capitalised or final.text.lower() in REGION_WORDS):
            continue
        if any(not t.capitalised and t.text not in _CONNECTORS for t in tokens[first + 1 : last]):
            continue
        key = _fold_cached(text[tokens[first].start : final.end])
        if key and gazetteer.has_key(key):
            return last, key
    return None


def _short_title_word(token: _Token) -> bool:
    """'St', 'Mt', 'Ft' before a dot: an abbreviation inside a name ('St. Louis', 'Mt. Pleasant')."""
    return token.capitalised and token.text.lower() in SPELLED_OUT


def _use(
    text: str,
    tokens: Sequence[_Token],
    first: int,
    last: int,
    places: Sequence[Place],
    gazetteer: Gazetteer,
    context: _DocumentContext,
) -> _Use:
    """Context filters: common words, person names, features, demonyms and metonymic (speaker) uses."""
    single = first == last
    surface = tokens[first].text
    dateline = surface.isupper() and len(surface) > 3 and _starts_sentence(text, tokens[first].start)
    first_name_too = single and _fold_cached(tokens[first].text) in _KEEP_WHEN_CAPITALISED_MID_SENTENCE
    is_polity = any(p.feature_code.startswith(("PCL", "ADM1", "RGN")) for p in places)
    if _region_after_town(text, tokens, first, last, is_polity):
        return _Use.PLACE
    if (
        single
        and not dateline
        and not _plausible_single_word(text, tokens[first], is_polity, gazetteer, context)
    ):
        return _Use.NOT_PLACE
    if single and not _well_known(places) and not _locative_context(text, tokens, first, last):
        return _Use.NOT_PLACE
    previous = tokens[first - 1] if first > 0 else None
    if previous is not None and _titled(text, previous, tokens[first]):
        return _Use.NOT_PLACE
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if single and following is not None and following.capitalised and _titled(text, tokens[first], following):
        return _Use.NOT_PLACE  # 'Miss Cordiner', not Mississippi
    if previous is not None and _glued(text, previous, tokens[first]):
        prev_word = previous.text.lower().rstrip(".")
        if (
            previous.capitalised
            and not _starts_sentence(text, previous.start)
            and prev_word not in _DIRECTIONS
            and prev_word not in _COMMON_WORDS
            and prev_word not in _PLACE_PREFIXES
            and not is_polity
        ):
            return _Use.NOT_PLACE
    if following is None:
        return _Use.PLACE
    return _follower_use(text, tokens, first, last, dateline or (is_polity and not first_name_too))


def _region_after_town(text: str, tokens: Sequence[_Token], first: int, last: int, is_polity: bool) -> bool:
    """'Bolingbrook, Ill.' or 'Kane County, Ill.': a dotted region abbreviation after a capitalised name
    (not a month or other common word) and a comma, even when the abbreviation is also a word."""
    return (
        first == last
        and first > 0
        and is_polity
        and text[tokens[first].end : tokens[first].end + 1] == "."
        and tokens[first - 1].capitalised
        and tokens[first - 1].text.lower() not in _COMMON_WORDS
        and text[tokens[first - 1].end : tokens[first].start] == ", "
    )


def _plausible_single_word(
    text: str, token: _Token, is_polity: bool, gazetteer: Gazetteer, context: _DocumentContext
) -> bool:
    """A one-word match that is not a common word, a surname, an acronym or a nationality adjective."""
    word = _fold_cached(token.text)
    sentence_initial = _starts_sentence(text, token.start)
    if word in _COMMON_WORDS and word not in _KEEP_WHEN_CAPITALISED_MID_SENTENCE:
        return False
    if word in _KEEP_WHEN_CAPITALISED_MID_SENTENCE and sentence_initial and not is_polity:
        return False
    if sentence_initial and word in context.lowercase_words:
        return False
    if token.text in context.name_parts:
        return False
    if len(word) <= 3 and not _is_abbreviation(text, token, is_polity):
        return False
    return gazetteer.demonym(word) is None


def _is_abbreviation(text: str, token: _Token, is_polity: bool) -> bool:
    """A short token counts only as a polity acronym ('US', 'EU') or a dotted abbreviation ('Ga.')."""
    if token.text.isupper():
        return is_polity
    return text[token.end : token.end + 1] == "."


def _well_known(places: Sequence[Place]) -> bool:
    """A name with a sizeable or administrative bearer needs no context to count as a place."""
    return any(p.population >= _WELL_KNOWN_POPULATION or not p.feature_code.startswith("PPL") for p in places)


def _locative_context(text: str, tokens: Sequence[_Token], first: int, last: int) -> bool:
    """'in X', 'shelled X', 'X, Texas': the sentence treats the word as a place."""
    if first > 0 and tokens[first - 1].text.lower() in _LOCATIVE_WORDS:
        return True
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    return (
        following is not None and following.capitalised and text[tokens[last].end : following.start] == ", "
    )


def _follower_use(text: str, tokens: Sequence[_Token], first: int, last: int, strong_place: bool) -> _Use:
    """What follows the match may make it a feature, a speaker (a speech verb after 'in X' has another
    subject: 'residents in X reported') or a modifier of a capitalised name."""
    following = tokens[last + 1]
    gap = text[tokens[last].end : following.start]
    next_word = following.text.lower()
    if gap == "-" and next_word in _POLITICAL_COMPOUNDS:
        return _Use.NOT_PLACE
    if gap == " " and (
        next_word in _FEATURE_NOUNS or (following.capitalised and next_word in _NEWSPAPER_WORDS)
    ):
        return _Use.NOT_PLACE
    if (
        gap == " "
        and following.capitalised
        and not strong_place
        and not following.text.isupper()  # an acronym: 'Laurel County PRIDE', 'Gainesville VFW'
        and next_word not in REGION_WORDS
        and next_word not in _COMMON_WORDS
        and next_word not in _INSTITUTION_WORDS
        and next_word.rstrip(".") not in _TITLES
    ):
        return _Use.MODIFIER
    governed = first > 0 and tokens[first - 1].text.lower() in _PREPOSITIONS
    if gap.strip() == "" and not governed and _speaks(tokens, last + 1):
        return _Use.NOT_PLACE
    if gap in ("'", "’") and next_word == "s" and last + 2 < len(tokens):
        return _Use.NOT_PLACE if tokens[last + 2].text.lower() in _ACTOR_NOUNS else _Use.PLACE
    return _Use.PLACE


def _titled(text: str, title: _Token, name: _Token) -> bool:
    """'Mr. Sanford', 'Gen Evans', 'Miss Butler': a title word right before a name."""
    return title.text.lower() in _TITLES and text[title.end : name.start] in (" ", ". ")


def _glued(text: str, left: _Token, right: _Token) -> bool:
    return text[left.end : right.start] == " "


def _starts_sentence(text: str, offset: int) -> bool:
    position = offset - 1
    while position >= 0 and text[position] in " \t‘'(":
        position -= 1
    return position < 0 or text[position] in _SENTENCE_END


def _speaks(tokens: Sequence[_Token], index: int) -> bool:
    """True when the tokens from ``index`` read '(has/will/...) said/denied/...': a speaker, not a place."""
    word = tokens[index].text.lower()
    if word in _SPEECH_VERBS:
        return True
    return (
        word in _AUXILIARIES and index + 1 < len(tokens) and tokens[index + 1].text.lower() in _SPEECH_VERBS
    )


# -- given spans --------------------------------------------------------------------------------------

_SPAN_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|province|region|district|governorate|state|county|port|capital|"
    r"republic|island|islands|area|suburb|outskirts|vicinity)\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)


_LISTED_DIVISIONS = re.compile(
    r"(?:(?:,\s*|,?\s+(?:and|or|&)\s+)[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)*\s+((?i:counties|county|parishes|parish))\b"
)


def _listed_division_key(text: str, span: Span, key: str, gazetteer: Gazetteer) -> str:
    """'Barrow' in 'Barrow, Jackson and Madison counties' or 'Travis County' with only 'Travis' marked:
    the key of the county (or parish) the list names, when the gazetteer has one; else ``key``."""
    match = _LISTED_DIVISIONS.match(text, span.end, span.end + 200)
    if match is None:
        return key
    division = "parish" if match.group(1).lower().startswith("parish") else "county"
    listed = f"{key} {division}"
    return listed if gazetteer.has_key(listed) else key


def _candidate_for_span(text: str, span: Span, gazetteer: Gazetteer) -> _Candidate:
    """A given span's candidates: its whole name (the county of 'Barrow' in 'Barrow and Jackson
    counties'), a demonym's country, or else its longest known head."""
    surface = span.text_of(text)
    key = _listed_division_key(text, span, _fold_cached(re.sub(r"['’]s$", "", surface.strip())), gazetteer)
    nation = gazetteer.demonym(key)
    places = [nation] if nation is not None else gazetteer.lookup_key(key)
    if places:
        return _Candidate(span, key, tuple(places), strip_region_word(key) is not None)
    key = _head_key(surface, gazetteer)
    places = gazetteer.lookup_key(key) if key else []
    return _Candidate(span, key, tuple(places), strip_region_word(key) is not None, partial=True)


def _head_key(surface: str, gazetteer: Gazetteer) -> str:
    """The longest gazetteer name inside a span ('the city of Homs', 'northern Syria', "Sudan's capital",
    'Donetsk People's Republic'): leading 'the city of'-style words and direction adjectives dropped,
    then the longest indexed run of capitalised tokens (one word only as the leading one); '' if none."""
    core = surface[_SPAN_PREFIX.match(surface).end() :]  # type: ignore[union-attr]
    tokens = [m.group() for m in _TOKEN.finditer(core)]
    while tokens and tokens[0].lower() in _DIRECTIONS:
        tokens = tokens[1:]
    for size in range(len(tokens), 0, -1):
        for first in range(len(tokens) - size + 1):
            run = tokens[first : first + size]
            if not run[0][0].isupper() or not run[-1][0].isupper():
                continue
            key = _fold_cached(" ".join(run))
            if size == 1 and not _plausible_head_word(key, first, gazetteer):
                continue
            if gazetteer.has_key(key):
                return key
    return ""


def _plausible_head_word(key: str, position: int, gazetteer: Gazetteer) -> bool:
    """A one-word head leads the span ('Manila Cathedral', not 'Trump Tower') and is some place's own
    name, not a common word, an abbreviation or a nationality."""
    return (
        position == 0
        and key not in _COMMON_WORDS
        and len(key) > 3
        and gazetteer.demonym(key) is None
        and any(_fold_cached(place.name) == key for place in gazetteer.lookup_key(key))
    )


# -- resolution ---------------------------------------------------------------------------------------


def _prior(place: Place, candidate: _Candidate) -> float:
    score = math.log10(place.population + 10) + _CODE_BONUS.get(place.feature_code, 0.0)
    if _fold_cached(place.name) == candidate.key:
        score += _OWN_NAME_BONUS
    if (
        place.feature_code.startswith("ADM")
        and not candidate.region_suffixed
        and any(
            not other.is_region
            and other.country == place.country
            and other.population * _NAMESAKE_SHARE >= place.population
            for other in candidate.places
        )
    ):
        score -= _BARE_REGION_PENALTY
    return score


def _resolve(text: str, candidates: Sequence[_Candidate], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Pick each mention's place: priors, then rounds of document context. Names are revisited one at a
    time, the most confident first, each against the others' latest picks, so two ambiguous names
    cannot keep swapping readings (Walker County and Huntsville both in Texas, or both in Alabama)."""
    shared = _SharedReadings.of(candidates)
    priors = [[_prior(p, c) + shared.support(c.key, p) for p in c.places] for c in candidates]
    picks = _best(candidates, priors)
    containers = _containers(text, candidates)
    scores = list(priors)
    by_key: dict[str, list[int]] = {}
    for i, candidate in enumerate(candidates):
        if candidate.places:
            by_key.setdefault(candidate.key, []).append(i)
    order = sorted(by_key.values(), key=lambda group: -_softmax_top(priors[group[0]]))
    evidence = _Evidence.of(candidates, picks)
    for _ in range(_CONTEXT_ROUNDS):
        for group in order:
            changed = False
            for i in group:
                scores[i] = [
                    prior
                    + _context_bonus(place, i, candidates[i].key, picks, evidence, containers, gazetteer)
                    for place, prior in zip(candidates[i].places, priors[i], strict=True)
                ]
                pick = candidates[i].places[_argmax(scores[i])]
                changed |= pick != picks[i]
                picks[i] = pick
            if changed:
                evidence = _Evidence.of(candidates, picks)
    whole_names = _Evidence.of(
        candidates, [None if c.partial else p for c, p in zip(candidates, picks, strict=True)]
    )
    mentions = []
    for index, (candidate, place, candidate_scores) in enumerate(zip(candidates, picks, scores, strict=True)):
        confidence = _softmax_top(candidate_scores) if candidate_scores else 0.0
        resolved = place if confidence >= _MIN_CONFIDENCE else None
        surface = candidate.span.text_of(text)
        town = _named_town_of_quarter(text, index, candidates, picks)
        if town is not None and (
            resolved is None or haversine_km(*_point(resolved), *_point(town)) > _QUARTER_KM
        ):
            resolved, confidence = town, _FALLBACK_SCORE
        elif not candidate.places:
            resolved = _fallback_place(text, index, candidates, picks)
            confidence = _FALLBACK_SCORE if resolved is not None else 0.0
        elif candidate.partial and not _supported(place, candidate.key, whole_names):
            fallback = _fallback_place(text, index, candidates, picks)
            if fallback is not None:
                resolved, confidence = fallback, _FALLBACK_SCORE
        mentions.append(PlaceMention(candidate.span, surface, resolved, round(confidence, 3)))
    return mentions


@dataclass(frozen=True, slots=True)
class _SharedReadings:
    """Where the document's ambiguous names could lie, to find readings that agree with each other
    ('Athens' and 'Henderson County' both in Texas; 'Paris' a few km from one 'Henry County').

    Per admin1 region, the names with a reading there (names with at most _FEW_READINGS readings:
    'Washington' has one in every state); and per one-degree cell, the names with a reading there
    (names with at most _SOME_READINGS readings, none of them a country or first-level region)."""

    names_by_region: dict[str, frozenset[str]]
    regional_names: frozenset[str]
    names_by_cell: dict[tuple[int, int], list[tuple[str, float, float]]]
    local_names: frozenset[str]

    @classmethod
    def of(cls, candidates: Sequence[_Candidate]) -> _SharedReadings:
        names_by_region: dict[str, set[str]] = {}
        names_by_cell: dict[tuple[int, int], list[tuple[str, float, float]]] = {}
        regional, local = set(), set()
        for candidate in {c.key: c for c in candidates}.values():
            if not 0 < len(candidate.places) <= _SOME_READINGS:
                continue
            if _only_local(candidate):
                local.add(candidate.key)
                for place in candidate.places:
                    names_by_cell.setdefault(_cell(place), []).append((candidate.key, place.lat, place.lon))
            if len(candidate.places) <= _FEW_READINGS:
                regional.add(candidate.key)
                for place in candidate.places:
                    label = _admin1_label(place)
                    if label is not None:
                        names_by_region.setdefault(label, set()).add(candidate.key)
        return cls(
            {label: frozenset(keys) for label, keys in names_by_region.items()},
            frozenset(regional),
            names_by_cell,
            frozenset(local),
        )

    def support(self, key: str, place: Place) -> float:
        """Shares of the document's other names with a reading in ``place``'s admin1 and within
        _CLOSE_KM of it, weighted."""
        return _SHARED_REGION * self._region_share(key, place) + _CLOSE_READING * self._close_share(
            key, place
        )

    def _region_share(self, key: str, place: Place) -> float:
        label = _admin1_label(place)
        others = len(self.regional_names - {key})
        if label is None or others == 0:
            return 0.0
        return len(self.names_by_region.get(label, frozenset()) - {key}) / others

    def _close_share(self, key: str, place: Place) -> float:
        others = len(self.local_names - {key})
        if others == 0 or key not in self.local_names:
            return 0.0
        row, column = _cell(place)
        close = {
            other
            for d_row in (-1, 0, 1)
            for d_column in (-1, 0, 1)
            for other, lat, lon in self.names_by_cell.get((row + d_row, column + d_column), ())
            if other != key and haversine_km(place.lat, place.lon, lat, lon) <= _CLOSE_KM
        }
        return len(close) / others


def _only_local(candidate: _Candidate) -> bool:
    """True when no reading of the name is a country, a first-level region or a wider area: 'Mexico'
    or 'California' named near a village of that name still mean the country or the state."""
    return not any(place.feature_code.startswith((*_WIDE_AREAS, "ADM1")) for place in candidate.places)


def _cell(place: Place) -> tuple[int, int]:
    return math.floor(place.lat), math.floor(place.lon)


def _supported(place: Place | None, key: str, evidence: _Evidence) -> bool:
    """A head-name reading ('Griffith' of 'Griffith Park') that the document's other places bear out: a
    town near one of them, or a region in a country they lie in."""
    if place is None:
        return False
    if place.is_region:
        return evidence.share(key, f"country:{place.country}") > 0
    return evidence.has_neighbour(key, place)


def _point(place: Place) -> tuple[float, float]:
    return place.lat, place.lon


def _named_town_of_quarter(
    text: str, index: int, candidates: Sequence[_Candidate], picks: Sequence[Place | None]
) -> Place | None:
    """The town of 'the Dar es Salaam neighbourhood of Omdurman': a part of a town named right after it."""
    if index + 1 >= len(candidates):
        return None
    gap = text[candidates[index].span.end : candidates[index + 1].span.start]
    town = picks[index + 1]
    if town is None or town.is_region or not _QUARTER_OF.match(gap):
        return None
    return town


def _fallback_place(
    text: str, index: int, candidates: Sequence[_Candidate], picks: Sequence[Place | None]
) -> Place | None:
    """The enclosing place of a name the gazetteer lacks (a street, building, river): the nearest place
    resolved in the same sentence (a town or region before a country or wider area), else the
    document's focus (its most often named place)."""
    span = candidates[index].span
    resolved = [
        (c.span, p) for c, p in zip(candidates, picks, strict=True) if p is not None and not c.partial
    ]
    if not resolved:
        return None
    same_sentence = [
        (abs(other.start - span.start), place)
        for other, place in resolved
        if not _SENTENCE_BREAK.search(text[min(span.end, other.end) : max(span.start, other.start)])
    ]
    if same_sentence:
        return min(same_sentence, key=lambda pair: (pair[1].feature_code.startswith(_WIDE_AREAS), pair[0]))[1]
    counts = Counter(place for _, place in resolved)
    return counts.most_common(1)[0][0]


def _best(candidates: Sequence[_Candidate], scores: Sequence[Sequence[float]]) -> list[Place | None]:
    return [c.places[_argmax(s)] if s else None for c, s in zip(candidates, scores, strict=True)]


def _argmax(values: Sequence[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def _softmax_top(values: Sequence[float]) -> float:
    top = max(values)
    return 1.0 / sum(math.exp(v - top) for v in values)


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Votes of the current picks for countries and admin1 regions, kept per mention key so that a
    name never votes for itself; and the towns picked, for proximity."""

    votes: Counter[str]
    votes_by_key: dict[str, Counter[str]]
    anchors: dict[tuple[str, int], tuple[float, float]]

    @classmethod
    def of(cls, candidates: Sequence[_Candidate], picks: Sequence[Place | None]) -> _Evidence:
        evidence = cls(Counter(), {}, {})
        for candidate, place in zip(candidates, picks, strict=True):
            if place is None:
                continue
            if not place.is_region:
                evidence.anchors[(candidate.key, place.geonames_id)] = (place.lat, place.lon)
            weight = 2 if place.feature_code.startswith("PCL") else 1
            own = evidence.votes_by_key.setdefault(candidate.key, Counter())
            for label in ("", f"country:{place.country}", _admin1_label(place)):
                if label is not None:
                    evidence.votes[label] += weight
                    own[label] += weight
        return evidence

    def share(self, key: str, label: str | None) -> float:
        """Share of the other names' votes that go to ``label`` (a country or admin1 label)."""
        own = self.votes_by_key.get(key, Counter())
        others = self.votes[""] - own[""]
        if label is None or others <= 0:
            return 0.0
        return (self.votes[label] - own[label]) / others

    def top_country_share(self, key: str) -> float:
        """The largest country share: what an ocean or continent, in no country, is credited with."""
        return max(
            (self.share(key, label) for label in self.votes if label.startswith("country:")), default=0.0
        )

    def has_neighbour(self, key: str, place: Place) -> bool:
        """True when another name's pick lies within _NEAR_KM of ``place``."""
        return any(
            other_key != key
            and abs(lat - place.lat) < _NEAR_DEGREES
            and haversine_km(place.lat, place.lon, lat, lon) < _NEAR_KM
            for (other_key, _), (lat, lon) in self.anchors.items()
        )


def _admin1_label(place: Place) -> str | None:
    return f"admin1:{place.country}.{place.admin1}" if place.admin1 else None


def _containers(text: str, candidates: Sequence[_Candidate]) -> dict[int, int]:
    """Mention index -> index of the mention naming its container ('Hadrut, Nagorno-Karabakh', 'X in Y')."""
    links = {}
    for i in range(len(candidates) - 1):
        gap = text[candidates[i].span.end : candidates[i + 1].span.start]
        if gap in (", ", ",", " in ", " of ", " (", ", in "):
            links[i] = i + 1
    return links


def _context_bonus(
    place: Place,
    index: int,
    key: str,
    picks: Sequence[Place | None],
    evidence: _Evidence,
    containers: dict[int, int],
    gazetteer: Gazetteer,
) -> float:
    """Support from the rest of the document: country/admin1 focus (a place in no country, such as an
    ocean, counts as in the focus country), a named container, nearby places."""
    bonus = _COUNTRY_FOCUS * (
        evidence.share(key, f"country:{place.country}") if place.country else evidence.top_country_share(key)
    )
    bonus += _ADMIN1_FOCUS * evidence.share(key, _admin1_label(place))
    container_index = containers.get(index)
    if container_index is not None:
        container = picks[container_index]
        if container is not None and gazetteer.contains(container, place):
            bonus += _CONTAINMENT
    if not place.feature_code.startswith(("PCL", "CONT")) and evidence.has_neighbour(key, place):
        bonus += _NEAR_BONUS
    return bonus
