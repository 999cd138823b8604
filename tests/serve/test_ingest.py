"""POST /articles: off by default, bearer token, size limits, clear 4xx, then queryable."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from .conftest import TOKEN, LiveServer

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "id": "api-1",
    "title": "Kunduz falls",
    "url": "https://news.example/api-1",
    "published": "2021-08-08",
    "text": "Insurgents overran Kunduz on Sunday after a night of fighting, officials said.",
}


def post(server: LiveServer, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(
        server.url + "/articles",
        content=content,
        headers={"Content-Type": "application/json", **(headers or {})},
        timeout=30,
    )


def test_ingest_is_off_by_default(live: LiveServer) -> None:
    r = post(live, ARTICLE, AUTH)
    assert r.status_code == 403 and "--allow-ingest" in r.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token-wrong-token"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer"},
    ],
)
def test_ingest_needs_the_right_token(ingest_server: LiveServer, headers: dict[str, str]) -> None:
    r = post(ingest_server, ARTICLE, headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert httpx.get(ingest_server.url + "/articles/api-1").status_code == 404


def test_ingested_article_is_queryable(ingest_server: LiveServer) -> None:
    r = post(ingest_server, ARTICLE, AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["results"] == [
        {"id": "api-1", "outcome": "added", "events": 1, "error": None}
    ]
    url = ingest_server.url
    assert httpx.get(url + "/articles/api-1").json()["title"] == "Kunduz falls"
    page = httpx.get(url + "/events", params={"article_id": "api-1"}).json()
    assert page["total"] == 1 and page["items"][0]["place"]["name"] == "Kunduz"
    snap = httpx.get(url + "/control", params={"as_of": "2021-08-09"}).json()
    assert [r["place"]["name"] for r in snap["rows"]] == ["Kunduz"]
    again = post(ingest_server, ARTICLE, AUTH)
    assert again.status_code == 201 and again.json()["results"][0]["outcome"] == "unchanged"


def test_ingest_many_in_one_request(ingest_server: LiveServer) -> None:
    second = {**ARTICLE, "id": "api-2", "url": None, "text": "Herat fell on Thursday."}
    broken = {**ARTICLE, "id": "api-3", "url": None, "text": "EXPLODE near Farah."}
    r = post(ingest_server, {"articles": [ARTICLE, second, broken]}, AUTH)
    assert r.status_code == 201, r.text
    outcomes = {x["id"]: x["outcome"] for x in r.json()["results"]}
    assert outcomes == {"api-1": "added", "api-2": "added", "api-3": "failed"}
    assert "extractor exploded" in r.json()["results"][2]["error"]
    health = httpx.get(ingest_server.url + "/health").json()
    assert health["articles"] == 2 and health["ingest"] is True


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{not json", 422, "not JSON"),
        (b"\xff\xfe", 422, "not JSON"),
        ([], 422, "no articles"),
        ({"id": "x"}, 422, "articles[0]: missing field 'text'"),
        ([ARTICLE, {"text": 42}], 422, "articles[1]: field 'text' must be a string"),
        ({**ARTICLE, "published": "last spring"}, 422, "field 'published'"),
        ({**ARTICLE, "text": "   "}, 422, "empty text"),
        ([ARTICLE] * 4, 413, "at most 3"),
        ({**ARTICLE, "text": "x" * 5000}, 413, "articles[0]"),
        (b"[" + b" " * 25_000 + b"]", 413, "exceeds"),
    ],
)
def test_bad_bodies_get_a_clear_4xx(
    ingest_server: LiveServer, body: Any, status: int, message: str
) -> None:
    r = post(ingest_server, body, AUTH)
    assert r.status_code == status, r.text
    assert message in r.json()["detail"]


def test_token_is_checked_before_the_body_is_read(ingest_server: LiveServer) -> None:
    r = post(ingest_server, b"x" * 100_000, {"Authorization": "Bearer nope"})
    assert r.status_code == 401
