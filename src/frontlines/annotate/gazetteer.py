"""The offline gazetteer: every country, admin1/admin2 division and populated place of GeoNames.

The data is a SQLite file built once from installed packages (see ``build_gazetteer``) and
cached under ``$FRONTLINES_CACHE`` (or ``~/.cache/frontlines``). Its file name carries a hash
of the source package versions and the curated data files, so editing ``aliases.tsv`` or
upgrading a package triggers a rebuild instead of serving stale data.

At load time only the set of folded names is read into memory (for fast candidate detection
in text); the places themselves are fetched by indexed lookups when a name matches.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from frontlines.errors import DataFileError
from frontlines.records import Place, PlaceKind, PlacePrecision

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_log = logging.getLogger(__name__)


def fold(s: str) -> str:
    """Matching key: lower case, no accents, no punctuation or spaces ("Qala-I-Naw" -> "qalainaw").

    The same folding as the scorer's, so "Mazar-e Sharif" and "Mazar-e-Sharif" are one key.
    """
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _NON_ALNUM.sub("", s.lower())


# a leading Arabic article word: "Al Hishah", "ar-Raqqa", "Deir ez-Zor" (see spelling_variants.tsv)
_ARTICLE_WORD = re.compile(
    r"(?:^|(?<=[\s\-'’]))(?:al|el|ar|as|ash|at|ad|az|an|ed|es|ez|ul)[\s\-'’]+(?=\w)"
)

VariantRules = tuple[tuple[re.Pattern[str], str], ...]


def load_variant_rules(path: Path | None = None) -> VariantRules:
    """``data/spelling_variants.tsv`` as (compiled pattern, replacement) pairs, in order."""
    if path is None:
        from importlib import resources

        path = Path(str(resources.files("frontlines") / "data" / "spelling_variants.tsv"))
    rules = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read spelling variants: {exc}") from exc
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise DataFileError(f"{path}:{lineno}", "expected pattern<TAB>replacement<TAB>why")
        try:
            rules.append((re.compile(cols[0]), cols[1]))
        except re.error as exc:
            raise DataFileError(f"{path}:{lineno}", f"bad pattern: {exc}") from exc
    return tuple(rules)


def variant_key(name: str, rules: VariantRules) -> str:
    """One key for the transliterations of a name: no Arabic article word, then ``rules``.

    "Ar-Raqqah", "Raqqa" and "al-Raqqa" share "raka"; "Qalqiliyah" and "Qalqilya" "kalkiliya".
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _NON_ALNUM.sub("", _ARTICLE_WORD.sub("", s))
    for pattern, replacement in rules:
        s = pattern.sub(replacement, s)
    return s


def cache_dir() -> Path:
    """``$FRONTLINES_CACHE`` or ``~/.cache/frontlines``."""
    env = os.environ.get("FRONTLINES_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "frontlines"


def default_path() -> Path:
    """Where the gazetteer for the installed sources lives (the name is the cache key)."""
    from frontlines.annotate.build_gazetteer import fingerprint

    return cache_dir() / f"gazetteer-{fingerprint()}.sqlite"


_COLUMNS = (
    "geonameid, name, kind, lat, lon, country, admin1, admin1_code, admin2, population, admin_seat,"
    " precision"
)

_Opt = str | None
_Row = tuple[int, str, str, float, float, str, _Opt, _Opt, _Opt, int, int | None, _Opt]


def _place(row: _Row) -> Place:
    return Place(
        geonameid=row[0],
        name=row[1],
        kind=PlaceKind(row[2]),
        lat=row[3],
        lon=row[4],
        country=row[5],
        admin1=row[6],
        admin1_code=row[7],
        admin2=row[8],
        population=row[9],
        admin_seat=row[10],
        precision=PlacePrecision(row[11]) if row[11] else None,
    )


class Gazetteer:
    """Read-only access to the gazetteer file plus user aliases (an in-memory overlay).

    Safe to share between threads: each thread gets its own SQLite connection.
    """

    def __init__(self, path: Path, keys: frozenset[str], overlay: dict[str, list[int]]) -> None:
        self.path = path
        self.keys = keys
        self._overlay = overlay
        self._local = threading.local()
        self._cache: dict[str, tuple[tuple[Place, bool], ...]] = {}
        self._seats: dict[str, tuple[Place | None]] = {}  # seat_of answers by admin1 code
        self._variant_rules: VariantRules | None = None  # read on the first variant lookup
        self._variants: dict[str, tuple[tuple[Place, bool], ...]] = {}  # by the name as given
        self._countries: dict[str, Place] = {}  # all countries, read on first use (~250)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | None = None, aliases: Sequence[Path] = ()) -> Gazetteer:
        """Open the gazetteer at ``path``; with no path, the cached one (built if missing).

        ``aliases`` are extra alias files (same schema as ``data/aliases.tsv``) whose
        ``alias<TAB>geonameid`` rows are applied in memory, without rebuilding.
        """
        if path is None:
            path = default_path()
            if not path.exists():
                _log.info("building the offline gazetteer in %s (once, 30-120 s)", path.parent)
                _build_in_subprocess(path)
                prune_stale(path)
        if not path.exists():
            raise DataFileError(
                str(path), "gazetteer file not found (run `frontlines gazetteer build`)"
            )
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            row = con.execute("SELECT value FROM meta WHERE key = 'keys'").fetchone()
            con.close()
        except sqlite3.DatabaseError as exc:
            raise DataFileError(str(path), f"not a frontlines gazetteer: {exc}") from exc
        if row is None:
            raise DataFileError(str(path), "not a frontlines gazetteer: no name index")
        keys = set(row[0].split("\n"))
        overlay = _read_overlay(aliases)
        keys.update(overlay)
        return cls(path, frozenset(keys), overlay)

    def __reduce__(self) -> tuple[Any, tuple[Path, dict[str, list[int]]]]:
        """Pickle as "reopen this file": process pools get a fresh connection and name set."""
        return (_reopen, (self.path, self._overlay))

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    # ------------------------------------------------------------------ lookups

    def __contains__(self, name: str) -> bool:
        return fold(name) in self.keys

    def candidates(self, key: str) -> tuple[tuple[Place, bool], ...]:
        """Places whose folded name is ``key``, each with "named so by a curated alias"."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if key not in self.keys:
            return ()
        rows = (
            self._con()
            .execute(
                f"SELECT {_COLUMNS}, n.curated FROM name n JOIN place p USING (geonameid) "
                "WHERE n.key = ?",
                (key,),
            )
            .fetchall()
        )
        out = [(_place(r[:12]), bool(r[12])) for r in rows]
        extra = [g for g in self._overlay.get(key, []) if g not in {p.geonameid for p, _ in out}]
        out.extend((p, True) for p in self.get_many(extra))
        if len(self._cache) > 50_000:
            self._cache.clear()
        result = tuple(out)
        self._cache[key] = result
        return result

    def variant_candidates(self, name: str) -> tuple[tuple[Place, bool], ...]:
        """Places named like ``name`` up to transliteration (``variant_key``), exact ones out.

        A lookup in the file, nothing held in memory: the open-world resolver asks it for the
        names in place roles that the gazetteer does not know as written.
        """
        hit = self._variants.get(name)
        if hit is not None:
            return hit
        if self._variant_rules is None:
            self._variant_rules = load_variant_rules()
        vkey = variant_key(name, self._variant_rules)
        if len(vkey) < _MIN_VARIANT:
            return ()
        try:
            rows = (
                self._con().execute("SELECT key FROM variant WHERE vkey = ?", (vkey,)).fetchall()
            )
        except sqlite3.OperationalError:  # a file built before the variant index
            return ()
        exact = fold(name)
        out: dict[int, tuple[Place, bool]] = {}
        for (key,) in rows:
            if key != exact:
                for p, cur in self.candidates(key):
                    out.setdefault(p.geonameid, (p, cur))
        if len(self._variants) > 50_000:
            self._variants.clear()
        result = self._variants[name] = tuple(out.values())
        return result

    def lookup(
        self, name: str, *, kind: PlaceKind | None = None, country: str | None = None
    ) -> list[Place]:
        """Places named ``name`` (any spelling), most populous first."""
        out = [p for p, _ in self.candidates(fold(name))]
        if kind is not None:
            out = [p for p in out if p.kind == kind]
        if country is not None:
            out = [p for p in out if p.country == country.upper()]
        return sorted(out, key=lambda p: (-_KIND_ORDER[p.kind], -p.population))

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id (or synthetic id for curated additions)."""
        got = self.get_many([geonameid])
        return got[0] if got else None

    def get_many(self, ids: Iterable[int]) -> list[Place]:
        ids = list(ids)
        if not ids:
            return []
        q = ",".join("?" * len(ids))
        rows = self._con().execute(f"SELECT {_COLUMNS} FROM place WHERE geonameid IN ({q})", ids)
        return [_place(r) for r in rows]

    def admin1(self, code: str) -> Place | None:
        """The admin1 division with this ISO 3166-2 code ("AF-HER")."""
        row = (
            self._con()
            .execute(
                f"SELECT {_COLUMNS} FROM place WHERE kind = 'admin1' AND admin1_code = ?", (code,)
            )
            .fetchone()
        )
        return _place(row) if row else None

    def country(self, code: str) -> Place | None:
        """The country with this ISO alpha-2 code (remembered: the table has no index on it)."""
        if not self._countries:  # one scan for all of them
            rows = self._con().execute(f"SELECT {_COLUMNS} FROM place WHERE kind = 'country'")
            for row in rows:
                self._countries.setdefault(row[5], _place(row))
        return self._countries.get(code.upper())

    def seats(self, country: str, level: int = 1) -> list[Place]:
        """Admin seats of a country (``level`` 1: provincial capitals, 0: the capital)."""
        rows = self._con().execute(
            f"SELECT {_COLUMNS} FROM place WHERE kind = 'city' AND country = ? AND admin_seat = ?"
            " ORDER BY name",
            (country.upper(), level),
        )
        return [_place(r) for r in rows]

    def seat_of(self, admin1_code: str) -> Place | None:
        """The seat (capital) of an admin1 division, if flagged."""
        hit = self._seats.get(admin1_code)
        if hit is not None:
            return hit[0]
        row = (
            self._con()
            .execute(
                f"SELECT {_COLUMNS} FROM place WHERE kind = 'city' AND admin1_code = ? "
                "AND admin_seat IN (0, 1) ORDER BY admin_seat DESC, population DESC LIMIT 1",
                (admin1_code,),
            )
            .fetchone()
        )
        seat = _place(row) if row else None
        if len(self._seats) > 50_000:
            self._seats.clear()
        self._seats[admin1_code] = (seat,)
        return seat

    def stats(self) -> dict[str, int]:
        """Number of places per kind and of distinct names (for ``gazetteer info``)."""
        out = {
            str(k): int(n)
            for k, n in self._con().execute("SELECT kind, count(*) FROM place GROUP BY kind")
        }
        out["names"] = len(self.keys)
        return out

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


#: variant keys shorter than this match too many unrelated names ("raka" is the shortest kept)
_MIN_VARIANT = 4

_KIND_ORDER = {
    PlaceKind.COUNTRY: 4,
    PlaceKind.ADMIN1: 3,
    PlaceKind.CITY: 2,
    PlaceKind.ADMIN2: 1,
    PlaceKind.FACILITY: 0,
}


def _reopen(path: Path, overlay: dict[str, list[int]]) -> Gazetteer:
    g = Gazetteer.load(path)
    g._overlay = overlay
    g.keys = g.keys | frozenset(overlay)
    return g


def prune_stale(current: Path) -> list[Path]:
    """Delete gazetteers built from older sources next to ``current`` (each is ~55 MB).

    Safe while another process still reads an old file: on POSIX an open file outlives unlink.
    """
    removed = []
    for old in [
        *current.parent.glob("gazetteer-*.sqlite"),
        *current.parent.glob("gazetteer-*.lock"),
    ]:
        if old not in (current, current.with_name(current.name + ".lock")):
            try:
                old.unlink()
                removed.append(old)
            except OSError:
                pass
    return removed


def _build_in_subprocess(path: Path) -> None:
    """Build on first use in a child process: the build peaks near 0.8 GB (the GeoNames JSON),
    which a long-running worker should not keep as its high-water mark."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # One builder at a time: worker pools starting together wait for the first build instead
    # of each spending ~0.8 GB on their own (the atomic rename keeps readers safe either way).
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - non-POSIX: concurrent builds are still safe
            pass
        if path.exists():
            return
        proc = subprocess.run(
            [sys.executable, "-m", "frontlines.annotate.build_gazetteer", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0 or not path.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise DataFileError(str(path), "gazetteer build failed: " + " | ".join(tail))


def _read_overlay(paths: Sequence[Path]) -> dict[str, list[int]]:
    """User alias files: only ``alias<TAB>geonameid`` rows (new places need a rebuild)."""
    overlay: dict[str, list[int]] = {}
    for path in paths:
        if not path.exists():
            raise DataFileError(str(path), "alias file not found")
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or not cols[1].strip().isdigit():
                raise DataFileError(
                    f"{path}:{lineno}",
                    "expected alias<TAB>geonameid (add new places with a rebuild)",
                )
            key = fold(cols[0])
            if key:
                overlay.setdefault(key, []).append(int(cols[1]))
    return overlay
