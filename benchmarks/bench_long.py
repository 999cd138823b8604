"""Very long articles: time per MB of each stage at 0.1, 1 and 10 MB, and reads during an
HTTP ingest of a long article.

    python benchmarks/bench_long.py [--sizes 0.1,1,10] [--shapes mixed,repeat]
        [--timeout 900] [--no-serve] [--serve-kb 160]

Each article is built from our own news-style sentences: ``mixed`` concatenates the synthetic
reports of ``benchmarks/corpus.py`` (towns, dates and sides vary, one report per paragraph
group), ``repeat`` repeats one event sentence (every report is the same fact: the worst case
for merging duplicates). Each (shape, size) runs in its own process, killed after
``--timeout`` seconds (printed as "> N s"), and prints CPU seconds and seconds per MB for
reading (a JSON Lines file of that one article), annotation and extraction, the wall time of
the whole run and the peak resident memory. Linear stages show a flat s/MB column.

The serve part starts ``frontlines serve --allow-ingest`` on an empty store and measures
``GET /events`` latency idle and while ``POST /articles`` ingests ``--serve-kb`` KB articles
back to back. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

MB = 1_000_000
REPEATED = (
    "Taliban fighters captured the western city of Herat on Thursday after days of heavy "
    "fighting, two provincial officials said."
)


def build(shape: str, n_bytes: int) -> str:
    """An article of about ``n_bytes`` UTF-8 bytes (ASCII, so as many characters)."""
    if shape == "repeat":
        reps = n_bytes // (len(REPEATED) + 1) + 1
        paras = [" ".join([REPEATED] * 4)] * (reps // 4 + 1)
        return "\n\n".join(paras)[:n_bytes].rstrip()
    import corpus

    paras: list[str] = []
    total, i = 0, 0
    while total < n_bytes:
        # every sixth report is Afghan: one conflict, as one long report would be
        for para in corpus.article(i * len(corpus.THEATRES)).text.split("\n\n"):
            paras.append(para)
            total += len(para) + 2
        i += 1
    return "\n\n".join(paras)[:n_bytes].rstrip()


# --------------------------------------------------------------------------- one run


def run_one(shape: str, mb: float) -> dict[str, Any]:
    from bench_pipeline import StageTimer

    from frontlines.pipeline import Pipeline
    from frontlines.sources import iter_articles, read_text

    text = build(shape, int(mb * MB))
    size = len(text.encode("utf-8"))
    pipeline = Pipeline.load()
    pipeline.run(read_text(REPEATED, id="warm-up"))  # lazy imports and caches: not measured
    timer = StageTimer()
    pipeline.annotator.annotate = timer.wrap("annotate", pipeline.annotator.annotate)  # type: ignore[method-assign]
    pipeline.extractor.extract = timer.wrap("extract", pipeline.extractor.extract)  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.jsonl"
        line = {"id": f"long-{shape}", "published": "2021-08-14", "text": text}
        path.write_text(json.dumps(line) + "\n", encoding="utf-8")
        t0 = time.process_time()
        [article] = list(iter_articles([path]))
        read = time.process_time() - t0
    w0, c0 = time.perf_counter(), time.process_time()
    result = pipeline.run(article)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return {
        "bytes": size,
        "read": read,
        "annotate": timer.exclusive.get("annotate", 0.0),
        "extract": timer.exclusive.get("extract", 0.0),
        "cpu": cpu,
        "wall": wall,
        "events": len(result.events),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def limits() -> str:
    from frontlines import sources

    limit = getattr(sources, "MAX_ARTICLE_BYTES", None)
    parts = [f"limit on one article: {limit:,} bytes" if limit else "no limit on one article"]
    try:
        from frontlines.sections import SECTION_CHARS

        parts.append(f"sections of at most {SECTION_CHARS:,} characters")
    except ImportError:
        parts.append("no sections")
    return "; ".join(parts)


def bench_sizes(shapes: list[str], sizes: list[float], timeout: float) -> None:
    print(limits())
    head = f"{'shape':<7} {'MB':>5}  {'read s/MB':>10} {'annotate s/MB':>14} {'extract s/MB':>13}"
    print(f"\n{head} {'total s':>9} {'events':>7} {'RSS MB':>7}")
    for shape in shapes:
        for mb in sizes:
            cmd = [sys.executable, __file__, "--one", shape, str(mb)]
            try:
                res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                print(f"{shape:<7} {mb:>5g}  did not finish in {timeout:.0f} s (> {timeout:.0f} s)")
                continue
            if res.returncode != 0:
                print(f"{shape:<7} {mb:>5g}  failed: {res.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(res.stdout.strip().splitlines()[-1])
            per = r["bytes"] / MB
            print(
                f"{shape:<7} {mb:>5g}  {r['read'] / per:>10.3f} {r['annotate'] / per:>14.2f} "
                f"{r['extract'] / per:>13.2f} {r['wall']:>9.1f} {r['events']:>7} "
                f"{r['rss_mb']:>7.0f}",
                flush=True,
            )


# --------------------------------------------------------------------------- serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_serve(kb: int, requests: int) -> None:
    import httpx

    token = "bench-token-0123456789"
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        cmd = [
            sys.executable, "-c", "from frontlines.cli.main import main; main()", "serve",
            "--db", str(Path(tmp) / "serve.db"), "--port", str(port), "--allow-ingest",
            "--log-level", "warning",
        ]  # fmt: skip
        env = {**os.environ, "FRONTLINES_TOKEN": token}
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, proc)
            auth = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=base, timeout=600) as client:
                # the pipeline loads in the background at start-up: a first small ingest
                small = {"id": "warm", "published": "2021-08-14", "text": REPEATED}
                client.post("/articles", json=small, headers=auth).raise_for_status()
                idle = _latencies(client, requests)
                stop = threading.Event()
                done: list[float] = []

                def ingest() -> None:
                    with httpx.Client(base_url=base, timeout=600) as poster:
                        k = 0
                        while not stop.is_set():
                            k += 1
                            text = build("mixed", kb * 1000) + f"\n\nEdition {k}."
                            body = {"id": f"long-{k}", "published": "2021-08-14", "text": text}
                            t = time.perf_counter()
                            poster.post("/articles", json=body, headers=auth).raise_for_status()
                            done.append(time.perf_counter() - t)

                poster = threading.Thread(target=ingest, daemon=True)
                poster.start()
                time.sleep(0.5)  # the first POST is being extracted
                busy = _latencies(client, requests)
                stop.set()
                poster.join(600)
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"\nGET /events latency, {requests} requests (one keep-alive client):")
    print(f"  idle:                                 {_summary(idle)}")
    print(f"  while POST /articles ingests {kb} KB:  {_summary(busy)}")
    if done:
        print(f"  ({len(done)} long articles ingested, {statistics.median(done):.1f} s each)")


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"server exited: {err}")
    raise SystemExit("server did not start in 60 s")


def _latencies(client: Any, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        client.get("/events?limit=100").raise_for_status()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.1,1,10", help="article sizes in MB")
    ap.add_argument("--shapes", default="mixed,repeat")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per (shape, size)")
    ap.add_argument("--no-serve", action="store_true")
    ap.add_argument("--serve-kb", type=int, default=160)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "MB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], float(args.one[1]))))
        return
    sizes = [float(x) for x in args.sizes.split(",") if x]
    bench_sizes([s for s in args.shapes.split(",") if s], sizes, args.timeout)
    if not args.no_serve:
        bench_serve(args.serve_kb, args.requests)


if __name__ == "__main__":
    main()
