"""Static relations stated by noun-phrase constructions: "Kidal, dans le nord du Mali" (located_in),
"Lyon, in south-eastern France", "the Medical Center in Landstuhl", "X (SPD)" (member_of).

Each construction is data (``ontologies/lexicon/{lang}/constructions.json``): a token pattern with a
``subject`` and an ``object`` slot (:mod:`kg.extract.tokenpatterns`), the relation it states, and named
checks the two entities must pass. The checks are the only code, and they are written once for every
language:

- ``larger_place``: the object is a place that holds the subject — by the gazetteer's hierarchy when it
  knows both (Lyon is in France, not in Brittany; a country lies in no other place but its sovereign),
  else by their levels (country, region, city); a place the gazetteer does not know may lie in one it
  knows, never the reverse. The subject may also be an organisation (an embassy, a hospital);
- ``known_containment``: the gazetteer knows that the object holds the subject;
- ``known_object``: the gazetteer knows the object (a parenthesis may hold a translation);
- ``not_a_list``: the subject is not the tail of a list ("Milan, Giverny, Barcelone");
- ``object_attached_to_subject``: the parse hangs the object's phrase on the subject noun, not on a verb
  ("the hospital in Landstuhl", not "met X in Landstuhl");
- ``object_is_party_or_group``: the object is an organisation and the subject a person.

Both slots must be proper names (a nationality adjective or a description is no place of its own).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from spacy.tokens import Doc

from ..errors import OntologyError
from ..lexicon import load_lexicon, read_json
from ..model import ORGANIZATION, PERSON, PLACE, RELATIONS
from . import tokenpatterns
from .tokenpatterns import PatternError, TokenView

CHECKS = frozenset({"larger_place", "known_containment", "known_object", "not_a_list",
                    "object_attached_to_subject", "object_is_party_or_group", "occupation_noun", "object_named",
                    "subject_named"})


@dataclass(frozen=True)
class Construction:
    name: str
    relation: str
    pattern: tuple[Mapping[str, Any], ...]
    checks: tuple[str, ...] = ()
    after: str | None = None  # a word list one of whose words must follow the match


@dataclass(frozen=True)
class Found:
    """A construction found in a document: the relation between two entities and the tokens that state it."""

    construction: str
    relation: str
    subject: str
    object: str
    start: int
    end: int


@lru_cache(maxsize=None)
def load_constructions(lang: str) -> tuple[tuple[Construction, ...], Mapping[str, frozenset[str]]]:
    """The constructions of a language and the word lists their patterns name (none when the language
    has no ``constructions.json``)."""
    name = Path("lexicon") / lang / "constructions.json"
    data = read_json(name, optional=True)
    if data is None:
        return (), {}
    where = f"lexicon/{lang}/constructions.json"
    words = {k: frozenset(w.lower() for w in v) for k, v in data.get("words", {}).items() if not k.startswith("_")}
    out = []
    for i, c in enumerate(data.get("constructions", [])):
        w = f"{where} construction {i} ({c.get('name')!r})"
        if c.get("relation") not in RELATIONS:
            raise OntologyError(f"{w}: relation {c.get('relation')!r} is not one of {', '.join(RELATIONS)}")
        unknown = set(c.get("checks", ())) - CHECKS
        if unknown:
            raise OntologyError(f"{w}: unknown checks {sorted(unknown)}; allowed: {', '.join(sorted(CHECKS))}")
        try:
            tokenpatterns.check_pattern(c.get("pattern"), w)
        except PatternError as e:
            raise OntologyError(str(e)) from None
        slots = {spec.get("SLOT") for spec in c["pattern"]}
        if not {"subject", "object"} <= slots:
            raise OntologyError(f"{w}: the pattern needs a 'subject' and an 'object' slot")
        listed = {spec["WORDS"] for spec in c["pattern"] if "WORDS" in spec} | ({c["after"]} if c.get("after") else set())
        if listed - set(words):
            raise OntologyError(f"{w}: word lists {sorted(listed - set(words))} are not defined in 'words'")
        out.append(Construction(c["name"], c["relation"], tuple(c["pattern"]), tuple(c.get("checks", ())),
                                c.get("after")))
    return tuple(out), words


def find(doc: Doc, ents, lang: str) -> Iterator[Found]:
    """Every construction of the language in a parsed document whose entities pass its checks.
    ``ents`` is the document's :class:`~kg.resolve.DocEntities`."""
    constructions, words = load_constructions(lang)
    if not constructions:
        return

    keys = [ents.key_at(i) for i in range(len(doc))]
    types = [ents.type_of(k) if k is not None else None for k in keys]
    kinds: dict[int, str | None] = {}

    def kind(i: int) -> str | None:
        if i not in kinds:
            entry = ents.entry_of(keys[i]) if keys[i] is not None else None
            kinds[i] = entry.kind if entry is not None else None
        return kinds[i]

    view = TokenView(types.__getitem__, kind, words)
    for c in constructions:
        for m in tokenpatterns.find_all(doc, c.pattern, view):
            subj = _slot_entity(ents, _last_run(ents, m.slots.get("subject", ())))
            obj = _slot_entity(ents, m.slots.get("object", ()))
            if subj is None or obj is None or subj == obj:
                continue
            # (an entity the text writes by its name, even as a modifier: "the Paris-based group")
            if not all(ents.is_named(k) or all(doc[i].pos_ == "PROPN" for i in m.slots[slot])
                       for k, slot in ((subj, "subject"), (obj, "object"))):
                continue
            if c.after is not None and not _followed_by(doc, m.end, words[c.after]):
                continue
            if all(_check(name, doc, ents, m, subj, obj, lang) for name in c.checks):
                yield Found(c.name, c.relation, subj, obj, m.start, m.end)


def _slot_entity(ents, tokens) -> str | None:
    """The one entity every token of a slot belongs to."""
    keys = {ents.key_at(i) for i in tokens}
    return keys.pop() if len(keys) == 1 and None not in keys else None


def _last_run(ents, tokens) -> tuple[int, ...]:
    """The subject slot's last entity: a noun phrase ends on its head ("the Italian embassy": Italy,
    then the embassy)."""
    tokens = tuple(tokens)
    if not tokens:
        return tokens
    last = ents.key_at(tokens[-1])
    i = len(tokens)
    while i > 0 and ents.key_at(tokens[i - 1]) == last:
        i -= 1
    return tokens[i:]


def _followed_by(doc: Doc, end: int, words: frozenset[str]) -> bool:
    if end >= len(doc) or doc[end].is_sent_start:
        return True  # the end of the text or of the sentence
    tok = doc[end]
    return tok.text in words or tok.text.strip(" ") in words or (tok.is_space and "\n" in tok.text)


def _check(name: str, doc: Doc, ents, m, subj: str, obj: str, lang: str) -> bool:
    if name == "larger_place":
        return _larger_place(ents, subj, obj)
    if name == "known_containment":
        a, b = ents.entry_of(subj), ents.entry_of(obj)
        return a is not None and b is not None and ents.gaz.contains(b, a) is True
    if name == "known_object":
        return ents.entry_of(obj) is not None
    if name == "not_a_list":
        # "Milan, Giverny, Barcelone": the subject follows a comma after another place of a list (not a
        # comma after an opening adverb: "Meanwhile, Dallas, Texas, …")
        first = m.slots["subject"][0]
        if not (first > 1 and doc[first - 1].text == ","):
            return True
        before = doc[first - 2]
        key = ents.key_at(before.i)
        if key is not None:
            return ents.type_of(key) != PLACE
        return not (before.is_title and not before.is_sent_start)  # a name the NER missed ("Annecy, Lyon, …")
    if name == "object_attached_to_subject":
        # the place complement hangs on the subject's noun, or on the category noun the subject names
        # ("le lycée Jean Moulin à Lyon": lycée — Jean Moulin, lycée — à Lyon)
        subject_toks = set(m.slots["subject"])
        if _complement_of_person_noun(doc, load_lexicon(lang), subject_toks) and \
                not any(doc[i].pos_ == "NOUN" for i in subject_toks):
            # "la correspondante de France 24 en Egypte": the place is the person's; a body named by its
            # noun is where it is, whoever works there ("les diplomates de l'ambassade d'Italie à Kaboul")
            return False
        # (the category noun of a name, not a noun the name is the complement of: "le bureau de l'ONU
        # à Genève" puts no UN in Geneva)
        nouns = subject_toks | {doc[i].head.i for i in subject_toks
                                if doc[i].head.i not in subject_toks and doc[i].head.pos_ == "NOUN"
                                and doc[i].dep_ not in ("pobj", "poss", "nmod:poss")
                                and not any(c.dep_ == "case" for c in doc[i].children)}
        for i in m.slots["object"]:
            head = doc[i].head
            if head.i in nouns or (head.pos_ == "ADP" and head.head.i in nouns):
                return True
        return False
    if name == "object_is_party_or_group":
        # an organisation the gazetteer knows, or an acronym ("(PMDB)"): "Marc Dupont (Safran)" may
        # name a sponsor, a boat or an employer
        text = doc[m.slots["object"][0]:m.slots["object"][-1] + 1].text
        return ents.type_of(obj) == ORGANIZATION and ents.type_of(subj) == PERSON and \
            (ents.entry_of(obj) is not None or (text.isupper() and len(text) >= 2))
    if name == "occupation_noun":
        # "a researcher at X": a role one is a member in (not an office: "the chairman of X" is the role
        # rules' role_in), or another noun of a person (an agent of the lexicon)
        lex = load_lexicon(lang)
        word = doc[m.slots["occupation"][0]]
        if "Plur" in word.morph.get("Number"):
            return False  # "X, members of Y": no apposition to one person
        lemmas = {word.lemma_.lower(), word.lower_}
        roles = [role for w in lemmas for role, _ in lex.role_index.get(w, ())]
        if roles:
            return all(role.relation == "member_of" for role in roles)
        return any(a.person for w in lemmas for a in lex.agents.by_head.get(w, ()))
    if name == "subject_named":
        # the person written by a name, not a title standing for them ("président de La Poste" is the
        # role rules' role_in)
        lex = load_lexicon(lang)
        toks = [doc[i] for i in _last_run(ents, m.slots["subject"])]
        return all(t.text[:1].isupper() and t.lower_ not in lex.role_index for t in toks if t.is_alpha)
    if name == "object_named":
        # the organisation written by its name, not a description standing for one ("le rapporteur du
        # texte": the text may be a treaty named before)
        return any(doc[i].pos_ == "PROPN" or doc[i].is_title or doc[i].is_upper for i in m.slots["object"])
    raise ValueError(f"unknown check {name!r}")


def _complement_of_person_noun(doc: Doc, lex, subject_toks: set[int]) -> bool:
    """Whether the subject's noun phrase is the complement of a noun of a person ("correspondante de
    la chaîne X", "director of the Red Cross"): a place after it may be that person's post."""
    roots = [doc[i] for i in subject_toks if doc[i].head.i not in subject_toks]
    for t in roots[:1]:
        for _ in range(4):
            head = t.head
            if head == t:
                break
            if head.pos_ == "ADP":  # ClearNLP: noun -> prep -> pobj
                t, head = head, head.head
            if head.pos_ == "NOUN" and t.dep_ in ("nmod", "pobj", "prep", "compound", "appos"):
                word = head.lemma_.lower()
                if any(a.person for a in lex.agents.by_head.get(word, ())) or word in lex.role_index:
                    return True
                t = head
                continue
            break
    return False


def _larger_place(ents, subj: str, obj: str) -> bool:
    """Whether ``obj`` is a place that holds ``subj`` (a place or an organisation)."""
    if ents.type_of(obj) != PLACE or ents.type_of(subj) not in (PLACE, ORGANIZATION):
        return False
    gaz = ents.gaz
    a, b = ents.entry_of(subj), ents.entry_of(obj)
    if ents.type_of(subj) == ORGANIZATION:
        return b is not None or a is None  # an organisation in a place
    if a is not None and b is not None:
        known = gaz.contains(b, a)
        if known is not None:
            return known
        la, lb = gaz.level(a), gaz.level(b)
        return la is not None and lb is not None and lb < la
    if a is not None:
        return False  # a place the gazetteer knows lies in no place it does not know
    return b is None or b.kind in ("country", "region", "city")
