"""How a verb's reading is chosen (kg/extract/predicates.py) from a curated frame and the CAMEO event
lexicon, on hand-built parses and a small CAMEO lexicon written here (not the shipped one), so that each
test states the entries it relies on. The relation rules (CAMEO code -> relation) and the grammar
profiles are the shipped ones."""
from dataclasses import replace

import pytest

from handparse import make
from kg.extract.predicates import (Reading, cameo_entries, clitic_present, lemma_candidates,
                                   noun_matches, particle_present, verb_reading)
from kg.lexicon import CameoLexicon, CameoVerb, Frame, NounSpec, Pattern, load_lexicon

P_DEMONSTRATION = Pattern("141", object=NounSpec("demonstration"), text="STAGE DEMONSTRATION")
P_VIOLENT_DEMONSTRATION = Pattern("145", object=NounSpec("demonstration", ("violent",)),
                                  text="STAGE VIOLENT DEMONSTRATION")
P_RALLY = Pattern("141", object=NounSpec("rally"), text="STAGE RALLY")
P_GATHERING = Pattern("144", object=NounSpec("&gathering"), text="STAGE &GATHERING")
P_ACCUSE_OF = Pattern("1121", preps=(("of", None),), text="ACCUSE OF")
P_ACCUSE_OF_TORTURE = Pattern("1122", preps=(("of", NounSpec("torture")),), text="ACCUSE OF TORTURE")
P_VISIT_TO = Pattern("042", object=NounSpec("visit"), preps=(("to", None),), text="PAY VISIT TO")
P_WEAPONS = Pattern("072", object=NounSpec("&weapon"), text="PROVIDE &WEAPON")
P_BATTERY = Pattern(None, subject=NounSpec("battery"), text="BATTERY CHARGE (no event)")
P_MEET_DEMANDS = Pattern("081", object=NounSpec("demand"), text="MEET DEMAND")
P_MEET_WITH = Pattern("036", preps=(("with", None),), text="MEET WITH")
P_MEET_MEDIATOR = Pattern("046", preps=(("with", NounSpec("mediator")),), text="MEET WITH MEDIATOR")
P_DETONATE_BOMB = Pattern("183", object=NounSpec("bomb"), text="DETONATE BOMB")
P_COMMENT = Pattern("010", object=NounSpec("remark"), text="MAKE REMARK (a comment: no relation)")

EN_CAMEO = CameoLexicon(
    nouns={"weapon": {"rifle": ((),), "missile": ((),), "arm": (("small",),)},
           "gathering": {"rally": ((),), "vigil": ((),)}},
    verbs={
        "stage": (CameoVerb("stage", None, "stage"),),
        "accuse": (CameoVerb("accuse", "112", "accuse"),),
        "call": (CameoVerb("call", None, "call"), CameoVerb("call", "125", "call_off", particle="off")),
        "pay": (CameoVerb("pay", None, "pay"),),
        # "supply" and "provide" share the block code of PROVIDE; only "provide" is its namesake
        "supply": (CameoVerb("supply", "070", "provide", inherited=True),),
        "provide": (CameoVerb("provide", "070", "provide", inherited=True),),
        "charge": (CameoVerb("charge", "112", "charge"),),
        "meet": (CameoVerb("meet", "040", "meet"),),
        "detonate": (CameoVerb("detonate", None, "detonate"),),
        "make": (CameoVerb("make", None, "make"),),
        "fight": (CameoVerb("fight", "190", "fight"),),
    },
    forms={"fought": "fight"},
    synsets={
        "stage": (None, (P_DEMONSTRATION, P_VIOLENT_DEMONSTRATION, P_RALLY, P_GATHERING)),
        "accuse": ("112", (P_ACCUSE_OF, P_ACCUSE_OF_TORTURE)),
        "pay": (None, (P_VISIT_TO,)),
        "provide": ("070", (P_WEAPONS,)),
        "charge": ("112", (P_BATTERY,)),
        "meet": ("040", (P_MEET_DEMANDS, P_MEET_WITH, P_MEET_MEDIATOR)),
        "detonate": (None, (P_DETONATE_BOMB,)),
        "make": (None, (P_COMMENT,)),
        "call_off": ("125", ()),
    },
)
EN_FRAMES = {
    "meet": Frame("met", ("obj", "prep:with")),
    "detonate": Frame("attacked", ("prep:near", "obj")),
    "charge": Frame("accused", ("obj",)),
}
EN = replace(load_lexicon("en"), cameo=EN_CAMEO, verbs=EN_FRAMES)

P_MANIFESTATION = Pattern("141", object=NounSpec("manifestation"), text="ORGANISER MANIFESTATION")
P_VISITE_A = Pattern("042", object=NounSpec("visite"), preps=(("à", None),), text="RENDRE VISITE À")
FR_CAMEO = CameoLexicon(
    verbs={
        "organiser": (CameoVerb("organiser", None, "organiser"),),
        "rendre": (CameoVerb("rendre", None, "rendre"), CameoVerb("rendre", "042", "se_rendre", clitics=("se",))),
        "attaquer": (CameoVerb("attaquer", "190", "attaquer"),),
    },
    synsets={
        "organiser": (None, (P_MANIFESTATION,)),
        "rendre": (None, (P_VISITE_A,)),
        "se_rendre": ("042", ()),
        "attaquer": ("190", ()),
    },
)
FR = replace(load_lexicon("fr"), cameo=FR_CAMEO, verbs={})


def root(doc):
    return next(t for t in doc if t.dep_ == "ROOT")


def reading(doc, lex):
    return verb_reading(root(doc), lex)


# -- an object noun: "staged a demonstration" ------------------------------------------------------

def staged(obj_words, obj_lemmas, obj_deps, obj_heads):
    """'Students staged a <object>': the object phrase's words hang as given (absolute heads, the
    object noun is the last word)."""
    words = ["Students", "staged", "a"] + obj_words
    n = len(words)
    heads = [1, 1, n - 1] + obj_heads
    deps = ["nsubj", "ROOT", "det"] + obj_deps
    pos = ["NOUN", "VERB", "DET"] + ["ADJ"] * (len(obj_words) - 1) + ["NOUN"]
    lemmas = ["student", "stage", "a"] + obj_lemmas
    return make(words, heads, deps, pos=pos, lemmas=lemmas)


def test_en_object_noun_pattern_gives_the_event_of_a_verb_with_no_code():
    # Students staged a demonstration.
    d = staged(["demonstration"], ["demonstration"], ["dobj"], [1])
    r = reading(d, EN)
    assert (r.relation, r.code, r.pattern) == ("criticised", "141", P_DEMONSTRATION)
    assert r.targets[:2] == ("obj", "iobj") and not r.direct


def test_en_verb_with_no_code_and_no_matching_pattern_has_no_reading():
    # Students staged a play.
    d = staged(["play"], ["play"], ["dobj"], [1])
    assert reading(d, EN) is None


def test_en_most_specific_pattern_wins():
    # Students staged a violent demonstration.  ('violent demonstration' asks more than 'demonstration')
    d = staged(["violent", "demonstration"], ["violent", "demonstration"], ["amod", "dobj"], [4, 1])
    assert reading(d, EN).code == "145"


def test_en_first_pattern_wins_among_equally_specific_ones():
    # Students staged a rally.  ('rally' and '&gathering' both match, with the same specificity)
    d = staged(["rally"], ["rally"], ["dobj"], [1])
    assert P_RALLY.specificity == P_GATHERING.specificity
    assert reading(d, EN).pattern == P_RALLY


def test_fr_object_noun_pattern():
    # Les syndicats ont organisé une manifestation.
    d = make(["Les", "syndicats", "ont", "organisé", "une", "manifestation"], [1, 3, 3, 3, 5, 3],
             ["det", "nsubj", "aux:tense", "ROOT", "det", "obj"],
             pos=["DET", "NOUN", "AUX", "VERB", "DET", "NOUN"],
             lemmas=["le", "syndicat", "avoir", "organiser", "un", "manifestation"])
    r = reading(d, FR)
    assert (r.relation, r.code) == ("criticised", "141")


# -- prepositional phrases --------------------------------------------------------------------------

def accused(prep_noun=None):
    """'Mali accused Niger [of <prep_noun>]' in ClearNLP labels."""
    words = ["Mali", "accused", "Niger"] + (["of", prep_noun] if prep_noun else [])
    heads = [1, 1, 1] + ([1, 3] if prep_noun else [])
    deps = ["nsubj", "ROOT", "dobj"] + (["prep", "pobj"] if prep_noun else [])
    pos = ["PROPN", "VERB", "PROPN"] + (["ADP", "NOUN"] if prep_noun else [])
    return make(words, heads, deps, pos=pos, lemmas=["Mali", "accuse", "Niger"] + (["of", prep_noun] if prep_noun else []))


def test_en_prep_pattern_with_noun_beats_the_bare_prep_pattern():
    # Mali accused Niger of torture.
    r = reading(accused("torture"), EN)
    assert (r.relation, r.code, r.pattern) == ("accused", "1122", P_ACCUSE_OF_TORTURE)


def test_en_prep_pattern_without_noun_takes_any_noun_and_puts_the_phrase_first_among_targets():
    # Mali accused Niger of corruption.
    r = reading(accused("corruption"), EN)
    assert (r.code, r.pattern) == ("1121", P_ACCUSE_OF)
    assert r.targets[0] == "prep:of"


def test_en_verb_code_alone_when_no_pattern_matches():
    # Mali accused Niger.
    r = reading(accused(), EN)
    assert r == Reading("accused", r.targets, "112", direct=True)
    assert r.targets[0] == "obj"


def test_en_prep_phrase_hung_on_the_object_noun_still_matches():
    # Mali paid a visit to Niger.  (the parser hangs 'to Niger' on 'visit', not on 'paid')
    d = make(["Mali", "paid", "a", "visit", "to", "Niger"], [1, 1, 3, 1, 3, 4],
             ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
             pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN"], lemmas=["Mali", "pay", "a", "visit", "to", "Niger"])
    r = reading(d, EN)
    assert (r.relation, r.code, r.targets[0]) == ("visited", "042", "prep:to")


def test_en_prep_pattern_needs_its_preposition():
    # Mali paid a visit.  (no 'to' phrase: PAY VISIT TO does not match)
    d = make(["Mali", "paid", "a", "visit"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
             pos=["PROPN", "VERB", "DET", "NOUN"], lemmas=["Mali", "pay", "a", "visit"])
    assert reading(d, EN) is None


def test_fr_prep_pattern_on_a_ud_oblique():
    # Le Mali a rendu visite au Niger.  (UD: 'Niger' obl:arg with case 'au', read as 'à')
    d = make(["Le", "Mali", "a", "rendu", "visite", "au", "Niger"], [1, 3, 3, 3, 3, 6, 3],
             ["det", "nsubj", "aux:tense", "ROOT", "obj", "case", "obl:arg"],
             pos=["DET", "PROPN", "AUX", "VERB", "NOUN", "ADP", "PROPN"],
             lemmas=["le", "Mali", "avoir", "rendre", "visite", "au", "Niger"])
    r = reading(d, FR)
    assert (r.relation, r.code, r.targets[0]) == ("visited", "042", "prep:à")


# -- particles and clitics -------------------------------------------------------------------------

def test_en_particle_verb_is_another_verb_than_the_bare_one():
    # Mali called off the talks.  ('call off' has its own code; bare 'call' has none)
    d = make(["Mali", "called", "off", "the", "talks"], [1, 1, 1, 4, 1], ["nsubj", "ROOT", "prt", "det", "dobj"],
             pos=["PROPN", "VERB", "ADP", "DET", "NOUN"], lemmas=["Mali", "call", "off", "the", "talk"])
    assert [v.synset for v in cameo_entries(d[1], EN)] == ["call_off", "call"]
    r = reading(d, EN)
    assert (r.relation, r.code) == ("rejected", "125")


def test_en_particle_verb_without_its_particle_is_the_bare_verb():
    # Mali called Niger.
    d = make(["Mali", "called", "Niger"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
             pos=["PROPN", "VERB", "PROPN"], lemmas=["Mali", "call", "Niger"])
    assert [v.synset for v in cameo_entries(d[1], EN)] == ["call"]
    assert reading(d, EN) is None


def test_en_particle_found_as_the_next_word_when_the_parser_missed_it():
    # Mali called off talks.  ('off' parsed as a preposition heading 'talks')
    d = make(["Mali", "called", "off", "talks"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
             pos=["PROPN", "VERB", "ADP", "NOUN"], lemmas=["Mali", "call", "off", "talk"])
    assert particle_present(d[1], "off") and not particle_present(d[1], "up")


def se_rendre(clitic_on_aux=False):
    """Le ministre s'est rendu à Bamako (the clitic on the participle, or on the auxiliary)."""
    return make(["Le", "ministre", "s'", "est", "rendu", "à", "Bamako"],
                [1, 4, 3 if clitic_on_aux else 4, 4, 4, 6, 4],
                ["det", "nsubj", "expl:comp", "aux:tense", "ROOT", "case", "obl:arg"],
                pos=["DET", "NOUN", "PRON", "AUX", "VERB", "ADP", "PROPN"],
                lemmas=["le", "ministre", "se", "être", "rendre", "à", "Bamako"])


def test_fr_pronominal_verb_reads_as_its_own_entry():
    # Le ministre s'est rendu à Bamako.
    d = se_rendre()
    assert clitic_present(d[4], "se", FR)
    assert [v.synset for v in cameo_entries(d[4], FR)] == ["se_rendre", "rendre"]
    r = reading(d, FR)
    assert (r.relation, r.code, r.direct) == ("visited", "042", True)


def test_fr_clitic_hung_on_the_auxiliary_counts():
    # Le ministre s'est rendu à Bamako.  (the parser hangs "s'" on "est")
    d = se_rendre(clitic_on_aux=True)
    assert clitic_present(d[4], "se", FR)
    assert reading(d, FR).code == "042"


def test_fr_verb_without_its_clitic_is_not_the_pronominal_verb():
    # Le Mali a rendu les otages.
    d = make(["Le", "Mali", "a", "rendu", "les", "otages"], [1, 3, 3, 3, 5, 3],
             ["det", "nsubj", "aux:tense", "ROOT", "det", "obj"],
             pos=["DET", "PROPN", "AUX", "VERB", "DET", "NOUN"],
             lemmas=["le", "Mali", "avoir", "rendre", "le", "otage"])
    assert [v.synset for v in cameo_entries(d[3], FR)] == ["rendre"]
    assert reading(d, FR) is None


def test_fr_frame_requiring_a_clitic_applies_only_with_it():
    # "se rendre" (visited) / "rendre" : a curated frame that requires 'se'
    lex = replace(FR, cameo=CameoLexicon(), verbs={"rendre": Frame("visited", ("prep:à",), requires="se")})
    assert reading(se_rendre(), lex).relation == "visited"
    d = make(["Le", "Mali", "a", "rendu", "les", "otages"], [1, 3, 3, 3, 5, 3],
             ["det", "nsubj", "aux:tense", "ROOT", "det", "obj"],
             pos=["DET", "PROPN", "AUX", "VERB", "DET", "NOUN"],
             lemmas=["le", "Mali", "avoir", "rendre", "le", "otage"])
    assert reading(d, lex) is None


# -- noun synsets and modifiers ---------------------------------------------------------------------

def supplied(obj, obj_lemma, modifier=None, verb="supplied", verb_lemma="supply"):
    """'Iran <verb> [<modifier>] <obj>'."""
    words = ["Iran", verb] + ([modifier] if modifier else []) + [obj]
    n = len(words)
    heads = [1, 1] + ([n - 1] if modifier else []) + [1]
    deps = ["nsubj", "ROOT"] + (["amod"] if modifier else []) + ["dobj"]
    pos = ["PROPN", "VERB"] + (["ADJ"] if modifier else []) + ["NOUN"]
    lemmas = ["Iran", verb_lemma] + ([modifier] if modifier else []) + [obj_lemma]
    return make(words, heads, deps, pos=pos, lemmas=lemmas)


def test_en_noun_synset_pattern_matches_a_member_noun():
    # Iran supplied rifles.  ('rifle' is a member of &weapon)
    r = reading(supplied("rifles", "rifle"), EN)
    assert (r.relation, r.code, r.pattern) == ("offered", "072", P_WEAPONS)


def test_en_noun_synset_member_with_modifier_needs_the_modifier():
    # Iran supplied small arms. / Iran supplied arms.  (&weapon lists 'small arms', not 'arms')
    assert reading(supplied("arms", "arm", modifier="small"), EN).code == "072"
    assert reading(supplied("arms", "arm"), EN) is None


def test_inherited_block_code_is_not_used_alone():
    # Iran supplied grain.  ('supply' has PROVIDE's block code only: no reading without a pattern)
    assert reading(supplied("grain", "grain"), EN) is None


def test_inherited_block_code_is_used_alone_by_the_blocks_namesake():
    # Iran provided grain.  ('provide' names the block PROVIDE)
    r = reading(supplied("grain", "grain", verb="provided", verb_lemma="provide"), EN)
    assert (r.relation, r.code, r.direct) == ("offered", "070", True)


def test_noun_matches_plain_head_and_stemmed_plural():
    # demonstrations / demonstration
    d = make(["demonstrations"], [0], ["ROOT"], pos=["NOUN"], lemmas=["demonstrations"])
    assert noun_matches(d[0], NounSpec("demonstration"), EN_CAMEO)
    assert not noun_matches(d[0], NounSpec("rally"), EN_CAMEO)


def test_noun_matches_modifiers_among_the_nouns_dependents():
    # humanitarian aid / aid / a small arms shipment (a modifier of a modifier counts: 'small' on 'arms')
    aid = make(["humanitarian", "aid"], [1, 1], ["amod", "ROOT"], pos=["ADJ", "NOUN"])
    assert noun_matches(aid[1], NounSpec("aid", ("humanitarian",)), EN_CAMEO)
    bare = make(["aid"], [0], ["ROOT"], pos=["NOUN"])
    assert not noun_matches(bare[0], NounSpec("aid", ("humanitarian",)), EN_CAMEO)
    shipment = make(["small", "arms", "shipment"], [1, 2, 2], ["amod", "compound", "ROOT"], pos=["ADJ", "NOUN", "NOUN"],
                    lemmas=["small", "arm", "shipment"])
    assert noun_matches(shipment[2], NounSpec.parse("small arms shipment"), EN_CAMEO)
    assert not noun_matches(shipment[2], NounSpec.parse("heavy arms shipment"), EN_CAMEO)


def test_noun_matches_french_modifier_after_the_noun():
    # aide humanitaire
    d = make(["aide", "humanitaire"], [0, 0], ["ROOT", "amod"], pos=["NOUN", "ADJ"])
    assert noun_matches(d[0], NounSpec("aide", ("humanitaire",)), FR_CAMEO)


def test_noun_synset_modifier_elsewhere_in_the_clause_does_not_count():
    # Iran supplied arms to small militias.  ('small' modifies 'militias', in a phrase on the verb)
    d = make(["Iran", "supplied", "arms", "to", "small", "militias"], [1, 1, 1, 1, 5, 3],
             ["nsubj", "ROOT", "dobj", "prep", "amod", "pobj"], pos=["PROPN", "VERB", "NOUN", "ADP", "ADJ", "NOUN"],
             lemmas=["Iran", "supply", "arm", "to", "small", "militia"])
    assert not noun_matches(d[2], NounSpec("&weapon"), EN_CAMEO)
    assert reading(d, EN) is None


# -- blocking patterns ------------------------------------------------------------------------------

def test_pattern_with_null_code_blocks_the_verb_even_over_its_frame():
    # The battery charged overnight.  (no event: the null pattern asks only for the subject, so it
    # would be too weak to overrule the frame 'accused' if it were not a block)
    d = make(["The", "battery", "charged", "overnight"], [1, 2, 2, 2], ["det", "nsubj", "ROOT", "advmod"],
             pos=["DET", "NOUN", "VERB", "ADV"], lemmas=["the", "battery", "charge", "overnight"])
    assert P_BATTERY.complement_specificity < 2
    assert reading(d, EN) is None


def test_verb_blocked_only_where_its_null_pattern_matches():
    # Police charged the suspect.
    d = make(["Police", "charged", "the", "suspect"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
             pos=["NOUN", "VERB", "DET", "NOUN"], lemmas=["police", "charge", "the", "suspect"])
    r = reading(d, EN)
    assert (r.relation, r.code) == ("accused", None)  # the curated frame


def test_pattern_whose_code_has_no_relation_gives_no_reading():
    # Mali made a remark.  (010: a comment, no kg relation)
    d = make(["Mali", "made", "a", "remark"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
             pos=["PROPN", "VERB", "DET", "NOUN"], lemmas=["Mali", "make", "a", "remark"])
    assert reading(d, EN) is None


# -- patterns and curated frames --------------------------------------------------------------------

def met(words, heads, deps, pos, lemmas):
    return make(["Mali"] + words, [0] + [h + 1 for h in heads], ["nsubj"] + deps, pos=["PROPN"] + pos,
                lemmas=["Mali"] + lemmas)


def test_frame_alone_when_no_pattern_matches():
    # Mali met Niger.
    d = met(["met", "Niger"], [0, 0], ["ROOT", "dobj"], ["VERB", "PROPN"], ["meet", "Niger"])
    r = verb_reading(d[1], EN)
    assert r == Reading("met", ("obj", "prep:with"))


def test_pattern_of_another_cameo_root_overrules_the_frame():
    # Mali met the demands.  (081 'meet demands' is a concession, not a meeting)
    d = met(["met", "the", "demands"], [0, 2, 0], ["ROOT", "det", "dobj"], ["VERB", "DET", "NOUN"],
            ["meet", "the", "demand"])
    r = verb_reading(d[1], EN)
    assert (r.relation, r.code, r.pattern) == ("agreed", "081", P_MEET_DEMANDS)


def test_pattern_of_the_frames_cameo_root_refines_the_frame():
    # Mali met with the mediator.  (046, of the frame's root 04: still 'met', with the finer code)
    d = met(["met", "with", "the", "mediator"], [0, 0, 3, 1], ["ROOT", "prep", "det", "pobj"],
            ["VERB", "ADP", "DET", "NOUN"], ["meet", "with", "the", "mediator"])
    r = verb_reading(d[1], EN)
    assert (r.relation, r.code, r.targets, r.pattern) == ("met", "046", ("obj", "prep:with"), P_MEET_MEDIATOR)


def test_weak_pattern_does_not_override_a_frame():
    # Mali met with Niger.  ('meet with' asks only a preposition: the frame stands, without its code)
    d = met(["met", "with", "Niger"], [0, 0, 1], ["ROOT", "prep", "pobj"], ["VERB", "ADP", "PROPN"],
            ["meet", "with", "Niger"])
    assert P_MEET_WITH.complement_specificity < 2
    assert verb_reading(d[1], EN) == Reading("met", ("obj", "prep:with"))


def test_pattern_of_the_frames_relation_gives_its_finer_code_to_the_frame():
    # Rebels detonated a bomb.  (183 is 'attacked' like the frame, though of another root than the
    # relation's 190: the frame's targets stay, the code is the pattern's)
    d = make(["Rebels", "detonated", "a", "bomb"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
             pos=["NOUN", "VERB", "DET", "NOUN"], lemmas=["rebel", "detonate", "a", "bomb"])
    r = verb_reading(d[1], EN)
    assert (r.relation, r.code, r.targets, r.pattern) == ("attacked", "183", ("prep:near", "obj"), P_DETONATE_BOMB)


def test_only_verbs_have_readings():
    # the meet (a noun, "an athletics meet") : no verb reading although 'meet' is a verb of the lexicon
    d = make(["the", "meet"], [1, 1], ["det", "ROOT"], pos=["DET", "NOUN"], lemmas=["the", "meet"])
    assert verb_reading(d[1], EN) is None


# -- lemma repairs ----------------------------------------------------------------------------------

def test_en_lemma_candidates_add_the_lexicons_irregular_form():
    # Rebels fought soldiers.  (the lemmatizer left 'fought' alone; the lexicon lists it under 'fight')
    d = make(["Rebels", "fought", "soldiers"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], pos=["NOUN", "VERB", "NOUN"],
             lemmas=["rebel", "fought", "soldier"])
    assert lemma_candidates(d[1], EN) == ["fought", "fight"]
    r = reading(d, EN)
    assert (r.relation, r.code) == ("attacked", "190")


def test_en_lemma_candidates_try_every_inflection_repair_in_order():
    # Police charged.  (lemma left as 'charged': -ed dropped, then -ed -> -e)
    d = make(["Police", "charged"], [1, 1], ["nsubj", "ROOT"], pos=["NOUN", "VERB"], lemmas=["police", "charged"])
    assert lemma_candidates(d[1], EN) == ["charged", "charg", "charge"]


def test_en_mis_lemmatized_form_is_repaired_to_a_lexicon_verb():
    # Students staged a demonstration.  (lemma left as 'staged': the -ed repair gives 'stage')
    d = make(["Students", "staged", "a", "demonstration"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
             pos=["NOUN", "VERB", "DET", "NOUN"], lemmas=["student", "staged", "a", "demonstration"])
    assert "stage" in lemma_candidates(d[1], EN)
    assert reading(d, EN).code == "141"


def test_fr_mis_lemmatized_form_is_repaired_to_a_lexicon_verb():
    # Les rebelles attaquent Gao.  (lemma left as 'attaquent': the -ent repair gives 'attaquer')
    d = make(["Les", "rebelles", "attaquent", "Gao"], [1, 2, 2, 2], ["det", "nsubj", "ROOT", "obj"],
             pos=["DET", "NOUN", "VERB", "PROPN"], lemmas=["le", "rebelle", "attaquent", "Gao"])
    cands = lemma_candidates(d[2], FR)
    assert cands[0] == "attaquent" and "attaquer" in cands
    r = reading(d, FR)
    assert (r.relation, r.code) == ("attacked", "190")


def test_fr_curated_frame_wins_over_the_verbs_cameo_code_alone():
    # Le Mali condamne les frappes.  (lemma 'condamner': the curated frame 'condemned', not CAMEO's 111)
    d = make(["Le", "Mali", "condamne", "les", "frappes"], [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "obj"],
             pos=["DET", "PROPN", "VERB", "DET", "NOUN"], lemmas=["le", "Mali", "condamner", "le", "frappe"])
    assert reading(d, load_lexicon("fr")).relation == "condemned"


def test_fr_frame_survives_a_lemma_left_inflected():
    # Le Mali condamne les frappes.  (lemma left as 'condamne'; the shipped French lexicon)
    d = make(["Le", "Mali", "condamne", "les", "frappes"], [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "obj"],
             pos=["DET", "PROPN", "VERB", "DET", "NOUN"], lemmas=["le", "Mali", "condamne", "le", "frappe"])
    assert reading(d, load_lexicon("fr")).relation == "condemned"


def test_repairs_do_not_strip_a_whole_short_word():
    # "Is" : the -s repair needs more than one letter left
    d = make(["is"], [0], ["ROOT"], pos=["VERB"], lemmas=["is"])
    assert lemma_candidates(d[0], EN) == ["is"]


# -- a pattern that asks only for a preposition is the verb's it was written for --------------------

P_HEAD_FOR = Pattern("042", preps=(("for", None),), text="- * (FOR)  [042]  # HEAD")
P_LEAD_DELEGATION = Pattern("036", object=NounSpec("delegation"), text="- * DELEGATION  [036]  # LEAD")
BLOCK_CAMEO = CameoLexicon(
    verbs={"head": (CameoVerb("head", None, "manage"),), "control": (CameoVerb("control", None, "manage"),)},
    synsets={"manage": (None, (P_HEAD_FOR, P_LEAD_DELEGATION))},
)
BLOCK = replace(load_lexicon("en"), cameo=BLOCK_CAMEO, verbs={})


def for_phrase(verb, lemma, obj=None):
    # "Chad <verb> [a delegation] for Niger"
    words = ["Chad", verb] + ([obj] if obj else []) + ["for", "Niger"]
    n = len(words)
    heads = [1, 1] + ([1] if obj else []) + [1, n - 2]
    deps = ["nsubj", "ROOT"] + (["dobj"] if obj else []) + ["prep", "pobj"]
    pos = ["PROPN", "VERB"] + (["NOUN"] if obj else []) + ["ADP", "PROPN"]
    lemmas = ["chad", lemma] + ([obj] if obj else []) + ["for", "niger"]
    return make(words, heads, deps, pos=pos, lemmas=lemmas)


def test_bare_pattern_applies_only_to_the_verb_it_was_written_for():
    assert P_HEAD_FOR.bare and P_HEAD_FOR.written_for == "head" and not P_LEAD_DELEGATION.bare
    assert reading(for_phrase("headed", "head"), BLOCK).code == "042"  # "headed for Niger": a trip
    assert reading(for_phrase("controls", "control"), BLOCK) is None  # "controls … for": no trip


def test_pattern_with_a_word_of_its_own_applies_to_every_verb_of_its_block():
    r = reading(for_phrase("controls", "control", "delegation"), BLOCK)
    assert (r.code, r.pattern) == ("036", P_LEAD_DELEGATION)
