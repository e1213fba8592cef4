"""The declarative token matcher (kg/extract/tokenpatterns.py) on hand-built token sequences: operators,
longest match, slots, word lists, what the caller knows of a token (its entity, its gazetteer kind),
value conditions, malformed patterns, and sentence ends. No model: the parses are built by hand."""
import pytest

from handparse import flat, make
from kg.extract.tokenpatterns import PatternError, TokenView, check_pattern, find_all, match_at

NO_VIEW = TokenView(lambda i: None, lambda i: None, {})


def view(types=None, kinds=None, words=None):
    """A view whose entity types and kinds are given per token index."""
    types, kinds = types or {}, kinds or {}
    return TokenView(types.get, kinds.get, words or {})


def texts(doc, m):
    return doc[m.start:m.end].text


# -- operators -------------------------------------------------------------------------------------

def test_plain_spec_matches_exactly_one_token():
    # "Lyon accueille" : ORTH Lyon covers token 0 only
    d = flat(["Lyon", "accueille"])
    m = match_at(d, 0, [{"ORTH": "Lyon"}], NO_VIEW)
    assert (m.start, m.end) == (0, 1)
    assert match_at(d, 1, [{"ORTH": "Lyon"}], NO_VIEW) is None


def test_optional_operator_takes_the_token_when_present_and_skips_it_when_absent():
    # "in the Sahel" / "in Mali" : an optional article between the preposition and the name
    pattern = [{"LOWER": "in"}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "SLOT": "place"}]
    with_article = flat(["in", "the", "Sahel"])
    without = flat(["in", "Mali"])
    m = match_at(with_article, 0, pattern, NO_VIEW)
    assert (m.end, m.slots["place"]) == (3, (2,))
    m = match_at(without, 0, pattern, NO_VIEW)
    assert (m.end, m.slots["place"]) == (2, (1,))


def test_star_operator_takes_zero_or_many_tokens():
    # "the far north of Chad" / "the north of Chad" : any number of area words
    pattern = [{"LOWER": "the"}, {"LOWER": {"IN": ["far", "extreme"]}, "OP": "*"}, {"LOWER": "north"},
               {"LOWER": "of"}, {"IS_TITLE": True, "SLOT": "object"}]
    assert match_at(flat(["the", "far", "extreme", "north", "of", "Chad"]), 0, pattern, NO_VIEW).end == 6
    assert match_at(flat(["the", "north", "of", "Chad"]), 0, pattern, NO_VIEW).end == 4


def test_plus_operator_requires_at_least_one_token():
    # "Nouvelle Calédonie vote" : one or more capitalised words; "vote" alone is none
    pattern = [{"IS_TITLE": True, "OP": "+", "SLOT": "name"}]
    d = flat(["Nouvelle", "Calédonie", "vote"])
    assert match_at(d, 0, pattern, NO_VIEW).slots["name"] == (0, 1)
    assert match_at(d, 2, pattern, NO_VIEW) is None


def test_negation_blocks_a_token_the_next_spec_would_accept():
    # "the Kremlin" matches a capitalised name after 'the'; "the United Nations" does not, because the
    # negated spec forbids 'United' right after the article
    pattern = [{"LOWER": "the"}, {"LOWER": "united", "OP": "!"}, {"IS_TITLE": True, "OP": "+", "SLOT": "name"}]
    m = match_at(flat(["the", "Kremlin"]), 0, pattern, NO_VIEW)
    assert m.slots["name"] == (1,)
    assert match_at(flat(["the", "United", "Nations"]), 0, pattern, NO_VIEW) is None


def test_negation_consumes_nothing_and_makes_the_match_back_off():
    # "Anna Weber (SPD)" : names not followed by '(' ; the negation is a look-ahead, so the longest
    # match that satisfies it is "Anna" alone (followed by "Weber"), and the match never covers '('
    pattern = [{"IS_TITLE": True, "OP": "+", "SLOT": "name"}, {"ORTH": "(", "OP": "!"}]
    d = flat(["Anna", "Weber", "(", "SPD", ")"])
    m = match_at(d, 0, pattern, NO_VIEW)
    assert (m.end, m.slots["name"]) == (1, (0,))
    # "Anna Weber said" : nothing to refuse, the whole name, and the negated token is not part of it
    m = match_at(flat(["Anna", "Weber", "said"]), 0, pattern, NO_VIEW)
    assert (m.end, m.slots["name"]) == (2, (0, 1))


def test_pattern_of_optional_tokens_gives_no_empty_match():
    # "said" : a pattern whose every spec is optional matches nothing here, and says so with None
    pattern = [{"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "OP": "*"}]
    assert match_at(flat(["said"]), 0, pattern, NO_VIEW) is None


# -- longest match and slots ---------------------------------------------------------------------

def test_longest_match_is_preferred_over_shorter_alternatives():
    # "Lyon, dans la région" : an optional tail that can be taken is taken
    pattern = [{"IS_TITLE": True, "SLOT": "subject"}, {"ORTH": ","},
               {"LOWER": "dans", "OP": "?"}, {"LOWER": "la", "OP": "?"}, {"LOWER": "région", "OP": "?"}]
    m = match_at(flat(["Lyon", ",", "dans", "la", "région"]), 0, pattern, NO_VIEW)
    assert (m.start, m.end) == (0, 5)


def test_greedy_slot_backtracks_to_let_the_rest_match():
    # "Port Harcourt Nigeria" : capitalised words, the last of which must be the object; the subject
    # slot gives back one token so that the pattern can end
    pattern = [{"IS_TITLE": True, "OP": "+", "SLOT": "subject"}, {"IS_TITLE": True, "SLOT": "object"}]
    m = match_at(flat(["Port", "Harcourt", "Nigeria"]), 0, pattern, NO_VIEW)
    assert m.slots == {"subject": (0, 1), "object": (2,)}


def test_slots_name_the_tokens_of_each_spec_and_unslotted_specs_are_left_out():
    # "Sfax , Tunisie" : the comma has no slot
    pattern = [{"ENTITY": "Place", "OP": "+", "SLOT": "subject"}, {"ORTH": ","},
               {"ENTITY": "Place", "OP": "+", "SLOT": "object"}]
    d = flat(["Sfax", ",", "Tunisie"])
    m = match_at(d, 0, pattern, view(types={0: "Place", 2: "Place"}))
    assert m.slots == {"subject": (0,), "object": (2,)}


def test_limit_stops_a_match_before_the_given_token():
    # "Nouvelle Calédonie" with a limit at token 1 : only "Nouvelle"
    pattern = [{"IS_TITLE": True, "OP": "+", "SLOT": "name"}]
    m = match_at(flat(["Nouvelle", "Calédonie"]), 0, pattern, NO_VIEW, limit=1)
    assert (m.end, m.slots["name"]) == (1, (0,))


# -- conditions ----------------------------------------------------------------------------------

def test_words_condition_uses_the_callers_named_word_list():
    # "dans le sud-est" : the area list of the caller holds 'sud-est'; a list the caller lacks matches nothing
    d = flat(["dans", "le", "sud-est"])
    v = view(words={"area": frozenset({"nord", "sud-est"})})
    assert match_at(d, 2, [{"WORDS": "area"}], v).end == 3
    assert match_at(d, 2, [{"WORDS": "compass"}], v) is None


def test_words_and_lower_conditions_read_curly_apostrophes_as_straight_ones():
    # "L’Ohio" : a curly apostrophe in the text matches a word list, or a LOWER value, written with a
    # straight one
    d = flat(["L’", "Ohio"])
    v = view(words={"det": frozenset({"l'"})})
    assert match_at(d, 0, [{"WORDS": "det"}, {"IS_TITLE": True}], v).end == 2
    assert match_at(d, 0, [{"LOWER": "l'"}, {"LOWER": "ohio"}], NO_VIEW).end == 2


def test_entity_condition_asks_the_view_for_the_tokens_entity_type():
    # "Oxfam Tchad" : Oxfam an Organization, Tchad a Place
    d = flat(["Oxfam", "Tchad"])
    v = view(types={0: "Organization", 1: "Place"})
    assert match_at(d, 0, [{"ENTITY": "Organization"}, {"ENTITY": "Place"}], v).end == 2
    assert match_at(d, 0, [{"ENTITY": "Place"}], v) is None
    assert match_at(d, 0, [{"ENTITY": {"IN": ["Place", "Organization"]}, "OP": "+"}], v).end == 2


def test_entity_true_is_any_entity_and_false_is_none():
    # "Oxfam et le Tchad" : 'et' and 'le' belong to no entity
    d = flat(["Oxfam", "et", "le", "Tchad"])
    v = view(types={0: "Organization", 3: "Place"})
    assert match_at(d, 0, [{"ENTITY": True}, {"ENTITY": False, "OP": "+"}, {"ENTITY": True}], v).end == 4
    assert match_at(d, 1, [{"ENTITY": True}], v) is None


def test_kind_condition_asks_the_view_for_the_gazetteer_kind():
    # "Texas , États-Unis" : a region then a country
    d = flat(["Texas", ",", "États-Unis"])
    v = view(types={0: "Place", 2: "Place"}, kinds={0: "region", 2: "country"})
    assert match_at(d, 0, [{"KIND": "region"}, {"ORTH": ","}, {"KIND": "country"}], v).end == 3
    assert match_at(d, 0, [{"KIND": {"IN": ["city", "country"]}}], v) is None


def test_in_and_not_in_conditions():
    # "au Niger" / "le Niger" : a preposition from a list, then a word outside a stop list
    d = flat(["au", "Niger"], pos=["ADP", "PROPN"])
    assert match_at(d, 0, [{"LOWER": {"IN": ["à", "au", "en"]}}, {"POS": {"NOT_IN": ["DET", "ADP"]}}], NO_VIEW).end == 2
    assert match_at(flat(["le", "Niger"]), 0, [{"LOWER": {"IN": ["à", "au", "en"]}}], NO_VIEW) is None
    assert match_at(d, 1, [{"POS": {"NOT_IN": ["PROPN"]}}], NO_VIEW) is None


def test_regex_condition_searches_the_value():
    # "(D-MI)" : an upper-case party letter and state code
    d = flat(["(", "D-MI", ")"])
    assert match_at(d, 1, [{"ORTH": {"REGEX": r"^[A-Z]-[A-Z]{2}$"}}], NO_VIEW) is not None
    assert match_at(d, 1, [{"ORTH": {"REGEX": r"MI"}}], NO_VIEW) is not None  # a search, not a full match
    assert match_at(d, 1, [{"ORTH": {"REGEX": r"^[a-z]"}}], NO_VIEW) is None


def test_lemma_pos_and_dep_conditions():
    # "Rebels attacked" : LEMMA compares the lowercase lemma
    d = make(["Rebels", "attacked"], [1, 1], ["nsubj", "ROOT"], pos=["NOUN", "VERB"], lemmas=["Rebel", "attack"])
    assert match_at(d, 0, [{"LEMMA": "rebel", "POS": "NOUN", "DEP": "nsubj"}, {"LEMMA": "attack"}], NO_VIEW).end == 2
    assert match_at(d, 0, [{"LEMMA": "rebel", "DEP": "dobj"}], NO_VIEW) is None


def test_boolean_token_flags():
    # "NATO sent 300 troops ." : IS_UPPER, LIKE_NUM, IS_PUNCT
    d = flat(["NATO", "sent", "300", "troops", "."])
    assert match_at(d, 0, [{"IS_UPPER": True}, {"IS_UPPER": False}, {"LIKE_NUM": True}], NO_VIEW).end == 3
    assert match_at(d, 4, [{"IS_PUNCT": True}], NO_VIEW).end == 5
    assert match_at(d, 3, [{"IS_PUNCT": True}], NO_VIEW) is None


def test_unknown_value_condition_raises_pattern_error_naming_the_allowed_ones():
    # "Lyon" : {"FUZZY": ...} is spaCy's, not this matcher's
    with pytest.raises(PatternError, match=r"unknown condition \['FUZZY'\]; allowed: IN, NOT_IN, REGEX"):
        match_at(flat(["Lyon"]), 0, [{"ORTH": {"FUZZY": "Lyons"}}], NO_VIEW)


# -- malformed patterns --------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,message", [
    ([], r"here: a pattern is a non-empty list of token specifications"),
    ({"ORTH": "Lyon"}, r"here: a pattern is a non-empty list"),
    ([{"ORTH": ","}, "Lyon"], r"here: token 1 is not an object"),
    ([{"ORTH": ","}, {"SHAPE": "Xxxx"}], r"here: token 1 has unknown keys \['SHAPE'\]; allowed: \["),
    ([{"ORTH": ",", "OP": "{2}"}], r"here: token 0 has operator '\{2\}'; allowed: \?, \*, \+, !"),
])
def test_check_pattern_rejects_malformed_patterns_naming_where_and_what(pattern, message):
    with pytest.raises(PatternError, match=message):
        check_pattern(pattern, "here")


def test_check_pattern_accepts_every_documented_key_and_operator():
    pattern = [{"ENTITY": "Place", "KIND": "city", "OP": "+", "SLOT": "subject"}, {"ORTH": ",", "OP": "?"},
               {"WORDS": "area", "OP": "*"}, {"LOWER": {"IN": ["of"]}, "OP": "!"},
               {"TEXT": "x", "LEMMA": "x", "POS": "X", "DEP": "dep", "IS_PUNCT": False, "IS_TITLE": False,
                "IS_UPPER": False, "LIKE_NUM": False}]
    assert check_pattern(pattern, "here") is None


# -- find_all: every match, sentence by sentence -------------------------------------------------

def test_find_all_returns_non_overlapping_matches_earlier_starts_first():
    # "Anna Bella Carla Dora Emma" : pairs of names; the fifth is left alone
    pattern = [{"IS_TITLE": True}, {"IS_TITLE": True}]
    d = flat(["Anna", "Bella", "Carla", "Dora", "Emma"])
    assert [(m.start, m.end) for m in find_all(d, pattern, NO_VIEW)] == [(0, 2), (2, 4)]


def test_find_all_never_crosses_a_sentence_end():
    # "We left Lyon . Paris waited" : two sentences; a pattern spanning the full stop matches when
    # asked at a start with no limit, but find_all stops every match at the end of its sentence
    d = make(["We", "left", "Lyon", ".", "Paris", "waited"], [1, 1, 1, 1, 5, 5],
             ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT"])
    pattern = [{"IS_TITLE": True}, {"ORTH": "."}, {"IS_TITLE": True}]
    assert match_at(d, 2, pattern, NO_VIEW) is not None
    assert find_all(d, pattern, NO_VIEW) == []
    # the part of the pattern inside one sentence still matches there
    assert [(m.start, m.end) for m in find_all(d, [{"IS_TITLE": True}, {"ORTH": "."}], NO_VIEW)] == [(2, 4)]


def test_find_all_with_an_optional_first_spec_tries_every_start():
    # "vers le Niger et Agadez" : an optional article before a name
    pattern = [{"LOWER": "le", "OP": "?"}, {"IS_TITLE": True, "SLOT": "name"}]
    d = flat(["vers", "le", "Niger", "et", "Agadez"])
    assert [m.slots["name"] for m in find_all(d, pattern, NO_VIEW)] == [(2,), (4,)]
    assert [texts(d, m) for m in find_all(d, pattern, NO_VIEW)] == ["le Niger", "Agadez"]


# -- the fast path: attributes read once per document, starts shared by patterns ---------------------

def test_a_view_used_on_another_document_reads_that_document():
    # the view keeps the attributes of the last document it matched: a new document is read afresh
    pattern = [{"LOWER": "à"}, {"IS_TITLE": True, "SLOT": "place"}]
    first, second = flat(["vers", "Lyon", "à", "Paris"]), flat(["à", "Vienne", "et", "à", "Rome"])
    v = view()
    assert [m.slots["place"] for m in find_all(first, pattern, v)] == [(3,)]
    assert [m.slots["place"] for m in find_all(second, pattern, v)] == [(1,), (4,)]
    assert [m.slots["place"] for m in find_all(first, pattern, v)] == [(3,)]


def test_patterns_with_the_same_first_spec_find_their_own_matches():
    # two patterns of one document share the starts their first specification accepts
    d = flat(["Anna", ",", "Bella", "(", "Carla", ")"])
    v = view()
    comma = [{"IS_TITLE": True, "SLOT": "a"}, {"ORTH": ","}, {"IS_TITLE": True, "SLOT": "b"}]
    paren = [{"IS_TITLE": True, "SLOT": "a"}, {"ORTH": "("}, {"IS_TITLE": True, "SLOT": "b"}, {"ORTH": ")"}]
    assert [(m.start, m.end) for m in find_all(d, comma, v)] == [(0, 3)]
    assert [(m.start, m.end) for m in find_all(d, paren, v)] == [(2, 6)]


def test_a_malformed_condition_fails_when_a_token_reaches_it():
    # as with spaCy's matcher, a condition is checked when a token is tested against it
    pattern = [{"ORTH": "Lyon"}, {"ORTH": {"FUZZY": "x"}}]
    assert find_all(flat(["Paris", "Rome"]), pattern, NO_VIEW) == []
    with pytest.raises(PatternError):
        find_all(flat(["Lyon", "Rome"]), pattern, NO_VIEW)
