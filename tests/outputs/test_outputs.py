"""Exports (ACLED CSV, GeoJSON, JSON Lines, Parquet) and the store CLI commands."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli.main import cli
from frontlines.outputs import (
    ACLED_COLUMNS,
    acled_row,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from frontlines.records import EventType, Place, PlaceKind, PlacePrecision, Status
from frontlines.store.merge import combine, merge_events
from frontlines.store.testing import (
    AFGHAN_FORCES,
    HERAT,
    KUNDUZ,
    LASHKAR_GAH,
    FakePipeline,
    make_aggregate,
    make_event,
)

D = dt.date(2021, 8, 8)


def test_outputs_acled_sub_event_types() -> None:
    def sub(**kw: object) -> str:
        return acled_row(combine([make_event("a", **kw)]))["sub_event_type"]  # type: ignore[arg-type]

    assert sub() == "Non-state actor overtakes territory"
    assert sub(actor=AFGHAN_FORCES) == "Government regains territory"
    assert sub(type=EventType.WITHDRAW) == "Non-violent transfer of territory"
    assert sub(type=EventType.SIEGE) == "Armed clash"
    assert sub(type=EventType.STRIKE, sentence="A drone hit a compound.") == "Air/drone strike"
    assert sub(type=EventType.STRIKE, sentence="Mortar rounds fell.") == (
        "Shelling/artillery/missile attack"
    )
    assert sub(type=EventType.ARREST) == "Arrests"


def test_outputs_acled_row_fields() -> None:
    row = acled_row(combine([make_event("a", status=Status.CLAIMED, sentence="They took it.")]))
    assert row["country"] == "Afghanistan" and row["iso"] == 4 and row["region"] == "South Asia"
    assert row["event_date"] == "2021-08-08" and row["year"] == 2021
    assert row["time_precision"] == 1 and row["geo_precision"] == 1
    assert row["inter1"] == 2 and row["interaction"] == "20"
    assert row["notes"] == "They took it." and row["tags"] == "claimed"
    assert row["location"] == "Kunduz" and row["admin1"] == "Kunduz"
    out = io.StringIO()
    assert write_acled_csv([combine([make_event("a")])], out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS


def test_outputs_geojson_and_jsonl() -> None:
    merged = merge_events([make_event("a"), make_event("b", place=None)])
    out = io.StringIO()
    assert write_geojson(merged, out) == 1
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection"
    [f] = doc["features"]
    assert f["geometry"]["coordinates"] == [KUNDUZ.lon, KUNDUZ.lat]
    lines = io.StringIO()
    assert write_jsonl(merged, lines) == 2
    assert all(json.loads(line)["id"] for line in lines.getvalue().splitlines())


def test_outputs_place_precision_is_exported_as_acled_geo_precision() -> None:
    # an open-world village known only to lie in Balkh province: placed at the province seat
    village = Place(
        3_100_000_001, "Sabzi Kar", PlaceKind.CITY, 36.71, 67.11, "AF", "Balkh", "AF-BAL",
        precision=PlacePrecision.PROVINCE,
    )
    merged = combine([make_event("a", place=village)])
    assert acled_row(merged)["geo_precision"] == 3
    assert acled_row(combine([make_event("a")]))["geo_precision"] == 1  # a town: point
    out = io.StringIO()
    write_geojson([merged], out)
    [f] = json.loads(out.getvalue())["features"]
    assert f["properties"]["place_precision"] == "province"
    assert f["properties"]["geo_precision"] == 3


def test_outputs_parquet_round_trip(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    merged = merge_events(
        [make_event(f"a{i}", date=D + dt.timedelta(days=3 * i)) for i in range(3)]
    )
    assert write_parquet(merged, tmp_path / "e.parquet") == 3
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 3 and "event_id_cnty" in table.column_names


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def store_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``frontlines ingest`` of three invented reports, with a fake pipeline."""
    lines = [
        {
            "id": "c1",
            "published": "2021-08-08",
            "outlet": "Wire A",
            "text": "Insurgents raised their flag over the governor's office in Kunduz.",
        },
        {
            "id": "c2",
            "published": "2021-08-09",
            "outlet": "Wire B",
            "text": "Security forces recaptured Lashkar Gah after a week of fighting.",
        },
        {
            "id": "c3",
            "published": "2021-08-12",
            "outlet": "Wire A",
            "text": "Herat was surrounded; the group says it holds three provincial capitals.",
        },
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    plan = {
        "c1": ((make_event("c1", date=D, published=D, outlet="Wire A"),), ()),
        "c2": (
            (
                make_event(
                    "c2",
                    actor=AFGHAN_FORCES,
                    place=LASHKAR_GAH,
                    date=D,
                    published=D + dt.timedelta(days=1),
                ),
            ),
            (),
        ),
        "c3": (
            (
                make_event(
                    "c3",
                    EventType.SIEGE,
                    place=HERAT,
                    date=D + dt.timedelta(days=4),
                    published=D + dt.timedelta(days=4),
                ),
            ),
            (make_aggregate("c3", 3),),
        ),
    }
    import frontlines.pipeline

    monkeypatch.setattr(
        frontlines.pipeline.Pipeline,
        "load",
        classmethod(lambda cls, config=None: FakePipeline(plan)),
    )
    db = tmp_path / "cli.db"
    runner = CliRunner()
    res = runner.invoke(cli, ["ingest", str(src), "--db", str(db), "--prior", "AF=afghan-forces"])
    assert res.exit_code == 0, res.output
    again = runner.invoke(cli, ["ingest", str(src), "--db", str(db), "--prior", "AF=afghan-forces"])
    assert "3 unchanged" in again.output
    return db


def run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_cli_timeline_jsonl_contract(store_db: Path) -> None:
    lines = [
        json.loads(x)
        for x in run("timeline", "--db", str(store_db), "--format", "jsonl").splitlines()
    ]
    kunduz = [x for x in lines if x["place"]["name"] == "Kunduz"]
    assert kunduz == [kunduz[0]] and kunduz[0]["controller"] == "Taliban"
    assert kunduz[0]["previous"] == "Afghan National Army" and kunduz[0]["date"] == "2021-08-08"
    for key in ("place", "controller", "previous", "date", "confidence", "evidence_count"):
        assert key in kunduz[0]
    assert set(kunduz[0]["place"]) >= {"name", "geonameid", "lat", "lon", "admin1", "country"}
    one = run("timeline", "KUNDUZ", "--db", str(store_db), "--format", "jsonl")
    assert len(one.splitlines()) == 1
    assert "Kunduz" in run("timeline", "Kunduz", "--db", str(store_db))
    res = CliRunner().invoke(cli, ["timeline", "Atlantis", "--db", str(store_db)])
    assert res.exit_code != 0 and "Atlantis" in res.output


def test_cli_control_events_check_export(store_db: Path, tmp_path: Path) -> None:
    db = str(store_db)
    table = run("control", "--db", db, "--as-of", "2021-08-12", "--kind", "capital")
    assert "Taliban: 1 of 3" in table and "Afghan National Army: 2 of 3" in table
    rows = [
        json.loads(x)
        for x in run(
            "control", "--db", db, "--as-of", "2021-08-12", "--format", "jsonl"
        ).splitlines()
    ]
    assert {r["place"]["name"]: r["status"] for r in rows}["Herat"] == "contested"
    assert len(run("events", "--db", db, "--format", "jsonl").splitlines()) == 3
    assert (
        len(run("events", "--db", db, "--raw", "--type", "siege", "--format", "jsonl").splitlines())
        == 1
    )
    assert "Kunduz" in run("events", "--db", db, "--bbox", "68,36,70,38")
    assert "GAP +2" in run("check", "--db", db)
    csv_out = run("export", "--db", db, "--format", "acled-csv")
    assert csv_out.splitlines()[0].startswith("event_id_cnty,event_date")
    geo = json.loads(
        run("export", "--db", db, "--format", "geojson", "--control-as-of", "2021-08-12")
    )
    assert len(geo["features"]) == 6
    out = tmp_path / "e.parquet"
    run("export", "--db", db, "--format", "parquet", "-o", str(out))
    assert out.stat().st_size > 0


def test_cli_db_from_environment(store_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_DB", str(store_db))
    assert len(run("events", "--format", "jsonl").splitlines()) == 3


def test_outputs_acled_csv_neutralises_formulas(tmp_path: Path) -> None:
    """Outlets, sentences and names are article text: a cell a spreadsheet would run as a
    formula gets a leading ' (issue #10); numbers stay numbers, negative ones too."""
    from dataclasses import replace

    from frontlines.records import Actor, ActorKind
    from frontlines.store import Store
    from frontlines.store.testing import FakeResult, empty_document, make_article

    west = replace(KUNDUZ, lon=-12.5, name="=Kunduz")
    hostile = [
        make_event("f1", outlet="=HYPERLINK(\"http://evil.example\",\"x\")", sentence="-2+3"),
        make_event(
            "f2",
            place=west,
            actor=Actor("evil", "@SUM(A1:A9)", ActorKind.NON_STATE),
            outlet="+cmd|' /C calc'!A0",
            sentence="\tTab first.",
        ),
    ]
    db = tmp_path / "f.db"
    with Store.open(db) as store:
        for e in hostile:
            a = make_article(e.article_id, outlet=e.outlet)
            store.add(FakeResult(a, empty_document(a), (e,), ()))
        store.rebuild()
    out = run("export", "--db", str(db), "--format", "acled-csv")
    by_notes = {r["notes"]: r for r in csv.DictReader(io.StringIO(out))}

    def number(cell: str) -> bool:
        try:
            float(cell)
        except ValueError:
            return False
        return True

    cells = [c for r in by_notes.values() for c in r.values() if not number(c)]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    first, second = by_notes["'-2+3"], by_notes["'\tTab first."]
    assert first["source"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert second["actor1"] == "'@SUM(A1:A9)" and second["source"] == "'+cmd|' /C calc'!A0"
    assert second["location"] == "'=Kunduz"
    assert second["longitude"] == "-12.5"  # a number, not neutralised
