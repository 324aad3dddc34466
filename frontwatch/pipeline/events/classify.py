"""Sentence classification: which ACLED sub-event type a sentence reports, and the words that say so.

Rules are tried in priority order (the most specific first); each has a trigger pattern and, for
protest escalations, a context the sentence must also contain. Territorial gains are classified as
"Government regains territory"; the assembler turns them into "Non-state actor overtakes territory"
when the gaining actor is not the state force of the country where the place lies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch.model.span import Span
from frontwatch.model.vocab import event_type_of

GOVERNMENT_REGAINS = "Government regains territory"
RETREAT = r"(?:withdr(?:ew|awn)|retreated|pulled (?:out|back)) from"
"""A force leaving a place: the territory goes to its enemy."""
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"

_PROTEST = (
    r"protest(?:ed|ers?|s|ing)?",
    r"demonstrat(?:ed|ors?|ions?)",
    r"rall(?:y|ies|ied)",
    r"marche[sd]",
    r"sit-ins?",
    r"gathered peacefully|(?:candlelight |peaceful )?vigils?",
    r"picket(?:ed|s)?",
    r"(?:hunger|general|labou?r|workers'?|national|nationwide|sit-down|warning|open-ended|indefinite)"
    r" strikes?",
    r"(?:went|go|going|are|were|remain(?:ed)?) on strike|strike action|walk-?outs?|walked out",
)
_CROWD = (
    r"protesters|demonstrators|supporters|workers|residents|students|farmers|activists|drivers|crowds?|people"
    r"|villagers|women|youths?|locals|families|relatives",
)


def _gap(words: int) -> str:
    """Up to ``words`` words, each followed by a space."""
    return rf"(?:[\w'-]+ ){{0,{words}}}"


_BLOCKADE = (
    rf"block(?:ed|ing|aded) {_gap(2)}"
    r"(?:roads?|streets?|highways?|motorways?|bridges?|traffic|rail ?(?:way )?lines?)",
)
_PROTEST_SCENE = (*_PROTEST, *_BLOCKADE, r"marchers|crowds? of (?:protesters|demonstrators)")
"""What makes a sentence about a demonstration: the context of the escalation rules."""


_AIRCRAFT = r"(?:drones?|UAVs?|warplanes?|aircraft|jets|helicopters?|Bayraktars?|TB2s?|loitering munitions?)"
_MISSILE_NAMES = r"(?:Tochka(?:-U)?|Iskander(?:-M)?|Scud(?:-B)?|Kalibr|Kh-\d+|HIMARS)s?(?! missile| rocket)"
"""Missiles named by their system: the subject of "a Tochka-U with a cluster warhead struck the station"."""
_PROJECTILES = r"(?:rockets?|missiles?|artillery|shells|Grads?|Smerch|cluster munitions|mortars?)"
_EXPLOSIVES = (
    r"(?:land ?mines?|anti-(?:tank|personnel) mines?|mines?|IEDs?|roadside bombs?|car bombs?|"
    r"(?:improvised )?explosive devices?|booby[- ]traps?)"
)
_OFFICE = r"(?:governor|mayor|official|journalist|activist|lawmaker|MP|minister|priest|imam|aid worker)s?"
"""Civilians killed for who they are: their killing is an attack on civilians, not a battle casualty."""
_VICTIMS = r"(?:civilians|residents|villagers|people|cars?|vehicles?|families|journalists)"
_DEAL = r"(?:ceasefire|cease-fire|truce|agreements?|deals?|accords?|peace)"
_DEAL_GAP = r"(?:(?!(?:in|of|despite|after|during|amid|since|before|under|at|from|near)\b)[\w'-]+ ){0,6}"
"""The words between "signed" or "struck" and the deal, not across a preposition: "struck Terter in violation
of the truce" is a strike, not a deal struck."""
_RELIEF = r"(?:positions|posts|duties|command|sector)"
"""What one unit hands over to another of its own side: a change to the group, not a transfer of territory."""
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Chemical weapon",
        (
            r"chemical (?:weapons?|attacks?|agents?|munitions)",
            r"(?:white )?phosphorus(?: munitions| bombs| shells)?",
            r"incendiary (?:munitions|weapons|ammunition)",
            r"chlorine gas|sarin|toxic gas|CS gas",
            rf"(?:grenades?|shells|munitions|rounds|canisters) {_gap(2)}(?:filled|loaded) with {_gap(2)}gas",
        ),
        (),
    ),
    (
        "Suicide bomb",
        (
            r"suicide (?:bomb(?:er|ing)?s?|attack(?:er)?s?|car bomb(?:ing)?s?)",
            r"blew (?:himself|herself|themselves) up",
        ),
        (),
    ),
    (
        "Disrupted weapons use",
        (
            r"shot down|shoots down|intercept(?:ed|s)|downed|defused|weapons caches?",
            rf"(?:air defen[cs]e|anti-aircraft) {_gap(4)}(?:destroyed|neutrali[sz]ed|hit|repelled)",
            rf"neutrali[sz]ed {_gap(3)}(?:drones?|UAVs?|missiles?|rockets?)",
            rf"seized {_gap(3)}(?:weapons|arms|ammunition)",
        ),
        (),
    ),
    (
        "Non-violent transfer of territory",
        (
            rf"(?:hand(?:ed|s|ing)? over|handover)(?! {_gap(1)}(?:their|its|his) {_RELIEF})",
            rf"(?:returned|transferred|reverted|passed) (?:back )?to {_gap(2)}control",
            r"(?:withdr(?:ew|awn|aw)|pulled out|entered|took over|moved into|rolled into|arrived in) "
            r"[^.;]{0,160}?"
            rf"(?:under|in line with|in accordance with|as part of) {_gap(4)}"
            r"(?:agreement|deal|accord|ceasefire)",
        ),
        (),
    ),
    (
        "Agreement",
        (
            rf"(?:signed|agreed|reached|brokered|struck|announced) {_DEAL_GAP}{_DEAL}",
            rf"(?<!the ){_DEAL} {_gap(1)}(?:agreed|signed|brokered)",
            rf"{_DEAL} (?:came|comes|went|took|goes|entered) (?:into )?(?:force|effect)",
            r"prisoners? (?:exchange|swap)|exchange of (?:prisoners|bodies|POWs)",
            r"swapped (?:prisoners|bodies)",
        ),
        (),
    ),
    (
        GOVERNMENT_REGAINS,
        (
            r"liberat(?:ed|es|ion of)|recaptured?|retook|retaken|regain(?:ed|s)? (?:full )?control",
            rf"captured?(?! {_gap(2)}(?:soldiers|servicemen|prisoners|fighters|troops|men|people|"
            r"civilians|POWs|"
            r"a soldier|footage|video))",
            r"seized control|(?:took|taken|take|gained|established) (?:full )?control (?:of|over)",
            r"took (?:the )?(?:(?:town|city|village|settlement)s? of|town|city|village)",
            r"raised (?:the|their|a|its) (?:\w+ )?flags? (?:over|above|in)",
            r"(?:has|have|had) (?:been )?(?:taken|seized)"
            r"(?! (?:shelter|refuge|cover|part|place|hostage|prisoner))|seized (?!weapons|arms|ammunition)",
            r"completed the capture|entered(?: the (?:centre|center|city|town|village))?",
            rf"overr?an|fell to|(?:came|come) under {_gap(2)}control",
            rf"drove {_gap(3)}(?:troops|forces|fighters|units|soldiers|army) out of",
            RETREAT,
        ),
        (),
    ),
    (
        "Mob violence",
        (
            rf"(?:attacked|beat|assaulted|chased) {_gap(1)}"
            r"(?:journalists|reporters|passers-by|bystanders|activists)",
        ),
        _PROTEST_SCENE,
    ),
    (
        "Violent demonstration",
        (
            rf"(?:set fire to|set on fire|torched|burned|burnt|smashed|vandali[sz]ed) {_gap(3)}"
            r"(?:police|station|cars?|vehicles?|buildings?|offices?|shops?|windows|headquarters|barricades)",
            r"(?:hurled|threw|throwing|hurling) (?:\w+ )?"
            r"(?:stones|rocks|fireworks|petrol bombs|molotov cocktails|bottles|flares|firecrackers)",
        ),
        _PROTEST_SCENE,
    ),
    (
        "Excessive force against protesters",
        (
            r"live (?:ammunition|rounds|fire)|opened fire|shot (?:dead|and killed|at)|killed"
            r"|beat(?:en|ing)? to death",
        ),
        _PROTEST_SCENE,
    ),
    (
        "Protest with intervention",
        (
            r"(?:were|was|been|police|forces|troops|soldiers) dispersed",
            r"broke up|tear ?gas|water cannons?|rubber bullets",
            r"dispersed (?:the |them\b|protesters|demonstrators|crowds?|marchers|rall(?:y|ies))",
            r"fired (?:shots |warning shots )?(?:into|in) the air",
            rf"(?:detained|arrested) {_gap(3)}(?:protesters|demonstrators|participants|people|marchers)",
            rf"(?:protesters|demonstrators|participants|marchers) {_gap(1)}(?:were|had been|have been) "
            r"(?:detained|arrested)",
        ),
        _PROTEST_SCENE,
    ),
    (
        "Violent demonstration",
        (
            r"rioters?|riots?(?! police| squads?| gear| units?)|rioted|rioting",
            rf"stormed (?:the )?{_gap(2)}(?:parliament|building|offices?|headquarters)",
            r"threw (?:stones|rocks|petrol bombs|molotov cocktails|bottles)",
        ),
        (),
    ),
    ("Mob violence", (r"mobs? (?:attacked|lynched|beat|killed)|lynch(?:ed|ing)",), ()),
    ("Peaceful protest", _PROTEST, ()),
    ("Peaceful protest", _BLOCKADE, _CROWD),
    (
        "Sexual violence",
        (r"rap(?:ed|es|ing)|rape|sexual(?:ly)? (?:violence|assault(?:ed|s)?|abuse[ds]?)",),
        (),
    ),
    (
        "Attack",
        (r"(?:abducted|kidnapped|seized|detained) and (?:then )?(?:killed|executed|murdered|shot)",),
        (),
    ),
    (
        "Abduction/forced disappearance",
        (
            r"abduct(?:ed|ion|ions|s)?|kidnap(?:ped|ping|s)?|taken hostage|held hostage",
            rf"held (?:him|her|them) {_gap(4)}"
            r"(?:in an unknown location|incommunicado|without (?:telling|informing))",
            r"forcibly disappeared|enforced disappearance",
            rf"(?:took|taken|seized|dragged|led away) {_gap(3)}from (?:his|her|their) "
            r"(?:homes?|houses?|apartments?)",
        ),
        (),
    ),
    (
        "Remote explosive/landmine/IED",
        (
            rf"{_EXPLOSIVES} {_gap(2)}"
            r"(?:exploded|explosions?|blasts?|detonated|went off|killed|injured|wounded|hit)",
            rf"(?:stepped|drove|ran|hit|struck|triggered) (?:on |over )?(?:a|an) {_gap(2)}"
            r"(?:mine|landmine|explosive device|IED)",
            rf"by (?:a|an) {_gap(2)}(?:mine|landmine|IED|roadside bomb|explosive device|car bomb)",
            r"(?:landmine|mine|IED|roadside bomb|car bomb) (?:blasts?|explosions?|attacks?)",
            r"(?:roadside|car|truck|parcel|nail) bomb(?:ings?|s)?|bomb (?:attacks?|blasts?|explosions?)",
            r"(?:bombs?|IEDs?) (?:exploded|went off|blew up|detonated)",
            r"planted (?:a |an )?(?:bombs?|IEDs?|explosives?)",
        ),
        (),
    ),
    (
        "Air/drone strike",
        (
            r"air ?strikes?|air raids?|drone (?:strikes?|attacks?)|aerial (?:bombardment|attacks?)",
            rf"(?:struck|hit|targeted|attacked|bombed|destroyed) by (?:an? )?{_gap(2)}{_AIRCRAFT}",
            rf"{_AIRCRAFT} {_gap(2)}(?:struck|hit|bombed|attacked|targeted|fired on|destroyed|killed)",
            rf"(?:bombed|struck|hit|targeted|destroyed|attacked) {_gap(5)}"
            rf"(?:with|using) {_gap(3)}{_AIRCRAFT}",
            rf"{_AIRCRAFT} {_gap(2)}(?:dropped|destroying|hitting|striking|killing)",
            rf"{_AIRCRAFT} {_gap(2)}carr(?:y|ied|ying) out {_gap(1)}(?:missions|strikes|sorties|raids)",
        ),
        (),
    ),
    ("Grenade", (r"grenades?",), ()),
    (
        "Shelling/artillery/missile attack",
        (
            r"shell(?:ed|ing|s)?|bombard(?:ed|ment|ing)|bomb(?:ed|ing)|pounded",
            r"(?<!the )(?<!this )(?<!that )(?<!such )(?<!these )(?<!those )strikes?",
            r"artillery (?:fire|strikes?|attacks?|barrages?)",
            r"(?:rocket|missile|mortar|Grad|Smerch) (?:fire|attacks?|strikes?|barrages?)",
            rf"(?:fired|launched) {_gap(3)}(?:rockets?|missiles?|shells|mortars?)",
            rf"(?:struck|hit|targeted|pounded|attacked) {_gap(5)}(?:with|by) {_gap(2)}{_PROJECTILES}",
            rf"under {_gap(2)}fire|fire (?:was|were|had been) opened",
            rf"(?:rockets?|missiles?|shells|artillery|{_MISSILE_NAMES}) {_gap(5)}"
            r"(?:hit|struck|landed|fell|falling|rained|exploded|slammed|destroyed|damaged|tore)",
            rf"(?:forces|troops|army|units|military|side) {_gap(2)}(?:struck|hit|targeted)",
            r"subjected (?:[\w'-]+,? ){0,6}to " + _gap(3) + "fire|"
            rf"(?:fire|firing) (?:on|at|from) {_gap(3)}{_PROJECTILES}?",
            r"cluster (?:munition |rocket )?attacks?|cluster (?:sub)?munitions"
            r"|(?:firing|fired) (?:on|at|upon|from)",
        ),
        (),
    ),
    (
        "Attack",
        (
            r"execut(?:ed|ion|ions)|beheaded|decapitated|massacred?|shot dead|gunned down",
            r"mutilated|tortured|beat(?:en)? to death|stabbed",
            rf"opened fire on {_gap(3)}{_VICTIMS}",
            rf"(?:killing|killed|murder(?:ed|ing)) (?:the )?{_gap(3)}{_OFFICE}",
            rf"(?:the|a|an) (?:\w+ )?{_OFFICE}(?: of [A-Z][\w-]+(?: [A-Z][\w-]+)?)?,? "
            r"(?:(?!said|says|told|reported)[\w'-]+,? ){0,6}(?:was|were|had been) "
            r"(?:killed|murdered|assassinated|shot dead)",
            rf"attacked {_gap(2)}(?:civilians|residents|villagers|journalists)",
            rf"killed {_gap(4)}(?:civilians|residents|villagers)",
            r"assassinat(?:ed|ion of)",
            rf"(?:died|death) {_gap(3)}(?:under|from|of|as a result of) torture",
            rf"beat(?:ing)? up {_gap(2)}(?:detainees|prisoners|civilians|protesters|journalists|villagers)",
            rf"(?:refugee|displacement|displaced|IDP) camps? {_gap(2)}"
            r"(?:was |were )?(?:attacked|raided|stormed)",
            rf"raid(?:ed)? (?:on )?(?:a |the )?{_gap(1)}(?:villages?|camps?|homes?|markets?)",
        ),
        (),
    ),
    (
        "Armed clash",
        (
            r"clash(?:ed|es)?|fighting|fought|battles?|battled|firefights?|exchanged fire|skirmish(?:es)?",
            r"repelled|repulsed|counter-?attack(?:s|ed)?|counter-?offensive|offensive",
            r"ambush(?:ed)?|hostilities|assault(?:ed)? on|stormed|attacked",
            r"(?<!the )(?<!this )(?<!such )(?<!these )(?<!those )attacks? on",
        ),
        (),
    ),
    (
        "Arrests",
        (r"(?<!those )(?<!the )arrest(?:ed|s)?|detained|detention of|taken into custody|apprehended",),
        (),
    ),
    (
        "Looting/property destruction",
        (
            r"loot(?:ed|ing)|pillag(?:ed|ing)|plunder(?:ed|ing)",
            rf"(?:torched|burned|burnt|set fire to|set on fire|razed|demolished|vandali[sz]ed) {_gap(3)}"
            r"(?:houses?|homes?|buildings?|villages?|property|shops?|churche?s?|mosques?|monuments?)",
        ),
        (),
    ),
    (
        "Headquarters or base established",
        (
            rf"(?:established|set up|opened|deployed|built) {_gap(3)}"
            r"(?:headquarters|base|command post|observation posts?"
            r"|(?:monitoring|joint|command) cent(?:re|er))",
        ),
        (),
    ),
    (
        "Change to group/activity",
        (
            rf"(?:declared|imposed|introduced|extended|lifted) {_gap(2)}"
            r"(?:martial law|(?:general |partial )?mobili[sz]ation|state of (?:war|emergency)|curfew)",
            r"(?:general|partial) mobili[sz]ation",
            rf"hand(?:ed|s|ing)? over {_gap(1)}(?:their|its|his) {_RELIEF}",
            rf"(?:dissolv(?:ed|ing|es)|disband(?:ed|ing|s)) {_gap(3)}"
            r"(?:forces|group|militias?|units?|brigades?)",
        ),
        (),
    ),
    (
        "Other",
        (
            r"mass (?:graves?|burial sites?)|exhum(?:ed|ing|ation of)",
            rf"(?:released|freed) {_gap(3)}(?:hostages|prisoners|detainees|captives|POWs)",
            rf"deport(?:ed|ation of) {_gap(3)}(?:people|migrants|refugees|nationals|citizens|activists)",
        ),
        (),
    ),
)


def _compile(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", re.IGNORECASE)


_WEAK_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Shelling/artillery/missile attack",
        (r"(?:explosions?|blasts?) (?:rocked|hit|shook|tore through|(?:were |was |could be )?heard)",),
        (),
    ),
    (
        "Attack",
        (
            rf"(?:civilians|people|residents|villagers|women|children|men) {_gap(1)}"
            rf"(?:were|had been|have been) {_gap(2)}(?:killed|massacred|murdered)",
        ),
        (),
    ),
    (
        "Looting/property destruction",
        (r"(?:houses?|homes?) (?:were )?(?:set (?:on fire|ablaze)|torched|burned|burnt)",),
        (),
    ),
)
"""Rules tried last, whose triggers never make a second event of their own in a sentence; right after a
sentence that tells an event they tell its consequences ("Several houses were set on fire")."""
_COMPILED = tuple(
    (sub_type, _compile(pattern), _compile(context) if context else None, weak)
    for rules, weak in ((_RULES, False), (_WEAK_RULES, True))
    for sub_type, pattern, context in rules
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that make a sentence report an event of ``sub_event_type``."""

    sub_event_type: str
    span: Span
    weak: bool = False
    denied: bool = False
    """Stated under a negation or a denial ("denied that its forces shelled"): an event only as the
    denying party's report of it."""

    @property
    def event_type(self) -> str:
        return event_type_of(self.sub_event_type)


_PROTEST_SCENE_RE = _compile(_PROTEST_SCENE)


def is_protest_scene(text: str, span: Span) -> bool:
    """True when the words in ``span`` speak of a demonstration (protesters, a march, a blockade)."""
    return bool(_PROTEST_SCENE_RE.search(text, span.start, span.end))


def find_triggers(text: str, sentence: Span) -> list[Trigger]:
    """Every rule's triggers in the sentence, in rule priority order, then left to right."""
    triggers = []
    for sub_type, pattern, context, weak in _COMPILED:
        if context and not context.search(text, sentence.start, sentence.end):
            continue
        triggers += [
            Trigger(sub_type, Span(m.start(), m.end()), weak)
            for m in pattern.finditer(text, sentence.start, sentence.end)
        ]
    return triggers


def classify(text: str, sentence: Span, usable: set[Span] | None = None) -> Trigger | None:
    """The sentence's most specific trigger among those whose span is in ``usable`` (default: all)."""
    for trigger in find_triggers(text, sentence):
        if usable is None or trigger.span in usable:
            return trigger
    return None
