"""Fixtures: a store of the sample story, and real uvicorn servers on loopback ports."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi, uvicorn) is not installed")
import uvicorn
from fastapi import FastAPI

from frontlines.records import Article
from frontlines.serve import ServeConfig, create_app
from frontlines.serve.sample import PLACES, build_afghanistan
from frontlines.store.testing import FakeResult, empty_document, make_event

TOKEN = "test-token-0123456789abcdef"


class LiveServer:
    """uvicorn serving ``app`` in a thread on a free loopback port, stopped on exit."""

    def __init__(self, app: FastAPI) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


class KeywordRunner:
    """Stands in for ``Pipeline``: a capture at each sample place named in the text.

    The HTTP layer is under test here, not extraction; ``fail_on`` makes one article fail.
    """

    def __init__(self, fail_on: str = "EXPLODE") -> None:
        self.fail_on = fail_on

    def run(self, article: Article) -> FakeResult:
        if self.fail_on in article.text:
            raise ValueError("extractor exploded")
        events = tuple(
            make_event(
                article.id,
                place=place,
                date=article.published,
                published=article.published,
                outlet=article.outlet,
                sentence=article.text[:300],
            )
            for name, place in sorted(PLACES.items())
            if name in article.text
        )
        return FakeResult(article, empty_document(article), events, ())


@pytest.fixture(scope="session")
def af_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_afghanistan(tmp_path_factory.mktemp("serve") / "af.db")


@pytest.fixture(scope="session")
def live(af_db: Path) -> Iterator[LiveServer]:
    """A read-only server over the sample store, shared by the read tests."""
    with LiveServer(create_app(ServeConfig(db=af_db))) as server:
        yield server


@pytest.fixture()
def ingest_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A server over a fresh store with ingest on (small limits, so 413s are cheap to hit)."""
    config = ServeConfig(
        db=tmp_path / "ingest.db",
        allow_ingest=True,
        token=TOKEN,
        max_article_bytes=4000,
        max_articles=3,
        max_body_bytes=20_000,
    )
    with LiveServer(create_app(config, pipeline_factory=KeywordRunner)) as server:
        yield server
