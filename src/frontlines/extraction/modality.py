"""Negation and modality from the parse: "has not fallen", "could fall", "tried to take".

The cues are read on the trigger and on the words that govern it in the same clause: its own
negation and modal auxiliaries, the verb it is the complement of ("failed to", "tried to",
"threatened to", "managed to"), the noun it depends on ("an attempt to", "the threat of"), and
a conditional ("if the city falls"). A reporting verb ("said", "denied") ends the climb: what
it governs is attribution, read elsewhere. The word lists are named here, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontlines.records import Modality, Parse, Token

MODALS_FUTURE = frozenset(
    {"will", "shall", "'ll", "wo", "would", "could", "may", "might", "should", "must", "can", "ca"}
)
# Governing verbs (of an infinitive or gerund complement) and what they make of it.
NEGATING_VERBS = frozenset(
    {"fail", "refuse", "decline", "avoid", "prevent", "stop", "thwart", "foil", "repel", "repulse",
     "deny", "halt", "block", "resist", "abort", "abandon", "forgo", "cancel", "postpone"}
)  # fmt: skip
ATTEMPT_VERBS = frozenset(
    {"try", "attempt", "seek", "strive", "struggle", "aim", "fight", "battle", "push", "race",
     "scramble", "move", "look", "work", "bid", "endeavour", "endeavor", "advance", "march",
     "mobilize", "mobilise", "launch"}
)  # fmt: skip
FUTURE_VERBS = frozenset(
    {"threaten", "plan", "intend", "vow", "prepare", "expect", "hope", "want", "pledge",
     "promise", "plot", "set", "poise", "be", "need", "wish", "propose", "consider", "mull",
     "urge", "call", "ask", "demand", "warn", "fear", "risk", "send", "deploy", "dispatch",
     "fly", "rush", "gather", "mass", "amass", "vote", "agree", "offer", "hesitate", "dare",
     "instruct", "tell", "authorize", "authorise", "approve"}
)  # fmt: skip
# Of these, the complement did happen ("managed to retake", "forced them to withdraw").
DONE_VERBS = frozenset(
    {"manage", "succeed", "continue", "go", "force", "compel", "get", "finish", "end", "keep",
     "resume", "come", "proceed", "decide", "choose", "opt", "elect", "order", "begin", "start",
     "help", "allow", "permit", "enable", "seem", "appear", "use", "employ"}
)  # fmt: skip
ATTEMPT_NOUNS = frozenset(
    {"attempt", "bid", "effort", "push", "drive", "offensive", "campaign", "operation", "plan",
     "mission", "quest", "struggle", "fight", "race", "battle", "advance", "march", "assault"}
)  # fmt: skip
FUTURE_NOUNS = frozenset(
    {"threat", "risk", "fear", "danger", "prospect", "possibility", "verge", "brink", "eve",
     "likelihood", "chance", "warning", "call", "demand", "plan", "intention", "goal", "aim",
     "prospects", "ability", "capacity", "bid", "order"}
)  # fmt: skip
NEGATING_NOUNS = frozenset({"failure", "prevention", "refusal", "denial"})
FUTURE_ADJS = frozenset(
    {
        "likely",
        "about",
        "set",
        "poised",
        "ready",
        "due",
        "expected",
        "bound",
        "able",
        "unlikely",
        "close",
        "eager",
        "keen",
        "determined",
        "willing",
        "certain",
        "sure",
    }
)
NEGATING_ADJS = frozenset({"unable", "impossible"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "hardly", "barely"})
CONDITIONALS = frozenset({"if", "unless", "whether", "lest"})
# Reporting verbs end the climb: "officials denied that X fell" is a denial, not a negation.
REPORTING = frozenset(
    {"say", "tell", "claim", "report", "announce", "confirm", "deny", "state", "add", "insist",
     "acknowledge", "admit", "declare", "tweet", "write", "post", "allege", "assert", "reject",
     "dismiss", "accuse", "note", "indicate", "suggest", "show", "believe", "think", "know",
     "learn", "hear", "see", "understand", "quote", "cite", "reiterate", "stress", "explain"}
)  # fmt: skip
# Links the climb follows: complements, coordination, nouns' arguments, light verbs.
_CLIMB = frozenset(
    {"xcomp", "aux", "conj", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "acl",
     "advcl", "attr", "oprd", "acomp", "compound", "amod", "poss", "ccomp", "relcl", "appos"}
)  # fmt: skip
_MAX_CLIMB = 6


@dataclass(frozen=True, slots=True)
class ModalityReading:
    negated: bool
    modality: Modality
    cue: str | None  # the cue words, for the explanation


ASSERTED = ModalityReading(False, Modality.ASSERTED, None)


def read_modality(parse: Parse, token: int) -> ModalityReading:
    """Negation and modality of the trigger at ``token``."""
    toks = parse.tokens
    tok = toks[token]
    cur = tok
    came_by = ""
    for _ in range(_MAX_CLIMB):
        reading = _own_cues(parse, cur, came_by)
        if reading is not None:
            return reading
        if cur.head == cur.i or cur.dep not in _CLIMB:
            break
        head = toks[cur.head]
        if head.lemma in REPORTING and cur.dep in ("ccomp", "xcomp", "conj", "advcl", "parataxis"):
            break
        if cur.dep in ("relcl", "ccomp") or (cur.dep == "advcl" and not _is_infinitive(parse, cur)):
            # another clause: "after the city fell, troops could..." says nothing of the fall;
            # but a conditional clause does ("if the city falls")
            mark = _mark(parse, cur)
            if mark in CONDITIONALS:
                return ModalityReading(False, Modality.HYPOTHETICAL, mark)
            break
        if cur.dep == "conj" and head.pos in ("VERB", "AUX") and tok.pos in ("VERB", "AUX"):
            # "surrounded and captured": a coordinated verb shares only the auxiliaries
            came_by = "conj"
        else:
            came_by = cur.dep
        reading = _governor(parse, head, cur, came_by)
        if reading is not None:
            return reading
        cur = head
    return ASSERTED


def _own_cues(parse: Parse, tok: Token, came_by: str) -> ModalityReading | None:
    """Negators, modals and conditionals attached to ``tok`` itself."""
    kids = [parse.tokens[k] for k in parse.children[tok.i]]
    if came_by != "conj":  # a negation is not shared by coordinated verbs, auxiliaries are
        for k in kids:
            if k.dep == "neg" or (k.dep in ("advmod", "det", "preconj") and k.lemma in NEGATORS):
                return ModalityReading(True, Modality.ASSERTED, k.text)
    for k in kids:
        if k.dep == "aux" and (k.tag == "MD" or k.lemma in MODALS_FUTURE):
            return ModalityReading(False, Modality.FUTURE, k.text)
        if (
            k.dep == "aux"
            and k.lemma == "go"
            and any(parse.tokens[g].lemma == "to" for g in parse.children[tok.i])
        ):
            return ModalityReading(False, Modality.FUTURE, "going to")
        if k.dep == "mark" and k.lemma in CONDITIONALS:
            return ModalityReading(False, Modality.HYPOTHETICAL, k.text)
    return None


def _governor(parse: Parse, head: Token, child: Token, came_by: str) -> ModalityReading | None:
    """What the governing word makes of its complement ``child``."""
    lemma = head.lemma
    if head.pos in ("VERB", "AUX") and came_by == "dobj" and child.pos in ("NOUN", "PROPN"):
        # "prevented the fall of", "planned an attack on", "attempted a takeover"
        if lemma in NEGATING_VERBS:
            return ModalityReading(True, Modality.ASSERTED, head.text)
        if lemma in FUTURE_VERBS - {"be", "send", "deploy", "dispatch", "fear", "warn"}:
            return ModalityReading(False, Modality.FUTURE, head.text)
        if lemma in ("attempt", "try"):
            return ModalityReading(False, Modality.ATTEMPT, head.text)
    if head.pos in ("VERB", "AUX") and came_by in ("xcomp", "advcl", "pcomp", "ccomp"):
        if lemma in DONE_VERBS:
            return None
        if lemma in NEGATING_VERBS:
            return ModalityReading(True, Modality.ASSERTED, head.text)
        if lemma in ATTEMPT_VERBS and came_by in ("xcomp", "advcl"):
            return ModalityReading(False, Modality.ATTEMPT, head.text)
        if lemma in FUTURE_VERBS and came_by in ("xcomp", "advcl"):
            return ModalityReading(False, Modality.FUTURE, head.text)
        if came_by == "advcl" and _is_infinitive(parse, child):
            # an infinitive of purpose: "sent to retake the town" has not happened yet
            return ModalityReading(False, Modality.FUTURE, f"{head.text} to")
    if head.pos in ("ADJ",) and came_by in ("xcomp", "prep", "pcomp"):
        if lemma in NEGATING_ADJS:
            return ModalityReading(True, Modality.ASSERTED, head.text)
        if lemma in FUTURE_ADJS:
            return ModalityReading(False, Modality.FUTURE, head.text)
    if head.pos in ("NOUN", "PROPN") and came_by in (
        "acl",
        "pobj",
        "prep",
        "xcomp",
        "compound",
        "pcomp",
    ):
        if lemma in NEGATING_NOUNS:
            return ModalityReading(True, Modality.ASSERTED, head.text)
        if lemma in ATTEMPT_NOUNS and (came_by in ("acl", "xcomp") or _is_infinitive(parse, child)):
            return ModalityReading(False, Modality.ATTEMPT, head.text)
        if lemma in FUTURE_NOUNS:
            return ModalityReading(False, Modality.FUTURE, head.text)
    if head.pos == "ADP" and lemma in ("without", "instead"):
        return ModalityReading(True, Modality.ASSERTED, head.text)
    if head.pos == "ADP" and lemma in ("before", "until") and came_by == "pcomp":
        return None
    return None


def _is_infinitive(parse: Parse, tok: Token) -> bool:
    return any(
        parse.tokens[k].dep == "aux" and parse.tokens[k].lemma == "to"
        for k in parse.children[tok.i]
    )


def _mark(parse: Parse, tok: Token) -> str | None:
    for k in parse.children[tok.i]:
        if parse.tokens[k].dep == "mark":
            return parse.tokens[k].lemma
    return None


# The edges by which a trigger is the topic of what governs it: "protested against the
# killing", "demanding the release", "held a protest over the arrest".
TOPIC_PREPS = frozenset({"against", "over", "for", "about", "at", "following", "after", "of", "in"})
_TOPIC_DEPS = frozenset(
    {"dobj", "xcomp", "ccomp", "advcl", "acl", "relcl", "pobj", "nsubjpass", "nsubj"}
)


def protest_topic(parse: Parse, token: int, protest: frozenset[str]) -> str | None:
    """The protest or demand word above the trigger when the trigger is its topic, else None:
    "residents protested the killing of a driver" names a killing, it does not report it."""
    toks = parse.tokens
    cur = toks[token]
    for _ in range(10):
        if cur.head == cur.i:
            return None
        head = toks[cur.head]
        topic = cur.lemma in TOPIC_PREPS if cur.dep == "prep" else cur.dep in _TOPIC_DEPS
        if topic:
            if head.lemma in protest:
                return head.text
            if head.pos in ("VERB", "AUX") and any(
                toks[k].dep in ("dobj", "nsubj") and toks[k].lemma in protest
                for k in parse.children[head.i]
            ):
                return head.text  # "staged a rally against", "protesters marched against"
        cur = head
    return None
