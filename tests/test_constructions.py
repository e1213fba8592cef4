"""Noun-phrase constructions that state a static relation (kg/extract/constructions.py with
ontologies/lexicon/{fr,en}/constructions.json), on hand-built parses with hand-set entities.

``find`` reads the document's entities through a small interface (``key_at``, ``type_of``,
``entry_of``, ``is_named``, ``gaz``); :class:`FakeEntities` gives it the entities a test states, linked
to the real gazetteer entries of real places (Lyon, Texas, France …) or to none for unknown ones."""
from dataclasses import dataclass

import pytest

from handparse import flat, make
from kg.errors import OntologyError
from kg.extract import constructions
from kg.extract.constructions import Found, find, load_constructions
from kg.gazetteer import load_gazetteer
from kg.model import ORGANIZATION, PERSON, PLACE

GAZ = load_gazetteer()

# real gazetteer entries the tests use
FRANCE, SPAIN, GERMANY = "country:FR", "country:ES", "country:DE"
LYON, MARSEILLE, MUNICH = "city:2996944", "city:2995469", "city:2867714"
HOUSTON, DALLAS = "city:4699066", "city:4684888"
TEXAS, OHIO, BAVARIA = "region:US-TX", "region:US-OH", "region:DE-BY"
DURBAN, KWAZULU_NATAL = "city:1007311", "region:ZA-KZN"  # a city whose region the gazetteer does not know
PS, SPD, ICRC = "org:parti-socialiste", "org:spd", "org:icrc"


@dataclass(frozen=True)
class E:
    """An entity a test states: tokens [start, end), its type, its gazetteer id (None: unknown to
    the gazetteer) and whether a proper name mentions it."""

    start: int
    end: int
    type: str
    gaz: str | None = None
    named: bool = True


class FakeEntities:
    """The part of :class:`kg.resolve.DocEntities` that ``constructions.find`` reads."""

    def __init__(self, doc, *entities: E):
        self.gaz = GAZ
        self._key, self._type, self._entry, self._named = {}, {}, {}, {}
        for e in entities:
            key = e.gaz or doc[e.start:e.end].text
            assert e.gaz is None or GAZ.get(e.gaz).type == e.type, "the test's type fits the gazetteer's"
            for i in range(e.start, e.end):
                self._key[i] = key
            self._type[key], self._named[key] = e.type, e.named
            self._entry[key] = GAZ.get(e.gaz) if e.gaz else None

    def key_at(self, i):
        return self._key.get(i)

    def type_of(self, key):
        return self._type[key]

    def entry_of(self, key):
        return self._entry[key]

    def is_named(self, key):
        return self._named[key]


def found(doc, lang, *entities: E):
    """(construction, relation, subject, object) of every construction found."""
    return [(f.construction, f.relation, f.subject, f.object)
            for f in find(doc, FakeEntities(doc, *entities), lang)]


def relations(doc, lang, *entities: E):
    return [(f.relation, f.subject, f.object) for f in find(doc, FakeEntities(doc, *entities), lang)]


# -- "X, Y." : a place, a comma and a larger place ending the phrase ---------------------------

def test_fr_place_comma_larger_place_at_phrase_end():
    # Le convoi est arrivé à Marseille, France.
    d = flat(["Le", "convoi", "est", "arrivé", "à", "Marseille", ",", "France", "."])
    assert found(d, "fr", E(5, 6, PLACE, MARSEILLE), E(7, 8, PLACE, FRANCE)) == \
        [("place-comma-larger-place", "located_in", MARSEILLE, FRANCE)]


def test_en_place_comma_larger_place_at_phrase_end():
    # The plane landed in Houston, Texas.
    d = flat(["The", "plane", "landed", "in", "Houston", ",", "Texas", "."])
    f = list(find(d, FakeEntities(d, E(4, 5, PLACE, HOUSTON), E(6, 7, PLACE, TEXAS)), "en"))
    assert f == [Found("place-comma-larger-place", "located_in", HOUSTON, TEXAS, 4, 7)]


def test_en_place_comma_larger_place_at_the_end_of_the_text():
    # ... in Dallas, Texas  (the last words of the text: no full stop needed)
    d = flat(["Officials", "in", "Dallas", ",", "Texas"])
    assert relations(d, "en", E(2, 3, PLACE, DALLAS), E(4, 5, PLACE, TEXAS)) == [("located_in", DALLAS, TEXAS)]


def test_place_comma_place_not_ending_the_phrase_is_no_construction():
    # Flights from Houston, Texas and Munich resumed.  ('and' follows: a list, not "Houston, Texas.")
    d = flat(["Flights", "from", "Houston", ",", "Texas", "and", "Munich", "resumed", "."])
    assert found(d, "en", E(2, 3, PLACE, HOUSTON), E(4, 5, PLACE, TEXAS), E(6, 7, PLACE, MUNICH)) == []


def test_unknown_place_may_lie_in_a_known_region():
    # The storm hit Springfield, Texas.  (Springfield: unknown to the gazetteer)
    d = flat(["The", "storm", "hit", "Springfield", ",", "Texas", "."])
    assert relations(d, "en", E(3, 4, PLACE), E(5, 6, PLACE, TEXAS)) == [("located_in", "Springfield", TEXAS)]


@pytest.mark.parametrize("lang,words", [
    # Il a visité Annecy, Lyon, France.  (the NER missed Annecy: "Lyon" is still the tail of a list)
    ("fr", ["Il", "a", "visité", "Annecy", ",", "Lyon", ",", "France", "."]),
    # She toured Annecy, Lyon, France.
    ("en", ["She", "toured", "Annecy", ",", "Lyon", ",", "France", "."]),
])
def test_tail_of_a_list_is_not_a_place_in_the_next(lang, words):
    lyon = words.index("Lyon")
    d = flat(words)
    assert found(d, lang, E(lyon, lyon + 1, PLACE, LYON), E(lyon + 2, lyon + 3, PLACE, FRANCE)) == []
    # the same two names without the list before them
    d = flat(words[:lyon - 2] + words[lyon:])
    lyon -= 2
    assert relations(d, lang, E(lyon, lyon + 1, PLACE, LYON), E(lyon + 2, lyon + 3, PLACE, FRANCE)) == \
        [("located_in", LYON, FRANCE)]


def test_comma_after_an_opening_adverb_is_no_list():
    # Meanwhile, Dallas, Texas, reported two deaths.
    d = flat(["Meanwhile", ",", "Dallas", ",", "Texas", ",", "reported", "two", "deaths", "."])
    assert relations(d, "en", E(2, 3, PLACE, DALLAS), E(4, 5, PLACE, TEXAS)) == [("located_in", DALLAS, TEXAS)]


def test_list_of_three_places_states_no_location():
    # L'équipe a joué à Madrid, Munich, Allemagne.  (every name tagged: a list, whatever the last two say)
    d = flat(["L'", "équipe", "a", "joué", "à", "Madrid", ",", "Munich", ",", "Allemagne", "."])
    assert found(d, "fr", E(5, 6, PLACE), E(7, 8, PLACE, MUNICH), E(9, 10, PLACE, GERMANY)) == []


def test_place_not_named_by_a_proper_name_takes_no_part():
    # The plane landed in Houston, Texas.  (if 'Texas' were known only from a demonym or a title)
    d = flat(["The", "plane", "landed", "in", "Houston", ",", "Texas", "."])
    assert found(d, "en", E(4, 5, PLACE, HOUSTON), E(6, 7, PLACE, TEXAS, named=False)) == []


# -- "X, Y, …" : English city and state with the sentence going on --------------------------------

def test_en_city_comma_state_comma_when_the_gazetteer_knows_the_containment():
    # Police in Dallas, Texas, said ...
    d = flat(["Police", "in", "Dallas", ",", "Texas", ",", "said"])
    assert found(d, "en", E(2, 3, PLACE, DALLAS), E(4, 5, PLACE, TEXAS)) == \
        [("place-comma-larger-place-comma", "located_in", DALLAS, TEXAS)]


def test_en_city_comma_state_comma_needs_both_places_known():
    # Police in Springfield, Texas, said ...  (Springfield unknown: no known containment)
    d = flat(["Police", "in", "Springfield", ",", "Texas", ",", "said"])
    assert found(d, "en", E(2, 3, PLACE), E(4, 5, PLACE, TEXAS)) == []


def test_en_city_comma_state_comma_refused_when_the_gazetteer_knows_otherwise():
    # Police in Munich, Texas, said ...  (the gazetteer's Munich is in Bavaria)
    d = flat(["Police", "in", "Munich", ",", "Texas", ",", "said"])
    assert found(d, "en", E(2, 3, PLACE, MUNICH), E(4, 5, PLACE, TEXAS)) == []


# -- "X, dans le sud de Y", "X, in southeastern Y" -----------------------------------------------

def test_fr_place_comma_in_area_of_larger_place():
    # Marseille, dans le sud de la France, a voté.
    d = flat(["Marseille", ",", "dans", "le", "sud", "de", "la", "France", ",", "a", "voté"])
    assert found(d, "fr", E(0, 1, PLACE, MARSEILLE), E(7, 8, PLACE, FRANCE)) == \
        [("place-comma-in-area-of-larger-place", "located_in", MARSEILLE, FRANCE)]


def test_fr_area_with_elided_article_and_compound_direction():
    # Munich, dans le sud-est de l'Allemagne
    d = flat(["Munich", ",", "dans", "le", "sud-est", "de", "l'", "Allemagne"])
    assert relations(d, "fr", E(0, 1, PLACE, MUNICH), E(7, 8, PLACE, GERMANY)) == [("located_in", MUNICH, GERMANY)]


def test_en_place_comma_in_area_adjective_larger_place():
    # Houston, in southeastern Texas, flooded.
    d = flat(["Houston", ",", "in", "southeastern", "Texas", ",", "flooded"])
    assert found(d, "en", E(0, 1, PLACE, HOUSTON), E(4, 5, PLACE, TEXAS)) == \
        [("place-comma-in-area-of-larger-place", "located_in", HOUSTON, TEXAS)]


def test_en_place_comma_in_the_area_of_larger_place():
    # Dallas, in the north of Texas
    d = flat(["Dallas", ",", "in", "the", "north", "of", "Texas"])
    assert relations(d, "en", E(0, 1, PLACE, DALLAS), E(6, 7, PLACE, TEXAS)) == [("located_in", DALLAS, TEXAS)]


def test_place_in_area_of_a_place_of_another_country_is_refused():
    # Lyon, dans le nord de l'Ohio  (the gazetteer's Lyon is in France)
    d = flat(["Lyon", ",", "dans", "le", "nord", "de", "l'", "Ohio"])
    assert found(d, "fr", E(0, 1, PLACE, LYON), E(7, 8, PLACE, OHIO)) == []


def test_city_in_the_suburbs_of_a_city_of_the_same_region_is_refused_by_level():
    # Houston, dans la banlieue de Dallas  (the gazetteer cannot tell; two cities are of one level)
    d = flat(["Houston", ",", "dans", "la", "banlieue", "de", "Dallas"])
    assert GAZ.contains(DALLAS, HOUSTON) is None
    assert found(d, "fr", E(0, 1, PLACE, HOUSTON), E(6, 7, PLACE, DALLAS)) == []


# -- "X, au Y", "X, in Y" ------------------------------------------------------------------------

def test_fr_place_comma_preposition_larger_place():
    # Dallas, au Texas
    d = flat(["Dallas", ",", "au", "Texas"])
    assert found(d, "fr", E(0, 1, PLACE, DALLAS), E(3, 4, PLACE, TEXAS)) == \
        [("place-comma-in-larger-place", "located_in", DALLAS, TEXAS)]


def test_en_place_comma_preposition_larger_place():
    # Munich, in Bavaria
    d = flat(["Munich", ",", "in", "Bavaria"])
    assert found(d, "en", E(0, 1, PLACE, MUNICH), E(3, 4, PLACE, BAVARIA)) == \
        [("place-comma-in-larger-place", "located_in", MUNICH, BAVARIA)]


@pytest.mark.parametrize("lang,words", [
    # L'Espagne affronte la France, à Lyon.
    ("fr", ["L'", "Espagne", "affronte", "la", "France", ",", "à", "Lyon", "."]),
    # Spain plays France, in Lyon.
    ("en", ["Spain", "plays", "France", ",", "in", "Lyon", "."]),
])
def test_country_is_never_in_a_city(lang, words):
    d = flat(words)
    es, fr, ly = words.index("Espagne" if lang == "fr" else "Spain"), words.index("France"), words.index("Lyon")
    assert found(d, lang, E(es, es + 1, PLACE, SPAIN), E(fr, fr + 1, PLACE, FRANCE), E(ly, ly + 1, PLACE, LYON)) == []


def test_known_country_is_in_no_unknown_place():
    # la France, en Westeros  (a country lies in no place the gazetteer does not know)
    d = flat(["la", "France", ",", "en", "Westeros"])
    assert found(d, "fr", E(1, 2, PLACE, FRANCE), E(4, 5, PLACE)) == []


# -- "X (Y)" -------------------------------------------------------------------------------------

def test_fr_place_parenthesis_larger_place():
    # Houston (Texas) a été inondée.
    d = flat(["Houston", "(", "Texas", ")", "a", "été", "inondée"])
    assert found(d, "fr", E(0, 1, PLACE, HOUSTON), E(2, 3, PLACE, TEXAS)) == \
        [("place-parenthesis-larger-place", "located_in", HOUSTON, TEXAS)]


def test_en_place_parenthesis_larger_place():
    # Munich (Bavaria) hosted the talks.
    d = flat(["Munich", "(", "Bavaria", ")", "hosted", "the", "talks"])
    assert found(d, "en", E(0, 1, PLACE, MUNICH), E(2, 3, PLACE, BAVARIA)) == \
        [("place-parenthesis-larger-place", "located_in", MUNICH, BAVARIA)]


def test_place_parenthesis_place_of_another_country_is_refused():
    # Munich (Texas)
    d = flat(["Munich", "(", "Texas", ")"])
    assert found(d, "en", E(0, 1, PLACE, MUNICH), E(2, 3, PLACE, TEXAS)) == []


def test_city_of_unknown_region_lies_in_a_region_by_level_not_the_reverse():
    # Durban (KwaZulu-Natal) / KwaZulu-Natal (Durban) : the gazetteer knows neither containment, the
    # levels decide (a city lies in a region, a region in no city)
    assert GAZ.contains(KWAZULU_NATAL, DURBAN) is None
    d = flat(["Durban", "(", "KwaZulu-Natal", ")"])
    assert relations(d, "en", E(0, 1, PLACE, DURBAN), E(2, 3, PLACE, KWAZULU_NATAL)) == \
        [("located_in", DURBAN, KWAZULU_NATAL)]
    # the larger place first and the smaller in parentheses: the same fact ("east Sudan (Darfur)")
    d = flat(["KwaZulu-Natal", "(", "Durban", ")"])
    assert relations(d, "en", E(0, 1, PLACE, KWAZULU_NATAL), E(2, 3, PLACE, DURBAN)) == \
        [("located_in", DURBAN, KWAZULU_NATAL)]


# -- an organisation or a place with a complement of place on the noun ---------------------------

def test_en_organisation_with_place_complement_on_the_noun():
    # The Lakeside Medical Center in Dallas said ...  ('in Dallas' hangs on 'Center')
    d = make(["The", "Lakeside", "Medical", "Center", "in", "Dallas", "said"], [3, 3, 3, 6, 3, 4, 6],
             ["det", "compound", "compound", "nsubj", "prep", "pobj", "ROOT"],
             pos=["DET", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "VERB"])
    assert found(d, "en", E(1, 4, ORGANIZATION), E(5, 6, PLACE, DALLAS)) == \
        [("organisation-or-place-in-place", "located_in", "Lakeside Medical Center", DALLAS)]


def test_en_place_complement_on_the_verb_is_not_the_organisations():
    # Doctors met the Lakeside Medical Center in Dallas.  ('in Dallas' hangs on 'met')
    d = make(["Doctors", "met", "the", "Lakeside", "Medical", "Center", "in", "Dallas"], [1, 1, 5, 5, 5, 1, 1, 6],
             ["nsubj", "ROOT", "det", "compound", "compound", "dobj", "prep", "pobj"],
             pos=["NOUN", "VERB", "DET", "PROPN", "PROPN", "PROPN", "ADP", "PROPN"])
    assert found(d, "en", E(3, 6, ORGANIZATION), E(7, 8, PLACE, DALLAS)) == []


def test_fr_organisation_with_place_complement_on_the_noun():
    # La Fondation Lumière à Lyon a fermé.  (UD: 'Lyon' nmod of 'Fondation', with case 'à')
    d = make(["La", "Fondation", "Lumière", "à", "Lyon", "a", "fermé"], [1, 6, 1, 4, 1, 6, 6],
             ["det", "nsubj", "flat:name", "case", "nmod", "aux:tense", "ROOT"],
             pos=["DET", "PROPN", "PROPN", "ADP", "PROPN", "AUX", "VERB"])
    assert found(d, "fr", E(1, 3, ORGANIZATION), E(4, 5, PLACE, LYON)) == \
        [("organisation-or-place-in-place", "located_in", "Fondation Lumière", LYON)]


def test_fr_place_complement_on_the_verb_is_not_the_organisations():
    # Ils ont rencontré la Fondation Lumière à Lyon.  (UD: 'Lyon' obl of 'rencontré')
    d = make(["Ils", "ont", "rencontré", "la", "Fondation", "Lumière", "à", "Lyon"], [2, 2, 2, 4, 2, 4, 7, 2],
             ["nsubj", "aux:tense", "ROOT", "det", "obj", "flat:name", "case", "obl:mod"],
             pos=["PRON", "AUX", "VERB", "DET", "PROPN", "PROPN", "ADP", "PROPN"])
    assert found(d, "fr", E(4, 6, ORGANIZATION), E(7, 8, PLACE, LYON)) == []


def test_known_organisation_is_not_placed_in_an_unknown_place():
    # The Red Cross in Springfield said ...  (a known organisation, a place the gazetteer does not know)
    d = make(["The", "Red", "Cross", "in", "Springfield", "said"], [2, 2, 5, 2, 3, 5],
             ["det", "compound", "nsubj", "prep", "pobj", "ROOT"],
             pos=["DET", "PROPN", "PROPN", "ADP", "PROPN", "VERB"])
    assert found(d, "en", E(1, 3, ORGANIZATION, ICRC), E(4, 5, PLACE)) == []
    assert relations(d, "en", E(1, 3, ORGANIZATION), E(4, 5, PLACE)) == \
        [("located_in", "Red Cross", "Springfield")]  # unknown to the gazetteer, it may be anywhere


# -- "X (PARTI)" ----------------------------------------------------------------------------------

def test_fr_person_with_party_in_parentheses():
    # Marie Durand (PS) a voté contre.
    d = flat(["Marie", "Durand", "(", "PS", ")", "a", "voté", "contre"])
    assert found(d, "fr", E(0, 2, PERSON), E(3, 4, ORGANIZATION, PS)) == \
        [("person-party-in-parentheses", "member_of", "Marie Durand", PS)]


def test_en_person_with_party_and_more_in_parentheses():
    # Anna Weber (SPD, Bavaria) voted against.  (a comma may close the party)
    d = flat(["Anna", "Weber", "(", "SPD", ",", "Bavaria", ")", "voted", "against"])
    assert relations(d, "en", E(0, 2, PERSON), E(3, 4, ORGANIZATION, SPD), E(5, 6, PLACE, BAVARIA)) == \
        [("member_of", "Anna Weber", SPD)]


@pytest.mark.parametrize("lang,words", [
    # Marie Durand (Lyon) a voté contre.
    ("fr", ["Marie", "Durand", "(", "Lyon", ")", "a", "voté", "contre"]),
    # Anna Weber (Lyon) voted against.
    ("en", ["Anna", "Weber", "(", "Lyon", ")", "voted", "against"]),
])
def test_person_with_a_place_in_parentheses_is_no_membership(lang, words):
    d = flat(words)
    assert found(d, lang, E(0, 2, PERSON), E(3, 4, PLACE, LYON)) == []


# -- "X, a researcher at Y", "X, de la CGT," : what a person is at an organisation --------------------

def test_en_person_comma_occupation_at_organisation():
    # Lena Park, a senior economist at Oxfam, said prices rose.
    words = ["Lena", "Park", ",", "a", "senior", "economist", "at", "Oxfam", ",", "said"]
    d = flat(words, pos=["PROPN", "PROPN", "PUNCT", "DET", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT", "VERB"])
    assert relations(d, "en", E(0, 2, PERSON), E(7, 8, ORGANIZATION)) == [("member_of", "Lena Park", "Oxfam")]


def test_fr_person_comma_occupation_at_organisation():
    # Paul Girard, chercheur au CNRS, a publié l'étude.
    words = ["Paul", "Girard", ",", "chercheur", "au", "CNRS", ",", "a", "publié"]
    d = flat(words, pos=["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PUNCT", "AUX", "VERB"])
    assert relations(d, "fr", E(0, 2, PERSON), E(5, 6, ORGANIZATION)) == [("member_of", "Paul Girard", "CNRS")]


@pytest.mark.parametrize("lang,words,pos,org", [
    # Lena Park, the chairman of Oxfam, said …  (an office: the role rules' role_in, not this)
    ("en", ["Lena", "Park", ",", "the", "chairman", "of", "Oxfam", ",", "said"],
     ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "VERB"], (6, 7)),
    # Lena Park, members of Oxfam, …  (a plural noun is no apposition to one person)
    ("en", ["Lena", "Park", ",", "members", "of", "Oxfam", ",", "said"],
     ["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PUNCT", "VERB"], (5, 6)),
    # Paul Girard, le rapporteur du texte, …  (a description standing for an organisation, no name)
    ("fr", ["Paul", "Girard", ",", "le", "rapporteur", "du", "texte", ",", "a", "dit"],
     ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "NOUN", "PUNCT", "AUX", "VERB"], (6, 7)),
    # Paul Girard, boulanger à Lyon Gourmet … : "boulanger" is no agent or role kg knows
    ("fr", ["Paul", "Girard", ",", "boulanger", "à", "Lyon", "Gourmet", ",", "a", "dit"],
     ["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "AUX", "VERB"], (5, 7)),
])
def test_occupation_construction_refuses_offices_plurals_descriptions_and_unknown_nouns(lang, words, pos, org):
    d = flat(words, pos=pos, lemmas=[w.lower().rstrip("s") if w == "members" else w.lower() for w in words])
    if lang == "en" and words[3] == "members":
        d[3].set_morph("Number=Plur")
    assert [r for r in relations(d, lang, E(0, 2, PERSON), E(*org, ORGANIZATION)) if r[0] == "member_of"] == []


@pytest.mark.parametrize("lang,words", [
    # Myriam Dufour, de la CGT, a critiqué le projet.
    ("fr", ["Myriam", "Dufour", ",", "de", "la", "CGT", ",", "a", "critiqué"]),
    # Myriam Dufour, of the CGT, criticised the plan.
    ("en", ["Myriam", "Dufour", ",", "of", "the", "CGT", ",", "criticised"]),
])
def test_person_comma_of_organisation_comma(lang, words):
    d = flat(words, pos=["PROPN", "PROPN", "PUNCT", "ADP", "DET", "PROPN", "PUNCT"] + ["VERB"] * (len(words) - 7))
    assert relations(d, lang, E(0, 2, PERSON), E(5, 6, ORGANIZATION)) == [("member_of", "Myriam Dufour", "CGT")]
    # without the closing comma the phrase may go on ("of the CGT's board"): no construction
    cut = flat(words[:6] + ["'s", "board"], pos=["PROPN", "PROPN", "PUNCT", "ADP", "DET", "PROPN", "PART", "NOUN"])
    assert relations(cut, lang, E(0, 2, PERSON), E(5, 6, ORGANIZATION)) == []


def test_en_person_of_organisation_and_organisations_person():
    # Paul Smith of Oxfam said … / Oxfam's Paul Smith said …
    d = flat(["Paul", "Smith", "of", "Oxfam", "said"], pos=["PROPN", "PROPN", "ADP", "PROPN", "VERB"])
    assert relations(d, "en", E(0, 2, PERSON), E(3, 4, ORGANIZATION)) == [("member_of", "Paul Smith", "Oxfam")]
    d = flat(["Oxfam", "'s", "Paul", "Smith", "said"], pos=["PROPN", "PART", "PROPN", "PROPN", "VERB"])
    assert relations(d, "en", E(2, 4, PERSON), E(0, 1, ORGANIZATION)) == [("member_of", "Paul Smith", "Oxfam")]


def test_person_constructions_want_a_name_not_a_title_or_a_place():
    # the chairman of Oxfam (a title mapped to its holder: the role rules' role_in) / Paul Smith of Lyon
    d = flat(["the", "chairman", "of", "Oxfam"], pos=["DET", "NOUN", "ADP", "PROPN"])
    assert relations(d, "en", E(1, 2, PERSON), E(3, 4, ORGANIZATION)) == []
    d = flat(["Paul", "Smith", "of", "Lyon", "said"], pos=["PROPN", "PROPN", "ADP", "PROPN", "VERB"])
    assert relations(d, "en", E(0, 2, PERSON), E(3, 4, PLACE, LYON)) == []
    # French "de" also says where from ("chasser X de la Maison-Blanche"): no construction without commas
    d = flat(["Paul", "Girard", "de", "la", "CGT", "a", "dit"], pos=["PROPN", "PROPN", "ADP", "DET", "PROPN", "AUX", "VERB"])
    assert relations(d, "fr", E(0, 2, PERSON), E(4, 5, ORGANIZATION)) == []


# -- "X, based in Y", "the Y-based X", "X, basée à Y" : where an organisation is based --------------

def test_en_organisation_based_in_place():
    # Oxfam, based in Lyon, said … / the Lyon-based group Oxfam said … / Oxfam, a Lyon-based group, said …
    d = flat(["Oxfam", ",", "based", "in", "Lyon", ",", "said"])
    assert relations(d, "en", E(0, 1, ORGANIZATION), E(4, 5, PLACE, LYON)) == [("located_in", "Oxfam", LYON)]
    d = flat(["the", "Lyon", "-", "based", "group", "Oxfam", "said"], pos=["DET", "PROPN", "PUNCT", "VERB", "NOUN", "PROPN", "VERB"])
    assert relations(d, "en", E(1, 2, PLACE, LYON, named=False), E(5, 6, ORGANIZATION)) == [("located_in", "Oxfam", LYON)]
    d = flat(["Oxfam", ",", "a", "Lyon", "-", "based", "group", ",", "said"],
             pos=["PROPN", "PUNCT", "DET", "PROPN", "PUNCT", "VERB", "NOUN", "PUNCT", "VERB"])
    assert relations(d, "en", E(0, 1, ORGANIZATION), E(3, 4, PLACE, LYON, named=False)) == [("located_in", "Oxfam", LYON)]


def test_fr_organisation_based_in_place():
    # Oxfam, basée à Lyon, a dit …
    d = flat(["Oxfam", ",", "basée", "à", "Lyon", ",", "a", "dit"])
    assert relations(d, "fr", E(0, 1, ORGANIZATION), E(4, 5, PLACE, LYON)) == [("located_in", "Oxfam", LYON)]


def test_place_situated_in_larger_place():
    # Lyon, située en France, a … / Lyon, located in France, has …
    d = flat(["Lyon", ",", "située", "en", "France", ",", "a"])
    assert relations(d, "fr", E(0, 1, PLACE, LYON), E(4, 5, PLACE, FRANCE)) == [("located_in", LYON, FRANCE)]
    d = flat(["Lyon", ",", "located", "in", "France", ",", "has"])
    assert relations(d, "en", E(0, 1, PLACE, LYON), E(4, 5, PLACE, FRANCE)) == [("located_in", LYON, FRANCE)]
    # a smaller place is not where a larger one lies
    d = flat(["France", ",", "located", "in", "Lyon", ",", "has"])
    assert relations(d, "en", E(0, 1, PLACE, FRANCE), E(4, 5, PLACE, LYON)) == []


def test_a_modifier_not_written_as_a_name_is_no_party():
    # the French-based … : a nationality adjective (an entity seen only as a modifier) is no place here
    d = flat(["the", "Lyon", "-", "based", "group", "Oxfam", "said"], pos=["DET", "ADJ", "PUNCT", "VERB", "NOUN", "PROPN", "VERB"])
    assert relations(d, "en", E(1, 2, PLACE, LYON, named=False), E(5, 6, ORGANIZATION)) == []


# -- the construction files ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_construction_files_load_with_both_slots_and_known_word_lists(lang):
    cons, words = load_constructions(lang)
    assert {c.name for c in cons} >= {"place-comma-larger-place", "place-comma-in-area-of-larger-place",
                                      "place-comma-in-larger-place", "place-parenthesis-larger-place",
                                      "organisation-or-place-in-place", "person-party-in-parentheses"}
    for c in cons:
        assert {s.get("SLOT") for s in c.pattern} >= {"subject", "object"}
        assert {s["WORDS"] for s in c.pattern if "WORDS" in s} <= set(words)
    assert not any(k.startswith("_") for k in words)


GOOD = {"name": "g", "relation": "located_in", "checks": ["larger_place"],
        "pattern": [{"ENTITY": "Place", "SLOT": "subject"}, {"WORDS": "prep"}, {"ENTITY": "Place", "SLOT": "object"}]}


@pytest.fixture
def constructions_file(monkeypatch):
    """Make ``load_constructions`` read a given dict as the file of language 'zz'."""
    def use(data):
        monkeypatch.setattr(constructions, "read_json", lambda name, optional=False: data)
        load_constructions.cache_clear()
        return lambda: load_constructions("zz")
    yield use
    load_constructions.cache_clear()


def test_well_formed_file_loads(constructions_file):
    load = constructions_file({"words": {"_comment": "x", "prep": ["In", "dans"]}, "constructions": [GOOD]})
    cons, words = load()
    assert [c.name for c in cons] == ["g"] and words == {"prep": frozenset({"in", "dans"})}


@pytest.mark.parametrize("change,message", [
    ({"relation": "near"}, r"construction 0 \('g'\): relation 'near' is not one of "),
    ({"checks": ["larger_place", "same_country"]},
     r"construction 0 \('g'\): unknown checks \['same_country'\]; allowed: "),
    ({"pattern": []}, r"construction 0 \('g'\): a pattern is a non-empty list"),
    ({"pattern": [{"ENTITY": "Place", "SLOT": "subject", "OP": "{1,2}"}]},
     r"construction 0 \('g'\): token 0 has operator '\{1,2\}'; allowed: "),
    ({"pattern": [{"ENTITY": "Place", "SLOT": "subject"}, {"ENTITY": "Place", "SLOT": "obj"}]},
     r"construction 0 \('g'\): the pattern needs a 'subject' and an 'object' slot"),
    ({"pattern": [{"ENTITY": "Place", "SLOT": "subject"}, {"WORDS": "area"}, {"ENTITY": "Place", "SLOT": "object"}]},
     r"construction 0 \('g'\): word lists \['area'\] are not defined in 'words'"),
    ({"after": "close"}, r"construction 0 \('g'\): word lists \['close'\] are not defined in 'words'"),
])
def test_malformed_construction_is_an_ontology_error_naming_the_problem(constructions_file, change, message):
    load = constructions_file({"words": {"prep": ["in"]}, "constructions": [dict(GOOD, **change)]})
    with pytest.raises(OntologyError, match=r"^lexicon/zz/constructions\.json " + message):
        load()


def test_party_check_on_its_own_wants_a_person_and_an_organisation(constructions_file):
    # the shipped patterns already ask for a Person and an Organization; a looser pattern (any entity in
    # parentheses) shows the check itself: Marie Durand (PS) / Marie Durand (Lyon) / le Parti socialiste (SPD)
    loose = {"name": "loose", "relation": "member_of", "checks": ["object_is_party_or_group"],
             "pattern": [{"ENTITY": True, "OP": "+", "SLOT": "subject"}, {"ORTH": "("},
                         {"ENTITY": True, "OP": "+", "SLOT": "object"}, {"ORTH": ")"}]}
    constructions_file({"constructions": [loose]})
    d = flat(["Marie", "Durand", "(", "PS", ")"])
    assert relations(d, "zz", E(0, 2, PERSON), E(3, 4, ORGANIZATION, PS)) == [("member_of", "Marie Durand", PS)]
    d = flat(["Marie", "Durand", "(", "Lyon", ")"])
    assert relations(d, "zz", E(0, 2, PERSON), E(3, 4, PLACE, LYON)) == []
    d = flat(["le", "Parti", "socialiste", "(", "SPD", ")"])
    assert relations(d, "zz", E(1, 3, ORGANIZATION, PS), E(4, 5, ORGANIZATION, SPD)) == []


def test_language_without_a_constructions_file_finds_nothing(constructions_file):
    load = constructions_file(None)
    assert load() == ((), {})
    d = flat(["Lyon", ",", "France", "."])
    assert list(find(d, FakeEntities(d, E(0, 1, PLACE, LYON), E(2, 3, PLACE, FRANCE)), "zz")) == []


# -- "places of Y, such as X": an example of places of a larger place lies in it --------------------------

def test_en_places_of_larger_place_such_as_place():
    # Curfews were imposed in towns of Texas (such as Houston).
    d = flat(["Curfews", "were", "imposed", "in", "towns", "of", "Texas", "(", "such", "as", "Houston", ")", "."])
    assert found(d, "en", E(6, 7, PLACE, TEXAS), E(10, 11, PLACE, HOUSTON)) == \
        [("places-of-larger-place-such-as-place-2", "located_in", HOUSTON, TEXAS)]


def test_en_places_in_area_of_larger_place_including_place():
    # Protests spread to cities in southern Texas, including Houston.
    d = flat(["Protests", "spread", "to", "cities", "in", "southern", "Texas", ",", "including", "Houston", "."])
    assert relations(d, "en", E(6, 7, PLACE, TEXAS), E(9, 10, PLACE, HOUSTON)) == [("located_in", HOUSTON, TEXAS)]


def test_fr_places_of_larger_place_notamment_place():
    # Les grèves touchent des villes du sud de la France, notamment Marseille.
    d = flat(["Les", "grèves", "touchent", "des", "villes", "du", "sud", "de", "la", "France", ",", "notamment",
              "Marseille", "."])
    assert relations(d, "fr", E(9, 10, PLACE, FRANCE), E(12, 13, PLACE, MARSEILLE)) == \
        [("located_in", MARSEILLE, FRANCE)]


def test_an_example_of_places_in_another_country_is_refused():
    # des villes de l'Ohio, comme Lyon  (the gazetteer's Lyon is in France)
    d = flat(["des", "villes", "de", "l'", "Ohio", ",", "comme", "Lyon"])
    assert found(d, "fr", E(4, 5, PLACE, OHIO), E(7, 8, PLACE, LYON)) == []


def test_place_comma_kind_of_place_in_larger_place():
    # Lyon, a city in eastern France, … / Lyon, une ville de l'est de la France, …
    d = flat(["Lyon", ",", "a", "city", "in", "eastern", "France", ","],
             pos=["PROPN", "PUNCT", "DET", "NOUN", "ADP", "ADJ", "PROPN", "PUNCT"])
    assert found(d, "en", E(0, 1, PLACE, LYON), E(6, 7, PLACE, FRANCE)) == \
        [("place-comma-settlement-of-larger-place", "located_in", LYON, FRANCE)]
    d = flat(["Lyon", ",", "troisième", "ville", "de", "France", ","],
             pos=["PROPN", "PUNCT", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"])
    assert relations(d, "fr", E(0, 1, PLACE, LYON), E(5, 6, PLACE, FRANCE)) == [("located_in", LYON, FRANCE)]
    # Munich, the biggest city of Bavaria
    d = flat(["Munich", ",", "the", "biggest", "city", "of", "Bavaria"],
             pos=["PROPN", "PUNCT", "DET", "ADJ", "NOUN", "ADP", "PROPN"])
    assert relations(d, "en", E(0, 1, PLACE, MUNICH), E(6, 7, PLACE, BAVARIA)) == [("located_in", MUNICH, BAVARIA)]
    # a larger place is not where a smaller one lies
    d = flat(["France", ",", "a", "country", "of", "Lyon"], pos=["PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN"])
    assert relations(d, "en", E(0, 1, PLACE, FRANCE), E(5, 6, PLACE, LYON)) == []


def test_place_comma_larger_place_s_kind_of_place():
    # Lyon, France's third-largest city, …
    d = flat(["Lyon", ",", "France", "'s", "third", "-", "largest", "city", ","],
             pos=["PROPN", "PUNCT", "PROPN", "PART", "ADJ", "PUNCT", "ADJ", "NOUN", "PUNCT"])
    assert found(d, "en", E(0, 1, PLACE, LYON), E(2, 3, PLACE, FRANCE)) == \
        [("place-comma-larger-place-possessive-settlement", "located_in", LYON, FRANCE)]
    # Munich, Bavaria's capital
    d = flat(["Munich", ",", "Bavaria", "'s", "capital"], pos=["PROPN", "PUNCT", "PROPN", "PART", "NOUN"])
    assert relations(d, "en", E(0, 1, PLACE, MUNICH), E(2, 3, PLACE, BAVARIA)) == [("located_in", MUNICH, BAVARIA)]
