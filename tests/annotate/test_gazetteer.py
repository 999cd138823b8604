"""The gazetteer file: coverage, codes, seats, aliases and cache behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.annotate.build_gazetteer import fingerprint
from frontlines.annotate.gazetteer import Gazetteer, fold
from frontlines.errors import DataFileError
from frontlines.records import PlaceKind


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_gazetteer_fold_ignores_case_accents_punctuation() -> None:
    assert fold("Qala-I-Naw") == fold("qala i naw") == "qalainaw"
    assert fold("Ḩamāh") == "hamah"
    assert fold("Mazar-e Sharif") == fold("Mazar-e-Sharif")


def test_gazetteer_covers_every_country(gaz: Gazetteer) -> None:
    for cc in ("AF", "UA", "SY", "SD", "ML", "MM", "CD", "US", "FJ", "IS"):
        assert gaz.country(cc) is not None, cc
    assert gaz.stats()["country"] >= 240


@pytest.mark.parametrize(
    ("code", "english"),
    [
        ("AF-JOW", "Jowzjan"),
        ("AF-HER", "Herat"),
        ("AF-BDG", "Badghis"),
        ("UA-14", "Donetsk"),
        ("UA-65", "Kherson"),
        ("SY-HM", "Hama"),
        ("AF-SAR", "Sar-e Pol"),
    ],
)
def test_gazetteer_admin1_has_english_name_and_iso_code(
    gaz: Gazetteer, code: str, english: str
) -> None:
    a1 = gaz.admin1(code)
    assert a1 is not None and a1.name == english and a1.kind == PlaceKind.ADMIN1


def test_gazetteer_admin1_lookup_by_english_and_local_spelling(gaz: Gazetteer) -> None:
    assert any(p.admin1_code == "UA-14" for p in gaz.lookup("Donetsk Oblast"))
    assert any(p.admin1_code == "AF-URU" for p in gaz.lookup("Oruzgan"))


def test_gazetteer_flags_afghan_provincial_capitals(gaz: Gazetteer) -> None:
    seats = gaz.seats("AF", 1) + gaz.seats("AF", 0)
    assert len({p.admin1_code for p in seats}) == 34


def test_gazetteer_flags_ukrainian_and_syrian_seats(gaz: Gazetteer) -> None:
    ua = {p.admin1_code for p in gaz.seats("UA", 1) + gaz.seats("UA", 0)}
    assert len(ua) >= 24
    sy = {p.admin1_code for p in gaz.seats("SY", 1) + gaz.seats("SY", 0)}
    assert len(sy) >= 13
    seat = gaz.seat_of("AF-BDG")
    assert seat is not None and seat.name == "Qala i Naw"


def test_gazetteer_cities_carry_admin2(gaz: Gazetteer) -> None:
    lyman = [p for p in gaz.lookup("Lyman", country="UA") if p.admin1_code == "UA-14"]
    assert lyman and lyman[0].admin2


def test_gazetteer_curated_places_exist(gaz: Gazetteer) -> None:
    bagram = gaz.lookup("Bagram", country="AF", kind=PlaceKind.CITY)
    assert bagram and bagram[0].admin1 == "Parwan"


def test_gazetteer_user_alias_file_is_an_overlay(gaz: Gazetteer, tmp_path: Path) -> None:
    herat = gaz.lookup("Herat", country="AF", kind=PlaceKind.CITY)[0]
    f = tmp_path / "mine.tsv"
    f.write_text(f"# my spellings\nHeratabad-e Kohna\t{herat.geonameid}\n", encoding="utf-8")
    g2 = Gazetteer.load(gaz.path, aliases=[f])
    assert [p.geonameid for p in g2.lookup("Heratabad-e Kohna")] == [herat.geonameid]


def test_gazetteer_bad_alias_file_names_the_file(gaz: Gazetteer, tmp_path: Path) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("Somewhere\tnot-a-number\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.tsv:1"):
        Gazetteer.load(gaz.path, aliases=[f])


def test_gazetteer_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        Gazetteer.load(tmp_path / "nope.sqlite")


def test_gazetteer_cache_key_changes_with_alias_files(tmp_path: Path) -> None:
    f = tmp_path / "extra.tsv"
    f.write_text("A\t1\n", encoding="utf-8")
    k1 = fingerprint([f])
    f.write_text("B\t1\n", encoding="utf-8")
    assert fingerprint([f]) != k1 != fingerprint()


def test_gazetteer_prune_stale_keeps_only_the_current_file(tmp_path: Path) -> None:
    from frontlines.annotate.gazetteer import prune_stale

    current = tmp_path / "gazetteer-new.sqlite"
    for name in ("gazetteer-old.sqlite", "gazetteer-new.sqlite", "other.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    prune_stale(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-new.sqlite", "other.txt"]


def test_gazetteer_pickles_for_process_pools(gaz: Gazetteer) -> None:
    import pickle

    g2 = pickle.loads(pickle.dumps(gaz))
    assert g2.path == gaz.path
    assert [p.geonameid for p in g2.lookup("Kherson")] == [
        p.geonameid for p in gaz.lookup("Kherson")
    ]


# --------------------------------------------------------------------------- precision


def test_place_precision_defaults_to_what_the_kind_says() -> None:
    from frontlines.records import Place, PlacePrecision

    town = Place(1, "Town", PlaceKind.CITY, 1.0, 2.0, "AF")
    district = Place(2, "District", PlaceKind.ADMIN2, 1.0, 2.0, "AF")
    assert town.precision is PlacePrecision.POINT and town.geo_precision == 1
    assert district.precision is PlacePrecision.DISTRICT and district.geo_precision == 2
    assert Place(3, "P", PlaceKind.ADMIN1, 1.0, 2.0, "AF").geo_precision == 3
    assert Place(4, "C", PlaceKind.COUNTRY, 1.0, 2.0, "AF").precision is PlacePrecision.COUNTRY
    near = Place(5, "Village", PlaceKind.CITY, 1.0, 2.0, "AF", precision=PlacePrecision.NEAR)
    assert near.geo_precision == 2


def test_place_precision_round_trips_and_old_dicts_still_load() -> None:
    from frontlines.records import Place, PlacePrecision

    village = Place(
        3_000_000_007, "Tal Baydar", PlaceKind.CITY, 36.5, 40.7, "SY", "Al-Hasakah",
        precision=PlacePrecision.PROVINCE,
    )
    d = village.to_dict()
    assert d["precision"] == "province"
    assert Place.from_dict(d) == village
    del d["precision"]  # stored before precision existed
    old = Place.from_dict(d)
    assert old.precision is PlacePrecision.POINT


def test_gazetteer_has_no_place_at_null_island(gaz: Gazetteer) -> None:
    # a division no city is coded to used to sit at (0, 0); now it has its cities' centroid
    # (Gaza Strip) or is left out
    con = gaz._con()
    assert con.execute("SELECT count(*) FROM place WHERE lat = 0 AND lon = 0").fetchone()[0] == 0
    gaza = [p for p in gaz.lookup("Gaza Strip") if p.kind == PlaceKind.ADMIN1]
    assert gaza and 31.2 < gaza[0].lat < 31.6 and 34.2 < gaza[0].lon < 34.6


def test_gazetteer_admin2_without_cities_is_placed_and_says_how(gaz: Gazetteer) -> None:
    from frontlines.records import PlacePrecision

    # Kismaayo district: no city of cities500 is linked to it; its seat Kismayo is the point
    [kis] = [p for p in gaz.lookup("Kismaayo") if p.kind == PlaceKind.ADMIN2]
    assert kis.precision is PlacePrecision.DISTRICT and abs(kis.lat + 0.36) < 0.1
    # Uror county (Jonglei): no town inside it known: placed at Jonglei, precision province
    [uror] = [p for p in gaz.lookup("Uror") if p.kind == PlaceKind.ADMIN2]
    assert uror.precision is PlacePrecision.PROVINCE and uror.admin1 == "Jonglei"
    # a district with cities inside keeps their centroid
    [nad_ali] = [p for p in gaz.lookup("Nad Ali") if p.kind == PlaceKind.ADMIN2]
    assert nad_ali.precision is PlacePrecision.DISTRICT and nad_ali.admin1 == "Helmand"


# --------------------------------------------------------------------------- variants


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ar-Raqqah", "Raqqa"),
        ("al-Raqqa", "Raqqa"),
        ("Qalqiliyah", "Qalqilya"),
        ("Tal Beidar", "Tal Baydar"),
        ("Deir ez-Zor", "Deir Zor"),
        ("Kala-i-Naw", "Qala-i-Naw"),
        ("Vodiane", "Vodyane"),
    ],
)
def test_gazetteer_variant_key_joins_transliterations(a: str, b: str) -> None:
    from frontlines.annotate.gazetteer import load_variant_rules, variant_key

    rules = load_variant_rules()
    assert variant_key(a, rules) == variant_key(b, rules)


@pytest.mark.parametrize(
    ("a", "b"), [("Tal Abyad", "Tel Aviv"), ("Hama", "Homs"), ("Salem", "Salim")]
)
def test_gazetteer_variant_key_keeps_different_names_apart(a: str, b: str) -> None:
    from frontlines.annotate.gazetteer import load_variant_rules, variant_key

    rules = load_variant_rules()
    assert variant_key(a, rules) != variant_key(b, rules)


def test_gazetteer_variant_candidates_find_other_spellings(gaz: Gazetteer) -> None:
    assert not gaz.lookup("Qalqiliyah")  # not a spelling GeoNames has
    found = {p.country for p, _ in gaz.variant_candidates("Qalqiliyah")}
    assert "PS" in found
    # an exact spelling is not a variant of itself
    assert all(p.name != "Herat" for p, _ in gaz.variant_candidates("Herat"))
