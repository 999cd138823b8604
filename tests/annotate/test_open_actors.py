"""Open-world actor names in the actor annotator: names the dictionary lacks, read from their
shape (``open_world`` in actors.yaml). Every sentence is written for this file."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.annotate.actors import RULE_OPEN_NAMED, ActorLexicon, ActorResolver
from frontlines.annotate.text import sentences
from frontlines.errors import DataFileError
from frontlines.records import ActorKind, ActorMention


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorLexicon.load())


def resolve(resolver: ActorResolver, text: str) -> list[ActorMention]:
    return resolver.resolve(text, sentences(text))


def opened(mentions: list[ActorMention]) -> list[str]:
    return [m.span.text for m in mentions if m.rule == RULE_OPEN_NAMED]


def test_open_names_end_in_a_group_word_or_precede_a_group_noun(resolver: ActorResolver) -> None:
    text = (
        "Fighters of the Sahel Salvation Front entered the market on Monday, "
        "and the Kel Tamasheq group said it had joined them."
    )
    got = resolve(resolver, text)
    assert opened(got) == ["Sahel Salvation Front", "Kel Tamasheq group"]
    front = next(m for m in got if m.span.text == "Sahel Salvation Front")
    assert front.actor is not None and front.actor.kind is ActorKind.NON_STATE
    assert front.actor.id == "open:sahel-salvation-front"


def test_the_group_refers_to_the_open_name_before_it(resolver: ActorResolver) -> None:
    got = resolve(resolver, "The Sahel Salvation Front took the town. The group then left.")
    group = next(m for m in got if m.span.text == "The group")
    assert group.actor is not None and group.actor.name == "Sahel Salvation Front"
    assert group.rule == "generic.recent"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels Seize Town As Army Retreats From Border",  # a title-case headline
        "Security Forces retook the town on Monday.",  # generic words only
        "Sunni militants of the Islamic State took the city.",  # describes a dictionary name
        "The Islamic State group took the city.",  # the dictionary's name wins
        "Malian Army units took the town.",  # a demonym is no name
    ],
)
def test_no_open_name(resolver: ActorResolver, text: str) -> None:
    assert opened(resolve(resolver, text)) == []


def test_open_world_words_come_from_user_files(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "open_world:\n  names:\n"
        "    - {kind: non_state_armed_group, side: rebel, words: [Kommando]}\n"
    )
    resolver = ActorResolver(ActorLexicon.load([mine]))
    [m] = [m for m in resolve(resolver, "The Ndolo Kommando took the town.") if m.actor]
    assert m.rule == RULE_OPEN_NAMED and m.actor is not None and m.actor.side == "rebel"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("open_world:\n  colours: [red]\n", "unknown keys"),
        ("open_world:\n  heads:\n    - {kind: army, words: [x]}\n", "unknown kind"),
        ("open_world:\n  heads: [gunmen]\n", "mapping"),
    ],
)
def test_open_world_schema_errors_name_the_file(tmp_path: Path, body: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body)
    with pytest.raises(DataFileError, match=message) as info:
        ActorLexicon.load([bad])
    assert "bad.yaml" in str(info.value)
