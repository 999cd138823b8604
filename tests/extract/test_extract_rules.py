"""One hand-written case per extraction rule added after the first gold set: each names the rule
it pins, so a regression points at the rule."""

from __future__ import annotations

import pytest

import frontlines
from frontlines.records import Event


def run(text: str, published: str | None, include_all: bool = False) -> list[Event]:
    article = frontlines.read_text(text, id="case", published=published)
    return frontlines.extract(article, include_all=include_all)


def one(events: list[Event], type_: str, place: str) -> Event:
    hits = [e for e in events if e.type.value == type_ and e.place and place in e.place.name]
    assert len(hits) == 1, [(e.type.value, e.place and e.place.name) for e in events]
    return hits[0]


def test_extract_rules_expulsion_gives_capture_and_withdrawal() -> None:
    events = run("Kurdish fighters drove Islamic State out of Manbij on Friday.", "2016-08-13")
    assert one(events, "capture", "Manbij").actor.name.startswith("Syrian Democratic")  # type: ignore[union-attr]
    assert one(events, "withdraw", "Manbij").actor.name == "Islamic State"  # type: ignore[union-attr]


def test_extract_rules_driven_out_passive_is_the_losers_withdrawal() -> None:
    e = one(
        run("The jihadists were driven out of Palmyra on Thursday.", "2017-03-03"),
        "withdraw",
        "Tadmur",
    )
    assert e.actor is not None and e.actor.name == "Islamic State"
    assert e.date is not None and e.date.isoformat() == "2017-03-02"


def test_extract_rules_objectless_withdrawal_takes_the_sentences_town() -> None:
    text = (
        "Militants linked to JNIM overran the army base in Djibo on Sunday and held the "
        "town for hours before pulling out, residents said."
    )
    e = one(run(text, "2023-11-28"), "withdraw", "Djibo")
    assert e.actor is not None and "Nusrat" in e.actor.name


def test_extract_rules_it_was_overrun_refers_to_the_town_just_named() -> None:
    text = (
        "Sudanese troops retook Sinja on Saturday, months after it was overrun by the "
        "Rapid Support Forces, the army said."
    )
    events = run(text, "2024-11-24")
    rsf = [
        e
        for e in events
        if e.type.value == "capture" and e.actor and e.actor.name == "Rapid Support Forces"
    ]
    assert rsf and rsf[0].place is not None and rsf[0].place.name == "Singa"


def test_extract_rules_declared_victory_is_a_capture_by_the_declarer() -> None:
    e = one(
        run(
            "The Syrian army declared victory over Islamic State in Deir ez-Zor on Friday.",
            "2017-11-04",
        ),
        "capture",
        "Deir ez-Zor",
    )
    assert e.actor is not None and e.actor.name == "Syrian Arab Army"


def test_extract_rules_entry_without_resistance_is_a_capture() -> None:
    events = run(
        "French troops entered Timbuktu on Monday without meeting resistance.", "2013-01-29"
    )
    assert one(events, "capture", "Timbuktu").actor.name == "French Armed Forces"  # type: ignore[union-attr]
    contested = run(
        "Ukrainian troops entered Lyman on Saturday, but fighting went on.", "2022-10-01"
    )
    assert one(contested, "siege", "Lyman")


def test_extract_rules_purpose_infinitive_is_not_done_yet() -> None:
    text = "Special forces were flown in to retake Kunduz, the ministry said."
    assert run(text, "2021-08-09") == []
    flagged = run(text, "2021-08-09", include_all=True)
    assert one(flagged, "capture", "Kunduz").modality.value == "future"


def test_extract_rules_ordered_withdrawal_happened() -> None:
    text = "The commander said he had ordered his troops to withdraw from Avdiivka on Saturday."
    e = one(run(text, "2024-02-18"), "withdraw", "Avdiyivka")
    assert e.modality.value == "asserted"


def test_extract_rules_a_day_earlier_counts_back_from_the_story() -> None:
    text = (
        "Peacekeepers pulled out of their camp at Tessalit on Saturday. A day earlier, "
        "peacekeepers had left Aguelhok."
    )
    events = run(text, "2023-10-23")
    assert one(events, "withdraw", "Tessalit").date.isoformat() == "2023-10-21"  # type: ignore[union-attr]
    assert one(events, "withdraw", "Aguelhok").date.isoformat() == "2023-10-20"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Civilians fled Khartoum on Monday as fighting spread.",  # civilians do not withdraw
        "The governor left Herat for Kabul on Tuesday.",  # not a fighting side
    ],
)
def test_extract_rules_no_withdrawal_without_a_fighting_side(text: str) -> None:
    assert [e for e in run(text, "2023-04-18") if e.type.value == "withdraw"] == []


def test_extract_rules_denial_in_the_next_sentence_answers_the_claim() -> None:
    text = (
        "The Rapid Support Forces said on Saturday they had seized the airport in Merowe. "
        "The army denied the claim."
    )
    e = one(run(text, "2023-04-16"), "capture", "Merowe")
    assert e.status.value == "denied"


def test_extract_rules_a_side_announcing_its_own_withdrawal_is_reported() -> None:
    text = "Russia's defence ministry said on Friday that its troops had withdrawn from Kherson."
    e = one(run(text, "2022-11-12"), "withdraw", "Kherson")
    assert e.actor is not None and e.actor.name == "Russian Armed Forces"
    assert e.status.value == "reported"


def test_extract_rules_aggregates_keep_their_unit_and_fractions() -> None:
    text = (
        "Nine provincial Afghan capitals are now under Taliban control. More than half of "
        "the country's 34 provinces have fallen to the group, officials said."
    )
    article = frontlines.read_text(text, id="agg", published="2021-08-11")
    aggs = frontlines.default_pipeline().run(article).aggregates
    assert [(a.count, a.of) for a in aggs] == [(9, "provincial capitals"), (18, "provinces")]
    assert all(a.actor is not None and a.actor.name == "Taliban" for a in aggs)


def test_extract_rules_pronoun_and_relative_objects_take_the_town_named_before() -> None:
    events = run(
        "Israeli forces entered Naqoura on Monday, a month after they pulled out of it.",
        "2024-12-03",
    )
    assert one(events, "withdraw", "Naqoura").actor.name == "Israel Defense Forces"  # type: ignore[union-attr]
    sieged = run(
        "Misrata, which Gaddafi's troops besieged for two months, was quiet on Friday.",
        "2011-06-10",
    )
    assert one(sieged, "siege", "Misratah").actor.name == "Gaddafi loyalist forces"  # type: ignore[union-attr]


def test_extract_rules_speaker_saying_they_took_a_town_claims_it() -> None:
    e = one(
        run("ELN guerrillas said they had taken the town of Tibu on Sunday.", "2025-01-20"),
        "capture",
        "Tib",
    )
    assert e.actor is not None and e.actor.name.startswith("National Liberation Army")
    assert e.status.value == "claimed"
