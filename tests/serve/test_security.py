"""Security: headers on every response, hostile article text stays data."""

from __future__ import annotations

import httpx
import pytest

from frontlines.serve.sample import XSS_SENTENCE

from .conftest import LiveServer


@pytest.mark.parametrize("path", ["/", "/health", "/events", "/static/app.js", "/nope", "/docs"])
def test_security_headers_on_every_response(live: LiveServer, path: str) -> None:
    r = httpx.get(live.url + path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_hostile_text_is_served_as_json_never_html(live: LiveServer) -> None:
    r = httpx.get(live.url + "/articles/wire-666")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["text"] == XSS_SENTENCE
    page = httpx.get(live.url + "/events", params={"place": "Khulm"})
    assert page.headers["content-type"].startswith("application/json")


def test_not_found_does_not_reflect_markup_as_html(live: LiveServer) -> None:
    r = httpx.get(live.url + "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
