"""Actors named by description (kg/resolve.py, ``DocEntities._described_actors`` and its helpers) on
hand-built parses with hand-set named entities: a body of a state ("the Malian government"), a group
of people ("Syrian rebels"), a group no place names ("the insurgents"), members that stand for their
country ("Hungarian officials"), and what is no actor of its own (a category noun before a name, a
person's party or government, several bodies)."""
import pytest

from handparse import make
from kg.gazetteer import load_gazetteer
from kg.lexicon import load_lexicon
from kg.model import ORGANIZATION, PERSON, Document
from kg.resolve import DocEntities

FR, EN = load_lexicon("fr"), load_lexicon("en")
GAZ = load_gazetteer()
PLUR = "Number=Plur"


def document(lang, doc_id="doc-1", **meta):
    return Document(doc_id, "test", lang, "", (0,), meta=meta)


def resolve(doc, lex, doc_id="doc-1", **meta):
    return DocEntities(doc, lex, GAZ, document(lex.lang, doc_id, **meta))


def entity(ents, key):
    return next(e for e in ents.entities() if e.key == key)


def organisations(ents):
    return [e for e in ents.entities() if e.type == ORGANIZATION]


# -- a body of a state: "the Malian government", "le gouvernement malien" ------------------------

def malian_government_en():
    # The Malian government closed the border.
    return make(["The", "Malian", "government", "closed", "the", "border"], [2, 2, 3, 3, 5, 3],
                ["det", "amod", "nsubj", "ROOT", "det", "dobj"], pos=["DET", "ADJ", "NOUN", "VERB", "DET", "NOUN"],
                lemmas=["the", "malian", "government", "close", "the", "border"])


def malian_government_fr():
    # Le gouvernement malien a fermé la frontière.
    return make(["Le", "gouvernement", "malien", "a", "fermé", "la", "frontière"], [1, 4, 1, 4, 4, 6, 4],
                ["det", "nsubj", "amod", "aux:tense", "ROOT", "det", "obj"],
                pos=["DET", "NOUN", "ADJ", "AUX", "VERB", "DET", "NOUN"],
                lemmas=["le", "gouvernement", "malien", "avoir", "fermer", "le", "frontière"])


@pytest.mark.parametrize("doc,lex,head,surface", [
    (malian_government_en(), EN, 2, ("Malian government", "en")),
    (malian_government_fr(), FR, 1, ("gouvernement malien", "fr")),
])
def test_government_with_nationality_adjective_is_the_government_of_that_country(doc, lex, head, surface):
    ents = resolve(doc, lex)
    key = ents.key_at(head)
    gov = entity(ents, key)
    assert (gov.label, gov.type, gov.part_of, gov.local_to) == ("Government of Mali", ORGANIZATION, "Mali", None)
    assert ents.is_named(key) and surface in gov.alt_labels
    assert entity(ents, "Mali").type == "Place"  # what it is part of is an entity of the document


def test_government_of_a_country_is_one_key_in_both_languages():
    en, fr = resolve(malian_government_en(), EN), resolve(malian_government_fr(), FR, doc_id="doc-2")
    assert en.key_at(2) == fr.key_at(1) == "Government_of_Mali"


def test_government_named_by_possessive_country_name():
    # Poland's government resigned.
    d = make(["Poland", "'s", "government", "resigned"], [2, 0, 3, 3], ["poss", "case", "nsubj", "ROOT"],
             pos=["PROPN", "PART", "NOUN", "VERB"], lemmas=["Poland", "'s", "government", "resign"], ents=[(0, 1, "GPE")])
    ents = resolve(d, EN)
    assert ents.key_at(2) == "Government_of_Poland" and entity(ents, "Government_of_Poland").part_of == "Poland"


def test_fr_government_with_country_complement():
    # Le gouvernement du Niger a démissionné.  (UD: 'Niger' nmod of 'gouvernement', case 'du')
    d = make(["Le", "gouvernement", "du", "Niger", "a", "démissionné"], [1, 5, 3, 1, 5, 5],
             ["det", "nsubj", "case", "nmod", "aux:tense", "ROOT"], pos=["DET", "NOUN", "ADP", "PROPN", "AUX", "VERB"],
             lemmas=["le", "gouvernement", "de", "Niger", "avoir", "démissionner"], ents=[(3, 4, "LOC")])
    ents = resolve(d, FR)
    assert ents.key_at(1) == "Government_of_Niger"
    assert ("gouvernement du Niger", "fr") in entity(ents, "Government_of_Niger").alt_labels


@pytest.mark.parametrize("lex,words,heads,deps,pos,lemmas,head", [
    # La police colombienne a arrêté trois suspects.
    (FR, ["La", "police", "colombienne", "a", "arrêté", "trois", "suspects"], [1, 4, 1, 4, 4, 6, 4],
     ["det", "nsubj", "amod", "aux:tense", "ROOT", "nummod", "obj"],
     ["DET", "NOUN", "ADJ", "AUX", "VERB", "NUM", "NOUN"],
     ["le", "police", "colombien", "avoir", "arrêter", "trois", "suspect"], 1),
    # The Colombian police arrested three suspects.
    (EN, ["The", "Colombian", "police", "arrested", "three", "suspects"], [2, 2, 3, 3, 5, 3],
     ["det", "amod", "nsubj", "ROOT", "nummod", "dobj"], ["DET", "ADJ", "NOUN", "VERB", "NUM", "NOUN"],
     ["the", "colombian", "police", "arrest", "three", "suspect"], 2),
])
def test_body_without_a_name_template_is_named_by_demonym_and_phrase(lex, words, heads, deps, pos, lemmas, head):
    ents = resolve(make(words, heads, deps, pos=pos, lemmas=lemmas), lex)
    assert ents.key_at(head) == "Colombian_Police"
    assert entity(ents, "Colombian_Police").part_of == "Colombia"


def test_fr_bare_government_belongs_to_the_datelines_country():
    # BAMAKO — Le gouvernement a démissionné.  (the dateline names a city of Mali)
    d = make(["Le", "gouvernement", "a", "démissionné"], [1, 3, 3, 3], ["det", "nsubj", "aux:tense", "ROOT"],
             pos=["DET", "NOUN", "AUX", "VERB"], lemmas=["le", "gouvernement", "avoir", "démissionner"])
    ents = resolve(d, FR, place="Bamako")
    assert ents.key_at(1) == "Government_of_Mali"
    assert ents.ref_at(1).cost == pytest.approx(0.25)  # less sure than a government the text ties to Mali
    # without a dateline or a country the text is about: whose government, the text does not say
    assert resolve(d, FR).key_at(1) is None


def test_en_bare_government_belongs_to_the_country_the_text_names_most():
    # Niger expelled the envoy. The government then closed Niger's border.
    d = make(["Niger", "expelled", "the", "envoy", ".", "The", "government", "then", "closed", "Niger", "'s", "border"],
             [1, 1, 3, 1, 1, 6, 8, 8, 8, 11, 9, 8],
             ["nsubj", "ROOT", "det", "dobj", "punct", "det", "nsubj", "advmod", "ROOT", "poss", "case", "dobj"],
             pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "ADV", "VERB", "PROPN", "PART", "NOUN"],
             lemmas=["Niger", "expel", "the", "envoy", ".", "the", "government", "then", "close", "Niger", "'s", "border"],
             ents=[(0, 1, "GPE"), (9, 10, "GPE")])
    assert resolve(d, EN).key_at(6) == "Government_of_Niger"


# -- a group of people: "Syrian rebels", "les rebelles syriens" ---------------------------------

def test_en_group_with_nationality_is_an_actor_named_in_english():
    # Syrian rebels shelled a checkpoint.
    d = make(["Syrian", "rebels", "shelled", "a", "checkpoint"], [1, 2, 2, 4, 2], ["amod", "nsubj", "ROOT", "det", "dobj"],
             pos=["ADJ", "NOUN", "VERB", "DET", "NOUN"], lemmas=["syrian", "rebel", "shell", "a", "checkpoint"],
             morphs=["", PLUR, "", "", ""])
    ents = resolve(d, EN)
    rebels = entity(ents, ents.key_at(1))
    assert (rebels.key, rebels.label, rebels.type, rebels.part_of, rebels.local_to) == \
        ("Syrian_rebels", "Syrian rebels", ORGANIZATION, "Syria", None)
    assert ents.is_named("Syrian_rebels")


def rebelles(modifier, lemma, ents=()):
    """Les rebelles <modifier> ont bombardé un poste."""
    return make(["Les", "rebelles", modifier, "ont", "bombardé", "un", "poste"], [1, 4, 1, 4, 4, 6, 4],
                ["det", "nsubj", "amod", "aux:tense", "ROOT", "det", "obj"],
                pos=["DET", "NOUN", "ADJ", "AUX", "VERB", "DET", "NOUN"],
                lemmas=["le", "rebelle", lemma, "avoir", "bombarder", "un", "poste"],
                morphs=["", PLUR, PLUR, "", "", "", ""])


def test_fr_group_with_nationality_is_the_same_actor_as_in_english():
    # Les rebelles syriens ont bombardé un poste.
    ents = resolve(rebelles("syriens", "syrien"), FR)
    assert ents.key_at(1) == "Syrian_rebels"


def test_en_group_with_identity_word_is_a_document_local_actor():
    # Tuareg rebels seized the town.  (an identity, no place: a group of this document)
    d = make(["Tuareg", "rebels", "seized", "the", "town"], [1, 2, 2, 4, 2], ["amod", "nsubj", "ROOT", "det", "dobj"],
             pos=["ADJ", "NOUN", "VERB", "DET", "NOUN"], lemmas=["tuareg", "rebel", "seize", "the", "town"],
             morphs=["", PLUR, "", "", ""])
    ents = resolve(d, EN, doc_id="doc-tuareg")
    rebels = entity(ents, ents.key_at(1))
    assert (rebels.label, rebels.part_of, rebels.local_to) == ("Tuareg rebels", None, "doc-tuareg")


def test_fr_group_with_identity_word_is_named_in_english():
    # Les rebelles touareg ont bombardé un poste.
    ents = resolve(rebelles("touareg", "touareg"), FR)
    assert entity(ents, ents.key_at(1)).label == "Tuareg rebels"


# -- a group no place names: "the insurgents", "les insurgés" ------------------------------------

@pytest.mark.parametrize("lex,words,heads,deps,pos,lemmas", [
    # The insurgents ambushed a convoy.
    (EN, ["The", "insurgents", "ambushed", "a", "convoy"], [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "dobj"],
     ["DET", "NOUN", "VERB", "DET", "NOUN"], ["the", "insurgent", "ambush", "a", "convoy"]),
    # Les insurgés ont tendu une embuscade.
    (FR, ["Les", "insurgés", "ont", "tendu", "une", "embuscade"], [1, 3, 3, 3, 5, 3],
     ["det", "nsubj", "aux:tense", "ROOT", "det", "obj"], ["DET", "NOUN", "AUX", "VERB", "DET", "NOUN"],
     ["le", "insurgé", "avoir", "tendre", "un", "embuscade"]),
])
def test_group_named_by_no_place_is_local_to_its_document(lex, words, heads, deps, pos, lemmas):
    d = make(words, heads, deps, pos=pos, lemmas=lemmas, morphs=["", PLUR] + [""] * (len(words) - 2))
    ents = resolve(d, lex, doc_id="doc-ambush")
    key = ents.key_at(1)
    group = entity(ents, key)
    assert (group.label, group.type, group.part_of, group.local_to) == ("Insurgents", ORGANIZATION, None, "doc-ambush")
    assert not ents.is_named(key)  # output only when a statement uses it
    assert key.startswith("Insurgents_")  # scoped to the document: never merged with another's


def test_local_group_keys_differ_between_documents_and_repeat_within_one():
    # The insurgents ambushed a convoy.  (the same words in two documents are two groups)
    d = make(["The", "insurgents", "ambushed", "a", "convoy"], [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "dobj"],
             pos=["DET", "NOUN", "VERB", "DET", "NOUN"], lemmas=["the", "insurgent", "ambush", "a", "convoy"],
             morphs=["", PLUR, "", "", ""])
    a, b, a2 = resolve(d, EN, doc_id="doc-a"), resolve(d, EN, doc_id="doc-b"), resolve(d, EN, doc_id="doc-a")
    assert a.key_at(1) != b.key_at(1)
    assert a.key_at(1) == a2.key_at(1)


def test_fr_definite_opposition_is_a_local_actor_and_an_indefinite_one_none():
    # L'opposition a boycotté le scrutin. / Une opposition a boycotté le scrutin.
    def opposition(det, lemma):
        return make([det, "opposition", "a", "boycotté", "le", "scrutin"], [1, 3, 3, 3, 5, 3],
                    ["det", "nsubj", "aux:tense", "ROOT", "det", "obj"], pos=["DET", "NOUN", "AUX", "VERB", "DET", "NOUN"],
                    lemmas=[lemma, "opposition", "avoir", "boycotter", "le", "scrutin"])
    ents = resolve(opposition("L'", "le"), FR, doc_id="doc-vote")
    assert entity(ents, ents.key_at(1)).local_to == "doc-vote"
    assert resolve(opposition("Une", "un"), FR).key_at(1) is None


@pytest.mark.parametrize("lex,words,heads,deps,pos,lemmas,count,noun", [
    # Three kidnappers fled in a van.
    (EN, ["Three", "kidnappers", "fled", "in", "a", "van"], [1, 2, 2, 2, 5, 3],
     ["nummod", "nsubj", "ROOT", "prep", "det", "pobj"], ["NUM", "NOUN", "VERB", "ADP", "DET", "NOUN"],
     ["three", "kidnapper", "flee", "in", "a", "van"], 0, 1),
    # Deux tireurs ont pris la fuite.
    (FR, ["Deux", "tireurs", "ont", "pris", "la", "fuite"], [1, 3, 3, 3, 5, 3],
     ["nummod", "nsubj", "aux:tense", "ROOT", "det", "obj"], ["NUM", "NOUN", "AUX", "VERB", "DET", "NOUN"],
     ["deux", "tireur", "avoir", "prendre", "le", "fuite"], 0, 1),
])
def test_counted_perpetrators_are_a_node_of_the_story(lex, words, heads, deps, pos, lemmas, count, noun):
    d = make(words, heads, deps, pos=pos, lemmas=lemmas, morphs=[""] * noun + [PLUR] + [""] * (len(words) - noun - 1))
    ents = resolve(d, lex, doc_id="doc-flight")
    key = ents.key_at(noun)
    assert ents.is_named(key)  # in no statement, still someone the story follows
    assert entity(ents, key).local_to == "doc-flight"
    assert f"{words[count]} {words[noun]}" in {text for text, _ in entity(ents, key).alt_labels}
    # uncounted, the same noun is a group only when a statement uses it
    bare = make(words[noun:], [h - noun for h in heads[noun:]], deps[noun:], pos=pos[noun:], lemmas=lemmas[noun:],
                morphs=[PLUR] + [""] * (len(words) - noun - 1))
    ents = resolve(bare, lex)
    assert ents.key_at(0) is None or not ents.is_named(ents.key_at(0))


def test_one_person_described_is_a_person_of_the_document():
    # A Syrian rebel was captured.  (one rebel: a person, not a group; unnamed, so this document's only)
    d = make(["A", "Syrian", "rebel", "was", "captured"], [2, 2, 4, 4, 4], ["det", "amod", "nsubjpass", "auxpass", "ROOT"],
             pos=["DET", "ADJ", "NOUN", "AUX", "VERB"], lemmas=["a", "syrian", "rebel", "be", "capture"],
             morphs=["", "", "Number=Sing", "", ""])
    ents = resolve(d, EN, doc_id="doc-capture")
    rebel = entity(ents, ents.key_at(2))
    assert (rebel.label, rebel.type, rebel.part_of, rebel.local_to) == ("Syrian rebel", PERSON, None, "doc-capture")
    assert resolve(d, EN, doc_id="doc-other").key_at(2) != ents.key_at(2)


def test_one_person_without_nationality_or_identity_is_no_actor():
    # The rebel was captured.  (whose, the text does not say)
    d = make(["The", "rebel", "was", "captured"], [1, 3, 3, 3], ["det", "nsubjpass", "auxpass", "ROOT"],
             pos=["DET", "NOUN", "AUX", "VERB"], lemmas=["the", "rebel", "be", "capture"],
             morphs=["", "Number=Sing", "", ""])
    assert resolve(d, EN).key_at(1) is None


# -- members of a state body stand for their country ---------------------------------------------

@pytest.mark.parametrize("lex,words,heads,deps,pos,lemmas,member", [
    # Hungarian officials criticised the plan.
    (EN, ["Hungarian", "officials", "criticised", "the", "plan"], [1, 2, 2, 4, 2], ["amod", "nsubj", "ROOT", "det", "dobj"],
     ["ADJ", "NOUN", "VERB", "DET", "NOUN"], ["hungarian", "official", "criticise", "the", "plan"], 1),
    # Des responsables hongrois ont critiqué le plan.
    (FR, ["Des", "responsables", "hongrois", "ont", "critiqué", "le", "plan"], [1, 4, 1, 4, 4, 6, 4],
     ["det", "nsubj", "amod", "aux:tense", "ROOT", "det", "obj"], ["DET", "NOUN", "ADJ", "AUX", "VERB", "DET", "NOUN"],
     ["un", "responsable", "hongrois", "avoir", "critiquer", "le", "plan"], 1),
])
def test_state_members_in_the_plural_stand_for_their_country(lex, words, heads, deps, pos, lemmas, member):
    d = make(words, heads, deps, pos=pos, lemmas=lemmas, morphs=[PLUR if i == member else "" for i in range(len(words))])
    ents = resolve(d, lex)
    assert ents.key_at(member) == "Hungary"
    assert organisations(ents) == []  # no "Hungarian officials" actor


@pytest.mark.parametrize("lex,noun,lemma,adj,adj_lemma,country,group", [
    # Des magistrats tunisiens ont protesté. / Des manifestants tunisiens ont protesté.
    (FR, "magistrats", "magistrat", "tunisiens", "tunisien", "Tunisia", None),
    (FR, "manifestants", "manifestant", "tunisiens", "tunisien", None, "Tunisian protesters"),
    # Iraqi servicemen protested. / Iraqi protesters protested.
    (EN, "servicemen", "serviceman", "Iraqi", "iraqi", "Iraq", None),
    (EN, "protesters", "protester", "Iraqi", "iraqi", None, "Iraqi protesters"),
])
def test_state_agents_stand_for_their_country_and_other_groups_are_actors(lex, noun, lemma, adj, adj_lemma,
                                                                           country, group):
    if lex is FR:
        d = make(["Des", noun, adj, "ont", "protesté"], [1, 4, 1, 4, 4], ["det", "nsubj", "amod", "aux:tense", "ROOT"],
                 pos=["DET", "NOUN", "ADJ", "AUX", "VERB"], lemmas=["un", lemma, adj_lemma, "avoir", "protester"],
                 morphs=["", PLUR, PLUR, "", ""])
    else:
        d = make([adj, noun, "protested"], [1, 2, 2], ["amod", "nsubj", "ROOT"], pos=["ADJ", "NOUN", "VERB"],
                 lemmas=[adj_lemma, lemma, "protest"], morphs=["", PLUR, ""])
    head = 1  # the noun
    ents = resolve(d, lex)
    if country:
        assert ents.key_at(head) == country and organisations(ents) == []
    else:
        actor = entity(ents, ents.key_at(head))
        assert (actor.label, actor.part_of, actor.local_to) == (group, "Iraq" if lex is EN else "Tunisia", None)


# -- a category noun before a name: the name is the entity ---------------------------------------

def syndicat(with_name):
    """Le syndicat français [Avenir Ouvrier] a appelé à la grève."""
    name = ["Avenir", "Ouvrier"] if with_name else []
    words = ["Le", "syndicat", "français"] + name + ["a", "appelé", "à", "la", "grève"]
    v = 3 + len(name) + 1  # the verb
    heads = [1, v, 1] + ([1, 3] if with_name else []) + [v, v, v + 3, v + 3, v]
    deps = ["det", "nsubj", "amod"] + (["nmod", "flat:name"] if with_name else []) + \
        ["aux:tense", "ROOT", "case", "det", "obl:arg"]
    pos = ["DET", "NOUN", "ADJ"] + (["PROPN", "PROPN"] if with_name else []) + ["AUX", "VERB", "ADP", "DET", "NOUN"]
    lemmas = ["le", "syndicat", "français"] + name + ["avoir", "appeler", "à", "le", "grève"]
    return make(words, heads, deps, pos=pos, lemmas=lemmas, ents=[(3, 5, "ORG")] if with_name else ())


def test_fr_category_noun_before_an_organisation_name_is_no_actor():
    # Le syndicat français Avenir Ouvrier a appelé à la grève.
    ents = resolve(syndicat(with_name=True), FR)
    assert ents.key_at(1) is None
    assert [e.label for e in organisations(ents)] == ["Avenir Ouvrier"]


def test_fr_category_noun_without_a_name_is_an_actor():
    # Le syndicat français a appelé à la grève.  (the same noun phrase without the name)
    ents = resolve(syndicat(with_name=False), FR)
    assert entity(ents, ents.key_at(1)).label == "French Trade Union"


def test_en_body_in_apposition_to_its_name_is_no_actor():
    # The Malian army, the Defence Corps, retook the town.
    d = make(["The", "Malian", "army", ",", "the", "Defence", "Corps", ",", "retook", "the", "town"],
             [2, 2, 8, 2, 6, 6, 2, 2, 8, 10, 8],
             ["det", "amod", "nsubj", "punct", "det", "compound", "appos", "punct", "ROOT", "det", "dobj"],
             pos=["DET", "ADJ", "NOUN", "PUNCT", "DET", "PROPN", "PROPN", "PUNCT", "VERB", "DET", "NOUN"],
             lemmas=["the", "malian", "army", ",", "the", "Defence", "Corps", ",", "retake", "the", "town"],
             ents=[(5, 7, "ORG")])
    ents = resolve(d, EN)
    assert ents.key_at(2) is None
    assert [e.label for e in organisations(ents)] == ["Defence Corps"]


def test_en_group_in_apposition_to_its_name_refers_to_the_name():
    # Colombian rebels, the Popular Front, freed two hostages.
    d = make(["Colombian", "rebels", ",", "the", "Popular", "Front", ",", "freed", "two", "hostages"],
             [1, 7, 1, 5, 5, 1, 1, 7, 9, 7],
             ["amod", "nsubj", "punct", "det", "compound", "appos", "punct", "ROOT", "nummod", "dobj"],
             pos=["ADJ", "NOUN", "PUNCT", "DET", "PROPN", "PROPN", "PUNCT", "VERB", "NUM", "NOUN"],
             lemmas=["colombian", "rebel", ",", "the", "Popular", "Front", ",", "free", "two", "hostage"],
             morphs=["", PLUR, "", "", "", "", "", "", "", PLUR], ents=[(4, 6, "ORG")])
    ents = resolve(d, EN)
    assert [r.key for r in ents.refer(d[1])] == ["Popular_Front"]


# -- a body of a person, or of someone named by a pronoun ---------------------------------------

def test_en_government_of_a_person_is_no_actor():
    # WARSAW — Jan Novak's government resigned.  (whereas "Poland's government" is the Government of Poland)
    d = make(["Jan", "Novak", "'s", "government", "resigned"], [1, 3, 1, 4, 4],
             ["compound", "poss", "case", "nsubj", "ROOT"],
             pos=["PROPN", "PROPN", "PART", "NOUN", "VERB"], lemmas=["Jan", "Novak", "'s", "government", "resign"],
             ents=[(0, 2, "PERSON")])
    ents = resolve(d, EN, place="Warsaw")  # even in an article about Poland
    assert ents.key_at(3) is None and organisations(ents) == []


def test_fr_government_of_a_person_is_no_actor():
    # VARSOVIE — Le gouvernement de Jan Novak a démissionné.
    d = make(["Le", "gouvernement", "de", "Jan", "Novak", "a", "démissionné"], [1, 6, 3, 1, 3, 6, 6],
             ["det", "nsubj", "case", "nmod", "flat:name", "aux:tense", "ROOT"],
             pos=["DET", "NOUN", "ADP", "PROPN", "PROPN", "AUX", "VERB"],
             lemmas=["le", "gouvernement", "de", "Jan", "Novak", "avoir", "démissionner"], ents=[(3, 5, "PER")])
    ents = resolve(d, FR, place="Varsovie")
    assert ents.key_at(1) is None and organisations(ents) == []


@pytest.mark.parametrize("lex,words,heads,deps,pos,lemmas,morphs,head", [
    # WARSAW — His government resigned.
    (EN, ["His", "government", "resigned"], [1, 2, 2], ["poss", "nsubj", "ROOT"], ["PRON", "NOUN", "VERB"],
     ["his", "government", "resign"], None, 1),
    # VARSOVIE — Son gouvernement a démissionné.
    (FR, ["Son", "gouvernement", "a", "démissionné"], [1, 3, 3, 3], ["det", "nsubj", "aux:tense", "ROOT"],
     ["DET", "NOUN", "AUX", "VERB"], ["son", "gouvernement", "avoir", "démissionner"], ["Poss=Yes", "", "", ""], 1),
])
def test_government_with_a_possessive_pronoun_is_no_actor(lex, words, heads, deps, pos, lemmas, morphs, head):
    d = make(words, heads, deps, pos=pos, lemmas=lemmas, morphs=morphs)
    ents = resolve(d, lex, place="Varsovie" if lex is FR else "Warsaw")
    assert ents.key_at(head) is None and organisations(ents) == []
    # the same sentence with an article is the government of the dateline's country
    d = make(["The" if lex is EN else "Le"] + words[1:], heads, ["det"] + deps[1:], pos=["DET"] + pos[1:],
             lemmas=["the" if lex is EN else "le"] + lemmas[1:])
    assert resolve(d, lex, place="Varsovie" if lex is FR else "Warsaw").key_at(head) == "Government_of_Poland"


# -- several bodies ------------------------------------------------------------------------------

@pytest.mark.parametrize("lex,words,heads,deps,pos,lemmas", [
    # The 27 governments approved the plan.
    (EN, ["The", "27", "governments", "approved", "the", "plan"], [2, 2, 3, 3, 5, 3],
     ["det", "nummod", "nsubj", "ROOT", "det", "dobj"], ["DET", "NUM", "NOUN", "VERB", "DET", "NOUN"],
     ["the", "27", "government", "approve", "the", "plan"]),
    # Les 27 gouvernements ont approuvé le plan.
    (FR, ["Les", "27", "gouvernements", "ont", "approuvé", "le", "plan"], [2, 2, 4, 4, 4, 6, 4],
     ["det", "nummod", "nsubj", "aux:tense", "ROOT", "det", "obj"], ["DET", "NUM", "NOUN", "AUX", "VERB", "DET", "NOUN"],
     ["le", "27", "gouvernement", "avoir", "approuver", "le", "plan"]),
])
def test_several_bodies_are_no_actor(lex, words, heads, deps, pos, lemmas):
    d = make(words, heads, deps, pos=pos, lemmas=lemmas, morphs=["", "", PLUR] + [""] * (len(words) - 3))
    ents = resolve(d, lex, place="Bruxelles")
    assert ents.key_at(2) is None and organisations(ents) == []


@pytest.mark.model
@pytest.mark.parametrize("lang,text,label", [
    ("en", "Observers said the vote would be boycotted by the Sandinistas.", "Sandinistas"),
    ("fr", "Le texte a été voté malgré l'opposition des Harkis et des syndicats.", "Harkis"),
])
def test_group_written_as_a_name_is_a_node_without_a_statement(lang, text, label):
    """A group the text names with a capital inside the sentence ("the Sandinistas", "les Harkis") is a
    node of the graph even when it takes part in no statement, as a name would be; a group named by a
    common noun ("the unions") is not."""
    from kg.ingest import parse_text
    from kg.pipeline import extract

    (ex,) = list(extract([parse_text(text, source="<test>", lang=lang)]))
    labels = {e.label for e in ex.entities}
    assert label in labels
    assert not labels & {"Unions", "Syndicats", "Observers"}
