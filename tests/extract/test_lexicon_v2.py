"""The trigger lexicon, schema version 2 (data/triggers.yaml, extraction/lexicon.py): what the
packaged file compiles to, a user file that extends it without code (a trigger, a class word,
a replaced entry), and schema errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from parse_helpers import PUBLISHED, match_of, summary

import frontlines
from frontlines.errors import DataFileError
from frontlines.extraction.lexicon import Lexicon, inflections
from frontlines.pipeline import Pipeline, PipelineConfig
from frontlines.records import EventType, Modality

USER_FILE = """\
version: 2
classes:
  weapon_strike: [quadcopter]
triggers:
  - {id: capture.secure.user, type: capture, confidence: 0.7,
     words: [secure],
     not_object: [deal, agreement, funding, release, support, vote],
     roles: {actor: [subject], place: [object]}}
"""


@pytest.fixture(scope="module")
def packaged() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def user_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lexicon") / "my_triggers.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def user_pipeline(user_file: Path) -> Pipeline:
    return Pipeline.load(PipelineConfig(lexicon=(user_file,)))


def events(pipeline: Pipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    article = frontlines.read_text(text, id="t", published=PUBLISHED)
    return summary(list(pipeline.run(article).events))


# --------------------------------------------------------------------------- the packaged file


def test_lexicon_entry_fields_are_compiled(packaged: Lexicon) -> None:
    by_id = {t.id: t for t in packaged.triggers}
    fall_to = by_id["capture.fall-to.v2"]
    assert fall_to.prep == (("to", None), ("into", None))
    assert fall_to.roles == {"place": ("subject",), "actor": ("prep:to|into",)}
    assert fall_to.requires == frozenset({"place"})  # the default of a capture
    come_under = by_id["capture.come-under.v2"]
    assert ("under", "control") in come_under.prep  # "under>control"
    assert by_id["withdraw.withdraw.v2"].requires == frozenset()  # a withdrawal may be placeless
    assert by_id["clash.clash.v2"].requires == frozenset()  # requires: []
    assert by_id["capture.advance.v2"].modality is Modality.ATTEMPT
    assert by_id["capture.storm.v2"].if_uncontested is EventType.CAPTURE
    assert by_id["withdraw.retreat-to.v2"].destination
    assert by_id["attack.kill.v2"].outcome
    assert by_id["strike.explosions.v2"].plural
    assert "part" in by_id["capture.take.v2"].not_object
    assert "hunger" in by_id["strike.strikes-on.v2"].not_modifier


def test_lexicon_irregular_forms_and_regular_inflections(packaged: Lexicon) -> None:
    take = next(t for t in packaged.triggers if t.id == "capture.take.v2")
    assert {"took", "taken", "taking"} <= take.forms
    assert {"seized", "seizing", "seizes"} <= inflections("seize", "verb", {})
    assert {"strikes"} <= inflections("strike", "noun", {})
    assert packaged.candidates("Rebels took the town.")
    assert not packaged.candidates("The market was busy on Monday.")


def test_lexicon_more_specific_entry_wins_on_the_same_token() -> None:
    _, match = match_of("Rebels took control of Bunia.", "capture.take-control.v2")
    assert match.span.text == "took control"  # not capture.take.v2 on "took"


def test_lexicon_classes(packaged: Lexicon) -> None:
    assert packaged.in_class("weapon_small_arms", "rifle")
    assert packaged.in_class("weapon_strike", "artillery")
    assert packaged.in_class("weapon_explosive", "landmine")
    assert packaged.in_class("protest", "protest")
    assert not packaged.in_class("weapon_strike", "quadcopter")


# --------------------------------------------------------------------------- a user file


def test_lexicon_user_file_adds_a_trigger_without_code(user_pipeline: Pipeline) -> None:
    text = "Ukrainian troops secured Kupiansk on Monday."
    assert events(frontlines.default_pipeline(), text) == []
    assert events(user_pipeline, text) == [("capture", "Kupyansk", "Armed Forces of Ukraine")]
    article = frontlines.read_text(text, id="t", published=PUBLISHED)
    (event,) = user_pipeline.run(article).events
    assert event.evidence[0].rule == "capture.secure.user"
    # its not_object keeps the other sense out
    assert events(user_pipeline, "The government secured a deal with donors on Monday.") == []


def test_lexicon_user_file_extends_a_class(user_pipeline: Pipeline) -> None:
    text = "Russian forces attacked Kupiansk with quadcopters on Monday."
    assert events(frontlines.default_pipeline(), text) == [
        ("attack", "Kupyansk", "Russian Armed Forces")
    ]
    assert events(user_pipeline, text) == [("strike", "Kupyansk", "Russian Armed Forces")]
    assert user_pipeline.extractor.lexicon.in_class("weapon_strike", "quadcopter")
    assert user_pipeline.extractor.lexicon.in_class("weapon_strike", "artillery")  # kept


def test_lexicon_user_entry_with_an_existing_id_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "fall.yaml"
    path.write_text(
        "triggers:\n"
        "  - {id: capture.fall-to.v2, type: capture, words: [fall], prep: [to],\n"
        "     confidence: 0.5, roles: {place: [subject], actor: ['prep:to']}}\n",
        encoding="utf-8",
    )
    lexicon = Lexicon.load([path])
    hits = [t for t in lexicon.triggers if t.id == "capture.fall-to.v2"]
    assert len(hits) == 1
    assert hits[0].confidence == 0.5 and hits[0].prep == (("to", None),)
    assert len(lexicon.triggers) == len(Lexicon.load().triggers)


# --------------------------------------------------------------------------- schema errors


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("version: 1\ntriggers: []\n", "schema version 1; this build reads 2"),
        ("triggers: {a: 1}\n", "'triggers' must be a list"),
        ("- just\n- a list\n", "expected a mapping"),
        ("triggers: [\n", "not valid YAML"),
        ("classes:\n  armed: soldier\n", "classes.armed: expected a list of words"),
        ("triggers:\n  - {id: x.v2, words: [take], roles: {}}\n",
         "triggers[0]: missing key 'type'"),
        ("triggers:\n  - {id: x.v2, type: conquest, words: [take]}\n", "triggers[0] (x.v2):"),
        ("triggers:\n  - {id: x.v2, type: capture, words: []}\n",
         "triggers[0] (x.v2): words: at least one lemma"),
        ("triggers:\n  - {id: x.v2, type: capture, words: [take], pos: adverb}\n",
         "pos 'adverb': expected verb, noun or adj"),
        ("triggers:\n  - {id: x.v2, type: capture, words: [take], roles: {victim: [object]}}\n",
         "unknown role 'victim'"),
        ("triggers:\n  - {id: x.v2, type: capture, words: [take], roles: {place: [objet]}}\n",
         "roles.place: bad slot 'objet'"),
        ("triggers:\n  - {id: x.v2, type: capture, words: [take], requires: [town]}\n",
         "requires: unknown role"),
        ("triggers:\n  - {id: x.v2, type: capture, words: take}\n", "words: expected a list"),
    ],
)  # fmt: skip
def test_lexicon_schema_error_names_the_file_and_the_entry(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        Lexicon.load([path])
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_lexicon_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(DataFileError, match="cannot read lexicon file") as info:
        Lexicon.load([path])
    assert info.value.path == str(path)
