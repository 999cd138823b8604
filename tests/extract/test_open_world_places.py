"""Names in a place role that the gazetteer lacks become places, placed by what the text says
of them (issue 9, item 3): the rule in the explanation says which container placed them."""

from __future__ import annotations

import frontlines
from frontlines.records import Event, PlacePrecision


def run(text: str, published: str = "2023-06-12") -> list[Event]:
    return frontlines.extract(frontlines.read_text(text, id="case", published=published))


def place_rule(e: Event) -> str:
    return next(x.rule for x in e.explanations if x.field == "place")


def test_open_place_kind_phrase_gives_the_province() -> None:
    events = run("Rebels took control of the village of Tal Baydar in Hasakah province on Monday.")
    [e] = [e for e in events if e.type.value == "capture"]
    assert e.place is not None and e.place.name == "Tal Baydar"
    assert e.place.admin1 == "Hasakah" and e.place.country == "SY"
    assert e.place.precision is PlacePrecision.PROVINCE
    assert "open-world" in place_rule(e) and "kind-phrase" in place_rule(e)


def test_open_place_parenthesis_gives_the_district() -> None:
    events = run("The army recaptured Kamabanda (Beni, North Kivu) after two days of fighting.")
    [e] = [e for e in events if e.type.value == "capture"]
    assert e.place is not None and e.place.name == "Kamabanda"
    assert e.place.admin1 == "North Kivu" and e.place.country == "CD"
    assert e.place.precision is PlacePrecision.DISTRICT
    assert "paren-container" in place_rule(e)


def test_open_place_not_for_a_capitalised_object_without_a_place_cue() -> None:
    # the country alone would place it, but nothing says "Humvees" is a place
    events = run("In Afghanistan, Taliban fighters seized Humvees and rifles at the base.")
    assert not [e for e in events if e.place is not None and e.place.name == "Humvees"]


def test_open_place_kind_word_with_only_the_country_is_kept() -> None:
    text = "Insurgents in Mozambique captured the coastal village of Quirinde on Friday."
    [e] = [e for e in run(text) if e.type.value == "capture"]
    assert e.place is not None and e.place.name == "Quirinde" and e.place.country == "MZ"
    assert e.place.precision is PlacePrecision.COUNTRY


def test_open_place_prefers_the_frames_own_preposition_to_a_date() -> None:
    # "took control of X on Monday": the place is the object of "control of", not "Monday"
    events = run("Militants took control of the town of Kuyuwa in Borno state on Monday.")
    [e] = [e for e in events if e.type.value == "capture"]
    assert e.place is not None and e.place.name == "Kuyuwa" and e.place.admin1 == "Borno"


def test_open_place_from_a_locative_hung_on_another_word() -> None:
    # the parser hangs "in Ikpele (Ado LGA, Benue)" on "chief", not on "abducted"
    text = "Gunmen abducted the wife of a village chief in Ikpele (Ado LGA, Benue) on Sunday."
    [e] = [e for e in run(text) if e.type.value == "attack"]
    assert e.place is not None and e.place.name == "Ikpele" and e.place.admin1 == "Benue"
    assert "sentence-locative" in place_rule(e)


def test_open_place_known_word_inside_a_longer_name_is_not_the_place() -> None:
    # "Ain" alone is a French department; "Ain Zara (Tripoli)" is a district of Tripoli
    events = run("Heavy artillery fire was reported in Ain Zara (Tripoli) on Friday.")
    [e] = [e for e in events if e.type.value == "strike"]
    assert e.place is not None and e.place.name == "Ain Zara" and e.place.country == "LY"


def test_place_named_like_its_province_after_a_comma_is_no_second_place() -> None:
    text = "Rebel forces fired mortars at government positions near Zolote, Luhansk, on Sunday."
    events = [e for e in run(text, "2021-05-10") if e.type.value == "strike"]
    assert [e.place.name for e in events if e.place] == ["Zolote"]


def test_residents_of_a_place_place_what_befell_them() -> None:
    [e] = run("Gunmen killed two residents of Kwall (Bassa LGA, Plateau) on Sunday.")
    assert e.type.value == "attack"
    assert e.place is not None and e.place.name == "Kwall" and e.place.admin1 == "Plateau"


def test_a_position_word_between_a_name_and_its_container() -> None:
    events = run("Rival forces clashed at Al Qardabiya airbase (Sirte) on Friday.")
    [e] = [e for e in events if e.type.value == "clash"]
    assert e.place is not None and e.place.name == "Al Qardabiya" and e.place.admin1 == "Sirte"
