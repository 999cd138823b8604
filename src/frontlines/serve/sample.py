"""Stores built from hand-written events, without the extraction pipeline.

Why: the API tests, the browser test, the benchmark and a quick demo (``python -m
frontlines.serve.sample demo.db``) need a store whose content is known exactly and does not
move when lexicons change. ``afghanistan_2021`` is a small story with every status the map
draws (claimed, reported, confirmed, contested, denied) and one hostile article;
``synthetic`` makes any number of random events for load measurements.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Iterable
from pathlib import Path

from frontlines.records import (
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    DateSource,
    Event,
    EventType,
    Place,
    PlaceKind,
    SourceType,
    Status,
)
from frontlines.store import Store
from frontlines.store.testing import AFGHAN_FORCES, TALIBAN, FakeResult, empty_document, make_event

# geonameid, name, lat, lon, province, ISO 3166-2, admin seat (0 national, 1 provincial)
_CITIES: tuple[tuple[int, str, float, float, str, str, int], ...] = (
    (1138958, "Kabul", 34.52813, 69.17233, "Kabul", "AF-KAB", 0),
    (1140026, "Herat", 34.34817, 62.19967, "Herat", "AF-HER", 1),
    (1133616, "Mazar-e Sharif", 36.70904, 67.11087, "Balkh", "AF-BAL", 1),
    (1138336, "Kandahar", 31.61332, 65.71013, "Kandahar", "AF-KAN", 1),
    (1139715, "Jalalabad", 34.42647, 70.45153, "Nangarhar", "AF-NAN", 1),
    (1135689, "Kunduz", 36.72896, 68.857, "Kunduz", "AF-KDZ", 1),
    (1141269, "Ghazni", 33.55391, 68.42096, "Ghazni", "AF-GHA", 1),
    (1130490, "Pul-e Khumri", 35.94458, 68.71512, "Baghlan", "AF-BGL", 1),
    (1123004, "Taloqan", 36.73605, 69.53451, "Takhar", "AF-TAK", 1),
    (1125444, "Sheberghan", 36.66757, 65.7529, "Jowzjan", "AF-JOW", 1),
    (1127110, "Sar-e Pul", 36.21544, 65.93249, "Sar-e Pol", "AF-SAR", 1),
    (1120985, "Zaranj", 30.95962, 61.86037, "Nimroz", "AF-NIM", 1),
    (1127768, "Aibak", 36.26468, 68.01551, "Samangan", "AF-SAM", 1),
    (1142170, "Fayzabad", 37.11664, 70.58002, "Badakhshan", "AF-BDS", 1),
    (1134720, "Lashkar Gah", 31.59382, 64.37161, "Helmand", "AF-HEL", 1),
    (1142264, "Farah", 32.37451, 62.11638, "Farah", "AF-FRA", 1),
    (1133453, "Maymana", 35.92139, 64.78361, "Faryab", "AF-FYB", 1),
    (1136575, "Khulm", 36.69736, 67.69826, "Balkh", "AF-BAL", 2),
)

PLACES: dict[str, Place] = {
    name: Place(gid, name, PlaceKind.CITY, lat, lon, "AF", prov, code, admin_seat=seat)
    for gid, name, lat, lon, prov, code, seat in _CITIES
}

# What a hostile article tries to smuggle into the page; the XSS test looks for these.
XSS_SENTENCE = (
    'Fighters <script>window.__xss = "script";</script> entered Khulm '
    '<img src=x onerror="window.__xss = \'onerror\'"> at dawn, residents said.'
)
XSS_OUTLET = '<img src=x onerror="window.__xss = \'outlet\'">Wire'
XSS_URL = "javascript:window.__xss='url'"

_O = SourceType


def afghanistan_2021() -> list[tuple[Article, list[Event]]]:
    """Provincial capitals changing hands in August 2021, told by invented wire reports.

    Facts (names, dates, coordinates) are public record; every sentence is written here.
    """
    day = dt.date
    stories: list[tuple[str, str, dt.date, dt.date, Status, str, tuple[str, SourceType]]] = [
        # article id, place, event date, published, status, sentence, source
        ("wire-001", "Zaranj", day(2021, 8, 6), day(2021, 8, 6), Status.CONFIRMED,
         "Provincial officials confirmed that Zaranj had fallen to the Taliban on Friday.",
         ("provincial officials", _O.LOCAL_OFFICIAL)),
        ("wire-002", "Sheberghan", day(2021, 8, 7), day(2021, 8, 7), Status.CLAIMED,
         "A Taliban spokesman claimed the group had seized Sheberghan on Saturday.",
         ("a Taliban spokesman", _O.PARTY)),
        ("wire-003", "Kunduz", day(2021, 8, 8), day(2021, 8, 8), Status.REPORTED,
         "Taliban fighters took control of most of Kunduz on Sunday, a local council member said.",
         ("a local council member", _O.LOCAL_OFFICIAL)),
        ("wire-004", "Kunduz", day(2021, 8, 8), day(2021, 8, 9), Status.CONFIRMED,
         "The fall of Kunduz on Sunday was confirmed by the provincial police chief.",
         ("the provincial police chief", _O.LOCAL_OFFICIAL)),
        ("wire-005", "Sar-e Pul", day(2021, 8, 8), day(2021, 8, 8), Status.REPORTED,
         "Sar-e Pul was overrun by the insurgents on Sunday, lawmakers said.",
         ("lawmakers", _O.GOVERNMENT_OFFICIAL)),
        ("wire-006", "Taloqan", day(2021, 8, 8), day(2021, 8, 9), Status.REPORTED,
         "Government forces pulled out of Taloqan on Sunday night, witnesses said.",
         ("witnesses", _O.WITNESS)),
        ("wire-007", "Aibak", day(2021, 8, 9), day(2021, 8, 9), Status.REPORTED,
         "Aibak was handed over to the Taliban on Monday without a fight, officials said.",
         ("officials", _O.GOVERNMENT_OFFICIAL)),
        ("wire-008", "Farah", day(2021, 8, 10), day(2021, 8, 10), Status.REPORTED,
         "The Taliban captured Farah city on Tuesday, a provincial council member said.",
         ("a provincial council member", _O.LOCAL_OFFICIAL)),
        ("wire-009", "Pul-e Khumri", day(2021, 8, 10), day(2021, 8, 10), Status.CLAIMED,
         "The insurgents said on Tuesday they had taken Pul-e Khumri.",
         ("the insurgents", _O.PARTY)),
        ("wire-010", "Fayzabad", day(2021, 8, 11), day(2021, 8, 11), Status.REPORTED,
         "Fayzabad fell to the Taliban on Wednesday, a lawmaker from Badakhshan said.",
         ("a lawmaker from Badakhshan", _O.GOVERNMENT_OFFICIAL)),
        ("wire-011", "Ghazni", day(2021, 8, 12), day(2021, 8, 12), Status.CONFIRMED,
         "The interior ministry confirmed on Thursday that Ghazni was under Taliban control.",
         ("the interior ministry", _O.GOVERNMENT_OFFICIAL)),
        ("wire-012", "Herat", day(2021, 8, 12), day(2021, 8, 13), Status.REPORTED,
         "Herat, the country's third city, fell to the Taliban on Thursday evening, a "
         "provincial lawmaker said.",
         ("a provincial lawmaker", _O.GOVERNMENT_OFFICIAL)),
        ("wire-013", "Kandahar", day(2021, 8, 13), day(2021, 8, 13), Status.CLAIMED,
         "The Taliban said early on Friday that they had captured Kandahar.",
         ("the Taliban", _O.PARTY)),
        ("wire-014", "Lashkar Gah", day(2021, 8, 13), day(2021, 8, 13), Status.REPORTED,
         "Lashkar Gah was taken by the Taliban on Friday after weeks of fighting, residents said.",
         ("residents", _O.WITNESS)),
        ("wire-015", "Mazar-e Sharif", day(2021, 8, 14), day(2021, 8, 14), Status.REPORTED,
         "Mazar-e Sharif fell on Saturday as militia leaders fled north, an official said.",
         ("an official", _O.GOVERNMENT_OFFICIAL)),
        ("wire-016", "Jalalabad", day(2021, 8, 15), day(2021, 8, 15), Status.REPORTED,
         "Jalalabad was surrendered to the Taliban on Sunday morning, an official said.",
         ("an official", _O.GOVERNMENT_OFFICIAL)),
        ("wire-017", "Kabul", day(2021, 8, 15), day(2021, 8, 16), Status.CONFIRMED,
         "Taliban fighters entered Kabul on Sunday and took over the presidential palace.",
         ("", _O.MEDIA)),
    ]
    out: list[tuple[Article, list[Event]]] = []
    for aid, place, when, published, status, sentence, source in stories:
        e = make_event(
            aid,
            EventType.CAPTURE,
            place=PLACES[place],
            date=when,
            status=status,
            published=published,
            outlet=f"Wire {1 + int(aid[-1]) % 3}",
            sentence=sentence,
            source=source if source[0] else None,
        )
        out.append((_article(aid, published, e.outlet, [sentence]), [e]))
    # Sieges: contested places before they fall.
    for aid, place, since, sentence in [
        ("wire-020", "Lashkar Gah", day(2021, 8, 3),
         "The Taliban laid siege to Lashkar Gah on Tuesday, pushing into the city centre."),
        ("wire-021", "Herat", day(2021, 8, 1),
         "Fighting raged on the outskirts of Herat as the Taliban besieged the city on Sunday."),
    ]:
        e = make_event(aid, EventType.SIEGE, place=PLACES[place], date=since, published=since,
                       sentence=sentence, outlet="Wire 2")
        out.append((_article(aid, since, "Wire 2", [sentence]), [e]))
    # A claim denied by the other side: disputed, the map keeps the prior holder.
    claim = "A Taliban spokesman said on Tuesday that Maymana had been captured."
    denial = "Officials in Faryab denied on Tuesday that Maymana had fallen."
    e1 = make_event("wire-030", place=PLACES["Maymana"], date=day(2021, 8, 10),
                    published=day(2021, 8, 10), status=Status.CLAIMED, sentence=claim,
                    source=("a Taliban spokesman", _O.PARTY))
    e2 = make_event("wire-031", place=PLACES["Maymana"], date=day(2021, 8, 10),
                    published=day(2021, 8, 10), status=Status.DENIED, negated=True,
                    sentence=denial, source=("officials in Faryab", _O.LOCAL_OFFICIAL))
    out.append((_article("wire-030", day(2021, 8, 10), "Wire 1", [claim]), [e1]))
    out.append((_article("wire-031", day(2021, 8, 10), "Wire 3", [denial]), [e2]))
    # Non-territorial events (the day's list, not the control layer).
    strike = "Government aircraft struck Taliban positions around Lashkar Gah on Thursday."
    e3 = make_event("wire-040", EventType.STRIKE, actor=AFGHAN_FORCES,
                    place=PLACES["Lashkar Gah"], date=day(2021, 8, 5),
                    published=day(2021, 8, 5), sentence=strike)
    out.append((_article("wire-040", day(2021, 8, 5), "Wire 1", [strike]), [e3]))
    # A hostile article: markup in the sentence, the outlet, the title and the URL.
    e4 = make_event("wire-666", place=PLACES["Khulm"], date=day(2021, 8, 11),
                    published=day(2021, 8, 11), sentence=XSS_SENTENCE, outlet=XSS_OUTLET,
                    source=("<b onmouseover=alert(1)>residents</b>", _O.WITNESS))
    e4 = _with_url(e4, XSS_URL)
    bad = Article(
        id="wire-666",
        text=XSS_SENTENCE,
        title="<script>window.__xss='title'</script>Khulm",
        url=XSS_URL,
        published=day(2021, 8, 11),
        published_precision=DatePrecision.DAY,
        outlet=XSS_OUTLET,
    )
    out.append((bad, [e4]))
    return out


def _with_url(e: Event, url: str) -> Event:
    from dataclasses import replace

    return replace(e, url=url)


def _article(aid: str, published: dt.date, outlet: str | None, sentences: list[str]) -> Article:
    text = " ".join(sentences)
    return Article(
        id=aid,
        text=text,
        title=f"Report {aid}",
        url=f"https://news.example/{aid}",
        published=published,
        published_precision=DatePrecision.DAY,
        outlet=outlet,
    )


def fill(store: Store, stories: Iterable[tuple[Article, list[Event]]],
         priors: dict[str, str | Actor] | None = None) -> None:
    """Add the articles with their events, set priors and rebuild (one transaction)."""
    with store.transaction():
        for article, events in stories:
            store.add(FakeResult(article, empty_document(article), tuple(events), ()))
    if priors:
        store.set_priors(priors)
    store.rebuild()


def build_afghanistan(path: Path) -> Path:
    """A store of ``afghanistan_2021`` with the Afghan forces as prior holder of AF places."""
    with Store.open(path) as store:
        fill(store, afghanistan_2021(), {"AF": AFGHAN_FORCES})
    return path


# --------------------------------------------------------------------------- synthetic load

_TYPES = (EventType.CAPTURE, EventType.WITHDRAW, EventType.SIEGE, EventType.CLASH,
          EventType.STRIKE, EventType.ATTACK)
_STATUSES = (Status.CLAIMED, Status.REPORTED, Status.REPORTED, Status.CONFIRMED)


def synthetic(
    n_events: int, *, n_places: int = 1500, n_actors: int = 6, seed: int = 7,
    start: dt.date = dt.date(2021, 1, 1), days: int = 365,
) -> list[tuple[Article, list[Event]]]:
    """``n_events`` random events, one per article, over random places in three countries.

    Deterministic for a seed; places are invented (grid around real country centres).
    """
    rng = random.Random(seed)
    centres = {"AF": (34.0, 66.0), "SY": (35.0, 38.5), "UA": (49.0, 32.0)}
    actors = [
        Actor(f"actor-{i}", f"Armed group {i}", ActorKind.NON_STATE if i else
              ActorKind.STATE_FORCES, None)
        for i in range(n_actors)
    ]
    places: list[Place] = []
    for i in range(n_places):
        cc = rng.choice(sorted(centres))
        lat0, lon0 = centres[cc]
        places.append(
            Place(9_000_000 + i, f"Town {i}", PlaceKind.CITY, lat0 + rng.uniform(-3, 3),
                  lon0 + rng.uniform(-4, 4), cc, f"Province {i % 30}", None,
                  admin_seat=1 if i % 20 == 0 else None, population=rng.randint(1000, 900_000))
        )
    out: list[tuple[Article, list[Event]]] = []
    for i in range(n_events):
        aid = f"syn-{i:06d}"
        when = start + dt.timedelta(days=rng.randrange(days))
        sentence = f"Synthetic report {i}: fighting near the town."
        e = make_event(
            aid,
            rng.choice(_TYPES),
            actor=rng.choice(actors),
            place=rng.choice(places),
            date=when,
            precision=DatePrecision.DAY,
            date_source=DateSource.TEXT,
            status=rng.choice(_STATUSES),
            published=when + dt.timedelta(days=rng.randrange(3)),
            outlet=f"Outlet {rng.randrange(12)}",
            sentence=sentence,
            source=("officials", SourceType.GOVERNMENT_OFFICIAL),
        )
        out.append((_article(aid, e.published or when, e.outlet, [sentence]), [e]))
    return out


def build_synthetic(path: Path, n_events: int) -> Path:
    with Store.open(path) as store:
        fill(store, synthetic(n_events), {"AF": TALIBAN})
    return path


if __name__ == "__main__":  # python -m frontlines.serve.sample demo.db
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "frontlines-demo.db")
    build_afghanistan(target)
    print(f"wrote {target}")
