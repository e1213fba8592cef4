"""Argument roles, negation and modality on hand-built parses: no model needed.

The same rule must hold for a French parse in Universal Dependencies and an English parse in ClearNLP.
"""
import pytest
import spacy
from spacy.tokens import Doc

from kg.extract import syntax
from kg.lexicon import load_lexicon

FR, EN = load_lexicon("fr"), load_lexicon("en")
VOCAB = spacy.blank("xx").vocab  # lexical attributes (lower_) without a trained model


def make(words, heads, deps, pos=None, lemmas=None, morphs=None):
    # heads are absolute indices
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos or ["X"] * len(words),
              lemmas=lemmas or [w.lower() for w in words], morphs=morphs)
    return doc


def roles(args):
    return {k: [t.text for t in v] for k, v in args.items()}


def test_french_passive_agent_becomes_subject():
    # La Russie a été attaquée par la Géorgie
    d = make(["La", "Russie", "a", "été", "attaquée", "par", "la", "Géorgie"],
             [1, 4, 4, 4, 4, 7, 7, 4],
             ["det", "nsubj:pass", "aux:tense", "aux:pass", "ROOT", "case", "det", "obl:agent"],
             pos=["DET", "PROPN", "AUX", "AUX", "VERB", "ADP", "DET", "PROPN"])
    a = roles(syntax.arguments(d[4], FR))
    assert a[syntax.SUBJ] == ["Géorgie"] and a[syntax.OBJ] == ["Russie"]


def test_english_passive_agent_becomes_subject():
    # Russia was attacked by Georgia
    d = make(["Russia", "was", "attacked", "by", "Georgia"], [2, 2, 2, 2, 3],
             ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
             pos=["PROPN", "AUX", "VERB", "ADP", "PROPN"])
    a = roles(syntax.arguments(d[2], EN))
    assert a[syntax.SUBJ] == ["Georgia"] and a[syntax.OBJ] == ["Russia"]


def test_inverted_clitic_misparsed_as_passive_subject_stays_subject():
    # « ... », a-t-il averti : the parser labels -il nsubj:pass although the auxiliary is avoir
    d = make(["a", "-t", "-il", "averti"], [3, 3, 3, 3], ["aux:tense", "expl:subj", "nsubj:pass", "ROOT"],
             pos=["AUX", "PRON", "PRON", "VERB"], lemmas=["avoir", "-t", "il", "avertir"],
             morphs=["", "", "", "Voice=Pass|VerbForm=Part"])
    assert not syntax.is_passive(d[3])
    assert roles(syntax.arguments(d[3], FR))[syntax.SUBJ] == ["-il"]


def test_pronominal_perfect_misparsed_as_passive_keeps_its_subject():
    # L'armée s'est retirée de Kherson : the parser reads "s'" and "est" as a passive
    d = make(["L'", "armée", "s'", "est", "retirée", "de", "Kherson"], [1, 4, 4, 4, 4, 6, 4],
             ["det", "nsubj:pass", "expl:pass", "aux:pass", "ROOT", "case", "obl:arg"],
             pos=["DET", "NOUN", "PRON", "AUX", "VERB", "ADP", "PROPN"],
             lemmas=["le", "armée", "se", "être", "retirer", "de", "Kherson"],
             morphs=["", "", "Person=3|Reflex=Yes", "", "Voice=Pass|VerbForm=Part", "", ""])
    assert not syntax.is_passive(d[4])
    assert roles(syntax.arguments(d[4], FR))[syntax.SUBJ] == ["armée"]
    # with an agent, it is a passive all the same: "la loi s'est vue rejetée par le Sénat"
    d = make(["loi", "s'", "est", "rejetée", "par", "Sénat"], [3, 3, 3, 3, 5, 3],
             ["nsubj:pass", "expl:pass", "aux:pass", "ROOT", "case", "obl:agent"],
             pos=["NOUN", "PRON", "AUX", "VERB", "ADP", "PROPN"], morphs=["", "Reflex=Yes", "", "", "", ""])
    assert syntax.is_passive(d[3])


@pytest.mark.parametrize("lex,words,heads,deps,pos,target", [
    # a offert à la Grèce : UD oblique with case 'à'
    (FR, ["La", "France", "a", "offert", "à", "la", "Grèce"], [1, 3, 3, 3, 6, 6, 3],
     ["det", "nsubj", "aux:tense", "ROOT", "case", "det", "obl:arg"],
     ["DET", "PROPN", "AUX", "VERB", "ADP", "DET", "PROPN"], "Grèce"),
    # offered aid to Greece : ClearNLP prep + pobj
    (EN, ["France", "offered", "aid", "to", "Greece"], [1, 1, 1, 1, 3],
     ["nsubj", "ROOT", "dobj", "prep", "pobj"], ["PROPN", "VERB", "NOUN", "ADP", "PROPN"], "Greece"),
    # is providing intelligence to Greece : ClearNLP "dative" on the preposition itself
    (EN, ["France", "is", "providing", "intelligence", "to", "Greece"], [2, 2, 2, 2, 2, 4],
     ["nsubj", "aux", "ROOT", "dobj", "dative", "pobj"], ["PROPN", "AUX", "VERB", "NOUN", "ADP", "PROPN"], "Greece"),
])
def test_dative_is_the_same_role_in_both_schemes(lex, words, heads, deps, pos, target):
    d = make(words, heads, deps, pos=pos)
    pred = [t for t in d if t.dep_ == "ROOT"][0]
    assert [t.text for t in syntax.arguments(pred, lex)[syntax.IOBJ]] == [target]


def test_coordinated_verb_attached_to_embedded_clause_takes_main_subject():
    # X a assuré que son pays était prêt, mais a demandé ... : 'demandé' hangs on 'prêt' (conj)
    words = ["X", "a", "assuré", "que", "pays", "était", "prêt", "mais", "a", "demandé"]
    heads = [2, 2, 2, 6, 6, 6, 2, 9, 9, 6]
    deps = ["nsubj", "aux:tense", "ROOT", "mark", "nsubj", "cop", "ccomp", "cc", "aux:tense", "conj"]
    d = make(words, heads, deps, pos=["PROPN", "AUX", "VERB", "SCONJ", "NOUN", "AUX", "ADJ", "CCONJ", "AUX", "VERB"])
    assert roles(syntax.arguments(d[9], FR))[syntax.SUBJ] == ["X"]


def test_control_verb_shares_subject():
    # La Russie a nié préparer une incursion
    d = make(["Russie", "a", "nié", "préparer", "incursion"], [2, 2, 2, 2, 3],
             ["nsubj", "aux:tense", "ROOT", "xcomp", "obj"], pos=["PROPN", "AUX", "VERB", "VERB", "NOUN"],
             lemmas=["russie", "avoir", "nier", "préparer", "incursion"])
    assert roles(syntax.arguments(d[3], FR))[syntax.SUBJ] == ["Russie"]
    assert syntax.is_negated(d[3], FR)  # governed by a negating verb


def test_relative_pronoun_subject_is_its_antecedent():
    d = make(["Georgia", ",", "which", "denied", "it"], [0, 0, 3, 0, 3],
             ["ROOT", "punct", "nsubj", "relcl", "dobj"], pos=["PROPN", "PUNCT", "PRON", "VERB", "PRON"])
    assert roles(syntax.arguments(d[3], EN))[syntax.SUBJ] == ["Georgia"]


@pytest.mark.parametrize("lex,words,heads,deps,negated", [
    (FR, ["Russie", "n'", "a", "jamais", "menacé"], [4, 4, 4, 4, 4], ["nsubj", "advmod", "aux:tense", "advmod", "ROOT"], True),
    (FR, ["Russie", "a", "menacé", "plus"], [2, 2, 2, 2], ["nsubj", "aux:tense", "ROOT", "advmod"], False),
    (EN, ["Turkey", "did", "not", "attack"], [3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT"], True),
    (EN, ["Turkey", "attacked"], [1, 1], ["nsubj", "ROOT"], False),
])
def test_negation(lex, words, heads, deps, negated):
    d = make(words, heads, deps)
    assert syntax.is_negated([t for t in d if t.dep_ == "ROOT"][0], lex) is negated


def test_modality_future_conditional_and_modal():
    fut = make(["Il", "rencontrera"], [1, 1], ["nsubj", "ROOT"], morphs=["", "Tense=Fut|VerbForm=Fin"])
    assert syntax.modality(fut[1], FR) == "Planned"
    cnd = make(["Il", "pourrait", "attaquer"], [1, 1, 1], ["nsubj", "ROOT", "xcomp"],
               lemmas=["il", "pouvoir", "attaquer"], morphs=["", "Mood=Cnd", "VerbForm=Inf"])
    assert syntax.modality(cnd[2], FR) == "Possible"
    will = make(["He", "will", "visit"], [2, 2, 2], ["nsubj", "aux", "ROOT"], lemmas=["he", "will", "visit"])
    assert syntax.modality(will[2], EN) == "Planned"
    could = make(["He", "could", "attack"], [2, 2, 2], ["nsubj", "aux", "ROOT"], lemmas=["he", "could", "attack"])
    assert syntax.modality(could[2], EN) == "Possible"
    plain = make(["He", "attacked"], [1, 1], ["nsubj", "ROOT"])
    assert syntax.modality(plain[1], EN) == "Asserted"


def test_a_participle_tagged_as_a_noun_after_its_perfect_auxiliary_is_a_verb():
    from kg.lexicon import load_lexicon
    fr = load_lexicon("fr")
    # Paul a téléphoné à Anne.  (the tagger read "téléphoné" as a noun)
    d = make(["Paul", "a", "téléphoné", "à", "Anne"], [2, 2, 2, 4, 2], ["nsubj", "aux:tense", "ROOT", "case", "nmod"],
             pos=["PROPN", "AUX", "NOUN", "ADP", "PROPN"], lemmas=["Paul", "avoir", "téléphoné", "à", "Anne"])
    assert syntax.is_mistagged_participle(d[2], fr)
    # le téléphone de Paul  (a noun: no auxiliary, no subject)
    d = make(["le", "téléphone", "de", "Paul"], [1, 1, 3, 1], ["det", "ROOT", "case", "nmod"],
             pos=["DET", "NOUN", "ADP", "PROPN"])
    assert not syntax.is_mistagged_participle(d[1], fr)
