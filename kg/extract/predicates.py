"""What a verb means in its clause: a :class:`Reading` from the curated frames and the CAMEO lexicon.

A reading is the relation a verb states, the CAMEO code of its event and the argument roles that give
its target. Two sources, both data (``ontologies/lexicon/{lang}/``):

- curated frames (``lexicon.json`` ``verbs``): a lemma, its relation and the roles of its target, in
  order of preference;
- the CAMEO event lexicon (``cameo.json``): a verb's own code, and the phrase patterns of its synset,
  which constrain the verb's arguments in the parse — its subject, a particle, its object noun, its
  prepositional phrases — and give a finer code ("stage a demonstration" 141, "pay a visit to" 042,
  "accuse of torture" 1122). The most specific matching pattern wins; a pattern with no code names a
  non-event and blocks the verb ("symbolically charged").

Patterns are matched on argument roles from :mod:`kg.extract.syntax`, so one pattern serves every
parse of the same clause: "X paid a visit to Y" whether the parser hangs "to Y" on "paid" or on
"visit", and French and English alike.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Token

from ..lexicon import CameoLexicon, CameoVerb, Lexicon, NounSpec, Pattern, stem
from ..model import EVENT_RELATIONS, PLANNED
from . import syntax

#: dependency labels of verb particles (ClearNLP "prt", UD "compound:prt")
PARTICLE_DEPS = frozenset({"prt", "compound:prt", "advmod"})


@lru_cache(maxsize=1)
def relation_cameo() -> dict[str, str]:
    """Relation -> its CAMEO code, from the ontology."""
    from ..vocab import KGO, ontology

    g = ontology()
    out = {}
    for rel in EVENT_RELATIONS:
        code = g.value(KGO[rel], KGO.cameoCode)
        if code is not None:
            out[rel] = str(code)
    return out


@dataclass(frozen=True)
class Reading:
    """The relation a verb states in its clause, and where to find its target."""

    relation: str
    targets: tuple[str, ...]  # argument roles, in order of preference
    code: str | None = None  # the CAMEO code of this event when finer than the relation's
    voice: str | None = None  # "passive": the reading holds only in the passive
    modality: str | None = None  # a modality the verb itself carries
    pattern: Pattern | None = None  # the CAMEO pattern that gave the reading
    #: the verb's code alone says what happened, not to whom: its target must be an argument itself,
    #: not an entity found inside one ("instituted a curfew in Algiers" is no act towards Algiers)
    direct: bool = False
    target_types: tuple[str, ...] = ()  # entity types the target may have (none: any)
    role: str | None = None  # the office a role_in/member_of verb gives its subject
    subject_types: tuple[str, ...] = ()  # entity types the subject may have (none: any)


def forms(tok: Token) -> frozenset[str]:
    """The word forms a lexicon word may match: the token's lower-case text and lemma, and their stems."""
    return _forms(tok.lower_, tok.lemma_)


@lru_cache(maxsize=16384)
def _forms(lower: str, lemma: str) -> frozenset[str]:
    words = {lower, lemma.lower()}
    return frozenset(words | {stem(w) for w in words})


def _word_matches(tok: Token, word: str, cameo: CameoLexicon) -> bool:
    if word.startswith("&"):
        heads = cameo.nouns.get(word[1:], {})
        return any(all(_modifier_present(tok, m, cameo) for m in mods)
                   for w in forms(tok) for mods in heads.get(w, ()))
    found = forms(tok)
    return stem(word) in found or word in found


def _modifier_present(head: Token, word: str, cameo: CameoLexicon) -> bool:
    """A modifier word of a pattern's noun phrase among the noun's dependents ("humanitarian aid",
    "aide humanitaire", "arms shipment")."""
    return any(_word_matches(t, word, cameo) for t in head.subtree if t.i != head.i)


def noun_matches(tok: Token, spec: NounSpec, cameo: CameoLexicon) -> bool:
    """Whether a noun (the head of an argument) is the noun phrase a pattern asks for."""
    return _word_matches(tok, spec.head, cameo) and all(_modifier_present(tok, m, cameo) for m in spec.modifiers)


def clitic_present(tok: Token, clitic: str, lex: Lexicon) -> bool:
    """Whether a verb carries a clitic pronoun ("se" in "il se rend", "nous nous rendons")."""
    wanted = lex.profile.clitics.get(clitic, frozenset({clitic}))
    words = [c.lower_ for c in tok.children] + [c.lower_ for a in syntax.auxiliaries(tok) for c in a.children]
    return any(w in wanted for w in words)


def particle_present(tok: Token, particle: str) -> bool:
    """Whether a verb has a particle ("call off", "beef up"): a particle dependent, or the next word."""
    particle = particle.lower()
    if any(c.dep_ in PARTICLE_DEPS and c.lower_ == particle for c in tok.children):
        return True
    nxt = tok.i + 1
    return nxt < len(tok.doc) and tok.doc[nxt].lower_ == particle


def lemma_candidates(tok: Token, lex: Lexicon) -> list[str]:
    """The lemmas a verb token may be: the lemmatizer's, the irregular forms of the lexicon, and the
    profile's inflection repairs."""
    out = [tok.lemma_.lower()]
    irregular = lex.cameo.forms.get(tok.lower_)
    if irregular:
        out.append(irregular)
    w = tok.lower_
    for suffix, repl in lex.profile.lemma_repairs:
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            out.append(w[: len(w) - len(suffix)] + repl)
    return list(dict.fromkeys(out))


def cameo_entries(tok: Token, lex: Lexicon) -> list[CameoVerb]:
    """The CAMEO verbs a token is, with their particle, clitics and prefix present."""
    for lemma in lemma_candidates(tok, lex):
        entries = lex.cameo.verbs.get(lemma)
        if not entries:
            continue
        found = []
        for v in entries:
            if v.particle and not particle_present(tok, v.particle):
                continue
            if v.clitics and not all(clitic_present(tok, c, lex) for c in v.clitics):
                continue
            if v.prefix and not (tok.i > 0 and tok.doc[tok.i - 1].lower_ == v.prefix):
                continue
            found.append(v)
        if found:
            # a phrasal or pronominal verb is a different verb from the bare one: it goes first
            return sorted(found, key=lambda v: -(bool(v.particle) + len(v.clitics) + bool(v.prefix)))
    return []


def _prep_heads(args: dict, prep: str, lex: Lexicon | None = None) -> list[Token]:
    """The nouns of a prepositional phrase on the verb, or hung by the parser on the verb's object; for a
    dative preposition also the dative clitic ("lui faisait grief" is "faisait grief à X")."""
    heads = list(args.get(f"prep:{prep}", ()))
    if lex is not None and prep in lex.profile.preps("dative"):
        heads += [h for h in args.get(syntax.IOBJ, ()) if h not in heads]
    for o in args.get(syntax.OBJ, ()):
        for c in o.children:
            heads.extend(syntax.prep_objects(c, (prep,)))
    return heads


def pattern_matches(p: Pattern, tok: Token, args: dict, cameo: CameoLexicon, lex: Lexicon | None = None) -> bool:
    """Whether a clause (a verb and its arguments) has everything a pattern asks for."""
    if p.particle and not particle_present(tok, p.particle):
        return False
    if p.subject is not None and not any(noun_matches(s, p.subject, cameo) for s in args.get(syntax.SUBJ, ())):
        return False
    if p.object is not None and not any(noun_matches(o, p.object, cameo) for o in args.get(syntax.OBJ, ())):
        return False
    for prep, spec in p.preps:
        heads = _prep_heads(args, prep, lex)
        if not heads or (spec is not None and not any(noun_matches(h, spec, cameo) for h in heads)):
            return False
    return True


def best_pattern(patterns: Iterable[Pattern], tok: Token, args: dict, cameo: CameoLexicon,
                 lex: Lexicon | None = None) -> Pattern | None:
    """The most specific pattern the clause matches; among equals, the one that asks more of the words
    after the verb, which fix its sense ("Congress launched an inquiry" is an inquiry, not Congress
    convening), then the first in lexicon order."""
    best = None
    for p in patterns:
        if (best is None or (p.specificity, p.complement_specificity) > (best.specificity, best.complement_specificity)) \
                and pattern_matches(p, tok, args, cameo, lex):
            best = p
    return best


def _pattern_targets(p: Pattern, default: tuple[str, ...]) -> tuple[str, ...]:
    """Where a pattern's target is: the role it names, else a prepositional phrase it asks for
    without a noun ("appeal (to)"), else the relation's default roles."""
    if p.target:
        return (p.target,) + tuple(r for r in default if r != p.target)
    bare = [f"prep:{prep}" for prep, spec in p.preps if spec is None]
    return tuple(bare) + tuple(r for r in default if r not in bare) if bare else default


def expand_targets(roles: Iterable[str], lex: Lexicon) -> tuple[str, ...]:
    """Default target roles with the profile's target prepositions spelled out ("target" -> prep:contre …)."""
    out: list[str] = []
    for role in roles:
        if role == "target":
            out.extend(f"prep:{p}" for p in sorted(lex.profile.preps("target")))
        elif role in ("source", "cause"):
            out.extend(f"prep:{p}" for p in sorted(lex.profile.preps(role)))
        else:
            out.append(role)
    return tuple(dict.fromkeys(out))


def _same_verb(a: str | None, b: str) -> bool:
    """Whether a pattern's verb is this lemma, whatever the spelling ("recognise", "recognize")."""
    return a is not None and (a == b or a.replace("is", "iz") == b.replace("is", "iz"))


def _own_first(patterns: Iterable[Pattern], entry) -> list[Pattern]:
    """A block's patterns with those written for this verb first: among patterns that ask as much,
    the verb's own sense wins ("recognized the independence of X" is a recognition, 054, not the
    celebration another verb of the block was written for)."""
    return sorted(patterns, key=lambda p: not _same_verb(p.written_for, entry.lemma))


def _applies_to(pattern, entry) -> bool:
    """Whether a pattern of a verb's block applies to this verb. A pattern written for another verb of
    the block (its comment names that verb) is that verb's sense: it applies to a synonym only in the
    same CAMEO root as the synonym's own code ("oppose the plan" is a rejection, 127; "debate the plan",
    whose own code is 040, is no rejection), and a bare pattern, which asks for no word of its own,
    only to the verb it was written for ("head for X" is a trip; "control … for" is not)."""
    if not pattern.written_for or _same_verb(pattern.written_for, entry.lemma):
        return True
    if pattern.bare:
        return False
    own = None if entry.inherited else entry.code
    return own is None or pattern.code is None or pattern.code[:2] == own[:2]


def verb_reading(tok: Token, lex: Lexicon, args: dict | None = None, curated: bool = True) -> Reading | None:
    """What a verb token states, or None: its curated frame, refined or overruled by the most specific
    CAMEO pattern its clause matches, else its CAMEO code alone (only the CAMEO lexicon's reading
    when not ``curated``)."""
    if tok.pos_ not in ("VERB", "AUX") and not syntax.is_mistagged_participle(tok, lex):
        return None
    # the curated frame, by the lemma or a repair of a form the lemmatizer left inflected ("condamne")
    frame = next((lex.verbs[c] for c in lemma_candidates(tok, lex) if c in lex.verbs), None) if curated else None
    if frame is not None and frame.requires and not clitic_present(tok, frame.requires, lex):
        frame = None
    entries = cameo_entries(tok, lex)
    if frame is None and not entries:
        return None
    if args is None:
        args = syntax.arguments(tok, lex)
    if frame is not None and frame.intransitive and args.get(syntax.OBJ):
        frame = None  # "returned the bodies to X", "headed the delegation": no journey
        if not entries:
            return None
    rules = lex.rules
    if frame is not None and frame.role:
        # "X heads Y", "X préside Y", "X joined Y": an office or membership held, unless a CAMEO pattern
        # asks for the words after the verb ("joined X in condemning …" is no membership)
        for entry in entries:
            block_code, patterns = lex.cameo.synsets.get(entry.synset, (None, ()))
            p = best_pattern(_own_first([q for q in patterns if q.complement_specificity >= 2 and q.code is not None
                                         and _applies_to(q, entry)], entry), tok, args, lex.cameo, lex)
            relation = rules.relation_for(p.code) if p is not None else None
            if relation is not None:
                return Reading(relation, _pattern_targets(p, expand_targets(rules.targets_for(relation, p.code), lex)),
                               p.code, pattern=p)
        return Reading(frame.relation, frame.target, None, frame.voice, frame.modality, direct=True,
                       target_types=frame.target_types, role=frame.role, subject_types=frame.subject_types)
    for entry in entries:
        block_code, patterns = lex.cameo.synsets.get(entry.synset, (None, ()))
        p = best_pattern(_own_first([q for q in patterns if q.specificity > 0 and _applies_to(q, entry)], entry),
                         tok, args, lex.cameo, lex)
        if p is not None and p.code is None:
            return None  # the pattern names a non-event ("symbolically charged")
        if p is not None and (frame is None or p.complement_specificity >= 2):
            relation = rules.relation_for(p.code)
            if relation is None:
                return None  # an event kg does not extract (a comment, an apology)
            phrase = lex.verbs.get(" ".join([entry.lemma] + [f"{prep} {spec.head}" for prep, spec in p.preps
                                                              if spec is not None]))
            if phrase is not None and relation_cameo().get(phrase.relation, "")[:2] == p.code[:2]:
                # a curated verb phrase the pattern spells ("mettre en garde" is a warning, coded 130)
                return Reading(phrase.relation, phrase.target, p.code, phrase.voice, phrase.modality, p,
                               phrase.direct, phrase.target_types)
            if frame is not None and (frame.relation == relation or
                                      relation_cameo().get(frame.relation, "")[:2] == p.code[:2]):
                # the pattern refines the frame's event ("condamner" stays condemned when a pattern
                # codes it 111, which criticised shares)
                return Reading(frame.relation, frame.target, p.code, frame.voice, frame.modality, p,
                               frame.direct, frame.target_types)
            # "called for an investigation into X", "pressed for talks with X": the act asked for is not held
            asked = PLANNED if relation in rules.asked_events and "called_for" in (
                rules.relation_for(block_code), frame.relation if frame is not None else None) else None
            return Reading(relation, _pattern_targets(p, expand_targets(rules.targets_for(relation, p.code), lex)),
                           p.code, modality=asked, pattern=p)
        if frame is None and (entry.codes_alone or entry.lemma in lex.cameo_synonyms_alone):
            relation = rules.relation_for(entry.code)
            if relation is None:
                return None
            return Reading(relation, expand_targets(rules.targets_for(relation, entry.code), lex), entry.code,
                           direct=True)
    if frame is None:
        return None
    return Reading(frame.relation, frame.target, frame.cameo, frame.voice, frame.modality,
                   direct=frame.direct, target_types=frame.target_types)
