"""The read API against a real server on loopback, over the sample Afghanistan store."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from frontlines.cli.serve import command as serve_command
from frontlines.serve.sample import PLACES, XSS_SENTENCE

from .conftest import LiveServer

KUNDUZ = PLACES["Kunduz"].geonameid


def get(live: LiveServer, path: str, expect: int = 200, **params: Any) -> Any:
    r = httpx.get(live.url + path, params=params, timeout=10)
    assert r.status_code == expect, r.text[:500]
    return r.json()


def test_health_counts_the_store(live: LiveServer) -> None:
    h = get(live, "/health")
    assert h["status"] == "ok" and h["ingest"] is False
    assert h["articles"] == 23 and h["places"] == len(PLACES)


def test_meta_gives_the_date_range_and_actors(live: LiveServer) -> None:
    m = get(live, "/meta")
    assert (m["first_date"], m["last_date"]) == ("2021-08-01", "2021-08-15")
    assert m["actors"][0]["id"] == "taliban"
    assert "capture" in m["types"] and "contested" in m["statuses"]
    assert m["countries"] == ["AF"]
    assert m["date_ranges"] == {"AF": ["2021-08-01", "2021-08-15"]}


def test_events_paginate_with_a_total(live: LiveServer) -> None:
    first = get(live, "/events", limit=5)
    assert first["merged"] is True and first["limit"] == 5 and len(first["items"]) == 5
    total = first["total"]
    rest = get(live, "/events", limit=5, offset=total - 2)
    assert rest["total"] == total and len(rest["items"]) == 2
    everything = get(live, "/events", limit=1000)["items"]
    assert len(everything) == total
    dates = [e["date"] for e in everything if e["date"]]
    assert dates == sorted(dates)
    ids = [e["id"] for e in get(live, "/events", limit=5, offset=5)["items"]]
    assert ids == [e["id"] for e in everything[5:10]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "siege"}, {"Lashkar Gah", "Herat"}),
        ({"type": "siege,strike"}, {"Lashkar Gah", "Herat"}),
        ({"actor": "afghan-forces"}, {"Lashkar Gah"}),
        ({"actor": "AFGHAN NATIONAL ARMY"}, {"Lashkar Gah"}),
        ({"place": "kunduz"}, {"Kunduz"}),
        ({"place": str(KUNDUZ)}, {"Kunduz"}),
        ({"since": "2021-08-14", "until": "2021-08-15"}, {"Mazar-e Sharif", "Jalalabad", "Kabul"}),
        ({"status": "claimed", "type": "capture"}, {"Sheberghan", "Pul-e Khumri", "Kandahar"}),
        ({"status": "disputed"}, {"Maymana"}),
        ({"bbox": "68.5,36.5,69.0,37.0"}, {"Kunduz"}),
        ({"country": "af", "until": "2021-08-06"}, {"Herat", "Lashkar Gah", "Zaranj"}),
    ],
)
def test_event_filters(live: LiveServer, params: dict[str, str], expected: set[str]) -> None:
    page = get(live, "/events", 200, **params, limit=1000)
    assert {e["place"]["name"] for e in page["items"]} == expected
    assert page["total"] == len(page["items"])


def test_raw_events_are_one_per_report(live: LiveServer) -> None:
    page = get(live, "/events", merged="false", place="Kunduz")
    assert page["merged"] is False and page["total"] == 2
    assert {e["article_id"] for e in page["items"]} == {"wire-003", "wire-004"}
    assert all(e["article_href"] == f"/articles/{e['article_id']}" for e in page["items"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "parade"}, "unknown type"),
        ({"status": "rumoured"}, "unknown status"),
        ({"bbox": "1,2,3"}, "minlon,minlat,maxlon,maxlat"),
        ({"bbox": "10,10,0,0"}, "min greater than max"),
        ({"since": "2021-08-10", "until": "2021-08-01"}, "is after until"),
        ({"since": "yesterday"}, "date"),
        ({"limit": "0"}, "greater than or equal"),
        ({"limit": "5000"}, "less than or equal"),
        ({"country": "AFG"}, "pattern"),
    ],
)
def test_bad_event_filters_are_422_with_a_reason(
    live: LiveServer, params: dict[str, str], message: str
) -> None:
    body = get(live, "/events", 422, **params)
    assert message in str(body["detail"])


def test_merged_event_has_member_reports_with_evidence(live: LiveServer) -> None:
    [m] = get(live, "/events", place="Kunduz")["items"]
    detail = get(live, f"/events/{m['id']}")
    assert detail["kind"] == "merged" and detail["event"] is None
    merged = detail["merged"]
    assert merged["status"] == "confirmed" and merged["article_count"] == 2
    by_article = {x["article_id"]: x for x in merged["members"]}
    assert set(by_article) == {"wire-003", "wire-004"}
    member = by_article["wire-004"]
    assert member["evidence"][0]["sentence"].startswith("The fall of Kunduz on Sunday")
    assert member["sources"] == [{"text": "the provincial police chief", "type": "local_official"}]
    assert member["url"] == "https://news.example/wire-004"
    assert member["article_href"] == "/articles/wire-004"


def test_raw_event_links_to_its_merged_event(live: LiveServer) -> None:
    [raw] = get(live, "/events", merged="false", article_id="wire-003")["items"]
    detail = get(live, f"/events/{raw['id']}")
    assert detail["kind"] == "raw" and detail["merged"] is None
    merged_id = detail["event"]["merged_id"]
    assert get(live, f"/events/{merged_id}")["kind"] == "merged"
    assert "no event" in get(live, "/events/0000000000000000", 404)["detail"]


def test_control_as_of_a_date(live: LiveServer) -> None:
    snap = get(live, "/control", as_of="2021-08-13", country="af")
    assert snap["as_of"] == "2021-08-13" and snap["country"] == "AF"
    assert snap["counts"] == {"Afghan National Army": 3, "Taliban": 15}
    rows = {r["place"]["name"]: r for r in snap["rows"]}
    assert rows["Kabul"]["status"] == "assumed"
    assert rows["Kandahar"]["status"] == "claimed"
    assert rows["Kunduz"]["controller_id"] == "taliban" and rows["Kunduz"]["since"] == "2021-08-08"
    before = get(live, "/control", as_of="2021-08-02")
    assert {r["place"]["name"]: r["status"] for r in before["rows"]}["Herat"] == "contested"


def test_control_kind_and_country_filters(live: LiveServer) -> None:
    capitals = get(live, "/control", as_of="2021-08-13", kind="capital")
    names = {r["place"]["name"] for r in capitals["rows"]}
    assert "Khulm" not in names and "Kabul" in names
    assert get(live, "/control", as_of="2021-08-13", country="SY")["rows"] == []
    assert "as_of" in str(get(live, "/control", 422)["detail"])
    get(live, "/control", 422, as_of="2021-13-01")
    get(live, "/control", 422, as_of="2021-08-13", kind="village")


def test_timeline_of_a_place(live: LiveServer) -> None:
    tl = get(live, "/timeline/Kunduz")
    assert [p["name"] for p in tl["places"]] == ["Kunduz"]
    assert [(p["controller_id"], p["since"], p["until"]) for p in tl["periods"]] == [
        ("afghan-forces", None, "2021-08-08"),
        ("taliban", "2021-08-08", None),
    ]
    [change] = tl["changes"]
    assert (change["previous"], change["controller"], change["date"]) == (
        "Afghan National Army",
        "Taliban",
        "2021-08-08",
    )
    sentences = [v["sentence"] for e in tl["events"] for m in e["members"] for v in m["evidence"]]
    assert any("took control of most of Kunduz" in s for s in sentences)
    assert get(live, f"/timeline/{KUNDUZ}")["periods"] == tl["periods"]
    assert get(live, "/timeline/LASHKAR GAH")["places"][0]["name"] == "Lashkar Gah"
    assert "no place" in get(live, "/timeline/Atlantis", 404)["detail"]


def test_article_with_its_events(live: LiveServer) -> None:
    a = get(live, "/articles/wire-666")
    assert a["text"] == XSS_SENTENCE  # stored and served verbatim, as JSON
    assert len(a["event_ids"]) == 1
    assert "no article" in get(live, "/articles/nope", 404)["detail"]


def test_places_for_the_map(live: LiveServer) -> None:
    places = get(live, "/places")
    assert len(places) == len(PLACES)
    kabul = next(p for p in places if p["name"] == "Kabul")
    assert kabul["admin_seat"] == 0 and round(kabul["lat"]) == 35
    assert get(live, "/places", country="SY") == []


def test_openapi_and_offline_docs(live: LiveServer) -> None:
    spec = get(live, "/openapi.json")
    for path in ("/events", "/events/{event_id}", "/control", "/timeline/{place}",
                 "/articles/{article_id}", "/articles", "/places", "/health"):
        assert path in spec["paths"]
    assert "ControlOut" in spec["components"]["schemas"]
    docs = httpx.get(live.url + "/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assert not re.search(r"(src|href)=\"https?://", docs.text)  # nothing from a CDN


def test_the_page_and_its_assets_are_local(live: LiveServer) -> None:
    page = httpx.get(live.url + "/")
    assert page.status_code == 200
    html = page.text
    assert not re.search(r"(src|href)=\"https?://", html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline handlers
    for asset in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html):
        assert httpx.get(live.url + asset).status_code == 200, asset
    js = httpx.get(live.url + "/static/app.js").text
    assert "innerHTML" not in js.replace("Nothing here uses innerHTML", "")
    assert "insertAdjacentHTML" not in js and "document.write" not in js


def test_basemap_is_gzipped_and_cacheable(live: LiveServer) -> None:
    r = httpx.get(live.url + "/basemap.geojson")
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["type"] == "FeatureCollection"
    again = httpx.get(live.url + "/basemap.geojson", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


def test_cli_binds_loopback_and_needs_a_token_for_ingest(tmp_path: Any) -> None:
    host = next(p for p in serve_command.params if p.name == "host")
    assert host.default == "127.0.0.1"
    runner = CliRunner()
    result = runner.invoke(serve_command, ["--db", str(tmp_path / "x.db"), "--allow-ingest"],
                           env={"FRONTLINES_TOKEN": ""})
    assert result.exit_code == 2 and "needs --token" in result.output
    result = runner.invoke(
        serve_command, ["--db", str(tmp_path / "x.db"), "--allow-ingest", "--token", "short"]
    )
    assert result.exit_code == 2 and "16 characters" in result.output


def test_cli_reports_a_missing_store(tmp_path: Any) -> None:
    result = CliRunner().invoke(serve_command, ["--db", str(tmp_path / "missing.db")])
    assert result.exit_code != 0
    assert "no such store" in str(result.exception) + result.output


def test_frontlines_serve_command_serves_the_store(af_db: Any) -> None:
    """The real entry point: ``frontlines serve`` in its own process, on loopback."""
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from frontlines.cli.main import main; main()", "serve",
         "--db", str(af_db), "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert r.json()["articles"] == 23
        assert "server" not in r.headers  # no version banner
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "frontlines" in page.text
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err.decode()
