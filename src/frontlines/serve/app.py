"""The FastAPI application: the HTTP API over the store and the offline web map.

Reads go through read-only store connections, one per worker thread (a sqlite3 connection
must not be used by two threads at once); the optional ingest endpoint writes through one
writer connection behind a lock, so the server never needs more than SQLite's one writer, and
extracts in a worker process, so a long article does not hold the GIL the reads need.
Every bad parameter is a 4xx JSON answer naming it; anything unexpected a JSON 500, all with
the security headers (``guards``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import json
import math
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from frontlines.errors import FrontlinesError, ReadError
from frontlines.records import Article, EventType
from frontlines.serve import schemas as s
from frontlines.serve.cache import ReadCache
from frontlines.serve.guards import HeadAsGet, JsonErrors
from frontlines.serve.security import SecurityHeaders, bearer_matches
from frontlines.store import EventQuery, Member, MergedEvent, MergedStatus, Store
from frontlines.store.ingest import Runner
from frontlines.store.sql import MAX_INT64, as_number, where_clause
from frontlines.store.types import AddOutcome
from frontlines.timeline import ControlStatus

MAX_ARTICLE_BYTES = 1_000_000
MAX_ARTICLES = 100
MAX_BODY_BYTES = 16 * 1024 * 1024
MAX_PAGE = 1000
MAX_OFFSET = MAX_INT64  # SQLite's OFFSET is a signed 64-bit integer
BASEMAP = "countries-50m.geojson"


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """How the server runs. Ingest is off unless ``allow_ingest`` and a ``token`` are given."""

    db: Path
    allow_ingest: bool = False
    token: str | None = None
    max_article_bytes: int = MAX_ARTICLE_BYTES
    max_articles: int = MAX_ARTICLES
    max_body_bytes: int = MAX_BODY_BYTES

    def __post_init__(self) -> None:
        if self.allow_ingest and not self.token:
            raise FrontlinesError("--allow-ingest needs a token (--token or FRONTLINES_TOKEN)")


def static_dir() -> Path:
    """The bundled page, its script and styles, and the vendored map library and basemap."""
    return Path(str(resources.files("frontlines.serve") / "static"))


# --------------------------------------------------------------------------- store access


class Readers:
    """One read-only ``Store`` per thread, all closed together at shutdown."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Store] = []

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path, readonly=True)
            self._local.store = store
            with self._lock:
                self._open.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._open:
                store.close()
            self._open.clear()


class Writer:
    """The ingest side: a lazily loaded pipeline and one writable store, used under a lock."""

    def __init__(self, path: Path, pipeline_factory: Callable[[], Runner]) -> None:
        self.path = path
        self.factory = pipeline_factory
        self.lock = threading.Lock()
        self._pipeline: Runner | None = None
        self._store: Store | None = None

    def pipeline(self) -> Runner:
        with self.lock:
            if self._pipeline is None:
                self._pipeline = self.factory()
            return self._pipeline

    def ingest(self, articles: list[Article]) -> s.IngestOut:
        """Extract and store each article (atomic per article), then re-merge once."""
        pipeline = self.pipeline()
        with self.lock:
            if self._store is None:
                self._store = Store.open(self.path)
            store = self._store
            results: list[s.IngestItemOut] = []
            for article in articles:
                if store.is_current(article):
                    results.append(s.IngestItemOut(id=article.id, outcome="unchanged", events=0))
                    continue
                try:
                    result = pipeline.run(article)
                except Exception as exc:  # one bad article must not fail the batch
                    results.append(
                        s.IngestItemOut(
                            id=article.id, outcome="failed", events=0, error=f"extract: {exc!r}"
                        )
                    )
                    continue
                try:
                    outcome = store.add(result)  # its own savepoint: all of it or nothing
                except Exception as exc:
                    results.append(
                        s.IngestItemOut(
                            id=article.id, outcome="failed", events=0, error=f"store: {exc!r}"
                        )
                    )
                    continue
                results.append(
                    s.IngestItemOut(
                        id=article.id,
                        outcome=outcome.value,
                        events=0 if outcome is AddOutcome.UNCHANGED else len(result.events),
                    )
                )
            stats = store.rebuild()
        return s.IngestOut(results=results, merged_events=stats.merged_events)

    def close(self) -> None:
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            close = getattr(self._pipeline, "close", None)
            if close is not None:
                close()


def _default_pipeline() -> Runner:
    """The real pipeline in a worker process (loaded there now, off the request path)."""
    from frontlines.scale.local import PipelineProcess

    runner = PipelineProcess()
    runner.warm()
    return runner


def _store(request: Request) -> Store:
    readers: Readers = request.app.state.readers
    return readers.get()


StoreDep = Annotated[Store, Depends(_store)]


# --------------------------------------------------------------------------- shaping


def _article_href(article_id: str) -> str:
    """The stored text's URL; ids may hold "/" (directory ingest: "a/x"), "?", "#" or spaces."""
    return "/articles/" + quote(article_id, safe="")


def _place(value: str | None, name: str = "place") -> str | None:
    """A place name or geonameid; a number no geonameid can be is a 422 naming ``name``."""
    if value is not None and as_number(value) == -1:
        raise HTTPException(422, f"{name}: geonameid {value[:40]!r} is out of range")
    return value


def _member(store: Store, m: Member) -> dict[str, Any]:
    """A member report with the evidence sentences and sources of its stored event."""
    d = m.to_dict()
    d["article_href"] = _article_href(m.article_id)
    raw = store.event(m.event_id)
    d["evidence"] = [e.to_dict() for e in raw.evidence] if raw else []
    d["sources"] = [x.to_dict() for x in raw.sources] if raw else []
    return d


def _merged(store: Store, m: MergedEvent, *, detail: bool) -> dict[str, Any]:
    d = m.to_dict()
    if detail:
        d["members"] = [_member(store, x) for x in m.members]
    else:
        d["members"] = [
            {**x.to_dict(), "article_href": _article_href(x.article_id)} for x in m.members
        ]
    return d


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _types(value: str | None) -> frozenset[EventType] | None:
    names = _split(value)
    if not names:
        return None
    try:
        return frozenset(EventType(n.lower()) for n in names)
    except ValueError:
        known = ", ".join(t.value for t in EventType)
        raise HTTPException(422, f"type: unknown type in {value!r} (known: {known})") from None


def _statuses(value: str | None) -> frozenset[str] | None:
    names = [n.lower() for n in _split(value)]
    if not names:
        return None
    known = {x.value for x in MergedStatus}
    bad = [n for n in names if n not in known]
    if bad:
        raise HTTPException(
            422, f"status: unknown status {bad[0]!r} (known: {', '.join(sorted(known))})"
        )
    return frozenset(names)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        a, b, c, d = (float(x) for x in value.split(","))
    except ValueError:
        raise HTTPException(422, f"bbox: {value!r} is not minlon,minlat,maxlon,maxlat") from None
    if not all(math.isfinite(x) for x in (a, b, c, d)):
        raise HTTPException(422, f"bbox: {value!r} has a value that is not a finite number")
    if a > c or b > d:
        raise HTTPException(422, f"bbox: {value!r} has min greater than max")
    return a, b, c, d


def count_events(store: Store, query: EventQuery, *, merged: bool) -> int:
    """The number of events matching ``query`` regardless of its page (for ``total``).

    Uses the store's own filter builder so the count always agrees with the page.
    """
    where, args = where_clause(query, merged=merged)
    table = "merged_events" if merged else "events"
    return int(store.db.execute(f"SELECT COUNT(*) FROM {table}{where}", args).fetchone()[0])


def meta(store: Store) -> s.MetaOut:
    """Date range, actors (by number of merged events), countries: the page's controls."""
    first, last = store.db.execute(
        "SELECT MIN(date), MAX(date) FROM merged_events WHERE date IS NOT NULL"
    ).fetchone()
    actors = [
        s.ActorCount(id=r[0], name=r[1] or r[0], events=int(r[2]))
        for r in store.db.execute(
            "SELECT actor_id, MAX(actor_name), COUNT(*) AS n FROM merged_events"
            " WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY n DESC, actor_id"
        )
    ]
    countries = [r[0] for r in store.db.execute("SELECT DISTINCT country FROM places ORDER BY 1")]
    ranges = {
        r[0]: (r[1], r[2])
        for r in store.db.execute(
            "SELECT country, MIN(date), MAX(date) FROM merged_events"
            " WHERE date IS NOT NULL AND country IS NOT NULL GROUP BY country"
        )
    }
    return s.MetaOut(
        first_date=first,
        last_date=last,
        actors=actors,
        types=[t.value for t in EventType],
        statuses=sorted({*(x.value for x in MergedStatus), *(x.value for x in ControlStatus)}),
        countries=countries,
        date_ranges=ranges,
    )


# --------------------------------------------------------------------------- the app


def create_app(
    config: ServeConfig, *, pipeline_factory: Callable[[], Runner] | None = None
) -> FastAPI:
    """Build the app for one store. Fails fast (``FrontlinesError``) if the store can't open.

    ``pipeline_factory`` builds the extraction pipeline for ``POST /articles`` (default:
    ``Pipeline.load()``, loaded in the background at start-up so the first ingest is fast).
    """
    if config.allow_ingest:
        Store.open(config.db).close()  # create (or migrate) it: ingest may fill an empty store
    Store.open(config.db, readonly=True).close()  # fail now, before the server binds
    readers = Readers(config.db)
    cache = ReadCache(config.db)
    writer = (
        Writer(config.db, pipeline_factory or _default_pipeline) if config.allow_ingest else None
    )
    static = static_dir()
    basemap = Basemap(static / "vendor" / BASEMAP)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        threading.Thread(target=basemap.load, daemon=True).start()
        if writer is not None:
            threading.Thread(target=_warm, args=(writer,), daemon=True).start()
        yield
        readers.close()
        cache.close()
        if writer is not None:
            writer.close()

    app = FastAPI(
        title="frontlines",
        summary="Sourced, geocoded, dated conflict events and territorial control over time.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.readers = readers
    # Innermost first: gzip, HEAD (after gzip, so its length is the gzipped one), JSON 500s,
    # and the security headers outside everything the app itself sends.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=6)
    app.add_middleware(HeadAsGet)
    app.add_middleware(JsonErrors)
    app.add_middleware(SecurityHeaders)

    # ----------------------------------------------------------------------- errors

    @app.exception_handler(FrontlinesError)
    async def frontlines_error(request: Request, exc: FrontlinesError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)

    # ----------------------------------------------------------------------- events

    @app.get("/events", response_model=s.EventPage, tags=["events"])
    def list_events(
        store: StoreDep,
        since: Annotated[dt.date | None, Query(description="First day (YYYY-MM-DD).")] = None,
        until: Annotated[dt.date | None, Query(description="Last day, inclusive.")] = None,
        type: Annotated[str | None, Query(description="Event types, comma-separated.")] = None,
        actor: Annotated[str | None, Query(description="Actor id or name.")] = None,
        place: Annotated[str | None, Query(description="Place name or geonameid.")] = None,
        country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
        bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
        status: Annotated[str | None, Query(description="Statuses, comma-separated.")] = None,
        article_id: str | None = None,
        merged: Annotated[bool, Query(description="Merged events (default) or raw.")] = True,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        """Events by date then id, filtered, one page at a time (``total`` counts all)."""
        if since and until and since > until:
            raise HTTPException(422, f"since ({since}) is after until ({until})")
        q = EventQuery(
            since=since,
            until=until,
            types=_types(type),
            actor=actor,
            place=_place(place),
            country=country,
            bbox=_bbox(bbox),
            statuses=_statuses(status),
            article_id=article_id,
            limit=limit,
            offset=offset,
        )
        total = count_events(store, q, merged=merged)
        items: list[dict[str, Any]]
        if merged:
            items = [_merged(store, m, detail=False) for m in store.merged_events(q)]
        else:
            items = [
                {**e.to_dict(), "article_href": _article_href(e.article_id)}
                for e in store.events(q)
            ]
        return {"total": total, "limit": limit, "offset": offset, "merged": merged, "items": items}

    @app.get(
        "/events/{event_id}",
        response_model=s.EventDetail,
        responses={404: {"model": s.ErrorOut}},
        tags=["events"],
    )
    def get_event(
        store: StoreDep, event_id: Annotated[str, PathParam(max_length=64)]
    ) -> dict[str, Any]:
        """A merged event with its member reports (evidence, sources, article links), or one
        raw report with the merged event it belongs to."""
        m = store.merged_event(event_id)
        if m is not None:
            return {"kind": "merged", "merged": _merged(store, m, detail=True)}
        e = store.event(event_id)
        if e is None:
            raise HTTPException(404, f"no event {event_id!r}")
        d = e.to_dict()
        d["article_href"] = _article_href(e.article_id)
        d["merged_id"] = store.merged_of(e.id)
        return {"kind": "raw", "event": d}

    # ----------------------------------------------------------------------- control

    @app.get("/control", response_model=s.ControlOut, tags=["control"])
    def control(
        as_of: Annotated[dt.date, Query(description="The day (YYYY-MM-DD).")],
        country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
        kind: Literal["all", "capital", "city"] = "all",
    ) -> Response:
        """Who holds each known place on ``as_of`` (with place counts per controller).

        Answered from timelines cached per store version (``ReadCache``): the slider asks
        for a snapshot per step, so this must stay fast on large stores.
        """
        body = cache.control_json(as_of, country, kind)
        return Response(body, media_type="application/json")

    @app.get(
        "/timeline/{place}",
        response_model=s.TimelineOut,
        responses={404: {"model": s.ErrorOut}},
        tags=["control"],
    )
    def timeline(store: StoreDep, place: Annotated[str, PathParam(max_length=200)]) -> Any:
        """Control periods and changes of a place (name or geonameid), with the events behind
        them: evidence sentences, sources, statuses and article links."""
        _place(place)
        places = store.places(place)
        if not places:
            raise HTTPException(404, f"no place {place!r} in the store")
        events = [
            _merged(store, m, detail=True)
            for p in places
            for m in store.merged_events(EventQuery(place=str(p.geonameid)))
        ]
        events.sort(key=lambda d: (d["date"] or "9999", d["id"]))
        return {
            "places": [p.to_dict() for p in places],
            "periods": [x.to_dict() for x in store.timeline(place)],
            "changes": [x.to_dict() for x in store.changes(place)],
            "events": events,
        }

    @app.get("/places", response_model=list[s.PlaceOut], tags=["control"])
    def places(
        country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
    ) -> Response:
        """Every place events were reported at (the map's markers)."""
        cc = country.upper() if country else None

        def make(store: Store) -> bytes:
            found = [p for p in store.places() if cc is None or p.country == cc]
            # Thousands on big stores: serialised directly (Place.to_dict, a fixed shape).
            return json.dumps([p.to_dict() for p in found], ensure_ascii=False).encode()

        return Response(cache.body(f"places:{cc}", make), media_type="application/json")

    # ----------------------------------------------------------------------- articles

    @app.get(
        "/articles/{article_id:path}",
        response_model=s.ArticleOut,
        responses={404: {"model": s.ErrorOut}},
        tags=["articles"],
    )
    def get_article(
        store: StoreDep, article_id: Annotated[str, PathParam(max_length=500)]
    ) -> dict[str, Any]:
        """The stored article (full text) and the ids of the events extracted from it.

        The id may contain "/" (``a/x`` from a directory ingest), as is or as ``%2F``. Where
        the article was read from (a local path) is not served."""
        a = store.article(article_id)
        if a is None:
            raise HTTPException(404, f"no article {article_id!r}")
        ids = [e.id for e in store.events(EventQuery(article_id=article_id))]
        out = a.to_dict()
        out.pop("origin", None)
        return {**out, "event_ids": ids}

    @app.post(
        "/articles",
        status_code=201,
        response_model=s.IngestOut,
        responses={
            401: {"model": s.ErrorOut, "description": "Missing or wrong bearer token."},
            403: {"model": s.ErrorOut, "description": "Ingest is disabled on this server."},
            413: {"model": s.ErrorOut, "description": "Body, article or batch too large."},
            422: {"model": s.ErrorOut, "description": "Not JSON articles."},
        },
        tags=["articles"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "description": "One article object, a list of them, or "
                            '{"articles": [...]}. Fields: text (required), id, title, url, '
                            "published (YYYY-MM-DD), outlet.",
                            "oneOf": [
                                {"type": "object"},
                                {"type": "array", "items": {"type": "object"}},
                            ],
                        }
                    }
                },
            }
        },
    )
    async def post_articles(request: Request) -> s.IngestOut:
        """Ingest articles (needs ``--allow-ingest`` and ``Authorization: Bearer TOKEN``)."""
        if writer is None or not config.token:
            raise HTTPException(403, "ingest is disabled: start the server with --allow-ingest")
        if not bearer_matches(request.headers.get("authorization"), config.token):
            raise HTTPException(
                401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
            )
        body = await _read_body(request, config.max_body_bytes)
        # parsing a 16 MB body is work too: off the event loop, like the ingest
        articles = await run_in_threadpool(_parse_articles, body, config)
        return await run_in_threadpool(writer.ingest, articles)

    # ----------------------------------------------------------------------- service

    @app.get("/health", response_model=s.HealthOut, tags=["service"])
    def health(store: StoreDep) -> dict[str, Any]:
        """Liveness plus what the store holds."""
        st = store.stats()
        return {
            "status": "ok",
            "schema_version": st.schema_version,
            "articles": st.articles,
            "events": st.events,
            "merged_events": st.merged_events,
            "places": st.places,
            "ingest": writer is not None,
        }

    @app.get("/meta", response_model=s.MetaOut, tags=["service"])
    def get_meta() -> Response:
        """Date range, actors, event types, statuses and countries (the page's controls)."""
        body = cache.body("meta", lambda store: meta(store).model_dump_json().encode())
        return Response(body, media_type="application/json")

    # ----------------------------------------------------------------------- the page

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(static / "docs.html", headers={"Cache-Control": "no-cache"})

    @app.get("/basemap.geojson", include_in_schema=False)
    async def get_basemap(request: Request) -> Response:
        """The country outlines, gzipped once and cached (1.5 MB of GeoJSON -> ~0.4 MB)."""
        body, etag = await run_in_threadpool(basemap.load)
        headers = {
            "ETag": etag,
            "Cache-Control": "public, max-age=86400",
            "Vary": "Accept-Encoding",
        }
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
        else:
            body = gzip.decompress(body)
        return Response(body, media_type="application/geo+json", headers=headers)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(static / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=static), name="static")
    return app


class Basemap:
    """The basemap file gzipped once (warmed in the background at start-up), then cached."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._cached: tuple[bytes, str] | None = None

    def load(self) -> tuple[bytes, str]:
        with self._lock:
            if self._cached is None:
                raw = self.path.read_bytes()
                etag = '"' + hashlib.sha1(raw).hexdigest()[:20] + '"'
                self._cached = (gzip.compress(raw, compresslevel=9, mtime=0), etag)
            return self._cached


def _warm(writer: Writer) -> None:
    """Load the pipeline off the request path; a failure shows up again on first ingest."""
    with contextlib.suppress(Exception):  # the first POST /articles reports it instead
        writer.pipeline()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("frontlines")
    except PackageNotFoundError:
        return "0"


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it exceeds ``limit`` (before it is all read)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body of {declared} bytes exceeds {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body exceeds {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_articles(body: bytes, config: ServeConfig) -> list[Article]:
    """JSON body -> articles, with the same field rules as ``frontlines ingest`` (JSON Lines)."""
    from frontlines.sources import article_from_json, loads_json

    try:
        data = loads_json(body)
    except ValueError as exc:
        raise HTTPException(422, f"body is not JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(422, "no articles in the body")
    if len(items) > config.max_articles:
        raise HTTPException(
            413, f"{len(items)} articles in one request; at most {config.max_articles}"
        )
    out: list[Article] = []
    for i, obj in enumerate(items):
        where = f"articles[{i}]"
        try:
            size = len(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        except RecursionError:
            raise HTTPException(422, f"{where}: nested too deeply") from None
        if size > config.max_article_bytes:
            raise HTTPException(
                413, f"{where}: {size} bytes; one article may have {config.max_article_bytes}"
            )
        try:
            out.append(article_from_json(obj, where, default_id="api"))
        except ReadError as exc:
            raise HTTPException(422, str(exc)) from None
    return out
