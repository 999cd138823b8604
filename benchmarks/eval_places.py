"""Place-resolution accuracy on gold events: does resolving the article text yield a mention
within 25 km of each gold place, with the gold admin1 (compared like the scorer's admin_ok)?

Usage: python benchmarks/eval_places.py ../shared/eval/dev.jsonl ../shared/eval/seed_gold.jsonl
Reads the gold files in place; never copies their text.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from pathlib import Path

from frontlines.annotate.gazetteer import Gazetteer
from frontlines.annotate.places import PlaceResolver
from frontlines.annotate.text import sentences


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def admin_ok(pred: str | None, gold: str | None) -> bool:
    a, b = _fold(pred), _fold(gold)
    for suffix in ("province", "oblast", "governorate", "region", "state"):
        a, b = a.removesuffix(suffix), b.removesuffix(suffix)
    return bool(a) and bool(b) and (a in b or b in a)


def km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    p = math.pi / 180
    h = (
        math.sin((la2 - la1) * p / 2) ** 2
        + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2
    )
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--radius", type=float, default=25.0)
    args = ap.parse_args()
    gaz = Gazetteer.load()
    res = PlaceResolver(gaz)
    total = ok = 0
    misses: list[str] = []
    elapsed = 0.0
    n_articles = 0
    for path in args.gold:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            text = d["text"]
            t0 = time.perf_counter()
            mentions = res.resolve(text, sentences(text))
            elapsed += time.perf_counter() - t0
            n_articles += 1
            for e in d.get("events", []):
                if e.get("lat") is None:
                    continue
                total += 1
                hit = any(
                    m.place is not None
                    and km(m.place.lat, m.place.lon, e["lat"], e["lon"]) <= args.radius
                    and admin_ok(m.place.admin1, e.get("admin1"))
                    for m in mentions
                )
                if hit:
                    ok += 1
                else:
                    near = [
                        f"{m.span.text}->{m.place.name}/{m.place.admin1}/{m.place.country}"
                        f"({m.rule})"
                        for m in mentions
                        if m.place is not None and m.facility is None
                    ]
                    misses.append(f"{d['id']}: {e['place']} ({e.get('admin1')}) got {near[:8]}")
    print(f"places: {ok}/{total} = {100.0 * ok / max(total, 1):.1f}%")
    print(f"resolve: {1000 * elapsed / max(n_articles, 1):.2f} ms/article over {n_articles}")
    for m in misses:
        print("MISS", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
