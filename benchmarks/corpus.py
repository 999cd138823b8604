"""Synthetic news-like articles for benchmarks: ~2,000 characters each, generated on the fly.

    python benchmarks/corpus.py -n 3            # print three articles as JSON Lines

The sentences are our own templates (never text from ``../shared``) filled with real towns,
provinces, actors and dates, so the pipeline does the same kind of work as on real reports:
places to resolve, dates to anchor, actors and sources to attach, triggers to match, and
background sentences that must yield nothing. ``generate`` is a deterministic stream (seeded),
never a list, so a 100,000-article run holds one article at a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from frontlines.records import Article, DatePrecision

TARGET_CHARS = 2000


@dataclass(frozen=True)
class Theatre:
    """One conflict: its towns (town, province), the two sides and a span of dates."""

    country: str
    towns: tuple[tuple[str, str], ...]
    attackers: tuple[str, ...]
    defenders: tuple[str, ...]
    first: dt.date
    last: dt.date
    officials: tuple[str, ...]


THEATRES = (
    Theatre(
        "Afghanistan",
        (("Kunduz", "Kunduz"), ("Sheberghan", "Jowzjan"), ("Zaranj", "Nimroz"),
         ("Taloqan", "Takhar"), ("Herat", "Herat"), ("Kandahar", "Kandahar"),
         ("Lashkar Gah", "Helmand"), ("Ghazni", "Ghazni"), ("Pul-e Khumri", "Baghlan"),
         ("Mazar-i-Sharif", "Balkh"), ("Faizabad", "Badakhshan"), ("Aybak", "Samangan")),
        ("the Taliban", "Taliban fighters", "the insurgents"),
        ("Afghan forces", "government troops", "Afghan security forces"),
        dt.date(2021, 5, 1), dt.date(2021, 8, 31),
        ("a provincial council member", "the provincial police spokesman", "a local official"),
    ),
    Theatre(
        "Ukraine",
        (("Bakhmut", "Donetsk"), ("Avdiivka", "Donetsk"), ("Izium", "Kharkiv"),
         ("Kupiansk", "Kharkiv"), ("Kherson", "Kherson"), ("Lyman", "Donetsk"),
         ("Sievierodonetsk", "Luhansk"), ("Lysychansk", "Luhansk"), ("Vuhledar", "Donetsk"),
         ("Robotyne", "Zaporizhzhia")),
        ("Russian forces", "Russian troops", "Wagner fighters"),
        ("Ukrainian forces", "Ukrainian troops", "the Ukrainian army"),
        dt.date(2022, 3, 1), dt.date(2024, 2, 29),
        ("the regional governor", "a military spokesman", "the General Staff"),
    ),
    Theatre(
        "Sudan",
        (("El Fasher", "North Darfur"), ("Nyala", "South Darfur"), ("Wad Madani", "Al Jazirah"),
         ("El Geneina", "West Darfur"), ("Omdurman", "Khartoum"), ("Zalingei", "Central Darfur"),
         ("El Obeid", "North Kordofan"), ("Sennar", "Sennar")),
        ("the Rapid Support Forces", "RSF fighters", "the paramilitary RSF"),
        ("the Sudanese army", "army troops", "the Sudanese Armed Forces"),
        dt.date(2023, 4, 15), dt.date(2024, 12, 31),
        ("a local resistance committee", "a state official", "an army spokesman"),
    ),
    Theatre(
        "Syria",
        (("Aleppo", "Aleppo"), ("Idlib", "Idlib"), ("Hama", "Hama"), ("Homs", "Homs"),
         ("Manbij", "Aleppo"), ("Raqqa", "Raqqa"), ("Deir ez-Zor", "Deir ez-Zor"),
         ("Maarat al-Numan", "Idlib"), ("Saraqib", "Idlib")),
        ("Hayat Tahrir al-Sham", "HTS fighters", "the rebels"),
        ("the Syrian army", "government forces", "Syrian troops"),
        dt.date(2019, 12, 1), dt.date(2024, 12, 8),
        ("a war monitor", "state media", "a rebel commander"),
    ),
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _when(rng: random.Random, published: dt.date) -> tuple[str, dt.date]:
    back = rng.randint(0, 6)
    day = published - dt.timedelta(days=back)
    choice = rng.random()
    if back == 0:
        return rng.choice(("on Sunday" if day.weekday() == 6 else "today", "earlier today")), day
    if back == 1:
        return rng.choice(("yesterday", "late on " + WEEKDAYS[day.weekday()])), day
    if choice < 0.5:
        return "on " + WEEKDAYS[day.weekday()], day
    return f"on {MONTHS[day.month - 1]} {day.day}", day


EVENT_TEMPLATES = (
    "{Att} took control of {town}, the capital of {prov} province, {when}, {src} said.",
    "{Att} captured the city of {town} {when} after days of fighting, according to {src}.",
    "{Def} withdrew from {town} {when} to avoid further casualties, {src} told reporters.",
    "Heavy clashes broke out between {att} and {def} on the outskirts of {town} {when}.",
    "{Att} said they had seized the police headquarters in {town} {when}, a claim denied by {src}.",
    "An air strike hit a market in {town} {when}, killing at least {n} people, {src} said.",
    "{Def} launched a counter-offensive to retake {town} {when}, {src} said.",
    "{Att} laid siege to {town} {when}, cutting the main road to {town2}.",
    "Officials in {prov} said {def} had arrested {n} suspected fighters in {town} {when}.",
    "Shelling killed {n} civilians in {town} {when}, according to {src}.",
)
BACKGROUND = (
    "The fighting has displaced thousands of families, many of whom fled to camps near {town2}.",
    "Aid agencies warned that food and medicine were running short across {prov} province.",
    "{Town2} lies on a strategic highway that links the region to the rest of the country.",
    "Residents described long queues at bakeries and fuel stations as prices doubled.",
    "Talks between the two sides have stalled, and neither has commented on a ceasefire.",
    "The United Nations said it was alarmed by reports of civilian casualties.",
    "Electricity and mobile networks were cut in several districts, residents said.",
    "Schools in the province have been closed since the start of the month.",
    "Analysts said the loss of {town} would be a serious blow to morale.",
    "It was not possible to verify the claims independently.",
    "Hospitals in {town2} said they were treating dozens of wounded, including children.",
    "A spokesman declined to give details, saying the operation was still under way.",
)
QUOTES = (
    '"The situation is very bad, people are leaving in any vehicle they can find," '
    "a shopkeeper in {town} said by telephone.",
    '"We will not abandon {town}," {src} said in a statement posted online.',
    '"The enemy suffered heavy losses," {src} said.',
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def article(i: int, seed: int = 0) -> Article:
    """Article number ``i`` of the stream seeded ``seed`` (deterministic, ~2,000 chars)."""
    rng = random.Random(seed * 1_000_003 + i)
    th = THEATRES[i % len(THEATRES)]
    span = (th.last - th.first).days
    published = th.first + dt.timedelta(days=rng.randint(0, span))
    (town, prov), (town2, _) = rng.sample(th.towns, 2)
    att, de = rng.choice(th.attackers), rng.choice(th.defenders)

    def fill(template: str) -> str:
        when, _ = _when(rng, published)
        return template.format(
            att=att, Att=_cap(att), **{"def": de}, Def=_cap(de), town=town, Town=town,
            town2=town2, Town2=town2, prov=prov, when=when, n=rng.randint(2, 40),
            src=rng.choice(th.officials),
        )

    title = f"{_cap(att)} and {de} fight for {town} as civilians flee"
    paras: list[str] = []
    length = 0
    pools = (EVENT_TEMPLATES, BACKGROUND, EVENT_TEMPLATES, QUOTES, BACKGROUND)
    k = 0
    while length < TARGET_CHARS:
        para = " ".join(fill(rng.choice(pools[(k + j) % len(pools)])) for j in range(2))
        paras.append(para)
        length += len(para) + 2
        k += 1
        if k % 3 == 0:
            town, town2 = town2, town  # later paragraphs move to the other town
    text = f"{th.country}: " + "\n\n".join(paras)
    return Article(
        id=f"synthetic-{seed}-{i:06d}",
        text=text,
        title=title,
        url=f"https://example.org/news/{seed}/{i}",
        published=published,
        published_precision=DatePrecision.DAY,
        outlet="example.org",
        origin=f"synthetic:{i}",
    )


def generate(n: int, seed: int = 0) -> Iterator[Article]:
    """A stream of ``n`` articles (one in memory at a time)."""
    for i in range(n):
        yield article(i, seed)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for a in generate(args.n, args.seed):
        d = a.to_dict()
        del d["published_precision"], d["origin"]
        sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
