"""Open-world place resolution on ACLED coders' notes: is the note's place within 50 km?

Usage: python benchmarks/eval_open_places.py PATH/TO/acled.csv [--radius 50] [--show N]

For each political-violence row (ACLED event types Battles, Explosions/Remote violence,
Violence against civilians) with geo_precision 1 or 2, the note is annotated as an article
(published on the event date) and its place roles are approximated without a parser: the
capitalised name after each locative preposition ("in", "near", "at", "the village of", ...),
with its determiner and kind word. A role is resolved to the gazetteer mention inside it, else
by ``PlaceResolver.open_place`` (when the resolver has it). Reported:

* first: the first role that yields a place is within the radius of ACLED's coordinates;
* any: any place of the note (gazetteer mentions and open-world roles) is within the radius;

split by where the first place came from (gazetteer / open-world) and by its precision.
The CSV is read in place; nothing of it is copied or written.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from frontlines.annotate import Annotator
from frontlines.records import AnnotatedDocument, Article, Place, PlaceMention, Span

PV_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

# A locative preposition, an optional determiner and kind phrase ("in the village of"), then a
# capitalised name with connectors and an optional trailing kind word. A bare "of" is not
# locative ("forces of Armenia"), so it is left out.
_NAME = (
    r"(?:(?:al|el|ar|as|ash|ad|at|az|an|ez|ed|es|ul)-)?[A-Z][\w'’`-]*"
    r"(?:\s+(?:(?:al|el|ar|as|ash|ad|at|az|an|ez|ed|es|ul|de|del|la|le|i|e|ye|bin|of)\s+)?"
    r"(?:(?:al|el|ar|as|ash|ad|at|az|an|ez|ed|es|ul)-)?[A-Z][\w'’`-]*)*"
)
_KIND = (
    r"village|town|city|district|province|region|state|county|governorate|oblast|upazila"
    r"|municipality|area|neighbou?rhood|camp|LGA|raion|rayon|tehsil|sub-district|subdistrict"
)
_ROLE = re.compile(
    r"(?:\b(?:in|at|near|around|outside|inside|into|from|towards?|across|on|between)\s+"
    r"|(?=\bthe\s+(?:[a-z]+\s+){0,2}(?:" + _KIND + r")\s+of\s))"
    rf"(?P<span>(?:(?:the|a)\s+)?(?:(?:[a-z]+\s+){{0,2}}(?:{_KIND})\s+of\s+)?"
    rf"{_NAME}(?:\s+(?:{_KIND})\b)?)"
)


def km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    p = math.pi / 180
    h = (
        math.sin((la2 - la1) * p / 2) ** 2
        + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2
    )
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _published(s: str) -> dt.date | None:
    for f in ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    return None


def _sentence(doc: AnnotatedDocument, start: int) -> Span:
    for s in doc.sentences:
        if s.start <= start < s.end:
            return s
    return Span(0, len(doc.article.text), doc.article.text)


def roles(
    annotator: Annotator, doc: AnnotatedDocument
) -> list[tuple[Span, PlaceMention, str]]:
    """(role span, its place mention, "gazetteer" | "open-world") in text order."""
    text = doc.article.text
    res = annotator.places
    open_place = getattr(res, "open_place", None)
    places = [m for m in doc.places if m.place is not None and m.facility is None]
    out: list[tuple[Span, PlaceMention, str]] = []
    for m in _ROLE.finditer(text):
        span = Span(m.start("span"), m.end("span"), m.group("span"))
        if open_place is None:  # the resolver before open-world places: its mention only
            inside = [p for p in places if span.start <= p.span.start and p.span.end <= span.end]
            if inside:
                out.append((span, inside[0], "gazetteer"))
            continue
        got = open_place(
            text,
            span,
            sentence=_sentence(doc, span.start),
            mentions=doc.places,
            countries=doc.countries,
            actors=doc.actors,
        )
        if got is not None and got.place is not None:
            src = "gazetteer" if not got.rule.startswith("place.open-world") else "open-world"
            out.append((span, got, src))
    return out


def _precision(p: Place) -> str:
    v = getattr(p, "precision", None)
    return str(getattr(v, "value", v)) if v is not None else f"({p.kind.value})"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("csv", type=Path)
    ap.add_argument("--radius", type=float, default=50.0)
    ap.add_argument("--show", type=int, default=0, help="print N misses")
    ap.add_argument(
        "--dump", type=Path, help="write per-row results (event id, first, any, rule)"
    )
    ap.add_argument(
        "--no-variants",
        action="store_true",
        help="measure without spelling-variant lookups (data/spelling_variants.tsv)",
    )
    args = ap.parse_args(argv)
    annotator = Annotator.load()
    if args.no_variants:
        gaz = annotator.places.gazetteer
        gaz.variant_candidates = lambda name: ()  # type: ignore[method-assign]
    rows = []
    with args.csv.open(encoding="utf-8", errors="replace") as fh:
        for r in csv.DictReader(fh):
            if r["event_type"] in PV_TYPES and r["geo_precision"] in ("1", "2") and r["notes"]:
                rows.append(r)
    first_ok = any_ok = 0
    by_src: Counter[tuple[str, bool]] = Counter()
    by_prec: Counter[tuple[str, bool]] = Counter()
    by_rule: Counter[tuple[str, bool]] = Counter()
    shown = 0
    dump: list[str] = []
    t0 = time.process_time()
    for i, r in enumerate(rows):
        gold = (float(r["latitude"]), float(r["longitude"]))
        art = Article(id=f"acled-{i}", text=r["notes"], published=_published(r["event_date"]))
        doc = annotator.annotate(art)
        found = roles(annotator, doc)
        every = [m.place for _, m, _ in found] + [m.place for m in doc.places]

        def near(p: Place | None, gold: tuple[float, float] = gold) -> bool:
            return p is not None and km(p.lat, p.lon, *gold) <= args.radius

        hit_any = any(near(p) for p in every)
        any_ok += hit_any
        if found:
            _, m, src = found[0]
            assert m.place is not None
            ok = near(m.place)
            first_ok += ok
            by_src[(src, ok)] += 1
            by_prec[(_precision(m.place), ok)] += 1
            if m.rule.startswith("place."):  # open_place's own rules, not the resolver's
                by_rule[(m.rule, ok)] += 1
        else:
            by_src[("none", False)] += 1
            ok = False
        rule = found[0][1].rule if found else "-"
        dump.append(f"{r['event_id_cnty']}\t{int(ok)}\t{int(hit_any)}\t{rule}")
        if not ok and shown < args.show:
            shown += 1
            got = [f"{s.text!r}->{m.place.name}/{m.place.admin1}/{m.place.country}({m.rule})"
                   for s, m, _ in found[:3] if m.place is not None]
            print(f"MISS {r['country']}\t{r['location']} ({r['admin2']}, {r['admin1']})"
                  f" p{r['geo_precision']}\t{r['notes'][:160]!r}\tgot={got}")
    cpu = time.process_time() - t0
    if args.dump:
        args.dump.write_text("\n".join(dump) + "\n", encoding="utf-8")
    n = len(rows)
    print(f"rows: {n} (political violence, geo_precision 1-2); radius {args.radius:g} km")
    print(f"first place within radius: {first_ok}/{n} = {first_ok / max(n, 1):.3f}")
    print(f"any place within radius:   {any_ok}/{n} = {any_ok / max(n, 1):.3f}")
    for src in ("gazetteer", "open-world", "none"):
        hit, miss = by_src[(src, True)], by_src[(src, False)]
        if hit + miss:
            print(f"  first from {src:10s}: {hit:4d}/{hit + miss:4d} = {hit / (hit + miss):.3f}")
    for prec in sorted({k for k, _ in by_prec}):
        hit, miss = by_prec[(prec, True)], by_prec[(prec, False)]
        print(f"  precision {prec:10s}: {hit:4d}/{hit + miss:4d} = {hit / (hit + miss):.3f}")
    for rule in sorted({k for k, _ in by_rule}):
        hit, miss = by_rule[(rule, True)], by_rule[(rule, False)]
        print(f"  rule {rule:44s}: {hit:4d}/{hit + miss:4d} = {hit / (hit + miss):.3f}")
    print(f"annotate + roles: {1000 * cpu / max(n, 1):.2f} ms CPU per note")
    return 0


if __name__ == "__main__":
    sys.exit(main())
