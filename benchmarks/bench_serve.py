"""HTTP API and web page benchmark: a store of N synthetic events served over loopback.

    python benchmarks/bench_serve.py [-n 10000] [--requests 300] [--db PATH] [--no-browser]

Builds the store with ``frontlines.serve.sample.synthetic`` (random events at invented towns
in three countries, one article each, no extraction), starts ``frontlines serve`` in its own
process, and measures request latency with one keep-alive client (p50/p95/max), then the page
load in headless Chromium (navigation start to markers drawn, and to the basemap drawn).
Targets: ``/control`` p95 < 50 ms, page load < 1 s. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from frontlines.serve.sample import build_synthetic
from frontlines.store import Store

START = dt.date(2021, 1, 1)
DAYS = 365
CHROMIUM = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FRONTLINES_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1400,900",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-c",
        "from frontlines.cli.main import main; main()",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    proc.kill()
    raise SystemExit("server did not start in 60 s")


def measure(client: httpx.Client, paths: Callable[[int], str], n: int) -> list[float]:
    """Milliseconds per request, after 10 warm-up requests."""
    for i in range(10):
        client.get(paths(i)).raise_for_status()
    out: list[float] = []
    for i in range(n):
        t = time.perf_counter()
        r = client.get(paths(i))
        out.append((time.perf_counter() - t) * 1000)
        r.raise_for_status()
    return out


def summary(name: str, ms: list[float], target: float | None = None) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    verdict = "" if target is None else ("  OK" if p95 < target else f"  OVER {target:g} ms")
    return (
        f"  {name:<34} p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {ms[-1]:7.1f} ms{verdict}"
    )


def page_load(url: str, runs: int) -> list[tuple[float, float]] | str:
    """(markers drawn, basemap drawn) in ms from navigation start, fresh browser each run.

    Read from the page's own ``performance.mark``s, so polling does not skew them.
    """
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return f"skipped: {CHROMIUM} or {CHROMEDRIVER} not found"
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return "skipped: selenium is not installed"
    os.environ.setdefault("SE_AVOID_STATS", "true")
    out: list[tuple[float, float]] = []
    for _ in range(runs):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            driver.get(url)
            deadline = time.monotonic() + 30
            marks: dict[str, float] = {}
            while time.monotonic() < deadline and len(marks) < 2:
                marks = driver.execute_script(
                    "return Object.fromEntries(performance.getEntriesByType('mark')"
                    ".filter(m => m.name.startsWith('frontlines:'))"
                    ".map(m => [m.name, m.startTime]))"
                )
                time.sleep(0.05)
            if len(marks) < 2:
                return "page did not finish loading in 30 s"
            ready, basemap = marks["frontlines:ready"], marks["frontlines:basemap"]
            out.append((float(ready), float(basemap)))
        finally:
            driver.quit()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="synthetic events (default 10,000)")
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    ap.add_argument("--db", type=Path, help="reuse (or create) this store")
    ap.add_argument("--page-runs", type=int, default=5)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    db = args.db or tmp / "serve.db"
    if not db.exists():
        t = time.perf_counter()
        build_synthetic(db, args.n)
        print(f"built {db} with {args.n:,} synthetic events in {time.perf_counter() - t:.1f} s")
    with Store.open(db, readonly=True) as store:
        st = store.stats()
        places = [p.geonameid for p in store.places()]
        periods = len(store.timeline())
    print(
        f"store: {st.articles:,} articles, {st.events:,} events, {st.merged_events:,} merged, "
        f"{st.places:,} places, {periods:,} control periods"
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port)
    rng = random.Random(1)
    days = [(START + dt.timedelta(days=rng.randrange(DAYS))).isoformat() for _ in range(1000)]
    gids = [rng.choice(places) for _ in range(1000)]
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            t = time.perf_counter()
            client.get(f"/control?as_of={days[0]}").raise_for_status()
            cold = (time.perf_counter() - t) * 1000
            print(f"\nfirst /control after start (loads and renders all periods): {cold:.0f} ms")
            n = args.requests
            print(f"\nlatency over loopback, {n} sequential requests each (one keep-alive client):")
            rows = [
                ("/control?as_of=D", lambda i: f"/control?as_of={days[i % 1000]}", 50.0),
                (
                    "/control?as_of=D&country=AF",
                    lambda i: f"/control?as_of={days[i % 1000]}&country=AF",
                    50.0,
                ),
                (
                    "/control?as_of=D&kind=capital",
                    lambda i: f"/control?as_of={days[i % 1000]}&kind=capital",
                    50.0,
                ),
                (
                    "/events?since=D&until=D (a day)",
                    lambda i: f"/events?since={days[i % 1000]}&until={days[i % 1000]}&limit=200",
                    None,
                ),
                ("/events?limit=100&offset=K", lambda i: f"/events?limit=100&offset={i * 7}", None),
                ("/timeline/{place}", lambda i: f"/timeline/{gids[i % 1000]}", None),
                ("/places", lambda i: "/places", None),
                ("/meta", lambda i: "/meta", None),
            ]
            for name, path, target in rows:
                print(summary(name, measure(client, path, n), target), flush=True)
            size = len(client.get(f"/control?as_of={days[0]}").content)
            print(f"  (one /control response: {size / 1024:.0f} KiB of JSON)")

        if not args.no_browser:
            print(f"\npage load in headless Chromium ({args.page_runs} fresh browsers):")
            result = page_load(f"{base}/", args.page_runs)
            if isinstance(result, str):
                print(f"  {result}")
            else:
                ready = [r for r, _ in result]
                full = [b for _, b in result]
                verdict = "OK" if statistics.median(ready) < 1000 else "OVER 1 s"
                print(
                    f"  markers drawn: median {statistics.median(ready):6.0f} ms  "
                    f"(min {min(ready):.0f}, max {max(ready):.0f})  {verdict}"
                )
                print(
                    f"  basemap drawn: median {statistics.median(full):6.0f} ms  "
                    f"(min {min(full):.0f}, max {max(full):.0f})"
                )
    finally:
        proc.terminate()
        proc.wait(10)
        if args.db is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
