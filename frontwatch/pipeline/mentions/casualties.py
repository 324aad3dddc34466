"""Casualty tolls — killed, injured, captured, missing — with their counts, in either word order.

Forms read: subject first ("9 civilians were killed", "three people died", "four injured", "21 dead",
"two children were among the dead", "a medic lost his life"), verb first ("killed 9 civilians", "killing
at least 14", "injuring a child and two women", "claimed the lives of", "claimed four lives"), victims
joined by "and", "as well as", "along with" and possessives ("a man as well as his two sons", "a family
of five"), "left 3 dead", tolls ("the death toll rose to 21", "a toll of 13"), a single or paired named or
indefinite victim ("Anna Petrosyan, 60, was killed", "the soldier succumbed", "he later died", headline
"Man shot, killed in …", "killed himself", "took his own life"), and explicit zeros ("no casualties", "no
one was hurt", "were not injured"). The hurt include those told as shot, taken to hospital, recovering,
"with gunshot wounds" or "fighting for their lives" when no death is told in the sentence.
A bare "casualties" count mixes killed and injured and is skipped.

``civilian`` is set when the victims are civilians by name (civilians, residents, children, women…) or are
"people" in a sentence that speaks of civilian places; soldiers never are. ``cumulative`` is set when the
sentence gives a running total ("since the fighting began", "so far", "this month", "the war has killed").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from frontwatch.model.mention import CasualtyMention, Count
from frontwatch.model.span import Span
from frontwatch.pipeline.mentions.dates import is_history
from frontwatch.pipeline.mentions.numbers import QUANTITY, parse_quantity
from frontwatch.pipeline.normalize.sentences import split_sentences

_CIVILIAN_NOUNS = (
    "civilians?|residents?|children|child|kids?|women|woman|villagers?|passengers?|students?|pupils?"
    "|journalists?|babies|baby|infants?|teenagers?|teens?|boys?|girls?|inhabitants?|pensioners?"
    "|family\\s+members?|relatives?|worshippers?|shoppers?|patients?|medics?|paramedics?|doctors?|nurses?"
    "|aid\\s+workers?|volunteers?|farmers?|workers?|bystanders?|elderly|neighbou?rs?|wife|husband|sons?|daughters?"
    "|mothers?|fathers?|brothers?|sisters?|friends?|girlfriends?|boyfriends?|customers?|clerks?|owners?"
    "|protesters?|demonstrators?|marchers?|mourners?|pedestrians?|commuters?|fishermen|fisherman|herders?"
    "|shepherds?|guests?|teachers?|drivers?|cousins?|nephews?|nieces?|toddlers?|grandmothers?|grandfathers?"
    "|grandsons?|granddaughters?|uncles?|aunts?|partners?|fianc[eé]e?s?|roommates?|colleagues?|step(?:son|daughter"
    "|father|mother)s?"
)
_MILITARY_NOUNS = (
    "soldiers?|servicem[ae]n|troops|fighters?|militants?|combatants?|personnel|conscripts?|officers?"
    "|policem[ae]n|police\\s+officers?|guards?|rebels?|paratroopers?|mercenar(?:y|ies)|separatists?|gunmen"
    "|insurgents?"
)
_OTHER_NOUNS = (
    "people|persons?|individuals|others|victims?|men|man|adults|members|of\\s+them|in\\s+all|suspects?"
    "|gunman|shooter|intruders?|robbers?|juveniles?"
)
_PEOPLE = rf"(?:{_CIVILIAN_NOUNS}|{_MILITARY_NOUNS}|{_OTHER_NOUNS})"
_MODIFIERS = (
    r"(?:(?:(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old|(?!(?:and|or|in|on|at|from|were|was|are|is|by|of|the)\b)"
    rf"(?!{QUANTITY}\b)[A-Za-z][\w'’-]*)\s+){{0,3}}?"
)
_NOUN_PHRASE = (
    rf"(?:(?:an?|the|one)\s+family\s+of\s+)?{QUANTITY}(?!-year-old)(?:\s+(?:the\s+)?{_MODIFIERS}{_PEOPLE}\b)?"
)
_RELATIVE = (
    "wife|husband|son|daughter|mother|father|brother|sister|child|baby|partner|fianc[eé]e?|girlfriend"
    "|boyfriend|friend|neighbou?r|cousin|nephew|niece|uncle|aunt|grandson|granddaughter|grandmother"
    "|grandfather|grandchild|stepson|stepdaughter|stepfather|stepmother|roommate|colleague|driver|bodyguard"
)
_RELATIVE_OF = rf"(?:his|her|their)\s+{_MODIFIERS}(?:{_RELATIVE})\b"
"""One person named by a possessive and a singular noun: "his wife", "her teenage son"."""
_JOINED = (
    rf"\s*(?:,\s*and|,|\band|as\s+well\s+as|along\s+with)\s+(?:{QUANTITY}\s+{_MODIFIERS}{_PEOPLE}\b"
    rf"|(?:his|her|their)\s+{QUANTITY}\s+{_MODIFIERS}{_PEOPLE}\b|{_RELATIVE_OF})"
)
"""One more group of victims joined to the first: "and two women", "as well as his wife"."""
_VICTIM_PHRASE = (
    rf"(?<![\w$£€.,:/#-])(?:{_RELATIVE_OF}|{_NOUN_PHRASE}(?:(?<=mother|father|parent)\s+of\s+{QUANTITY})?)"
    rf"(?:{_JOINED})*"
    r"(?:\s+in\s+(?:his|her|their)\s+(?:early\s+|mid-?|late\s+)?\d0s)?"
)
_VICTIMS = rf"(?P<victims>{_VICTIM_PHRASE})"
_AUXILIARIES = (
    r"(?:(?:were|was|are|is|have|has|had|been|being|remain|remained|remains|still|also|reportedly|later"
    r"|all|both|allegedly|now|believed\s+to\s+have|said\s+to\s+have|left|were\s+left|in\s+total|reported)\s+){0,4}"
)
_APPOSITIVE = r"(?P<appositive>\s*,[^,.;]{1,60},)?"
_BARE_END = (
    r"(?=\s*(?:[,.;:)—–]|$|\s-\s|(?:and|in|on|at|when|as|after|during|including|while|near|across|with"
    r"|from|overnight|since|so|according|before|amid|inside|outside|of|by|across|among|there)\b))"
)

_KILLED_PASSIVE = (
    r"(?:found\s+)?(?:shot(?:\s+and|,)\s+killed|shot\s+dead|shot\s+to\s+death|stabbed\s+to\s+death"
    r"|beaten\s+to\s+death|gunned\s+down|fatally\s+(?:shot|wounded|injured|stabbed|struck)|killed|slain|dead)"
    r"|died|perished|executed|murdered|martyred|lost\s+(?:his|her|their)\s+li(?:fe|ves)"
    r"|(?:pronounced|declared)\s+(?:dead|deceased)|among\s+the\s+(?:dead|killed|fatalities)"
)
_NO_DEATH_AHEAD = r"(?![^.;]*\b(?i:die[sd]|dead|killed|kills|fatal(?:ly)?|death|succumbed)\b)"
_SHOT = (
    r"(?:shot|struck\s+by\s+(?:a\s+)?(?:bullets?|gunfire))"
    r"(?!\s+(?:down|dead|to\s+death|at(?!\s+(?:close|point-blank|least)\b))\b)" + _NO_DEATH_AHEAD
)
"""Hit by gunfire with no death told in the sentence: hurt ("a man was shot in the leg")."""
_TO_HOSPITAL = (
    r"(?:taken|transported|rushed|flown|airlifted)\s+(?:by\s+[\w\s]{1,20}?\s+)?to\s+(?:(?:a|an|the)\s+)?"
    rf"[^.;]{{0,40}}?(?i:hospital){_NO_DEATH_AHEAD}"
)
_INJURED_PASSIVE = (
    rf"(?:critically\s+|seriously\s+|severely\s+|slightly\s+)?(?:injured|wounded)|hurt|hospitali[sz]ed|{_SHOT}"
    rf"|recovering{_NO_DEATH_AHEAD}|fighting\s+for\s+(?:his|her|their)\s+li(?:fe|ves)|{_TO_HOSPITAL}"
    r"|among\s+the\s+(?:injured|wounded)"
    r"|(?:suffered|sustained)\s+(?:[\w-]+\s+)?(?:injuries|wounds)"
    r"|treated\s+for\s+(?:\w+\s+)?(?:injuries|wounds)"
)
_CAPTURED_PASSIVE = r"captured|taken\s+(?:prisoner|captive|hostage)|abducted|kidnapped"
_MISSING_PASSIVE = r"missing|unaccounted\s+for"
_KILLED_ACTIVE = (
    r"killed|killing|kills|kill|fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding)|shot\s+dead"
    r"|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|took\s+the\s+lives\s+of"
    r"|executed|executing|massacred|massacring|murdered|murdering"
)
_INJURED_ACTIVE = r"injured|injuring|injures|wounded|wounding|wounds|hurt|hurting|maimed|maiming"
_CAPTURED_ACTIVE = r"captured|capturing|abducted|abducting|kidnapped|kidnapping"
_KINDS = ("killed", "injured", "captured", "missing")
_KIND_OF_GROUP = {kind: kind for kind in _KINDS} | {
    "died": "killed",
    "killed2": "killed",
    "killed3": "killed",
    "killed4": "killed",
    "killed5": "killed",
    "killed6": "killed",
    "killed7": "killed",
    "killed8": "killed",
    "killed9": "killed",
    "killed10": "killed",
    "injured2": "injured",
    "injured3": "injured",
    "injured4": "injured",
}

_SUBJECT_FIRST = re.compile(
    rf"{_VICTIMS}{_APPOSITIVE}\s+(?P<auxiliaries>{_AUXILIARIES})"
    rf"(?:(?P<killed>{_KILLED_PASSIVE})|(?P<injured>{_INJURED_PASSIVE})|(?P<captured>{_CAPTURED_PASSIVE})"
    rf"|(?P<missing>{_MISSING_PASSIVE}))\b",
    re.IGNORECASE,
)
_VERB_FIRST = re.compile(
    rf"\b(?:(?P<killed>{_KILLED_ACTIVE})|(?P<injured>{_INJURED_ACTIVE})|(?P<captured>{_CAPTURED_ACTIVE}))"
    rf"\s+(?:(?:his|her|their)\s+)?{_VICTIMS}",
    re.IGNORECASE,
)
_TOLL = re.compile(
    r"\b(?P<killed>death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|people\s+killed))"
    r"(?:\s+[\w'’-]+){0,16}?\s+(?:to|at|of|is|was|reached|hit|stands\s+at|stood\s+at)\s+"
    rf"{_VICTIMS}",
    re.IGNORECASE,
)
_NOUN_TOLL = re.compile(
    rf"{_VICTIMS}\s+(?:(?P<killed>deaths|fatalities)|(?P<injured>injuries))\b", re.IGNORECASE
)
_LIVES = re.compile(
    rf"\b(?:claimed|claiming|claims|cost|costing|took|taking)\s+(?:the\s+)?{_VICTIMS}\s+(?P<killed>lives)\b",
    re.IGNORECASE,
)
_WITH_INJURIES = re.compile(
    rf"{_VICTIMS}\s+with\s+(?:(?:[\w-]+\s+){{0,3}}?)(?P<injured>injuries|wounds)\b{_NO_DEATH_AHEAD}",
    re.IGNORECASE,
)
_SINGLE_VICTIM = re.compile(
    r"(?P<victims>\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]+){0,2}"
    r"(?:\s+(?:Jr|Sr)\.?)?"
    r"|\b(?:He|She|he|she)|\b(?:[Tt]he|[Aa]n?)\s+(?:\d+-year-old\s+)?(?:[a-z][\w'’-]*\s+){0,2}?"
    rf"(?:victim|man|woman|boy|girl|teenager|teen|child|driver|passenger|suspect|gunman|shooter|{_CIVILIAN_NOUNS}"
    rf"|{_MILITARY_NOUNS})\b|\b(?:[Tt]he|[Aa]n?)\s+\d+-year-old)"
    rf"{_APPOSITIVE}(?:,?\s+who)?\s+(?:(?:was|has\s+been|had\s+been)\s+"
    r"(?:(?:later|also|critically|seriously|accidentally|subsequently|then|reportedly)\s+)?"
    rf"(?:(?P<killed>{_KILLED_PASSIVE})|(?P<injured>{_INJURED_PASSIVE}))"
    r"|(?:later\s+|has\s+|have\s+|had\s+)?(?P<died>died|succumbed))\b",
)
_HEADLINE_VICTIM = re.compile(
    r"(?P<victims>\b(?:Man|Woman|Teen|Teenager|Boy|Girl|Child|Toddler|Driver|Officer|Deputy|Student|Juvenile))"
    rf"\s+(?:(?P<killed>{_KILLED_PASSIVE}|dies)|(?P<injured>{_INJURED_PASSIVE})"
    r"|(?:,\s*\d+,\s+)?(?:\w+\s+)?(?:[Ff]ound\s+)?[Ss]hot(?:\s+[\w'’-]+){1,7}?\s+(?P<died>[Dd]ies))\b"
)
_REFLEXIVE = re.compile(
    r"\b(?P<killed>killing|kills|(?:shot\s+and\s+)?killed|fatally\s+sho(?:t|oting))\s+"
    r"(?P<victims>himself|herself)\b"
    r"|\b(?P<killed2>took|taking|takes)\s+(?P<victims2>his|her)\s+own\s+life\b"
)
_NAME = (
    r"(?![A-Z][a-z]+(?:ians?|ese|is|ish|ans)\b)(?!(?:The|A|An|He|She|It|They|Police|Officers?|Deputies|Authorities|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
    r"[A-Z][a-z'’-]*[A-Z]?[a-z'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]*[A-Z]?[a-z'’-]+){0,2}(?:,\s*\d{1,3},)?"
)
_ROLE = (
    rf"(?:(?i:an?|the|his|her|their)\s+(?:\d+-year-old\s+|(?!{QUANTITY}\b)[a-z][\w'’-]*\s+){{0,3}}?"
    rf"(?i:{_CIVILIAN_NOUNS}|{_MILITARY_NOUNS}|{_OTHER_NOUNS}|driver|teen|teenager|boy|girl|victim|person|child|toddler|student|male|female)\b"
    r"|(?i:an?|the)\s+\d+-year-old\b)"
)
_LEFT = re.compile(
    rf"\bleft\s+(?:{_VICTIMS}|(?P<victims_role>{_ROLE}))\s+(?:(?P<killed>dead)|(?P<injured>(?:critically\s+|seriously\s+)?(?:injured|wounded)"
    r"|in\s+(?:critical|serious|stable)\s+condition)|(?P<missing>missing))\b",
    re.IGNORECASE,
)
_PERSON = rf"\b(?:{_ROLE}(?:,?\s+{_NAME})?|(?:\d+-year-old\s+)?{_NAME})"
_PERSONS = rf"(?P<victims>{_PERSON}(?:,?\s+and\s+(?:{_NAME}'s\s+)?{_PERSON})?)"
_PERSON_OBJECT = re.compile(
    r"(?P<killed>\b(?i:shot\s+and\s+killed|fatally\s+(?:shot|shooting|stabbed|stabbing)|killing|killed"
    r"|murdered|murdering|gunned\s+down|shot\s+dead|shooting\s+death\s+of|stabbing\s+death\s+of"
    r"|fatal\s+shooting\s+of|(?:found|discovered)\s+(?:the\s+)?bod(?:y|ies)\s+of))\s+"
    rf"(?:{_PERSONS}|(?P<victims2>him|her)\b)"
)
_FOUND_DEAD = re.compile(
    rf"\b(?i:found|discovered)\s+(?:{_PERSONS}|(?P<victims7>him|her))\s+"
    r"(?P<killed>dead|deceased|shot\s+dead|fatally\s+(?:shot|stabbed|wounded))\b"
    rf"|(?P<victims2>\b(?i:an?|the|his|her)\s+(?:[\w'’-]+\s+){{0,2}}?body)\s+(?:was|is|has\s+been)\s+"
    r"(?P<killed2>found|discovered|recovered|pulled)\b"
    rf"|(?P<victims3>{_ROLE})\s+(?P<killed3>found\s+(?:shot\s+)?dead)\b"
    rf"|(?P<victims4>\b(?:He|She|he|she)|{_PERSON})\s+(?:had\s+been|was)\s+[^.;]{{0,80}}?\s+and\s+"
    r"(?:was\s+)?(?:later\s+)?(?P<killed4>(?:pronounced|declared)\s+dead|died)\b"
    r"|(?P<victims5>\b(?i:man|woman|teen|teenager|boy|girl|child|person|victim))\s+"
    r"(?P<killed5>(?i:found\s+(?:shot\s+)?dead))\b"
    r"|(?P<victims6>\b(?i:homicide|murder)\s+victim|\bvictim\s+of\s+(?:a|the)\s+(?:deadly|fatal)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:shooting|stabbing|attack))(?P<killed6>)"
    rf"|(?P<victims8>{_NAME})\s+(?:was|is)\s+the\s+(?:man|woman|person|victim|teen|teenager|boy|girl)\s+"
    r"(?P<killed7>killed|fatally\s+shot|shot\s+and\s+killed|shot\s+dead)\b"
    r"|(?P<victims9>\b(?i:the|an?)\s+(?:man|woman|person|teen|teenager|boy|girl))\s+"
    r"(?P<killed8>fatally\s+shot|shot\s+and\s+killed|shot\s+dead|killed)\s+by\b"
    rf"|(?P<victims10>{_NAME}(?:,[^.;]{{1,60}}?,)?\s+(?:was|were)\s+(?P<killed9>(?:shot\s+and\s+)?killed)\s+"
    rf"along\s+with\s+{_PERSON})"
    r"|(?P<victims11>\b(?i:both)(?:\s+(?:of\s+them|[a-z]+))?)\s+(?:were|had\s+been)\s+[^.;]{0,80}?\b"
    r"(?P<killed10>died|(?:pronounced|declared)\s+dead)\b"
)
_TWO_PERSONS = re.compile(
    rf"(?P<victims>{_PERSON},?\s+and\s+{_PERSON})\s+(?:were|have\s+been|had\s+been)\s+"
    r"(?:(?:later|also|both|reportedly|allegedly)\s+)?"
    rf"(?:(?P<killed>{_KILLED_PASSIVE})|(?P<injured>{_INJURED_PASSIVE}))\b"
)
"""Two victims named or described and joined: "Omar Reyes, 52, and Dana Pruitt, 41, were shot and killed"."""
_DIED_AFTER_CLAUSE = re.compile(
    rf"(?P<victims>{_ROLE})(?:\s+who\s+[^.;]{{3,120}}?|,[^.;]{{1,120}}?,)\s+"
    r"(?P<killed>(?:has\s+|later\s+)?(?:died|succumbed)|(?:was|has\s+been)\s+pronounced\s+dead)\b"
)
_BOTH = r"\b(?i:both)(?:\s+(?:of\s+them|[a-z]+))?"
_CONDITION = re.compile(
    rf"(?P<victims>\b(?:He|She|he|she)|{_BOTH}|{_PERSON})(?:,[^,.;]{{1,60}},)?\s+(?:is|was|remains|remained|were|are)\s+"
    r"(?:listed\s+|reported\s+)?in\s+(?P<injured>(?:critical|serious|stable|fair|grave|good)"
    r"(?:\s+but\s+stable)?\s+condition)\b"
    rf"|(?P<victims2>\b(?:He|She|he|she)|{_PERSON})\s+(?P<injured2>(?:suffered|sustained|received"
    r"|(?:was\s+|is\s+)?suffering\s+from)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:injuries|wounds|(?:a\s+)?gunshot\s+wounds?))\b"
    rf"|(?P<victims3>\b(?:He|She|he|she)|{_BOTH}|{_PERSON})\s+(?:was|were)\s+(?P<injured3>{_TO_HOSPITAL})"
    rf"|(?P<victims4>{_PERSON})\s+with\s+(?:(?:a|an|one|two|multiple|several)\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"(?P<injured4>(?:gunshot|bullet|shrapnel|stab|knife)\s+wounds?|wounds|injur(?:y|ies)){_NO_DEATH_AHEAD}\b"
)
_ZERO = re.compile(
    r"\b(?:no\s+(?:one|body)|nobody|no-one|none)\s+(?:\w+\s+){0,2}?(?:was|were|had\s+been|has\s+been)\s+"
    r"(?:reported\s+)?(?:(?P<both>hurt|harmed)|(?P<killed>killed|dead)|(?P<injured>injured|wounded))\b"
    r"|\bno\s+(?:(?P<both2>casualties)|(?P<killed2>deaths|fatalities|one\s+died)|(?P<injured2>injuries))\b"
    r"|\b(?:was|were)\s+(?:not\s+(?:seriously\s+)?(?P<injured3>injured|hurt|harmed|wounded)|(?P<injured4>unharmed|unhurt"
    r"|uninjured))\b",
    re.IGNORECASE,
)
_NOT_A_VICTIM = re.compile(
    r"(?:The|A|An|This|That|It|They|We|Police|Officers|Authorities|Officials|No|Nobody|None|Everyone|Anyone)$"
)

_CIVILIAN_RE = re.compile(rf"\b(?:{_CIVILIAN_NOUNS})\b", re.IGNORECASE)
_MILITARY_RE = re.compile(rf"\b(?:{_MILITARY_NOUNS})\b", re.IGNORECASE)
_CIVILIAN_CONTEXT = re.compile(
    r"\b(?:civilians?|residential|homes?|houses?|villages?|markets?|schools?|hospitals?|city|town|apartments?"
    r"|shelters?|neighbou?rhoods?|bus|cafe|church|mosque|streets?|residents)\b",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset|fighting|war|conflict|hostilities|clashes"
    r"|invasion|escalation|offensive|September|October|November|December|January|February|March|April"
    r"|May|June|July|August|late|early|mid|\d)"
    r"|\bso\s+far\b|\bin\s+total\b|\bto\s+date\b|\bthis\s+(?:month|year|week)\b|\boverall\b|\bcumulative\b"
    r"|\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?)\b"
    r"|\b(?:war|conflict|fighting|hostilities|clashes|offensive)\s+(?:has|have|had)\s+(?:so\s+far\s+|now\s+)?"
    r"(?:killed|claimed|left|cost)|\btotal\s+(?:death\s+)?toll\b"
    r"|\bin\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|several|multiple)\s+"
    r"(?:separate\s+)?(?:attacks|strikes|incidents|raids|assaults)\b",
    re.IGNORECASE,
)
_THEN_CLAUSE = re.compile(r"[^,.;]{0,40},\s+when\b")
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:deadliest|bloodiest|worst|heaviest|biggest|largest|most\s+\w+)\s+(?:\w+\s+){0,6}$", re.IGNORECASE
)


def is_cumulative(sentence: str) -> bool:
    """True when the sentence gives a running total ("since the war began", "so far"); a superlative's
    "since" ("the deadliest day since the coup") compares, it does not add up, unless it goes on to the
    toll of back then ("the most killings since 2007, when 28 were killed")."""
    return any(
        not _SUPERLATIVE_BEFORE.search(sentence, max(0, m.start() - 60), m.start())
        or _THEN_CLAUSE.match(sentence, m.end())
        for m in _CUMULATIVE.finditer(sentence)
    )


_OBJECT_AFTER = re.compile(
    r"\s+(?:a|an|the|his|her|their|its|him|them|himself|herself|themselves|\d+|[A-Z][a-z]+|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|several|at\s+least|more\s+than)\b"
)
_PLACE_BEFORE = re.compile(r"\b(?:at|in|near|of|from|on|to|outside|inside)\s+$")
_NO_HEAD_COUNT_BEFORE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$|(?:No|no|Nos)\.\s*$"
    r"|\b(?i:(?:age|ages)\s+of|aged|(?:mother|father|parent|mom|dad)\s+of)\s+$"
)
"""What makes the number after it a date, a code, an age or a family's size ("a mother of three is dead"),
not a number of victims."""


_PERSON_PATTERNS = (_PERSON_OBJECT, _FOUND_DEAD, _TWO_PERSONS, _DIED_AFTER_CLAUSE, _CONDITION)
_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (_SUBJECT_FIRST, None),
    (_VERB_FIRST, None),
    (_LEFT, re.compile(r"\bleft\b", re.IGNORECASE)),
    (_TOLL, re.compile(r"\btoll\b|\bnumber\s+of\b", re.IGNORECASE)),
    (_NOUN_TOLL, re.compile(r"\b(?:deaths|fatalities|injuries)\b", re.IGNORECASE)),
    (_LIVES, re.compile(r"\blives\b", re.IGNORECASE)),
    (_WITH_INJURIES, re.compile(r"\bwith\b[^.;]*\b(?:injuries|wounds)\b", re.IGNORECASE)),
    (_SINGLE_VICTIM, None),
    (_HEADLINE_VICTIM, None),
    (_REFLEXIVE, re.compile(r"\bhimself\b|\bherself\b|\bown\s+life\b")),
    (_PERSON_OBJECT, re.compile(r"kill|shot|shoot|murder|gunned|death|bod(?:y|ies)", re.IGNORECASE)),
    (
        _FOUND_DEAD,
        re.compile(
            r"\bdead\b|\bdeceased\b|\bbod(?:y|ies)\b|\bdied\b|\bvictim\b|\bkilled\b|\bfatally\b", re.I
        ),
    ),
    (_TWO_PERSONS, re.compile(r"\band\b[^.;]+\b(?:were|been)\b")),
    (_DIED_AFTER_CLAUSE, re.compile(r"\bdied\b|\bsuccumbed\b|\bpronounced\b", re.IGNORECASE)),
    (
        _CONDITION,
        re.compile(
            r"\bcondition\b|\bsuffer|\bsustained\b|\breceived\b|\bhospital\b|\bwounds?\b|\binjur", re.I
        ),
    ),
)
"""The toll patterns, each with the words a sentence must contain before it is tried (cheap searches that
skip most sentences)."""
_PLURAL_ROLE = re.compile(r"\b[a-z]*(?:s|men|people|children)$")


def _victims(match: re.Match[str]) -> str:
    """The victims group that took part in the match (alternatives name theirs victims2, victims3…)."""
    return next(
        value for name, value in match.groupdict().items() if name.startswith("victims") and value is not None
    )


def _person_count(victims: str) -> Count | None:
    """One per person named or described ("Smith and Jamel Martin" → 2); None for a plural role
    ("the victims")."""
    if victims.lower().startswith("both"):
        return Count(2, 2)
    persons = re.split(r",?\s+(?:and|(?:was|were)\s+(?:shot\s+and\s+)?killed\s+along\s+with)\s+", victims)
    if any(_PLURAL_ROLE.search(person) for person in persons):
        return None
    return Count(len(persons), len(persons))


def _kind(match: re.Match[str]) -> str:
    return next(
        kind
        for group, kind in _KIND_OF_GROUP.items()
        if group in match.re.groupindex and match.group(group) is not None
    )


def _is_civilian(victims: str, sentence: str) -> bool:
    if _MILITARY_RE.search(victims):
        return False
    if _CIVILIAN_RE.search(victims):
        return True
    return re.search(r"\b(?:people|persons?|individuals|others|victims)\b", victims, re.I) is not None and (
        _CIVILIAN_CONTEXT.search(sentence) is not None and _MILITARY_RE.search(sentence) is None
    )


_UNHARMED = re.compile(r"\bun(?:harmed|hurt|injured|scathed)\b|\bnot\s+(?:injured|hurt|harmed)\b", re.I)


def _victim_count(match: re.Match[str], text: str) -> Count | None:
    """The count the victims group states, or None when it is no head count (a date, a code, a year)."""
    victims = _victims(match)
    if _UNHARMED.search(match.group(0)):
        return None  # "the child, unharmed by the gunfire, was taken to a hospital"
    if match.re in _PERSON_PATTERNS or match.groupdict().get("victims_role"):
        if match.re is _CONDITION and _PLACE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return None
        return Count(1, 1) if victims.endswith("body") else _person_count(victims)
    if match.re in (_SINGLE_VICTIM, _HEADLINE_VICTIM, _REFLEXIVE):
        if match.re is _HEADLINE_VICTIM and _OBJECT_AFTER.match(text, match.end()):
            return None  # "Officer shot and killed a suspect"
        if _PLACE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return None  # "a shopper at Walmart was injured": the name is a place
        first_is_pronoun = _NOT_A_VICTIM.match(victims.split()[0]) is not None  # but "The victim" is one
        described = re.match(r"(?:[Tt]he|[Aa]n?)\s+(?:\d+-year-old\b|[a-z])", victims) is not None
        if described and _PLURAL_ROLE.search(victims):
            return None  # "the soldiers were killed": how many is not told
        return None if first_is_pronoun and not described else Count(1, 1)
    if _NO_HEAD_COUNT_BEFORE.search(text[max(0, match.start("victims") - 20) : match.start("victims")]):
        return None
    if (
        match.re is _SUBJECT_FIRST
        and not match.group("auxiliaries")
        and _OBJECT_AFTER.match(text, match.end())
    ):
        return None  # "a soldier killed two men": active voice, the victims come after
    has_noun = re.search(rf"\b{_PEOPLE}\b\s*$", victims, re.I) is not None
    if not has_noun:
        if "appositive" in match.re.groupindex and match.group("appositive"):
            return None  # "Nadeau, 29, a driver, was killed": the number is an age
        if re.fullmatch(r"(?:an?|some|another|an\s+additional)", victims.strip(), re.I) and not (
            match.re is _SUBJECT_FIRST and match.group("auxiliaries") and victims.lower() == "another"
        ):
            return None  # but "one man was killed, another was wounded" tells a second victim
        if re.fullmatch(r"(?:19|20)\d\d", victims.strip()):
            return None
        if match.re not in (_SUBJECT_FIRST, _NOUN_TOLL, _LEFT, _LIVES, _WITH_INJURIES):
            after = text[match.end("victims") :]
            if re.match(_BARE_END, after, re.I) is None:
                return None
    return parse_quantity(victims)


_ELLIPSIS = re.compile(
    r"\s+in\s+[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?\s*,?\s+and\s+"
    r"(?P<victims>one|two|three|four|five|six|seven|eight|nine|ten|\d+)(?=\s+(?:more\s+)?in\s+[A-Z])"
)


def _elliptical_tolls(
    text: str, match: re.Match[str], end: int, cumulative: bool
) -> Iterator[CasualtyMention]:
    """The count of a second place with its verb and noun left out: "shot dead eight protesters in
    Omdurman and one in Khartoum" tells one killed in Khartoum."""
    ellipsis = _ELLIPSIS.match(text, match.end(), end)
    count = parse_quantity(ellipsis.group("victims")) if ellipsis else None
    if ellipsis and count:
        yield CasualtyMention(
            Span(ellipsis.start("victims"), ellipsis.end("victims")),
            ellipsis.group("victims"),
            _kind(match),
            count,
            civilian=_is_civilian(_victims(match), text[match.start() : match.end()]),
            cumulative=cumulative,
        )


def _sentence_mentions(text: str, sentence: Span) -> Iterator[CasualtyMention]:
    context = sentence.text_of(text)
    cumulative = is_cumulative(context)
    for pattern, gate in _PATTERNS:
        if gate is not None and gate.search(context) is None:
            continue
        for match in pattern.finditer(text, sentence.start, sentence.end):
            count = _victim_count(match, text)
            if count is None:
                continue
            yield CasualtyMention(
                Span(match.start(), match.end()),
                match.group(0),
                _kind(match),
                count,
                civilian=_is_civilian(_victims(match), context),
                cumulative=cumulative,
            )
            if pattern is _VERB_FIRST:
                yield from _elliptical_tolls(text, match, sentence.end, cumulative)
    for match in _ZERO.finditer(text, sentence.start, sentence.end):
        groups = match.groupdict()
        if groups["both"] or groups["both2"]:
            kinds: tuple[str, ...] = ("killed", "injured")
        else:
            kinds = ("killed",) if groups["killed"] or groups["killed2"] else ("injured",)
        for kind in kinds:
            yield CasualtyMention(Span(match.start(), match.end()), match.group(0), kind, Count(0, 0))


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
    """Casualty mentions in ``text[start:end]`` in text order; of overlapping ones of a kind, the longest."""
    mentions: list[CasualtyMention] = []
    for sentence in split_sentences(text, start, end):
        mentions.extend(_sentence_mentions(text, sentence))
    mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    kept: list[CasualtyMention] = []
    for mention in mentions:
        if not any(k.kind == mention.kind and k.span.overlaps(mention.span) for k in kept):
            kept.append(mention)
    return kept


_ALSO_BEFORE = re.compile(r"\balso\s+(?:[a-z]+ly\s+)?$")
_ALSO_WITHIN = re.compile(r"\b(?:was|were|been)\s+also\s+(?:[a-z]+ly\s+)?(?:killed|shot|died)\b")
_KILLING_VERB = re.compile(r"(?:shot|killed|killing|fatally|murdered|gunned|stabbed)\b", re.IGNORECASE)
_STATED_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|hundreds|several"
    r"|many|both)\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\d+-year-old|,\s*\d{1,3},")


def _is_additional(text: str, mention: CasualtyMention) -> bool:
    """True when the toll is told as one more victim on top of those before: "also killed a neighbour",
    "was also shot dead"."""
    before = text[max(0, mention.span.start - 30) : mention.span.start]
    told_after_also = (
        _ALSO_BEFORE.search(before) is not None and _KILLING_VERB.match(mention.text) is not None
    )
    return told_after_also or _ALSO_WITHIN.search(mention.text) is not None


_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


def _is_background(text: str, sentences: list[Span], mention: CasualtyMention, year: int | None) -> bool:
    """True when the mention's sentence is set before the report ("in the summer of 2012" in a report that
    names 2014, "decades ago")."""
    sentence = next(s for s in sentences if s.start <= mention.span.start < s.end)
    return is_history(sentence.text_of(text), year)


def _is_total(mention: CasualtyMention) -> bool:
    """True when the toll states a number of victims ("three people", "both") rather than naming them one
    by one ("found Ana Diaz and her son dead")."""
    return mention.count.minimum > 1 and _STATED_NUMBER.search(_AGE.sub("", mention.text)) is not None


def _told_toll(text: str, told: list[CasualtyMention]) -> int:
    """The toll ``told`` adds up to: the largest count; a victim told as additional ("fatally shot Smith.
    The officer also killed a neighbour" → 2) adds to it unless that count is a stated total, while a
    victim told again ("Smith died") does not. A killer who then kills himself adds one to the victims of
    his killing ("killing his wife and two sons … then took his own life" → 4)."""
    suicides = [m for m in told if _REFLEXIVE.fullmatch(m.text)]
    victims = [m for m in told if m not in suicides]
    largest = max((m.count.minimum for m in victims), default=0)
    total = any(m.count.minimum == largest and _is_total(m) for m in victims)
    added = [] if total else [m for m in victims if _is_additional(text, m)]
    first = max((m.count.minimum for m in victims if m not in added), default=0)
    toll = max(largest, first + len(added))
    killer_too = any(m.count.minimum == largest and _KILLING_VERB.match(m.text) for m in victims)
    if suicides and killer_too:
        return toll + 1
    return max(toll, 1 if suicides else 0)


_TOLD_HURT = re.compile(
    r"\b(?:injur|wounded|wounding|hurt|maim|condition|hospitali|recovering|fighting)", re.IGNORECASE
)


def incident_toll(text: str, mentions: list[CasualtyMention], kind: str) -> int:
    """The toll of ``kind`` for one incident told by ``mentions`` (found in ``text``), as ``_told_toll``
    adds it up. Victims told only as shot are injured unless they died: two shot and one killed leave one
    injured. Running totals and tolls set in an earlier year than the latest the report names are left
    out; 0 when none."""
    sentences = split_sentences(text)
    year = max((int(y) for y in _YEAR.findall(text)), default=None)
    told = [
        m
        for m in mentions
        if m.kind == kind and not m.cumulative and not _is_background(text, sentences, m, year)
    ]
    if kind != "injured":
        return _told_toll(text, told)
    shot = [m for m in told if not _TOLD_HURT.search(m.text)]
    hurt = _told_toll(text, [m for m in told if m not in shot])
    return max(hurt, _told_toll(text, shot) - incident_toll(text, mentions, "killed"))
