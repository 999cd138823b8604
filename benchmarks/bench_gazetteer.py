"""Gazetteer load time and peak RSS, and place-resolution throughput.

Usage: python benchmarks/bench_gazetteer.py [--articles FILE.jsonl] [--rounds N]
Targets: load <= 2 s, peak RSS <= 300 MB, place resolution well under 1 ms per article.
Without --articles it resolves a built-in synthetic article (no third-party text).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from frontlines.annotate.gazetteer import Gazetteer, default_path
from frontlines.annotate.places import PlaceResolver
from frontlines.annotate.text import sentences

_SYNTHETIC = (
    "Afghan officials said on Thursday that militants had entered Qala-i-Naw, the capital of "
    "Badghis province, and seized the governor's office and the prison. In Herat, fighting "
    "continued near the airport. Taliban fighters also claimed Sheberghan in Jowzjan, while "
    "Ukrainian troops advanced on Lyman in the Donetsk region and shelling hit Kherson. "
) * 6


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    path = default_path()
    if not path.exists():
        t0 = time.perf_counter()
        Gazetteer.load()
        print(f"build: {time.perf_counter() - t0:.1f} s (first use only)")
        print("re-run for load figures without the build")
        return 0
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    resolver = PlaceResolver(gaz)
    load_s = time.perf_counter() - t0
    print(f"load: {load_s:.2f} s   peak RSS: {_rss_mb():.0f} MB (interpreter {rss0:.0f} MB)")
    print(f"gazetteer: {path} ({path.stat().st_size / 1e6:.0f} MB), {gaz.stats()}")

    if args.articles:
        texts = [
            json.loads(line)["text"]
            for line in args.articles.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    else:
        texts = [_SYNTHETIC]
    sents = [sentences(t) for t in texts]
    for t, s in zip(texts, sents, strict=True):  # warm the name cache
        resolver.resolve(t, s)
    best = cpu = float("inf")
    for _ in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for t, s in zip(texts, sents, strict=True):
            resolver.resolve(t, s)
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    chars = sum(len(t) for t in texts)
    print(
        f"resolve: {1000 * best / len(texts):.2f} ms/article wall, "
        f"{1000 * cpu / len(texts):.2f} ms CPU ({chars / len(texts):.0f} chars avg, best of rounds)"
    )
    t0 = time.perf_counter()
    n = 0
    while time.perf_counter() - t0 < 0.5:
        n += 200_000
        for _ in range(200_000):
            pass
    calib = (time.perf_counter() - t0) / n * 1e6
    print(f"machine: {1000 * calib:.1f} ms per 1e6 empty loop iterations (for comparing runs)")
    print(f"peak RSS after resolving: {_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
