"""The model's attribute rules (tag -> POS, morphology, lemma exceptions), applied by lookup.

spaCy's ``attribute_ruler`` runs its ~180 rules through the general token ``Matcher``, which
took a third of the parse time on news sentences. Almost every rule tests one token's tag,
lower-cased form or dependency, so ``AttributeRules`` indexes the model's own rules by tag and
by form and applies them in the same order with the same effect (``tests/annotate`` checks the
tokens are identical to the full pipeline's). A rule shape it does not know (an operator, a
token attribute other than those) makes ``from_ruler`` return None, and the parser then keeps
spaCy's component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Check = Callable[[Any], bool]
_KNOWN = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the ruler's attribute id: later rules win
    checks: tuple[tuple[Check, ...], ...]  # per token of the pattern
    index: int  # which token of the match gets the attributes
    attrs: Mapping[int, Any]  # normalised by spaCy, as the ruler holds them


class AttributeRules:
    """Applies an ``AttributeRuler``'s rules to a parsed ``Doc``, as the ruler would."""

    def __init__(self, set_attrs: Callable[[Any, Any], None]) -> None:
        self._set = set_attrs
        # rules keyed by the first token's exact form or tag; ``checks`` hold what is left
        self._by_lower: dict[str, list[_Rule]] = {}
        self._by_tag: dict[str, list[_Rule]] = {}
        self._other: list[_Rule] = []

    @classmethod
    def from_ruler(cls, ruler: Any) -> AttributeRules | None:
        from spacy.tokens._retokenize import set_token_attrs

        out = cls(set_token_attrs)
        for order, (entry, attrs, index) in enumerate(
            zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True)
        ):
            for pattern in entry["patterns"]:
                if not all(set(tok) <= _KNOWN for tok in pattern):
                    return None
                first = pattern[0]
                key = next((k for k in ("LOWER", "TAG") if _exact(first.get(k))), None)
                checks = []
                for n, tok in enumerate(pattern):
                    made = [_check(k, v) for k, v in tok.items() if n or k != key]
                    if any(c is None for c in made):
                        return None
                    checks.append(tuple(c for c in made if c is not None))
                rule = _Rule(order, tuple(checks), index, attrs)
                if key is None:
                    out._other.append(rule)
                    continue
                table = out._by_lower if key == "LOWER" else out._by_tag
                value = first[key]
                for v in [value] if isinstance(value, str) else value["IN"]:
                    table.setdefault(str(v), []).append(rule)
        return out

    def __call__(self, doc: Any) -> Any:
        hits: list[tuple[int, int, _Rule]] = []
        n = len(doc)
        for tok in doc:
            i = tok.i
            for group in (self._by_lower.get(tok.lower_), self._by_tag.get(tok.tag_), self._other):
                for rule in group or ():
                    width = len(rule.checks)
                    if i + width > n:
                        continue
                    if all(c(tok) for c in rule.checks[0]) and all(
                        all(c(doc[i + k]) for c in rule.checks[k]) for k in range(1, width)
                    ):
                        hits.append((rule.order, i + rule.index, rule))
        hits.sort(key=lambda h: (h[0], h[1]))
        for _, i, rule in hits:
            self._set(doc[i], rule.attrs)
        return doc


def _exact(value: Any) -> bool:
    """A condition a lookup decides: a string, or a list of strings ("IN")."""
    return isinstance(value, str) or (isinstance(value, dict) and set(value) == {"IN"})


def _check(key: str, value: Any) -> Check | None:
    attr = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}[key]
    if isinstance(value, (bool, str)):
        wanted: Any = value

        def equal(t: Any) -> bool:
            return bool(getattr(t, attr) == wanted)

        return equal
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN":
            allowed = frozenset(arg)

            def member(t: Any) -> bool:
                return getattr(t, attr) in allowed

            return member
        if op == "NOT_IN":
            refused = frozenset(arg)

            def outside(t: Any) -> bool:
                return getattr(t, attr) not in refused

            return outside
        if op == "REGEX":
            rx = re.compile(arg)

            def matches(t: Any) -> bool:
                return rx.search(str(getattr(t, attr))) is not None

            return matches
    return None
