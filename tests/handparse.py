"""Hand-built spaCy parses for model-free tests of the rule modules (as in ``test_syntax.py``).

A parse is written token by token: words, absolute head indices, dependency labels and, as a test
needs them, coarse tags, lemmas and morphology. No trained pipeline is loaded: the vocabulary is spaCy's
multi-language one, so lexical attributes (``lower_``, ``is_title``, ``like_num`` …) work, and a
language-dependent lookup falls back to every profile (see :func:`kg.lexicon.load_profile`).
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

VOCAB = spacy.blank("xx").vocab


def make(words, heads, deps, pos=None, lemmas=None, morphs=None, ents=()):
    """A parsed ``Doc``: ``heads`` are absolute indices (a token heading itself is a sentence root);
    ``ents`` are ``(start, end, label)`` named-entity spans, set as ``doc.ents``."""
    n = len(words)
    assert len(heads) == n and len(deps) == n, "one head and one label per word"
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos or ["X"] * n,
              lemmas=lemmas or [w.lower() for w in words], morphs=morphs)
    if ents:
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def flat(words, pos=None, lemmas=None):
    """A parse that only matters by its tokens: one sentence, every word hanging on the first."""
    return make(words, [0] * len(words), ["ROOT"] + ["dep"] * (len(words) - 1), pos=pos, lemmas=lemmas)
