"""Sentence and paragraph boundaries over news text, hard-wrapped or line-structured.

Every text here is written for these tests. Offsets always index the original text: a sentence
run over a line break keeps the newline in its ``text``.
"""

from __future__ import annotations

from frontlines.annotate.text import paragraphs, sentences


def texts(spans: list) -> list[str]:  # type: ignore[type-arg]
    return [s.text for s in spans]


def test_a_hard_wrapped_sentence_is_one_sentence() -> None:
    text = (
        "Government troops pulled out of the town on Friday after\n"
        "days of shelling, a local official in\n"
        "Kramatorsk said. The army did not comment."
    )
    got = sentences(text)
    assert texts(got) == [
        "Government troops pulled out of the town on Friday after\ndays of shelling, "
        "a local official in\nKramatorsk said.",
        "The army did not comment.",
    ]
    for s in got:
        assert text[s.start : s.end] == s.text


def test_a_fixed_width_block_is_read_as_prose() -> None:
    # Each line breaks before a capitalised word, so only the block's shape says it is wrapped.
    text = (
        "The rebels entered the provincial capital at dawn on Monday, driving out\n"
        "Malian troops who had held it since 2013, said Colonel Amadou\n"
        "Traore, the regional commander. Residents of the town told Radio\n"
        "France Internationale it was calm."
    )
    assert len(sentences(text)) == 2
    assert sentences(text)[0].text.endswith("the regional commander.")


def test_headline_caption_and_credit_lines_stand_alone() -> None:
    text = (
        "Army retakes river town after week of fighting\n"
        "Soldiers patrol the main street of the town on Tuesday\n"
        "Photo: Staff\n"
        "The army said on Tuesday it had retaken the town."
    )
    assert texts(sentences(text)) == [
        "Army retakes river town after week of fighting",
        "Soldiers patrol the main street of the town on Tuesday",
        "Photo: Staff",
        "The army said on Tuesday it had retaken the town.",
    ]
    # each of the first three lines is a paragraph of its own, so nothing dates across them
    assert len(paragraphs(text)) == 4
    # two headlines of one width over a sentence are not a wrapped block
    stacked = (
        "Army retakes river town after week of fighting\n"
        "Rebels say they withdrew in good order overnight\n"
        "The army said on Tuesday it had retaken the town."
    )
    assert len(sentences(stacked)) == 3


def test_list_items_are_sentences_and_paragraphs_of_their_own() -> None:
    text = (
        "Where the front stands:\n"
        "- Palma: retaken by the army in\n"
        "  August\n"
        "- Mueda: never lost\n"
        "\u2022 Macomia: deserted"
    )
    assert texts(sentences(text)) == [
        "Where the front stands:",
        "- Palma: retaken by the army in\n  August",
        "- Mueda: never lost",
        "\u2022 Macomia: deserted",
    ]
    assert len(paragraphs(text)) == 4


def test_a_line_ending_on_an_abbreviation_runs_on() -> None:
    text = "The offensive was led by Gen.\nIbrahim Khalil, the army said."
    assert texts(sentences(text)) == [text]


def test_a_line_ending_a_sentence_is_a_boundary_but_not_a_new_paragraph() -> None:
    text = "The town fell on Sunday.\nThe army withdrew to the hills.\n\nIn other news, it rained."
    assert texts(sentences(text)) == [
        "The town fell on Sunday.",
        "The army withdrew to the hills.",
        "In other news, it rained.",
    ]
    assert texts(paragraphs(text)) == [
        "The town fell on Sunday.\nThe army withdrew to the hills.",
        "In other news, it rained.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Fighting resumed on Aug. 12 near the U.S. base, Lt. Col. Reyes said. It ended."
    assert texts(sentences(text)) == [
        "Fighting resumed on Aug. 12 near the U.S. base, Lt. Col. Reyes said.",
        "It ended.",
    ]


def test_empty_and_blank_text() -> None:
    assert sentences("") == [] and paragraphs("") == []
    assert sentences("\n \n\t\n") == [] and paragraphs("\n\n") == []
