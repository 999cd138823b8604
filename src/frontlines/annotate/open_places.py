"""Open-world places: a name in a place role is a place even when the gazetteer lacks it.

The engine finds, from the dependency parse, the noun phrase that fills a place role ("took
control of the village of Tal Baydar"). ``OpenWorld.open_place`` turns it into a
``PlaceMention`` whose place keeps the name as written (no determiner, no kind word) and is
placed by the best container the text gives, ``Place.precision`` saying how closely:

1. ``paren-container``: "(District, Province)" or "(Province)" right after the name;
2. ``kind-phrase``: "in X district", "of X province", "in the district of X";
3. ``apposition``: ", X Oblast", ", Donetsk" (an admin division, not the next item of a list);
4. ``near``: "near Y", "20 km north of Y", "on the outskirts of Y" (Y's point, precision near);
5. ``sentence-admin``: a district or province resolved elsewhere in the sentence;
6. ``country``: a country named in the sentence, else the article's main country.

A name the gazetteer knows, as written or up to a spelling variant, is first looked for among
its readings inside that container: a village GeoNames has is better than a synthetic one.
Reading the same containers, ``recheck`` corrects the resolver's own choice for a known name
whose reading lies outside the container the text states ("Slavne, Donetsk").
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from frontlines import yamlfile
from frontlines.annotate.build_gazetteer import data_file
from frontlines.annotate.gazetteer import Gazetteer, fold
from frontlines.annotate.place_patterns import (
    _ACRONYM,
    _ADJECTIVES,
    _APPOSITION_HEAD,
    _BEARINGS,
    _CONNECTORS,
    _DETERMINER,
    _IN_KIND_HEAD,
    _LEADING_PUNCT,
    _LIST_GOES_ON,
    _MAY_CONTAIN,
    _MILE_KM,
    _NAME_WORD,
    _NEAR_HEAD,
    _NEXT_WORD,
    _PAREN_AFTER,
    _RUN,
    _TITLES,
    _TRAILING_PUNCT,
)
from frontlines.errors import DataFileError
from frontlines.records import (
    ActorMention,
    Place,
    PlaceKind,
    PlaceMention,
    PlacePrecision,
    Span,
)

_CITY, _ADMIN1, _ADMIN2, _COUNTRY = (
    PlaceKind.CITY,
    PlaceKind.ADMIN1,
    PlaceKind.ADMIN2,
    PlaceKind.COUNTRY,
)
_ADMINS = (_ADMIN1, _ADMIN2, _COUNTRY)

#: Open-world ids: 3,000,000,000 + a hash of (name, kind, country, admin1). GeoNames ids are
#: below 20 million and the curated additions of ``aliases.tsv`` lie in 2,000,000,000 ..
#: 2,099,999,999 (``build_gazetteer._synthetic_id``), so the three never collide.
OPEN_ID_BASE = 3_000_000_000
_OPEN_ID_SPAN = 1_000_000_000

#: how sure each container makes an open-world place (the text's syntax, strongest first)
CONTAINER_CONFIDENCE: Mapping[str, float] = {
    "paren-container": 0.8,
    "kind-phrase": 0.75,
    "in-division": 0.72,
    "apposition": 0.7,
    "near": 0.7,
    "name-part": 0.65,
    "sentence-admin": 0.6,
    "country": 0.5,
}
_GAZETTEER_CONFIDENCE = 0.85
_VARIANT_CONFIDENCE = 0.75
#: a gazetteer reading of the name counts as the place "near Y" within this distance of Y
NEAR_KM = 60.0
#: a stated distance beyond this is not used to move the point ("300 km south of Kabul")
_MAX_OFFSET_KM = 150.0
#: a district's namesake town (its seat) counts as the district within this distance
SEAT_KM = 40.0
#: below this population a known town named in an apposition to another province is a
#: homonym, above it "Taloqan, Kunduz" is more likely a list than a village of Kunduz
_APPOSITION_POP = 20_000


@dataclass(frozen=True, slots=True)
class OpenWords:
    """``data/open_places.yaml``: kind, area and leading words; what is never a place."""

    kinds: Mapping[str, tuple[PlaceKind, ...]]
    area: frozenset[str]
    leading: frozenset[str]
    non_place_heads: frozenset[str]
    non_place_words: frozenset[str]


def load_open_words(path: Path | None = None) -> OpenWords:
    """Read and check ``open_places.yaml`` (schema in the file's header)."""
    path = path or data_file("open_places.yaml")
    try:
        raw = yamlfile.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), f"cannot read open-world words: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("version") != 1:
        raise DataFileError(str(path), "expected a mapping with version: 1")
    kinds_raw = raw.get("kind_words")
    if not isinstance(kinds_raw, dict):
        raise DataFileError(str(path), "kind_words: expected word -> [kinds]")
    kinds: dict[str, tuple[PlaceKind, ...]] = {}
    for word, ks in kinds_raw.items():
        try:
            kinds[str(word).lower()] = tuple(PlaceKind(k) for k in ks)
        except (TypeError, ValueError) as exc:
            raise DataFileError(str(path), f"kind_words.{word}: {exc}") from exc

    def words(key: str) -> frozenset[str]:
        v = raw.get(key) or []
        if not isinstance(v, list):
            raise DataFileError(str(path), f"{key}: expected a list of words")
        return frozenset(str(w).lower() for w in v)

    return OpenWords(
        kinds,
        words("area_words"),
        words("leading_words"),
        words("non_place_heads"),
        words("non_place_words"),
    )


@dataclass(frozen=True, slots=True)
class Container:
    """What locates a name: a division it is in, or the town it is near."""

    place: Place
    precision: PlacePrecision
    rule: str  # a key of CONTAINER_CONFIDENCE
    admin2: str | None = None  # the district's name when ``place`` is its namesake seat
    km: float | None = None  # "20 km north of Y": the distance from Y ...
    bearing: float | None = None  # ... and the direction, degrees clockwise from north
    # the text contradicts itself: its district lies in another province than the one it
    # names. Good enough to place a name the gazetteer lacks, not to overrule one it has.
    doubtful: bool = False


@dataclass(frozen=True, slots=True)
class _Spec:
    """A container phrase read from the text, not yet looked up."""

    name: str
    kinds: tuple[PlaceKind, ...]
    rule: str
    start: int
    strict: bool = False  # a bare name: only a reading in the article's countries counts


def open_world_id(name: str, kind: PlaceKind, country: str, admin1_code: str | None) -> int:
    """Stable id of an open-world place: the same name in the same province is one place."""
    key = f"open|{_key(name)}|{kind.value}|{country}|{admin1_code or ''}"
    return OPEN_ID_BASE + zlib.crc32(key.encode()) % _OPEN_ID_SPAN


def _km(a: Place, b: Place) -> float:
    x = (b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 111.2 * math.hypot(x, b.lat - a.lat)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "-?")
        for w in sorted(words, key=len, reverse=True)
    )


def _near_radius(c: Container) -> float:
    """How far from Y a place "near Y" may be: NEAR_KM, or half again the stated distance."""
    return max(NEAR_KM, 1.5 * c.km) if c.km is not None else NEAR_KM


def _offset(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` away in direction ``bearing`` (flat-earth: fine below ~200 km)."""
    dlat = km * math.cos(math.radians(bearing)) / 111.2
    dlon = km * math.sin(math.radians(bearing)) / (111.2 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def consistent(p: Place, c: Container) -> bool:
    """Does the container allow the reading ``p``? Its province (or country) is enough: the
    district names of GeoNames and of the text's source differ too often to overrule a
    reading that the resolver chose with the whole document in view."""
    cp = c.place
    if c.rule == "near" or cp.kind == _CITY:
        return p.country == cp.country and _km(p, cp) <= _near_radius(c)
    if p.country != cp.country:
        return False
    if cp.kind == _COUNTRY:
        return True
    if p.admin1_code and cp.admin1_code:
        return p.admin1_code == cp.admin1_code
    return _key(p.admin1 or "") == _key(cp.admin1 or "")


def inside(p: Place, c: Container) -> bool:
    """Is the gazetteer place ``p`` in (or, for ``near``, close to) the container?"""
    cp = c.place
    if c.rule == "near":
        return p.country == cp.country and _km(p, cp) <= _near_radius(c)
    if p.country != cp.country:
        return False
    if cp.kind == _COUNTRY:
        return True
    if cp.kind == _ADMIN1:
        if cp.admin1_code:
            return p.admin1_code == cp.admin1_code
        return _key(p.admin1 or "") == _key(cp.admin1 or cp.name)
    same_a1 = p.admin1_code == cp.admin1_code or not (p.admin1_code and cp.admin1_code)
    if cp.kind == _ADMIN2 and p.admin2 and _key(p.admin2) == _key(cp.name):
        return same_a1
    if cp.kind == _ADMIN2 and c.precision == PlacePrecision.PROVINCE:
        return same_a1  # a district no town is known in: its province is all one can check
    # a district known by its seat, or placed at its centroid: close by, same province
    return same_a1 and c.precision == PlacePrecision.DISTRICT and _km(p, cp) <= SEAT_KM


class OpenWorld:
    """Reads containers and builds open-world places; read-only, shared like the resolver."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        words: OpenWords,
        stop: frozenset[str],
        demonyms: frozenset[str],
    ) -> None:
        self.gazetteer = gazetteer
        self.words = words
        self.stop = stop | {_key(w) for w in words.non_place_words}
        self.demonyms = demonyms
        kind = _alternation(words.kinds)
        area = _alternation(words.area)
        # a kind (or area) word right after a name: "Bar-Sanguun village", "Uror County"
        self._kind_after = re.compile(rf"\s+(?i:({kind}))\b")
        self._trailing = re.compile(rf"\s+(?i:({kind}))$")
        self._area_after = re.compile(rf"\s+({area})\b")
        self._trailing_area = re.compile(rf"\s+({area})$")  # lower case only: "Nusra Front"
        # "the strategic village of X", "the outskirts of X"
        self._leading = re.compile(rf"^{_ADJECTIVES}(?i:({kind}|{area}))\s+of\s+(?:the\s+)?")
        self._leading_word = re.compile(rf"^(?i:({_alternation(words.leading)}))\s+")
        # "in X district", "of X province", "in the district of X"
        self._in_kind = re.compile(_IN_KIND_HEAD)
        self._kind_of = re.compile(rf"(?i:({kind}))\s+of\s+(?:the\s+)?")
        self._kinds_lower = {k.lower() for k in words.kinds}

    # ------------------------------------------------------------------ public

    def open_place(
        self,
        text: str,
        span: Span,
        *,
        sentence: Span,
        mentions: Sequence[PlaceMention],
        countries: Sequence[str],
        actors: Sequence[ActorMention] = (),
    ) -> PlaceMention | None:
        """The place a place-role phrase names, or None when it is not a place name.

        See ``PlaceResolver.open_place`` for the contract.
        """
        cleaned = self._clean(text, span)
        if cleaned is None:
            return None
        name, kinds, after = cleaned
        if self._refused(text, name, actors):
            return None
        own = self._mention_for(name, mentions)
        container = self._container(text, after, name, countries, _by_start(mentions))
        if (
            own is not None
            and own.place is not None
            and (
                container is None
                or container.doubtful
                or consistent(own.place, container)
                or _abroad(own.place, container, countries)
            )
        ):
            if kinds and own.place.kind not in kinds:  # "Khan Neshin district": the district
                other = self._known(name.text, kinds, container, [own.place.country])
                if other is not None and other[1] == "in-container":
                    return replace(own, place=other[0], rule=own.rule + "+place.kind-word.v1")
            return own  # the resolver read the whole document: its reading stands
        part = self._name_part(name, mentions, countries)
        if part is not None and (container is None or consistent(part.place, container)):
            container = part
        if container is None:
            container = self._sentence_admin(name, sentence, mentions, countries)
        if container is None:
            container = self._country(name, sentence, mentions, countries)
        found = self._known(name.text, kinds, container, countries)
        if found is not None:
            place, how = found
            rule_of = container.rule if container else "country"
            conf = _GAZETTEER_CONFIDENCE if how == "in-container" else _VARIANT_CONFIDENCE
            return PlaceMention(name, place, conf, f"place.gazetteer-{how}.{rule_of}.v1")
        if container is None:
            return None  # nothing in the text locates it: not placeable
        place = self._open(name.text, kinds[0] if kinds else _CITY, container)
        return PlaceMention(
            name,
            place,
            CONTAINER_CONFIDENCE[container.rule],
            f"place.open-world.{container.rule}.v1",
        )

    def recheck(
        self, text: str, mentions: Sequence[PlaceMention], countries: Sequence[str]
    ) -> list[PlaceMention]:
        """The resolver's mentions, each town or district checked against the container the
        text states right after it: another reading inside it, else an open-world place."""
        out = []
        at = _by_start(mentions)
        for m in mentions:
            p = m.place
            if p is None or m.facility is not None or p.kind not in (_CITY, _ADMIN2):
                out.append(m)
                continue
            after = self._skip_kind(text, m.span.end)
            if not _MAY_CONTAIN.match(text, after):
                out.append(m)  # ". ", " and ", " fell": no container can follow
                continue
            c = self._container(text, after, m.span, countries, at, explicit=True)
            if (
                c is None
                or c.doubtful
                or consistent(p, c)
                or _abroad(p, c, countries)
                or self._sibling(m.span.text, c)
            ):
                out.append(m)
                continue
            if c.rule in ("apposition", "in-division") and (
                p.population >= _APPOSITION_POP or p.admin_seat is not None
            ):
                out.append(m)  # "Taloqan, Kunduz and ...": a list of towns more likely
                continue
            kinds = (p.kind,)
            found = self._known(m.span.text, kinds, c, countries)
            if found is not None:
                rule = f"gazetteer.explicit-container.{c.rule}"
                out.append(replace(m, place=found[0], rule=rule))
                continue
            place = self._open(m.span.text, _CITY, c)
            out.append(
                PlaceMention(
                    m.span, place, CONTAINER_CONFIDENCE[c.rule], f"place.open-world.{c.rule}.v1"
                )
            )
        return out

    # ------------------------------------------------------------------ the name

    def _clean(self, text: str, span: Span) -> tuple[Span, tuple[PlaceKind, ...], int] | None:
        """(the name's span, kinds its kind word says, where containers may start)."""
        start, end = span.start, span.end
        s = text[start:end]
        cut = s.find("(")
        if cut > 0:  # "Sabzi Kar (Nad Ali, Helmand)" given whole: the name ends before it
            s = s[:cut]
        if (m := _LEADING_PUNCT.match(s)) is not None:
            start += m.end()
            s = s[m.end() :]
        if (m := _TRAILING_PUNCT.search(s)) is not None:
            s = s[: m.start()]
        kinds: tuple[PlaceKind, ...] = ()
        while (m := _DETERMINER.match(s)) is not None:
            start += m.end()
            s = s[m.end() :]
        if (m := self._leading.match(s)) is not None:
            kinds = self.words.kinds.get(_norm(m.group(1)), ())
            start += m.end()
            s = s[m.end() :]
        elif (m := self._leading_word.match(s)) is not None and len(s) > m.end():
            start += m.end()
            s = s[m.end() :]
        if s.endswith(("'s", "’s")):
            s = s[:-2]
        area = self._trailing_area.search(s)
        if area is not None:
            s = s[: area.start()]
        elif (m := self._trailing.search(s)) is not None:
            kinds = self.words.kinds.get(_norm(m.group(1)), kinds)
            s = s[: m.start()]
        s = _name_part(s.rstrip())
        if not s:
            return None
        if (m := self._trailing.search(s)) is not None:  # "Sabzi Kar village in ...": cut
            kinds = self.words.kinds.get(_norm(m.group(1)), kinds)
            s = s[: m.start()]
        name = Span(start, start + len(s), s)
        return name, kinds, self._skip_kind(text, name.end)

    def _skip_kind(self, text: str, pos: int) -> int:
        """Past a kind or area word right after a name ("Bar-Sanguun village (Kismaayo, ...)",
        "Bilad al Yubi area (Qaatabah, Ad Dali)")."""
        m = self._kind_after.match(text, pos) or self._area_after.match(text, pos)
        return m.end() if m is not None else pos

    def _refused(self, text: str, name: Span, actors: Sequence[ActorMention]) -> bool:
        """Not a place name: common nouns, pronouns, stop and time words, acronyms, actors
        and organisations, persons after a title."""
        words = name.text.split()
        if not _NAME_WORD.match(words[0]) or _ACRONYM.match(name.text):
            return True
        key = _key(name.text)
        if key in self.gazetteer.keys and key not in self.stop:
            return any(a.span.start < name.end and name.start < a.span.end for a in actors)
        if key in self.stop or key in self.demonyms or not any(c.isalpha() for c in key):
            return True
        content = [_key(w) for w in words if w not in _CONNECTORS]
        if all(k in self.stop or k in self.demonyms for k in content):
            return True
        if _key(words[-1]) in self.words.non_place_heads:
            return True
        if _key(words[0]) in _TITLES:
            return True  # "President Ghani", "Gen. Kamin"
        nxt = _NEXT_WORD.match(text, name.end)
        if (
            nxt is not None
            and _key(nxt.group(1)) in self.words.non_place_heads
            and nxt.group(1) not in self.words.area
        ):
            return True  # "a Nyatura militia", "Houthi forces": the name qualifies an actor
        before = text[max(0, name.start - 20) : name.start].split()
        if before and _key(before[-1]) in _TITLES:
            return True
        return any(a.span.start < name.end and name.start < a.span.end for a in actors)

    @staticmethod
    def _mention_for(name: Span, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
        """The resolver's mention of exactly this name (or of a name containing it)."""
        for m in mentions:
            if m.facility is None and m.span.start <= name.start and name.end <= m.span.end:
                return m
        return None

    @staticmethod
    def _name_part(
        name: Span, mentions: Sequence[PlaceMention], countries: Sequence[str]
    ) -> Container | None:
        """A name made of a known place and more ("Donetsk Airport", "PD10 of Kandahar",
        "Zolote-4") lies near that place, when it is one of the article's countries."""
        for m in mentions:
            p = m.place
            if p is None or m.facility is not None or p.kind == _COUNTRY:
                continue
            if name.start <= m.span.start and m.span.end <= name.end and m.span != name:
                if countries and p.country != countries[0]:
                    continue
                if p.kind == _CITY:
                    return Container(p, PlacePrecision.NEAR, "name-part")
                return Container(p, p.precision or PlacePrecision.PROVINCE, "name-part")
        return None

    # ------------------------------------------------------------------ containers

    def _container(
        self,
        text: str,
        pos: int,
        name: Span,
        countries: Sequence[str],
        at: Mapping[int, Place],
        *,
        explicit: bool = False,
    ) -> Container | None:
        """The container stated right after the name: up to four phrases in a chain ("village
        of Charbolak district of Balkh province", "Paletwa Town, Paletwa Township, Mindat
        District, Chin State"), read broadest first so that each narrows the next; the most
        specific one that resolves wins."""
        specs: list[_Spec] = []
        paren: Container | None = None
        for hop in range(4):
            m = _PAREN_AFTER.match(text, pos)
            if m is not None:
                paren = self._paren(text, m, countries, at)
                if paren is not None:
                    break
                pos = m.end()
                continue
            spec = self._kind_phrase(text, pos) or self._apposition(text, pos)
            if spec is None and hop == 0 and not explicit:
                return self._near(text, pos, countries, at)
            if spec is None:
                break
            specs.append(spec)
            pos = self._skip_kind(text, spec.start + len(spec.name))
        if paren is not None:
            bases: list[Container | None] = [paren]
        elif specs:
            last = specs.pop()
            readings = self._readings(
                last.name, last.kinds, countries, None, last.strict, at.get(last.start)
            )
            bases = [self._as_container(p, last.rule) for p in readings[:3]] or [None]
        else:
            return None
        best: tuple[int, Container] | None = None
        for base in bases:
            got, depth = base, 0
            for spec in reversed(specs):
                within = got.place if got is not None and got.place.kind != _CITY else None
                if got is not None and within is None:
                    break  # nothing is inside a town the name is near
                found = self._readings(
                    spec.name, spec.kinds, countries, within, spec.strict, at.get(spec.start)
                )
                if found:
                    got, depth = self._as_container(found[0], spec.rule), depth + 1
            if got is not None and (best is None or depth > best[0]):
                best = (depth, got)
        return best[1] if best is not None else None

    @staticmethod
    def _as_container(p: Place, rule: str) -> Container:
        """A division contains; a town named as the container ("of Kolofata town") is near."""
        if p.kind == _CITY:
            return Container(p, PlacePrecision.NEAR, rule)
        return Container(p, p.precision or PlacePrecision.PROVINCE, rule)

    def _paren(
        self, text: str, m: re.Match[str], countries: Sequence[str], at: Mapping[int, Place]
    ) -> Container | None:
        """ "(District, Province)", "(Province)", "(District, Province, Country)". The
        broadest part is tried in its likely readings until the narrower parts fit one."""
        parts = []
        for pm in re.finditer(r"[^,;/]+", m.group(1)):
            part, kinds = self._split_kind(pm.group())
            lead = len(pm.group()) - len(pm.group().lstrip())
            parts.append((part, kinds, m.start(1) + pm.start() + lead))
        if not 1 <= len(parts) <= 4 or not all(_looks_like_name(n) for n, _, _ in parts):
            return None
        last, kinds, start = parts[-1]
        tops = self._readings(
            last, kinds or (_ADMIN1, _COUNTRY, _ADMIN2), countries, None, False, at.get(start)
        )
        best: tuple[bool, Container] | None = None
        for top in tops[:3]:
            got = self._paren_under(top, parts[:-1], countries, at)
            narrowed = got.place is not top  # an inner part resolved inside this reading
            if best is None or (narrowed and not best[0]):
                best = (narrowed, got)
        return best[1] if best is not None else None

    def _paren_under(
        self,
        top: Place,
        inner: Sequence[tuple[str, tuple[PlaceKind, ...], int]],
        countries: Sequence[str],
        at: Mapping[int, Place],
    ) -> Container:
        rule = "paren-container"
        if top.kind == _COUNTRY and inner:
            part, _, start = inner[-1]
            a1 = self._readings(part, (_ADMIN1,), countries, top, False, at.get(start))
            if a1:
                top, inner = a1[0], inner[:-1]
        if top.kind == _ADMIN1:
            for part, pk, start in reversed(inner):
                a2 = self._readings(part, pk or (_ADMIN2,), countries, top, False, at.get(start))
                if a2 and a2[0].kind == _ADMIN2:
                    return Container(a2[0], a2[0].precision or PlacePrecision.DISTRICT, rule)
                seat = self._readings(part, (_CITY,), countries, top, False, at.get(start))
                if seat:  # a district named after its seat: the seat stands for it
                    return Container(seat[0], PlacePrecision.DISTRICT, rule, part)
            # "(Gujiba LGA, Borno)" with Gujba in Yobe: the parenthesis contradicts itself
            country = (top.country,)
            doubtful = any(
                self._readings(part, pk or (_ADMIN2, _CITY), country, None, True)
                for part, pk, _ in inner
            )
            return Container(top, top.precision or PlacePrecision.PROVINCE, rule, doubtful=doubtful)
        return Container(top, top.precision or PlacePrecision.PROVINCE, rule)

    def _kind_phrase(self, text: str, pos: int) -> _Spec | None:
        """ "in X district", "of X province", "in the district of X", "of X town"."""
        m = self._in_kind.match(text, pos)
        if m is None:
            return None
        p2 = m.end()
        k = self._kind_of.match(text, p2)
        if k is not None:
            run = _RUN.match(text, k.end())
            word = k.group(1)
            if run is None:
                return None
            name, inner = self._split_kind(run.group())
        else:
            run = _RUN.match(text, p2)
            if run is None:
                return None
            name, inner = self._split_kind(run.group())
            after = self._kind_after.match(text, run.end())
            if not inner and after is None:
                if m.group("prep") == "of" or not _looks_like_name(name):
                    return None
                # "in the West Bank", "in Donetsk": a division by its bare name
                return _Spec(name, (_ADMIN1, _ADMIN2, _COUNTRY), "in-division", run.start(), True)
            word = after.group(1) if after is not None and not inner else ""
        kinds = inner or self.words.kinds.get(_norm(word), ())
        if not kinds or not _looks_like_name(name):
            return None
        # strict: "in the Catatumbo region" of a Colombian article is no Venezuelan district
        return _Spec(name, kinds, "kind-phrase", run.start(), True)

    def _apposition(self, text: str, pos: int) -> _Spec | None:
        """ ", Donetsk", ", Donetsk Oblast": a division, unless a list goes on after it."""
        m = _APPOSITION_HEAD.match(text, pos)
        if m is None:
            return None
        run = _RUN.match(text, m.end())
        if run is None:
            return None
        name, kinds = self._split_kind(run.group())
        end = run.end()
        after = self._kind_after.match(text, end)
        if not kinds and after is not None:
            kinds = self.words.kinds.get(_norm(after.group(1)), ())
            end = after.end()
        if not kinds and _LIST_GOES_ON.match(text, end):
            return None
        if not _looks_like_name(name):
            return None
        return _Spec(name, kinds or (_ADMIN1, _ADMIN2, _COUNTRY), "apposition", run.start(), True)

    def _near(
        self, text: str, pos: int, countries: Sequence[str], at: Mapping[int, Place]
    ) -> Container | None:
        """ "near Y", "20 km north of Y": Y's point (a town the resolver knows, else looked up)."""
        m = _NEAR_HEAD.match(text, pos)
        if m is None:
            return None
        run = _RUN.match(text, m.end())
        if run is None:
            return None
        y = at.get(run.start())
        if y is None:
            name, kinds = self._split_kind(run.group())
            found = self._readings(name, kinds or (_CITY, _ADMIN2, _ADMIN1), countries, None, True)
            y = found[0] if found else None
        if y is None:
            return None
        precision = PlacePrecision.NEAR if y.kind == _CITY else y.precision or PlacePrecision.NEAR
        km = None
        if m.group("dist"):
            km = float(m.group("dist").replace(",", "."))
            if m.group("unit").startswith("mi"):
                km *= _MILE_KM
        compass = (m.group("dir1") or m.group("dir2") or "").replace("-", "").lower()
        bearing = _BEARINGS.get(compass.removesuffix("ern"))
        return Container(y, precision, "near", km=km, bearing=bearing)

    def _sentence_admin(
        self,
        name: Span,
        sentence: Span,
        mentions: Sequence[PlaceMention],
        countries: Sequence[str],
    ) -> Container | None:
        """The division named nearest the name in its sentence (one after it counts as half
        as far: "X ... in Y province"), of the article's main country first, narrowed to a
        district of it named there too."""
        found: list[tuple[int, float, Place]] = []
        rank = {cc: i for i, cc in enumerate(countries)}
        for m in mentions:
            p = m.place
            if p is None or m.facility is not None or p.kind not in (_ADMIN1, _ADMIN2):
                continue
            if not (sentence.start <= m.span.start < sentence.end):
                continue
            if m.span.start < name.end and name.start < m.span.end:
                continue
            if countries and p.country not in countries:
                continue  # a division of another country is not where this happened
            after = m.span.start >= name.end
            dist = (m.span.start - name.end) / 2 if after else 1 + name.start - m.span.end
            found.append((rank.get(p.country, 0), dist, p))
        if not found:
            return None
        found.sort(key=lambda x: x[:2])  # the article's main country first, then the nearest
        best = found[0][2]
        if best.kind == _ADMIN1:
            box = Container(best, PlacePrecision.PROVINCE, "sentence-admin")
            narrower = [p for _, _, p in found if p.kind == _ADMIN2 and inside(p, box)]
            if narrower:
                best = narrower[0]
        return Container(best, best.precision or PlacePrecision.PROVINCE, "sentence-admin")

    def _country(
        self,
        name: Span,
        sentence: Span,
        mentions: Sequence[PlaceMention],
        countries: Sequence[str],
    ) -> Container | None:
        """A country named in the sentence, else the article's most likely one."""
        for m in mentions:
            p = m.place
            if (
                p is not None
                and p.kind == _COUNTRY
                and sentence.start <= m.span.start < sentence.end
                and not (m.span.start < name.end and name.start < m.span.end)
            ):
                return Container(p, PlacePrecision.COUNTRY, "country")
        for cc in countries[:1]:
            c = self.gazetteer.country(cc)
            if c is not None:
                return Container(c, PlacePrecision.COUNTRY, "country")
        return None

    # ------------------------------------------------------------------ lookups

    def _split_kind(self, s: str) -> tuple[str, tuple[PlaceKind, ...]]:
        """ "Donetsk Oblast" -> ("Donetsk", (admin1,)); "Lower Juba" -> ("Lower Juba", ())."""
        s = s.strip()
        m = self._trailing.search(s)
        if m is not None and m.group(1).lower() in self._kinds_lower:
            return s[: m.start()].rstrip(), self.words.kinds[_norm(m.group(1))]
        return s, ()

    def _readings(
        self,
        name: str,
        kinds: Sequence[PlaceKind],
        countries: Sequence[str],
        within: Place | None,
        strict: bool,
        hint: Place | None = None,
    ) -> list[Place]:
        """The readings of a container name, likeliest first: the resolver's own reading of
        it (``hint``) and its country, the article's countries in order, the wanted kind,
        population; only inside ``within``; by spelling variant when none is exact."""
        if not name or _key(name) in self.stop:
            return []
        box = (
            Container(within, within.precision or PlacePrecision.POINT, "kind-phrase")
            if within is not None
            else None
        )
        rank = {cc: i for i, cc in enumerate(countries)}
        for readings in (
            self.gazetteer.candidates(_key(name)),
            self.gazetteer.variant_candidates(name),
        ):
            got = [p for p, _ in readings if p.kind in kinds]
            if box is not None and within is not None:
                got = [p for p in got if p.geonameid != within.geonameid and inside(p, box)]
            if strict and countries:
                got = [p for p in got if p.country in rank]
            if got:
                key = _key(name)
                return sorted(
                    got,
                    key=lambda p: (
                        hint is None or p.geonameid != hint.geonameid,
                        hint is None or p.country != hint.country,
                        rank.get(p.country, len(rank)),
                        kinds.index(p.kind),
                        _key(p.name) != key,  # called by its own name before an alias
                        -p.population,
                    ),
                )
        return []

    def _known(
        self,
        name: str,
        kinds: Sequence[PlaceKind],
        container: Container | None,
        countries: Sequence[str],
    ) -> tuple[Place, str] | None:
        """A gazetteer reading of the name inside the container (as written, then by spelling
        variant), with how it was found: "in-container" or "variant"."""
        wanted = tuple(kinds) or (_CITY, _ADMIN2)
        for how, readings in (
            ("in-container", self.gazetteer.candidates(_key(name))),
            ("variant", self.gazetteer.variant_candidates(name)),
        ):
            got = [p for p, _ in readings if p.kind in wanted]
            if container is not None:
                got = [p for p in got if inside(p, container)]
            elif countries:
                got = [p for p in got if p.country == countries[0]]
            else:
                got = []
            loose = container is None or container.rule == "country"
            if how == "variant" and loose and len(got) != 1:
                continue  # a variant spelling alone in a whole country: only if unique
            if got:
                best = min(
                    got,
                    key=lambda p: (
                        wanted.index(p.kind),
                        p.admin_seat is None,
                        -p.population,
                    ),
                )
                return best, how
        return None

    def _sibling(self, name: str, c: Container) -> bool:
        """ "Kunduz, Takhar": the name is itself a division of the container's level."""
        return any(
            p.kind == c.place.kind and p.country == c.place.country
            for p, _ in self.gazetteer.candidates(_key(name))
        )

    def _open(self, name: str, kind: PlaceKind, c: Container) -> Place:
        """A place the gazetteer lacks, located by its container."""
        cp = c.place
        admin1 = cp.admin1 if cp.kind != _COUNTRY else None
        code = cp.admin1_code if cp.kind != _COUNTRY else None
        admin2 = c.admin2 or (cp.name if cp.kind == _ADMIN2 else cp.admin2)
        if cp.kind in (_ADMIN1, _COUNTRY):
            admin2 = None
        if cp.kind == _ADMIN1:
            admin1 = cp.admin1 or cp.name
        precision = c.precision
        lat, lon = cp.lat, cp.lon
        if c.km is not None and c.bearing is not None and c.km <= _MAX_OFFSET_KM:
            lat, lon = _offset(lat, lon, c.km, c.bearing)  # "30 km north of Hasakah"
        if kind == _ADMIN2:
            admin2 = name
            if precision in (PlacePrecision.POINT, PlacePrecision.NEAR, PlacePrecision.DISTRICT):
                precision = PlacePrecision.NEAR
        elif kind == _ADMIN1:
            admin1, code, admin2 = name, None, None
        return Place(
            geonameid=open_world_id(name, kind, cp.country, code),
            name=name,
            kind=kind,
            lat=lat,
            lon=lon,
            country=cp.country,
            admin1=admin1,
            admin1_code=code,
            admin2=admin2,
            precision=precision,
        )


def _abroad(p: Place, c: Container, countries: Sequence[str]) -> bool:
    """A container in another country than a reading in the article's own: the container,
    not the town, is the misreading ("El Tarra in the Catatumbo region" of a Colombian text,
    Catatumbo being a Venezuelan municipality too)."""
    return bool(countries) and p.country == countries[0] != c.place.country


def _by_start(mentions: Sequence[PlaceMention]) -> dict[int, Place]:
    """The resolver's places by where their names start (containers look names up there)."""
    return {m.span.start: m.place for m in mentions if m.place is not None and not m.facility}


def _name_part(s: str) -> str:
    """The name at the head of a phrase: up to a comma or the first lower-case word that is
    not a connector ("Sabzi Kar in Nad Ali district" -> "Sabzi Kar")."""
    s = s.split(",", 1)[0].rstrip()
    words = s.split(" ")
    for i, w in enumerate(words[1:], start=1):
        if w and w not in _CONNECTORS and not _NAME_WORD.match(w) and not w.isdigit():
            return " ".join(words[:i]).rstrip()
    return s


@functools.lru_cache(maxsize=65536)
def _key(s: str) -> str:
    """``fold``, remembered: the same names are folded for every mention and reading."""
    return fold(s)


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower())


def _looks_like_name(s: str) -> bool:
    words = s.split()
    return bool(words) and bool(_NAME_WORD.match(words[0])) and not _ACRONYM.match(s)
