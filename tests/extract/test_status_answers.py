"""Status read across sentences and from the speaker's side (issue 11): a later confirmation
or denial answers the accounts it is about; a side's own institution announcing that side's
gain makes a claim; a side announcing its own withdrawal is the one that withdrew."""

from __future__ import annotations

import frontlines
from frontlines.records import Event


def run(text: str, published: str = "2024-03-10") -> list[Event]:
    return frontlines.extract(frontlines.read_text(text, id="case", published=published))


def one(events: list[Event], type_: str, place: str) -> Event:
    hits = [e for e in events if e.type.value == type_ and e.place and place in e.place.name]
    assert len(hits) == 1, [(e.type.value, e.place and e.place.name) for e in events]
    return hits[0]


def status_rules(e: Event) -> list[str]:
    return [x.rule for x in e.explanations if x.field == "status"]


def answer_span(e: Event) -> str:
    spans = [x.span for x in e.explanations if x.field == "status" and x.span is not None]
    return spans[-1].text if spans else ""


# --------------------------------------------------------------------------- answers


def test_a_later_confirmation_of_the_fall_confirms_the_capture() -> None:
    e = one(
        run(
            "Rebel fighters captured Kidal on Saturday, residents said. On Sunday the defence "
            "ministry confirmed the fall of the city."
        ),
        "capture",
        "Kidal",
    )
    assert e.status.value == "confirmed"
    assert "status.confirmed-after.v1" in status_rules(e)
    assert "confirmed the fall" in answer_span(e)


def test_a_later_denial_in_a_that_clause_denies_and_merges() -> None:
    events = run(
        "M23 fighters captured Uvira on Tuesday, witnesses said. The army denied that Uvira "
        "had fallen, saying its soldiers still held the port."
    )
    e = one(events, "capture", "Uvira")
    assert e.actor is not None and "M23" in e.actor.name
    assert e.status.value == "denied"
    assert "status.denied-after.v1" in status_rules(e)


def test_a_denial_as_a_participle_answers_the_capture() -> None:
    e = one(
        run(
            "M23 fighters captured Uvira on Tuesday, witnesses said. The army issued a "
            "statement denying that the town had fallen."
        ),
        "capture",
        "Uvira",
    )
    assert e.status.value == "denied"


def test_the_losers_acknowledged_withdrawal_confirms_it() -> None:
    e = one(
        run(
            "Government troops pulled out of Kidal on Saturday, residents said. The army "
            "acknowledged the withdrawal on Sunday."
        ),
        "withdraw",
        "Kidal",
    )
    assert e.status.value == "confirmed"
    assert "acknowledged the withdrawal" in answer_span(e)


def test_an_admitted_withdrawal_confirms_the_other_sides_capture() -> None:
    e = one(
        run(
            "Rebel fighters captured Kidal on Saturday, residents said. The army acknowledged "
            "the withdrawal of its troops."
        ),
        "capture",
        "Kidal",
    )
    assert e.status.value == "confirmed"


def test_officials_confirming_the_reports_confirm_the_account_before() -> None:
    e = one(
        run(
            "M23 fighters captured Uvira on Tuesday, witnesses said. Officials confirmed the "
            "reports."
        ),
        "capture",
        "Uvira",
    )
    assert e.status.value == "confirmed"


def test_a_confirmation_about_another_town_leaves_the_event_alone() -> None:
    events = run(
        "Rebel fighters captured Kidal on Saturday, residents said. On Sunday the defence "
        "ministry confirmed the fall of Gao."
    )
    e = one(events, "capture", "Kidal")
    assert e.status.value == "reported"
    assert "status.confirmed-after.v1" not in status_rules(e)


def test_a_denial_of_another_town_leaves_the_event_alone() -> None:
    events = run(
        "M23 fighters captured Uvira on Tuesday, witnesses said. The army denied that Bukavu "
        "had fallen."
    )
    assert one(events, "capture", "Uvira").status.value == "reported"


def test_cannot_confirm_or_deny_answers_nothing() -> None:
    e = one(
        run(
            "M23 fighters captured Uvira on Tuesday, witnesses said. A commander said he could "
            "not confirm or deny the reports."
        ),
        "capture",
        "Uvira",
    )
    assert e.status.value == "reported"


def test_a_confirmation_far_later_in_the_article_does_not_answer() -> None:
    text = (
        "M23 fighters captured Uvira on Tuesday, witnesses said. Aid groups warned of "
        "shortages. Schools closed across the province. Markets stayed shut. Prices rose. "
        "Officials confirmed the reports."
    )
    assert one(run(text), "capture", "Uvira").status.value == "reported"


# --------------------------------------------------------------------------- own side


def test_the_sides_own_ministry_announcing_its_gain_is_a_claim() -> None:
    e = one(
        run("Government forces have retaken Kunduz, the defence ministry said on Sunday."),
        "capture",
        "Kunduz",
    )
    assert e.status.value == "claimed"
    assert status_rules(e) == ["status.party-speaks-for-itself.v1"]


def test_a_ministry_is_a_speaker_never_the_taker() -> None:
    e = one(
        run(
            "The Taliban captured Kunduz on Sunday, residents said. The interior ministry "
            "denied that the city had fallen."
        ),
        "capture",
        "Kunduz",
    )
    assert e.actor is not None and e.actor.name == "Taliban"
    assert e.status.value == "denied"


def test_a_sides_ministry_announcing_its_withdrawal_is_the_actor() -> None:
    e = one(
        run(
            "Taliban fighters attacked the town for weeks. The defence ministry said on "
            "Sunday that it had withdrawn its forces from Kunduz."
        ),
        "withdraw",
        "Kunduz",
    )
    assert e.actor is not None and e.actor.kind.value == "state_forces"
    assert e.status.value == "reported"


def test_the_group_announcing_its_fighters_pulled_out_is_the_actor() -> None:
    e = one(
        run("M23 said on Monday that its fighters had withdrawn from Uvira."), "withdraw", "Uvira"
    )
    assert e.actor is not None and "M23" in e.actor.name
    assert e.status.value == "reported"
