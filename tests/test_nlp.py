"""The pieces kg adds to spaCy's pipeline: the gazetteer's name matcher and the sentence bounds, whose
fast forms must find exactly what the plain ones found, and the build workers that start with them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from handparse import VOCAB
from spacy.tokens import Doc, Span

from kg.gazetteer import load_gazetteer
from kg.nlp import RULER_LABELS, GazetteerRuler, sentence_bounds, split_ruler_names

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def _texts(lang: str) -> list[str]:
    """Sample texts of a language: the examples, the annotated articles and sentences, and names that
    overlap or nest."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob(f"*.{lang}.txt"))]
    for name in ("wikinews-dev.jsonl", "plover-gsr-dev.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("lang") == lang and record.get("text"):
                texts.append(record["text"])
    texts += {
        "fr": ["L'Union européenne et l'OTAN ; Vladimir Poutine, Poutine, Union européenne européenne.",
               "La Corée du Sud et la Corée du Nord, la Corée. Les États-Unis d'Amérique, les États-Unis."],
        "en": ["The European Union and NATO; Vladimir Putin, Putin, European Union Union.",
               "South Korea and North Korea, Korea. The United States of America, the United States."],
    }[lang]
    return texts


def _ents(doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def _preset(doc):
    """Entities a model might have found: every other capitalised word, and some word pairs."""
    spans, last = [], -1
    for t in doc:
        if t.is_title and t.i > last and t.i % 2 == 0:
            end = t.i + 2 if t.i % 4 == 0 and t.i + 1 < len(doc) and doc[t.i + 1].is_title else t.i + 1
            spans.append(Span(doc, t.i, end, label="MISC"))
            last = end - 1
    doc.ents = spans
    return doc


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_gazetteer_ruler_finds_the_entity_rulers_spans(lang):
    gaz = load_gazetteer()
    plain = spacy.blank(lang).add_pipe("entity_ruler")
    plain.add_patterns(gaz.entity_ruler_patterns(lang, RULER_LABELS[lang]))
    fast = GazetteerRuler(plain.nlp.vocab)
    fast.add_names(gaz.ruler_names(lang, RULER_LABELS[lang]))
    found = 0
    for overwrite in (False, True):
        plain.overwrite = fast.overwrite = overwrite
        for preset in (False, True):  # over entities a model found, as the ruler after the NER
            for text in _texts(lang):
                a, b = plain.nlp.make_doc(text), plain.nlp.make_doc(text)
                if preset:
                    a, b = _preset(a), _preset(b)
                a, b = plain(a), fast(b)
                assert _ents(a) == _ents(b), (overwrite, preset, text[:80])
                assert [t.ent_iob_ for t in a] == [t.ent_iob_ for t in b]
                found += len(b.ents)
    assert found > 200


def test_the_gazetteer_ruler_keeps_the_longest_then_earliest_match():
    ruler = GazetteerRuler(VOCAB)
    ruler.add_names([("ORG", ("Union", "européenne"), "org:eu"), ("LOC", ("européenne", "et", "Corée"), "x:1"),
                     ("LOC", ("Corée",), "x:2"), ("ORG", ("Union",), "x:3")])
    doc = ruler(Doc(VOCAB, words=["Union", "européenne", "et", "Corée", ",", "Union", "européenne"]))
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("Union", "ORG", "x:3"),
                                                           ("européenne et Corée", "LOC", "x:1"),
                                                           ("Union européenne", "ORG", "org:eu")]
    assert len(ruler) == 4


def test_a_name_of_two_entries_with_one_label_is_tagged_once():
    ruler = GazetteerRuler(VOCAB)
    ruler.add_names([("PER", ("John", "Smith"), "person:b"), ("PER", ("John", "Smith"), "person:a")])
    doc = ruler(Doc(VOCAB, words=["John", "Smith", "said"]))
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("John Smith", "PER", "person:a")]
    assert [t.ent_iob_ for t in doc] == ["B", "I", "O"]  # set even where nothing matched, as the entity ruler


def test_ruler_names_are_the_entity_ruler_patterns():
    gaz = load_gazetteer()
    names = gaz.ruler_names("en")
    assert names == sorted(names) and len(names) > 100
    assert gaz.entity_ruler_patterns("en") == [
        {"label": label, "pattern": [{"ORTH": t} for t in tokens], "id": entry_id} for label, tokens, entry_id in names]


def test_single_words_go_after_the_model_acronyms_before_it():
    names = [("ORG", ("NATO",), "org:nato"), ("GPE", ("France",), "country:FR"), ("ORG", ("A",), "org:a"),
             ("PERSON", ("Joe", "Biden"), "person:Q6279")]
    early, late = split_ruler_names(names)
    assert early == [names[0], names[3]] and late == [names[1], names[2]]


# --- sentence bounds ------------------------------------------------------------------------------------

def _starts(words, spaces=None, max_tokens=None):
    return [t.is_sent_start for t in sentence_bounds(Doc(VOCAB, words=words, spaces=spaces), max_tokens)]


def test_a_sentence_starts_after_a_line_break_and_may_start_after_a_full_stop():
    words = ["Title", "\n\n", "He", "said", ":", "«", "No", ".", "»", "Then", "left", ".", "\n", "End"]
    spaces = [False, False, True, False, True, True, False, False, True, True, False, False, False, False]
    # "»" and "Then" follow a full stop (behind a closing quote): either may start a sentence, the parser says
    assert _starts(words, spaces) == [True, False, True, False, False, False, False, False, None, None, False,
                                      False, False, True]


def test_a_line_break_glued_to_a_word_starts_a_sentence():
    assert _starts(["a", "b\n", "c"]) == [True, False, True]


def test_tiny_documents_are_left_alone():
    assert _starts([]) == [] and _starts(["Word"]) == [True]


def test_a_long_run_is_cut_after_its_last_comma():
    words = ["w"] * 30 + [","] + ["w"] * 20
    starts = _starts(words, max_tokens=40)
    assert [i for i, s in enumerate(starts) if s] == [0, 31]


@pytest.mark.model
def test_the_pipeline_tags_gazetteer_names_around_the_model():
    from kg.nlp import load_pipeline

    nlp = load_pipeline("fr")
    names = nlp.pipe_names
    assert names.index("gazetteer_names") < names.index("ner") < names.index("gazetteer_words")
    assert isinstance(nlp.get_pipe("gazetteer_names"), GazetteerRuler)
    doc = nlp("Le ministre russe Sergueï Lavrov a rencontré le secrétaire général de l'OTAN à Vienne.")
    assert ("OTAN", "ORG") in [(e.text, e.label_) for e in doc.ents]


def _loaded_pipelines(_=None) -> int:
    from kg.nlp import load_pipeline

    return load_pipeline.cache_info().currsize


@pytest.mark.model
def test_build_workers_start_with_the_models_loaded():
    from kg.workers import worker_context

    ctx = worker_context()
    with ctx.Pool(2) as pool:
        # forked from the fork server that loaded both pipelines: nothing is loaded again in a worker
        assert pool.map(_loaded_pipelines, range(4)) == [2, 2, 2, 2]


# -- what kg does to spaCy's pipeline for speed: the same annotations, fewer CPU seconds -------------------

def test_a_word_list_answers_membership_as_the_list_does():
    from kg.nlp import _WordList

    words = ["être", "avoir", "aller", "être"]
    indexed = _WordList(words)
    assert indexed == words and isinstance(indexed, list)
    for probe in ("être", "avoir", "Être", "etre", "", "allerr"):
        assert (probe in indexed) == (probe in words)
    assert [1] not in indexed  # an unhashable probe is answered as a list would


@pytest.mark.model
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_indexed_lemma_tables_give_the_lemmatizers_lemmas(lang):
    from kg.nlp import MODELS, _index_lemma_words, _WordList

    nlp = spacy.load(MODELS[lang][0])
    texts = _texts(lang)
    before = [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]
    _index_lemma_words(nlp)
    lemmatizer = nlp.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    assert table and all(isinstance(words, _WordList) for words in table.values())
    lemmatizer.cache.clear()  # the lemmas are made again, through the indexed tables
    assert [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)] == before
    assert lemmatizer.lookups.to_bytes()  # the tables still serialise


def test_long_lived_objects_are_frozen_and_the_collector_restored():
    import gc

    from kg.nlp import long_lived

    thresholds = gc.get_threshold()
    with long_lived():
        assert gc.get_threshold()[0] == 0  # paused
        kept = [[i] for i in range(1000)]
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() >= len(kept)
    with pytest.raises(RuntimeError), long_lived():
        raise RuntimeError("a model that fails to load")
    assert gc.get_threshold() == thresholds
    gc.unfreeze()


def test_ruler_names_are_cached_by_what_they_come_from(tmp_path, monkeypatch):
    import shutil

    import kg.gazetteer
    from kg.nlp import _read_ruler_names, _ruler_names_cache, gazetteer_ruler_names

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    split = split_ruler_names(load_gazetteer().ruler_names("en", RULER_LABELS["en"]))
    assert gazetteer_ruler_names("en") == split  # split, then written
    [cached] = (tmp_path / "cache").glob("ruler-names-en-*.json")
    assert gazetteer_ruler_names("en") == split  # read back
    cached.write_text('{"format": "kg-ruler-names-1", "names": [["ORG"', encoding="utf-8")
    assert gazetteer_ruler_names("en") == split  # a broken file is split again
    assert _read_ruler_names(cached) == load_gazetteer().ruler_names("en", RULER_LABELS["en"])  # and rewritten

    # another gazetteer, another key
    folder = tmp_path / "gazetteer"
    shutil.copytree(kg.gazetteer.DEFAULT_DIR, folder)
    before = _ruler_names_cache("en", RULER_LABELS["en"])
    monkeypatch.setattr(kg.gazetteer, "DEFAULT_DIR", folder)
    assert _ruler_names_cache("en", RULER_LABELS["en"]) == before
    with (folder / "people.json").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert _ruler_names_cache("en", RULER_LABELS["en"]) != before


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path, monkeypatch):
    from kg.nlp import cache_dir, gazetteer_ruler_names

    monkeypatch.setenv("KG_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() is None
    assert gazetteer_ruler_names("fr") == split_ruler_names(load_gazetteer().ruler_names("fr", RULER_LABELS["fr"]))
    assert not list(tmp_path.iterdir())
    monkeypatch.delenv("KG_CACHE_DIR")
    assert cache_dir() == tmp_path / "kg"
