"""Hostile requests (issue #10): every bad parameter is a 4xx JSON answer naming it, nothing
leaks a 500 without the security headers, HEAD works, stored-text links resolve for ids with a
"/", the local input path is not served, and hostile bodies are 422s."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from frontlines.serve import ServeConfig, create_app
from frontlines.serve.security import CSP
from frontlines.store import Store
from frontlines.store.testing import FakeResult, empty_document, make_article, make_event

from .conftest import TOKEN, LiveServer

AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


def assert_json_error(r: httpx.Response, status: int, names: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert names in json.dumps(r.json())


@pytest.mark.parametrize(
    ("path", "status", "names"),
    [
        ("/events?place=99999999999999999999", 422, "place"),  # was 500: SQLite overflow
        ("/timeline/99999999999999999999", 422, "place"),
        ("/timeline/" + "9" * 150, 422, "place"),
        ("/events?offset=9223372036854775808", 422, "offset"),  # was 500: SQLite overflow
        ("/events?offset=-1", 422, "offset"),
        ("/events?limit=0", 422, "limit"),
        ("/events?limit=abc", 422, "limit"),
        ("/events?bbox=nan,0,1,1", 422, "bbox"),
        ("/events?bbox=1,2,3", 422, "bbox"),
        ("/events?since=2021-13-01", 422, "since"),
        ("/events?since=2021-08-10&until=2021-08-01", 422, "since"),
        ("/events?type=parade", 422, "type"),
        ("/events?status=rumoured", 422, "status"),
        ("/events?country=AFG", 422, "country"),
        ("/control", 422, "as_of"),
        ("/control?as_of=99999-01-01", 422, "as_of"),
        ("/control?as_of=2021-08-13&kind=village", 422, "kind"),
        ("/timeline/%C2%B2", 404, "no place"),  # was 500: int("²")
        ("/events/" + "x" * 65, 422, "event_id"),
        ("/articles/nope", 404, "no article"),
    ],
)
def test_hostile_bad_parameters_are_named_4xx(
    live: LiveServer, path: str, status: int, names: str
) -> None:
    assert_json_error(httpx.get(live.url + path), status, names)


def test_hostile_unicode_digit_place_is_a_name_not_a_500(live: LiveServer) -> None:
    r = httpx.get(live.url + "/events?place=%C2%B2")  # "²" is a digit to str.isdigit
    assert r.status_code == 200 and r.json()["total"] == 0


def test_hostile_largest_offset_is_an_empty_page(live: LiveServer) -> None:
    r = httpx.get(live.url + "/events?offset=9223372036854775807")
    assert r.status_code == 200 and r.json()["items"] == []


def test_hostile_unexpected_error_is_a_json_500_with_the_security_headers(
    af_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Store) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(Store, "stats", broken)
    with TestClient(create_app(ServeConfig(db=af_db)), raise_server_exceptions=False) as client:
        r = client.get("/health")
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/json"
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-frame-options"] == "DENY"
    assert "internal server error" in r.json()["detail"]
    assert "secret" not in r.text


@pytest.mark.parametrize("path", ["/", "/docs", "/events", "/health", "/static/app.js"])
def test_hostile_head_answers_like_get(live: LiveServer, path: str) -> None:
    get = httpx.get(live.url + path)
    head = httpx.head(live.url + path)
    assert head.status_code == 200 == get.status_code  # HEAD / was 405
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-security-policy"] == CSP


@pytest.fixture(scope="module")
def slash_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding articles whose ids have a "/", "?", "#" and a space."""
    db = tmp_path_factory.mktemp("slash") / "slash.db"
    with Store.open(db) as store:
        for i, article_id in enumerate(["a/x", "b/c/d?e#f", "with space"]):
            a = replace(make_article(article_id, f"Report {i}."), origin=f"/home/me/{i}.txt")
            store.add(FakeResult(a, empty_document(a), (make_event(article_id),), ()))
        store.rebuild()
    with LiveServer(create_app(ServeConfig(db=db))) as server:
        yield server


@pytest.mark.parametrize("article_id", ["a/x", "b/c/d?e#f", "with space"])
def test_hostile_stored_text_link_resolves(slash_server: LiveServer, article_id: str) -> None:
    page = httpx.get(slash_server.url + "/events?merged=false&limit=10").json()
    [href] = [e["article_href"] for e in page["items"] if e["article_id"] == article_id]
    assert href == "/articles/" + quote(article_id, safe="")
    r = httpx.get(slash_server.url + href)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == article_id and r.json()["event_ids"]
    assert "origin" not in r.json()  # the local input path is not served
    assert "/home/me" not in r.text


def test_hostile_stored_text_with_a_raw_slash(slash_server: LiveServer) -> None:
    r = httpx.get(slash_server.url + "/articles/a/x")
    assert r.status_code == 200 and r.json()["id"] == "a/x"


def test_hostile_merged_event_links_are_quoted(slash_server: LiveServer) -> None:
    page = httpx.get(slash_server.url + "/events").json()
    hrefs = {m["article_href"] for e in page["items"] for m in e["members"]}
    assert "/articles/a%2Fx" in hrefs


# --------------------------------------------------------------------------- POST /articles


def post(server: LiveServer, content: bytes) -> httpx.Response:
    return httpx.post(server.url + "/articles", content=content, headers=AUTH, timeout=30)


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (b"[" * 1000 + b"]" * 1000, "nested too deeply"),  # was 500: RecursionError
        (b"{\"text\": " + b"{\"a\":" * 2000 + b"1" + b"}" * 2001, "nested too deeply"),
        (b'{"id": "s1", "text": "Kunduz fell \\ud800 today."}', "lone surrogate"),  # was 500
        (b'{"id": "s2", "title": "\\udfff", "text": "Kunduz fell."}', "field 'title'"),
        (b'{"text": "Kunduz fell.", "published": "9999-01-01"}', "published"),
        (b'{"text": "Kunduz fell.", "published": 20210812.5}', "published"),
        (b"\xff\xfe\x00", "not JSON"),
    ],
)
def test_hostile_post_bodies_are_422(ingest_server: LiveServer, body: bytes, names: str) -> None:
    r = post(ingest_server, body)
    assert_json_error(r, 422, names)
    assert httpx.get(ingest_server.url + "/health").json()["articles"] == 0


def test_hostile_post_store_failure_is_one_failed_item(
    ingest_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    add = Store.add

    def add_or_fail(self: Store, result):  # type: ignore[no-untyped-def]
        if result.article.id == "unstorable":
            raise sqlite3.IntegrityError("constraint")
        return add(self, result)

    monkeypatch.setattr(Store, "add", add_or_fail)
    body = [
        {"id": "unstorable", "text": "Insurgents overran Kunduz on Sunday."},
        {"id": "fine", "text": "Insurgents overran Kunduz on Sunday, officials said."},
    ]
    r = post(ingest_server, json.dumps(body).encode())
    assert r.status_code == 201, r.text
    first, second = r.json()["results"]
    assert first["outcome"] == "failed" and first["error"].startswith("store: ")
    assert second["outcome"] == "added"


def test_hostile_default_ingest_uses_the_real_pipeline(tmp_path: Path) -> None:
    """The default runner (the real pipeline in a worker process) extracts and stores."""
    config = ServeConfig(db=tmp_path / "real.db", allow_ingest=True, token=TOKEN)
    body = {
        "id": "real-1",
        "published": "2021-08-13",
        "text": "Taliban fighters captured the western city of Herat on Thursday, officials said.",
    }
    with LiveServer(create_app(config)) as server:
        r = httpx.post(server.url + "/articles", json=body, headers=AUTH, timeout=120)
        assert r.status_code == 201, r.text
        assert r.json()["results"][0]["events"] >= 1
        events = httpx.get(server.url + "/events?place=Herat").json()
        assert events["total"] == 1
