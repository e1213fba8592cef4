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
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
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
        self._columns: _Columns | None = None  # the token attributes of the last document matched


#: how a condition key reads a token (what :func:`token_ok` reads), as a column of the document
_COLUMN_OF = {
    "ORTH": lambda t: t.text, "TEXT": lambda t: t.text, "LOWER": lambda t: t.lower_.replace("’", "'"),
    "WORDS": lambda t: t.lower_.replace("’", "'"), "LEMMA": lambda t: t.lemma_.lower(),
    "POS": lambda t: t.pos_, "DEP": lambda t: t.dep_, "IS_PUNCT": lambda t: t.is_punct,
    "IS_TITLE": lambda t: t.is_title, "IS_UPPER": lambda t: t.is_upper, "LIKE_NUM": lambda t: t.like_num,
}

#: the columns read from the document's arrays: the string of the attribute's hash, then tidied
_ARRAY_OF = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "WORDS": LOWER, "LEMMA": LEMMA}
_TIDY = {"ORTH": str, "TEXT": str, "LOWER": lambda s: s.replace("’", "'"),
         "WORDS": lambda s: s.replace("’", "'"), "LEMMA": str.lower}


class _Columns:
    """The token attributes of a document that patterns ask for, read once per document and attribute
    (a spaCy ``Token`` object per token and question costs more than the matching itself), and the end
    of each token's sentence."""

    def __init__(self, doc: Doc):
        self.doc, self.length = doc, len(doc)
        self._cols: dict[str, list] = {}
        self._starts: dict[str, list[int]] = {}
        self._ends: list[int] | None = None

    def column(self, key: str) -> list:
        col = self._cols.get(key)
        if col is None:
            attr = _ARRAY_OF.get(key)
            if attr is not None:  # the texts through the string store, as Token reads them
                strings, seen = self.doc.vocab.strings, {}
                col = []
                for h in self.doc.to_array(attr).tolist():
                    text = seen.get(h)
                    if text is None:
                        text = seen[h] = _TIDY[key](strings[h])
                    col.append(text)
            else:
                read = _COLUMN_OF[key]
                col = [read(t) for t in self.doc]
            self._cols[key] = col
        return col

    def starts(self, spec: Mapping[str, Any], ok: Callable[[int], bool]) -> list[int]:
        """The tokens a specification accepts, in order (patterns of a language share their first)."""
        key = repr([(k, v) for k, v in spec.items() if k not in ("OP", "SLOT")])
        found = self._starts.get(key)
        if found is None:
            found = self._starts[key] = [i for i in range(self.length) if ok(i)]
        return found

    def sent_end(self, i: int) -> int:
        """``doc[i].sent.end``."""
        if self._ends is None:
            doc = self.doc
            if "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks \
                    or not doc.has_annotation("SENT_START"):
                return doc[i].sent.end  # spaCy's hooks, or its error on a document without sentences
            # a sentence ends where the next token that starts one is (Span.sent)
            starts = doc.to_array(SENT_START).tolist()
            ends, nxt = [0] * len(starts), len(starts)
            for j in range(len(starts) - 1, -1, -1):
                ends[j] = nxt
                if starts[j] == 1:
                    nxt = j
            self._ends = ends
        return self._ends[i]


def _columns(doc: Doc, view: TokenView) -> _Columns:
    cols = view._columns
    if cols is None or cols.doc is not doc or cols.length != len(doc):
        cols = view._columns = _Columns(doc)
    return cols


def _value_test(cond: Any) -> Callable[[Any], bool]:
    """:func:`_value_ok` with its condition fixed."""
    if isinstance(cond, dict):
        if "IN" in cond:
            values = cond["IN"]
            try:
                values = frozenset(values)
            except TypeError:
                pass
            return lambda value: value in values
        if "NOT_IN" in cond:
            values = cond["NOT_IN"]
            try:
                values = frozenset(values)
            except TypeError:
                pass
            return lambda value: value not in values
        if "REGEX" in cond:
            expr = cond["REGEX"]
            return lambda value: value is not None and bool(_regex(expr).search(str(value)))

        def unknown(value: Any) -> bool:
            raise PatternError(f"unknown condition {sorted(cond)}; allowed: IN, NOT_IN, REGEX")
        return unknown
    return lambda value: value == cond


def _condition(key: str, cond: Any, cols: _Columns, view: TokenView) -> Callable[[int], bool]:
    """One condition of :func:`token_ok` as a test of a token index."""
    if key == "WORDS":
        col, words = cols.column(key), view.words.get(cond, frozenset())
        return lambda i: col[i] in words
    if key == "ENTITY":
        entity_type = view.entity_type
        if cond is True:
            return lambda i: entity_type(i) is not None
        if cond is False:
            return lambda i: entity_type(i) is None
        if not isinstance(cond, dict):
            return lambda i: entity_type(i) == cond
        test = _value_test(cond)
        return lambda i: test(entity_type(i))
    if key == "KIND":
        kind, test = view.kind, _value_test(cond)
        return lambda i: test(kind(i))
    if key not in _COLUMN_OF:
        def unknown(i: int) -> bool:
            raise PatternError(f"unknown key {key!r}")
        return unknown
    col = cols.column(key)
    if not isinstance(cond, dict) or key.startswith(("IS_", "LIKE_")):
        return lambda i: col[i] == cond
    test = _value_test(cond)
    return lambda i: test(col[i])


def _compile(spec: Mapping[str, Any], cols: _Columns, view: TokenView) -> Callable[[int], bool]:
    """:func:`token_ok` of a specification over the tokens of one document, by token index: the same
    conditions, tested in the same order."""
    tests = [_condition(key, cond, cols, view) for key, cond in spec.items() if key not in ("OP", "SLOT")]
    if not tests:
        return lambda i: True
    if len(tests) == 1:
        return tests[0]

    def ok(i: int) -> bool:
        for test in tests:
            if not test(i):
                return False
        return True
    return ok


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
    cols = _columns(doc, view)
    return _match_at(cols, start, pattern, [_compile(spec, cols, view) for spec in pattern], limit)


def _match_at(cols: _Columns, start: int, pattern: Sequence[Mapping[str, Any]],
              tests: Sequence[Callable[[int], bool]], limit: int | None) -> Match | None:
    """:func:`match_at` with the pattern's specifications compiled for the document (:func:`_compile`)."""
    n = cols.length if limit is None else min(limit, cols.length)
    best: list[tuple[int, list[tuple[int, int]]] | None] = [None]
    size = len(pattern)
    ops = [spec.get("OP", "1") for spec in pattern]

    def rec(p: int, i: int, taken: list[tuple[int, int]]) -> None:
        if p == size:
            if best[0] is None or i > best[0][0]:
                best[0] = (i, list(taken))
            return
        op = ops[p]
        if op == "!":
            if i < n and tests[p](i):
                return
            rec(p + 1, i, taken)  # a negation consumes nothing
            return
        if op in ("?", "*"):
            rec(p + 1, i, taken)  # zero occurrences
        if i < n and tests[p](i):
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
    cols = _columns(doc, view)
    first_ok = _compile(first, cols, view)
    tests = [_compile(spec, cols, view) for spec in pattern]
    # the starts to try: those the first specification accepts, found once per document
    starts = cols.starts(first, first_ok) if quick else range(cols.length)
    k = 0
    while k < len(starts):
        i = starts[k]
        m = _match_at(cols, i, pattern, tests, cols.sent_end(i))
        if m is not None and (not out or m.slots != out[-1].slots or not m.slots):
            out.append(m)
            # the last slot may open the next match: "X, dans la banlieue de Y, la capitale de Z"
            last = max((t for toks in m.slots.values() for t in toks), default=m.end)
            k = bisect_left(starts, max(i + 1, last), k + 1)
        else:
            k += 1
    return out
