"""The trigger lexicon and the event ontology: data files, loaded once.

A trigger is a lemma (with the particle, preposition or object it needs) and the syntactic slots
its roles are read from; `data/triggers.yaml` documents the schema. Two things are compiled here:
a word-form scan (which sentences are worth parsing) and an index from lemma and word form to
the entries that may match a token of a parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines import yamlfile
from frontlines.errors import DataFileError
from frontlines.records import EventType, Modality, Parse, Span, Token

ROLES = frozenset({"actor", "place", "target", "loser", "weapon"})
_SLOT = re.compile(r"^(?:subject|object|poss|mod|locative|instrument|prep:[a-z|-]+(?:>[a-z|-]+)?)$")
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "advmod", "nummod", "poss"})
_PREP_DEPS = frozenset({"prep", "agent", "dative", "prt", "advmod"})


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    type: EventType
    words: frozenset[str]
    roles: Mapping[str, tuple[str, ...]]
    pos: str = "verb"
    particle: frozenset[str] = frozenset()
    prep: tuple[tuple[str, str | None], ...] = ()  # (preposition, its object or None)
    object: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    not_modifier: frozenset[str] = frozenset()
    not_object: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    voice: str | None = None
    plural: bool = False
    confidence: float = 0.9
    modality: Modality | None = None
    if_uncontested: EventType | None = None
    destination: bool = False
    outcome: bool = False
    forms: frozenset[str] = field(default=frozenset())  # inflected forms of ``words``

    @property
    def specificity(self) -> int:
        """More required words, more specific: "take control of" before "take"."""
        return sum(map(bool, (self.particle, self.prep, self.object, self.modifier, self.plural)))


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger found in a parse: its head token and the tokens of its frame."""

    trigger: Trigger
    token: int
    nodes: tuple[int, ...]  # head, particle, object and preposition tokens (head first)
    span: Span  # the trigger's words in the text ("took control", "fell to")


@dataclass(frozen=True, slots=True)
class OntologyType:
    name: EventType
    description: str
    territorial: bool
    acled: dict[str, dict[str, str]]
    plover: dict[str, str]
    retype: dict[str, EventType] = field(default_factory=dict)


class Lexicon:
    """Compiled triggers, word classes and the ontology."""

    def __init__(
        self,
        triggers: Sequence[Trigger],
        ontology: Mapping[EventType, OntologyType],
        classes: Mapping[str, frozenset[str]],
    ) -> None:
        self.triggers = tuple(triggers)
        self.ontology = dict(ontology)
        self.classes = dict(classes)
        index: dict[str, list[Trigger]] = {}
        for trig in self.triggers:
            for key in trig.words | trig.forms:
                index.setdefault(key, []).append(trig)
        order = {t.id: i for i, t in enumerate(self.triggers)}
        self._index = {
            k: tuple(sorted(v, key=lambda t: (-t.specificity, order[t.id])))
            for k, v in index.items()
        }
        scan = sorted({f for t in self.triggers for f in _scan_forms(t)}, key=len, reverse=True)
        self.scan = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, scan)) + r")(?![\w-])")
        # what else an entry needs in the sentence besides its scan form ("raise" for "flag",
        # "into" for "force"): None when the form alone may make a trigger
        needs: dict[str, list[frozenset[str] | None]] = {}
        for t in self.triggers:
            other = _also_needed(t)
            for f in _scan_forms(t):
                needs.setdefault(f, []).append(other)
        self._needs = needs

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Lexicon:
        base = resources.files("frontlines.data")
        docs: list[tuple[str, Any]] = [
            (
                "triggers.yaml",
                _yaml("triggers.yaml", base.joinpath("triggers.yaml").read_text("utf-8")),
            )
        ]
        for path in extra:
            try:
                docs.append((str(path), _yaml(str(path), Path(path).read_text("utf-8"))))
            except OSError as exc:
                raise DataFileError(str(path), f"cannot read lexicon file: {exc}") from exc
        irregular: dict[str, list[str]] = {}
        classes: dict[str, set[str]] = {}
        for name, doc in docs:
            for lemma, forms in (doc.get("irregular") or {}).items():
                irregular.setdefault(str(lemma), []).extend(str(f) for f in forms or [])
            for cname, words in (doc.get("classes") or {}).items():
                if not isinstance(words, list):
                    raise DataFileError(name, f"classes.{cname}: expected a list of words")
                classes.setdefault(str(cname), set()).update(str(w).lower() for w in words)
        triggers: dict[str, Trigger] = {}
        for name, doc in docs:
            for trig in _parse_triggers(name, doc, irregular):
                triggers[trig.id] = trig
        ontology = _parse_ontology(base.joinpath("ontology.yaml").read_text("utf-8"))
        frozen = {k: frozenset(v) for k, v in classes.items()}
        return cls(list(triggers.values()), ontology, frozen)

    def _entries(self, tok: Token) -> tuple[Trigger, ...]:
        by_lemma = self._index.get(_norm(tok.lemma), ())
        by_form = self._index.get(_norm(tok.text.lower()), ())
        if not by_form or by_form == by_lemma:
            return by_lemma
        if not by_lemma:
            return by_form
        merged = {t.id: t for t in (*by_lemma, *by_form)}
        return tuple(sorted(merged.values(), key=lambda t: -t.specificity))

    def in_class(self, name: str, lemma: str) -> bool:
        return lemma in self.classes.get(name, frozenset())

    def candidates(self, text: str) -> bool:
        """Whether ``text`` holds a word form some trigger needs: only then is it parsed."""
        low = text.lower()
        words: set[str] | None = None
        for m in self.scan.finditer(low):
            for other in self._needs.get(m.group(0), [None]):
                if other is None:
                    return True
                if words is None:
                    words = set(_WORD.findall(low))
                if other & words:
                    return True
        return False

    def match(self, parse: Parse) -> list[Match]:
        """Triggers in a parse, at most one per token, the most specific first; a token that
        is part of another trigger's frame ("fire" in "opened fire") is not a trigger itself."""
        found: list[Match] = []
        for tok in parse.tokens:
            for trig in self._entries(tok):
                nodes = _fits(trig, parse, tok)
                if nodes is not None:
                    found.append(Match(trig, tok.i, nodes, _span(parse, nodes, trig)))
                    break
        used = {n for m in found for n in m.nodes[1:]}
        return [m for m in found if m.token not in used]

    def alternatives(self, parse: Parse, match: Match) -> list[Match]:
        """Every entry that fits the token of ``match`` (it first), in order of preference: when
        the first one's required roles are not filled ("liberated hostages"), the next may be."""
        tok = parse.tokens[match.token]
        out = [match]
        for trig in self._entries(tok):
            if trig.id == match.trigger.id:
                continue
            nodes = _fits(trig, parse, tok)
            if nodes is not None:
                out.append(Match(trig, tok.i, nodes, _span(parse, nodes, trig)))
        return out


# --------------------------------------------------------------------------- matching


def _fits(trig: Trigger, parse: Parse, tok: Token) -> tuple[int, ...] | None:
    """The frame tokens when ``trig`` matches at ``tok``, else None."""
    if not _pos_fits(trig, tok):
        return None
    if _norm(tok.lemma) not in trig.words and _norm(tok.text.lower()) not in trig.forms:
        return None
    kids = [parse.tokens[k] for k in parse.children[tok.i]]
    nodes = [tok.i]
    if trig.not_modifier and any(k.lemma in trig.not_modifier for k in kids):
        return None
    if trig.voice is not None and (trig.voice == "passive") != is_passive(parse, tok):
        return None
    if trig.plural and not _plural(parse, tok):
        return None
    if trig.particle:
        part = next((k for k in kids if k.lemma in trig.particle and k.dep != "nsubj"), None)
        if part is None:
            return None
        nodes.append(part.i)
    obj = _object_of(parse, tok, trig.pos)
    if trig.not_object and obj is not None and obj.lemma in trig.not_object:
        return None
    if trig.object:
        if obj is None or obj.lemma not in trig.object:
            return None
        nodes.append(obj.i)
    if trig.modifier and not any(
        k.lemma in trig.modifier and k.dep in _MODIFIER_DEPS for k in kids
    ):
        return None
    if trig.prep:
        anchors = [parse.tokens[n] for n in nodes]
        if trig.pos == "noun" and tok.dep in ("nsubj", "dobj", "nsubjpass") and tok.head != tok.i:
            anchors.append(parse.tokens[tok.head])  # "fighting broke out inside the city"
        hit = _prep_hit(parse, anchors, trig.prep)
        if hit is None:
            return None
        nodes.extend(hit)
    return tuple(nodes)


def _norm(word: str) -> str:
    """ "re-captured" is "recaptured", "re-take" is "retake"."""
    return "re" + word[3:] if word.startswith("re-") else word


def _pos_fits(trig: Trigger, tok: Token) -> bool:
    if trig.pos == "noun":
        if tok.dep == "compound":
            return False  # a modifier of another noun: "exchange rate", "attack helicopter"
        return tok.pos in NOUN_POS or (tok.tag == "VBG" and tok.text.lower().endswith("ing"))
    if trig.pos == "adj":
        return tok.pos in ("ADJ", "VERB")
    if tok.pos in VERB_POS or (tok.pos == "ADJ" and tok.tag in ("VBN", "JJ", "VBD")):
        return True
    # a verb the tagger took for a noun: "after it was overrun by"
    return tok.pos == "NOUN" and tok.dep in ("advcl", "ROOT", "ccomp", "conj", "relcl", "xcomp")


def _plural(parse: Parse, tok: Token) -> bool:
    if tok.tag in ("NNS", "NNPS"):
        return True
    return any(parse.tokens[k].dep == "nummod" for k in parse.children[tok.i])


def _object_of(parse: Parse, tok: Token, pos: str) -> Token | None:
    """A verb's direct object; for a noun, the object of its "of" ("exchange of fire")."""
    for k in parse.children[tok.i]:
        kid = parse.tokens[k]
        if pos != "noun" and kid.dep in _OBJECT_DEPS:
            return kid
        if pos == "noun" and kid.dep == "prep" and kid.lemma == "of":
            return next(
                (parse.tokens[g] for g in parse.children[k] if parse.tokens[g].dep == "pobj"), None
            )
    if pos != "noun" and is_passive(parse, tok):
        return next(
            (parse.tokens[k] for k in parse.children[tok.i] if parse.tokens[k].dep == "nsubjpass"),
            None,
        )
    return None


def _prep_hit(
    parse: Parse, anchors: Sequence[Token], preps: Sequence[tuple[str, str | None]]
) -> list[int] | None:
    """The preposition (and its object, when the entry names one) the trigger needs, searched
    on the trigger and its particle, and one level down ("pulled out of": of under out)."""
    frontier: list[Token] = list(anchors)
    for a in anchors:
        for k in parse.children[a.i]:
            if parse.tokens[k].dep not in _PREP_DEPS:
                continue
            frontier.append(parse.tokens[k])
            # "fired with unspecified weapons on the positions": a preposition hanging on the
            # object of the trigger's own preposition
            for g in parse.children[k]:
                frontier += [
                    parse.tokens[x] for x in parse.children[g] if parse.tokens[x].dep == "prep"
                ]
    for p in frontier:
        if p.dep not in _PREP_DEPS:
            continue
        for word, obj in preps:
            if p.lemma != word:
                continue
            if obj is None:
                return [p.i]
            for k in parse.children[p.i]:
                kid = parse.tokens[k]
                if kid.dep in ("pobj", "pcomp") and kid.lemma == obj:
                    return [p.i, kid.i]
    return None


def is_passive(parse: Parse, tok: Token) -> bool:
    """A passive verb: with a passive subject or auxiliary, or a past participle modifying a
    noun ("the town captured by the rebels")."""
    if any(parse.tokens[k].dep in ("nsubjpass", "auxpass") for k in parse.children[tok.i]):
        return True
    return tok.tag == "VBN" and tok.dep in ("acl", "amod")


def _span(parse: Parse, nodes: Sequence[int], trig: Trigger) -> Span:
    toks = [parse.tokens[n] for n in nodes]
    if trig.prep and trig.prep[0][1] is not None:
        toks = toks[: len(toks) - 1] if len(toks) > 1 else toks  # not the nested object
    start = min(t.start for t in toks)
    end = max(t.end for t in toks)
    text = parse.sentence.text[start - parse.sentence.start : end - parse.sentence.start]
    return Span(start, end, text)


# --------------------------------------------------------------------------- loading


def inflections(word: str, pos: str, irregular: Mapping[str, Sequence[str]]) -> set[str]:
    """Regular English inflections of ``word`` (over-generating is harmless: the forms only
    select tokens whose lemma or form the parse then confirms)."""
    forms = {word, *irregular.get(word, ())}
    stem_e = word[:-1] if word.endswith("e") else word
    if pos == "noun":
        forms |= {word + "s", word + "es"}
        if word.endswith("y"):
            forms.add(word[:-1] + "ies")
        return forms
    forms |= {word + "s", word + "es", stem_e + "ed", stem_e + "ing", word + "ed", word + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ied", word[:-1] + "ies"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


_WORD = re.compile(r"[\w'-]+")


def _also_needed(trig: Trigger) -> frozenset[str] | None:
    """The words one of which must stand beside the scan form for ``trig`` to match: the verb
    of an object entry, the particle or preposition of a verb that needs one."""
    if trig.object:
        return frozenset(trig.forms | trig.words)
    nested = [obj for _, obj in trig.prep if obj]
    if nested and len(nested) == len(trig.prep):
        return frozenset(word for word, _ in trig.prep)
    if trig.particle:
        return frozenset(trig.particle)
    if trig.prep:
        return frozenset(word for word, _ in trig.prep)
    return None


def _scan_forms(trig: Trigger) -> Iterable[str]:
    """The forms whose presence makes a sentence worth parsing for ``trig``: its most
    selective words ("control" for "came under the control of", not "came")."""
    if trig.object:
        return (f for w in trig.object for f in (w, w + "s", w + "es"))
    nested = [obj for _, obj in trig.prep if obj]
    if nested and len(nested) == len(trig.prep):
        return (f for w in nested for f in (w, w + "s"))
    return trig.forms | trig.words


def _yaml(name: str, text: str) -> Any:
    try:
        doc: Any = yamlfile.load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(name, f"not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise DataFileError(name, "expected a mapping")
    return doc


def _words(entry: Mapping[str, Any], key: str) -> frozenset[str]:
    value = entry.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"{key}: expected a list")
    return frozenset(str(v).lower() for v in value)


def _parse_triggers(
    name: str, doc: Mapping[str, Any], irregular: Mapping[str, Sequence[str]]
) -> list[Trigger]:
    entries = doc.get("triggers") or []
    if not isinstance(entries, list):
        raise DataFileError(name, "'triggers' must be a list")
    if doc.get("version") not in (None, 2):
        raise DataFileError(name, f"schema version {doc.get('version')!r}; this build reads 2")
    out = []
    for i, entry in enumerate(entries):
        where = f"triggers[{i}]"
        if not isinstance(entry, dict):
            raise DataFileError(name, f"{where}: expected a mapping")
        try:
            pos = str(entry.get("pos", "verb"))
            if pos not in ("verb", "noun", "adj"):
                raise ValueError(f"pos {pos!r}: expected verb, noun or adj")
            roles_raw = entry.get("roles") or {}
            if not isinstance(roles_raw, dict):
                raise ValueError("roles: expected a mapping")
            roles: dict[str, tuple[str, ...]] = {}
            for role, slots in roles_raw.items():
                if role not in ROLES:
                    raise ValueError(f"unknown role {role!r} (one of {sorted(ROLES)})")
                slots = [slots] if isinstance(slots, str) else list(slots)
                for s in slots:
                    if not _SLOT.match(str(s)):
                        raise ValueError(f"roles.{role}: bad slot {s!r}")
                roles[role] = tuple(str(s) for s in slots)
            etype = EventType(entry["type"])
            words = _words(entry, "words")
            if not words:
                raise ValueError("words: at least one lemma")
            forms = frozenset(f for w in words for f in inflections(w, pos, irregular))
            preps = tuple(
                (p.split(">")[0], p.split(">")[1] if ">" in p else None)
                for p in (str(x).lower() for x in entry.get("prep") or [])
            )
            territorial = etype in (EventType.CAPTURE, EventType.WITHDRAW, EventType.SIEGE)
            # a withdrawal may name no place ("before pulling out"): the sentence's town is
            # read in context later; a capture or a siege always needs one
            requires = (
                _words(entry, "requires")
                if "requires" in entry
                else frozenset({"place"} if territorial and etype is not EventType.WITHDRAW else ())
            )
            if not requires <= ROLES:
                raise ValueError(f"requires: unknown role in {sorted(requires)}")
            trig = Trigger(
                id=str(entry["id"]),
                type=etype,
                words=words,
                roles=roles,
                pos=pos,
                particle=_words(entry, "particle"),
                prep=preps,
                object=_words(entry, "object"),
                modifier=_words(entry, "modifier"),
                not_modifier=_words(entry, "not_modifier"),
                not_object=_words(entry, "not_object"),
                requires=requires,
                voice=str(entry["voice"]) if entry.get("voice") else None,
                plural=bool(entry.get("plural", False)),
                confidence=float(entry.get("confidence", 0.9)),
                modality=Modality(entry["modality"]) if entry.get("modality") else None,
                if_uncontested=EventType(entry["if_uncontested"])
                if entry.get("if_uncontested")
                else None,
                destination=bool(entry.get("destination", False)),
                outcome=bool(entry.get("outcome", False)),
                forms=forms,
            )
        except KeyError as exc:
            raise DataFileError(name, f"{where}: missing key {exc}") from exc
        except ValueError as exc:
            raise DataFileError(name, f"{where} ({entry.get('id', '?')}): {exc}") from exc
        out.append(trig)
    return out


def _parse_ontology(text: str) -> dict[EventType, OntologyType]:
    doc = yamlfile.load(text)
    return {
        EventType(k): OntologyType(
            name=EventType(k),
            description=v["description"],
            territorial=bool(v["territorial"]),
            acled=v["acled"],
            plover=v["plover"],
            retype={str(c): EventType(t) for c, t in (v.get("retype") or {}).items()},
        )
        for k, v in doc["types"].items()
    }
