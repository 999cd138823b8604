"""Negation and modality read from the parse (extraction/modality.py), and a protest's topic
(``Modality.REFERENCED``). The default output keeps only asserted, unnegated events; with
``include_all`` the others come back flagged, their cue cited as ``modality.parse.v2``.
Every sentence is written for this file."""

from __future__ import annotations

import pytest
from parse_helpers import match_of, only, run

from frontlines.extraction.modality import protest_topic, read_modality
from frontlines.records import Event, Modality


def modality_cue(e: Event) -> str:
    return next(x.value for x in e.explanations if x.rule == "modality.parse.v2")


@pytest.mark.parametrize(
    ("text", "place", "negated", "modality", "cue"),
    [
        ("Avdiivka has not fallen, the Ukrainian army said on Tuesday.", "Avdiyivka", True,
         Modality.ASSERTED, "not"),
        ("Russian troops have never captured Kupiansk.", "Kupyansk", True, Modality.ASSERTED,
         "never"),
        ("Russian troops failed to retake Kupiansk on Monday.", "Kupyansk", True,
         Modality.ASSERTED, "failed"),
        ("Russian troops tried to take Avdiivka on Monday.", "Avdiyivka", False,
         Modality.ATTEMPT, "tried"),
        ("Kherson could fall within days, officials warned.", "Kherson", False,
         Modality.FUTURE, "could"),
        ("Russia threatened to seize Kherson.", "Kherson", False, Modality.FUTURE, "threatened"),
        ("Russian forces are poised to capture Kupiansk.", "Kupyansk", False, Modality.FUTURE,
         "poised"),
        ("Reinforcements were flown in to retake Kupiansk.", "Kupyansk", False, Modality.FUTURE,
         "flown"),
        ("If Kherson falls, the road to Mykolaiv will be open.", "Kherson", False,
         Modality.HYPOTHETICAL, "If"),
    ],
)  # fmt: skip
def test_modality_cue_is_read_and_the_default_output_drops_it(
    text: str, place: str, negated: bool, modality: Modality, cue: str
) -> None:
    e = only(run(text, include_all=True), "capture", place)
    assert (e.negated, e.modality, modality_cue(e)) == (negated, modality, cue)
    assert run(text) == []


def test_modality_done_verb_asserts_its_complement() -> None:
    e = only(run("Ukrainian troops managed to retake Kupiansk on Monday."), "capture", "Kupyansk")
    assert not e.negated and e.modality is Modality.ASSERTED
    assert not any(x.rule == "modality.parse.v2" for x in e.explanations)


def test_modality_denial_is_a_status_not_a_negation() -> None:
    # a reporting verb ends the climb: "denied that X had fallen" is a denied claim of a fall
    e = only(run("Ukrainian officials denied that Kherson had fallen.", include_all=True),
             "capture", "Kherson")  # fmt: skip
    assert not e.negated and e.modality is Modality.ASSERTED
    assert e.status.value == "denied"


def test_modality_read_modality_directly_on_the_parse() -> None:
    parse, match = match_of("Russian troops tried to take Avdiivka on Monday.", "capture.take.v2")
    reading = read_modality(parse, match.token)
    assert (reading.negated, reading.modality, reading.cue) == (False, Modality.ATTEMPT, "tried")
    parse, match = match_of("Avdiivka has not fallen.", "capture.fall.v2")
    assert read_modality(parse, match.token).negated


# --------------------------------------------------------------------------- protests


def test_modality_protest_against_a_capture_is_no_capture() -> None:
    text = "Residents protested against the capture of Kherson on Sunday."
    assert run(text) == []
    e = only(run(text, include_all=True), "capture", "Kherson")
    assert e.modality is Modality.REFERENCED and modality_cue(e) == "protested"


def test_modality_mourning_a_killing_references_it() -> None:
    e = only(
        run("Villagers mourned the killing of three farmers in Kandahar.", include_all=True),
        "attack",
        "Kandahar",
    )
    assert e.modality is Modality.REFERENCED and modality_cue(e) == "mourned"


def test_modality_protest_topic_needs_the_protest_class() -> None:
    parse, match = match_of(
        "Residents protested against the capture of Kherson on Sunday.", "capture.nominal.v2"
    )
    assert protest_topic(parse, match.token, frozenset({"protest"})) == "protested"
    assert protest_topic(parse, match.token, frozenset()) is None


def test_modality_protesters_marching_against_a_capture_is_no_capture() -> None:
    assert run("Protesters marched against the capture of Kherson on Sunday.") == []
