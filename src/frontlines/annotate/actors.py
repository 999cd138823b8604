"""Who: find named actors and resolve generic descriptions ("the militants") in context.

The actor dictionary is data (``data/actors.yaml`` plus user files, schema in docs/actors.md).
``ActorLexicon.load`` validates it and compiles every alias and generic phrase into one token
trie, so resolving an article is a single left-to-right pass (leftmost-longest match) followed
by a salience-based resolution of the generic mentions. Nothing here keeps global state.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from frontlines import yamlfile
from frontlines.errors import DataFileError
from frontlines.records import Actor, ActorKind, ActorMention, Span

PACKAGED = "actors.yaml"
SCHEMA_VERSION = 1

# Scores. Named-mention confidences; generic scores are relative and only ranked.
NAMED_CONFIDENCE = 0.95
CONTEXT_ALIAS_CONFIDENCE = 0.8  # short acronyms accepted only with country context
DEMONYM_CONFIDENCE = 0.85
DESCRIPTOR_COMPAT = 1.0  # the phrase is listed as a descriptor of the actor
CLASS_COMPAT = 0.7  # the phrase fits the actor's kind/side only
RECENCY_DECAY = 0.75  # per sentence since the actor was last mentioned
FREQUENCY_BONUS = 0.15  # per earlier mention, up to MAX_FREQUENCY
MAX_FREQUENCY = 4
CATAPHORA_SAME_SENTENCE = 0.5  # named later in the same sentence
CATAPHORA_LATER = 0.2  # named later in the article
UNNAMED_COUNTRY = 0.35  # never named, but the obvious actor of the article's country
OUT_OF_COUNTRY = 0.5  # named, but fights elsewhere than the article's countries
FOREIGN_FACTOR = 0.5  # unnamed foreign actor fighting in the article's country
# Two different descriptions in one sentence ("the invaders ..., and the army said") usually
# name two different actors.
OTHER_DESCRIPTION = 0.6
MIN_SCORE = 0.05
AMBIGUOUS_RATIO = 0.97  # a runner-up this close to the best leaves the mention unresolved
MAX_GENERIC_CONFIDENCE = 0.9
PSEUDO_SENTENCE = 200  # characters per "sentence" when no sentence spans are given

# A generic phrase followed by one of these is a modifier, not a referent: "the army base",
# "the military spokesman", "government forces commander".
MODIFIED_HEADS = frozenset(
    {
        "base", "bases", "airbase", "barracks", "headquarters", "hq", "garrison", "post", "posts",
        "checkpoint", "checkpoints", "camp", "camps", "academy", "hospital", "depot", "compound",
        "convoy", "chief", "chiefs", "commander", "commanders", "spokesman", "spokeswoman",
        "spokesperson", "official", "officials", "officer", "officers", "source", "sources",
        "statement", "statements", "general", "generals", "leader", "leaders", "leadership",
        "command", "unit",
    }
)  # fmt: skip

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_SPLIT = re.compile(r"([^\W_]+|[^\w\s])")
# Typographic variants folded before tokenising (same length, so offsets are unchanged).
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_ACTOR_KEYS = frozenset(
    {"id", "name", "kind", "country", "side", "aliases", "descriptors", "theatres", "prior",
     "replace"}
)  # fmt: skip
_ALIAS_KEYS = frozenset({"text", "case_sensitive", "context"})
_GENERIC_KEYS = frozenset({"name", "kinds", "sides", "phrases"})
# Force nouns that name an armed group, not a state's forces, after a demonym.
NON_STATE_NOUNS = frozenset(
    {"rebels", "insurgents", "militants", "militia", "militiamen", "gunmen", "jihadists",
     "paramilitaries", "mercenaries", "fighters", "combatants"}
)  # fmt: skip
_TOP_KEYS = frozenset({"version", "actors", "generics", "demonyms", "force_nouns", "open_world"})
_OPEN_KEYS = frozenset({"heads", "names", "joiners", "not_names"})
_CLASS_KEYS = frozenset({"kind", "side", "words"})
OPEN_NAMED_CONFIDENCE = 0.6  # an unknown name read from its shape ("the Arakan Army")
RULE_OPEN_NAMED = "actor.open-world.named-group.v1"
# Word tokens of the open-world name scan (apostrophes and hyphens inside names: "Kata'ib").
_WORD = re.compile(r"[^\W_](?:[\w'\u2019.-]*[^\W_])?")
# "al-Shuhada", "ad-Din": an article prefix before a capitalised name word
_PREFIXED = re.compile(r"^(?:al|el|ad|ash|as|ar|an|at|az|ul)-[A-Z]")


def tokens(text: str) -> list[str]:
    """Word and punctuation tokens, typographic quotes/dashes folded: the unit of matching."""
    return _TOKEN.findall(text.translate(_FOLD))


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    case_sensitive: bool
    context: bool = False  # only accepted when the actor's country is in the article's context


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor plus what the dictionary knows to find it (not part of the output record)."""

    actor: Actor
    aliases: tuple[Alias, ...]
    descriptors: tuple[str, ...]
    theatres: tuple[str, ...]
    prior: float = 0.5


@dataclass(frozen=True, slots=True)
class GenericClass:
    """Generic phrases that may refer to any actor of ``kinds`` (and ``sides``, if given)."""

    name: str
    phrases: tuple[str, ...]
    kinds: frozenset[ActorKind]
    sides: frozenset[str] | None = None

    def accepts(self, actor: Actor) -> bool:
        return actor.kind in self.kinds and (self.sides is None or actor.side in self.sides)


@dataclass(frozen=True, slots=True)
class HeadClass:
    """What an actor the dictionary lacks is, from the noun that heads its phrase."""

    kind: ActorKind
    side: str | None = None


@dataclass(frozen=True, slots=True)
class OpenWorld:
    """How to read actors the dictionary does not list (``open_world`` in actors.yaml).

    ``heads``: lower-case head nouns (lemma and plural) of unnamed descriptions ("gunmen",
    "the soldiers"). ``names``: words that end a capitalised name ("the Arakan Army") or, in
    lower case, follow one ("the Ansar Dine group", "M23 rebels"), as written. ``joiners``:
    lower-case words inside a name ("Front for the Liberation of ..."). ``not_names``:
    capitalised words that never make a name by themselves ("Security", "Monday").
    """

    heads: Mapping[str, HeadClass] = field(default_factory=dict)
    names: Mapping[str, HeadClass] = field(default_factory=dict)
    joiners: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()

    def head(self, word: str) -> HeadClass | None:
        return self.heads.get(word.lower())


@dataclass(frozen=True, slots=True)
class _Named:
    entry: str
    exact: tuple[str, ...] | None  # tokens to compare for case-sensitive aliases
    context: bool


@dataclass(slots=True)
class _Generic:
    phrase: str
    classes: list[GenericClass] = field(default_factory=list)
    descriptor_of: set[str] = field(default_factory=set)
    demonym: tuple[str, ActorKind] | None = None
    compat: dict[str, float] = field(default_factory=dict)  # actor id -> fit, once built


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    named: list[_Named] = field(default_factory=list)
    generic: _Generic | None = None


@dataclass(frozen=True, slots=True)
class _Match:
    start: int  # char offset
    end: int  # char offset, exclusive
    named: tuple[_Named, ...]
    generic: _Generic | None


# --------------------------------------------------------------------------- loading


def _fail(path: str, where: str, reason: str) -> DataFileError:
    return DataFileError(path, f"{where}: {reason}" if where else reason)


def _str_list(value: object, path: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, "must be a list of non-empty strings")
    return [v.strip() for v in value]


def _country(value: object, path: str, where: str) -> str:
    if not isinstance(value, str) or not _COUNTRY.match(value):
        raise _fail(path, where, f"must be an ISO 3166-1 alpha-2 code like 'AF', got {value!r}")
    return value


def _kind(value: object, path: str, where: str) -> ActorKind:
    try:
        return ActorKind(str(value))
    except ValueError:
        allowed = ", ".join(k.value for k in ActorKind)
        raise _fail(path, where, f"unknown kind {value!r} (one of: {allowed})") from None


def _alias(value: object, path: str, where: str) -> Alias:
    if isinstance(value, str) and value.strip():
        text = value.strip()
        return Alias(text, case_sensitive=not any(c.islower() for c in text))
    if isinstance(value, dict):
        unknown = set(value) - _ALIAS_KEYS
        if unknown:
            raise _fail(path, where, f"unknown alias keys {sorted(unknown)}")
        raw_text = value.get("text")
        if not isinstance(raw_text, str) or not raw_text.strip():
            raise _fail(path, where, "alias needs a non-empty 'text'")
        text = raw_text.strip()
        cs = value.get("case_sensitive", not any(c.islower() for c in text))
        ctx = value.get("context", False)
        if not isinstance(cs, bool) or not isinstance(ctx, bool):
            raise _fail(path, where, "'case_sensitive' and 'context' must be true or false")
        return Alias(text, cs, ctx)
    raise _fail(path, where, f"alias must be a string or a mapping, got {value!r}")


def _actor_entry(raw: object, path: str, where: str, previous: ActorEntry | None) -> ActorEntry:
    if not isinstance(raw, dict):
        raise _fail(path, where, "each actor must be a mapping")
    unknown = set(raw) - _ACTOR_KEYS
    if unknown:
        raise _fail(path, where, f"unknown keys {sorted(unknown)}")
    actor_id = raw["id"]
    replace = raw.get("replace", False)
    if not isinstance(replace, bool):
        raise _fail(path, where, "'replace' must be true or false")
    base = None if replace else previous
    name = raw.get("name", base.actor.name if base else None)
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, where, "missing 'name'")
    if "kind" in raw:
        kind = _kind(raw["kind"], path, where)
    elif base:
        kind = base.actor.kind
    else:
        raise _fail(path, where, "missing 'kind'")
    country = raw.get("country", base.actor.country if base else None)
    if country is not None:
        country = _country(country, path, f"{where} country")
    side = raw.get("side", base.actor.side if base else None)
    if side is not None and (not isinstance(side, str) or not side.strip()):
        raise _fail(path, where, "'side' must be a non-empty string")
    aliases = [_alias(a, path, f"{where} aliases") for a in _as_list(raw, "aliases", path, where)]
    descriptors = _str_list(raw.get("descriptors", []), path, f"{where} descriptors")
    if "theatres" in raw:
        theatres = tuple(
            _country(c, path, f"{where} theatres") for c in _as_list(raw, "theatres", path, where)
        )
    elif base and "country" not in raw:
        theatres = base.theatres
    else:
        theatres = (country,) if country else ()
    prior = raw.get("prior", base.prior if base else 0.5)
    if isinstance(prior, bool) or not isinstance(prior, int | float) or not 0 <= prior <= 1:
        raise _fail(path, where, f"'prior' must be a number between 0 and 1, got {prior!r}")
    if base:  # a partial entry adds to the names of an existing actor
        aliases = list(base.aliases) + [a for a in aliases if a not in base.aliases]
        descriptors = list(base.descriptors) + [d for d in descriptors if d not in base.descriptors]
    if not aliases:
        raise _fail(path, where, "needs at least one alias")
    actor = Actor(id=actor_id, name=name.strip(), kind=kind, country=country, side=side)
    return ActorEntry(actor, tuple(aliases), tuple(descriptors), theatres, float(prior))


def _as_list(raw: dict[str, Any], key: str, path: str, where: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise _fail(path, where, f"'{key}' must be a list")
    return value


def _generic_class(raw: object, path: str, where: str) -> GenericClass:
    if not isinstance(raw, dict):
        raise _fail(path, where, "each generic must be a mapping")
    unknown = set(raw) - _GENERIC_KEYS
    if unknown:
        raise _fail(path, where, f"unknown keys {sorted(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise _fail(path, where, "missing 'name'")
    kinds = frozenset(_kind(k, path, where) for k in _str_list(raw.get("kinds"), path, where))
    sides = raw.get("sides")
    return GenericClass(
        name=name,
        phrases=tuple(_str_list(raw.get("phrases"), path, f"{where} phrases")),
        kinds=kinds,
        sides=frozenset(_str_list(sides, path, f"{where} sides")) if sides is not None else None,
    )


def _head_classes(raw: object, path: str, where: str, *, fold: bool) -> dict[str, HeadClass]:
    if not isinstance(raw, list):
        raise _fail(path, where, "must be a list of {kind, side, words} mappings")
    out: dict[str, HeadClass] = {}
    for i, item in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, at, "must be a mapping with 'kind' and 'words'")
        unknown = set(item) - _CLASS_KEYS
        if unknown:
            raise _fail(path, at, f"unknown keys {sorted(unknown)}")
        side = item.get("side")
        if side is not None and (not isinstance(side, str) or not side.strip()):
            raise _fail(path, at, "'side' must be a non-empty string")
        cls = HeadClass(_kind(item.get("kind"), path, at), side)
        for word in _str_list(item.get("words"), path, f"{at} words"):
            out[word.lower() if fold else word] = cls
    return out


def _open_world(raw: object, path: str, previous: OpenWorld) -> OpenWorld:
    """``open_world`` of one file; a later file adds to (and overrides words of) the earlier."""
    if not isinstance(raw, dict):
        raise _fail(path, "open_world", "must be a mapping")
    unknown = set(raw) - _OPEN_KEYS
    if unknown:
        raise _fail(path, "open_world", f"unknown keys {sorted(unknown)}")
    heads = _head_classes(raw.get("heads", []), path, "open_world heads", fold=True)
    names = _head_classes(raw.get("names", []), path, "open_world names", fold=False)
    joiners = _str_list(raw.get("joiners", []), path, "open_world joiners")
    not_names = _str_list(raw.get("not_names", []), path, "open_world not_names")
    return OpenWorld(
        {**previous.heads, **heads},
        {**previous.names, **names},
        previous.joiners | frozenset(joiners),
        previous.not_names | frozenset(not_names),
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read actor file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), "actor file is not UTF-8") from exc
    return _parse_yaml(text, str(path))


def _parse_yaml(text: str, path: str) -> dict[str, Any]:
    try:
        doc = yamlfile.load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(path, f"invalid YAML: {exc}") from exc
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise DataFileError(path, "top level must be a mapping with an 'actors' list")
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        raise DataFileError(path, f"unknown top-level keys {sorted(unknown)}")
    if doc.get("version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise DataFileError(path, f"unsupported version {doc['version']!r} (expected 1)")
    return doc


class ActorLexicon:
    """The validated actor dictionary and its compiled matcher. Immutable once built."""

    def __init__(
        self,
        entries: Mapping[str, ActorEntry],
        generics: Sequence[GenericClass],
        demonyms: Mapping[str, Sequence[str]],
        force_nouns: Iterable[str],
        open_world: OpenWorld | None = None,
    ) -> None:
        self.entries: Mapping[str, ActorEntry] = dict(entries)
        self.open_world = open_world or OpenWorld()
        self.generics: tuple[GenericClass, ...] = tuple(generics)
        self.demonyms: Mapping[str, tuple[str, ...]] = {c: tuple(v) for c, v in demonyms.items()}
        self.force_nouns: tuple[str, ...] = tuple(dict.fromkeys(force_nouns))
        self._root = _Node()
        self._compile()

    # -- loading

    @classmethod
    def load(cls, paths: Sequence[Path] = ()) -> ActorLexicon:
        """The packaged dictionary plus user files; later files add to or override by id."""
        packaged = resources.files("frontlines.data").joinpath(PACKAGED)
        docs = [(f"frontlines/data/{PACKAGED}", _parse_yaml(packaged.read_text("utf-8"), PACKAGED))]
        docs += [(str(p), _read_yaml(Path(p))) for p in paths]
        return cls.from_documents(docs)

    @classmethod
    def from_documents(cls, docs: Sequence[tuple[str, Mapping[str, Any]]]) -> ActorLexicon:
        """Merge parsed documents (path, content) in order; validation errors name the path."""
        entries: dict[str, ActorEntry] = {}
        generics: dict[str, GenericClass] = {}
        demonyms: dict[str, list[str]] = {}
        nouns: list[str] = []
        open_world = OpenWorld()
        for path, doc in docs:
            if "open_world" in doc:
                open_world = _open_world(doc["open_world"], path, open_world)
            seen: set[str] = set()
            raw_actors = doc.get("actors", [])
            if not isinstance(raw_actors, list):
                raise DataFileError(path, "'actors' must be a list")
            for i, raw in enumerate(raw_actors):
                actor_id = raw.get("id") if isinstance(raw, dict) else None
                where = f"actors[{i}]" + (f" (id {actor_id!r})" if actor_id else "")
                if not isinstance(actor_id, str) or not _ID.match(actor_id):
                    raise _fail(path, where, "'id' must match [a-z0-9][a-z0-9_.-]*")
                if actor_id in seen:
                    raise _fail(path, where, f"duplicate id {actor_id!r} in the same file")
                seen.add(actor_id)
                entries[actor_id] = _actor_entry(raw, path, where, entries.get(actor_id))
            raw_generics = doc.get("generics", [])
            if not isinstance(raw_generics, list):
                raise DataFileError(path, "'generics' must be a list")
            for i, raw in enumerate(raw_generics):
                g = _generic_class(raw, path, f"generics[{i}]")
                generics[g.name] = g
            raw_demonyms = doc.get("demonyms", {})
            if not isinstance(raw_demonyms, dict):
                raise DataFileError(path, "'demonyms' must map country codes to lists of words")
            for code, words in raw_demonyms.items():
                _country(code, path, "demonyms")
                demonyms.setdefault(code, []).extend(_str_list(words, path, f"demonyms {code}"))
            nouns += _str_list(doc.get("force_nouns", []), path, "force_nouns")
        return cls(entries, list(generics.values()), demonyms, nouns, open_world)

    # -- compiling

    def _insert(self, phrase: str) -> tuple[_Node, tuple[str, ...]]:
        toks = tuple(tokens(phrase))
        node = self._root
        for tok in toks:
            node = node.children.setdefault(tok.lower(), _Node())
        return node, toks

    def _generic_at(self, phrase: str) -> _Generic:
        node, _ = self._insert(phrase)
        if node.generic is None:
            node.generic = _Generic(phrase)
        return node.generic

    def _compile(self) -> None:
        for entry in self.entries.values():
            for alias in entry.aliases:
                node, toks = self._insert(alias.text)
                named = _Named(
                    entry.actor.id, toks if alias.case_sensitive else None, alias.context
                )
                if named not in node.named:
                    node.named.append(named)
            for phrase in entry.descriptors:
                self._generic_at(phrase).descriptor_of.add(entry.actor.id)
        for cls in self.generics:
            for phrase in cls.phrases:
                self._generic_at(phrase).classes.append(cls)
        for country, words in self.demonyms.items():
            for word in words:
                for noun in self.force_nouns:
                    # "Syrian rebels" are the country's insurgents, not its army.
                    kind = (
                        ActorKind.NON_STATE if noun in NON_STATE_NOUNS else ActorKind.STATE_FORCES
                    )
                    self._generic_at(f"{word} {noun}").demonym = (country, kind)
                self._generic_at(f"{word} government").demonym = (country, ActorKind.GOVERNMENT)
        self._extensions = frozenset(tuple(t.lower() for t in tokens(n)) for n in self.force_nouns)
        self._max_extension = max((len(e) for e in self._extensions), default=0)
        self._index_generics(self._root)
        self._demonym_words = frozenset(w.lower() for ws in self.demonyms.values() for w in ws)
        self.by_theatre: dict[str, tuple[str, ...]] = {}
        for entry in self.entries.values():
            for c in entry.theatres:
                self.by_theatre[c] = (*self.by_theatre.get(c, ()), entry.actor.id)

    def _index_generics(self, node: _Node) -> None:
        """Precompute, per generic phrase, the actors it may refer to and how well."""
        if node.generic is not None and node.generic.demonym is None:
            g = node.generic
            for entry in self.entries.values():
                if entry.actor.id in g.descriptor_of:
                    g.compat[entry.actor.id] = DESCRIPTOR_COMPAT
                elif any(c.accepts(entry.actor) for c in g.classes):
                    g.compat[entry.actor.id] = CLASS_COMPAT
        for child in node.children.values():
            self._index_generics(child)

    # -- matching

    def match(self, text: str) -> list[_Match]:
        """Leftmost-longest phrase matches, in text order (char offsets into ``text``).

        Tokenising is one ``re.split`` and offsets one ``accumulate`` (both in C); the Python
        loop only visits tokens that start some phrase. A name beats a generic phrase that
        overlaps it from the left ("the Armed Forces of Ukraine" is a name, not "the armed
        forces").
        """
        folded = text.translate(_FOLD)
        lowered = folded.lower()
        if len(lowered) != len(folded):  # rare characters whose lower case is longer
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
        parts = _SPLIT.split(lowered)  # [gap, token, gap, token, ..., gap]
        offsets = list(accumulate(map(len, parts)))  # token k ends at offsets[2k + 1]
        keys = parts[1::2]
        root = self._root.children
        matches: list[_Match] = []
        i = 0
        for i0 in [k for k, key in enumerate(keys) if key in root]:
            if i0 < i:
                continue  # inside the previous match
            best = self._longest(keys, folded, offsets, i0)
            if best is None:
                continue
            end, named, generic = best
            if not named and any(
                (inner := self._longest(keys, folded, offsets, k)) is not None
                and inner[1]
                and inner[0] > end
                for k in range(i0 + 1, end)
                if keys[k] in root
            ):
                continue  # the overlapping name starts at a later candidate
            if named:
                end = self._extend(keys, end)
            elif end < len(keys) and keys[end] in MODIFIED_HEADS:
                i = end
                continue  # "the army base": a modifier, not a mention of the army
            matches.append(_Match(offsets[2 * i0], offsets[2 * end - 1], named, generic))
            i = end
        return matches

    def _longest(
        self, keys: list[str], folded: str, offsets: list[int], i0: int
    ) -> tuple[int, tuple[_Named, ...], _Generic | None] | None:
        """The longest phrase starting at token ``i0``: (end token, names, generic)."""
        node: _Node | None = self._root.children.get(keys[i0])
        best: tuple[int, tuple[_Named, ...], _Generic | None] | None = None
        j, n = i0, len(keys)
        while node is not None:
            j += 1
            if node.named:
                named = tuple(
                    x for x in node.named
                    if x.exact is None or _same_case(x.exact, folded, offsets, i0)
                )  # fmt: skip
                if named:
                    best = (j, named, None)
                elif node.generic is not None:
                    best = (j, (), node.generic)
            elif node.generic is not None:
                best = (j, (), node.generic)
            node = node.children.get(keys[j]) if j < n else None
        return best

    def _extend(self, keys: list[str], end: int) -> int:
        """ "Taliban fighters", "M23 rebels": one span for the name and its head noun."""
        for length in range(self._max_extension, 0, -1):
            tail = tuple(keys[end : end + length])
            if len(tail) == length and tail in self._extensions:
                return end + length
        return end

    def open_names(self, text: str, taken: Sequence[tuple[int, int]]) -> list[_OpenName]:
        """Names the dictionary lacks, read from their shape: capitalised words ending in a
        ``names`` word ("the Arakan Army", "Zulu Liberation Front") or followed by a lower-case
        one ("the Ansar Dine group", "M23 rebels"). ``taken``: spans of dictionary names, which
        win. Title-case lines (headlines) and capitalised sentence openers are not names."""
        ow = self.open_world
        if not ow.names:
            return []
        words = list(_WORD.finditer(text))
        lower = {w.group() for w in words if w.group().islower()}
        starts = [a for a, _ in taken]
        out: list[_OpenName] = []
        i, n = 0, len(words)
        while i < n:
            if not self._capital(words[i].group()):
                i += 1
                continue
            j = last = i
            while j + 1 < n and _joined(text, words[j].end(), words[j + 1].start()):
                nxt = words[j + 1].group()
                if self._capital(nxt):
                    j = last = j + 1
                elif nxt in ow.joiners:
                    j += 1
                else:
                    break
            run = words[i : last + 1]
            i = last + 1
            head: HeadClass | None = None
            if len(run) > 2:  # "... Defence Forces"
                head = ow.names.get(f"{run[-2].group()} {run[-1].group()}")
            if head is None and len(run) > 1:
                head = ow.names.get(run[-1].group())
            end = run[-1].end()
            if head is None and i < n and _joined(text, end, words[i].start()):
                follower = words[i].group()
                if follower.islower() and follower in ow.names:
                    head, end = ow.names[follower], words[i].end()
            if head is None or run[-1].group().endswith(("'s", "\u2019s")):
                continue
            # a capitalised sentence opener that is an ordinary word elsewhere is no name
            # and a description's head before it is none either ("Fighters of the ... Front")
            while run and (
                run[0].group() in ow.not_names
                or run[0].group() in ow.joiners
                or (len(run) > 1 and run[0].group().lower() in ow.heads)
                or (run[0].group().lower() in lower and _opens_sentence(text, run[0].start()))
            ):
                run = run[1:]
            meaningful = [
                w.group() for w in run
                if w.group() not in ow.not_names and w.group() not in ow.names
                and w.group() not in ow.joiners and w.group().lower() not in self._demonym_words
            ]  # fmt: skip
            if not meaningful or len(run) > 6 or _title_line(text, run[0].start()):
                continue
            start = run[0].start()
            k = bisect.bisect_left(starts, end)
            if any(a < end and b > start for a, b in taken[max(0, k - 3) : k]):
                continue  # the dictionary's name wins ("the Islamic State group")
            of = _OF_NAME.match(text, end)
            if of is not None and of.end() in starts:
                continue  # "Sunni militants of the Islamic State": a description of the name
            out.append(_OpenName(start, end, head))
        return out

    def _capital(self, word: str) -> bool:
        """A word that may be part of a name: capitalised or a letter-digit code ("M23"),
        not a "Turkish-backed" or "pro-Hadi" modifier (read by extraction instead)."""
        if not (word[0].isupper() or _PREFIXED.match(word)) or word.lower().startswith("pro-"):
            return False
        return not word.lower().endswith(_BACKED)


@dataclass(frozen=True, slots=True)
class _OpenName:
    start: int
    end: int
    head: HeadClass


# "Turkish-backed", "Iran-aligned": the backer, not a name
_BACKED = ("-backed", "-led", "-allied", "-aligned", "-supported", "-linked", "-affiliated")


_OF_NAME = re.compile(r"\s+(?:of|from|with|loyal\s+to)\s+(?:the\s+)?")


def _joined(text: str, a: int, b: int) -> bool:
    """Whether two words are neighbours in one phrase (only spaces between them)."""
    gap = text[a:b]
    return bool(gap) and not gap.strip(" ")


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'\u201c")
    return not before or before[-1] in ".!?:\n-\u2013\u2014"


def _title_line(text: str, offset: int) -> bool:
    """A headline in title case: most of its words capitalised."""
    lo = text.rfind("\n", 0, offset) + 1
    hi = text.find("\n", offset)
    line = text[lo : hi if hi >= 0 else len(text)]
    if len(line) > 300:
        return False
    words = _WORD.findall(line)
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 4 and caps > 0.6 * len(words)


def _same_case(exact: tuple[str, ...], folded: str, offsets: list[int], i: int) -> bool:
    """Case-sensitive aliases ("IS", "SDF") must match the original text token by token."""
    for k, tok in enumerate(exact):
        t = i + k
        if folded[offsets[2 * t] : offsets[2 * t + 1]] != tok:
            return False
    return True


# --------------------------------------------------------------------------- resolving


def _normalise(weights: Mapping[str, float]) -> dict[str, float]:
    total = sum(w for w in weights.values() if w > 0)
    if total <= 0:
        return {}
    ranked = sorted(((c, w / total) for c, w in weights.items() if w > 0), key=lambda x: -x[1])
    return dict(ranked)


def actor_countries(
    mentions: Iterable[ActorMention], lexicon: ActorLexicon | None = None
) -> dict[str, float]:
    """Country context from the actors named in a text: shares summing to 1, largest first.

    With a lexicon, an actor counts for the countries it fights in (``theatres``), so "Russian
    forces" points at Ukraine; without one, for ``Actor.country``.
    """
    weights: dict[str, float] = {}
    for m in mentions:
        if m.actor is None or m.generic:
            continue
        entry = lexicon.entries.get(m.actor.id) if lexicon else None
        countries = entry.theatres if entry else ((m.actor.country,) if m.actor.country else ())
        for c in countries:
            weights[c] = weights.get(c, 0.0) + m.confidence / len(countries)
    return _normalise(weights)


class _Context:
    """The article's countries (shares summing to 1): place hints plus named actors."""

    __slots__ = ("_fits", "weights")

    def __init__(self, weights: Mapping[str, float]) -> None:
        self.weights = weights
        self._fits: dict[str, float] = {}

    def fit(self, entry: ActorEntry) -> float:
        """How much the actor fights in the article's countries (0: elsewhere or unknown)."""
        fit = self._fits.get(entry.actor.id)
        if fit is None:
            fit = max((self.weights.get(c, 0.0) for c in entry.theatres), default=0.0)
            self._fits[entry.actor.id] = fit
        return fit

    def home_fit(self, entry: ActorEntry) -> float:
        """Like ``fit``, halved for foreign actors: "soldiers" in Mali are Malian first."""
        country = entry.actor.country
        if country is not None and self.weights.get(country, 0.0) > 0:
            return self.weights[country]
        return FOREIGN_FACTOR * self.fit(entry)


@dataclass(slots=True)
class _Salience:
    last_sentence: int
    count: int
    last_generic: str | None = None  # the phrase, when the last mention was a description


class ActorResolver:
    """Finds actor mentions in an article. Pure: the same input gives the same mentions."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon

    def actor_countries(self, mentions: Iterable[ActorMention]) -> dict[str, float]:
        """``actor_countries`` with this lexicon's theatres ("Russian forces" -> UA)."""
        return actor_countries(mentions, self.lexicon)

    def named_countries(self, text: str) -> dict[str, float]:
        """Countries of the actors named in ``text``, without resolving generic mentions.

        The cheap first pass of an annotator that needs actor countries as place context
        before it can resolve the generic mentions with the places' countries.
        """
        return dict(self._context(self.lexicon.match(text), {}).weights)

    def resolve(
        self,
        text: str,
        sentences: Sequence[Span],
        *,
        country_hints: Mapping[str, float] | None = None,
    ) -> list[ActorMention]:
        """All actor mentions in text order: named ones, then generic ones resolved in context.

        ``country_hints`` (e.g. from place names) and the actors named in the text set the
        article's countries, which decide ambiguous acronyms and unnamed generic referents.
        """
        matches = self.lexicon.match(text)
        opens = self.lexicon.open_names(text, [(m.start, m.end) for m in matches if m.named])
        if opens:
            # a generic phrase inside an unknown name is part of it ("M23 rebels")
            matches = [
                m for m in matches
                if m.named or not any(o.start < m.end and m.start < o.end for o in opens)
            ]  # fmt: skip
        if not matches and not opens:
            return []
        starts = [s.start for s in sentences]

        def sentence_of(offset: int) -> int:
            if not starts:
                return offset // PSEUDO_SENTENCE
            return max(bisect.bisect_right(starts, offset) - 1, 0)

        context = self._context(matches, country_hints or {})
        home = next(iter(context.weights), None)
        entries: dict[str, ActorEntry] = {}  # the open-world actors of this article
        for o in opens:
            name = _strip_article(text[o.start : o.end])
            aid = f"open:{_fold_id(name)}"
            if aid not in entries:
                actor = Actor(id=aid, name=name, kind=o.head.kind, side=o.head.side)
                entries[aid] = ActorEntry(actor, (), (), (home,) if home else ())
        found = [(_Match(o.start, o.end, (), None), self._open(text, o, entries)) for o in opens]
        items: list[tuple[_Match, Span, int, ActorMention | None]] = []
        first_named: dict[str, tuple[int, int]] = {}  # actor id -> (offset, sentence)
        by_start = sorted([*((m, None) for m in matches), *found], key=lambda x: x[0].start)
        for m, opened in by_start:
            if opened is not None:
                sent = sentence_of(m.start)
                assert opened.actor is not None
                first_named.setdefault(opened.actor.id, (m.start, sent))
                items.append((m, opened.span, sent, opened))
                continue
            span = Span(m.start, m.end, text[m.start : m.end])
            sent = sentence_of(m.start)
            named = None
            if m.named:
                named = self._named(m, span, context)
                if named is None:
                    continue
                if named.actor is not None:
                    first_named.setdefault(named.actor.id, (m.start, sent))
            items.append((m, span, sent, named))

        # Only actors named here or fighting in the article's countries can be referents.
        relevant = list(first_named)
        for country in context.weights:
            relevant += [a for a in self.lexicon.by_theatre.get(country, ()) if a not in relevant]

        # One pass in text order: generics see the named mentions and resolved generics before
        # them (salience), and names later in the text (cataphora).
        salience: dict[str, _Salience] = {}
        out: list[ActorMention] = []
        for m, span, sent, named in items:
            mention = named
            if mention is None:
                assert m.generic is not None
                mention = self._generic(
                    m.generic, span, sent, relevant, salience, first_named, context, entries
                )
            out.append(mention)
            if mention.actor is not None:
                s = salience.setdefault(mention.actor.id, _Salience(sent, 0))
                s.last_sentence, s.count = sent, s.count + 1
                s.last_generic = m.generic.phrase if m.generic is not None else None
        return out

    def _context(self, matches: Sequence[_Match], hints: Mapping[str, float]) -> _Context:
        """Hints and unambiguous, context-free names weigh equally in the article's countries."""
        named: dict[str, float] = {}
        for m in matches:
            ids = {x.entry for x in m.named}
            if len(ids) == 1 and not any(x.context for x in m.named):
                theatres = self.lexicon.entries[m.named[0].entry].theatres
                for c in theatres:
                    named[c] = named.get(c, 0.0) + 1.0 / len(theatres)
        combined = dict(_normalise(hints))
        for c, w in _normalise(named).items():
            combined[c] = combined.get(c, 0.0) + w
        return _Context(_normalise(combined))

    # -- named

    def _open(self, text: str, o: _OpenName, entries: Mapping[str, ActorEntry]) -> ActorMention:
        name = _strip_article(text[o.start : o.end])
        start = o.end - len(name)
        actor = entries[f"open:{_fold_id(name)}"].actor
        return ActorMention(Span(start, o.end, name), actor, OPEN_NAMED_CONFIDENCE, RULE_OPEN_NAMED)

    def _named(self, m: _Match, span: Span, context: _Context) -> ActorMention | None:
        entries = self.lexicon.entries
        candidates = [x for x in m.named if not x.context or context.fit(entries[x.entry]) > 0]
        if not candidates:
            return None  # a short acronym with no supporting country context: not a mention
        ids = list(dict.fromkeys(x.entry for x in candidates))
        if len(ids) == 1:
            x = candidates[0]
            confidence = CONTEXT_ALIAS_CONFIDENCE if x.context else NAMED_CONFIDENCE
            rule = "alias.context" if x.context else ("alias.exact-case" if x.exact else "alias")
            return ActorMention(span, entries[ids[0]].actor, confidence, rule)
        ranked = sorted(
            ids, key=lambda i: (context.fit(entries[i]), entries[i].prior), reverse=True
        )
        return ActorMention(
            span, entries[ranked[0]].actor, CONTEXT_ALIAS_CONFIDENCE, "alias.ambiguous-by-country"
        )

    # -- generic

    def _demonym(self, g: _Generic, span: Span) -> ActorMention:
        assert g.demonym is not None
        country, kind = g.demonym
        found = [
            e for e in self.lexicon.entries.values()
            if e.actor.country == country and e.actor.kind is kind
        ]  # fmt: skip
        if kind is ActorKind.NON_STATE:
            # "Malian jihadists" names no group: extraction keeps it as written, of Mali
            found = []
        if found:
            found.sort(key=lambda e: (e.actor.side == "government", e.prior), reverse=True)
            return ActorMention(span, found[0].actor, DEMONYM_CONFIDENCE, "generic.demonym", True)
        if kind is ActorKind.NON_STATE:
            return ActorMention(span, None, 0.0, "generic.demonym.no-armed-group", True)
        # Not in the dictionary: a state's own forces are still an unambiguous actor.
        suffix = "forces" if kind is ActorKind.STATE_FORCES else "government"
        actor = Actor(
            id=f"{country.lower()}_{suffix}",
            name=f"{span.text.split()[0]} {suffix}",
            kind=kind,
            country=country,
            side="government",
        )
        return ActorMention(
            span, actor, DEMONYM_CONFIDENCE - 0.1, "generic.demonym.synthetic", True
        )

    def _generic(
        self,
        g: _Generic,
        span: Span,
        sent: int,
        relevant: Sequence[str],
        salience: Mapping[str, _Salience],
        first_named: Mapping[str, tuple[int, int]],
        context: _Context,
        opened: Mapping[str, ActorEntry],
    ) -> ActorMention:
        if g.demonym is not None:
            return self._demonym(g, span)
        scored: list[tuple[float, str, str]] = []
        for aid in relevant:
            entry = opened.get(aid) or self.lexicon.entries[aid]
            compat = g.compat.get(aid) if aid not in opened else _open_compat(g, entry.actor)
            if compat is None:
                continue
            country_fit = context.fit(entry)
            if aid in salience:
                s = salience[aid]
                score = RECENCY_DECAY ** max(sent - s.last_sentence, 0)
                score *= 1 + FREQUENCY_BONUS * min(s.count - 1, MAX_FREQUENCY)
                if s.last_sentence == sent and s.last_generic not in (None, g.phrase):
                    score *= OTHER_DESCRIPTION
                how = "recent"
            elif aid in first_named:
                same = first_named[aid][1] == sent
                score = CATAPHORA_SAME_SENTENCE if same else CATAPHORA_LATER
                how = "cataphora"
            else:
                score, how = 0.0, "country"
            if how != "country" and country_fit == 0.0 and context.weights:
                score *= OUT_OF_COUNTRY
            home = context.home_fit(entry)
            # An unnamed foreign force is only guessed from a phrase that describes it.
            # An unnamed foreign force is only guessed from a phrase that describes it; an
            # unnamed armed group only from its own descriptor ("rebels" stays generic).
            if (
                country_fit > 0.0
                and (home >= country_fit or compat == DESCRIPTOR_COMPAT)
                and (entry.actor.kind is not ActorKind.NON_STATE or compat == DESCRIPTOR_COMPAT)
                and aid not in opened
            ):
                by_country = UNNAMED_COUNTRY * home * (0.5 + entry.prior)
                if by_country > score:
                    score, how = by_country, "country"
            if score > 0.0:
                scored.append((compat * score, aid, how))
        if not scored:
            return ActorMention(span, None, 0.0, "generic.unresolved.no-candidate", generic=True)
        scored.sort(key=lambda x: (-x[0], x[1]))
        best, aid, how = scored[0]
        if best < MIN_SCORE:
            return ActorMention(span, None, 0.0, "generic.unresolved.weak", generic=True)
        second = scored[1][0] if len(scored) > 1 else 0.0
        if second >= AMBIGUOUS_RATIO * best:
            return ActorMention(span, None, 0.0, "generic.unresolved.ambiguous", generic=True)
        margin = best / (best + second)
        confidence = round(min(MAX_GENERIC_CONFIDENCE, margin * min(1.0, 0.4 + best)), 3)
        actor = (opened.get(aid) or self.lexicon.entries[aid]).actor
        return ActorMention(span, actor, confidence, f"generic.{how}", generic=True)


def _open_compat(g: _Generic, actor: Actor) -> float | None:
    """How a generic phrase fits an open-world actor: by kind, and by side when it has one
    ("the group" fits the Arakan Army; "the government" does not)."""
    if any(
        actor.kind in c.kinds and (actor.side is None or c.sides is None or actor.side in c.sides)
        for c in g.classes
    ):
        return CLASS_COMPAT
    return None


def _strip_article(name: str) -> str:
    words = name.split(" ")
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _fold_id(s: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in s).split())
