"""Actors the dictionary does not list (issue 9, item 4): each becomes an actor of a kind, with
the side or country the text gives, canonical where the dictionary knows it and named as written
where it does not; its explanation names the span and the rule. Every sentence is written for
this file."""

from __future__ import annotations

import pytest

import frontlines
from frontlines.records import ActorKind, Event


def run(text: str) -> list[Event]:
    return frontlines.extract(frontlines.read_text(text, id="case", published="2024-03-05"))


def one(events: list[Event], type_: str) -> Event:
    hits = [e for e in events if e.type.value == type_]
    assert len(hits) == 1, [(e.type.value, e.place and e.place.name) for e in events]
    return hits[0]


def actor_rule(e: Event) -> tuple[str, str]:
    [x] = [x for x in e.explanations if x.field == "actor"]
    assert x.span is not None
    return x.span.text, x.rule


def test_possessive_country_without_dictionary_forces_is_that_states_forces() -> None:
    e = one(run("Chad's army recaptured the town of Abeche on Monday."), "capture")
    assert e.actor is not None and e.actor.kind is ActorKind.STATE_FORCES
    assert e.actor.country == "TD" and e.actor.name == "Chad's army"
    span, rule = actor_rule(e)
    assert span == "Chad's army" and "actor.open-world.possessive-country.v1" in rule


def test_demonym_of_a_head_noun_gives_the_country() -> None:
    e = one(run("Azerbaijani police units entered the town of Lachin on Monday."), "capture")
    assert e.actor is not None and e.actor.country == "AZ"
    assert e.actor.kind is ActorKind.STATE_FORCES
    assert "actor.open-world.demonym.v1" in actor_rule(e)[1]


def test_demonym_troops_are_the_dictionary_state_forces() -> None:
    e = one(run("Ethiopian troops withdrew from the town of Baidoa on Tuesday."), "withdraw")
    assert e.actor is not None and e.actor.id == "endf"


def test_demonym_jihadists_stay_as_written_with_their_country() -> None:
    e = one(run("Malian jihadists seized the town of Gao on Monday."), "capture")
    assert e.actor is not None and e.actor.id.startswith("open:")
    assert e.actor.name == "Malian jihadists" and e.actor.country == "ML"
    assert e.actor.kind is ActorKind.NON_STATE


@pytest.mark.parametrize(
    ("text", "name", "side"),
    [
        ("Iran-backed militias captured the town of Al-Qaim on Monday.", "Iran-backed militias",
         "IR-backed"),
        ("Pro-government militias retook the town of Kadugli on Monday.",
         "Pro-government militias", "government"),
    ],
)  # fmt: skip
def test_backer_and_pro_modifiers_give_the_side(text: str, name: str, side: str) -> None:
    e = one(run(text), "capture")
    assert e.actor is not None and e.actor.name == name and e.actor.side == side
    assert e.actor.kind is ActorKind.NON_STATE
    assert actor_rule(e)[1].split("+")[-1] in (
        "actor.open-world.backed-by.v1",
        "actor.open-world.pro.v1",
    )


@pytest.mark.parametrize("word", ["Gunmen", "Militants"])
def test_unnamed_armed_men_are_non_state_actors_named_as_written(word: str) -> None:
    e = one(run(f"{word} stormed the town of Maiduguri on Thursday."), "capture")
    assert e.actor is not None and e.actor.name == word
    assert e.actor.kind is ActorKind.NON_STATE
    assert actor_rule(e) == (word, "actor.subject.subject+actor.open-world.head-noun.v1")


def test_unknown_named_group_is_kept_as_written_and_the_group_refers_back_to_it() -> None:
    events = run(
        "The Sahel Salvation Front seized the town of Kidal on Monday. "
        "The group later withdrew from the town of Gao."
    )
    capture, withdraw = one(events, "capture"), one(events, "withdraw")
    assert capture.actor is not None and capture.actor.name == "Sahel Salvation Front"
    assert capture.actor.kind is ActorKind.NON_STATE
    assert actor_rule(capture)[1].endswith("actor.open-world.named-group.v1")
    assert withdraw.actor == capture.actor
    assert actor_rule(withdraw) == ("The group", "actor.subject.subject+generic.recent")


def test_unknown_name_before_a_group_noun_is_a_named_group() -> None:
    e = one(run("The Kel Tamasheq group seized the town of Kidal on Monday."), "capture")
    assert e.actor is not None and e.actor.name == "Kel Tamasheq group"


def test_known_name_before_a_force_noun_stays_canonical() -> None:
    e = one(run("M23 rebels captured the town of Bunagana on Monday."), "capture")
    assert e.actor is not None and e.actor.id == "m23"


def test_generic_rebels_are_not_promoted_to_a_named_group() -> None:
    e = one(run("Rebels captured the town of Bunagana on Monday."), "capture")
    assert e.actor is not None and e.actor.id == "open:rebels" and e.actor.name == "Rebels"


def test_the_group_without_a_named_group_before_it_is_no_named_group() -> None:
    events = run("The group captured the town of Bunagana on Monday.")
    assert all(e.actor is None or e.actor.id != "m23" for e in events)
