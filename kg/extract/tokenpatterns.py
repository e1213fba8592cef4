"""A small declarative matcher over tokens, in the spirit of spaCy's ``Matcher``, with named slots.

A pattern is a list of token specifications, each a dict of conditions and an optional operator and
slot, as in spaCy's token patterns::

    [{"ENTITY": "Place", "OP": "+", "SLOT": "subject"},
     {"ORTH": ","},
     {"LOWER": {"IN": ["dans", "in"]}, "OP": "?"},
     {"ENTITY": "Place", "OP": "+", "SLOT": "object"}]

Conditions on the token: ``ORTH``, ``TEXT``, ``LOWER``, ``LEMMA``, ``POS``, ``DEP`` (a value, or
``{"IN": [...]}`` / ``{"NOT_IN": [...]}`` / ``{"REGEX": "..."}``), ``IS_PUNCT``, ``IS_TITLE``,
``IS_UPPER``, ``LIKE_NUM`` (booleans), ``WORDS`` (the name of a word list the caller provides: the
lower-case form must be in it), and conditions on what the caller knows of the token: ``ENTITY`` (the
type of the entity the token belongs to: "Person", "Organization", "Place", or ``true`` for any),
``KIND`` (its gazetteer kind: "country", "region", "city", "organisation", "person"). Operators: ``?``,
``*``, ``+``, ``!`` (negation), as in spaCy. A ``SLOT`` names the tokens a specification matched.

spaCy's own ``Matcher`` cannot report which tokens matched which specification when patterns use
custom attributes, and constructions need exactly that: which tokens are the subject and which the
object. Matching is a backtracking search that prefers the longest match from each start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

from spacy.tokens import Doc, Token

#: the keys a token specification may have
TOKEN_KEYS = frozenset({
    "ORTH", "TEXT", "LOWER", "LEMMA", "POS", "DEP", "IS_PUNCT", "IS_TITLE", "IS_UPPER", "LIKE_NUM",
    "WORDS", "ENTITY", "KIND", "OP", "SLOT",
})
OPERATORS = frozenset({"?", "*", "+", "!"})


class PatternError(ValueError):
    """A token pattern that does not follow the syntax above."""


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    slots: Mapping[str, tuple[int, ...]]  # slot -> token indices


@lru_cache(maxsize=4096)
def _regex(expr: str) -> re.Pattern:
    return re.compile(expr)


def _value_ok(value: Any, cond: Any) -> bool:
    if isinstance(cond, dict):
        if "IN" in cond:
            return value in cond["IN"]
        if "NOT_IN" in cond:
            return value not in cond["NOT_IN"]
        if "REGEX" in cond:
            return value is not None and bool(_regex(cond["REGEX"]).search(str(value)))
        raise PatternError(f"unknown condition {sorted(cond)}; allowed: IN, NOT_IN, REGEX")
    return value == cond


def check_pattern(pattern: Sequence[Mapping[str, Any]], where: str) -> None:
    """Raise :class:`PatternError` naming ``where`` when a pattern is malformed."""
    if not isinstance(pattern, (list, tuple)) or not pattern:
        raise PatternError(f"{where}: a pattern is a non-empty list of token specifications")
    for i, spec in enumerate(pattern):
        if not isinstance(spec, dict):
            raise PatternError(f"{where}: token {i} is not an object")
        unknown = set(spec) - TOKEN_KEYS
        if unknown:
            raise PatternError(f"{where}: token {i} has unknown keys {sorted(unknown)}; allowed: {sorted(TOKEN_KEYS)}")
        if spec.get("OP", "1") not in OPERATORS | {"1"}:
            raise PatternError(f"{where}: token {i} has operator {spec['OP']!r}; allowed: ?, *, +, !")


class TokenView:
    """What a pattern may ask of a token besides its own attributes: the entity it belongs to and word
    lists by name. Built by the caller (see :mod:`kg.extract.constructions`)."""

    def __init__(self, entity_type: Callable[[int], str | None], kind: Callable[[int], str | None],
                 words: Mapping[str, frozenset[str]]):
        self.entity_type, self.kind, self.words = entity_type, kind, words


def token_ok(tok: Token, spec: Mapping[str, Any], view: TokenView) -> bool:
    """Whether a token meets every condition of a specification (the operator aside)."""
    for key, cond in spec.items():
        if key in ("OP", "SLOT"):
            continue
        if key == "ORTH" or key == "TEXT":
            ok = _value_ok(tok.text, cond)
        elif key == "LOWER":
            ok = _value_ok(tok.lower_.replace("’", "'"), cond)
        elif key == "LEMMA":
            ok = _value_ok(tok.lemma_.lower(), cond)
        elif key == "POS":
            ok = _value_ok(tok.pos_, cond)
        elif key == "DEP":
            ok = _value_ok(tok.dep_, cond)
        elif key == "IS_PUNCT":
            ok = tok.is_punct == cond
        elif key == "IS_TITLE":
            ok = tok.is_title == cond
        elif key == "IS_UPPER":
            ok = tok.is_upper == cond
        elif key == "LIKE_NUM":
            ok = tok.like_num == cond
        elif key == "WORDS":
            ok = tok.lower_.replace("’", "'") in view.words.get(cond, frozenset())
        elif key == "ENTITY":
            t = view.entity_type(tok.i)
            ok = (t is not None) if cond is True else (t is None) if cond is False else _value_ok(t, cond)
        elif key == "KIND":
            ok = _value_ok(view.kind(tok.i), cond)
        else:
            raise PatternError(f"unknown key {key!r}")
        if not ok:
            return False
    return True


def match_at(doc: Doc, start: int, pattern: Sequence[Mapping[str, Any]], view: TokenView,
             limit: int | None = None) -> Match | None:
    """The longest match of a pattern starting at token ``start`` (ending before ``limit``), or None."""
    n = len(doc) if limit is None else min(limit, len(doc))
    best: list[tuple[int, list[tuple[int, int]]] | None] = [None]

    def rec(p: int, i: int, taken: list[tuple[int, int]]) -> None:
        if p == len(pattern):
            if best[0] is None or i > best[0][0]:
                best[0] = (i, list(taken))
            return
        spec = pattern[p]
        op = spec.get("OP", "1")
        if op == "!":
            if i < n and token_ok(doc[i], spec, view):
                return
            rec(p + 1, i, taken)  # a negation consumes nothing
            return
        if op in ("?", "*"):
            rec(p + 1, i, taken)  # zero occurrences
        if i < n and token_ok(doc[i], spec, view):
            taken.append((p, i))
            if op in ("*", "+"):
                rec(p, i + 1, taken)  # more
            rec(p + 1, i + 1, taken)
            taken.pop()

    rec(0, start, [])
    if best[0] is None or best[0][0] == start:
        return None
    end, taken = best[0]
    slots: dict[str, list[int]] = {}
    for p, i in taken:
        slot = pattern[p].get("SLOT")
        if slot:
            slots.setdefault(slot, []).append(i)
    return Match(start, end, {k: tuple(v) for k, v in slots.items()})


def find_all(doc: Doc, pattern: Sequence[Mapping[str, Any]], view: TokenView,
             first: Mapping[str, Any] | None = None) -> list[Match]:
    """Every longest match of a pattern, one per start; a match may start on the last slot of the one
    before (a chain of places), never inside it otherwise. ``first`` is the pattern's first
    specification, to skip starts quickly."""
    out: list[Match] = []
    first = first if first is not None else pattern[0]
    quick = first.get("OP", "1") in ("1", "+")
    i = 0
    while i < len(doc):
        if quick and not token_ok(doc[i], first, view):
            i += 1
            continue
        m = match_at(doc, i, pattern, view, limit=doc[i].sent.end)
        if m is not None and (not out or m.slots != out[-1].slots or not m.slots):
            out.append(m)
            # the last slot may open the next match: "X, dans la banlieue de Y, la capitale de Z"
            last = max((t for toks in m.slots.values() for t in toks), default=m.end)
            i = max(i + 1, last)
        else:
            i += 1
    return out
