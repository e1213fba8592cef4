"""When and where: the date and the place that an event's own clause names.

"Blinken met Lavrov in Vienna on Friday": the statement ``met`` gets the place Vienna and the date of
that Friday, counted from the document's date. The rules, in the terms of a grammar:

- **the place** is a place entity named by a *locative complement* of the event's clause (the
  ``locative_prepositions`` of ``lexicon.json``: "à Vienne", "en Pologne", "in Geneva", "at a summit in
  Brussels", "dans la ville de Kidal"), or the antecedent of a relative "où / where". It is never the
  statement's own subject or object ("visited Warsaw" has Warsaw as its target, not its place), never a
  place inside a party's name ("met Vienna's mayor", "le maire de Vienne": a noun complement, not a
  locative one), and never a place introduced as a recipient: a preposition listed in
  ``place_complements.bare_name_only`` ("à") is locative only before the name itself ("à Vienne", "au
  Mali"), not before an article ("a offert à la Russie" is a dative). A meeting's noun names its place
  with ``place_complements.event_noun_prepositions`` before a bare name ("la réunion de Vienne") or as
  a name modifier ("the Vienna talks");
- **the date** is a *time complement* of the clause ("vendredi", "ce mardi", "le 6 février 1998",
  "on Friday", "yesterday", "in March 2011"), read by :func:`kg.dates.normalise_date` against the
  document's date, looking back for a past tense, ahead for a future or a plan, else to the nearest day.

Which complements belong to the clause is :func:`kg.extract.syntax.circumstantials`'s, in both
dependency schemes. Only event relations get a date or a place; static ones (an office, a location)
are states.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from spacy.tokens import Token

from ..dates import FUTURE, NEAREST, PAST, normalise_date, time_words
from ..errors import OntologyError
from ..lexicon import Lexicon, read_json
from ..model import ASSERTED, EVENT_RELATIONS, PLACE, PLANNED, POSITIVE, Document, Statement
from ..resolve import DocEntities
from . import syntax

__all__ = ["PlaceWords", "place_words", "Circumstances", "direction_of"]

#: a definite event noun refers back to an event told at most this many characters before it
MENTION_REACH = 2000


@dataclass(frozen=True)
class PlaceWords:
    """``place_complements`` of a language's ``lexicon.json``."""

    bare_name_only: frozenset[str]  # "à": locative before a name itself only
    event_noun_prepositions: frozenset[str]  # "de": "la réunion de Vienne"


@lru_cache(maxsize=None)
def place_words(lang: str) -> PlaceWords:
    """The place words of ``lang``, loaded once."""
    where = f"lexicon/{lang}/lexicon.json place_complements"
    data = read_json(Path("lexicon") / lang / "lexicon.json").get("place_complements")
    if not isinstance(data, dict):
        raise OntologyError(f"{where}: section is missing")
    lists = {}
    for key in ("bare_name_only", "event_noun_prepositions"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise OntologyError(f"{where}: {key!r} must be a list of strings")
        lists[key] = frozenset(w.lower() for w in value)
    return PlaceWords(**lists)


def direction_of(verb: Token | None, modality: str) -> str:
    """Where an event lies from the day of writing, by its verb's tense: behind for a past, ahead for a
    future or a plan, else (a present, a noun) the nearest day."""
    if modality == PLANNED:
        return FUTURE
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return NEAREST
    chain = [verb] + syntax.auxiliaries(verb)
    if any(syntax.is_future(t) for t in chain):
        return FUTURE
    if any(set(t.morph.get("Tense")) & {"Past", "Imp"} for t in chain) or verb.tag_ in ("VBD", "VBN"):
        return PAST
    return NEAREST


class Circumstances:
    """The dates and places of one parsed document's clauses (cached per clause)."""

    def __init__(self, ents: DocEntities, lex: Lexicon, reference: date | None):
        self.ents, self.lex, self.reference = ents, lex, reference
        self.times = time_words(lex.lang)
        self.places = place_words(lex.lang)
        self.time_vocabulary = self.times.words | lex.temporal_nouns
        self._complements: dict[int, dict] = {}

    def complements(self, tok: Token) -> dict:
        if tok.i not in self._complements:
            self._complements[tok.i] = syntax.circumstantials(
                tok, self.lex.locative_preps, self.times.prepositions, self.time_vocabulary)
        return self._complements[tok.i]

    # -- where ------------------------------------------------------------------------------------
    def _place_at(self, t: Token, exclude: set[str]) -> str | None:
        k = self.ents.key_at(t.i)
        if k is not None and k not in exclude and self.ents.type_of(k) == PLACE and self.ents.is_named(k):
            return k
        return None

    def _bare(self, prep: Token) -> bool:
        """Whether the name comes right after the preposition, with no article of its own."""
        nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
        return nxt is not None and nxt.pos_ != "DET"

    def _located(self, prep: Token | None, noun: Token, exclude: set[str]) -> str | None:
        """The place a locative complement names: its noun, or a place inside it ("dans la ville de
        Kirkouk", "at a summit in Brussels"), a locative one first."""
        if prep is not None and prep.lower_ in self.places.bare_name_only and not self._bare(prep):
            return None  # "a offert à la Russie": a recipient
        own = self.ents.key_at(noun.i)
        if own is not None:
            return self._place_at(noun, exclude)  # a named party is no place; "à Vienne" is
        of = self.lex.profile.preps("of")
        inner = [g for c in noun.children for g in syntax.prep_objects(c, self.lex.locative_preps)] + \
                [g for c in noun.children for g in syntax.prep_objects(c, of)]
        for g in inner:
            found = self._place_at(g, exclude)
            if found is not None:
                return found
        return None

    def _event_noun_place(self, noun: Token, relation: str, exclude: set[str]) -> str | None:
        """"la réunion de Vienne", "the Vienna talks": the place a meeting's noun names."""
        if relation not in self.lex.rules.place_is_not_partner:
            return None
        for c in noun.children:
            if c.dep_ == "compound" and c.i < noun.i:  # "the Vienna talks"
                found = self._place_at(c, exclude)
                if found is not None:
                    return found
            cases = [k for k in c.children if k.dep_ in syntax.CASE_DEPS and k.i < c.i]
            if c.dep_ in syntax.OBLIQUE_DEPS and len(cases) == 1 and \
                    cases[0].lower_ in self.places.event_noun_prepositions and self._bare(cases[0]):
                found = self._place_at(c, exclude)
                if found is not None:
                    return found
        return None

    def place(self, anchors: Sequence[Token], exclude: set[str], relation: str, modality: str = ASSERTED) -> str | None:
        """The place the first of ``anchors`` (an event noun, then its verb) names in its clause."""
        for tok in self.clauses(anchors, modality):
            if tok.pos_ == "NOUN":
                found = self._event_noun_place(tok, relation, exclude)
                if found is not None:
                    return found
            for prep, noun in self.complements(tok)[syntax.WHERE]:
                found = self._located(prep, noun, exclude)
                if found is not None:
                    return found
        return None

    # -- when -------------------------------------------------------------------------------------
    def phrase(self, head: Token) -> str:
        """The words of a time complement: a date entity (English), else the head with the words of its
        phrase that can say a date (numbers, time words, determiners, this / last / next), so that what
        the parser hung on it besides ("en janvier secrètement par X") is left out."""
        for ent in head.doc.ents:
            if ent.label_ in syntax.DATE_LABELS and ent.start <= head.i < ent.end:
                return ent.text
        tw = self.times
        modifiers = tw.this | tw.last | tw.next | tw.parts_of_day | tw.ago

        def dated(t: Token) -> bool:
            w = t.lower_
            return t.like_num or t.pos_ == "DET" or w in modifiers or w in self.time_vocabulary or \
                t.lemma_.lower() in self.time_vocabulary or t.lemma_.lower() in modifiers

        def words(t: Token) -> list[Token]:
            out = [t]
            for c in t.children:
                if c.dep_ not in syntax.CASE_DEPS and not c.is_punct and dated(c):
                    out += words(c)
            return out

        toks = sorted(words(head), key=lambda x: x.i)
        return " ".join(t.text for t in toks)

    @staticmethod
    def clauses(anchors: Sequence[Token], modality: str) -> list[Token]:
        """The anchors, and for an asserted event stated through a control verb ("appelle mardi à voter
        pour X", "agreed on Friday to share data") that verb, whose clause then tells when and where."""
        out = list(anchors)
        for tok in anchors:
            if tok.dep_ in syntax.XCOMP_DEPS and tok.head != tok and modality == ASSERTED:
                out.append(tok.head)
        return out

    def date(self, anchors: Sequence[Token], verb: Token | None, modality: str) -> str | None:
        """The date the first of ``anchors`` names in its clause, resolved against the document's date
        in the direction of ``verb``'s tense."""
        way = direction_of(verb, modality)
        for tok in self.clauses(anchors, modality):
            for _, head in self.complements(tok)[syntax.WHEN]:
                found = normalise_date(self.phrase(head), self.lex.lang, self.reference, way)
                if found is not None:
                    return found
        return None

    # -- a definite event noun: the event told before ---------------------------------------------
    def from_definite_mentions(self, statements: list[Statement], mentions: Sequence[Token],
                               document: Document) -> list[Statement]:
        """Statements completed by the definite descriptions that refer back to their event.

        A definite event noun without parties of its own ("après la réunion de Vienne", "after the
        talks in Geneva") presupposes an event the text has told: the last positive, asserted statement
        of its relation before it, within :data:`MENTION_REACH` characters. What the noun's phrase says of
        the event's place and date completes that statement where its own clause said nothing. A date
        that disagrees with the statement's own says the noun is another event: nothing is taken."""
        out = list(statements)
        rel_of = self.lex.event_nouns
        for noun in mentions:
            relation = rel_of.get(noun.lemma_.lower())
            at = document.original_span(noun.idx, noun.idx + len(noun.text))[0]
            told = [i for i, st in enumerate(out) if st.relation == relation and st.relation in EVENT_RELATIONS
                    and st.polarity == POSITIVE and st.modality == ASSERTED and st.object is not None
                    and at - MENTION_REACH <= st.provenance.begin and st.provenance.end <= at]
            if not told:
                continue
            last = max(st.provenance.begin for st in (out[i] for i in told))
            for i in told:
                st = out[i]
                if st.provenance.begin != last:
                    continue
                when = self.date((noun,), None, ASSERTED)
                if when is not None and st.date is not None and when != st.date:
                    continue
                where = st.place or self.place((noun,), {st.subject, st.object}, relation)
                out[i] = replace(st, date=st.date or when, place=where)
        return out
