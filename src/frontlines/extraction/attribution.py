"""Who said so, and what that makes of the event: claimed, reported, confirmed or denied.

Attribution is read per sentence: "according to X", "X said/told/confirmed/claimed", the
post-posed ", said X", and the outlet in "told CNN". The source's type comes from its head words
and from the actors inside it; the status from the reporting verb and from whether the speaker
is the side that gains (a party announcing its own capture is a claim, whatever the verb).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import yaml

from frontlines.records import (
    Actor,
    ActorKind,
    ActorMention,
    Parse,
    Source,
    SourceType,
    Span,
    Status,
    Token,
)

REPORTING_VERBS = (
    r"said|says|say|told|tells|confirmed|confirms|confirm|claimed|claims|claim|tweeted|announced"
    r"|announces|reported|reports|added|adds|denied|denies|deny|stated|wrote|posted|insisted"
    r"|acknowledged|admitted|declared|declare|declares|quoted|cited|rejected"
)
_VERB = re.compile(rf"\b(?P<verb>{REPORTING_VERBS})\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^,.;:\"\u201c\u201d()]+)", re.IGNORECASE)
_POSTPOSED = re.compile(
    rf"(?:,|\")\s*(?:{REPORTING_VERBS})\s+(?P<src>(?:a|an|the)\s+[^,.;:\"\u201c\u201d()]+)",
    re.IGNORECASE,
)
_OUTLET = re.compile(
    r"\b(?:told|confirmed\s+to|said\s+to|speaking\s+to|in\s+an\s+interview\s+with)\s+"
    r"(?P<outlet>(?:the\s+)?(?:[A-Z][\w&.'-]*)(?:\s+[A-Z][\w&.'-]*){0,3})"
)
# Words that end the noun phrase of a speaker when reading backwards from the verb.
_NP_STOP = re.compile(
    r"[,;:\"\u201c\u201d()]|\b(?:that|but|while|as|after|when|which|who)\b", re.IGNORECASE
)

CLAIM_MARKERS = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|purported(?:ly)?|unverified|could\s+not\s+(?:be\s+)?independently"
    r"\s+verif|not\s+(?:been\s+)?independently\s+(?:verified|confirmed)|propaganda)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class StatusCues:
    """The word lists of ``data/status_cues.yaml`` (what each one is for is said there)."""

    confirm: frozenset[str]
    deny: frozenset[str]
    account_nouns: frozenset[str]
    institutions: re.Pattern[str]


@functools.cache
def status_cues() -> StatusCues:
    raw = yaml.safe_load(
        resources.files("frontlines.data").joinpath("status_cues.yaml").read_text("utf-8")
    )
    words = {k: frozenset(str(w).lower() for w in raw.get(k, [])) for k in
             ("confirm", "deny", "account_nouns")}  # fmt: skip
    institutions = "|".join(f"(?:{p})" for p in raw.get("institutions", [])) or r"(?!)"
    return StatusCues(
        words["confirm"],
        words["deny"],
        words["account_nouns"],
        re.compile(rf"\b(?:{institutions})\b", re.IGNORECASE),
    )


# A sentence with a confirming or denying word form: parsed even without a trigger, so that
# "The army denied the reports" can answer the sentence before.
ANSWER_SCAN = re.compile(
    r"\b(?:"
    + "|".join(sorted({w.rstrip("ey") for w in status_cues().confirm | status_cues().deny}))
    + r")\w*",
    re.IGNORECASE,
)

# "he said" names no source of its own; the sentence before usually did.
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# Word forms (the sentence scan) and lemmas (the parse) of the confirming and denying verbs.
CONFIRM_VERBS = (
    frozenset({"confirmed", "confirms", "confirm", "acknowledged", "admitted"})
    | status_cues().confirm
)
DENY_VERBS = frozenset({"denied", "denies", "deny", "rejected"}) | status_cues().deny
CLAIM_VERBS = frozenset({"claimed", "claims", "claim"})

WITNESS_WORDS = re.compile(
    r"\b(?:residents?|witness(?:es)?|eyewitness(?:es)?|locals|shopkeepers?"
    r"|a\s+man|a\s+woman|people\s+in|inhabitants?|traders?)\b",
    re.I,
)
LOCAL_WORDS = re.compile(
    r"\b(?:provincial|district|local|council|mayor|governor|village|elders?"
    r"|police\s+chief|lawmakers?|MPs?|member\s+of\s+parliament|regional)\b",
    re.I,
)
OFFICIAL_WORDS = re.compile(
    r"\b(?:officials?|ministry|minister|government|spokes(?:man|woman|person)"
    r"|president|army|military|commander|general|defen[cs]e|interior"
    r"|security|authorities|administration|presidential|palace|kremlin"
    r"|pentagon|statement|office)\b",
    re.I,
)
MEDIA_WORDS = re.compile(
    r"\b(?:CNN|Reuters|AFP|AP|BBC|Al\s+Jazeera|TOLOnews|Tolo|Pajhwok|media"
    r"|agency|news|television|TV|newspaper|correspondent|reporters?|journalists?"
    r"|Associated\s+Press|Agence\s+France-Presse)\b",
    re.I,
)
UNNAMED_WORDS = re.compile(r"\b(?:sources?|some|observers|analysts)\b", re.I)
SPEAKER_HEADS = re.compile(
    r"\b(?:spokes(?:man|woman|person)|officials?|ministry|minister|government|governor|council"
    r"|member|chief|head|commander|police|residents?|witness(?:es)?|sources?|lawmaker|MP|president"
    r"|mayor|army|military|statement|authorities|agency|he|she|they|it|group|forces|leader|elder"
    r"|administration|office|director|deputy|analyst|media)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Attribution:
    sources: tuple[Source, ...]
    verbs: tuple[str, ...]  # reporting verbs in the sentence, lower case
    speaker_actors: tuple[Actor, ...]  # actors named inside the source phrases
    claim_marked: bool
    spans: tuple[Span, ...]  # where the sources are, so their actors are not taken as agents


def read_attribution(
    text: str,
    sentence: Span,
    actors: Sequence[ActorMention],
    triggers: Sequence[tuple[int, int]] = (),
) -> Attribution:
    """Sources, reporting verbs and claim markers of one sentence (offsets into ``text``).

    ``triggers`` are event triggers (offsets into the sentence): a reporting verb inside one
    ("declared victory in", "claimed control of") is the event itself, not a report of it.
    """
    s = sentence.text
    base = sentence.start
    found: list[tuple[int, int, str, str]] = []  # start, end, text, rule
    for m in _ACCORDING.finditer(s):
        found.append(
            (m.start("src"), m.end("src"), m.group("src").strip(), "source.according-to.v1")
        )
    verbs: list[str] = []
    for m in _VERB.finditer(s):
        if any(start <= m.start() < end for start, end in triggers):
            continue
        verbs.append(m.group("verb").lower())
        np = _speaker_before(s, m.start())
        if np is not None:
            found.append((*np, "source.speaker-verb.v1"))
    for m in _POSTPOSED.finditer(s):
        found.append((m.start("src"), m.end("src"), m.group("src").strip(), "source.postposed.v1"))
    sources: list[Source] = []
    spans: list[Span] = []
    speakers: list[Actor] = []
    seen: set[str] = set()
    for start, end, src_text, rule in sorted(found):
        src_text = src_text.strip()
        if not src_text or src_text.lower() in seen or src_text.lower() in PRONOUNS:
            continue
        has_actor = any(base + start <= a.span.start < base + end for a in actors)
        if not SPEAKER_HEADS.search(src_text) and not has_actor:
            continue
        seen.add(src_text.lower())
        span = Span(base + start, base + end, src_text)
        inside = [a for a in actors if span.start <= a.span.start < span.end and a.actor]
        sources.append(Source(src_text, _source_type(src_text, inside), span, rule))
        spans.append(span)
        speakers.extend(a.actor for a in inside if a.actor)
    for m in _OUTLET.finditer(s):
        media = MEDIA_WORDS.match(m.group("outlet").removeprefix("the "))
        outlet = media.group() if media else ""  # "told CNN Taliban fighters..." -> "CNN"
        if outlet and outlet.lower() not in seen:
            seen.add(outlet.lower())
            start = base + m.start("outlet") + m.group("outlet").index(outlet)
            span = Span(start, start + len(outlet), outlet)
            sources.append(Source(outlet, SourceType.MEDIA, span, "source.outlet.v1"))
    return Attribution(
        tuple(sources), tuple(verbs), tuple(speakers), bool(CLAIM_MARKERS.search(s)), tuple(spans)
    )


def status_of(
    attribution: Attribution, actor: Actor | None, *, gain: bool = True
) -> tuple[Status, str]:
    """The event's status and the rule that decided it.

    ``gain``: the event is a gain for ``actor`` (a capture or a siege). A side announcing its
    own gain makes a claim; a side announcing its own withdrawal makes an admission, which is
    as good as a report (or a confirmation, if it says "confirmed").
    """
    verbs = set(attribution.verbs)
    if verbs & DENY_VERBS:
        return Status.DENIED, "status.denial-verb.v1"
    own = actor is not None and any(_same_side(actor, sp) for sp in attribution.speaker_actors)
    if own and gain:
        return Status.CLAIMED, "status.party-speaks-for-itself.v1"
    if verbs & CONFIRM_VERBS:
        return Status.CONFIRMED, "status.confirmation-verb.v1"
    if own:
        return Status.REPORTED, "status.party-admits-loss.v1"
    if verbs & CLAIM_VERBS or attribution.claim_marked:
        return Status.CLAIMED, "status.claim-marker.v1"
    return Status.REPORTED, "status.default-reported.v1"


def _same_side(a: Actor, b: Actor) -> bool:
    return a.id == b.id or (a.side is not None and a.side == b.side and a.country == b.country)


def _speaker_before(s: str, verb_start: int) -> tuple[int, int, str] | None:
    """The noun phrase right before a reporting verb, up to a clause boundary (≤ 10 words)."""
    head = s[:verb_start]
    stops = list(_NP_STOP.finditer(head))
    start = stops[-1].end() if stops else 0
    np = head[start:].strip()
    if not np or len(np.split()) > 10:
        return None
    offset = head.index(np, start)
    return offset, offset + len(np), np


def _source_type(text: str, actors: Sequence[ActorMention]) -> SourceType:
    if WITNESS_WORDS.search(text):
        return SourceType.WITNESS
    if LOCAL_WORDS.search(text):
        return SourceType.LOCAL_OFFICIAL
    kinds = {a.actor.kind for a in actors if a.actor}
    if ActorKind.NON_STATE in kinds:
        return SourceType.PARTY
    if OFFICIAL_WORDS.search(text) or kinds:
        return SourceType.GOVERNMENT_OFFICIAL
    if MEDIA_WORDS.search(text):
        return SourceType.MEDIA
    return SourceType.UNNAMED


# --------------------------------------------------------------------------- from the parse

# Lemmas of the verbs that report a clause: the verb that governs a trigger decides its status.
REPORTING_LEMMAS = frozenset(
    {"say", "tell", "confirm", "claim", "tweet", "announce", "report", "add", "deny", "state",
     "write", "post", "insist", "acknowledge", "admit", "declare", "quote", "cite", "reject",
     "allege", "assert", "boast", "publish", "broadcast", "show", "dismiss", "refute", "verify",
     "corroborate", "concede"}
)  # fmt: skip
# Links from a clause (or a noun) up to the verb that reports it.
_REPORTED_BY = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "advcl", "conj", "nsubjpass"})
_CLIMB_TO_REPORT = frozenset(
    {
        "xcomp",
        "conj",
        "aux",
        "pcomp",
        "pobj",
        "prep",
        "acl",
        "dobj",
        "nsubj",
        "nsubjpass",
        "advcl",
        "ccomp",
        "relcl",
        "appos",
        "compound",
    }
)


@dataclass(frozen=True, slots=True)
class Report:
    """The reporting verb that governs a trigger, and the phrase of its speaker."""

    verb: Token
    speaker: tuple[int, int] | None  # character span of the speaker's phrase
    negated: bool = False  # "could not confirm", "cannot confirm or deny": says nothing


def negated_verb(parse: Parse, tok: Token) -> bool:
    """The verb carries a negation, or is coordinated with one that does ("cannot confirm or
    deny")."""
    toks = parse.tokens
    heads = [tok.i] + ([tok.head] if tok.dep == "conj" else [])
    return any(toks[k].dep == "neg" for h in heads for k in parse.children[h])


def answer_verbs(parse: Parse) -> list[tuple[Token, Status]]:
    """The confirming and denying verbs of a parsed sentence that are not negated."""
    cues = status_cues()
    out = []
    for t in parse.tokens:
        if t.pos not in ("VERB", "AUX") or negated_verb(parse, t):
            continue
        if t.lemma in cues.confirm:
            out.append((t, Status.CONFIRMED))
        elif t.lemma in cues.deny:
            out.append((t, Status.DENIED))
    return out


def governing_report(parse: Parse, token: int) -> Report | None:
    """The nearest reporting verb above the trigger ("officials said X fell", "claimed to have
    taken", "denied the capture of"), or "according to X" on its way up."""
    toks = parse.tokens
    cur = toks[token]
    for _ in range(8):
        for k in parse.children[cur.i]:
            if toks[k].lemma == "accord":
                objs = [
                    toks[g] for p in parse.children[k] if toks[p].lemma == "to"
                    for g in parse.children[p] if toks[g].dep == "pobj"
                ]  # fmt: skip
                if objs:
                    return Report(toks[k], _phrase(parse, objs[0].i))
        if cur.head == cur.i or cur.dep not in _CLIMB_TO_REPORT:
            return None
        head = toks[cur.head]
        if head.lemma in REPORTING_LEMMAS and cur.dep in _REPORTED_BY:
            subj = [
                toks[k] for k in parse.children[head.i]
                if toks[k].dep in ("nsubj", "nsubjpass") and k != cur.i
            ]  # fmt: skip
            agent = [
                toks[g] for k in parse.children[head.i] if toks[k].dep == "agent"
                for g in parse.children[k] if toks[g].dep == "pobj"
            ]  # fmt: skip
            who = agent[0] if agent else (subj[0] if subj else None)
            return Report(
                head,
                _phrase(parse, who.i) if who is not None else None,
                negated_verb(parse, head),
            )
        cur = head
    return None


def _phrase(parse: Parse, head: int) -> tuple[int, int]:
    """Characters of the subtree of ``head`` (a speaker's phrase, with its modifiers)."""
    lo, hi = parse.tokens[head].start, parse.tokens[head].end
    stack = [head]
    while stack:
        i = stack.pop()
        for k in parse.children[i]:
            t = parse.tokens[k]
            if t.dep in ("relcl", "punct"):
                continue
            lo, hi = min(lo, t.start), max(hi, t.end)
            stack.append(k)
    return lo, hi


def clause_attribution(
    sentence: Attribution, report: Report | None, actors: Sequence[ActorMention]
) -> Attribution:
    """The sentence's attribution narrowed to the trigger's own reporting verb: a "denied" or
    "claimed" that governs another clause of the sentence says nothing about this event."""
    if report is None:
        return Attribution(
            sentence.sources, (), sentence.speaker_actors, sentence.claim_marked, sentence.spans
        )
    words = () if report.negated else (report.verb.text.lower(), report.verb.lemma)
    own: list[tuple[Source, Span]] = []
    if report.speaker is not None:
        lo, hi = report.speaker
        own = [
            (src, src.span) for src in sentence.sources
            if src.span is not None
            and (lo <= src.span.start < hi or src.span.start <= lo < src.span.end)
        ]  # fmt: skip
    if not own:
        return Attribution(
            sentence.sources, words, sentence.speaker_actors, sentence.claim_marked, sentence.spans
        )
    spans = tuple(span for _, span in own)
    speakers = tuple(
        a.actor for a in actors
        if a.actor is not None and any(sp.start <= a.span.start < sp.end for sp in spans)
    )  # fmt: skip
    return Attribution(tuple(s for s, _ in own), words, speakers, sentence.claim_marked, spans)
