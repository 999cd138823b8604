"""Argument roles from the dependency parse, handled once for every trigger.

A trigger entry names slots ("subject", "object", "prep:of", "poss", "mod", "locative"); this
module finds their fillers. What makes news hard is handled here, not per trigger: passives
("Kunduz was captured by ..."), control verbs ("claimed to have recaptured": the claimer is the
agent; "forced the army to withdraw": the army is), shared subjects of coordinated verbs
("entered and seized"), relative clauses and participles ("the town, which the rebels took";
"the town captured by ..."), lists ("Kunduz, Taloqan and Sar-e Pul"; "the towns of A, B and
C"), and a kind word standing for its name ("the village of Tal Baydar", "Marib city",
"the provincial capital, Taloqan").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from frontlines.annotate.dates_patterns import MONTH_NUMBER, WEEKDAY_NUMBER
from frontlines.extraction.lexicon import Match, is_passive
from frontlines.records import Parse, Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom", "whose"})
# Prepositions whose object is where something happened.
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "across", "within", "throughout",
     "along", "on", "into", "off", "outskirts", "between", "from", "toward", "towards", "by"}
)  # fmt: skip
# Of these, the object is a reference point, not the place itself.
NEAR_PREPS = frozenset({"near", "outside", "around", "between", "toward", "towards", "by", "off"})
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west", "outskirts", "edge", "vicinity",
     "direction", "outside", "gates", "approaches"}
)  # fmt: skip
# A kind word before its name: "the town of X", "X city", "the capital, X".
PLACE_KIND_WORDS = frozenset(
    {"town", "city", "village", "district", "province", "region", "area", "settlement",
     "locality", "hamlet", "neighbourhood", "neighborhood", "suburb", "capital", "centre",
     "center", "stronghold", "hub", "port", "county", "municipality", "state", "governorate",
     "oblast", "commune", "department", "community", "township", "enclave", "outpost", "valley",
     "island", "crossing", "junction", "frontline", "front", "sector", "subdistrict",
     "sub-district", "prefecture", "territory", "zone", "quarter", "upazila", "tehsil", "lga",
     "camp", "localities", "parts", "part", "rest", "most", "much", "all", "some",
     "outskirts", "countryside", "environs", "heart", "downtown"}
)  # fmt: skip
_NAME_DEPS = frozenset({"compound", "flat", "nmod", "amod", "nummod"})
# A military position is where it is: "their camp at Tessalit", "the base in Djibo".
POSITION_WORDS = frozenset(
    {"camp", "base", "position", "barracks", "garrison", "headquarters", "outpost", "post",
     "stronghold", "checkpoint", "airbase", "compound", "bastion", "trench", "line"}
)  # fmt: skip
_LIST_PREPS = frozenset({"including", "like", "include"})
# "residents of X": where people live is where what befell them happened
RESIDENT_WORDS = frozenset(
    {"resident", "villager", "inhabitant", "native", "townsman", "townspeople", "dweller"}
)
# A time is no argument: "fired on 6 May at positions", "took control of X on Monday". The
# calendar's own month and weekday names, and the time nouns.
_TIME_NOUNS = frozenset(
    {"day", "night", "morning", "afternoon", "evening", "dawn", "dusk", "week", "weekend",
     "month", "year", "hour", "today", "tonight", "yesterday", "midnight", "noon",
     "overnight", "time"}
)  # fmt: skip
TIME_WORDS = frozenset(MONTH_NUMBER) | frozenset(WEEKDAY_NUMBER) | _TIME_NOUNS
# Clause heads: a trigger's own clause stops at them (its time is read there).
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "parataxis", "conj", "csubj"})


@dataclass(frozen=True, slots=True)
class Filler:
    """One filler of a slot: its head token, the characters of its name or phrase, and how the
    role reader got there (cited in the event's explanation)."""

    head: int
    start: int
    end: int
    slot: str
    via: str
    near: bool = False  # the filler is a reference point ("near Gao"), not the place itself


class RoleReader:
    """Slot fillers of the triggers of one parsed sentence."""

    def __init__(self, parse: Parse) -> None:
        self.parse = parse
        self.toks = parse.tokens

    # ------------------------------------------------------------------ public

    def fill(self, match: Match, slot: str) -> list[Filler]:
        tok = self.toks[match.token]
        if slot == "subject":
            return self._items(self._subject(tok), slot)
        if slot == "object":
            # "captured 19 capitals in a week, including Kandahar and Herat", the "including"
            # on the verb or on its object(s)
            holders = [tok, *self._deps(tok, ("dobj", "obj"))]
            listed = [
                (o, "including")
                for h in holders
                for p in self._deps(h, ("prep",))
                if p.lemma in _LIST_PREPS or p.lemma == "include"
                for o in self._deps(p, ("pobj",))
            ]
            return self._items([*self._object(tok), *listed], slot)
        if slot == "poss":
            return self._items([(t, "possessor") for t in self._deps(tok, ("poss",))], slot)
        if slot == "mod":
            mods = [
                t for t in self._deps(tok, ("compound", "amod", "nmod"))
                if t.pos in ("PROPN", "NOUN", "ADJ") and t.i not in match.nodes
            ]  # fmt: skip
            return [self._filler(t, slot, "modifier") for t in mods]
        if slot == "locative":
            return self._locative(match)
        if slot == "instrument":
            return self._instrument(match)
        if slot.startswith("prep:"):
            return self._prep(match, slot)
        raise ValueError(f"unknown slot {slot!r}")

    def governor_chain(self, i: int) -> list[Token]:
        """The token and the heads above it, to the root (modality and attribution read it)."""
        out = [self.toks[i]]
        seen = {i}
        while out[-1].head != out[-1].i and out[-1].head not in seen:
            seen.add(out[-1].head)
            out.append(self.toks[out[-1].head])
        return out

    def phrase(self, head: int) -> tuple[int, int]:
        """Characters of the noun phrase of ``head`` without its clauses (for actor names)."""
        keep = [head]
        stack = [head]
        while stack:
            i = stack.pop()
            for k in self.parse.children[i]:
                t = self.toks[k]
                if t.dep in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "det"):
                    continue
                if (t.dep == "prep" and t.lemma not in ("of", "from")) or (
                    i != head and t.dep == "prep"
                ):
                    continue
                keep.append(k)
                stack.append(k)
        lo = min(self.toks[k].start for k in keep)
        hi = max(self.toks[k].end for k in keep)
        return lo, hi

    def clause(self, token: int) -> tuple[int, int]:
        """Characters of the trigger's own clause: its clause head's words without the
        clauses embedded in it."""
        chain = self.governor_chain(token)
        head = chain[0]
        for t in chain:
            head = t
            if t.pos in ("VERB", "AUX") or t.dep in _CLAUSE_DEPS or t.head == t.i:
                break
        lo, hi = head.start, head.end
        stack = [head.i]
        while stack:
            i = stack.pop()
            for k in self.parse.children[i]:
                kid = self.toks[k]
                if kid.dep in _CLAUSE_DEPS and k != token and token not in _subtree(self.parse, k):
                    continue
                lo, hi = min(lo, kid.start), max(hi, kid.end)
                stack.append(k)
        return lo, hi

    # ------------------------------------------------------------------ slots

    def _subject(self, tok: Token) -> list[tuple[Token, str]]:
        verbal = any(
            self.toks[k].dep in ("nsubj", "nsubjpass", "aux", "auxpass", "agent", "dobj")
            for k in self.parse.children[tok.i]
        )
        if tok.pos not in ("VERB", "AUX", "ADJ") and tok.tag[:2] != "VB" and not verbal:
            return []
        if is_passive(self.parse, tok):
            agent = [p for p in self._deps(tok, ("agent",))] or [
                p for p in self._deps(tok, ("prep",)) if p.lemma == "by"
            ]
            objs = [o for a in agent for o in self._deps(a, ("pobj",))]
            return [(o, "passive-by") for o in objs]
        subj = self._deps(tok, SUBJECT_DEPS)
        if subj:
            s = subj[0]
            if s.lemma in RELATIVE_WORDS and tok.dep == "relcl":
                return [(self.toks[tok.head], "relative-subject")]
            return [(s, "subject")]
        head = self.toks[tok.head]
        if tok.head == tok.i:
            return []
        if tok.dep == "conj" and head.pos in ("VERB", "AUX"):
            return [(t, "shared-subject") for t, _ in self._subject(head)]
        if tok.dep in ("xcomp", "ccomp", "advcl", "pcomp") and head.pos in ("VERB", "AUX"):
            if tok.dep == "xcomp":
                objs = self._deps(head, ("dobj",))
                if objs:  # "forced the army to withdraw": the object of the governor acts
                    return [(objs[0], "object-control")]
            if tok.dep in ("xcomp", "advcl"):
                return [(t, "control") for t, _ in self._subject(head)]
        if tok.dep in ("acl", "relcl") and tok.tag == "VBG":
            return [(head, "participle-subject")]
        return []

    def _object(self, tok: Token) -> list[tuple[Token, str]]:
        if is_passive(self.parse, tok):
            subj = self._deps(tok, ("nsubjpass",))
            if subj:
                s = subj[0]
                if s.lemma in RELATIVE_WORDS and tok.dep == "relcl":
                    return [(self.toks[tok.head], "relative-object")]
                return [(s, "passive-subject")]
            if tok.dep in ("acl", "amod") and tok.i != tok.head:
                return [(self.toks[tok.head], "participle-object")]
            if tok.dep == "conj":
                head = self.toks[tok.head]
                if is_passive(self.parse, head):
                    return [(t, "shared-object") for t, _ in self._object(head)]
            return []
        objs = self._deps(tok, ("dobj", "obj"))
        if objs:
            o = objs[0]
            if o.lemma in RELATIVE_WORDS and tok.dep == "relcl":
                return [(self.toks[tok.head], "relative-object")]
            return [(o, "object")]
        if tok.dep == "relcl" and any(
            t.lemma in RELATIVE_WORDS for t in self._deps(tok, ("dobj", "nsubj", "advmod"))
        ):
            return [(self.toks[tok.head], "relative-object")]
        # "surrounded and captured the city": the object of the coordinated verb
        for c in self._deps(tok, ("conj",)):
            if c.pos == "VERB":
                shared = self._deps(c, ("dobj",))
                if shared:
                    return [(shared[0], "shared-object")]
        return []

    def _prep(self, match: Match, slot: str) -> list[Filler]:
        spec = slot[5:]
        outer, _, inner = spec.partition(">")
        words = frozenset(outer.split("|"))
        inner_words = frozenset(inner.split("|")) if inner else frozenset()
        out: list[Filler] = []
        for node in self._prep_anchors(match):
            for p in self._deps(node, ("prep", "agent", "dative", "prt", "advmod")):
                if p.lemma not in words:
                    continue
                if not inner:
                    objs = self._deps(p, ("pobj", "pcomp"))
                    out += self._items([(o, f"prep-{p.lemma}") for o in objs], slot)
                    if not objs:  # "pulled out of": "of" under "out"
                        for q in self._deps(p, ("prep",)):
                            objs2 = self._deps(q, ("pobj",))
                            out += self._items(
                                [(o, f"prep-{p.lemma}-{q.lemma}") for o in objs2], slot
                            )
                    continue
                for o in [*self._deps(p, ("pobj",)), p]:
                    if inner == "mod":
                        mods = [
                            t for t in self._deps(o, ("compound", "amod", "poss", "nmod"))
                            if t.pos in ("PROPN", "NOUN", "ADJ", "PRON")
                        ]  # fmt: skip
                        out += [self._filler(t, slot, f"prep-{p.lemma}-modifier") for t in mods]
                        continue
                    for q in self._deps(o, ("prep", "agent")):
                        if q.lemma in inner_words:
                            objs = self._deps(q, ("pobj",))
                            out += self._items(
                                [(x, f"prep-{p.lemma}-{q.lemma}") for x in objs], slot
                            )
            if out:
                return out
        return out

    def _prep_anchors(self, match: Match) -> list[Token]:
        """Where a trigger's prepositions attach: the trigger, its particle and object, and,
        for a noun that is the object of a light verb ("launched an attack on"), that verb."""
        nodes = [self.toks[n] for n in match.nodes]
        tok = nodes[0]
        # the frame's own noun or particle first: "took control of X on Monday" is "of X"
        nodes = [*nodes[1:], tok]
        if tok.pos in ("NOUN", "PROPN") and tok.dep in ("dobj", "nsubjpass", "pobj", "nsubj"):
            head = self.toks[tok.head]
            if head.pos == "VERB":
                nodes.append(head)
        return nodes

    def _instrument(self, match: Match) -> list[Filler]:
        """ "with rockets", "using drones", "explosions involving heavy weapons"."""
        out: list[Filler] = []
        anchors = self._prep_anchors(match)
        # "bursts of fire involving small arms": the instrument hangs on the "of" object
        anchors += [o for p in self._deps(self.toks[match.token], ("prep",)) if p.lemma == "of"
                    for o in self._deps(p, ("pobj",))]  # fmt: skip
        for node in anchors:
            for k in self.parse.children[node.i]:
                kid = self.toks[k]
                if kid.dep == "prep" and kid.lemma in ("with", "using", "by"):
                    out += self._items(
                        [(o, f"with-{kid.lemma}") for o in self._deps(kid, ("pobj",))], "instrument"
                    )
                elif kid.dep in ("acl", "advcl", "prep") and kid.lemma in (
                    "involve",
                    "use",
                    "using",
                ):
                    out += self._items(
                        [(o, f"{kid.lemma}") for o in self._deps(kid, ("dobj", "pobj"))],
                        "instrument",
                    )
        return out

    def _locative(self, match: Match) -> list[Filler]:
        tok = self.toks[match.token]
        anchors = self._prep_anchors(match)
        objs = self._object(tok) if tok.pos in ("VERB", "AUX") else []
        anchors += [o for o, _ in objs]
        if tok.pos in ("NOUN", "PROPN") and tok.head != tok.i:
            anchors.append(self.toks[tok.head])  # "clashes erupted in X"
        # the clause the trigger stands in ("... killed when their car hit a mine in X")
        anchors += [t for t in self.governor_chain(tok.i)[1:3] if t.pos in ("VERB", "AUX")]
        out: list[Filler] = []
        seen: set[int] = set()
        for node in anchors:
            for p in self._deps(node, ("prep",)):
                if p.lemma not in LOCATIVE_PREPS:
                    continue
                for o in self._deps(p, ("pobj",)):
                    if o.i in seen:
                        continue
                    seen.add(o.i)
                    near = p.lemma in NEAR_PREPS
                    for f in self._items([(o, f"locative-{p.lemma}")], "locative"):
                        out.append(_with_near(f, near or f.near))
                        # "in the village of X in Y district": X, then its container
        return out

    def sentence_locatives(self, match: Match) -> list[Filler]:
        """Every locative phrase of the sentence ("in X", "at X"), nearest the trigger first:
        where the parser hung the place on another word ("abducted the wife of a chief in
        X"), the sentence still says where the event happened."""
        tok = self.toks[match.token]
        out: list[Filler] = []
        for p in self.toks:
            if p.dep != "prep":
                continue
            resident = p.lemma == "of" and self.toks[p.head].lemma in RESIDENT_WORDS
            if not resident and (p.lemma not in LOCATIVE_PREPS or p.lemma in NEAR_PREPS):
                continue
            for o in self._deps(p, ("pobj",)):
                out += self._items([(o, f"sentence-locative-{p.lemma}")], "locative")
        out.sort(key=lambda f: abs(self.toks[f.head].i - tok.i))
        return out

    # ------------------------------------------------------------------ fillers

    def _items(self, heads: Iterable[tuple[Token, str]], slot: str) -> list[Filler]:
        """Each head with the items listed with it, a kind word replaced by its name."""
        out: list[Filler] = []
        for tok, via in heads:
            if self._is_time(tok):
                continue
            for item, how in self._list(tok):
                out.extend(self._named(item, slot, via if how == "head" else f"{via}+{how}"))
        return out

    def _is_time(self, tok: Token) -> bool:
        """A date or a time of day: "Monday", "6 May 2021", "the night"."""
        if tok.lemma.lower() in TIME_WORDS or tok.text.lower() in TIME_WORDS:
            return True
        return tok.pos == "NUM" and any(
            self.toks[k].text.lower() in TIME_WORDS for k in self.parse.children[tok.i]
        )

    def _list(self, tok: Token) -> list[tuple[Token, str]]:
        """The head and what is listed with it; the parser often hangs the next item on the
        apposition of the one before ("Taloqan, the capital of Takhar, and Sar-e Pul")."""
        out = [(tok, "head")]
        stack = [tok]
        while stack:
            t = stack.pop()
            for k in self.parse.children[t.i]:
                kid = self.toks[k]
                if kid.dep == "conj" and kid.pos in ("PROPN", "NOUN", "PRON", "NUM", "ADJ"):
                    out.append((kid, "list"))
                    stack.append(kid)
                elif kid.dep == "appos" and t.pos == "PROPN":
                    stack.append(kid)  # not an item itself: a description of ``t``
                elif kid.dep == "prep" and kid.lemma in _LIST_PREPS:
                    for o in self._deps(kid, ("pobj",)):
                        out.append((o, "including"))
                        stack.append(o)
        return out

    def _named(self, tok: Token, slot: str, via: str) -> list[Filler]:
        """A kind word stands for the name it introduces: "the town of X" (X and the places
        listed with it), "the provincial capital, X"; "X city" keeps its compound name.
        Direction words lead to their reference point: "10 km south of X" is near X."""
        if tok.lemma in DIRECTIONS:
            names = [t for t in self._deps(tok, ("compound",)) if t.pos == "PROPN"]
            if names:
                return [self._filler(tok, slot, f"{via}+name-before-direction")]
            for p in self._deps(tok, ("prep",)):
                if p.lemma == "of":
                    return [
                        _with_near(f, True)
                        for o in self._deps(p, ("pobj",))
                        for f in self._items([(o, f"{via}+direction-of")], slot)
                    ]
            return [self._filler(tok, slot, via)]
        names = [t for t in self._deps(tok, ("compound", "nmod")) if t.pos == "PROPN"]
        if tok.lemma in PLACE_KIND_WORDS and names and tok.tag in ("NNS", "NNPS"):
            # "Nimroz, Farah and Ghor provinces": the names, each with the ones listed with it
            return self._items([(n, f"{via}+names-before-kind") for n in names], slot)
        if tok.lemma in POSITION_WORDS and not names:
            for p in self._deps(tok, ("prep",)):
                if p.lemma in ("at", "in", "near", "outside", "on"):
                    objs = self._deps(p, ("pobj",))
                    if objs:
                        return self._items([(o, f"{via}+position-{p.lemma}") for o in objs], slot)
        if (tok.lemma in PLACE_KIND_WORDS or tok.pos == "NUM") and not names:
            out: list[Filler] = []
            for p in self._deps(tok, ("prep",)):
                if p.lemma == "of":
                    objs = self._deps(p, ("pobj",))
                    out += self._items([(o, f"{via}+kind-of-name") for o in objs], slot)
            appos = [
                t for t in self._deps(tok, ("appos",))
                if t.pos == "PROPN" or t.lemma in PLACE_KIND_WORDS
            ]  # fmt: skip
            if appos:
                out += self._items([(appos[0], f"{via}+kind-apposition")], slot)
            if not out and tok.lemma in PLACE_KIND_WORDS:
                out = self._identity(tok, slot, via)
            if out:
                return out
        return [self._filler(tok, slot, via)]

    def _identity(self, tok: Token, slot: str, via: str) -> list[Filler]:
        """ "The last capital that fell was Faizabad", "Faizabad was the last city to fall":
        a kind word that a copula equates with a name."""
        head = self.toks[tok.head]
        if head.lemma != "be" or tok.head == tok.i:
            return []
        other = "attr" if tok.dep == "nsubj" else "nsubj" if tok.dep == "attr" else ""
        names = [t for t in self._deps(head, (other,)) if t.pos == "PROPN"]
        return self._items([(n, f"{via}+copula") for n in names], slot)

    def _has_name_compound(self, tok: Token) -> bool:
        return any(t.pos == "PROPN" for t in self._deps(tok, ("compound",)))

    def _filler(self, tok: Token, slot: str, via: str) -> Filler:
        """The characters of a name: the head with the name words joined to its left."""
        start = tok.start
        i = tok.i - 1
        left = {k for k in self.parse.children[tok.i] if self.toks[k].dep in _NAME_DEPS}
        while i >= 0 and (
            i in left
            or (self.toks[i].dep in ("compound", "flat") and self.toks[i].head in left | {tok.i})
        ):
            if self.toks[i].pos in ("PROPN", "NOUN", "ADJ", "NUM", "X"):
                start = self.toks[i].start
                left |= set(self.parse.children[i])
            i -= 1
        return Filler(tok.i, start, tok.end, slot, via)

    def _deps(self, tok: Token, deps: Iterable[str]) -> list[Token]:
        wanted = frozenset(deps)
        return [self.toks[k] for k in self.parse.children[tok.i] if self.toks[k].dep in wanted]


def _with_near(f: Filler, near: bool) -> Filler:
    if near == f.near:
        return f
    return Filler(f.head, f.start, f.end, f.slot, f.via, near)


def _subtree(parse: Parse, i: int) -> set[int]:
    out = {i}
    stack = [i]
    while stack:
        for k in parse.children[stack.pop()]:
            out.add(k)
            stack.append(k)
    return out
