"""The place resolver: finds place names and facility phrases in an article and geocodes them.

Detection is a longest-match over capitalised token runs ("Lashkar Gah", "Qal'ah-ye Now",
"Deir ez-Zor"), folded the same way as gazetteer keys. Each mention's candidates are scored
with evidence the article itself gives, in this order of strength:

* a kind cue next to the name ("Ghazni province", "the city of Ghazni", "Maidan district");
* a container named in the same sentence ("Lyman, in Donetsk", "the capital of Badghis");
* the article's country context (demonyms, unambiguous places, caller hints);
* closeness to places the article names unambiguously;
* population and admin-seat status as the prior.

The rule with the biggest say in the winner's margin is recorded in ``PlaceMention.rule``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from frontlines import yamlfile
from frontlines.annotate.build_gazetteer import data_file
from frontlines.annotate.gazetteer import Gazetteer, fold
from frontlines.annotate.open_places import OpenWords, OpenWorld, load_open_words
from frontlines.annotate.place_patterns import (
    _ADMIN1_CUES,
    _ADMIN1_OF,
    _ADMIN2_CUES,
    _ADMIN2_OF,
    _ARTICLE_PREFIX,
    _CAPITAL_OF,
    _CITY_CUES,
    _CITY_OF,
    _CONNECTORS,
    _CUE_AFTER,
    _FACILITY_GAP,
    _FACILITY_IN,
    _FUNCTION_WORDS,
    _GLUED_ARTICLE,
    _LIST_WORD,
    _MAX_TOKENS,
    _NAME_JOINERS,
    _PERSON_POP,
    _PLACE_SUFFIXES,
    _PREFIXED,
    _RUN,
    _RUN_PLAIN,
    _SPACES,
    _TITLES,
)
from frontlines.errors import DataFileError
from frontlines.records import ActorMention, Place, PlaceKind, PlaceMention, Span

# the kinds as plain names: looking a member up on the enum class is slow in hot loops
_CITY, _ADMIN1, _ADMIN2, _COUNTRY = (
    PlaceKind.CITY,
    PlaceKind.ADMIN1,
    PlaceKind.ADMIN2,
    PlaceKind.COUNTRY,
)


def load_demonyms(path: Path | None = None) -> dict[str, str]:
    """``demonyms.yaml`` as word -> ISO alpha-2 (plural forms added)."""
    path = path or data_file("demonyms.yaml")
    try:
        raw = yamlfile.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), f"cannot read demonyms: {exc}") from exc
    if not isinstance(raw, dict):
        raise DataFileError(str(path), "expected a mapping of country code -> list of words")
    out: dict[str, str] = {}
    for cc, words in raw.items():
        if not isinstance(words, list):
            raise DataFileError(str(path), f"{cc}: expected a list of words")
        for w in words:
            out[str(w)] = str(cc).upper()
    return out


def load_facilities(path: Path | None = None) -> dict[str, list[str]]:
    """``facilities.yaml`` as facility kind -> phrases."""
    path = path or data_file("facilities.yaml")
    try:
        raw = yamlfile.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), f"cannot read facilities: {exc}") from exc
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise DataFileError(str(path), "expected a mapping of facility kind -> list of phrases")
    return {str(k): [str(x) for x in v] for k, v in raw.items()}


def load_stopwords(path: Path | None = None) -> frozenset[str]:
    """``place_stopwords.txt`` as folded keys."""
    path = path or data_file("place_stopwords.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read stop words: {exc}") from exc
    return frozenset(fold(x) for x in lines if x.strip() and not x.startswith("#"))


def _phrase_regex(phrases: Sequence[str]) -> str:
    parts = []
    for ph in sorted(phrases, key=len, reverse=True):
        p = re.escape(ph).replace("'", "['’]?").replace(r"\ ", r"\s+")
        parts.append(p)
    return r"\b(?:" + "|".join(parts) + r")\b"


# --------------------------------------------------------------------------- internals


@dataclass(slots=True)
class _Tok:
    start: int
    end: int  # without a possessive 's
    text: str
    key: str
    cap: bool
    possessive: bool
    run: int = 0


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    key: str
    first_tok: int
    last_tok: int
    sent: int
    options: list[tuple[Place, bool]]
    cue: str | None = None  # "admin1" | "admin2" | "city"
    chosen: Place | None = None
    confidence: float = 0.0
    rule: str = ""


_Ranked = list[tuple[Place, float, dict[str, float]]]
# what a mention's ranking depends on: its name, kind cue and container evidence
_RankKey = tuple[str, str | None, tuple[tuple[str, float], ...]]


@functools.lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    """``fold`` of a gazetteer name, cached: the same few names are compared again and again."""
    return fold(name)


def _km(a: Place, b: Place) -> float:
    """Equirectangular distance: exact enough below a few hundred km, and cheap."""
    x = (b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 111.2 * math.hypot(x, b.lat - a.lat)


def _km_memo(a: Place, b: Place, memo: dict[tuple[int, int], float]) -> float:
    """``_km`` remembered in ``memo`` (one call's): the same pairs are measured again."""
    pair = (a.geonameid, b.geonameid)
    d = memo.get(pair)
    if d is None:
        d = memo[pair] = _km(a, b)
    return d


_KIND_PRIOR = {
    _COUNTRY: 1.5,
    _CITY: 0.5,
    _ADMIN1: 0.3,
    _ADMIN2: -0.6,
}


class PlaceResolver:
    """Resolves place names and facilities in article text against a ``Gazetteer``.

    Holds only read-only data (lexicons compiled once), so one resolver can serve many
    articles and threads.
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        demonyms: Mapping[str, str] | None = None,
        facilities: Mapping[str, Sequence[str]] | None = None,
        stopwords: frozenset[str] | None = None,
        open_words: OpenWords | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.demonyms = dict(demonyms if demonyms is not None else load_demonyms())
        facs = facilities if facilities is not None else load_facilities()
        self.stop = (
            (stopwords if stopwords is not None else load_stopwords())
            | {fold(w) for w in self.demonyms}
            | {fold(w) + "s" for w in self.demonyms}
        )
        self._demonym_keys = {fold(w) for w in self.demonyms} | {
            fold(w) + "s" for w in self.demonyms
        }
        self._facility_kind: dict[str, str] = {}
        phrases: list[str] = []
        for kind, phs in facs.items():
            for ph in phs:
                self._facility_kind[_fac_key(ph)] = kind
                phrases.append(ph)
        self._facility_re = re.compile(_phrase_regex(phrases), re.IGNORECASE) if phrases else None
        # first words of the phrases: cheap str.find triggers before the regex runs
        heads = {ph.split()[0].lower().split("'")[0] for ph in phrases}
        # a head that starts with another head ("airport", "air") finds no other start
        self._facility_heads = sorted(
            h for h in heads if not any(h != o and h.startswith(o) for o in heads)
        )
        words = open_words if open_words is not None else load_open_words()
        # a kind, area or one-word facility word alone ("Town", "Valley", "Airport") names no
        # place, although GeoNames has hamlets so called
        one_word = {ph for phs in facs.values() for ph in phs if " " not in ph.strip()}
        self.stop = self.stop | {fold(w) for w in (*words.kinds, *words.area, *one_word)}
        self._open = OpenWorld(gazetteer, words, self.stop, frozenset(self._demonym_keys))
        dem = sorted(self.demonyms, key=len, reverse=True)
        # "\b(Afghan|...)(?:s)?\b". When every word starts with a letter, the leading "\b" is
        # checked by ``_add_demonyms`` instead: without it the regex engine skips ahead to the
        # first letters of the words.
        self._demonym_bound = not all(_is_word_char(d[:1]) for d in dem)
        self._demonym_re = (
            re.compile(
                (r"\b(" if self._demonym_bound else "(")
                + "|".join(re.escape(d) for d in dem)
                + r")(?:s)?\b"
            )
            if dem
            else None
        )

    # ------------------------------------------------------------------ public

    def resolve(
        self,
        text: str,
        sentences: Sequence[Span],
        *,
        country_hints: Mapping[str, float] | None = None,
    ) -> list[PlaceMention]:
        """Place and facility mentions in ``text``, in text order, offsets into ``text``."""
        sents = list(sentences) or [Span(0, len(text), text)]
        toks = self._tokens(text)
        cands = self._detect(text, toks, sents)
        self._cues(text, cands)
        ctx = self._context(text, cands, country_hints)
        self._choose(text, toks, cands, ctx, sents)
        out = [
            PlaceMention(
                Span(c.start, c.end, text[c.start : c.end]),
                c.chosen,
                round(c.confidence, 3),
                c.rule,
            )
            for c in cands
            if c.chosen is not None
        ]
        # a town whose reading lies outside the container the text states ("Slavne, Donetsk")
        out = self._open.recheck(text, out, [cc for cc, _ in sorted(ctx.items(), key=_by_weight)])
        out.extend(self._facilities(text, sents, out))
        out.sort(key=lambda m: (m.span.start, m.span.end))
        return out

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
        """The place named by a phrase in a place role, even when the gazetteer lacks it.

        ``text`` is the article text; ``span`` the phrase the parser put in the role, possibly
        with a determiner or kind word ("the village of Tal Baydar", "Mastumeh town");
        ``sentence`` its sentence; ``mentions`` the document's place mentions (``resolve``);
        ``countries`` its country context, most likely first; ``actors`` its actor mentions
        (a phrase overlapping one is an actor, not a place).

        Returns None for what is not a place name (lower-case nouns, pronouns, stop and time
        words, acronyms, organisations, persons after a title) and for a name nothing in the
        text locates. Otherwise a mention whose span is the cleaned name and whose place is,
        in this order: the resolver's own mention of the name when it agrees with the
        container the text states; a gazetteer reading of the name inside that container
        (``place.gazetteer-in-container.<container>.v1``, or ``place.gazetteer-variant...``
        for another spelling); else an open-world place (``place.open-world.<container>.v1``)
        with a stable id of its own, the coordinates and admin names of the container, and
        ``precision`` saying which: point, near, district, province or country. Containers,
        strongest first: ``paren-container``, ``kind-phrase``, ``apposition``, ``near``,
        ``sentence-admin``, ``country`` (``docs/gazetteer.md``).
        """
        return self._open.open_place(
            text, span, sentence=sentence, mentions=mentions, countries=countries, actors=actors
        )

    def country_context(
        self,
        text: str,
        places: Sequence[PlaceMention] = (),
        extra_hints: Mapping[str, float] | None = None,
    ) -> dict[str, float]:
        """The article's countries weighted 0..1: demonyms, resolved places, caller hints.

        The extract stage uses it to place an event whose sentence names no place.
        """
        w: dict[str, float] = {}
        self._add_demonyms(text, w)
        for m in places:
            if m.place is not None and m.facility is None:
                bonus = 2.0 if m.place.kind == _COUNTRY else 1.0
                w[m.place.country] = w.get(m.place.country, 0.0) + bonus * m.confidence
        for cc, v in (extra_hints or {}).items():
            w[cc.upper()] = w.get(cc.upper(), 0.0) + float(v)
        return _normalise(w)

    # ------------------------------------------------------------------ detection

    def _tokens(self, text: str) -> list[_Tok]:
        """Tokens of capitalised runs only: lower-case prose never starts a place name."""
        out = []
        runs = (_RUN if _PREFIXED.search(text) else _RUN_PLAIN).finditer(text)
        for run_id, run in enumerate(runs, start=1):
            # A run is words (a capital letter or an article prefix, then ``_WORD_TAIL``; or a
            # connector) separated by spaces or tabs: splitting it gives its tokens.
            base_off = run.start()
            g = run.group()
            pos = 0
            for s in g.split():
                pos = g.find(s, pos)
                start = base_off + pos
                pos += len(s)
                poss = len(s) > 2 and s[-2] in "'’" and s[-1] == "s"
                base = s[:-2] if poss else s
                cap = base[0].isupper() or bool(_ARTICLE_PREFIX.match(base))
                if cap:
                    if base.isascii():  # fold() without the Unicode work: drop ' ` -
                        key = base.lower().replace("'", "").replace("-", "").replace("`", "")
                    else:
                        key = fold(base)
                else:
                    key = base if base in _CONNECTORS else ""
                out.append(_Tok(start, start + len(base), base, key, cap, poss, run_id))
        return out

    def _detect(self, text: str, toks: list[_Tok], sents: list[Span]) -> list[_Cand]:
        keys = self.gazetteer.keys
        stop = self.stop
        cands: list[_Cand] = []
        n = len(toks)
        i = 0
        sent_idx = 0
        while i < n:
            t = toks[i]
            if not t.cap:
                i += 1
                continue
            last = i
            if not t.possessive:
                for j in range(i + 1, min(n, i + _MAX_TOKENS)):
                    u = toks[j]
                    if u.run != t.run:
                        break
                    if not (u.cap or u.key in _CONNECTORS):
                        break
                    last = j
                    if u.possessive:
                        break
            found = -1
            key = t.key
            if last == i:
                if key in keys and key not in stop:
                    found = i
            else:
                # the keys of toks[i : j + 1] for each j, longest tried first
                joined = [key]
                for j in range(i + 1, last + 1):
                    joined.append(joined[-1] + toks[j].key)
                for j in range(last, i - 1, -1):
                    if not toks[j].cap:
                        continue
                    key = joined[j - i]
                    if key in keys and key not in stop:
                        found = j
                        break
            starts_name = i == 0 or toks[i - 1].run != t.run or not toks[i - 1].cap
            if found < 0 and starts_name and (pm := _GLUED_ARTICLE.match(t.text)) is not None:
                # "Ar-Raqqa", "al-Bab": the name as GeoNames spells it may lack the article;
                # not inside a longer name ("Hayat Tahrir al-Sham", "Ahrar al-Sham")
                sk = fold(t.text[pm.end() :])
                joined = [sk]
                for j in range(i + 1, last + 1):
                    joined.append(joined[-1] + toks[j].key)
                for j in range(last, i - 1, -1):
                    key = joined[j - i]
                    if toks[j].cap and len(key) >= 4 and key in keys and key not in stop:
                        found = j
                        break
            start, end = t.start, toks[found].end if found >= 0 else -1
            if found < 0 and "-" in t.text:
                head = t.text.split("-", 1)[0]
                hk = fold(head)
                rest = t.text[len(head) + 1 :]
                if head[:1].isupper() and rest[:1].islower() and hk in keys and hk not in stop:
                    found, key, end = i, hk, t.start + len(head)
            if found < 0:
                i += 1
                continue
            while sent_idx + 1 < len(sents) and sents[sent_idx].end <= start:
                sent_idx += 1
            cands.append(
                _Cand(start, end, key, i, found, sent_idx, list(self.gazetteer.candidates(key)))
            )
            i = found + 1
        # a neighbour that is another name spares a word the person test ("Kunduz Herat"),
        # unless that neighbour is itself only a word of a longer name ("Hayat Tahrir al-Sham")
        cands = [c for c in cands if c.options]
        sure = [c for c in cands if not self._person_like(toks, c, set())]
        in_other = {x.first_tok for x in sure} | {x.last_tok for x in sure}
        return [c for c in cands if not self._person_like(toks, c, in_other)]

    def _person_like(self, toks: list[_Tok], c: _Cand, in_other: set[int]) -> bool:
        """A single-word match inside a run of capitalised name words ("Nasir Ahmad Faqiri")."""
        if c.first_tok != c.last_tok:
            return False
        i = c.first_tok
        prev_name = next_name = joined = False
        if i > 1:
            q, r = toks[i - 1], toks[i - 2]
            same_run = r.run == q.run == toks[i].run
            joined = q.key in _NAME_JOINERS and not q.cap and r.cap and same_run
        if i > 0:
            p = toks[i - 1]
            if p.run == toks[i].run and p.cap and not p.possessive:
                if p.key in _TITLES:
                    return True
                prev_name = self._name_word(p) and (i - 1) not in in_other
        if i + 1 < len(toks) and not toks[i].possessive:
            q = toks[i + 1]
            if q.run == toks[i].run and q.cap:
                next_name = self._name_word(q) and (i + 1) not in in_other
            elif q.run == toks[i].run and q.key in _NAME_JOINERS and i + 2 < len(toks):
                r = toks[i + 2]
                joined = joined or (r.run == q.run and r.cap and self._name_word(r))
        if any(cur for _, cur in c.options):
            return False  # curated spellings are places
        if joined:
            return True  # "Bilad al Yubi", "Ain al Arab": the name goes on past a connector
        if not (prev_name or next_name):
            return False
        if prev_name and next_name:
            return True
        # a district is no exception: "Mine" and "Town" are districts somewhere, and the last
        # words of "Butovka-Donetskaya Mine" and "Paletwa Town"
        big = any(
            (p.population >= _PERSON_POP or p.kind in (_ADMIN1, _COUNTRY))
            and _name_key(p.name) == c.key
            for p, _ in c.options
        )
        return not big

    def _name_word(self, t: _Tok) -> bool:
        """Could this capitalised word be part of a person's or organisation's name?"""
        return (
            t.key not in _FUNCTION_WORDS
            and t.key not in _PLACE_SUFFIXES
            and t.key not in self._demonym_keys
        )

    def _cues(self, text: str, cands: list[_Cand]) -> None:
        for c in cands:
            after = text[c.end : c.end + 30].lower()
            m = _CUE_AFTER.match(after)
            word = m.group(1) if m else ""
            if word in _ADMIN1_CUES:
                c.cue = "admin1"
                continue
            if word in _ADMIN2_CUES:
                c.cue = "admin2"
                continue
            if word in _CITY_CUES:
                c.cue = "city"
                continue
            before = text[max(0, c.start - 30) : c.start].lower()
            stripped = before.rstrip()
            if len(stripped) == len(before) or not stripped.endswith("of"):
                continue  # every cue before the name ends in "of" and a space
            if _CITY_OF.search(before):
                c.cue = "city"
            elif _ADMIN1_OF.search(before):
                c.cue = "admin1"
            elif _ADMIN2_OF.search(before):
                c.cue = "admin2"

    # ------------------------------------------------------------------ context

    def _add_demonyms(self, text: str, w: dict[str, float]) -> None:
        if self._demonym_re is None:
            return
        counts: dict[str, int] = {}
        search = self._demonym_re.search
        pos = 0
        while (m := search(text, pos)) is not None:
            start = m.start()
            if start and not self._demonym_bound and _is_word_char(text[start - 1]):
                pos = start + 1  # inside a word: no "\b" here, try the next position
                continue
            cc = self.demonyms[m.group(1)]
            counts[cc] = counts.get(cc, 0) + 1
            pos = m.end()
        for cc, k in counts.items():
            w[cc] = w.get(cc, 0.0) + min(3.0, float(k))

    def _context(
        self, text: str, cands: list[_Cand], hints: Mapping[str, float] | None
    ) -> dict[str, float]:
        w: dict[str, float] = {}
        self._add_demonyms(text, w)
        # what a name's readings say, worked out once per name: names recur in an article
        seen: dict[str, _Evidence] = {}
        for c in cands:
            ev = seen.get(c.key)
            if ev is None:
                ev = seen[c.key] = _evidence(c)
            countries, country_codes, top, rest, main_or_curated = ev
            if country_codes:
                for cc in country_codes:
                    w[cc] = w.get(cc, 0.0) + 2.0
                continue
            # a one-word alternate spelling of a hamlet ("Wali") is weak evidence of a country
            strong = c.first_tok != c.last_tok or main_or_curated
            if len(countries) == 1:
                w[top.country] = w.get(top.country, 0.0) + (1.0 if strong else 0.2)
            elif top.population >= 50_000 and top.population >= 10 * rest:
                w[top.country] = w.get(top.country, 0.0) + 0.7
            else:
                for cc in countries:
                    w[cc] = w.get(cc, 0.0) + 0.3 / len(countries)
        for cc, v in (hints or {}).items():
            w[cc.upper()] = w.get(cc.upper(), 0.0) + float(v)
        return _normalise(w)

    # ------------------------------------------------------------------ choice

    def _choose(
        self,
        text: str,
        toks: list[_Tok],
        cands: list[_Cand],
        ctx: Mapping[str, float],
        sents: list[Span],
    ) -> None:
        # Names recur in an article and a name always has the same readings, so what depends
        # only on the name (and on the sentence) is worked out once per call.
        # containers: admin1 divisions any mention could be, by sentence
        containers: dict[int, dict[str, set[str]]] = {}
        admin1_codes: dict[str, list[str]] = {}
        for c in cands:
            if c.cue == "city":
                continue
            codes = admin1_codes.get(c.key)
            if codes is None:
                codes = admin1_codes[c.key] = [
                    p.admin1_code for p, _ in c.options if p.kind == _ADMIN1 and p.admin1_code
                ]
            if codes:
                in_sent = containers.setdefault(c.sent, {})
                for code in codes:
                    in_sent.setdefault(code, set()).add(c.key)
        # keep the plausible readings only: in-context countries, big places, curated ones
        plausible: dict[str, list[tuple[Place, bool]]] = {}
        for c in cands:
            if len(c.options) > 12:
                kept = plausible.get(c.key)
                if kept is None:
                    keep = [o for o in c.options if o[1] or o[0].country in ctx]
                    keep.sort(
                        key=lambda o: (not o[1], -ctx.get(o[0].country, 0.0), -o[0].population)
                    )
                    big = sorted(c.options, key=lambda o: -o[0].population)[:4]
                    kept = plausible[c.key] = list(
                        {o[0].geonameid: o for o in (*keep[:16], *big)}.values()
                    )
                c.options = list(kept)
        # container evidence per mention, as a hashable signature so repeats share a ranking
        sigs: list[tuple[tuple[str, float], ...]] = []
        sig_of: dict[tuple[str, int], tuple[tuple[str, float], ...]] = {}
        codes_of: dict[str, set[str | None]] = {}
        for c in cands:
            sig = sig_of.get((c.key, c.sent))
            if sig is None:
                codes_in = codes_of.get(c.key)
                if codes_in is None:
                    codes_in = codes_of[c.key] = {
                        p.admin1_code for p, _ in c.options if p.kind != _ADMIN1
                    }
                bonus: dict[str, float] = {}
                for d, w in ((0, 3.0), (-1, 1.5), (1, 1.5)):
                    for code, keys in containers.get(c.sent + d, {}).items():
                        # another name than this one is the container
                        if (
                            code in codes_in
                            and (len(keys) > 1 or c.key not in keys)
                            and bonus.get(code, 0.0) < w
                        ):
                            bonus[code] = w
                sig = sig_of[(c.key, c.sent)] = tuple(sorted(bonus.items()))
            sigs.append(sig)
        # anchors: mentions with a single strong reading
        distances: dict[tuple[int, int], float] = {}  # km between two places, by their ids
        anchors: dict[int, tuple[str, Place]] = {}
        first: dict[_RankKey, _Ranked] = {}
        for c, sig in zip(cands, sigs, strict=True):
            k = (c.key, c.cue, sig)
            if len(c.options) == 1:
                anchors[c.options[0][0].geonameid] = (c.key, c.options[0][0])
                continue
            best = first.get(k)
            if best is None:
                best = first[k] = self._rank(c, ctx, dict(sig), [], distances)
            if best and best[0][1] - (best[1][1] if len(best) > 1 else 0.0) >= 2.0:
                anchors[best[0][0].geonameid] = (c.key, best[0][0])
        memo: dict[_RankKey, _Ranked] = {}
        verdicts: dict[_RankKey, tuple[float, str]] = {}  # confidence and rule
        for c, sig in zip(cands, sigs, strict=True):
            k = (c.key, c.cue, sig)
            ranked = memo.get(k)
            if ranked is None and len(c.options) == 1:
                # a single reading needs no scores: it is "unique", with the full margin
                ranked = memo[k] = [(c.options[0][0], 0.0, {})]
            if ranked is None:
                near = (
                    [p for key, p in anchors.values() if key != c.key] if len(c.options) > 1 else []
                )
                ranked = memo[k] = self._rank(c, ctx, dict(sig), near, distances)
            if not ranked:
                continue
            place = ranked[0][0]
            if not self._accept(c, place, ctx, toks, sents):
                continue
            verdict = verdicts.get(k)
            if verdict is None:
                score, parts = ranked[0][1], ranked[0][2]
                margin = score - ranked[1][1] if len(ranked) > 1 else 5.0
                verdict = verdicts[k] = (
                    min(0.99, 0.55 + 0.44 * (1 - math.exp(-margin / 1.5))),
                    _rule(parts, ranked[1][2] if len(ranked) > 1 else None),
                )
            c.chosen = place
            c.confidence, c.rule = verdict
            if place.kind == _ADMIN1 and place.admin1_code and _capital_of(text, c.start):
                seat = self.gazetteer.seat_of(place.admin1_code)
                if seat is not None:
                    c.chosen, c.rule = seat, "gazetteer.capital-of"

    def _rank(
        self,
        c: _Cand,
        ctx: Mapping[str, float],
        container: Mapping[str, float],
        anchors: Sequence[Place],
        distances: dict[tuple[int, int], float],
    ) -> _Ranked:
        out = []
        # a bare province name is the province, unless the town so named is its seat or big
        has_admin1 = c.cue is None and any(p.kind == _ADMIN1 for p, _ in c.options)
        for p, curated in c.options:
            parts: dict[str, float] = {}
            if has_admin1 and p.kind == _CITY and p.admin_seat is None:
                parts["kind"] = -1.5 if p.population < 50_000 else 0.0
            parts["population"] = 0.35 * math.log10(p.population + 10)
            if p.admin_seat in (0, 1):
                parts["population"] += 0.8
            parts["kind"] = parts.get("kind", 0.0) + _KIND_PRIOR.get(p.kind, 0.0)
            if c.cue is not None:
                parts["kind-cue"] = 5.0 if p.kind.value == c.cue else -1.0
            parts["context-country"] = 3.0 * ctx.get(p.country, 0.0)
            if p.kind != _ADMIN1 and p.admin1_code and p.admin1_code in container:
                # another name in the sentence (or next to it) is this place's province
                parts["container"] = container[p.admin1_code]
            if anchors and p.kind in (_CITY, _ADMIN2) and p.country in ctx:
                d = min(_km_memo(p, a, distances) for a in anchors)
                parts["proximity"] = 2.0 if d < 40 else 1.2 if d < 120 else 0.4 if d < 300 else 0.0
            if curated:
                parts["alias"] = 1.5
            out.append((p, sum(parts.values()), parts))
        out.sort(key=lambda x: -x[1])
        return out

    def _accept(
        self, c: _Cand, p: Place, ctx: Mapping[str, float], toks: list[_Tok], sents: list[Span]
    ) -> bool:
        """Guards against common words and foreign hamlets that happen to be in GeoNames."""
        if any(cur and q.geonameid == p.geonameid for q, cur in c.options):
            return True
        if p.kind == _COUNTRY:
            return True
        single = c.first_tok == c.last_tok
        word = toks[c.first_tok].text
        if single and (len(c.key) < 3 or (word.isupper() and len(word) <= 3)):
            return False  # "Se", "UK", "NAN": initials and codes, not places
        weight = ctx.get(p.country, 0.0)
        main_name = _name_key(p.name) == c.key
        if p.kind == _ADMIN2:
            return weight >= 0.25  # nobody reports a foreign county by its bare name
        if p.kind != _CITY:
            # a foreign division must be called by its own name
            return weight >= 0.25 or main_name
        sent_initial = c.start <= sents[c.sent].start + 1 if c.sent < len(sents) else False
        if ctx and weight < 0.25 and (p.population < 50_000 or not main_name):
            return False
        if ctx and weight < 0.5 and single and p.population < 20_000:
            return False  # a secondary country's hamlet named by one word: usually a word
        if single and sent_initial and p.population < 20_000 and weight < 0.25:
            return False
        return not (single and not ctx and p.population < 1_000)

    # ------------------------------------------------------------------ facilities

    def _facilities(
        self, text: str, sents: list[Span], places: list[PlaceMention]
    ) -> list[PlaceMention]:
        if self._facility_re is None:
            return []
        out = []
        low = text.lower()
        starts: set[int] = set()
        if len(low) == len(text):
            for head in self._facility_heads:
                i = low.find(head)
                while i >= 0:
                    if i == 0 or not low[i - 1].isalnum():
                        starts.add(i)
                    i = low.find(head, i + 1)
            found: Iterable[re.Match[str] | None] = (
                self._facility_re.match(text, i) for i in sorted(starts)
            )
        else:
            found = self._facility_re.finditer(text)
        last_end = -1
        for m in found:
            if m is None or m.start() < last_end:
                continue
            last_end = m.end()
            kind = self._facility_kind.get(_fac_key(m.group()))
            if kind is None:
                continue
            place, rule = self._facility_place(text, m.start(), m.end(), sents, places)
            out.append(
                PlaceMention(
                    Span(m.start(), m.end(), m.group()),
                    place,
                    0.8 if place is not None else 0.5,
                    rule,
                    facility=kind,
                )
            )
        return out

    def _facility_place(
        self, text: str, start: int, end: int, sents: list[Span], places: list[PlaceMention]
    ) -> tuple[Place | None, str]:
        # "Herat police headquarters", "Kandahar's airport". Only the name ending last before
        # the phrase can be right before it: the names do not overlap, and a gap over another
        # name would hold its capital (or prefix hyphen), which _FACILITY_GAP never matches.
        last: PlaceMention | None = None
        for m in places:
            if m.span.end <= start and (last is None or m.span.end > last.span.end):
                last = m
        if last is not None and _FACILITY_GAP.fullmatch(text, last.span.end, start):
            return self._city_of(last.place), "facility.preceding-name"
        after = _FACILITY_IN.match(text[end : end + 40])
        if after:
            pos = end + after.end()
            for m in places:
                if m.span.start == pos:
                    return self._city_of(m.place), "facility.in-name"
        s_idx = next((k for k, s in enumerate(sents) if s.start <= start < s.end), None)
        lo = sents[s_idx - 1].start if s_idx is not None and s_idx > 0 else 0
        if s_idx is None:
            lo = max(0, start - 400)
        best: PlaceMention | None = None
        for m in places:
            if (
                lo <= m.span.start < start
                and m.place is not None
                and m.place.kind in (_CITY, _ADMIN1)
            ):
                best = m
        if best is not None:
            return self._city_of(best.place), "facility.nearest-city"
        return None, "facility.unlinked"

    def _city_of(self, p: Place | None) -> Place | None:
        """A facility lies in a city: an admin1 stands for its seat ("Ghazni's prison")."""
        if p is not None and p.kind == _ADMIN1 and p.admin1_code:
            return self.gazetteer.seat_of(p.admin1_code) or p
        return p


def _capital_of(text: str, start: int) -> bool:
    """Is the name in a list right after "capital(s) of"? ("the capitals of Ghor and Logar")."""
    window = text[max(0, start - 150) : start]
    if "capital" not in window:
        return False
    hits = list(_CAPITAL_OF.finditer(window))
    if not hits:
        return False
    between = window[hits[-1].end() :].replace(",", " , ")
    return all(_LIST_WORD.fullmatch(w) for w in between.split())


# a name's readings: their countries, the country readings' codes, the most populous reading,
# the population of the biggest one elsewhere, whether any is main-named, curated or no city
_Evidence = tuple[set[str], list[str], Place, int, bool]


def _evidence(c: _Cand) -> _Evidence:
    countries = {p.country for p, _ in c.options}
    country_codes = [p.country for p, _ in c.options if p.kind == _COUNTRY]
    top = max(c.options, key=lambda o: o[0].population)[0]
    if country_codes:
        return countries, country_codes, top, 0, True
    rest = max((p.population for p, _ in c.options if p.country != top.country), default=0)
    main_or_curated = any(
        _name_key(p.name) == c.key or cur or p.kind != _CITY for p, cur in c.options
    )
    return countries, country_codes, top, rest, main_or_curated


def _is_word_char(c: str) -> bool:
    """Is ``c`` one character that ``\\w`` matches (the test behind ``\\b``)?"""
    return len(c) == 1 and (c.isalnum() or c == "_")


def _fac_key(s: str) -> str:
    return _SPACES.sub(" ", s.lower().replace("’", "'").replace("'", ""))


def _by_weight(item: tuple[str, float]) -> tuple[float, str]:
    return -item[1], item[0]


def _normalise(w: Mapping[str, float]) -> dict[str, float]:
    top = max(w.values(), default=0.0)
    if top <= 0:
        return {}
    return {cc: round(v / top, 3) for cc, v in sorted(w.items(), key=lambda x: -x[1])}


def _rule(win: Mapping[str, float], runner: Mapping[str, float] | None) -> str:
    if runner is None:
        return "gazetteer.unique"
    diffs = {k: win.get(k, 0.0) - runner.get(k, 0.0) for k in set(win) | set(runner)}
    # Ties broken by name, so the label does not depend on the hash seed of the process.
    k = max(sorted(diffs), key=lambda x: diffs[x])
    return f"gazetteer.{k}"
