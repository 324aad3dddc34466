"""Toponym recognition (gazetteer n-grams filtered by context) and resolution (priors + document context).

Spans given by the caller are always returned, each resolved by, in order:

1. its whole name (or, for a nationality adjective or inhabitant noun, its country or region:
   'Syrian', 'Omani', 'Texans', 'Abkhaz' -- also when the gazetteer lists no such adjective);
2. its head name: 'the city of Homs', 'northern Syria', "Sudan's capital", 'Donetsk People's Republic'
   resolve through the longest gazetteer name inside the span (a single word only when it leads the
   span and is some place's own name, so 'Trump Tower' is not the town of Tower); a head reading the
   document does not bear out (no other named place near it, or in its country for a region) gives way
   to the fallback below when there is one ('Griffith Park' in a Los Angeles story);
3. a fallback, when the gazetteer knows no name in it (streets, buildings, rivers): the place the
   document itself names around it -- the nearest place resolved in the same sentence ('Royal Street
   ... in New Orleans'; a town before a region, a region before a country), else the document's most
   often named place. A fallback carries that place's fields (its ``feature_code`` included) and the
   score ``_FALLBACK_SCORE``, below any resolved match; with no resolved place in the document the span
   stays unresolved. A part of a town named as one ('the Dar es Salaam neighbourhood of Omdurman') takes
   its town the same way when its own best reading lies elsewhere, and so does a stray: a small town far
   from every other place named, in a country none of them is in ('Delft' in a Cape Town story).

Recognised and given spans alike are resolved against each other: population and feature-class priors,
country and admin1 focus, a container named next to it ('Hadrut, Nagorno-Karabakh'), an area outside the
admin1 grid named elsewhere ('Martuni' in a Nagorno-Karabakh story is Karabakh's, not Armenia's), and
nearby places. A caller that knows which conflict a report is about may pass its ``area``: weak evidence,
enough to prefer a reading inside it when the text says nothing else ('Martuni' alone in a report of the
2020 war), never enough to outvote a country or region the text names.
"""

from __future__ import annotations

import enum
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from frontwatch.geo.gazetteer import Gazetteer, haversine_km, is_ordinary_phrase, ordinary_words
from frontwatch.geo.names import REGION_WORDS, SPELLED_OUT, fold, strip_region_word, words
from frontwatch.model.place import Place, PlaceMention
from frontwatch.model.span import Span

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
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
    secretary major ive were ill im youre dont its mary northeast northwest southeast southwest gulf
    congress first area metro airport superior section many liberal conservative labor labour green tory
    bank summit"""
)
# folded keys of names that are no places in news text (car makers and a faith among them)
_NOT_PLACES = frozenset(
    {"white house", "notre dame", "nino", "nina", "kremlin", "the kremlin", "mass"}
    | {"toyota", "honda", "bahai"}
)
_KEEP_WHEN_CAPITALISED_MID_SENTENCE = words(
    """jordan chad georgia israel victoria florence austin charlotte madison marion sidney sydney cleveland
    chester lincoln jackson nice split reading bath mobile orange buffalo mary"""
)
# first names among the common words (towns bear them too): before a surname they still mark a person
_FIRST_NAMES = words(
    """john james george paul mark david michael peter mary elizabeth victoria charlotte florence madison
    marion"""
)
_TITLES = words(
    """mr mrs ms miss dr prof president vice prime minister secretary gen general col colonel lt lieutenant
    maj major capt captain sgt sergeant cpl pvt adm admiral brig commander pope king queen prince
    princess sir lord lady senator sen rep representative governor gov mayor judge justice officer
    deputy chief coach saint ambassador spokesman spokeswoman minister's superintendent councilman
    councilwoman commissioner detective trooper sheriff"""
)
_FEATURE_NOUNS = words(
    """dam river lake sea valley mountains mountain gorge pass canal reservoir strait bay island islands
    corridor highway pipeline border crossing"""
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
_ORGANISATION_HEADS = words(
    """club center centre court group department council association society league board commission
    library hospital museum chamber authority agency bureau committee lodge district"""
)
_ORGANISATION_SPAN = 4
_LOCATIVE_WORDS = words(
    """in at near from to outside into of toward towards around through via across over shelled struck hit
    attacked bombed bombarded captured seized entered liberated recaptured retook targeted stormed
    besieged evacuated fled pounded raided overran encircled surrounded reached approached"""
)
_STRICT_LOCATIVES = words("in near outside")
_CURRENCY_WORDS = words("dollar dollars cent cents")
_INSIDE_PREPOSITIONS = words("in at from into inside outside")
_CLAUSE_END = re.compile(r"[.,;:)]|\s+(?:and|or)\s")
_WAY_WORDS = words("street road drive avenue lane boulevard parkway highway river creek lake township")
_NUMBERED_ROAD = re.compile(
    r"(?:(?:U\.S\.|US|State|County)\s)?(?:Highway|Route|Interstate|Hwy\.?)\s\d{1,4}[A-Z]?\b"
    r"|(?:County|State|Farm to Market)\sRoad\s\d{1,4}\b"
)
_WAY_PREFIXES = words("old new north south east west upper lower great little saint st")
_ROAD_WORDS = words("road street avenue drive lane boulevard highway parkway pike way court place")
_PARTY_LETTERS = frozenset({"D", "R", "I", "DFL"})  # 'Sen. Jon Husted, R-Kettering': party and home town
_LOCAL_FOLLOWERS = words("man woman men women resident residents native natives police area")
_ARTICLES = words("the a an")
_LOCAL_OFFICES = words(
    "police fire mayor selectman selectmen councilman councilwoman councillor alderman school board council"
)
_LOCAL_BODY_WORDS = words(
    "town city village county township borough fire police senior seniors school schools board council"
)
_PREPOSITIONS = words("in at near from outside inside across around along of")
_LIST_GAPS = frozenset({", ", " and ", " or ", ", and ", ", or "})
_WELL_KNOWN_POPULATION = 20000
_WELL_KNOWN_POLITY = 1_000_000  # a state this populous is no surname ('Nelson', NZ, and 'Rivera', UY, are)
_LOCAL_CODES = ("PPL", "ADM2", "ADM3", "ADM4", "ADM5")
_SETTLEMENT_CODES = ("PPL", "ADM", "PCL")  # towns and divisions, not natural features or landmarks
_PLACE_PREFIXES = words("downtown metro metropolitan greater suburban historic uptown midtown")
# not 'states' ('two U.S. states', 'the Gulf states' name places)
_SPEECH_VERBS = words(
    """said says say denied denies deny accused accuses accuse claimed claims claim announced announces
    stated warned warns rejected rejects reject insisted insists responded responds condemned
    condemns urged urges demanded demands vowed vows threatened threatens retaliated argued argues
    agreed agrees signed signs refused refuses wants hopes believes blamed blames alleged alleges
    confirmed confirms reported reports called calls dismissed dismisses protested protests recognised
    recognized recognises recognizes sanctioned backed supports supported"""
)
_AUXILIARIES = words("has have had will would could may might also has not did does")
_TERRITORY_NOUNS = words(
    """city cities town towns village villages capital border borders territory territories soil enclave
    coast coastline region regions province provinces countryside port ports waters airspace mainland
    frontier island islands beach beaches shore shores land lands farm farms jail jails prison prisons
    desert mountains forests hills"""
)
_NOUN_FOLLOWERS = _AUXILIARIES | words(
    "is was are were who whose after to in of as at on for by with from into than"
)  # 'the Irish will', 'English is', 'in Spanish after': a people or a language, not a modifier
_SIDE_OF = re.compile(r" sides? of\b")  # 'the Armenian side of the border'; not 'the Armenian side said
_PERSON_FOLLOWERS = words("administration administrations presidency jr sr")
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
_GENERIC_PLACE_WORDS = _DIRECTIONS | words("coast coastal upper lower middle interior highlands lowlands")
_DATELINE_DASH = re.compile(r"\s*(?:,[^.\n]{0,30}?)?\s(?:--|—|–|-)\s")
_RUNS_ON = re.compile(r" [a-z]")
_HOLIDAY = re.compile(r"['’]s Day\b")
_MODEL_YEAR = re.compile(r"\b(?:19|20)\d\d $")
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
_LIST_KIND = 2.0  # a country, state or city listed with others of its kind ('Oregon and Washington')
_DIVISION_FOCUS = 5.0  # a reading inside an area ('Nagorno-Karabakh', 'Darfur') the document names
# a reading inside the conflict area a caller passes: over a bigger namesake's population and own-name
# edge (Martuni, Armenia, 12,000 people), under a country or region the text names (_COUNTRY_FOCUS)
_AREA_FOCUS = 2.5
_NEAR_KM, _NEAR_BONUS = 150.0, 1.2
_NEAR_COUNTRY_KM = 300.0  # a place this close to a country the document names is in its neighbourhood
_NEAR_COUNTRY_DEGREES = _NEAR_COUNTRY_KM / 111.0  # a latitude gap this wide is further
_MIN_CONFIDENCE = 0.12
_SHARED_REGION, _FEW_READINGS = 2.0, 8
_CLOSE_READING, _SOME_READINGS, _CLOSE_KM = 2.0, 30, 50.0
_CLOSE_DEGREES = _CLOSE_KM / 111.0  # a latitude gap this wide is already further apart
_CONTEXT_ROUNDS = 2
_STRAY_POPULATION, _FOCUS_SHARE = 100_000, 0.5
_VILLAGE_POPULATION, _REGION_FOCUS_SHARE, _FOCUS_VOTES = 20_000, 0.2, 3
_FALLBACK_SCORE = 0.05  # below _MIN_CONFIDENCE: a stand-in for the containing place, not a match
# 'the Ombada district of Omdurman': the part, then its town; not 'suburb', which news writes the other
# way round ('the Kyiv suburb of Irpin', 'the Damascus suburb of Douma')
_QUARTER_OF = re.compile(
    r"^\s+(?:neighbou?rhoods?|quarter|district|area|camp|outskirts)\s+(?:of|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WIDE_AREAS = ("PCL", "CONT", "RGN", "OCN")
_LOCATED_IN = (" in ", " in the ", " at ", ", in ")  # 'the Embassy of Armenia in the Holy See'
_QUARTER_KM = 30.0  # a named quarter further than this from its town is a namesake elsewhere


class _Token(NamedTuple):
    """A word of the text (a named tuple: documents have thousands, built faster than a dataclass)."""

    start: int
    end: int
    text: str
    capitalised: bool


_TEXT = operator.itemgetter(2)  # a _Token's text and capitalised flag, read by C code over all tokens
_CAPITALISED = operator.itemgetter(3)


def _tokens(text: str) -> list[_Token]:
    """The words of ``text`` with their offsets (made by maps over C functions: a named tuple's own
    constructor is Python code, and documents have thousands of words)."""
    matches = list(_TOKEN.finditer(text))
    texts = list(map(re.Match.group, matches))
    capitalised = [t[0].isupper() for t in texts]
    fields = zip(map(re.Match.start, matches), map(re.Match.end, matches), texts, capitalised, strict=True)
    return list(map(tuple.__new__, itertools.repeat(_Token), fields))


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


@lru_cache(maxsize=50_000)
def _readings(gazetteer: Gazetteer, key: str) -> tuple[Place, ...]:
    """``gazetteer.lookup_key``, kept: a name's readings are looked up again in every document."""
    return tuple(gazetteer.lookup_key(key))


def geoparse(
    text: str,
    gazetteer: Gazetteer,
    spans: Sequence[tuple[int, int]] | None = None,
    area: Sequence[Place] = (),
    nationalities: bool = True,
) -> list[PlaceMention]:
    """Place mentions of ``text``: recognised, or exactly ``spans`` when given (in their order); resolved
    with a score each. Given spans are resolved in text order, whatever order they come in: a container
    ('Hadrut, Nagorno-Karabakh') or a list partner is the next mention in the text. ``area``: regions
    where the report's conflict is fought, a weak prior for readings inside them. ``nationalities``:
    a nationality adjective modifying something of its country ('the Syrian economy', 'Syrian
    refugees', 'Turkish-backed') is a mention of it, as GeoWebNews, LGL and TR-News annotate them,
    unless it names the state as an actor ('Azerbaijani forces', 'Russian diplomats') or a people;
    off (event extraction), only an adjective of ground is ('the Syrian border')."""
    if spans is None:
        return _resolve(text, _recognise(text, gazetteer, nationalities), gazetteer, tuple(area))
    order = sorted(range(len(spans)), key=lambda i: tuple(spans[i]))
    candidates = [_candidate_for_span(text, Span(*spans[i]), gazetteer) for i in order]
    in_text_order = _resolve(text, candidates, gazetteer, tuple(area))
    mentions = list(in_text_order)
    for position, mention in zip(order, in_text_order, strict=True):
        mentions[position] = mention
    return mentions


# -- recognition --------------------------------------------------------------------------------------


def _recognise(text: str, gazetteer: Gazetteer, nationalities: bool) -> list[_Candidate]:
    tokens = _tokens(text)
    lowercase_words = frozenset(filter(str.islower, map(_TEXT, tokens)))
    capitals = list(itertools.compress(range(len(tokens)), map(_CAPITALISED, tokens)))
    located = _located_words(text, tokens, capitals)
    name_parts = _person_name_parts(text, tokens, capitals, gazetteer, lowercase_words) - located
    context = _DocumentContext(
        lowercase_words,
        name_parts | (_first_names(text, tokens, capitals, name_parts, lowercase_words) - located),
        located,
    )
    found: list[_Candidate] = []
    modifiers: list[_Candidate] = []
    starts: dict[str, list[int]] = {}  # capitalised words by first letter, built at the first acronym
    i = 0
    while i < len(tokens):
        if not tokens[i].capitalised:
            i += 1
            continue
        road = _NUMBERED_ROAD.match(text, tokens[i].start)
        if road is not None:  # 'Highway 82', 'U.S. Highway 82', 'County Road 43': takes the document's place
            key = _fold_cached(road.group())
            found.append(_Candidate(Span(road.start(), road.end()), key, _readings(gazetteer, key), False))
            while i < len(tokens) and tokens[i].start < road.end():
                i += 1
            continue
        match = _longest_match(text, tokens, i, gazetteer)
        nationality = None
        if match is None or match[0] == i:  # 'the English city of Salisbury', not English, Indiana
            nationality = _nationality(text, tokens, i, gazetteer)
        if nationality is not None and (
            _describes_ground(text, tokens, i, nationality, gazetteer)
            or (nationalities and not _names_actor_or_people(text, tokens, i, nationality, gazetteer))
        ):
            found.append(nationality)
            i = _last_token(tokens, i, nationality.span) + 1
            continue
        way = _named_way(text, tokens, i, context)
        if way is not None and (match is None or match[0] < way):
            key = _fold_cached(text[tokens[i].start : tokens[way].end])
            found.append(
                _Candidate(Span(tokens[i].start, tokens[way].end), key, _readings(gazetteer, key), False)
            )
            i = way + 1
            continue
        last, key = match if match is not None else (i, _fold_cached(tokens[i].text))
        span = Span(tokens[i].start, tokens[last].end)
        division = _listed_division_key(text, span, key, gazetteer)
        if division != key:  # 'Cooke, Grayson and Love counties': each is a county, whatever else it is
            found.append(_Candidate(span, division, _readings(gazetteer, division), True))
            i = last + 1
            continue
        if match is None:
            acronym = None
            if 2 <= len(tokens[i].text) <= 4 and tokens[i].text.isupper() and not _among_capitals(tokens, i):
                starts = starts or _word_starts(tokens)
                acronym = _initials_of_named_place(text, tokens, i, gazetteer, starts)
            named = acronym or _home_county(text, tokens, i, gazetteer)
            if named is not None:
                found.append(named)
            i += 1
            continue
        places = _readings(gazetteer, key)
        listed = bool(found) and text[found[-1].span.end : tokens[i].start] in _LIST_GAPS
        if key in _NOT_PLACES or _names_seat_of_power(places):
            use = _Use.PLACE if _inside_landmark(tokens, i, places) else _Use.NOT_PLACE
        else:
            use = _use(text, tokens, i, last, places, gazetteer, context, listed)
        if use is not _Use.NOT_PLACE:
            candidate = _Candidate(span, key, places, strip_region_word(key) is not None)
            (found if use is _Use.PLACE else modifiers).append(candidate)
        i = last + 1
    places_named = {candidate.key for candidate in found}
    found.extend(candidate for candidate in modifiers if candidate.key in places_named)
    return sorted(found, key=lambda candidate: candidate.span.start)


def _names_seat_of_power(places: Sequence[Place]) -> bool:
    """True when every reading is a landmark the recogniser takes for no place, under another of its names
    ('West Wing' and 'Oval Office' are the White House, which stands for its occupant)."""
    return bool(places) and all(_fold_cached(place.name) in _NOT_PLACES for place in places)


def _inside_landmark(tokens: Sequence[_Token], first: int, places: Sequence[Place]) -> bool:
    """'in the Oval Office', 'from the White House', 'at the Kremlin': a landmark the recogniser otherwise
    takes for its occupant ('the White House said', 'West Wing staffers') named as the place one is at."""
    index = first - 1 if first > 0 and tokens[first - 1].text.lower() == "the" else first
    return (
        index > 0
        and tokens[index - 1].text.lower() in _INSIDE_PREPOSITIONS
        and any(not place.feature_code.startswith(_SETTLEMENT_CODES) for place in places)
    )


def _named_way(text: str, tokens: Sequence[_Token], first: int, context: _DocumentContext) -> int | None:
    """The last token of a named street, road, river or lake starting at token ``first`` ('Royal Street',
    'Old Lexington Highway', 'Neches River', 'Evergreen Lake', 'Lake Lanier'), a place the gazetteer need
    not know, which takes the document's enclosing place; None when there is none (or it names a body:
    'Wall Street Journal')."""
    word = tokens[first].text.lower()
    if word == "lake" and first + 1 < len(tokens) and _lake_named_after(text, tokens, first):
        return first + 1  # 'Lake Lanier'
    if (
        (word in _COMMON_WORDS and word not in _WAY_PREFIXES)
        or word in context.lowercase_words
        or tokens[first].text.isupper()
    ):
        return None
    for last in range(first + 1, min(first + _ORGANISATION_SPAN, len(tokens))):
        token = tokens[last]
        if not (token.capitalised and _glued(text, tokens[last - 1], token)):
            return None
        if token.text.lower() in _WAY_WORDS:
            following = tokens[last + 1] if last + 1 < len(tokens) else None
            if (
                following is not None
                and _glued(text, token, following)
                and (following.capitalised or following.text.lower() in _SPEECH_VERBS)
            ):
                return None
            return last
    return None


def _home_county(text: str, tokens: Sequence[_Token], index: int, gazetteer: Gazetteer) -> _Candidate | None:
    """A legislator's home county, written without the word 'County' ('Clif Moore, D-McDowell'), else
    None."""
    if index == 0 or tokens[index - 1].text not in _PARTY_LETTERS:
        return None
    if text[tokens[index - 1].end : tokens[index].start] != "-":
        return None
    key = f"{_fold_cached(tokens[index].text)} county"
    places = _readings(gazetteer, key)
    return _Candidate(Span(tokens[index].start, tokens[index].end), key, places, True) if places else None


def _lake_named_after(text: str, tokens: Sequence[_Token], first: int) -> bool:
    """True when 'Lake' at ``first`` heads a two-word name ('Lake Lanier'; not 'Lake Shore Drive')."""
    name = tokens[first + 1]
    following = tokens[first + 2] if first + 2 < len(tokens) else None
    return (
        name.capitalised
        and _glued(text, tokens[first], name)
        and name.text.lower() not in _COMMON_WORDS
        and not (following is not None and following.capitalised and _glued(text, name, following))
    )


def _describes_ground(
    text: str, tokens: Sequence[_Token], index: int, nationality: _Candidate, gazetteer: Gazetteer
) -> bool:
    """True when the nationality adjective at token ``index`` describes ground, not an actor: 'the
    Syrian city of Homs', 'on Armenian territory', 'the Sudanese border', 'Greek islands', either side
    of 'the Syrian-Turkish border', both of 'a Syrian Kurdish enclave', 'the Armenian side of the
    border' name the place; 'Azerbaijani forces' and 'the Armenian side said' do not."""
    index = _last_token(tokens, index, nationality.span)
    if index + 1 >= len(tokens):
        return False
    gap = text[tokens[index].end : tokens[index + 1].start]
    if gap in ("-", " ") and index + 2 < len(tokens):
        partner = _nationality(text, tokens, index + 1, gazetteer)  # 'the Syrian-Turkish border'
        if partner is not None:
            index = _last_token(tokens, index + 1, partner.span)
        elif gap == "-":
            return False
    if text[tokens[index].end : tokens[index + 1].start] != " ":
        return False
    noun = tokens[index + 1].text.lower()
    return noun in _TERRITORY_NOUNS or (
        noun in ("side", "sides") and bool(_SIDE_OF.match(text, tokens[index].end))
    )


def _names_actor_or_people(
    text: str, tokens: Sequence[_Token], index: int, nationality: _Candidate, gazetteer: Gazetteer
) -> bool:
    """True when the nationality at token ``index`` names its state as an actor ('Azerbaijani forces',
    'the Russian government', 'Turkish officials') or is a noun for a people or a language ('Canadians',
    'the Irish will', 'in English after', 'Native American', 'African Americans'; GeoWebNews' demonyms,
    which it marks as not locational), not a modifier of something of its country."""
    if _is_plural_people(nationality.key, gazetteer):
        return True
    if index > 0 and tokens[index - 1].text == "Native":
        return True
    last = _last_token(tokens, index, nationality.span)
    if last + 1 >= len(tokens) or text[tokens[last].end : tokens[last + 1].start] not in (" ", "-"):
        return False
    following = tokens[last + 1]
    return (
        following.text in _NOUN_FOLLOWERS
        or following.text.lower() in _ACTOR_NOUNS
        or (following.capitalised and _is_plural_people(_fold_cached(following.text), gazetteer))
    )


def _is_plural_people(key: str, gazetteer: Gazetteer) -> bool:
    """True for the plural of a nationality ('canadians', 'saudis', 'kurds')."""
    return key.endswith("s") and gazetteer.demonym(key[:-1]) is not None


def _nationality(text: str, tokens: Sequence[_Token], index: int, gazetteer: Gazetteer) -> _Candidate | None:
    """A capitalised nationality adjective or people's name of one or two words starting at token
    ``index`` ('Syrian', 'South Africans', 'Sri Lankan') as a mention of its place."""
    first = tokens[index]
    if not first.capitalised:
        return None
    pair = (
        index + 1 < len(tokens)
        and tokens[index + 1].capitalised
        and text[first.end : tokens[index + 1].start] == " "
        and _fold_cached(first.text) in gazetteer.demonym_heads()
    )
    for last in (index + 1, index) if pair else (index,):
        key = _fold_cached(text[first.start : tokens[last].end])
        nation = gazetteer.demonym(key)
        if nation is not None:
            return _Candidate(Span(first.start, tokens[last].end), key, (nation,), False)
    return None


def _last_token(tokens: Sequence[_Token], index: int, span: Span) -> int:
    """The index of the last token of ``span``, which starts at token ``index``."""
    while index + 1 < len(tokens) and tokens[index + 1].start < span.end:
        index += 1
    return index


def _initials_of_named_place(
    text: str, tokens: Sequence[_Token], index: int, gazetteer: Gazetteer, starts: dict[str, list[int]]
) -> _Candidate | None:
    """An acronym the gazetteer does not know, made of the initials of a country or first-level region
    the document spells out, or of its people ('SA' after 'South Africa' or 'South Africans'): that
    place. The caller checks the token is an acronym of two to four capitals outside a line of capitals (a
    headline or a byline); ``starts``: the indices of capitalised words by first letter (``_word_starts``)."""
    token = tokens[index]
    letters = token.text
    for start in starts.get(letters[0], ()):
        last = _initials_run(tokens, start, letters)
        if last is None:
            continue
        place = _polity_or_people(gazetteer, _fold_cached(text[tokens[start].start : tokens[last].end]))
        if place is not None:
            key = _fold_cached(place.name)
            return _Candidate(Span(token.start, token.end), key, _readings(gazetteer, key) or (place,), False)
    return None


def _spelled_out_acronym(text: str, span: Span, gazetteer: Gazetteer) -> _Candidate | None:
    """A given span that is an acronym of a country or first-level region the text spells out."""
    tokens = _tokens_cached(text)
    index = next((i for i, token in enumerate(tokens) if token.start == span.start), None)
    if index is None:
        return None
    return _initials_of_named_place(text, tokens, index, gazetteer, _word_starts(tokens))


@lru_cache(maxsize=4)
def _tokens_cached(text: str) -> list[_Token]:
    return _tokens(text)


def _word_starts(tokens: Sequence[_Token]) -> dict[str, list[int]]:
    """The indices of capitalised words not in capitals, by first letter."""
    starts: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        if token.capitalised and not token.text.isupper():
            starts.setdefault(token.text[0], []).append(index)
    return starts


def _initials_run(tokens: Sequence[_Token], start: int, letters: str) -> int | None:
    """The last token of the run of capitalised words from ``start`` whose initials spell ``letters``
    (connectors skipped: 'District of Columbia'), else None."""
    matched, index = 0, start
    while index < len(tokens):
        word = tokens[index].text
        if word.islower() and word in _CONNECTORS and matched:
            index += 1
            continue
        if not (word[0] == letters[matched] and tokens[index].capitalised and not word.isupper()):
            return None
        matched += 1
        if matched == len(letters):
            return index
        index += 1
    return None


def _among_capitals(tokens: Sequence[_Token], index: int) -> bool:
    """True when a word next to ``index`` is in capitals too: a headline or a byline, not an acronym."""
    return any(
        tokens[j].text.isupper() and len(tokens[j].text) > 1
        for j in (index - 1, index + 1)
        if 0 <= j < len(tokens)
    )


def _polity_or_people(gazetteer: Gazetteer, key: str) -> Place | None:
    """The country or first-level region named ``key`` ('south africa') or whose people it names ('south
    africans'), else None."""
    for place in _readings(gazetteer, key):
        if place.feature_code.startswith(("PCL", "ADM1")):
            return place
    nation = gazetteer.demonym(key)
    return nation if nation is not None and nation.feature_code.startswith(("PCL", "ADM1")) else None


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
    located: frozenset[str]  # words the document puts between 'in', 'near' or 'outside' and a stop


def _located_words(text: str, tokens: Sequence[_Token], capitals: Sequence[int]) -> frozenset[str]:
    """Capitalised words the document puts right after 'in', 'near' or 'outside' and before a stop, comma or
    'and' ('based in Dublin.'; not 'in Fairfield hearing'): a place there, whatever else the word does
    elsewhere ('Distinctly Dublin', 'a Chapin man'). ``capitals``: the indices of capitalised tokens."""
    return frozenset(
        tokens[i].text
        for i in capitals
        if i
        and tokens[i - 1].text in _STRICT_LOCATIVES
        and _glued(text, tokens[i - 1], tokens[i])
        and _CLAUSE_END.match(text, tokens[i].end)
    )


def _person_name_parts(
    text: str,
    tokens: Sequence[_Token],
    capitals: Sequence[int],
    gazetteer: Gazetteer,
    lowercase_words: frozenset[str],
) -> frozenset[str]:
    """Second words of 'Marty Walsh' / 'Dr Walsh' pairs that are not place names themselves; an acronym
    ('CBC Toronto') or a sentence-initial ordinary word ('Overall Edmonton') is no first name."""
    parts = set(_initialled_names(text, tokens, capitals))
    for index, right_index in itertools.pairwise(capitals):
        left, right = tokens[index], tokens[right_index]
        if right_index != index + 1 or not _glued(text, left, right):
            continue
        left_word = left.text.lower().rstrip(".")
        if (
            left.text.isupper()
            or (left_word in lowercase_words and _starts_sentence(text, left.start))
            or left_word in _DIRECTIONS
            or left_word in _PLACE_PREFIXES
            or (left_word in _COMMON_WORDS and left_word not in _TITLES and left_word not in _FIRST_NAMES)
        ):
            continue
        if gazetteer.has_key(_fold_cached(f"{left.text} {right.text}")) or right.text.isupper():
            continue
        if left_word not in _FIRST_NAMES and _names_road_or_body(text, tokens, index + 1):
            continue  # 'Old Alton Edwardsville Road', 'Alton Edwardsville Council': no person
        # a country, or a state or province after a word that is no first name or title, is no surname:
        # 'Education Minnesota', 'Safe Florida'; but 'George Washington', 'Mr. Washington'
        polities = ("PCL",) if left_word in _FIRST_NAMES or left_word in _TITLES else ("PCL", "ADM1")
        if gazetteer.demonym(left_word) is None and not any(
            p.feature_code.startswith(polities) and p.population >= _WELL_KNOWN_POLITY
            for p in _readings(gazetteer, _fold_cached(right.text))
        ):
            parts.add(right.text)
    return frozenset(parts)


def _names_road_or_body(text: str, tokens: Sequence[_Token], index: int) -> bool:
    """True when the token at ``index`` is followed by a capitalised word for a road or a local body."""
    if index + 1 >= len(tokens) or not _glued(text, tokens[index], tokens[index + 1]):
        return False
    following = tokens[index + 1]
    word = following.text.lower()
    return following.capitalised and (word in _ROAD_WORDS or word in _INSTITUTION_WORDS)


def _first_names(
    text: str,
    tokens: Sequence[_Token],
    capitals: Sequence[int],
    surnames: frozenset[str],
    lowercase_words: frozenset[str],
) -> frozenset[str]:
    """Place names that are also first names ('Georgia', 'Victoria') and stand before a surname the
    document uses ('Georgia Stevens'; not 'Georgia Party', a word it also writes in lower case): that
    person, wherever the name stands alone ('Georgia was sixth')."""
    return frozenset(
        left.text
        for left, right in ((tokens[i - 1], tokens[i]) for i in capitals if i)
        if right.text in surnames
        and right.text.lower() not in lowercase_words
        and right.text.lower() not in _INSTITUTION_WORDS
        and _fold_cached(left.text) in _KEEP_WHEN_CAPITALISED_MID_SENTENCE
        and _glued(text, left, right)
    )


def _initialled_names(text: str, tokens: Sequence[_Token], capitals: Sequence[int]) -> Iterator[str]:
    """Both names of 'Keith D. Johnson' / 'Wanda Y. Martin': a middle initial marks a person."""
    for i, j, k in zip(capitals, capitals[1:], capitals[2:], strict=False):
        first, initial, last = tokens[i], tokens[j], tokens[k]
        if (
            k == i + 2
            and len(initial.text) == 1
            and initial.text.isupper()
            and text[first.end : initial.start] == " "
            and text[initial.end : last.start] == ". "
            and first.text.lower() not in _TITLES
        ):
            yield first.text
            yield last.text


def _longest_match(
    text: str, tokens: Sequence[_Token], first: int, gazetteer: Gazetteer
) -> tuple[int, str] | None:
    """The last token index and folded key of the longest gazetteer name starting at token ``first``."""
    limit = first
    while limit + 1 < len(tokens) and limit + 1 - first < _MAX_TOKENS:
        gap = text[tokens[limit].end : tokens[limit + 1].start]
        if gap not in (" ", "-", "&") and not (gap == ". " and _short_title_word(tokens[limit])):
            break
        limit += 1
        if not tokens[limit].capitalised and tokens[limit].text not in _CONNECTORS:
            break  # a lower-case word may end a name ('Travis county'), never stand inside one
    for last in range(limit, first - 1, -1):
        final = tokens[last]
        if last > first and not (final.capitalised or final.text.lower() in REGION_WORDS):
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
    listed: bool,
) -> _Use:
    """Context filters: common words, person names, features, demonyms and metonymic (speaker) uses.
    ``listed``: the name follows a place in a list ('shelled Askeran and Martuni'), which is as good a
    place context as a preposition."""
    single = first == last
    dateline = _dateline(text, tokens, first, last)
    first_name_too = single and _fold_cached(tokens[first].text) in _KEEP_WHEN_CAPITALISED_MID_SENTENCE
    is_polity = any(p.feature_code.startswith(("PCL", "ADM1", "RGN")) for p in places)
    is_polity = is_polity or _named_division(tokens, first, last, places)
    if _region_after_town(text, tokens, first, last, is_polity):
        return _Use.PLACE
    towns_only = all(p.feature_code.startswith("PPL") for p in places)
    if single and not dateline and towns_only and _acronym(tokens, first):
        return _Use.NOT_PLACE  # 'the NICE program': an acronym, not Nice ('FATA' names a region)
    if single and _undotted_abbreviation(text, tokens[first], places):
        return _Use.NOT_PLACE  # 'Wash your hands', 'the Little Miss title': not 'Wash.' or 'Miss.'
    if (
        single
        and not dateline
        and not _plausible_single_word(text, tokens[first], is_polity, gazetteer, context)
    ):
        return _Use.NOT_PLACE
    if (
        single
        and not listed
        and not (dateline and _DATELINE_DASH.match(text, tokens[last].end))
        and not _well_known(places)
        and tokens[first].text not in context.located
        and not _locative_context(text, tokens, first, last)
    ):
        return _Use.NOT_PLACE
    previous = tokens[first - 1] if first > 0 else None
    if previous is not None and (
        _titled(text, previous, tokens[first])
        or _named_after_speech(text, tokens, first, last, is_polity)
        or (previous.text in ("By", "BY") and _names_organisation(text, tokens, last))
    ):
        return _Use.NOT_PLACE  # 'Mr. Sanford'; 'said Noma.': a speaker named after the verb; a byline
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if text[tokens[first].start - 1 : tokens[first].start] == "$" or (
        following is not None and following.text.lower() in _CURRENCY_WORDS
    ):
        return _Use.NOT_PLACE  # a currency: '$US4.5 billion', '40 US dollars'
    if _HOLIDAY.match(text, tokens[last].end):
        return _Use.NOT_PLACE  # "St. Patrick's Day", "St George's Day": a feast, not the town
    if not (is_polity or dateline) and _MODEL_YEAR.search(
        text, max(0, tokens[first].start - 6), tokens[first].start
    ):
        return _Use.NOT_PLACE  # 'a red 1991 Honda', 'a 2005 Pontiac'
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
    strong_place = dateline or (is_polity and not first_name_too)
    if not strong_place and _region_follows(text, tokens, last, gazetteer):
        return _Use.PLACE  # 'Maiduguri Borno State': a town and then its region
    if following.text.lower() in _FEATURE_NOUNS and any(
        not p.feature_code.startswith(_SETTLEMENT_CODES) for p in places
    ):
        return _Use.PLACE  # 'the Cauvery river', 'the Dnieper dam': the feature is the place itself
    return _follower_use(text, tokens, first, last, strong_place)


def _acronym(tokens: Sequence[_Token], index: int) -> bool:
    """True when the word at ``index`` is in capitals (four letters or more) among words that are not: an
    acronym, not a line of capitals (a headline or a byline)."""
    word = tokens[index].text
    return len(word) > 3 and word.isupper() and not _among_capitals(tokens, index)


def _undotted_abbreviation(text: str, token: _Token, places: Sequence[Place]) -> bool:
    """True when an ordinary word is a place name only as an abbreviation ('Wash.', 'Miss.', 'Ill.' for a
    state) and stands here without its dot."""
    word = _fold_cached(token.text)
    return (
        text[token.end : token.end + 1] != "."
        and not token.text.isupper()
        and word in ordinary_words()
        and not any(_fold_cached(place.name) == word for place in places)
    )


def _named_division(tokens: Sequence[_Token], first: int, last: int, places: Sequence[Place]) -> bool:
    """'Butler County', 'Kherson Oblast': a name with its division word that the gazetteer knows as a
    division (not 'Police Department')."""
    return (
        first < last
        and tokens[last].text.lower() in REGION_WORDS
        and tokens[first].text.lower() not in _COMMON_WORDS
        and tokens[first].text.lower() not in _INSTITUTION_WORDS
        and any(p.feature_code.startswith("ADM") for p in places)
    )


def _named_after_speech(text: str, tokens: Sequence[_Token], first: int, last: int, is_polity: bool) -> bool:
    """'..., said Noma.' / 'says Noma,': a lone name right after a speech verb and before a stop is the
    speaker (a country there is metonymy the speaker filter handles: 'said Russia would')."""
    return (
        first == last
        and first > 0
        and not is_polity
        and tokens[first - 1].text.lower() in _SPEECH_VERBS
        and _glued(text, tokens[first - 1], tokens[first])
        and text[tokens[last].end : tokens[last].end + 1] in (".", ",", ";", "")
    )


def _dateline(text: str, tokens: Sequence[_Token], first: int, last: int) -> bool:
    """'NEWARK --', 'SAN ANTONIO', 'CROMWELL —' opening a story: a name in capitals at the start of a
    sentence (not running on into lower-case words: 'NICE to tidy neighborhoods') or before a dash (with a
    dash it needs no other place context)."""
    surface = text[tokens[first].start : tokens[last].end]
    if not (surface.isupper() and len(surface) > 3):
        return False
    if _DATELINE_DASH.match(text, tokens[last].end):
        return True
    return _starts_sentence(text, tokens[first].start) and not _RUNS_ON.match(text, tokens[last].end)


def _region_after_town(text: str, tokens: Sequence[_Token], first: int, last: int, is_polity: bool) -> bool:
    """'Bolingbrook, Ill.' or 'Kane County, Ill.': a dotted region abbreviation after a capitalised name
    (not a month or other common word) and a comma, even when the abbreviation is also a word."""
    return (
        first == last
        and first > 0
        and is_polity
        and text[tokens[first].end : tokens[first].end + 1] == "."
        and tokens[first - 1].capitalised
        and (
            tokens[first - 1].text.lower() not in _COMMON_WORDS
            or tokens[first - 1].text.lower() in REGION_WORDS  # 'Kane County, Ill.'
        )
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
    """A name with a sizeable bearer, a country, a first-level region or a wider area needs no context to
    count as a place; a small town or lower division ('Jesus', Paraguay; 'Time', Norway) does."""
    return any(
        p.population >= _WELL_KNOWN_POPULATION
        or (
            not p.feature_code.startswith(_LOCAL_CODES)
            and (p.population > 0 or not p.feature_code.startswith("ADM"))
        )
        for p in places
    )


def _region_follows(text: str, tokens: Sequence[_Token], last: int, gazetteer: Gazetteer) -> bool:
    """True when the words right after token ``last`` name a first-level region or a country."""
    if last + 1 >= len(tokens) or not _glued(text, tokens[last], tokens[last + 1]):
        return False
    match = _longest_match(text, tokens, last + 1, gazetteer)
    return match is not None and any(
        p.feature_code.startswith(("PCL", "ADM1")) and p.population >= _WELL_KNOWN_POLITY
        for p in _readings(gazetteer, match[1])
    )


def _locative_context(text: str, tokens: Sequence[_Token], first: int, last: int) -> bool:
    """'in X', 'downtown X', 'shelled X', 'X, Texas', 'a X man', 'X police', 'the X Senior Center' (a local
    body named after the place), a legislator's 'D-X': the sentence treats the word as a place."""
    if first > 0 and (
        tokens[first - 1].text.lower() in _LOCATIVE_WORDS
        or tokens[first - 1].text.lower() in _PLACE_PREFIXES
        or (
            tokens[first - 1].text in _PARTY_LETTERS
            and text[tokens[first - 1].end : tokens[first].start] == "-"
        )
    ):
        return True
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if following is None:
        return False
    gap = text[tokens[last].end : following.start]
    return (
        (following.capitalised and gap == ", ")
        or (gap == " " and following.text in _LOCAL_FOLLOWERS)
        or (
            gap == " "
            and _names_local_body(tokens, last + 1)
            and not _inside_longer_name(text, tokens, first)
            and not is_ordinary_phrase(_fold_cached(text[tokens[first].start : tokens[last].end]))
        )
    )


def _inside_longer_name(text: str, tokens: Sequence[_Token], first: int) -> bool:
    """True when a capitalised word other than an article runs into the name at ``first`` ('Flint Hills
    Christian School'; not 'The Millbrook School Board')."""
    previous = tokens[first - 1] if first > 0 else None
    return (
        previous is not None
        and previous.capitalised
        and previous.text.lower() not in _ARTICLES
        and _glued(text, previous, tokens[first])
    )


def _names_local_body(tokens: Sequence[_Token], index: int) -> bool:
    """True when the capitalised words from ``index`` name a town's public body or office ('Police',
    'Mayor', 'Senior Center', 'School Board', 'Board of Finance', 'Volunteer Fire Department'; not 'Webb
    Center', 'Mercer Group')."""
    if tokens[index].capitalised and tokens[index].text.lower() in _LOCAL_OFFICES:
        return True
    local = False
    for token in tokens[index : index + _ORGANISATION_SPAN]:
        if not token.capitalised:
            return False
        word = token.text.lower()
        local = local or word in _LOCAL_BODY_WORDS
        if word in _ORGANISATION_HEADS:
            return local
    return False


def _follower_use(text: str, tokens: Sequence[_Token], first: int, last: int, strong_place: bool) -> _Use:
    """What follows the match may make it a feature, a speaker (a speech verb after 'in X' has another
    subject: 'residents in X reported') or a modifier of a capitalised name."""
    following = tokens[last + 1]
    gap = text[tokens[last].end : following.start]
    next_word = following.text.lower()
    if gap == "-" and next_word in _POLITICAL_COMPOUNDS:
        return _Use.NOT_PLACE
    if not strong_place and (
        (gap == " " and next_word in _PERSON_FOLLOWERS) or (gap == "-" and next_word == "era")
    ):
        return _Use.NOT_PLACE  # 'the Obama administration', 'George Bush Jr', 'Obama-era rules'
    if gap == " " and (
        (
            next_word in _FEATURE_NOUNS
            and not _names_organisation(text, tokens, last + 1)
            and not (strong_place and next_word == "border")  # 'the Mexico border' is Mexico's
        )
        or (following.capitalised and next_word in _NEWSPAPER_WORDS)
    ):
        return _Use.NOT_PLACE  # 'the Mosul dam', 'Dublin Post'; not 'the Florida Highway Patrol'
    if (
        gap == " "
        and following.capitalised
        and not strong_place
        and not following.text.isupper()  # an acronym: 'Laurel County PRIDE', 'Gainesville VFW'
        and next_word not in REGION_WORDS
        and next_word not in _COMMON_WORDS
        and next_word not in _INSTITUTION_WORDS
        and next_word.rstrip(".") not in _TITLES
        and not _heads_organisation(text, tokens, last + 1)
    ):
        return _Use.MODIFIER
    if gap.strip() == "" and not _governed(tokens, first) and _speaks(tokens, last + 1):
        return _Use.NOT_PLACE
    if gap in ("'", "’") and next_word == "s" and last + 2 < len(tokens):
        return _Use.NOT_PLACE if tokens[last + 2].text.lower() in _ACTOR_NOUNS else _Use.PLACE
    return _Use.PLACE


def _governed(tokens: Sequence[_Token], first: int) -> bool:
    """True when a preposition governs the name at ``first``, over 'the' and direction words ('in X',
    'in central X', 'in the northern X'): the subject of a verb after it is someone else."""
    index = first - 1
    while index >= 0 and (tokens[index].text.lower() in _DIRECTIONS or tokens[index].text.lower() == "the"):
        index -= 1
    return index >= 0 and tokens[index].text.lower() in _PREPOSITIONS


def _names_organisation(text: str, tokens: Sequence[_Token], index: int) -> bool:
    """True when the capitalised word at ``index`` goes on into another: 'Highway Patrol' (a body, not a
    feature), 'KENT MALLETT' (a byline's name)."""
    return (
        tokens[index].capitalised
        and index + 1 < len(tokens)
        and tokens[index + 1].capitalised
        and _glued(text, tokens[index], tokens[index + 1])
    )


def _heads_organisation(text: str, tokens: Sequence[_Token], index: int) -> bool:
    """True when the capitalised words from ``index`` end, within a few words, in a word for a local body
    ('Riding Club', 'Senior Citizens Center', 'Circuit Court'): the place names where the body is."""
    for token in tokens[index : index + _ORGANISATION_SPAN]:
        if not token.capitalised:
            return False
        if token.text.lower() in _ORGANISATION_HEADS:
            return True
    return False


def _titled(text: str, title: _Token, name: _Token) -> bool:
    """'Mr. Sanford', 'Gen Evans', 'Miss Butler': a title word right before a name; after a dot only an
    abbreviated title ('Col. Evans'; not '... Ministry of Justice. Azerbaijan has')."""
    word = title.text.lower()
    if word not in _TITLES:
        return False
    gap = text[title.end : name.start]
    return gap == " " or (gap == ". " and (len(word) <= 3 or word not in ordinary_words()))


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
    word = match.group(1).lower()
    if match.start(1) - span.end > 1 and word in ("county", "parish"):
        return key  # 'Paris and Henry County': one county named after a list is not the list's
    division = "parish" if word.startswith("parish") else "county"
    listed = f"{key} {division}"
    return listed if gazetteer.has_key(listed) else key


def _candidate_for_span(text: str, span: Span, gazetteer: Gazetteer) -> _Candidate:
    """A given span's candidates: its whole name (the county of 'Barrow' in 'Barrow and Jackson
    counties'), a demonym's country, the place an acronym spells out in the text ('SA'), or else the
    name inside it (``_head_key``; partial unless it is all of the span after 'the city of'-style
    words) or the place of its leading nationality ('European Central Bank')."""
    surface = span.text_of(text)
    key = _listed_division_key(text, span, _fold_cached(re.sub(r"['’]s$", "", surface.strip())), gazetteer)
    nation = gazetteer.demonym(key)
    places = [nation] if nation is not None else _readings(gazetteer, key)
    acronym = 2 <= len(surface) <= 4 and surface.isalpha() and surface.isupper()
    if acronym and len(surface) < 4:
        # 'OAS' is no town called Oas; 'UK' and 'NSW' abbreviate their places; 'HUME' is a dateline
        places = [p for p in places if not _same_name(_fold_cached(p.name), key)]
    if places:
        return _Candidate(span, key, tuple(places), strip_region_word(key) is not None)
    adjectival = _adjectival_place(key, gazetteer)
    if adjectival:
        return _Candidate(span, key, adjectival, False)
    if acronym:
        spelled_out = _spelled_out_acronym(text, span, gazetteer)
        if spelled_out is not None:  # 'SA' in a story about South Africans
            return spelled_out
    core = _name_core(surface)
    key = _head_key(core, gazetteer)
    places = _readings(gazetteer, key) if key else ()
    people = None if places else _leading_demonym(surface, gazetteer)
    if people is not None:  # 'Russian Higher School of Economics', 'European Central Bank'
        return _Candidate(span, key, (people,), False, partial=True)
    whole = key == _fold_cached(" ".join(core))  # 'the Republic of Armenia', 'northern Syria'
    return _Candidate(span, key, tuple(places), strip_region_word(key) is not None, partial=not whole)


def _leading_demonym(surface: str, gazetteer: Gazetteer) -> Place | None:
    """The country, region or continent of the adjective a name starts with, if it does."""
    first = _TOKEN.search(surface)
    return gazetteer.demonym(_fold_cached(first.group())) if first is not None else None


# 'Omani' -> Oman, 'Sicilian' -> Sicily, 'Texans' -> Texas, 'Kurdish' -> Kurdistan, 'Serb' -> Serbia,
# 'Londoner' -> London: (suffix of the adjective or inhabitant noun, endings of the place name to try)
_ADJECTIVE_ENDINGS = (
    ("ians", ("ia", "y", "")),
    ("ian", ("ia", "y", "")),
    ("eans", ("e", "")),
    ("ean", ("e", "")),
    ("ans", ("a", "as", "o", "")),
    ("an", ("a", "as", "o", "")),
    ("ese", ("", "a", "e")),
    ("ish", ("istan", "ey", "and", "land", "ia")),
    ("ers", ("",)),
    ("er", ("",)),
    ("is", ("",)),
    ("i", ("",)),
    ("", ("ia", "istan")),
)
_ADJECTIVE_PLACE_CODES = ("PCL", "ADM1", "ADMD", "RGN", "CONT", "TERR")


def _adjectival_place(key: str, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The country or region an adjective or inhabitant noun given as a place names ('Omani anthem',
    'South East Asian city-state', 'Kurdish enclave'); a town only for '-er' nouns ('New Londoners')."""
    if len(key) < 4:
        return ()
    for suffix, endings in _ADJECTIVE_ENDINGS:
        if not key.endswith(suffix) or len(key) - len(suffix) < 3:
            continue
        stem = key[: len(key) - len(suffix)]
        wanted = _ADJECTIVE_PLACE_CODES + (("PPL",) if suffix.startswith("er") else ())
        for ending in endings:
            places = tuple(
                p for p in _readings(gazetteer, stem + ending) if p.feature_code.startswith(wanted)
            )
            if places:
                return places
    return ()


def _name_core(surface: str) -> list[str]:
    """The words of a span without leading 'the city of'-style words and direction adjectives."""
    core = surface[_SPAN_PREFIX.match(surface).end() :]  # type: ignore[union-attr]
    tokens = [m.group() for m in _TOKEN.finditer(core)]
    while tokens and tokens[0].lower() in _DIRECTIONS:
        tokens = tokens[1:]
    return tokens


def _head_key(tokens: Sequence[str], gazetteer: Gazetteer) -> str:
    """The gazetteer name inside a span's core words (``_name_core``: 'the city of Homs', 'northern
    Syria', "Sudan's capital", 'Donetsk People's Republic'): the longest indexed run of two or more
    capitalised tokens, else one word: a country or continent anywhere ('Bank of Japan', 'US Federal
    Reserve', 'Air Canada Cargo'), else a town's own name after 'of', leading or closing the span
    ('University of Alberta', 'Manila Cathedral', 'British Embassy Tokyo'; not 'Trump Tower' or 'the
    Bank'); '' if none."""
    for size in range(len(tokens), 1, -1):
        for first in range(len(tokens) - size + 1):
            run = tokens[first : first + size]
            if run[0][0].isupper() and run[-1][0].isupper():
                key = _fold_cached(" ".join(run))
                if gazetteer.has_key(key):
                    return key
    ranked = []
    for index, word in enumerate(tokens):
        key = _fold_cached(word)
        if not word[0].isupper() or not gazetteer.has_key(key):
            continue
        after_of = index > 0 and tokens[index - 1].lower() == "of"
        if _names_country_or_continent(key, gazetteer):
            ranked.append((2, after_of, index, key))
        elif key not in _ORGANISATION_HEADS and _plausible_head_word(
            key, after_of or index in (0, len(tokens) - 1), gazetteer
        ):
            ranked.append((1, after_of, index, key))
    return max(ranked)[-1] if ranked else ""


def _names_country_or_continent(key: str, gazetteer: Gazetteer) -> bool:
    return any(place.feature_code.startswith(("PCL", "CONT")) for place in _readings(gazetteer, key))


def _plausible_head_word(key: str, placed: bool, gazetteer: Gazetteer) -> bool:
    """A one-word head ``placed`` where a name's place goes (see ``_head_key``) that is some place's own
    name, not a common word, an abbreviation or a nationality."""
    return (
        placed
        and key not in _COMMON_WORDS
        and len(key) > 3
        and gazetteer.demonym(key) is None
        and any(_fold_cached(place.name) == key for place in _readings(gazetteer, key))
    )


# -- resolution ---------------------------------------------------------------------------------------


def _prior(place: Place, candidate: _Candidate) -> float:
    """Population and feature-class prior, a bonus for the place's own name (in any transliteration:
    the city 'Mykolayiv' bears the name 'Mykolaiv' as much as its oblast does), and a penalty for a bare
    division name shared with a sizeable town inside it or with its country's capital ('Kherson' means
    the city, 'Washington' the capital; 'Wyoming' the state, not a town in Michigan)."""
    score = math.log10(place.population + 10) + _CODE_BONUS.get(place.feature_code, 0.0)
    if _same_name(_fold_cached(place.name), candidate.key):
        score += _OWN_NAME_BONUS
    if (
        place.feature_code.startswith("ADM")
        and not candidate.region_suffixed
        and any(
            not other.is_region
            and other.country == place.country
            and (other.admin1 == place.admin1 or other.feature_code == "PPLC")
            and other.population * _NAMESAKE_SHARE >= place.population
            for other in candidate.places
        )
    ):
        score -= _BARE_REGION_PENALTY
    return score


_TRANSLITERATED_LETTERS = re.compile(r"[aeiouyjh'’]")


def _same_name(name: str, key: str) -> bool:
    """True when a place's folded name is ``key`` or a transliteration of it: word by word the same first
    and last letters and the same letters once the vowels, semivowels and 'h' transliterations disagree
    on are dropped ('mykolayiv' and 'mykolaiv'; not 'rocky hill' and 'rock hill')."""
    if name == key:
        return True
    name_words, key_words = name.split(), key.split()
    return len(name_words) == len(key_words) and all(
        a[0] == b[0] and a[-1] == b[-1] and _spelling_skeleton(a) == _spelling_skeleton(b)
        for a, b in zip(name_words, key_words, strict=True)
    )


@lru_cache(maxsize=50_000)
def _spelling_skeleton(word: str) -> str:
    """A folded word without the letters transliterations disagree on, doubled letters single."""
    return re.sub(r"(.)\1+", r"\1", _TRANSLITERATED_LETTERS.sub("", word))


def _resolve(
    text: str, candidates: Sequence[_Candidate], gazetteer: Gazetteer, area: tuple[Place, ...] = ()
) -> list[PlaceMention]:
    """Pick each mention's place: priors (with the conflict ``area``), then rounds of document context.
    Names are revisited one at a time, the most confident first, each against the others' latest picks,
    so two ambiguous names cannot keep swapping readings (Walker County and Huntsville both in Texas, or
    both in Alabama)."""
    priors = _priors(candidates, _SharedReadings.of(candidates), _AreaPrior(area, gazetteer))
    picks = _best(candidates, priors)
    containers = _containers(text, candidates)
    partners = _list_partners(text, candidates)
    scores = list(priors)
    by_key: dict[str, list[int]] = {}
    for i, candidate in enumerate(candidates):
        if candidate.places:
            by_key.setdefault(candidate.key, []).append(i)
    order = sorted(by_key.values(), key=lambda group: -_softmax_top(priors[group[0]]))
    evidence = _Evidence.of(candidates, picks)
    scored_with: dict[int, _Evidence] = {}  # a group scored against unchanged evidence scores the same
    for _ in range(_CONTEXT_ROUNDS):
        for group in order:
            if scored_with.get(group[0]) is evidence:
                continue
            scored_with[group[0]] = evidence
            changed = False
            for i in group:
                scores[i] = [
                    prior
                    + _context_bonus(
                        place, i, candidates[i].key, picks, evidence, containers, gazetteer, partners
                    )
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
    strays = {i for i, (c, p) in enumerate(zip(candidates, picks, strict=True)) if _stray(p, c, whole_names)}
    anchors = [
        (c.span, p)
        for i, (c, p) in enumerate(zip(candidates, picks, strict=True))
        if p is not None and not c.partial and i not in strays
    ]

    located_in = {
        i: picks[i + 1]
        for i in range(len(candidates) - 1)
        if text[candidates[i].span.end : candidates[i + 1].span.start] in _LOCATED_IN and i + 1 not in strays
    }

    def container_of(index: int) -> Place | None:
        container = containers.get(index)
        return picks[container] if container is not None and container not in strays else None

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
            resolved = _fallback_place(candidate.span, container_of(index), anchors, gazetteer)
            confidence = _FALLBACK_SCORE if resolved is not None else 0.0
        elif candidate.partial and _elsewhere(located_in.get(index), place, gazetteer):
            resolved, confidence = located_in[index], _FALLBACK_SCORE  # 'the Embassy of Armenia in Rome'
        elif index in strays or (candidate.partial and not _supported(place, candidate.key, whole_names)):
            fallback = _fallback_place(candidate.span, container_of(index), anchors, gazetteer)
            if fallback is not None:
                resolved, confidence = fallback, _FALLBACK_SCORE
        elif _foreign_generic_region(resolved, candidate.key, whole_names):
            resolved, confidence = None, 0.0
        mentions.append(PlaceMention(candidate.span, surface, resolved, round(confidence, 3)))
    return mentions


def _priors(candidates: Sequence[_Candidate], shared: _SharedReadings, area: _AreaPrior) -> list[list[float]]:
    """Each mention's readings' priors plus the support of the document's other ambiguous names and of
    the conflict area, worked out once per distinct name: names recur in a document."""
    by_name: dict[tuple[str, int, bool], list[float]] = {}
    priors = []
    for c in candidates:
        name = (c.key, id(c.places), c.region_suffixed)
        if name not in by_name:
            by_name[name] = [
                _prior(place, c) + shared.support(c.key, place) + area.support(c.places, place)
                for place in c.places
            ]
        priors.append(by_name[name])
    return priors


@dataclass(frozen=True, slots=True)
class _AreaPrior:
    """The conflict area a caller passed: _AREA_FOCUS for a reading of an ambiguous name inside it."""

    area: tuple[Place, ...]
    gazetteer: Gazetteer

    def support(self, readings: Sequence[Place], place: Place) -> float:
        if not self.area or len(readings) < 2 or not self.inside(place):
            return 0.0
        return _AREA_FOCUS

    def inside(self, place: Place) -> bool:
        return any(
            region.geonames_id == place.geonames_id or self.gazetteer.contains(region, place)
            for region in self.area
        )


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
        for candidate in {c.key: c for c in candidates if not c.partial}.values():
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
        others = len(self.regional_names) - (key in self.regional_names)
        if label is None or others == 0:
            return 0.0
        there = self.names_by_region.get(label, frozenset())
        return (len(there) - (key in there)) / others

    def _close_share(self, key: str, place: Place) -> float:
        others = len(self.local_names) - 1
        if others == 0 or key not in self.local_names:
            return 0.0
        row, column = _cell(place)
        close = {
            other
            for d_row in (-1, 0, 1)
            for d_column in (-1, 0, 1)
            for other, lat, lon in self.names_by_cell.get((row + d_row, column + d_column), ())
            if other != key
            and abs(lat - place.lat) < _CLOSE_DEGREES
            and haversine_km(place.lat, place.lon, lat, lon) <= _CLOSE_KM
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
    town near one of them, or a region in a country they lie in; a country, continent or capital stands
    on its own ('Bank of Japan', 'British Embassy Tokyo')."""
    if place is None:
        return False
    if place.feature_code.startswith(("PCL", "CONT", "PPLC")):
        return True
    if place.is_region:
        return evidence.share(key, f"country:{place.country}") > 0
    return evidence.has_neighbour(key, place)


def _stray(place: Place | None, candidate: _Candidate, evidence: _Evidence) -> bool:
    """A town far from every other place a document names (none in its neighbourhood, within
    _NEAR_COUNTRY_KM, nor a named country there) that is a local feature with a distant namesake and
    takes the document's own place instead: a town in a country none of them lies in while they agree
    on one ('Delft' in a Cape Town story, 'Heathrow' in a London one), or a village of an ambiguous name
    in a first-level region none of them lies in while they lean on one ('Bourbon' of Missouri in a New
    Orleans story; not Merowe, the only one, in a story from Khartoum); not a town across the border
    from them ('Shushi' in a story that names Yerevan)."""
    key = candidate.key
    return (
        place is not None
        and not place.is_region
        and place.population < _STRAY_POPULATION
        and evidence.other_votes(key) >= _FOCUS_VOTES
        and (
            (
                evidence.share(key, f"country:{place.country}") == 0
                and evidence.top_country_share(key) >= _FOCUS_SHARE
            )
            or (
                place.population < _VILLAGE_POPULATION
                and len(candidate.places) > 1
                and evidence.share(key, _admin1_label(place)) == 0
                and evidence.regional_focus(key) is not None
            )
        )
        and not evidence.has_neighbour(key, place, _NEAR_COUNTRY_KM)
        and not evidence.near_named_country(key, place)
    )


def _elsewhere(container: Place | None, place: Place | None, gazetteer: Gazetteer) -> bool:
    """True when a name is said to be in ``container`` ('in Rome', 'at Windsor Castle') and the place
    inside the name ('Armenia' of 'the Embassy of Armenia') is not in it."""
    return (
        container is not None
        and place is not None
        and container != place
        and not gazetteer.contains(container, place)
    )


def _foreign_generic_region(place: Place | None, key: str, evidence: _Evidence) -> bool:
    """A region whose name is only directions and words like 'coast' ('West Coast', 'Central',
    'North West') in a country none of the document's other places lies in, while they lie somewhere:
    a description of part of their country ('the West Coast' of a story about California), not New
    Zealand's region; better unresolved than placed on the wrong continent."""
    return (
        place is not None
        and place.is_region
        and bool(place.country)
        and all(word in _GENERIC_PLACE_WORDS for word in key.split())
        and evidence.other_votes(key) > 0
        and evidence.share(key, f"country:{place.country}") == 0
    )


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
    span: Span, container: Place | None, anchors: Sequence[tuple[Span, Place]], gazetteer: Gazetteer
) -> Place | None:
    """The enclosing place of a name the gazetteer lacks (a street, building, river): the place named as
    its container ('Le Bernardin in New York'), or where that is a region, the document's locus in it
    ('CAMP MURRAY, Wash.' in a story that names Seattle); else the document's locus among its
    ``anchors``: of the places ``_document_loci`` finds, the one named nearest the name."""
    if container is not None:
        anchors = [(other, place) for other, place in anchors if gazetteer.contains(container, place)]
        if not any(not place.is_region for _, place in anchors):
            return container
    loci = _document_loci(tuple(place for _, place in anchors), gazetteer) if anchors else ()
    if len(loci) < 2:
        return loci[0] if loci else None
    return min(
        ((abs(other.start - span.start), place) for other, place in anchors if place in loci),
        key=lambda pair: pair[0],
    )[1]


@lru_cache(maxsize=64)
def _document_loci(places: tuple[Place, ...], gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Where a document is, from the places it names (one entry per mention): the towns the most mentions
    bear out (itself, a town within _NEAR_KM of it, a region containing it: Gainesville, named with
    Centreville, Manassas and Virginia, not Charleston named once), then the most named; with no town,
    the most named region, the narrowest on a tie."""
    towns = {place for place in places if not place.is_region}
    if not towns:
        counts = Counter(places)
        return (max(counts, key=lambda place: (counts[place], -_breadth(place))),)

    def backing(town: Place) -> int:
        return sum(
            other == town
            or (other.is_region and gazetteer.contains(other, town))
            or (not other.is_region and haversine_km(*_point(town), *_point(other)) <= _NEAR_KM)
            for other in places
        )

    ranks = {town: (backing(town), places.count(town)) for town in towns}
    most = max(ranks.values())
    return tuple(town for town, rank in ranks.items() if rank == most)


def _breadth(place: Place) -> int:
    """0 for a town, 1 for a division, 2 for a country or wider area."""
    if place.feature_code.startswith(_WIDE_AREAS):
        return 2
    return 1 if place.is_region else 0


def _best(candidates: Sequence[_Candidate], scores: Sequence[Sequence[float]]) -> list[Place | None]:
    return [c.places[_argmax(s)] if s else None for c, s in zip(candidates, scores, strict=True)]


def _argmax(values: Sequence[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def _softmax_top(values: Sequence[float]) -> float:
    top = max(values)
    return 1.0 / sum(math.exp(v - top) for v in values)


_NO_VOTES: Counter[str] = Counter()


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Votes of the current picks for countries and admin1 regions, kept per mention key so that a
    name never votes for itself; the towns picked, for proximity, but capitals, named as seats of
    government more often than as neighbours ('Cambridge' is not Maryland's for a story that quotes
    Washington); and the areas picked that are no admin1 ('Nagorno-Karabakh', 'Donbas', 'Darfur'),
    for the document's region focus."""

    votes: Counter[str]
    votes_by_key: dict[str, Counter[str]]
    anchors: dict[tuple[str, int], tuple[float, float]]
    divisions: dict[int, tuple[str, Place]]
    countries: dict[tuple[str, str], tuple[float, float]]
    supports: dict[tuple[str, int], float]  # memo of ``support``: a name's readings recur in every round

    @classmethod
    def of(cls, candidates: Sequence[_Candidate], picks: Sequence[Place | None]) -> _Evidence:
        evidence = cls(Counter(), {}, {}, {}, {}, {})
        for candidate, place in zip(candidates, picks, strict=True):
            if place is None:
                continue
            if not place.is_region and place.feature_code != "PPLC":
                evidence.anchors[(candidate.key, place.geonames_id)] = (place.lat, place.lon)
            elif place.feature_code == "ADMD":
                evidence.divisions[place.geonames_id] = (candidate.key, place)
            elif place.feature_code.startswith("PCL"):
                evidence.countries[(candidate.key, place.country)] = (place.lat, place.lon)
            weight = 2 if place.feature_code.startswith("PCL") else 1
            own = evidence.votes_by_key.setdefault(candidate.key, Counter())
            admin1 = _admin1_label(place)
            local = None if admin1 is None or place.feature_code == "PPLC" else f"local:{admin1}"
            for label in ("", f"country:{place.country}", admin1, local):
                if label is not None:
                    evidence.votes[label] += weight
                    own[label] += weight
        return evidence

    def support(self, key: str, place: Place, gazetteer: Gazetteer) -> float:
        """What the other names' picks say of reading ``place`` of ``key``: country/admin1 focus (a place
        in no country, such as an ocean, counts as in the focus country), nearby places, an area outside
        the admin1 grid named elsewhere that contains it."""
        memo_key = (key, place.geonames_id)
        bonus = self.supports.get(memo_key)
        if bonus is None:
            bonus = self.supports[memo_key] = self._support(key, place, gazetteer)
        return bonus

    def _support(self, key: str, place: Place, gazetteer: Gazetteer) -> float:
        bonus = _COUNTRY_FOCUS * (
            self.share(key, f"country:{place.country}") if place.country else self.top_country_share(key)
        )
        bonus += _ADMIN1_FOCUS * self.share(key, _admin1_label(place))
        if not place.feature_code.startswith(("PCL", "CONT")) and (
            self.has_neighbour(key, place) or (self.countries and self.near_named_country(key, place))
        ):
            bonus += _NEAR_BONUS
        if self.divisions and self.in_named_division(key, place, gazetteer):
            bonus += _DIVISION_FOCUS
        return bonus

    def share(self, key: str, label: str | None) -> float:
        """Share of the other names' votes that go to ``label`` (a country or admin1 label)."""
        own = self.votes_by_key.get(key, _NO_VOTES)
        others = self.votes[""] - own[""]
        if label is None or others <= 0:
            return 0.0
        return (self.votes[label] - own[label]) / others

    def regional_focus(self, key: str) -> str | None:
        """The admin1 label the other names' picks lean on (a fifth of their votes, two at least),
        capitals left out: a dateline from the capital is no story about the capital's region."""
        own = self.votes_by_key.get(key, _NO_VOTES)
        local = {
            label.removeprefix("local:"): self.votes[label] - own[label]
            for label in self.votes
            if label.startswith("local:")
        }
        if not local:
            return None
        label, count = max(local.items(), key=lambda item: item[1])
        share = self.share(key, f"local:{label}")
        return label if count >= 2 and share >= _REGION_FOCUS_SHARE else None

    def other_votes(self, key: str) -> int:
        """How many votes the other names' picks cast (a country's count twice)."""
        return self.votes[""] - self.votes_by_key.get(key, _NO_VOTES)[""]

    def top_country_share(self, key: str) -> float:
        """The largest country share: what an ocean or continent, in no country, is credited with."""
        return max(
            (self.share(key, label) for label in self.votes if label.startswith("country:")), default=0.0
        )

    def in_named_division(self, key: str, place: Place, gazetteer: Gazetteer) -> bool:
        """True when another name's pick is an area outside the admin1 grid (whose votes count already)
        that contains ``place``: Martuni in a story about Nagorno-Karabakh is Karabakh's, not Armenia's."""
        return any(
            other_key != key and gazetteer.contains(division, place)
            for other_key, division in self.divisions.values()
        )

    def near_named_country(self, key: str, place: Place) -> bool:
        """True when another name's pick is another country whose point lies within _NEAR_COUNTRY_KM of
        ``place``: 'Gaza' in a story about Israel is the Palestinian one, not Mozambique's province."""
        return any(
            other_key != key
            and country != place.country
            and abs(lat - place.lat) < _NEAR_COUNTRY_DEGREES
            and haversine_km(place.lat, place.lon, lat, lon) < _NEAR_COUNTRY_KM
            for (other_key, country), (lat, lon) in self.countries.items()
        )

    def has_neighbour(self, key: str, place: Place, km: float = _NEAR_KM) -> bool:
        """True when another name's pick lies within ``km`` of ``place``."""
        degrees = km / 111.0
        return any(
            other_key != key
            and abs(lat - place.lat) < degrees
            and haversine_km(place.lat, place.lon, lat, lon) < km
            for (other_key, _), (lat, lon) in self.anchors.items()
        )


def _admin1_label(place: Place) -> str | None:
    return f"admin1:{place.country}.{place.admin1}" if place.admin1 else None


def _list_partners(text: str, candidates: Sequence[_Candidate]) -> dict[int, list[int]]:
    """Mention index -> indexes of the mentions listed with it ('Oregon and Washington', 'Alberta,
    Saskatchewan and Newfoundland')."""
    partners: dict[int, list[int]] = {}
    for i in range(len(candidates) - 1):
        if text[candidates[i].span.end : candidates[i + 1].span.start] in _LIST_GAPS:
            partners.setdefault(i, []).append(i + 1)
            partners.setdefault(i + 1, []).append(i)
    return partners


def _same_kind(place: Place, other: Place | None) -> bool:
    """Two countries, two first-level regions of one country, or two sizeable towns ('Miami, New York
    and Detroit'): what a list of places is made of."""
    if other is None or other.geonames_id == place.geonames_id:
        return False
    if place.feature_code.startswith("PCL"):
        return other.feature_code.startswith("PCL")
    if not place.is_region:
        return not other.is_region and min(place.population, other.population) >= _WELL_KNOWN_POPULATION
    return place.feature_code == "ADM1" == other.feature_code and place.country == other.country


def _containers(text: str, candidates: Sequence[_Candidate]) -> dict[int, int]:
    """Mention index -> index of the mention naming its container ('Hadrut, Nagorno-Karabakh', 'X in Y')."""
    links = {}
    for i in range(len(candidates) - 1):
        gap = text[candidates[i].span.end : candidates[i + 1].span.start]
        if gap in (", ", ",", " in ", " at ", " of ", " (", ", in "):
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
    partners: dict[int, list[int]],
) -> float:
    """Support from the rest of the document: what the other names' picks say of this reading (see
    ``_Evidence.support``), a named container, a place of the same kind listed with it."""
    bonus = evidence.support(key, place, gazetteer)
    container_index = containers.get(index)
    if container_index is not None:
        container = picks[container_index]
        if container is not None and gazetteer.contains(container, place):
            bonus += _CONTAINMENT
    if index in partners and any(_same_kind(place, picks[j]) for j in partners[index]):
        bonus += _LIST_KIND
    return bonus
