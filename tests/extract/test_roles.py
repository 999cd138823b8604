"""The role reader (extraction/roles.py) and filler resolution (fillers.py, reading.py).

Slots are checked on ``RoleReader`` directly (which words fill them, and by which path:
``passive-by``, ``control``, ``kind-of-name`` ...), then the same sentences through the public
pipeline, where the explanation names the path again (``place.object.object+list+...``).
Every sentence is written for this file.
"""

from __future__ import annotations

from parse_helpers import fill, only, rule, run, summary

# --------------------------------------------------------------------------- RoleReader


def test_roles_passive_by_is_the_agent_and_the_passive_subject_the_patient() -> None:
    text = "Kunduz was captured by the Taliban on Sunday."
    assert fill(text, "capture.seize.v2", "subject") == [("Taliban", "passive-by")]
    assert fill(text, "capture.seize.v2", "object") == [("Kunduz", "passive-subject")]


def test_roles_control_verb_lends_its_subject_and_a_kind_word_lists_its_names() -> None:
    text = (
        "The Ukrainian army claims to have recaptured the towns of Izium, Kupiansk and Balakliia."
    )
    assert fill(text, "capture.seize.v2", "subject") == [("Ukrainian army", "control")]
    assert fill(text, "capture.seize.v2", "object") == [
        ("Izium", "object+kind-of-name"),
        ("Kupiansk", "object+kind-of-name+list"),
        ("Balakliia", "object+kind-of-name+list"),
    ]


def test_roles_relative_clause_object_is_the_noun_it_modifies() -> None:
    text = "Kunduz, which the Taliban captured on Sunday, is the largest city in the north."
    assert fill(text, "capture.seize.v2", "object") == [("Kunduz", "relative-object")]
    assert fill(text, "capture.seize.v2", "subject") == [("Taliban", "subject")]


def test_roles_coordinated_verbs_share_subject_and_object() -> None:
    text = "The Taliban entered and seized Kunduz on Sunday."
    assert fill(text, "capture.seize.v2", "subject") == [("Taliban", "shared-subject")]
    assert fill(text, "capture.storm.v2", "object") == [("Kunduz", "shared-object")]


def test_roles_including_adds_the_named_items_to_a_generic_object() -> None:
    text = "The Taliban captured 19 provincial capitals in a week, including Kandahar and Herat."
    assert fill(text, "capture.seize.v2", "object") == [
        ("19 provincial capitals", "object"),
        ("Kandahar", "including"),
        ("Herat", "including+list"),
    ]


def test_roles_apposition_describes_and_is_no_list_item() -> None:
    text = "Taloqan, the capital of Takhar province, fell to the Taliban on Sunday."
    assert fill(text, "capture.fall-to.v2", "subject") == [("Taloqan", "subject")]
    assert fill(text, "capture.fall-to.v2", "prep:to|into") == [("Taliban", "prep-to")]


def test_roles_copula_equates_a_kind_word_with_its_name() -> None:
    text = "The last capital that fell was Faizabad."
    assert fill(text, "capture.fall.v2", "subject") == [("Faizabad", "relative-subject+copula")]


def test_roles_nominal_of_and_possessor() -> None:
    text = "Ukraine's recapture of Kherson on Friday was welcomed in Kyiv."
    assert fill(text, "capture.nominal.v2", "prep:of") == [("Kherson", "prep-of")]
    assert fill(text, "capture.nominal.v2", "poss") == [("Ukraine", "possessor")]


# --------------------------------------------------------------------------- through the pipeline


def test_roles_passive_by_event() -> None:
    e = only(run("Kunduz was captured by the Taliban on Sunday."), "capture", "Kunduz")
    assert e.actor is not None and e.actor.name == "Taliban"
    assert rule(e, "actor").startswith("actor.subject.passive-by")
    assert rule(e, "place").startswith("place.object.passive-subject")
    assert e.date is not None and e.date.isoformat() == "2022-09-11"


def test_roles_control_verb_list_gives_one_claimed_capture_per_town() -> None:
    events = run(
        "The Ukrainian army claims to have recaptured the towns of Izium, Kupiansk and Balakliia."
    )
    assert sorted(summary(events)) == [
        ("capture", "Balakliya", "Armed Forces of Ukraine"),
        ("capture", "Izyum", "Armed Forces of Ukraine"),
        ("capture", "Kupyansk", "Armed Forces of Ukraine"),
    ]
    assert {e.status.value for e in events} == {"claimed"}
    assert all(rule(e, "actor").startswith("actor.subject.control") for e in events)
    assert "kind-of-name+list" in rule(only(events, "capture", "Kupyansk"), "place")


def test_roles_the_fall_of_a_city_is_a_capture() -> None:
    e = only(run("The fall of Kherson on Friday was a blow to Moscow."), "capture", "Kherson")
    assert e.evidence[0].rule == "capture.nominal.v2"
    assert rule(e, "place").startswith("place.prep:of.prep-of")
    assert e.date is not None and e.date.isoformat() == "2022-09-09"


def test_roles_fell_to_names_the_new_holder() -> None:
    e = only(run("Herat fell to the Taliban on Thursday."), "capture", "Herat")
    assert e.actor is not None and e.actor.name == "Taliban"
    assert e.evidence[0].rule == "capture.fall-to.v2"
    assert rule(e, "actor").startswith("actor.prep:to|into.prep-to")


def test_roles_took_control_of_the_town_of_name() -> None:
    e = only(run("Russian forces took control of the town of Kupiansk."), "capture", "Kupyansk")
    assert e.actor is not None and e.actor.name == "Russian Armed Forces"
    assert e.evidence[0].rule == "capture.take-control.v2"
    assert "kind-of-name" in rule(e, "place")


def test_roles_took_control_of_the_village_with_a_day() -> None:
    e = only(run("The Taliban took control of the city of Kunduz on Sunday."), "capture", "Kunduz")
    assert e.actor is not None and e.actor.name == "Taliban"


def test_roles_relative_clause_gives_the_earlier_capture_too() -> None:
    events = run(
        "Ukrainian forces have recaptured Kherson, which Russian troops had seized in March."
    )
    assert sorted(summary(events)) == [
        ("capture", "Kherson", "Armed Forces of Ukraine"),
        ("capture", "Kherson", "Russian Armed Forces"),
    ]
    russian = next(e for e in events if e.actor and e.actor.name == "Russian Armed Forces")
    assert rule(russian, "place").startswith("place.object.relative-object")


# --------------------------------------------------------------------------- fillers


def test_fillers_the_city_reads_back_to_the_city_just_named() -> None:
    # the entry and the seizure are one fact: one event, both pieces of evidence
    e = only(run("Taliban fighters entered Herat. The group then seized the city on Friday."),
             "capture", "Herat")  # fmt: skip
    assert [ev.rule for ev in e.evidence] == ["capture.storm.v2", "capture.seize.v2"]
    assert rule(e, "place").startswith("place.object+anaphora")
    assert e.actor is not None and e.actor.name == "Taliban"


def test_fillers_pronoun_in_a_reported_clause_is_the_speakers_side() -> None:
    e = only(run("The army said it had retaken Izium."), "capture", "Izyum")
    assert "speaker-own-side" in rule(e, "actor")
    assert e.actor is not None and e.actor.name == "Armed Forces of Ukraine"
    assert e.status.value == "claimed"


def test_fillers_country_possessor_stands_for_its_forces() -> None:
    e = only(
        run("Ukraine's recapture of Kherson on Friday was welcomed in Kyiv."), "capture", "Kherson"
    )
    assert e.actor is not None and e.actor.name == "Armed Forces of Ukraine"
    assert "country-metonymy" in rule(e, "actor")


def test_fillers_demonym_modifier_stands_for_the_state_forces() -> None:
    events = run("Russian airstrikes hit Idlib on Monday.")
    e = only(events, "strike", "Idlib")
    assert e.actor is not None and e.actor.name == "Russian Armed Forces"
    assert "actor.demonym.v2" in rule(e, "actor")
