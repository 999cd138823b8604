"""Retyping by weapon and target (``retype`` in data/ontology.yaml, word classes in
data/triggers.yaml): small arms make a clash, artillery and aircraft a strike, explosives stay
an attack of the bombing kind. The explanation of ``type`` names the trigger and the retype
("attack.attack.v2+retype.strike"). Every sentence is written for this file."""

from __future__ import annotations

import pytest
from parse_helpers import only, rule, run

from frontlines.extraction.lexicon import Lexicon
from frontlines.records import EventType


def test_retype_ontology_conditions_are_loaded_in_order() -> None:
    onto = Lexicon.load().ontology
    assert list(onto[EventType.ATTACK].retype.items()) == [
        ("weapon_small_arms+armed", EventType.CLASH),
        ("weapon_strike", EventType.STRIKE),
        ("weapon_explosive", EventType.ATTACK),
        ("armed", EventType.CLASH),
    ]
    assert list(onto[EventType.STRIKE].retype.items()) == [
        ("weapon_small_arms", EventType.CLASH),
        ("weapon_strike", EventType.STRIKE),
        ("weapon_explosive", EventType.ATTACK),
    ]
    assert onto[EventType.CAPTURE].retype == {}


@pytest.mark.parametrize(
    ("text", "place", "type_", "type_rule"),
    [
        # small arms against armed men: a battle
        ("Gunmen attacked soldiers with rifles near Kandahar on Monday.", "Kandahar", "clash",
         "attack.attack.v2+retype.clash"),
        # shots of small arms that "hit" soldiers: an exchange of fire, not shelling
        ("Soldiers were hit by small-arms fire near Bakhmut on Monday.", "Bakhmut", "clash",
         "strike.hit.v2+retype.clash"),
        # an attack with artillery or mortars: remote violence
        ("Russian forces attacked Kupiansk with artillery on Monday.", "Kupyansk", "strike",
         "attack.attack.v2+retype.strike"),
        ("Insurgents attacked the village with mortars near Kandahar on Monday.", "Kandahar",
         "strike", "attack.attack.v2+retype.strike"),
        # small arms against civilians stay an attack
        ("Gunmen attacked a market with rifles in Kandahar on Monday.", "Kandahar", "attack",
         "attack.attack.v2"),
        # explosives: an attack (ACLED's remote explosive / IED), never retyped
        ("A landmine killed three shepherds near Kandahar on Monday.", "Kandahar", "attack",
         "attack.ied.v2"),
        ("A roadside bomb exploded near a bus in Kandahar on Monday.", "Kandahar", "attack",
         "attack.explosive.v2"),
    ],
)  # fmt: skip
def test_retype_by_weapon_and_target(text: str, place: str, type_: str, type_rule: str) -> None:
    e = only(run(text), type_, place)
    assert rule(e, "type") == type_rule


def test_retype_an_attack_on_armed_men_is_a_clash_without_a_weapon() -> None:
    e = only(
        run("Russian forces attacked Ukrainian positions near Bakhmut on Monday."),
        "clash",
        "Bakhmut",
    )
    assert rule(e, "type") == "attack.attack.v2+retype.clash"
    assert e.actor is not None and e.actor.name == "Russian Armed Forces"


# a time is no argument (roles.TIME_WORDS)
def test_retype_a_weekday_is_no_target() -> None:
    e = only(
        run("A landmine killed three shepherds near Kandahar on Monday."), "attack", "Kandahar"
    )
    assert e.target_text != "Monday"
