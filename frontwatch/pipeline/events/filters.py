"""Filters for triggers that report no event: threats, plans, forecasts, conditionals, questions,
denials, and background history."""

from __future__ import annotations

import re

from frontwatch.model.span import Span
from frontwatch.pipeline.mentions.dates import is_history

_LOOKBACK = 90
_IRREALIS = re.compile(
    r"\b(?:threaten(?:ed|s|ing)? to|vow(?:ed|s|ing)? to|warn(?:ed|s|ing)?|plan(?:s|ned|ning)? to|"
    r"intend(?:s|ed)? to|prepar(?:ing|es|ed) to|promis(?:ed|es) to|pledg(?:ed|es) to|ready to|"
    r"aim(?:s|ed)? to|seek(?:s|ing)? to|preparing (?:a|an|for)|"
    r"could|would|will|(?-i:may)|might|should|shall|going to|"
    r"expected to|likely to|about to|due to be|set to be|scheduled to|"
    r"risk of|fears? of|fear(?:ed|s)? (?:that|a|an)|threat of|calls? for|called for|urged|"
    r"demand(?:ed|s)? (?:an? )?(?:end|halt))\b",
    re.IGNORECASE,
)
_BACKGROUND_CLAUSE = re.compile(
    r"\bsince (?:the )?$"
    r"|\b(?:repeated|repeatedly|regular|regularly|daily|sporadic|frequent|frequently) $"
    r"|\b(?:follow(?:ed|s|ing)|after) (?:a |an |the )?(?:\w+ )?"
    r"(?:week|weeks|days|months?|series|string|wave) of $"
    r"|\bto (?:(?:allow|enable|permit|facilitate|ensure|secure) (?:the |an? )?)?$"
    r"|\b(?:remnants|fragments|debris|traces|pieces|parts|evidence|signs) of (?:an? |the )?(?:[\w-]+ ){0,2}$"
    r"|\b(?:(?:an?|one|two|three|several|\d+) (?:minutes?|hours?|days?|weeks?)|minutes|hours|days|weeks) "
    r"(?:after|before) (?:the |a |an |its |their )?(?:[\w-]+ ){0,2}$",
    re.IGNORECASE,
)
"""The words before a trigger that make it a time reference, a purpose or the traces of an event told
elsewhere ("since the", "to allow the", "remnants of cluster munitions", "a day after the deadly air
raid"), not an event."""
_EARLIER_DEAL = re.compile(
    r"\b(?:after|since|despite|under|amid|before|violat(?:ed|ing|ion of)|breach(?:ed|ing)|in breach of"
    r"|br(?:oke|eaking|oken)|flout(?:ed|ing))\s+(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
"""A deal named in a time or violation clause ("hours after a Russian-brokered ceasefire took effect",
"in violation of the truce agreed on Saturday") is a reference to an earlier agreement, not a new one."""
_SAID_FALSE = re.compile(
    r"\b(?:reports?|claims?|allegations?|accusations?|statements?|information)\b[^.;]{0,160}?"
    r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:false|untrue|fake|lies|a lie|baseless|groundless|fabricated"
    r"|disinformation|propaganda|a provocation)\b",
    re.IGNORECASE,
)
"""A statement called false ("Reports that our army struck Khankendi are completely false"): the event in
it is denied."""
_ASPECTUAL = re.compile(
    r"\b(?:began|begun|begin|begins|started|starts|continued|continues|continue|used|uses)\b"
    r"(?: \S+){0,3} to $",
    re.IGNORECASE,
)
"""A verb of beginning or going on before "to": the event happened ("had begun on Thursday to hand over")."""
_PERIOD_SUMMARY = re.compile(
    r"\b(?:during|throughout|over the course of|in the course of) (?:the|its|their) (?:[\w-]+ ){0,3}"
    r"(?:war|occupation|conflict|siege|campaign|hostilities)\b"
    r"|\bsince (?:the|its) (?:[\w-]+ ){0,2}(?:war|conflict|occupation|fighting|ceasefire|truce|invasion) "
    r"(?:ended|began|started|broke out)\b"
    r"|\bin the (?:\d+|[\w-]+) (?:attacks|strikes|incidents|cases) (?:it|they|the group|we) documented\b",
    re.IGNORECASE,
)
"""A sentence that sums up a whole war or occupation ("during the six-week war", "since the war ended in
November", "in the 18 attacks it documented") tells a pattern, not one event."""
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|whether|in case|in the event|had (?:\w+ ){1,2}not)\b", re.IGNORECASE
)
"""Conditions, and the inverted counterfactual ("had the army not intervened"), not a plain "had not"."""
_DENIAL = re.compile(
    r"\b(?:den(?:ied|ies|y|ying)|rejected|dismissed|refuted|not|never|falsely|fake|fabricated|baseless|"
    r"disinformation)\b|n't\b|\bno $",
    re.IGNORECASE,
)
_NEGATED_VERB = re.compile(
    r"\s*(?:(?:did|does|do|had|has|have|was|were|is|are)(?:\s+not|n't)|never|not)\b", re.IGNORECASE
)
"""A negation right after a subject trigger ("Shells did not hit Ganja") or inside one ("rockets never
fell")."""
_CLAUSE_BREAK = re.compile(r"[;:—]|\b(?:but|while|as|said|says|added|adding|saying)\b")


def non_factual_reason(
    text: str, sentence: Span, trigger: Span, year: int | None, sub_event_type: str | None = None
) -> str | None:
    """Why the trigger reports no event that happened ("threat", "question", ...), or None if it does.

    ``year`` is the year of the report's anchor date: a sentence placed in another year is history (a
    relative clause after the trigger, "which it had lost in 1993", does not make it so). An agreement
    named in a time or violation clause is an earlier one.
    """
    if text[sentence.start : sentence.end].rstrip(" \"”’'").endswith("?"):
        return "question"
    if is_called_false(text, sentence, trigger) or is_negated(text, trigger):
        return "denial"
    before = _clause_before(text, sentence, trigger)
    for reason, pattern in (
        ("conditional", _CONDITIONAL),
        ("threat or plan", _IRREALIS),
        ("denial", _DENIAL),
        ("purpose or time reference", _BACKGROUND_CLAUSE),
    ):
        if pattern.search(before) and not (pattern is _BACKGROUND_CLAUSE and _ASPECTUAL.search(before)):
            return reason
    if sub_event_type == "Agreement" and _EARLIER_DEAL.search(before):
        return "earlier agreement"
    if is_history(text[sentence.start : main_clause_end(text, sentence, trigger)], year):
        return "background history"
    if _PERIOD_SUMMARY.search(text, sentence.start, main_clause_end(text, sentence, trigger)):
        return "summary of a period"
    return None


_SIDE_CLAUSE = re.compile(
    r",\s+(?:which|who|whom|whose|where|a|an|one of)\b"
    r"|,?\s+(?:(?:less|more) than |just |only |barely |some )?"
    r"(?:(?:an?|one|two|three|several|a few|\d+) (?:minutes?|hours?|days?|weeks?|months?)"
    r"|minutes|hours|days|weeks)\s+(?:after|before)\b",
    re.IGNORECASE,
)


def main_clause_end(text: str, sentence: Span, trigger: Span) -> int:
    """Where the trigger's own clause ends: at a relative or appositive clause after it ("Fuzuli, which it
    had lost in 1993", ", one of the deadliest raids since the war began") or a time clause that tells
    another event (", hours after a ceasefire took effect"); else with the sentence."""
    after = _SIDE_CLAUSE.search(text, trigger.end, sentence.end)
    return after.start() if after else sentence.end


def is_negated(text: str, trigger: Span) -> bool:
    """True when the trigger's own words or the verb right after them are negated ("Shells did not hit
    Ganja", "rockets never fell on Ganja")."""
    words = trigger.text_of(text)
    return bool(_NEGATED_VERB.match(text, trigger.end)) or any(
        _NEGATED_VERB.match(words, m.start()) for m in re.finditer(r"\s", words)
    )


def is_called_false(text: str, sentence: Span, trigger: Span) -> bool:
    """True when the trigger lies in a statement the sentence calls false ("the Azerbaijani claim to have
    taken Jabrayil was false")."""
    return any(
        m.start() <= trigger.start and trigger.end <= m.end()
        for m in _SAID_FALSE.finditer(text, sentence.start, sentence.end)
    )


def _clause_before(text: str, sentence: Span, trigger: Span) -> str:
    """The words before the trigger in its own clause (at most a few dozen characters)."""
    before = text[max(sentence.start, trigger.start - _LOOKBACK) : trigger.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before
