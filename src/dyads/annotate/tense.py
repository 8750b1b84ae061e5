"""Tense: does the clause a word belongs to speak of the past, the present or the future?

Time expressions need it to choose which Friday "Friday" is; events need it to
tell a planned visit from one that happened. Read from the spaCy parse: the
auxiliaries and the tag of the governing verb, plus the words of news that
schedule ("set for", "planned", "postponed until").
"""

from __future__ import annotations


# "planned to leave", "ready to come", "agreed to meet": the infinitive is still to happen
INTENT_WORDS = {"plan", "intend", "expect", "schedule", "ready", "prepare", "hope", "aim", "want", "agree", "decide",
                "set", "due", "go", "seek", "try", "promise", "pledge", "threaten", "vow"}
# "postponed until Tuesday", "gave them until Friday": a deadline still to come
DEFERRAL_VERBS = {"postpone", "delay", "adjourn", "defer", "extend", "give", "grant", "have", "wait", "suspend", "recess"}
# "planned a demonstration on Saturday": the thing planned is still to happen
PLANNING_VERBS = {"plan", "schedule", "arrange", "propose"}
# "a summit set for April", "talks scheduled for Friday": a participle that schedules
SCHEDULING_PARTICIPLES = {"set", "scheduled", "planned", "slated", "due", "expected"}
MODALS = {"would", "might", "may", "'d"}  # "could" too, before a bare verb ("could come")


def tense_of(token) -> str:
    """past | present | future | unknown for the clause a token belongs to (a spaCy token).

    "unknown" (no finite verb, a bare infinitive) lets a date without a year take
    its nearest reading."""
    head, planned = token, False
    for _ in range(6):
        if head.pos_ in {"VERB", "AUX"} or head.dep_ == "ROOT":
            break
        if head.dep_ == "dobj" and head.head.lemma_ in PLANNING_VERBS:
            planned = True
        if head.lower_ in {"until", "till"} and head.head.lemma_ in DEFERRAL_VERBS:
            planned = True
        head = head.head
    words = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
    if words & {"will", "shall", "'ll"} or head.lower_ in {"will"} or planned:
        return "future"
    # "could come as early as Tuesday", "would be held on April 24": a modal looks forward
    # from the time of the report, unless it looks back ("would have been")
    if (words & MODALS or (head.tag_ == "VB" and "could" in words)) and "have" not in words:
        return "future"
    if head.tag_ == "VB" and "to" in words and head.head.lemma_ in INTENT_WORDS:
        return "future"
    if head.tag_ == "VBG" and words & {"be"} and any(c.lower_ in {"would", "will"} for c in head.children):
        return "future"
    if head.lower_ in SCHEDULING_PARTICIPLES:
        if head.dep_ == "acl":  # "a summit set for April"; "a service planned for Saturday was canceled"
            return "past" if tense_of(head.head) == "past" else "future"
        if words & {"was", "were"}:
            return "unknown"  # "was planned for early March": the plan is past, its date may not be
        if words & {"is", "are", "am"} or head.lower_ not in {"set", "planned"}:
            return "future"  # "talks are set for April 24", "talks scheduled for Friday"
    if head.lower_ in {"plans", "going"} or any(c.lower_ in {"scheduled", "expected", "due"} for c in head.children):
        return "future"
    if head.tag_ == "VBN" and words & {"is", "are", "am"} and not words & {"has", "have", "had"}:
        return "present"  # "the case is heard in May"
    if head.tag_ in {"VBD", "VBN"} or words & {"was", "were", "had", "did", "has", "have"}:
        return "past"
    if head.tag_ in {"VBZ", "VBP"}:
        return "present"
    if head.tag_ == "VBG" and words & {"is", "are", "am"}:
        return "future"  # "is visiting on Friday": planned
    return "unknown"
