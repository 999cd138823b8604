"""A date is never an argument, and the lexicon's word lists are read as words: YAML 1.1 made
``on`` and ``off`` booleans, so "fired on" and similar frames never matched."""

from __future__ import annotations

import frontlines
from frontlines import yamlfile
from frontlines.records import Event


def run(text: str, published: str = "2021-05-10") -> list[Event]:
    return frontlines.extract(frontlines.read_text(text, id="case", published=published))


def test_yaml_words_on_off_yes_no_stay_words() -> None:
    doc = yamlfile.load("prep: [at, on, off, yes, no]\nflag: true\nother: False")
    assert doc == {"prep": ["at", "on", "off", "yes", "no"], "flag": True, "other": False}


def test_fire_on_positions_is_an_exchange_of_fire() -> None:
    events = run("Armenian forces fired on Azerbaijani positions near Tovuz on Monday.")
    assert [e.type.value for e in events] == ["clash"]
    assert events[0].place is not None and events[0].place.name == "Tovuz"


def test_a_date_after_on_is_not_the_target() -> None:
    # "on 6 May" is a time: the armed target ("positions") makes the small-arms fire a clash
    text = (
        "On 6 May 2021, the army fired heavy machine guns and small arms at the positions "
        "of the separatists near Zolote."
    )
    [e] = run(text)
    assert e.type.value == "clash"
    assert e.target_text is not None and "positions" in e.target_text


def test_bursts_of_fire_involving_small_arms_are_a_clash() -> None:
    [e] = run(
        "On 4 May 2021, monitors recorded 12 bursts of fire involving small arms near Zolote."
    )
    assert e.type.value == "clash"


def test_grenade_thrown_at_a_police_post_is_an_attack_by_its_weapon() -> None:
    # ACLED codes a grenade by the weapon, whoever it is thrown at
    [e] = run("Militants threw a hand grenade at a police post in Kismayo on Monday.")
    assert e.type.value == "attack"


def test_attack_on_an_army_checkpoint_is_a_clash() -> None:
    text = "Gunmen attacked an army checkpoint in Busra al-Harir on Monday, killing two soldiers."
    assert "clash" in [e.type.value for e in run(text)]


def test_an_air_force_that_targets_positions_strikes() -> None:
    [e] = run("The air force targeted rebel positions near Sirte on Tuesday.")
    assert e.type.value == "strike"


def test_targeting_without_an_armed_side_is_no_event() -> None:
    assert run("New sanctions target officials in Tripoli.") == []


def test_a_speaker_reporting_fighting_is_not_its_agent() -> None:
    # the ministry speaks of the fighting in its city; it is not the side besieging it
    text = (
        "Taliban fighters captured Ghazni on Thursday. Kandahar has not fallen, an interior "
        "ministry spokesman said, although fighting was raging inside the city."
    )
    events = [e for e in run(text, "2021-08-13") if e.type.value == "siege"]
    assert events and all(e.actor is None or e.actor.name == "Taliban" for e in events)


def test_including_hung_on_the_second_object_of_a_misparse() -> None:
    # the small parser sometimes reads "9" and "capitals" as two objects of "captured" and
    # hangs the list on the second: a parse built by hand, as it gave one
    from frontlines.extraction.lexicon import Lexicon
    from frontlines.extraction.roles import RoleReader
    from frontlines.records import Parse, Span, Token

    rows = [  # text, lemma, pos, tag, dep, head
        ("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1),
        ("captured", "capture", "VERB", "VBD", "ROOT", 1),
        ("9", "9", "NUM", "CD", "dobj", 1),
        ("of", "of", "ADP", "IN", "prep", 2),
        ("Mali", "mali", "PROPN", "NNP", "pobj", 3),
        ("capitals", "capital", "NOUN", "NNS", "dobj", 1),
        (",", ",", "PUNCT", ",", "punct", 5),
        ("including", "include", "VERB", "VBG", "prep", 5),
        ("Gao", "gao", "PROPN", "NNP", "pobj", 7),
        ("and", "and", "CCONJ", "CC", "cc", 8),
        ("Kidal", "kidal", "PROPN", "NNP", "conj", 8),
    ]
    tokens, pos = [], 0
    for i, (text, lemma, upos, tag, dep, head) in enumerate(rows):
        tokens.append(Token(i, pos, pos + len(text), text, lemma, upos, tag, dep, head))
        pos += len(text) + 1
    sentence = " ".join(r[0] for r in rows)
    parse = Parse.build(Span(0, len(sentence), sentence), tuple(tokens))
    [match] = [m for m in Lexicon.load().match(parse) if m.trigger.type.value == "capture"]
    heads = [parse.tokens[f.head].text for f in RoleReader(parse).fill(match, "object")]
    assert "Gao" in heads and "Kidal" in heads
