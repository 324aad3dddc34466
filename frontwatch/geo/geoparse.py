"""Toponym recognition (gazetteer n-grams filtered by context) and resolution (priors + document context)."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.geo.gazetteer import Gazetteer, haversine_km
from frontwatch.geo.names import REGION_WORDS, fold, strip_region_word, words
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
    secretary major ive were ill im youre dont its"""
)
_NOT_PLACES = frozenset({"white house", "notre dame", "nino", "nina", "kremlin", "mass"})  # folded keys
_KEEP_WHEN_CAPITALISED_MID_SENTENCE = words(
    """jordan chad georgia israel victoria florence austin charlotte madison marion sidney sydney cleveland
    chester lincoln jackson nice split reading bath mobile orange buffalo"""
)
_TITLES = words(
    """mr mrs ms miss dr prof president vice prime minister secretary gen general col colonel lt lieutenant
    maj major capt captain sgt sergeant cpl pvt adm admiral brig commander pope king queen prince
    princess sir lord lady senator sen rep representative governor gov mayor judge justice officer
    deputy chief coach saint ambassador spokesman spokeswoman minister's"""
)
_FEATURE_NOUNS = words(
    """dam river lake sea valley mountains mountain gorge pass canal reservoir strait bay island islands
    corridor highway pipeline border crossing airport times post herald tribune journal gazette"""
)
_INSTITUTION_WORDS = words(
    """university college state police sheriff department fire film festival club high middle elementary
    school schools library medical center centre chamber council board circuit city county public museum
    symphony orchestra opera zoo regional community international metro transit housing health"""
)
_LOCATIVE_WORDS = words(
    """in at near from to outside into of toward towards around through via across shelled struck hit
    attacked bombed bombarded captured seized entered liberated recaptured retook targeted stormed
    besieged evacuated fled"""
)
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
    context = _DocumentContext(
        lowercase_words=frozenset(t.text for t in tokens if t.text.islower()),
        name_parts=_person_name_parts(text, tokens, gazetteer),
    )
    found: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        match = _longest_match(text, tokens, i, gazetteer) if tokens[i].capitalised else None
        if match is None:
            i += 1
            continue
        last, key = match
        places = tuple(gazetteer.lookup_key(key))
        if key not in _NOT_PLACES and _is_location_use(text, tokens, i, last, places, gazetteer, context):
            span = Span(tokens[i].start, tokens[last].end)
            found.append(_Candidate(span, key, places, strip_region_word(key) is not None))
        i = last + 1
    return found


@dataclass(frozen=True, slots=True)
class _DocumentContext:
    """Document-wide evidence: words seen in lower case, and surnames seen after a first name or title."""

    lowercase_words: frozenset[str]
    name_parts: frozenset[str]


def _person_name_parts(text: str, tokens: Sequence[_Token], gazetteer: Gazetteer) -> frozenset[str]:
    """Second words of 'Marty Walsh' / 'Dr Walsh' pairs that are not place names themselves."""
    parts = set()
    for left, right in itertools.pairwise(tokens):
        if not (left.capitalised and right.capitalised and _glued(text, left, right)):
            continue
        left_word = left.text.lower().rstrip(".")
        if (
            left_word in _DIRECTIONS
            or left_word in _PLACE_PREFIXES
            or (left_word in _COMMON_WORDS and left_word not in _TITLES)
        ):
            continue
        if gazetteer.has_key(_fold_cached(f"{left.text} {right.text}")) or right.text.isupper():
            continue
        if not any(p.is_region for p in gazetteer.lookup_key(_fold_cached(right.text))):
            parts.add(right.text)
    return frozenset(parts)


def _longest_match(
    text: str, tokens: Sequence[_Token], first: int, gazetteer: Gazetteer
) -> tuple[int, str] | None:
    """The last token index and folded key of the longest gazetteer name starting at token ``first``."""
    limit = first
    while limit + 1 < len(tokens) and limit + 1 - first < _MAX_TOKENS:
        gap = text[tokens[limit].end : tokens[limit + 1].start]
        if gap not in (" ", "-"):
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


def _is_location_use(
    text: str,
    tokens: Sequence[_Token],
    first: int,
    last: int,
    places: Sequence[Place],
    gazetteer: Gazetteer,
    context: _DocumentContext,
) -> bool:
    """Context filters: common words, person names, features, demonyms and metonymic (speaker) uses."""
    single = first == last
    surface = tokens[first].text
    dateline = surface.isupper() and len(surface) > 3 and _starts_sentence(text, tokens[first].start)
    first_name_too = single and _fold_cached(tokens[first].text) in _KEEP_WHEN_CAPITALISED_MID_SENTENCE
    is_polity = any(p.feature_code.startswith(("PCL", "ADM1", "RGN")) for p in places)
    if (
        single
        and not dateline
        and not _plausible_single_word(text, tokens[first], is_polity, gazetteer, context)
    ):
        return False
    if single and not _well_known(places) and not _locative_context(text, tokens, first, last):
        return False
    previous = tokens[first - 1] if first > 0 else None
    if previous is not None and _glued(text, previous, tokens[first]):
        prev_word = previous.text.lower().rstrip(".")
        if prev_word in _TITLES:
            return False
        if (
            previous.capitalised
            and not _starts_sentence(text, previous.start)
            and prev_word not in _DIRECTIONS
            and prev_word not in _COMMON_WORDS
            and prev_word not in _PLACE_PREFIXES
            and not is_polity
        ):
            return False
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    return following is None or _plausible_follower(
        text, tokens, last, dateline or (is_polity and not first_name_too)
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


def _plausible_follower(text: str, tokens: Sequence[_Token], last: int, strong_place: bool) -> bool:
    """What follows the match does not make it a person, organisation, feature or speaker."""
    following = tokens[last + 1]
    gap = text[tokens[last].end : following.start]
    next_word = following.text.lower()
    if gap == "-" and next_word in _POLITICAL_COMPOUNDS:
        return False
    if gap == " " and next_word in _FEATURE_NOUNS:
        return False
    if (
        gap == " "
        and following.capitalised
        and not strong_place
        and next_word not in REGION_WORDS
        and next_word not in _COMMON_WORDS
        and next_word not in _INSTITUTION_WORDS
        and next_word.rstrip(".") not in _TITLES
    ):
        return False
    if gap.strip() == "" and _speaks(tokens, last + 1):
        return False
    if gap in ("'", "’") and next_word == "s" and last + 2 < len(tokens):
        return tokens[last + 2].text.lower() not in _ACTOR_NOUNS
    return True


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


def _candidate_for_span(text: str, span: Span, gazetteer: Gazetteer) -> _Candidate:
    surface = span.text_of(text)
    key = _fold_cached(re.sub(r"['’]s$", "", surface.strip()))
    nation = gazetteer.demonym(key)
    places = [nation] if nation is not None else gazetteer.lookup_key(key)
    if not places and key.startswith("the "):
        key = key[4:]
        places = gazetteer.lookup_key(key)
    return _Candidate(span, key, tuple(places), strip_region_word(key) is not None)


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
    """Pick each mention's place: priors, then two rounds of document context over the current picks."""
    priors = [[_prior(p, c) for p in c.places] for c in candidates]
    picks = _best(candidates, priors)
    containers = _containers(text, candidates)
    scores = priors
    for _ in range(2):
        evidence = _Evidence.of(candidates, picks)
        scores = [
            [
                prior + _context_bonus(place, i, candidate.key, picks, evidence, containers, gazetteer)
                for place, prior in zip(candidate.places, priors[i], strict=True)
            ]
            for i, candidate in enumerate(candidates)
        ]
        picks = _best(candidates, scores)
    mentions = []
    for candidate, place, candidate_scores in zip(candidates, picks, scores, strict=True):
        confidence = _softmax_top(candidate_scores) if candidate_scores else 0.0
        resolved = place if confidence >= _MIN_CONFIDENCE else None
        surface = candidate.span.text_of(text)
        mentions.append(PlaceMention(candidate.span, surface, resolved, round(confidence, 3)))
    return mentions


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
    """Support from the rest of the document: country/admin1 focus, a named container, nearby places."""
    bonus = _COUNTRY_FOCUS * evidence.share(key, f"country:{place.country}")
    bonus += _ADMIN1_FOCUS * evidence.share(key, _admin1_label(place))
    container_index = containers.get(index)
    if container_index is not None:
        container = picks[container_index]
        if container is not None and gazetteer.contains(container, place):
            bonus += _CONTAINMENT
    if not place.feature_code.startswith(("PCL", "CONT")) and evidence.has_neighbour(key, place):
        bonus += _NEAR_BONUS
    return bonus
