"""Place resolution on hand-written, news-style sentences."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from frontlines.annotate.gazetteer import Gazetteer
from frontlines.annotate.open_places import OPEN_ID_BASE, load_open_words
from frontlines.annotate.places import PlaceResolver
from frontlines.annotate.text import sentences
from frontlines.errors import DataFileError
from frontlines.records import (
    ActorMention,
    Place,
    PlaceKind,
    PlaceMention,
    PlacePrecision,
    Span,
)


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer.load())


def _resolve(resolver: PlaceResolver, text: str, **kw: object) -> list[PlaceMention]:
    return resolver.resolve(text, sentences(text), **kw)  # type: ignore[arg-type]


def _find(mentions: list[PlaceMention], written: str) -> PlaceMention:
    for m in mentions:
        if m.span.text == written and m.facility is None:
            return m
    raise AssertionError(f"{written!r} not found in {[m.span.text for m in mentions]}")


# (sentence, name as written, expected country, expected admin1 (folded substring), lat, lon)
TOWNS = [
    (
        "Insurgents entered Qala-i-Naw, capital of Badghis, overnight.",
        "Qala-i-Naw",
        "AF",
        "Badghis",
        34.99,
        63.13,
    ),
    (
        "Fighting reached Qala-I-Naw on Tuesday, Afghan officials said.",
        "Qala-I-Naw",
        "AF",
        "Badghis",
        34.99,
        63.13,
    ),
    (
        "Afghan troops left Qala i Naw after a week of clashes.",
        "Qala i Naw",
        "AF",
        "Badghis",
        34.99,
        63.13,
    ),
    (
        "The Afghan army said Qal'ah-ye Now was quiet by evening.",
        "Qal'ah-ye Now",
        "AF",
        "Badghis",
        34.99,
        63.13,
    ),
    (
        "Afghan police said Qala-e-Naw had been encircled.",
        "Qala-e-Naw",
        "AF",
        "Badghis",
        34.99,
        63.13,
    ),
    (
        "Afghan forces pulled back from Maidan Shahr on Sunday.",
        "Maidan Shahr",
        "AF",
        "Wardak",
        34.40,
        68.87,
    ),
    (
        "Afghan militants stormed Pul-e Alam, south of Kabul.",
        "Pul-e Alam",
        "AF",
        "Logar",
        34.00,
        69.02,
    ),
    (
        "Afghan officials said Puli Alam remained under government control.",
        "Puli Alam",
        "AF",
        "Logar",
        34.00,
        69.02,
    ),
    ("The Afghan militants seized Sharana in the east.", "Sharana", "AF", "Paktika", 33.18, 68.73),
    (
        "Afghan forces retreated to Chaghcharan in central Ghor.",
        "Chaghcharan",
        "AF",
        "Ghor",
        34.52,
        65.25,
    ),
    ("Afghan sources said Feroz Koh had fallen.", "Feroz Koh", "AF", "Ghor", 34.52, 65.25),
    ("Afghan sources said Firuz Koh had fallen.", "Firuz Koh", "AF", "Ghor", 34.52, 65.25),
    (
        "The Afghan militants took Sheberghan after a siege.",
        "Sheberghan",
        "AF",
        "Jowzjan",
        36.67,
        65.75,
    ),
    (
        "Afghan officials denied that Shibirghan had been abandoned.",
        "Shibirghan",
        "AF",
        "Jowzjan",
        36.67,
        65.75,
    ),
    ("Afghan militants captured Aybak without a fight.", "Aybak", "AF", "Samangan", 36.26, 68.02),
    ("Afghan forces held Mazar-i-Sharif.", "Mazar-i-Sharif", "AF", "Balkh", 36.71, 67.11),
    ("Afghan forces held Mazar-e Sharif.", "Mazar-e Sharif", "AF", "Balkh", 36.71, 67.11),
    ("Afghan forces held Mazar-e-Sharif.", "Mazar-e-Sharif", "AF", "Balkh", 36.71, 67.11),
    ("Afghan militants entered Sar-e Pul at dawn.", "Sar-e Pul", "AF", "Sar-e Pol", 36.22, 65.93),
    ("Afghan militants entered Sar-e-Pol at dawn.", "Sar-e-Pol", "AF", "Sar-e Pol", 36.22, 65.93),
    ("Afghan militants entered Sari Pul at dawn.", "Sari Pul", "AF", "Sar-e Pol", 36.22, 65.93),
    (
        "Afghan militants attacked Spin Boldak near the border.",
        "Spin Boldak",
        "AF",
        "Kandahar",
        31.01,
        66.40,
    ),
    ("Afghan units withdrew from Tarinkot.", "Tarinkot", "AF", "Uruzgan", 32.63, 65.88),
    ("Afghan units withdrew from Qalat.", "Qalat", "AF", "Zabul", 32.11, 66.91),
    ("Afghan units withdrew from Lashkar Gah.", "Lashkar Gah", "AF", "Helmand", 31.59, 64.37),
    ("Afghan units withdrew from Zaranj.", "Zaranj", "AF", "Nimroz", 30.96, 61.86),
    ("Afghan units withdrew from Taloqan.", "Taloqan", "AF", "Takhar", 36.74, 69.53),
    ("Afghan units withdrew from Pul-e-Khumri.", "Pul-e-Khumri", "AF", "Baghlan", 35.94, 68.71),
    ("Afghan units withdrew from Faizabad.", "Faizabad", "AF", "Badakhshan", 37.12, 70.58),
    ("Afghan units withdrew from Asadabad.", "Asadabad", "AF", "Kunar", 34.87, 71.15),
    ("Afghan units withdrew from Bamyan.", "Bamyan", "AF", "Bamyan", 34.82, 67.83),
    ("Afghan units withdrew from Bagram.", "Bagram", "AF", "Parwan", 34.97, 69.27),
    ("Afghan units withdrew from Qadis district.", "Qadis", "AF", "Badghis", 34.81, 63.43),
    ("Resistance fighters regrouped in Panjshir.", "Panjshir", "AF", "Panjshir", 35.31, 69.52),
    ("Ukrainian troops left Avdiivka in February.", "Avdiivka", "UA", "Donetsk", 48.14, 37.74),
    (
        "Ukrainian troops retook Snihurivka on Saturday.",
        "Snihurivka",
        "UA",
        "Mykolaiv",
        47.08,
        32.80,
    ),
    ("Ukrainian troops entered Lyman, in Donetsk.", "Lyman", "UA", "Donetsk", 48.99, 37.80),
    ("Ukrainian soldiers held Bakhmut for months.", "Bakhmut", "UA", "Donetsk", 48.59, 38.00),
    ("Ukrainian soldiers reached Kherson on Friday.", "Kherson", "UA", "Kherson", 46.64, 32.61),
    ("Ukrainian soldiers liberated Balakliya.", "Balakliya", "UA", "Kharkiv", 49.46, 36.84),
    (
        "Missiles hit Kyiv before dawn, the Ukrainian air force said.",
        "Kyiv",
        "UA",
        "Kyiv",
        50.45,
        30.52,
    ),
    (
        "Missiles hit Kiev before dawn, the Ukrainian air force said.",
        "Kiev",
        "UA",
        "Kyiv",
        50.45,
        30.52,
    ),
    (
        "Burmese rebels captured Laukkai near the Chinese border.",
        "Laukkai",
        "MM",
        "Shan",
        23.70,
        98.76,
    ),
    ("Burmese rebels said they had taken Lashio.", "Lashio", "MM", "Shan", 22.94, 97.75),
    ("Sudanese paramilitaries entered Wad Madani.", "Wad Madani", "SD", "Gezira", 14.40, 33.52),
    ("Malian troops returned to Kidal after a decade.", "Kidal", "ML", "Kidal", 18.44, 1.41),
    ("Congolese troops defended Goma from the rebels.", "Goma", "CD", "Kivu", -1.67, 29.23),
    ("Syrian rebels pushed into Hama on Thursday.", "Hama", "SY", "Hama", 35.13, 36.76),
    ("Syrian rebels pushed into Ḩamāh on Thursday.", "Ḩamāh", "SY", "Hama", 35.13, 36.76),
]


def _fold(s: str | None) -> str:
    from frontlines.annotate.gazetteer import fold

    return fold(s or "")


@pytest.mark.parametrize(("text", "written", "country", "admin1", "lat", "lon"), TOWNS)
def test_places_resolves_conflict_towns_and_spellings(
    resolver: PlaceResolver,
    text: str,
    written: str,
    country: str,
    admin1: str,
    lat: float,
    lon: float,
) -> None:
    m = _find(_resolve(resolver, text), written)
    assert m.place is not None
    assert m.place.country == country
    assert _fold(admin1) in _fold(m.place.admin1) or _fold(m.place.admin1) in _fold(admin1)
    assert abs(m.place.lat - lat) < 0.2 and abs(m.place.lon - lon) < 0.2
    assert text[m.span.start : m.span.end] == written
    assert m.rule.startswith("gazetteer.")


def test_places_offsets_are_into_the_full_text(resolver: PlaceResolver) -> None:
    text = "Heavy fighting.\n\nAfghan officials said the militants entered Herat city."
    m = _find(_resolve(resolver, text), "Herat")
    assert text[m.span.start : m.span.end] == "Herat"


def test_places_herat_is_afghan_not_a_village_abroad(resolver: PlaceResolver) -> None:
    m = _find(_resolve(resolver, "Afghan officials said Herat was calm."), "Herat")
    assert m.place is not None and m.place.country == "AF" and m.place.admin1_code == "AF-HER"


def test_places_province_cue_gives_admin1(resolver: PlaceResolver) -> None:
    mentions = _resolve(resolver, "The militants overran two districts in Ghazni province.")
    m = _find(mentions, "Ghazni")
    assert m.place is not None and m.place.kind == PlaceKind.ADMIN1
    assert m.rule == "gazetteer.kind-cue"


def test_places_bare_provincial_capital_name_is_the_city(resolver: PlaceResolver) -> None:
    m = _find(_resolve(resolver, "The militants entered Ghazni after a long battle."), "Ghazni")
    assert m.place is not None and m.place.kind == PlaceKind.CITY and m.place.admin_seat == 1


def test_places_city_of_cue_gives_city(resolver: PlaceResolver) -> None:
    text = "Russian forces withdrew from the city of Kherson, the Ukrainian army said."
    m = _find(_resolve(resolver, text), "Kherson")
    assert m.place is not None and m.place.kind == PlaceKind.CITY


def test_places_region_cue_gives_oblast(resolver: PlaceResolver) -> None:
    text = "Shelling continued across the Donetsk region, Ukrainian officials said."
    m = _find(_resolve(resolver, text), "Donetsk")
    assert (
        m.place is not None and m.place.kind == PlaceKind.ADMIN1 and m.place.admin1_code == "UA-14"
    )


def test_places_container_picks_the_homonym_in_that_province(resolver: PlaceResolver) -> None:
    text = "Troops advanced on Lyman in the Kharkiv region, officials said."
    m = _find(_resolve(resolver, text), "Lyman")
    assert m.place is not None and m.place.admin1_code == "UA-63"
    assert m.rule == "gazetteer.container"


def test_places_country_hints_decide_without_demonyms(resolver: PlaceResolver) -> None:
    m = _find(_resolve(resolver, "Fighters captured Qalat.", country_hints={"AF": 1.0}), "Qalat")
    assert m.place is not None and m.place.country == "AF"


def test_places_prefers_longest_match(resolver: PlaceResolver) -> None:
    mentions = _resolve(resolver, "Afghan police said Lashkar Gah was surrounded.")
    assert "Lashkar Gah" in [m.span.text for m in mentions]
    assert "Lashkar" not in [m.span.text for m in mentions]


def test_places_possessive_is_not_part_of_the_name(resolver: PlaceResolver) -> None:
    m = _find(
        _resolve(resolver, "Afghan officials said Kandahar's airport was closed."), "Kandahar"
    )
    assert m.place is not None and m.place.country == "AF"


def test_places_capitals_of_a_province_list_are_the_seats(resolver: PlaceResolver) -> None:
    text = "Afghan militants now hold the provincial capitals of Helmand, Ghor and Zabul."
    names = {m.span.text: m.place.name for m in _resolve(resolver, text) if m.place}
    assert names["Helmand"] == "Lashkar Gah"
    assert names["Zabul"] == "Qalat"


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        (
            "On Monday, President Joe Biden spoke to reporters in August.",
            {"Monday", "Biden", "August"},
        ),
        ("A spokesman, Nasir Ahmad Faqiri, said the Taliban had retreated.", {"Ahmad", "Taliban"}),
        (
            "Police said Western officials had left. Of the soldiers, many fled.",
            {"Police", "Western", "Of"},
        ),
        ("Afghan forces and Ukrainian soldiers were not involved.", {"Afghan", "Ukrainian"}),
        ("Gen. Kamin told the Syrian press that May was quiet.", {"Kamin", "May"}),
    ],
)
def test_places_ignores_common_words_and_person_names(
    resolver: PlaceResolver, text: str, not_places: set[str]
) -> None:
    found = {m.span.text for m in _resolve(resolver, text) if m.facility is None}
    assert not (found & not_places), found & not_places


def test_places_small_foreign_homonym_is_dropped(resolver: PlaceResolver) -> None:
    text = "Afghan officials said fighting in Ghazni ended. Doha talks resumed."
    for m in _resolve(resolver, text):
        if m.place is not None and m.place.kind == PlaceKind.CITY:
            assert m.place.country in {"AF", "QA"}, m


@pytest.mark.parametrize(
    ("text", "facility", "city"),
    [
        (
            "Afghan officials said militants took Herat police headquarters.",
            "police_headquarters",
            "Herat",
        ),
        ("In Ghazni, the militants freed inmates from the prison.", "prison", "Ghazni"),
        ("The militants seized the governor's office in Kandahar.", "governors_office", "Kandahar"),
        ("Afghan forces fled Qala-i-Naw to the army base.", "army_base", "Qala i Naw"),
        ("Ukrainian troops retook the airport in Kherson.", "airport", "Kherson"),
        (
            "Afghan militants captured Spin Boldak and its border crossing.",
            "border_crossing",
            "Spin Boldak",
        ),
    ],
)
def test_places_facilities_link_to_their_city(
    resolver: PlaceResolver, text: str, facility: str, city: str
) -> None:
    facs = [m for m in _resolve(resolver, text) if m.facility is not None]
    assert facs, text
    assert facs[0].facility == facility
    assert facs[0].place is not None and facs[0].place.name == city


def test_places_facility_without_city_is_unlinked(resolver: PlaceResolver) -> None:
    facs = [m for m in _resolve(resolver, "Gunmen attacked a prison.") if m.facility]
    assert facs and facs[0].place is None and facs[0].rule == "facility.unlinked"


def test_places_country_context_reads_demonyms_and_hints(resolver: PlaceResolver) -> None:
    text = "Afghan officials and Pakistani diplomats met; Afghan forces stayed put."
    ctx = resolver.country_context(text, [], {"SY": 0.5})
    assert max(ctx, key=lambda k: ctx[k]) == "AF"
    assert "PK" in ctx and "SY" in ctx


def test_places_country_mention_resolves_to_country(resolver: PlaceResolver) -> None:
    m = _find(_resolve(resolver, "Fighting spread across Afghanistan."), "Afghanistan")
    assert m.place is not None and m.place.kind == PlaceKind.COUNTRY and m.place.country == "AF"


# --------------------------------------------------------------------------- open-world places


def _open(
    resolver: PlaceResolver,
    text: str,
    phrase: str,
    countries: list[str] | None = None,
    actors: Sequence[ActorMention] = (),
) -> PlaceMention | None:
    """``open_place`` on ``phrase`` as the engine calls it: the document's mentions, context."""
    sents = sentences(text)
    mentions = resolver.resolve(text, sents)
    if countries is None:
        ctx = resolver.country_context(text, mentions)
        countries = [cc for cc, _ in sorted(ctx.items(), key=lambda x: -x[1])]
    i = text.index(phrase)
    sent = next(s for s in sents if s.start <= i < s.end)
    return resolver.open_place(
        text,
        Span(i, i + len(phrase), phrase),
        sentence=sent,
        mentions=mentions,
        countries=countries,
        actors=actors,
    )


def _near(p: Place, lat: float, lon: float, deg: float = 0.3) -> bool:
    return abs(p.lat - lat) < deg and abs(p.lon - lon) < deg


def test_open_place_parenthesis_gives_district_and_province(resolver: PlaceResolver) -> None:
    text = "Gunmen killed two farmers in Sabzi Kar (Nad Ali, Helmand) on Tuesday, police said."
    m = _open(resolver, text, "Sabzi Kar")
    assert m is not None and m.place is not None
    p = m.place
    assert m.span.text == "Sabzi Kar" and p.name == "Sabzi Kar" and p.kind == PlaceKind.CITY
    assert p.country == "AF" and p.admin1 == "Helmand" and _fold("Nad Ali") == _fold(p.admin2)
    assert p.precision is PlacePrecision.DISTRICT and p.geo_precision == 2
    assert m.rule == "place.open-world.paren-container.v1"
    assert p.geonameid >= OPEN_ID_BASE
    assert _near(p, 31.64, 64.24)  # the centroid of Nad Ali district


def test_open_place_parenthesis_with_a_province_only(resolver: PlaceResolver) -> None:
    text = "Mozambique's military re-captured Quitunda (Cabo Delgado) on Wednesday."
    m = _open(resolver, text, "Quitunda")
    assert m is not None and m.place is not None
    assert m.place.admin1 == "Cabo Delgado" and m.place.country == "MZ"
    assert m.place.precision is PlacePrecision.PROVINCE and m.place.geo_precision == 3


def test_open_place_village_of_near_a_town_at_a_stated_distance(resolver: PlaceResolver) -> None:
    text = "Kurdish-led forces took control of the village of Tal Baydar, 30 km north of Hasakah."
    m = _open(resolver, text, "the village of Tal Baydar")
    assert m is not None and m.place is not None
    assert m.span.text == "Tal Baydar" and m.place.name == "Tal Baydar"
    assert m.place.precision is PlacePrecision.NEAR and m.rule == "place.open-world.near.v1"
    hasakah = next(p for p in resolver.gazetteer.lookup("Hasakah") if p.kind == PlaceKind.CITY)
    assert 0.2 < m.place.lat - hasakah.lat < 0.35 and abs(m.place.lon - hasakah.lon) < 0.05


def test_open_place_apposition_oblast(resolver: PlaceResolver) -> None:
    text = "Separatist forces shelled positions near Vodiane, Donetsk Oblast, the army said."
    m = _open(resolver, text, "Vodiane")
    assert m is not None and m.place is not None
    assert m.place.admin1_code == "UA-14" and m.place.precision is PlacePrecision.PROVINCE
    assert m.rule == "place.open-world.apposition.v1"


def test_open_place_unknown_district_in_a_province(resolver: PlaceResolver) -> None:
    text = "A roadside bomb killed four soldiers in Gulzar Kalay district of Ghazni province."
    m = _open(resolver, text, "Gulzar Kalay district")
    assert m is not None and m.place is not None
    assert m.span.text == "Gulzar Kalay" and m.place.kind == PlaceKind.ADMIN2
    assert m.place.admin2 == "Gulzar Kalay" and m.place.admin1_code == "AF-GHA"
    assert m.place.precision is PlacePrecision.PROVINCE
    assert m.rule == "place.open-world.kind-phrase.v1"


def test_open_place_known_district_is_the_gazetteer_admin2(resolver: PlaceResolver) -> None:
    text = "A landmine killed two boys in Shah Wali Kot district on Sunday, Afghan police said."
    m = _open(resolver, text, "Shah Wali Kot district")
    assert m is not None and m.place is not None
    assert m.place.kind == PlaceKind.ADMIN2 and m.place.admin1 == "Kandahar"
    assert m.place.geonameid < OPEN_ID_BASE and m.rule.startswith("gazetteer.")


def test_open_place_falls_back_to_the_articles_country(resolver: PlaceResolver) -> None:
    # the annotator's country context (the Taliban's country among it)
    text = "The Taliban took control of Zangabad on Friday."
    m = _open(resolver, text, "Zangabad", countries=["AF"])
    assert m is not None and m.place is not None
    assert m.place.country == "AF" and m.place.precision is PlacePrecision.COUNTRY
    assert m.rule == "place.open-world.country.v1"
    # nothing in the text locates it: not placeable
    assert _open(resolver, "Fighters overran Zangabad.", "Zangabad", countries=[]) is None


def test_open_place_keeps_the_resolvers_reading(resolver: PlaceResolver) -> None:
    text = "Afghan forces withdrew from Lashkar Gah on Sunday."
    m = _open(resolver, text, "Lashkar Gah")
    assert m is not None and m.place is not None and m.place.admin1 == "Helmand"
    assert m.rule.startswith("gazetteer.") and m.place.precision is PlacePrecision.POINT


def test_open_place_finds_another_spelling_inside_the_container(resolver: PlaceResolver) -> None:
    text = "Israeli troops raided Qalqiliyah in the West Bank before dawn."
    m = _open(resolver, text, "Qalqiliyah")
    assert m is not None and m.place is not None
    assert m.place.country == "PS" and m.place.geonameid < OPEN_ID_BASE
    assert m.rule == "place.gazetteer-variant.in-division.v1"


def test_open_place_name_made_of_a_known_place(resolver: PlaceResolver) -> None:
    text = "Heavy fighting was reported at Donetsk Airport, Ukrainian officials said."
    m = _open(resolver, text, "Donetsk Airport")
    assert m is not None and m.place is not None
    assert m.place.name == "Donetsk Airport" and m.place.precision is PlacePrecision.NEAR
    assert m.rule == "place.open-world.name-part.v1" and _near(m.place, 48.0, 37.8)


def test_open_place_ids_are_stable_and_per_province(resolver: PlaceResolver) -> None:
    a = _open(resolver, "Kurdish fighters killed two gunmen in Tal Baydar (Hasakah).", "Tal Baydar")
    b = _open(resolver, "Syrian monitors said Tal Baydar (Hasakah) was shelled.", "Tal Baydar")
    c = _open(resolver, "Kurdish fighters killed two gunmen in Tal Baydar (Raqqa).", "Tal Baydar")
    assert a is not None and b is not None and c is not None
    assert a.place is not None and b.place is not None and c.place is not None
    assert a.place.geonameid == b.place.geonameid != c.place.geonameid
    assert a.place.admin1 != c.place.admin1


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Witnesses said the Taliban attacked the town.", "the Taliban"),
        ("Militants attacked them in the town.", "the town"),
        ("President Ashraf Ghani visited the front.", "President Ashraf Ghani"),
        ("Troops attacked a Houthi militia near the coast.", "Houthi"),
        ("On Tuesday the fighters gathered again.", "Tuesday"),
        ("The army fought the Popular Resistance in Marib.", "the Popular Resistance"),
        ("The OSCE said fire came from NAF positions.", "NAF"),
        ("Gunmen fired on a convoy in Kandahar.", "a convoy"),
    ],
)
def test_open_place_refuses_what_is_not_a_place_name(
    resolver: PlaceResolver, text: str, phrase: str
) -> None:
    assert _open(resolver, text, phrase) is None


def test_open_place_refuses_an_actor_mention(resolver: PlaceResolver) -> None:
    text = "Fighters of Jaysh Tahrir shelled the base, officials in Idlib said."
    i = text.index("Jaysh Tahrir")
    actor = ActorMention(Span(i, i + 12, "Jaysh Tahrir"), None, 0.8, "test.actor")
    assert _open(resolver, text, "Jaysh Tahrir") is not None  # a name like any other ...
    assert _open(resolver, text, "Jaysh Tahrir", actors=[actor]) is None  # ... but an actor


def test_resolve_moves_a_town_into_the_container_the_text_states(resolver: PlaceResolver) -> None:
    # GeoNames knows a Novotroitske elsewhere in Ukraine, not in Donetsk oblast
    text = "Shelling hit Novotroitske, Donetsk, overnight, Ukrainian officials said."
    m = _find(_resolve(resolver, text), "Novotroitske")
    assert m.place is not None and m.place.admin1_code == "UA-14"


@pytest.mark.parametrize(
    "text", ["Afghan forces left Kunduz, Taloqan and Herat.", "Afghan forces left Taloqan, Kunduz."]
)
def test_resolve_a_list_of_towns_is_no_container(resolver: PlaceResolver, text: str) -> None:
    mentions = _resolve(resolver, text)
    assert _find(mentions, "Taloqan").place.admin1_code == "AF-TAK"  # type: ignore[union-attr]
    assert _find(mentions, "Kunduz").place.admin1_code == "AF-KDZ"  # type: ignore[union-attr]


def test_resolve_reads_a_name_with_a_glued_arabic_article(resolver: PlaceResolver) -> None:
    m = _find(_resolve(resolver, "Kurdish forces entered Ar-Raqqa on Friday."), "Ar-Raqqa")
    assert m.place is not None and m.place.admin1_code == "SY-RA"


def test_resolve_a_one_word_match_inside_a_longer_name_is_not_a_place(
    resolver: PlaceResolver,
) -> None:
    text = "Syrian monitors said shells fell on Ain al Arab and Paletwa Town."
    found = {m.span.text for m in _resolve(resolver, text) if m.place is not None}
    assert "Ain" not in found and "Town" not in found


def test_load_open_words_rejects_a_bad_file(tmp_path: Path) -> None:
    f = tmp_path / "open.yaml"
    f.write_text("version: 1\nkind_words:\n  village: [hamlet-ish]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"kind_words\.village"):
        load_open_words(f)
    f.write_text("kind_words: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="version"):
        load_open_words(f)


def test_open_place_reads_a_division_elsewhere_in_the_sentence(resolver: PlaceResolver) -> None:
    text = "In Helmand province, gunmen attacked Sabzi Kar on Monday, Afghan officials said."
    m = _open(resolver, text, "Sabzi Kar")
    assert m is not None and m.place is not None
    assert m.place.admin1 == "Helmand" and m.place.precision is PlacePrecision.PROVINCE
    assert m.rule == "place.open-world.sentence-admin.v1"


def test_resolve_a_parenthesis_that_contradicts_itself_moves_no_town(
    resolver: PlaceResolver,
) -> None:
    # Nawabshah district is in Sindh: "(Nawabshah, Punjab)" does not move the town to Punjab
    text = "Police dispersed a crowd in Nawabshah city (Nawabshah, Punjab) on Monday."
    m = _find(_resolve(resolver, text), "Nawabshah")
    assert m.place is not None and m.place.admin1 == "Sindh"
