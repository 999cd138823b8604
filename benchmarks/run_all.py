"""Run every benchmark script in ``benchmarks/`` (``bench_*.py``) and print their figures.

    python benchmarks/run_all.py [--only pipeline,ingest] [--timeout 1800] [-- extra args]

Each script runs in its own process with its default arguments (so one's memory does not
count against another's), its output is printed under a heading, and a final table gives each
script's exit status and wall time. Exit status is non-zero when any script failed.
Evaluations (``eval_*.py``) are quality measurements, not benchmarks, and are not run here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts(only: set[str] | None) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if only:
        found = [p for p in found if p.stem.removeprefix("bench_") in only]
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="comma-separated names, e.g. pipeline,ingest")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per script")
    ap.add_argument("extra", nargs="*", help="arguments passed to every script (after --)")
    args = ap.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    summary: list[tuple[str, str, float]] = []
    for script in scripts(only):
        print(f"\n{'=' * 78}\n{script.name}\n{'=' * 78}", flush=True)
        t0 = time.perf_counter()
        try:
            res = subprocess.run([sys.executable, str(script), *args.extra], timeout=args.timeout)
            status = "ok" if res.returncode == 0 else f"exit {res.returncode}"
        except subprocess.TimeoutExpired:
            status = f"timeout {args.timeout:.0f}s"
        summary.append((script.name, status, time.perf_counter() - t0))
    print(f"\n{'=' * 78}\nsummary")
    for name, status, secs in summary:
        print(f"{name:<32}{status:<16}{secs:>8.1f} s")
    return 0 if all(s == "ok" for _, s, _ in summary) else 1


if __name__ == "__main__":
    sys.exit(main())
