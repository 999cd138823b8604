"""The parser's attribute rules applied by lookup give the tokens spaCy's own component gives,
and the lexicon scan parses a sentence only when a trigger could match in it."""

from __future__ import annotations

import pytest

from frontlines.annotate.syntax import SyntaxParser
from frontlines.extraction.lexicon import Lexicon

SENTENCES = [
    "Taliban fighters took control of the governor's office in Kunduz on Sunday.",
    "The army said it hadn't withdrawn from the town, but there were reports of fighting.",
    "Y'all gonna see: let's go, c'mon, he ain't leaving Mariupol.",
    "Rebels were pushed back 3 km after they'd shelled the base with 82mm mortars.",
    "There is heavy fighting as government troops close in on Goma.",
    "   Officials   confirmed the capture\tof Ras Kamboni.",
]


@pytest.fixture(scope="module")
def parser() -> SyntaxParser:
    return SyntaxParser.load()


def test_attribute_rules_are_those_of_the_model(parser: SyntaxParser) -> None:
    assert parser._rules is not None  # the model's rules are all of a shape the lookup knows
    full = list(parser.nlp.pipe(SENTENCES))
    fast = list(parser._docs(SENTENCES))
    for a, b in zip(full, fast, strict=True):
        got = [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in b]
        assert got == [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in a]


def test_attribute_rules_can_be_switched_off(parser: SyntaxParser) -> None:
    plain = SyntaxParser(parser.nlp, fast_attributes=False)
    assert plain._rules is None
    [doc] = list(plain._docs(["The rebels seized Goma."]))
    assert [t.lemma_ for t in doc] == ["the", "rebel", "seize", "Goma", "."]


def test_scan_parses_only_where_a_trigger_can_match() -> None:
    lex = Lexicon.load()
    assert lex.candidates("Rebels seized the town.")
    # "forces" is a form of the verb "force", whose frames all need "into" or "out"
    assert not lex.candidates("Government forces were deployed to the region.")
    assert lex.candidates("The rebels forced the army out of the town.")
    # "flag" needs the verb of "raised the flag"
    assert not lex.candidates("The flag of the republic is green.")
    assert lex.candidates("Soldiers raised the flag over the town hall.")
