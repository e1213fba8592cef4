"""The spaCy component nlp.add_pipe("kg") (kg/component.py): registration, requirements, extraction.

Model-free tests run the component on hand-built parses; the ones marked ``model`` run it in spaCy's own
pipelines and compare it with kg's.
"""
import doctest
import subprocess
import sys
import tomllib
from importlib import metadata

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import kg.component
from conftest import ROOT, SEED
from kg.errors import InputError

EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def declared_entry_point() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["entry-points"]["spacy_factories"][kg.component.FACTORY]


def scholz_doc(nlp):
    """ "Olaf Scholz met Donald Tusk in Warsaw." parsed by hand (ClearNLP labels); the NER found the two
    people only."""
    words = ["Olaf", "Scholz", "met", "Donald", "Tusk", "in", "Warsaw", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 6 + [False, False], heads=[1, 2, 2, 4, 2, 2, 5, 2],
              deps=["compound", "nsubj", "ROOT", "compound", "dobj", "prep", "pobj", "punct"],
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"],
              lemmas=["Olaf", "Scholz", "meet", "Donald", "Tusk", "in", "Warsaw", "."])
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 3, 5, "PERSON")]
    return doc


# -- registration -----------------------------------------------------------------------------------------
def test_importing_kg_component_registers_the_factory():
    assert Language.has_factory("kg")
    meta = Language.get_factory_meta("kg")
    assert meta.assigns == ["doc._.kg_entities", "doc._.kg_statements"]
    assert {"token.dep", "doc.ents", "token.lemma"} <= set(meta.requires)
    assert meta.default_config == {"gazetteer": True, "min_confidence": 0.0, "background": False}


def test_importing_kg_registers_it_when_spacy_is_loaded():
    code = ("import spacy, kg; from spacy.language import Language; print(Language.has_factory('kg'))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"


def test_the_declared_entry_point_is_the_factory():
    module, _, attr = declared_entry_point().partition(":")
    assert (module, attr) == ("kg.component", "make_kg")
    assert getattr(kg.component, attr) is kg.component.make_kg


def test_spacy_finds_the_component_through_the_entry_point(tmp_path):
    """A package declaring the entry point (as pyproject.toml does) is enough: a fresh process that
    never imports kg gets the factory from spaCy itself."""
    dist = tmp_path / "kg_entry_point_probe-0.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: kg-entry-point-probe\nVersion: 0.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[spacy_factories]\nkg = {declared_entry_point()}\n", encoding="utf-8")
    code = ("import sys, spacy; nlp = spacy.blank('fr'); print('kg.component' in sys.modules); "
            "nlp.add_pipe('kg', config={'gazetteer': False}); print(nlp.pipe_names)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["True", "['kg']"]


def test_the_installed_package_declares_the_entry_point():
    found = [ep for ep in metadata.entry_points(group="spacy_factories") if ep.name == "kg"]
    if not found:
        pytest.skip("the installed kg has no spacy_factories entry point yet: reinstall it "
                    "(pip install -e '.[test]', or make install after touching pyproject.toml)")
    assert found[0].value == declared_entry_point()


# -- requirements -----------------------------------------------------------------------------------------
def test_an_unsupported_language_is_refused():
    with pytest.raises(InputError, match=r"French \(fr\) and English \(en\) only; this pipeline's language is 'de'"):
        spacy.blank("de").add_pipe("kg")


@pytest.mark.parametrize("lang, labels, message", [
    ("en", ["nsubj", "obj", "obl"], "English parser with ClearNLP labels"),
    ("fr", ["nsubj", "dobj", "pobj", "prep"], "French parser with Universal Dependencies labels"),
])
def test_a_parser_of_another_scheme_is_refused(lang, labels, message):
    nlp = spacy.blank(lang)
    parser = nlp.add_pipe("parser")
    for label in labels:
        parser.add_label(label)
    with pytest.raises(InputError, match=message):
        nlp.add_pipe("kg", config={"gazetteer": False})


def test_ud_subtypes_count_as_their_type():
    nlp = spacy.blank("fr")
    parser = nlp.add_pipe("parser")
    for label in ("nsubj", "obj", "obl:mod", "obl:arg"):
        parser.add_label(label)
    assert nlp.add_pipe("kg", config={"gazetteer": False})


def test_a_doc_without_parse_or_entities_is_refused():
    nlp = spacy.blank("fr")
    nlp.add_pipe("kg", config={"gazetteer": False})
    with pytest.raises(InputError, match="needs a dependency parser.*an entity recognizer before it"):
        nlp("Bonjour tout le monde.")
    assert nlp("")._.kg_statements == []  # an empty text has nothing to annotate, and nothing to say


def test_a_bad_min_confidence_is_refused():
    with pytest.raises(InputError, match="from 0 to 1"):
        spacy.blank("en").add_pipe("kg", config={"min_confidence": 2})


# -- extraction on a hand-built parse ---------------------------------------------------------------------
@pytest.mark.parametrize("gazetteer", [True, False])
def test_the_component_sets_entities_and_statements(gazetteer):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("kg", config={"gazetteer": gazetteer})
    doc = component(scholz_doc(nlp))
    assert [(st.subject, st.relation, st.object) for st in doc._.kg_statements] == [
        ("Olaf_Scholz", "met", "Donald_Tusk")]
    st = doc._.kg_statements[0]
    assert doc.char_span(st.provenance.begin, st.provenance.end).text == st.provenance.sentence == doc.text
    keys = {e.key for e in doc._.kg_entities}
    # the gazetteer finds Warsaw, which the NER missed, in a copy: the user's entities stay as they were
    assert keys == ({"Olaf_Scholz", "Donald_Tusk", "Warsaw"} if gazetteer else {"Olaf_Scholz", "Donald_Tusk"})
    assert [e.text for e in doc.ents] == ["Olaf Scholz", "Donald Tusk"]


def test_min_confidence_leaves_statements_out():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("kg", config={"gazetteer": False, "min_confidence": 0.95})
    doc = component(scholz_doc(nlp))
    assert doc._.kg_statements == [] and doc._.kg_entities


def test_attributes_are_none_before_the_component_runs():
    nlp = spacy.blank("en")
    kg.component.set_extensions()
    doc = scholz_doc(nlp)
    assert doc._.kg_entities is None and doc._.kg_statements is None


# -- in spaCy's own pipelines -----------------------------------------------------------------------------
@pytest.mark.model
def test_the_docstring_examples_run():
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for t in finder.find(kg.component):
        runner.run(t)
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted >= 5, result


def _key(st):
    return st.subject, st.relation, st.object, st.quote, st.polarity, st.modality, st.confidence, st.provenance.sentence


@pytest.mark.model
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_component_in_spacys_pipeline_extracts_as_kg_does(path):
    """spaCy's model with kg's sentence starts and the component gives kg's own statements and entities."""
    from kg.ingest import read_document
    from kg.nlp import MODELS, load_pipeline
    from kg.pipeline import extract_document

    document = read_document(path)
    ours = extract_document(document, load_pipeline(document.lang)(document.text))
    nlp = spacy.load(MODELS[document.lang][0])
    nlp.add_pipe("kg_sentence_bounds", before="parser")
    nlp.add_pipe("kg")
    doc = nlp(document.text)
    # kg build keeps statements resting on background knowledge only when asked, as the component does
    assert {_key(st) for st in doc._.kg_statements} == {_key(st) for st in ours.statements if st.basis is None}
    assert {e.key for e in doc._.kg_entities} == {e.key for e in ours.entities}


@pytest.mark.model
def test_nlp_pipe_and_a_saved_pipeline(tmp_path):
    from kg.nlp import MODELS

    nlp = spacy.load(MODELS["fr"][0])
    nlp.add_pipe("kg")
    texts = [SEED.read_text(encoding="utf-8"), "Emmanuel Macron a rencontré Olaf Scholz à Berlin."]
    docs = list(nlp.pipe(texts, batch_size=2))
    assert all(doc._.kg_statements for doc in docs)
    for doc in docs:
        for st in doc._.kg_statements:
            assert doc.text[st.provenance.begin:st.provenance.end] == st.provenance.sentence
    met = {(st.subject, st.object) for st in docs[1]._.kg_statements if st.relation == "met"}
    assert met == {("Emmanuel_Macron", "Olaf_Scholz")}
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names[-1] == "kg"
    assert {_key(st) for st in again(texts[1])._.kg_statements} == {_key(st) for st in docs[1]._.kg_statements}


@pytest.mark.model
def test_background_knowledge_only_when_asked():
    from kg.ingest import read_document
    from kg.nlp import load_pipeline

    document = read_document(SEED)
    parsed = load_pipeline("fr")(document.text)
    plain = kg.component.KGComponent(spacy.blank("fr"), gazetteer=False)(parsed)._.kg_statements
    assert plain and all(st.basis is None for st in plain)
    background = kg.component.KGComponent(spacy.blank("fr"), gazetteer=False, background=True)(parsed)._.kg_statements
    extra = [st for st in background if st.basis is not None]
    assert extra and {st.basis for st in extra} == {"gazetteer"}
    assert [st for st in background if st.basis is None] == plain
