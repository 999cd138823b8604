"""Place resolution on hand-written, news-style sentences."""

from __future__ import annotations

import pytest

from frontlines.annotate.gazetteer import Gazetteer
from frontlines.annotate.places import PlaceResolver
from frontlines.annotate.text import sentences
from frontlines.records import PlaceKind, PlaceMention


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
