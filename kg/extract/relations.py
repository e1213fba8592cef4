"""Relations from the dependency parse: Doc + resolved entities -> statements.

Every rule asks :mod:`kg.extract.syntax` for argument roles, so it serves French and English alike, and
the language data (``ontologies/lexicon/{lang}/``) for what a predicate means. Rules:

- verb frames: a lexicon verb with a subject and a target entity (object, dative, preposition, or an
  entity inside an infinitive/clausal complement for denials);
- event nouns: "entretiens", "talks", "meeting" as objects of light verbs or with "avec/with/entre"
  give a relation between the participants (coordinated subjects give every pair);
- quotes and reporting verbs: « … », a déclaré X / "…", he said / X a déclaré : « … » / Pour X, « … »
  give a ``said`` statement with the quote; a reporting verb that warns, denies or accuses also gives
  that relation towards the entity the quote is about;
- reported speech: blame nouns ("l'agression de X") in what a speaker says make the speaker accuse X;
  a "rapportés par / reported by" participle names who reported the speaker;
- anaphoric predicates ("fera de même avec X", "did the same") repeat the previous relation;
- office titles give ``role_in`` / ``member_of``; "City (Region)" gives ``located_in``.

A statement needs two entities (or an entity and a quote); co-occurrence is never a relation. Negated
predicates give negative statements, futures planned ones, modals possible ones.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from ..lexicon import HaltingVerb, Lexicon, RelationRules
from ..model import (ASSERTED, EVENT_RELATIONS, NEGATIVE, PERSON, PLACE, PLANNED, POSITIVE, POSSIBLE,
                     MUTUAL_RELATIONS, SYMMETRIC_RELATIONS, Document, Provenance, Statement)
from ..resolve import Discourse, DocEntities, Ref
from ..ingest import document_date
from . import constructions, syntax
from .circumstances import Circumstances
from .entities import nickname_at
from .predicates import Reading, lemma_candidates, noun_matches, particle_present, relation_cameo, verb_reading

OPENING = {"«": "»", "“": "”", "„": "“", '"': '"'}
#: confidence of each kind of evidence, before the cost of indirect references is taken off
BASE_CONFIDENCE = {
    "verb": 0.9, "role": 0.9, "said": 0.9, "located": 0.8, "event": 0.8, "reported": 0.75, "presence": 0.7,
    "anaphora": 0.7, "quote_about": 0.65, "blame": 0.6, "indirect_said": 0.6,
}


@dataclass(frozen=True)
class Quote:
    start: int  # token index of the opening mark
    end: int  # token index just past the closing mark

    def text(self, doc: Doc) -> str:
        return doc[self.start + 1:self.end - 1].text.strip()


_QUOTE_MARKS = frozenset({"«", "»", '"', "“", "”"})


def find_quotes(doc: Doc) -> list[Quote]:
    """Quotations delimited by « », “ ” or straight double quotes (paired in order)."""
    out, i = [], 0
    n = len(doc)
    while i < n:
        t = doc[i].text
        if t in OPENING:
            close = OPENING[t]
            nick = nickname_at(doc, i)
            if nick is not None:  # Frank "Greg" Ford: a nickname, no quotation
                i = nick
                continue
            for j in range(i + 1, min(n, i + 400)):
                if doc[j].text == close:
                    if j - i > 1:
                        out.append(Quote(i, j + 1))
                    i = j
                    break
                if doc[j].text == "\n\n" or "\n\n" in doc[j].text_with_ws and t == '"':
                    break
        i += 1
    return out


def _untensed(verb: Token) -> bool:
    """Whether a clause's verb has no tense of its own, as the content of a demand has ("demanded that
    Hamas renounce", "exige que X se retire", the subjunctive): no auxiliary of tense or aspect, no past.
    "insisted that Turkey did not attack" states what happened."""
    if "Sub" in verb.morph.get("Mood"):
        return True
    if any(c.dep_ in syntax.AUX_DEPS - syntax.PASSIVE_AUX_DEPS for c in verb.children):
        return False
    if verb.tag_ in ("VBD", "VBZ", "VBN") or set(verb.morph.get("Tense")) & {"Past", "Imp", "Fut"}:
        return False
    # a plural present looks like the subjunctive ("demanded that its partners refuse"); "are", "have"
    # and "do" are indicative ("insisted that they are innocent")
    return not (verb.tag_ == "VBP" and verb.lemma_.lower() in ("be", "have", "do"))


def event_code(relation: str, cameo: str | None, modality: str, rules: RelationRules) -> str | None:
    """The CAMEO code of one event, when finer than its relation's: the trigger's own code, and for
    a planned or possible act the CAMEO reading of intentions (``relations.json``) — a cooperative act
    announced is an intent to cooperate, a hostile one a threat."""
    base = cameo or relation_cameo().get(relation)
    if base and modality in (PLANNED, POSSIBLE):
        return rules.intention_code(base) or cameo
    return cameo


def reporting_lemma(tok: Token, lex: Lexicon) -> str | None:
    """The reporting verb a token is, also when the lemmatizer left an inflected form ("indique",
    "conclut", "dit"): the profile's inflection repairs are tried before giving up."""
    for cand in (tok.lemma_.lower(), tok.lower_):
        if cand in lex.reporting:
            return cand
    w = tok.lower_
    for suffix, repl in lex.profile.lemma_repairs:
        if w.endswith(suffix) and w[: len(w) - len(suffix)] + repl in lex.reporting:
            return w[: len(w) - len(suffix)] + repl
    return None


class _Extractor:
    def __init__(self, document: Document, doc: Doc, ents: DocEntities, lex: Lexicon):
        self.document, self.doc, self.ents, self.lex = document, doc, ents, lex
        self.quotes = find_quotes(doc)
        self.speaker_at: dict[int, str] = {}  # token index inside a quote -> speaker key
        self.speech_verb_at: dict[int, Token] = {}  # token index inside a quote -> its reporting verb
        self.seen: set[tuple] = set()
        self.history: list[Statement] = []  # event statements so far, in text order
        self.discourse = Discourse()  # who spoke and who met whom so far, for "il" and "son homologue"
        self.readings: dict[int, Reading | None] = {}  # verb token -> what it states
        self.circumstances = Circumstances(ents, lex, document_date(document))  # when and where
        self.event_mentions: list[Token] = []  # definite event nouns without parties of their own

    # -- helpers ----------------------------------------------------------------------------------
    def note_subject(self, i: int, key: str) -> None:
        """A person seen as the subject of a statement or the speaker of a quote is salient for "il"."""
        if self.ents.type_of(key) == PERSON:
            self.discourse.note_subject(i, key)

    def provenance(self, start_tok: int, end_tok: int, attributed_to: str | None = None) -> Provenance:
        while start_tok < end_tok - 1 and self.doc[start_tok].is_space:
            start_tok += 1
        while end_tok > start_tok + 1 and self.doc[end_tok - 1].is_space:
            end_tok -= 1
        span = self.doc[start_tok:end_tok]
        b, e = self.document.original_span(span.start_char, span.end_char)
        return Provenance(self.document.id, span.text, b, e, attributed_to)

    def sentence_prov(self, tok: Token, extra: Span | None = None) -> Provenance:
        sent = tok.sent
        s, e = sent.start, sent.end
        if extra is not None:
            s, e = min(s, extra.start), max(e, extra.end)
        return self.provenance(s, e, self.speaker_at.get(tok.i))

    def statement(self, subj: Ref, rel: str, obj: Ref | None, kind: str, prov: Provenance, *,
                  polarity: str = POSITIVE, modality: str = ASSERTED, quote: str | None = None,
                  role: str | None = None, cameo: str | None = None, basis: str | None = None,
                  anchors: tuple[Token, ...] = ()) -> Statement | None:
        """A statement, or None for a relation of an entity with itself or one already made. ``anchors``
        are the words of the event whose clause may name its date and place (an event noun, its verb)."""
        if obj is not None and subj.key == obj.key:
            return None
        # each indirect step (pronoun, title, counterpart, owner of a noun) makes the statement less sure
        conf = BASE_CONFIDENCE[kind] * (1 - min(subj.cost, 0.9)) * (1 - min(obj.cost if obj else 0.0, 0.9))
        conf = round(max(0.05, conf), 2)
        when = where = None
        if anchors and rel in EVENT_RELATIONS:
            parties = {subj.key} | ({obj.key} if obj is not None else set())
            verb = next((t for t in anchors if t.pos_ in ("VERB", "AUX")), None)
            when = self.circumstances.date(anchors, verb, modality)
            where = self.circumstances.place(anchors, parties, rel, modality)
        st = Statement(subj.key, rel, obj.key if obj else None, prov, quote=quote,
                       lang=self.lex.lang if quote else None, polarity=polarity, modality=modality,
                       confidence=conf, role=role, event_code=event_code(rel, cameo, modality, self.lex.rules),
                       basis=basis, date=when, place=where)
        ident = (st.subject, st.relation, st.object, st.quote, st.polarity, st.modality, prov.begin)
        if ident in self.seen:
            return None
        self.seen.add(ident)
        if rel not in self.lex.rules.not_events:
            self.history.append(st)
        if rel in SYMMETRIC_RELATIONS and obj is not None and polarity == POSITIVE:
            self.discourse.note_partners(prov.begin, subj.key, obj.key)
        return st

    def refs(self, toks: list[Token] | None, **kw) -> list[Ref]:
        out: list[Ref] = []
        for t in toks or ():
            for r in self.ents.refer(t, discourse=self.discourse, **kw) + self.enumeration_after(t):
                if all(r.key != x.key for x in out):
                    out.append(r)
        return out

    def enumeration_after(self, tok: Token) -> list[Ref]:
        """Items a comma and "ainsi que / as well as" add to an argument, read off the surface because
        parsers scatter long lists ("ratifié par 12 pays, ainsi que le Chili, le Pérou, l'Équateur
        et la Bolivie")."""
        doc, lex = self.doc, self.lex
        j = tok.right_edge.i + 1
        if j >= len(doc) or doc[j].text != ",":
            return []
        j += 1
        for opener in lex.enumeration_openers:
            if tuple(t.lower_ for t in doc[j:j + len(opener)]) == opener:
                j += len(opener)
                break
        else:
            return []
        out: list[Ref] = []
        while j < len(doc) and j < tok.sent.end:
            t = doc[j]
            k = self.ents.key_at(j)
            if k is not None:
                if all(k != r.key for r in out):
                    out.append(self.ents.ref_at(j, 0.1))
            elif not (t.pos_ == "DET" or t.text in (",", "-") or t.lower_ in lex.profile.coordinators):
                break
            j += 1
        return out

    def subjects(self, pred: Token, args: dict) -> list[Ref]:
        """The subjects of a predicate; when the parse gives none (a name mis-tagged as a verb breaks
        the tree), the entities written right before the predicate, joined by et/and/commas."""
        heads = args.get(syntax.SUBJ) or []
        # "Selon X, la Russie va attaquer …" parsed with X the subject and the real one in apposition: a
        # noun with a preposition of its own is no subject; its apposition after a comma is
        false = [h for h in heads if h.dep_ in syntax.SUBJECT_DEPS and
                 any(c.dep_ in syntax.CASE_DEPS and c.i < h.i for c in h.children)]
        if false:
            heads = [h for h in heads if h not in false] + \
                [a for f in false for a in f.children if a.dep_ in syntax.APPOS_DEPS and a.i > f.i
                 and any(self.doc[j].text == "," for j in range(f.i + 1, a.i))]
        # "Îles Baléares : le Parti populaire exclut …": a locator before a colon is no subject
        heads = [h for h in heads if not any(o.i > h.i and any(self.doc[j].text == ":" for j in range(h.i + 1, o.left_edge.i))
                                             for o in heads)]
        found = self.refs(heads, speaker=self.speaker_at.get(pred.i))
        weapons = [h for h in heads if h.pos_ == "NOUN" and h.lemma_.lower() in self.lex.weapon_nouns]
        if not found and weapons:
            # "blessé par une roquette tirée par X", "killed by mortar fire from X": who fired it acts
            patients = {r.key for r in self.refs(args.get(syntax.OBJ))}
            return self.owner_of(weapons, patients)[:1]
        if found or syntax.is_passive(pred):
            return found
        inside = {x.i for h in heads for x in h.subtree if x.i != h.i}
        if pred.dep_ in ("acl", "amod") and pred.head.i < pred.i:
            # a participle on a noun has that noun as its subject: "with Congo's president accusing X",
            # and no entity in "une préoccupation concernant X"
            return self.refs([pred.head], speaker=self.speaker_at.get(pred.i))
        first = min([pred] + syntax.auxiliaries(pred), key=lambda t: t.i)
        j = first.i - 1
        while j >= first.sent.start and (self.doc[j].pos_ == "ADV" or self.doc[j].lower_ in self.lex.negation):
            j -= 1
        if j > first.sent.start and self.doc[j].text == ",":
            # "Kofi Annan, ancien secrétaire général de l'ONU, est arrivé": past the office in apposition
            # to the name before it
            for rm, holder, _ in self.ents.offices():
                k = rm.start - 1
                while k > first.sent.start and self.ents.key_at(k) != holder and self.doc[k].text != ",":
                    k -= 1  # ("the former UN secretary-general": its words before the title)
                if k > first.sent.start and self.doc[k].text == "," and rm.end <= j and \
                        all(self.doc[x].text != "," for x in range(rm.end, j)) and self.ents.key_at(k - 1) == holder:
                    j = k - 1
                    break
        if j < first.sent.start or self.ents.key_at(j) is None:
            return []
        out: list[Ref] = []
        taken: set[int] = set()
        while j >= first.sent.start:
            t = self.doc[j]
            k = self.ents.key_at(j)
            if k is not None and t.dep_ in ("amod", "compound") and \
                    (t.head.i in taken or self.ents.key_at(t.head.i) in {r.key for r in out}):
                pass  # "Iraqi" in "Iraqi Kurds demonstrated", "indien" in "le Premier ministre indien X": a
                # modifier of the subject (or of the title that names it), not a subject
            elif k is not None and j in inside and self.ents.type_of(k) == PLACE and \
                    getattr(self.ents.entry_of(k), "kind", None) != "country":
                break  # "le bureau … à Genève a critiqué": where the subject is, not who acts
            elif k is not None and j not in inside and k not in {r.key for r in out} and \
                    any(self.doc[x].dep_ in syntax.CASE_DEPS | {"prep"} and self.doc[x].pos_ == "ADP"
                        for x in range(max(first.sent.start, j - 3), j) if self.ents.key_at(x) is None):
                break  # "En visite à Berlin, X a déclaré": a name after a preposition is no subject
            elif k is not None:
                taken.add(j)
                if all(k != r.key for r in out):
                    out.append(self.ents.ref_at(j, 0.2))
            elif not (t.pos_ == "DET" or t.text == "," or t.lower_ in self.lex.profile.coordinators):
                break
            j -= 1
        return out[::-1]

    def means_code(self, heads: list[Token] | None) -> str | None:
        """The CAMEO code of an attack that a weapon or attack noun subject says it was made by ("air
        strikes killed", "drone attacks killed"), from the lexicon's weapon nouns; None when it does not
        say how."""
        for h in heads or ():
            if h.pos_ != "NOUN" or h.lemma_.lower() not in self.lex.weapon_nouns and h.lower_ not in self.lex.weapon_nouns:
                continue
            # the weapon a compound names says more than the head ("drone attacks", "mortar fire")
            for t in [c for c in h.children if c.dep_ == "compound" and c.pos_ == "NOUN"] + [h]:
                code = self.lex.weapon_nouns.get(t.lemma_.lower()) or self.lex.weapon_nouns.get(t.lower_)
                if code:
                    return code
        return None

    def owner_of(self, nouns: list[Token] | None, exclude: set[str], through_places: bool = False) -> list[Ref]:
        """The entity an object noun belongs to, as event coding reads it: "rejected an Australian
        ultimatum" (Australia), "threatened further action against Russia", "rejected calls by
        Belarus's rulers", "condamné l'invasion de l'Ukraine par la Russie" (Ukraine, the first).

        Only complements of whose, against whom or by whom lead to the owner (of/de, against/contre,
        on/sur, by/par); a place complement does ("attaqué un hôtel à Kaboul" attacks no city) only for
        measures that apply to a place (``through_places``: "lifted a state of emergency in X") and for
        nouns of unnamed places, the lexicon's site nouns ("fired at targets in X")."""
        prof = self.lex.profile
        ownership = prof.preps("of", "theme", "agent", "dative", "between", "source", "beneficiary") | \
            self.lex.participant_preps
        asked = through_places
        for noun in nouns or ():
            if noun.pos_ not in ("NOUN", "PROPN"):
                continue
            through_places = asked or noun.lemma_.lower() in self.lex.site_nouns or noun.lower_ in self.lex.site_nouns
            frontier = [(noun, 0)]
            while frontier:
                t, depth = frontier.pop(0)
                for c in t.children:
                    if c.dep_ == "acl" and c.pos_ == "VERB" and "Past" in c.morph.get("Tense"):
                        # "abuses committed by Serbian militias", "des exactions commises par X": the agent
                        # of a past participle on the noun is whose the noun is
                        agents = [g for a in c.children for g in syntax.prep_objects(a, self.lex.profile.preps("agent"))] + \
                                 [g for a in c.children if a.dep_ in syntax.AGENT_PREP_DEPS
                                  for g in a.children if g.dep_ in syntax.POBJ_DEPS] + \
                                 [a for a in c.children if a.dep_ in syntax.AGENT_DEPS]
                        found = [r for r in self.refs(agents) if r.key not in exclude]
                        if found:
                            return [Ref(found[0].key, found[0].cost + 0.2 + 0.05 * depth)]
                        continue
                    if c.dep_ in syntax.CONJ_DEPS | {"punct", "cc", "det", "case", "acl", "acl:relcl", "relcl"}:
                        continue
                    prep = c.lower_ if c.dep_ in syntax.PREP_DEPS else \
                        syntax.prep_of(c) if c.dep_ in syntax.OBLIQUE_DEPS else None
                    if prep is not None and prep not in ownership and not through_places:
                        continue  # "a hotel in Kabul", "the situation in Portugal": where, not whose
                    k = self.ents.key_at(c.i)
                    if k is not None and not through_places and prep in self.lex.locative_preps and \
                            self.ents.type_of(k) == PLACE:
                        continue  # "un hôtel à Kaboul": "à" says where, not to whom
                    if k is not None and k not in exclude:
                        return [self.ents.ref_at(c.i, 0.15 + 0.05 * depth)]
                    step = 0 if c.pos_ == "ADP" else 1  # "a state of emergency in X": count nouns, not prepositions
                    if depth + step <= 2:
                        frontier.append((c, depth + step))
        return []

    def place_of(self, pred: Token, exclude: set[str], inside_only: bool = False) -> list[Ref]:
        """The place a predicate happened in: a place named by a locative complement ("in Serbia",
        "en Ukraine"; with ``inside_only`` only a country, as event coding reads "demonstrated in
        Serbia", not a town), or inside one ("at a jail in northern Israel", "dans la ville de Kirkouk"); also
        one the parser hung on an inverted subject after the verb (« … », a déclaré X à Y), or on the
        verb's object, which is then inside it ("opened an embassy in Tehran")."""
        after = [c for c in pred.children if c.i > pred.i and self.ents.key_at(c.i) in exclude]
        on_object = [g for x in pred.children if x.dep_ in syntax.OBJECT_DEPS and self.ents.key_at(x.i) is None
                     for g in x.children]
        # the first place named wins ("à Roubaix, dans la banlieue de Lille")
        for c in sorted(list(pred.children) + [g for x in after for g in x.children] + on_object, key=lambda x: x.i):
            for noun in syntax.prep_objects(c, self.lex.locative_preps):
                inner = self.lex.locative_preps | self.lex.profile.preps("of")  # "in the town of X"
                for t in [noun] + [g for x in noun.children for g in syntax.prep_objects(x, inner)]:
                    k = self.ents.key_at(t.i)
                    if inside_only and t == noun and c not in on_object and k is not None and \
                            getattr(self.ents.entry_of(k), "kind", None) != "country":
                        continue
                    if k is not None and k not in exclude and self.ents.type_of(k) == PLACE:
                        return [self.ents.ref_at(t.i, 0.2)]
        return []

    def complement_target(self, tok: Token, exclude: set[str], depth: int = 0) -> list[Ref]:
        """The target of the act a complement names: the subject of a clause that says what someone
        must do ("demanded that Chile cancel …"), a direct argument of its verb ("threatened to send
        warships to Chile and Peru"), or whose that argument is ("to demand the resignation of
        X"); an event noun's own target ("nié préparer une incursion en Ukraine"). An entity deeper in
        the complement is not it ("refused to comment on the situation in X")."""
        if tok.pos_ not in ("VERB", "AUX", "ADJ"):
            heads = [tok]
        elif self.lex.reporting.get(tok.lemma_.lower()) == "said" and not (
                syntax.arguments(tok, self.lex).get(syntax.OBJ) and
                getattr(self.reading(tok), "relation", "said") not in ("said", "reported")):
            # "refused to comment on the talks with X": what one speaks about is no target (a verb of
            # saying that is also an act on its object is the act: "refuse de reconnaître le Kosovo")
            return []
        else:
            subj = syntax.subject_of(tok)
            if subj is not None and tok.dep_ in syntax.CCOMP_DEPS:
                found = [r for r in self.refs([subj]) if r.key not in exclude]
                if found:
                    return [Ref(r.key, r.cost + 0.15) for r in found]
            args = syntax.arguments(tok, self.lex)
            own = self.reading(tok)  # the complement's own verb says where its target is ("call for X")
            roles = [r for r in own.targets if r in args] if own is not None else []
            if own is not None and own.pattern is not None:  # "calling for independence from X"
                roles += [f"prep:{p}" for p, _ in own.pattern.preps]
            roles += [syntax.OBJ, syntax.IOBJ] + [f"prep:{p}" for p in sorted(self.lex.profile.preps("target"))]
            heads = [h for r in dict.fromkeys(roles) for h in args.get(r, ())]
            # a recipient or target the parser hung on the object: "envoyer des armes à l'Ukraine"
            hung = self.lex.profile.preps("dative") | self.lex.profile.preps("target")
            heads += [g for o in args.get(syntax.OBJ, ()) for c in o.children if c.i > o.i
                      for g in syntax.prep_objects(c, hung)]
            for h in heads:
                found = [r for r in self.refs([h]) if r.key not in exclude]
                if found:
                    return [Ref(r.key, r.cost + 0.15) for r in found]
        for h in heads:
            found = [r for r in self.refs([h]) if r.key not in exclude] if h.pos_ not in ("VERB", "AUX") else []
            found = found or self.owner_of([h], exclude, through_places=h.lemma_.lower() in self.lex.event_nouns)
            if found:
                return found
        if depth < 2 and tok.pos_ in ("VERB", "AUX"):  # "threatened to try to attack X"
            for c in tok.children:
                if c.dep_ in syntax.XCOMP_DEPS:
                    return self.complement_target(c, exclude, depth + 1)
        if depth < 2:  # "kept up their campaign to topple the government of X": the campaign's act
            for h in heads:
                for c in h.children:
                    if c.dep_ == "acl" and c.pos_ == "VERB" and "Inf" in c.morph.get("VerbForm") and c.i > h.i:
                        found = self.complement_target(c, exclude, depth + 1)
                        if found:
                            return found
        return []

    def entities_in(self, tok: Token, exclude: set[str]) -> list[Ref]:
        """Entities named inside a complement's subtree (for 'nier préparer une incursion en Ukraine')."""
        out: list[Ref] = []
        for t in tok.subtree:
            k = self.ents.key_at(t.i)
            if k and k not in exclude and all(k != r.key for r in out):
                out.append(self.ents.ref_at(t.i, 0.15))
        return out

    # -- rules ------------------------------------------------------------------------------------
    def run(self) -> Iterator[Statement]:
        yield from self.roles()
        yield from self.noun_phrase_relations()
        # text order matters: who "il" is, what "ils" in a quote refers to, depend on what came before
        quotes = iter(self.quotes)
        q = next(quotes, None)
        for sent in self.doc.sents:
            while q is not None and q.start < sent.end:
                yield from self.quoted_speech(q)
                q = next(quotes, None)
            for tok in sent:
                yield from self.verb_frame(tok)
                yield from self.presence(tok)
                yield from self.event_noun(tok)
                yield from self.anaphoric(tok)
                yield from self.reported_by(tok)
                yield from self.indirect_speech(tok)
            yield from self.blame(sent)
            yield from self.according_to(sent)

    def roles(self) -> Iterator[Statement]:
        for rm, holder, aff in self.ents.offices():
            if aff is None:
                continue
            prov = self.provenance(min(rm.start, rm.holder.start), max(rm.end, rm.holder.end))
            st = self.statement(Ref(holder), rm.role.relation, Ref(aff), "role", prov, role=rm.role.label,
                                basis=self.ents.affiliation_basis(rm))
            if st:
                yield st

    def noun_phrase_relations(self) -> Iterator[Statement]:
        """Static relations stated by noun-phrase constructions (``constructions.json``): "Kidal, dans le
        nord du Mali", "Lyon, in south-eastern France", "X (SPD)"."""
        for f in constructions.find(self.doc, self.ents, self.lex.lang):
            kind = "located" if f.relation == "located_in" else "role"
            st = self.statement(Ref(f.subject), f.relation, Ref(f.object), kind, self.provenance(f.start, f.end))
            if st:
                yield st

    def reading(self, tok: Token) -> Reading | None:
        """What a verb token states in its clause (cached: event nouns ask about their verb too)."""
        if tok.i not in self.readings:
            self.readings[tok.i] = verb_reading(tok, self.lex)
        return self.readings[tok.i]

    def verb_frame(self, tok: Token) -> Iterator[Statement]:
        """The statements a verb gives by its reading; an office verb whose target is of no type the
        office allows ("rejoindre" a person, not an organisation) by its CAMEO reading instead."""
        frame = self.reading(tok)
        if frame is None:
            return
        found = list(self.frame_statements(tok, frame))
        if not found and frame.role and frame.target_types:
            # "il sera rejoint par X": joining a person is no membership, but what the CAMEO lexicon
            # reads the verb as
            other = verb_reading(tok, self.lex, curated=False)
            if other is not None:
                found = list(self.frame_statements(tok, other))
        yield from found

    def frame_statements(self, tok: Token, frame: Reading) -> Iterator[Statement]:
        """The statements of one reading of a verb: its subjects and targets by the reading's roles."""
        lex = self.lex
        if syntax.is_hypothetical(tok) or self.is_demanded(tok):
            return
        if frame.relation == "called_for" and self.is_protest_purpose(tok):
            return
        if self.halts_an_act(tok):
            return  # "suspended talks with X", "broke off negotiations": the halt of the talks is the statement
        if any(c.dep_ in syntax.OBJECT_DEPS and c.lemma_.lower() in lex.event_nouns for c in tok.children) and \
                (self.plans_an_act(tok) or any(lemma in lex.receiving_verbs for lemma in lemma_candidates(tok, lex))):
            # "is preparing an offensive": the act planned is the statement (the event noun's); "won
            # the backing of X": the act received, done by X (the event noun's)
            return
        args = syntax.arguments(tok, lex)
        if frame.role and any(g.pos_ in ("VERB", "AUX") for c in tok.children
                              if c.dep_ in syntax.PREP_DEPS and c.lower_ in lex.locative_preps
                              for g in c.children if g.dep_ in ("pcomp", "pobj")):
            return  # "joined X in demanding …": with X in an act, not a member of X
        if frame.voice == "passive":
            if not syntax.is_passive(tok):
                return
            args = dict(args)  # the grammatical subject, however the parser labelled it
            args[syntax.SUBJ] = [c for c in tok.children
                                 if c.dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS]
        subjects = self.subjects(tok, args)
        instigated: set[str] = set()
        if not subjects and (frame.code or relation_cameo().get(frame.relation, ""))[:2] in lex.rules.instigated_roots:
            subjects = self.instigators(tok)  # "thousands demonstrated at the call of X"
            instigated = {s.key for s in subjects}
        if not subjects and syntax.is_passive(tok) and \
                any((frame.code or relation_cameo().get(frame.relation, "")).startswith(p) for p in lex.rules.state_acts):
            subjects = self.state_in(tok)  # "two journalists were arrested in Iran": by Iran's authorities
        if frame.subject_types:
            subjects = [s for s in subjects if self.ents.type_of(s.key) in frame.subject_types]
        if not subjects:
            return
        polarity = NEGATIVE if syntax.is_negated(tok, lex) else POSITIVE
        modality = syntax.modality(tok, lex)
        if frame.modality and modality == ASSERTED:
            modality = frame.modality
        if modality == PLANNED and self.attempted_force(tok, frame.code or relation_cameo().get(frame.relation)):
            modality = ASSERTED  # "tried to kill X": the attack was made
        prov = self.sentence_prov(tok)
        targets: list[Ref] = []
        for role in frame.targets:
            if role == "advcl":  # a purpose clause: "rioted demanding independence from X"
                for c in tok.children:
                    # (not one of joining or holding an office: "rioted, joining demonstrators in …")
                    if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ in ("VERB", "AUX") and \
                            getattr(self.reading(c), "role", None) is None:
                        targets = self.complement_target(c, {s.key for s in subjects})
                        if targets:
                            break
            elif role == "place":  # whose place it happened at: "rioted at a jail in northern Israel"
                # (a town named itself is only where: "ont manifesté à Bamako" targets no city)
                targets = self.place_of(tok, {s.key for s in subjects}, inside_only=frame.relation != "visited")
            elif role in (syntax.XCOMP, syntax.CCOMP):
                for c in args.get(role, ()):
                    if not self.promised_act_cooperates(frame, c):
                        continue  # "a promis de riposter contre X": no offer to X
                    targets = self.complement_target(c, {s.key for s in subjects})
                    if targets:
                        break
            else:
                heads = args.get(role)
                if not heads and role.startswith("prep:"):
                    # the parser hung the phrase on the object or another complement before it: "shared
                    # evidence with the U.S.", "ont manifesté à Ankara contre le gouvernement"
                    before = [o for r, toks in args.items() if r == syntax.OBJ or r.startswith("prep:") for o in toks]
                    heads = [g for o in before for c in o.children
                             for g in syntax.prep_objects(c, (role[5:],)) if c.i > o.i] or None
                targets = self.refs(heads, subject=subjects[0].key, speaker=self.speaker_at.get(tok.i))
                if not targets and not frame.direct:  # "rejected a Swiss ultimatum", "fired at targets in X"
                    targets = self.owner_of(heads, {s.key for s in subjects},
                                            through_places=frame.relation in lex.rules.place_targets)
                    if not targets and any(h.lemma_.lower() in lex.site_nouns or h.lower_ in lex.site_nouns
                                           for h in heads or ()):
                        # "struck targets in northern Iraq" with the place hung on the verb by the parser
                        targets = self.place_of(tok, {s.key for s in subjects})
                    for h in heads or () if frame.relation in lex.rules.answers else ():
                        # "rejected a proposal to hold talks with X", "a accepté la proposition de
                        # négocier avec X": an answer to a proposal is to the party of the act proposed
                        for c in h.children if not targets else ():
                            if c.dep_ in ("acl", "nmod", "obl") and c.pos_ in ("VERB", "AUX") and c.i > h.i and \
                                    "Inf" in c.morph.get("VerbForm") and self.asked_act(c):
                                targets = self.complement_target(c, {s.key for s in subjects})
                                if targets:
                                    break
                    if targets and frame.relation in MUTUAL_RELATIONS and 2 <= len(subjects) <= 4:
                        # "A and B agreed to a truce brokered by C": the parties are A and B, not whose the truce is
                        targets = []
                        break
            if frame.target_types:
                # a country named by a common noun that stands for it ("a reçu le chancelier allemand",
                # "son homologue allemand") is its people, not a place
                standing = {r.key for h in (args.get(role) or []) if h.pos_ == "NOUN"
                            for r in self.refs([h], subject=subjects[0].key)} \
                    if role.startswith(("obj", "iobj", "prep:")) else set()
                targets = [t for t in targets if self.ents.type_of(t.key) in frame.target_types or
                           (t.key in standing and getattr(self.ents.entry_of(t.key), "kind", None) == "country")]
            if lex.rules.leaves_a_party(frame.code):
                # "expelled ten diplomats from Moscow": a place of the actor's own country is where from,
                # not whom the act is aimed at
                targets = [t for t in targets if not any(self.place_of_own(t.key, s.key) for s in subjects)]
            if targets:
                break
        if not targets and frame.relation in ("threatened", "warned"):
            targets = self.condition_party(tok, {s.key for s in subjects})
        if not targets and any((frame.code or relation_cameo().get(frame.relation, "")).startswith(p)
                               for p in lex.rules.force_purpose_targets):
            # "used tear gas to break up a rally of X": force is used on whom its purpose acts on
            for c in tok.children:
                if c.dep_ in ("advcl", "xcomp") and c.pos_ in ("VERB", "AUX") and c.i > tok.i and \
                        "Inf" in c.morph.get("VerbForm") and getattr(self.reading(c), "role", None) is None:
                    targets = self.complement_target(c, {s.key for s in subjects})
                    if targets:
                        break
        refused = lex.rules.negated.get(frame.relation, (frame.relation,))[0] if polarity == NEGATIVE else frame.relation
        if not targets and refused in lex.rules.defiance:
            targets = self.defied_party(tok, {s.key for s in subjects})
        pairs = [(s, t) for s in subjects for t in targets]
        # "A and B met / agreed": the coordinated subjects are the parties — unless the predicate has
        # an object we could not name ("the treaty was signed by A, B and C" is not A agreed with B)
        if not targets and lex.rules.is_mutual(frame.relation, frame.code) and 2 <= len(subjects) <= 4 \
                and not args.get(syntax.OBJ):
            pairs = [(a, b) for n, a in enumerate(subjects) for b in subjects[n + 1:]]
        relation, cameo = frame.relation, frame.code
        rules = lex.rules
        if not pairs and not frame.role and rules.is_one_party(cameo or relation_cameo().get(relation)) \
                and not self.called_for_by_another(tok):
            # "X resigned", "the troops withdrew": an act of its actor alone, when the text names no other
            # party (it may name a thing: "resigned his post", "launched an inquiry into the killings")
            prov = self.sentence_prov(tok)
            named = self.named_by(args.get(syntax.SUBJ, ())) | instigated
            for s in subjects:
                if s.key not in named and self.ents.type_of(s.key) != PERSON:
                    # "la présidente de la Croix-Rouge a démissionné": the office stands for its
                    # institution in a relation, but her act alone is not the institution's
                    continue
                st = self.act_alone(s, relation, cameo or relation_cameo().get(relation), "verb", prov,
                                    polarity, modality, (tok,))
                if st:
                    self.note_subject(tok.i, s.key)
                    yield st
            return
        if relation == "agreed" and polarity == POSITIVE:
            # "accepted the demands of X", "a accepté les exigences de X": yielding to X (CAMEO 08)
            for o in args.get(syntax.OBJ, ()):
                noun = lex.event_nouns.get(self.event_key(o))
                accepted = lex.rules.accept_code(lex.event_noun_cameo.get(self.event_key(o)) or relation_cameo().get(noun)) \
                    if noun is not None and o.pos_ == "NOUN" else None
                if accepted is not None:
                    cameo = accepted
                    break
        means = self.means_code(args.get(syntax.SUBJ))
        if means and rules.relation_for(means) == relation and (cameo is None or (len(cameo) == 3 and cameo.endswith("0"))):
            cameo = means  # "drone strikes killed X": how, when the verb does not say (CAMEO 195, not 180)
        if cameo == relation_cameo().get(relation):
            cameo = None  # the relation's own code says it already
        if relation not in rules.conditional_except and polarity == POSITIVE \
                and modality != ASSERTED and syntax.condition_of(tok, lex) is not None:
            # "will withdraw its force from Chad unless …": an act announced on a condition is a threat
            relation, cameo = rules.conditional
        if relation in rules.negated and polarity == NEGATIVE:
            # "will not accept / did not agree to": refusing is rejecting (CAMEO 12)
            (relation, cameo), polarity = rules.negated[relation], POSITIVE
            if tok.dep_ in syntax.XCOMP_DEPS and tok.head != tok and \
                    getattr(self.reading(tok.head), "relation", None) == relation:
                return  # "refused to cooperate with X": the refusal itself states the rejection, once
        for s, t in pairs:
            if relation in rules.person_or_organisation_target and self.ents.type_of(t.key) == PLACE:
                continue
            st = self.statement(s, relation, t, "verb", prov, polarity=polarity, modality=modality,
                                cameo=cameo, anchors=(tok,), role=frame.role)
            if st:
                self.note_subject(tok.i, s.key)
                yield st

    def promised_act_cooperates(self, frame: Reading, complement: Token) -> bool:
        """Whether the act an intent to cooperate (CAMEO 03: "promised to", "pledged to") announces is
        one kg reads as cooperative: its verb's reading, or an event noun it takes ("promised to hold
        talks"). A promise of a hostile act (a threat, stated by that act itself, planned) or of an act kg
        cannot read that is against someone ("a promis de riposter contre X") is no offer to its target."""
        if not (frame.code or relation_cameo().get(frame.relation, "")).startswith("03") or \
                complement.pos_ not in ("VERB", "AUX"):
            return True
        own = self.reading(complement)
        codes = [own.code or relation_cameo().get(own.relation)] if own is not None else \
            [self.lex.event_noun_cameo.get(self.event_key(c)) or relation_cameo().get(self.lex.event_nouns[self.event_key(c)])
             for c in complement.children if c.pos_ == "NOUN" and self.event_key(c) in self.lex.event_nouns]
        hostile = self.lex.rules.intention_code("190")
        if codes:
            return any(code and self.lex.rules.intention_code(code) != hostile for code in codes)
        # an act kg cannot read is an offer ("offered to return the archives to Y"), unless it is against someone
        adversative = self.lex.profile.preps("adversative")
        return not any(syntax.prep_objects(c, adversative) for c in complement.children)

    def state_in(self, pred: Token) -> list[Ref]:
        """The country whose authorities did an act of state told in the passive without agent: the
        country a locative complement of the predicate names ("were arrested in Iran"), never a town."""
        places = self.place_of(pred, set(), inside_only=True)
        return [Ref(p.key, p.cost + 0.3) for p in places
                if getattr(self.ents.entry_of(p.key), "kind", None) == "country"]

    def act_alone(self, subj: Ref, relation: str, code: str, kind: str, prov: Provenance, polarity: str,
                  modality: str, anchors: tuple[Token, ...]) -> Statement | None:
        """A statement of an act of its actor alone, with the act's own code whatever its modality: an
        act announced is not a threat or an offer when it is aimed at no one ("will resign" is a planned
        resignation, 083)."""
        st = self.statement(subj, relation, None, kind, prov, polarity=polarity, modality=modality, cameo=code,
                            anchors=anchors)
        return replace(st, event_code=code) if st is not None and st.event_code != code else st

    def named_by(self, heads) -> set[str | None]:
        """The entities noun phrases name themselves, or count ("thousands of Serbian students"), not
        those they reach through an office ("la présidente de la Croix-Rouge")."""
        lex = self.lex
        out = set()
        for t in [c for h in heads for c in syntax.conjuncts(h)]:  # "China and Russia held exercises"
            out.add(self.ents.key_at(t.i))
            if t.lower_ in lex.quantity_nouns or t.lemma_.lower() in lex.quantity_nouns:
                out.update(self.ents.key_at(g.i) for c in t.children for g in syntax.prep_objects(c, lex.profile.preps("of")))
        return out

    def called_for_by_another(self, tok: Token) -> bool:
        """Whether a verb is what a call asks of someone ("asked X to resign", "urged the army to
        withdraw"): the caller's stand towards X, but no act of the caller's own."""
        t = tok
        while t.dep_ in ("xcomp", "ccomp") and t.head != t:
            reading = self.reading(t.head)
            if reading is not None and reading.relation == "called_for":
                return True
            t = t.head
        return False

    def is_instigation(self, noun: Token) -> bool:
        """Whether a noun is the call a collective act answers ("à l'appel de X"), not an act of its own."""
        prof = self.lex.profile
        return (noun.lemma_.lower() in prof.instigation_nouns or noun.lower_ in prof.instigation_nouns) and \
            noun in syntax.prep_objects(noun.head if noun.dep_ in syntax.POBJ_DEPS else noun, prof.preps("instigation"))

    def instigators(self, tok: Token) -> list[Ref]:
        """Who called for a collective act, named by an instigation complement on its verb or noun
        ("demonstrated at the call of X", "une grève à l'appel de X"): the owner of the call."""
        prof = self.lex.profile
        for c in tok.children:
            for noun in syntax.prep_objects(c, prof.preps("instigation")):
                if noun.lemma_.lower() in prof.instigation_nouns or noun.lower_ in prof.instigation_nouns:
                    found = self.refs([g for x in noun.children for g in syntax.prep_objects(x, prof.preps("of"))])
                    if found:
                        return found
        return []

    def defied_party(self, tok: Token, exclude: set[str]) -> list[Ref]:
        """Whose pressure a refusal defies, named by a concessive complement on the verb or on the act
        refused ("refused to resign despite pressure from X", "a refusé de céder malgré les appels de
        X"): the owner of a pressure noun of the profile."""
        prof = self.lex.profile
        concessive, nouns = prof.preps("concessive"), prof.pressure_nouns
        for pred in [tok] + [c for c in tok.children if c.dep_ in syntax.XCOMP_DEPS]:
            for c in pred.children:
                for noun in syntax.prep_objects(c, concessive):
                    if noun.lemma_.lower() in nouns or noun.lower_ in nouns:
                        found = self.owner_of([noun], exclude)
                        if found:
                            return found
        return []

    def place_of_own(self, place: str, actor: str) -> bool:
        """Whether a place is the actor's own country or lies in it (by the gazetteer)."""
        if self.ents.type_of(place) != PLACE:
            return False
        p, a = self.ents.entry_of(place), self.ents.entry_of(actor)
        if p is None or a is None:
            return False
        return p.id == a.id or (p.country is not None and p.country == a.id)

    def condition_party(self, tok: Token, exclude: set[str]) -> list[Ref]:
        """Whom a threat or warning is aimed at when it names no one: the party whose act is its
        condition ("threatened to leave the talks if Chile signs the deal", "menace de … si
        Moscou …"), on the verb or on the act it threatens."""
        lex = self.lex
        markers = lex.profile.conditional_markers | {m[0] for m in lex.threat_conditions if len(m) == 1}
        # wherever the parser hangs the clause in the predicate's phrase ("de suspendre les négociations
        # si X …" read as a relative clause on "négociations")
        for c in tok.subtree:
            if c.i <= tok.i or c.pos_ not in ("VERB", "AUX") or \
                    not any(m.dep_ in syntax.MARK_DEPS and m.lower_ in markers for m in c.children):
                continue
            found = [r for r in self.refs(syntax.arguments(c, lex).get(syntax.SUBJ)) if r.key not in exclude]
            if found:
                return found
        return []

    def presence(self, tok: Token) -> Iterator[Statement]:
        """'Il conclura sa campagne à Des Moines', 'addressed a rally in Ohio': a person who does in
        person what a presence verb says, at a place a locative complement names, visited it."""
        lex = self.lex
        if tok.pos_ not in ("VERB", "AUX") or syntax.is_hypothetical(tok) or \
                not any(lemma in lex.presence_verbs for lemma in lemma_candidates(tok, lex)):
            return
        args = syntax.arguments(tok, lex)
        subjects = [s for s in self.subjects(tok, args) if self.ents.type_of(s.key) == PERSON]
        if not subjects:
            return
        polarity = NEGATIVE if syntax.is_negated(tok, lex) else POSITIVE
        keys = {s.key for s in subjects}
        # the place of the act or of what it is done at ("held a rally in Denver")
        places = self.place_of(tok, keys) or next(
            (found for o in args.get(syntax.OBJ, ()) for found in [self.place_of(o, keys)] if found), [])
        for place in places:
            for s in subjects:
                st = self.statement(s, "visited", place, "presence", self.sentence_prov(tok), polarity=polarity,
                                    modality=syntax.modality(tok, lex), anchors=(tok,))
                if st:
                    yield st

    def journey_for(self, noun: Token) -> Token | None:
        """The verb of a journey an event noun is the purpose of ("arrived in X for talks", "se rend à
        X pour une réunion"): a verb the lexicon reads as a visit, with the noun in its purpose phrase."""
        purpose = self.lex.profile.preps("purpose")
        head = noun.head
        if head.pos_ == "ADP" and noun.dep_ in syntax.POBJ_DEPS and head.lower_ in purpose:  # ClearNLP
            verb = head.head
        elif noun.dep_ in syntax.OBLIQUE_DEPS and syntax.prep_of(noun) in purpose:  # UD
            verb = head
        else:
            return None
        if verb == noun or verb.pos_ not in ("VERB", "AUX"):
            return None
        reading = self.reading(verb)
        return verb if reading is not None and reading.relation == "visited" else None

    def halting(self, noun: Token) -> tuple[Token, HaltingVerb] | None:
        """The verb that halts or cuts back the act an event noun names, with its lexicon entry: the
        noun as its object ("suspended talks with X", "broke off negotiations", "cut aid to X", "a gelé
        son aide"), or the act of the noun it takes as object ("put an end to the blockade", "a mis fin
        aux négociations", the phrase hung on the noun or on the verb)."""
        lex = self.lex
        t = noun
        while t.dep_ in syntax.CONJ_DEPS | {"compound"} and t.head != t:  # "a mediation mission"
            t = t.head
        head, prep = t.head, None
        if head.pos_ == "ADP" and t.dep_ in syntax.POBJ_DEPS:  # ClearNLP: head -> prep -> noun
            prep, t, head = head.lower_, head, head.head
        elif t.dep_ in syntax.OBLIQUE_DEPS:
            prep = syntax.prep_of(t)
        if head == t:
            return None
        verbal = head.pos_ in ("VERB", "AUX") or syntax.is_mistagged_participle(head, lex)  # "a gelé" as ADJ
        for h in lex.halting_verbs:
            if h.noun is None:
                if t.dep_ in syntax.OBJECT_DEPS and verbal and \
                        h.lemma in lemma_candidates(head, lex) and (h.particle is None or particle_present(head, h.particle)):
                    return head, h
            elif prep is not None and prep == h.prep:
                if head.pos_ == "NOUN" and head.lemma_.lower() == h.noun and head.dep_ in syntax.OBJECT_DEPS and \
                        h.lemma in lemma_candidates(head.head, lex):
                    return head.head, h
                if verbal and h.lemma in lemma_candidates(head, lex) and \
                        any(c.dep_ in syntax.OBJECT_DEPS and c.lemma_.lower() == h.noun for c in head.children):
                    return head, h
        return None

    def asked_act(self, verb: Token) -> bool:
        """Whether an infinitive names an act one is invited or asked to (``asked_events``: meeting,
        negotiating, visiting, agreeing): by its own reading or by the event noun it takes ("to attend a
        meeting", "to hold talks", "to mediate")."""
        asked = self.lex.rules.asked_events
        own = self.reading(verb)
        if own is not None and own.relation in asked:
            return True
        return any(c.dep_ in syntax.OBJECT_DEPS | syntax.OBLIQUE_DEPS and self.lex.event_nouns.get(self.event_key(c)) in asked
                   for c in verb.children)

    def halts_an_act(self, verb: Token) -> bool:
        """Whether a verb halts (or completes) the act of an event noun in its phrase: the event noun's
        statement is then the only one ("suspended talks with X" is no suspension of X)."""
        lemmas = set(lemma_candidates(verb, self.lex))
        if not any(h.lemma in lemmas for h in self.lex.halting_verbs):
            return False
        for t in verb.subtree:
            if t.pos_ == "NOUN" and t.i != verb.i and self.event_key(t) in self.lex.event_nouns:
                halt = self.halting(t)
                if halt is not None and halt[0] == verb:
                    return True
        return False

    def support_verb(self, noun: Token, relation: str) -> Token | None:
        """The verb whose subject does the act an event noun names: a support verb taking the noun as
        its object or oblique ("held talks with", "a lancé une offensive", "participer à des
        pourparlers") — a light verb of the lexicon, a verb whose CAMEO pattern names the noun ("stage a
        demonstration"), or a verb of the same relation ("negotiated an agreement"). A verb that only
        mentions the act ("constate des attaques", "a appelé à la formation d'une commission") is not one,
        and no other noun stands between them."""
        t = noun
        while t.dep_ in syntax.CONJ_DEPS | {"compound"} and t.head != t:  # "talks and meetings", "a mediation effort"
            t = t.head
        head = t.head
        if head.pos_ == "ADP" and t.dep_ in syntax.POBJ_DEPS:  # ClearNLP: verb -> prep -> noun
            t, head = head, head.head
        circumstance = self.lex.profile.preps("circumstance")
        if t.lower_ in circumstance or syntax.prep_of(t) in circumstance:
            return None  # "voted amid protests", "après des manifestations": a circumstance, not the verb's act
        if head.pos_ == "NOUN" and head != t and self.is_protest_noun(noun) and self.is_protest_noun(head) and \
                t.dep_ in syntax.OBLIQUE_DEPS | syntax.PREP_DEPS | {"nmod"}:
            # "staged a hunger strike in protest against X", "une grève de la faim en signe de
            # protestation contre X": the protest is the strike, done by whoever does the strike
            return self.support_verb(head, self.lex.event_nouns.get(self.event_key(head), relation))
        if head.pos_ == "NOUN" and head.lemma_.lower() in self.lex.responsibility_nouns and head.head != head and \
                any(lemma in self.lex.claim_verbs for lemma in lemma_candidates(head.head, self.lex)):
            return head.head  # "claimed responsibility for the attack": the claim is the act's
        if head == t or head.pos_ not in ("VERB", "AUX"):
            return None
        if t.dep_ not in syntax.OBJECT_DEPS | syntax.OBLIQUE_DEPS | syntax.PREP_DEPS | syntax.PASSIVE_SUBJECT_DEPS \
                | {"attr", "xcomp"}:
            return None
        if any(lemma in self.lex.light_verbs or lemma in self.lex.receiving_verbs or lemma in self.lex.claim_verbs
               for lemma in lemma_candidates(head, self.lex)):
            return head
        lex = self.lex
        if noun.lemma_.lower() in lex.verbs and head.lemma_.lower() in lex.possibility | lex.plan and \
                not any(c.dep_ in ("det", "amod", "nummod") for c in noun.children):
            return head  # "il devait déjeuner avec X": an infinitive the tagger read as a noun, after a modal
        own = self.reading(head)
        if own is not None and own.relation == relation:
            return head
        if self.plans_an_act(head):
            return head  # "is preparing an offensive": the act planned, done by the verb's subject
        return None

    def attempted_force(self, tok: Token, code: str | None) -> bool:
        """Whether a predicate is an act of force (the relation rules' attempted acts: CAMEO 176, 18-20)
        that its subject attempted, the attempt itself asserted ("attempted to assassinate X", "a tenté
        d'enlever X"): made even if it failed, as event coding reads it; an attempt announced ("will try
        to kill") stays intended."""
        head = tok.head
        return tok.dep_ in syntax.XCOMP_DEPS and head != tok and self.lex.rules.attempt_is_act(code) and \
            any(lemma in self.lex.attempt_verbs for lemma in lemma_candidates(head, self.lex)) and \
            syntax.modality(head, self.lex) == ASSERTED and not syntax.is_negated(head, self.lex)

    def plans_an_act(self, verb: Token) -> bool:
        """Whether a verb of intent only says that its subject means to do an act ("is preparing an
        offensive", "prévoit une visite"): one whose reading is none or an intent (CAMEO 03, what is
        intended being the event), not one of its own ("threatened an offensive", "refused talks")."""
        if not any(lemma in self.lex.intent_verbs or lemma in self.lex.plan
                   for lemma in lemma_candidates(verb, self.lex)):
            return False
        own = self.reading(verb)
        return own is None or (own.code or "")[:2] == "03"

    def event_key(self, tok: Token) -> str:
        """How the lexicon lists an event noun: by its lemma, else by its form ("pourparlers", lemma
        "pourparler")."""
        return tok.lemma_.lower() if tok.lemma_.lower() in self.lex.event_nouns else tok.lower_

    def is_protest_noun(self, tok: Token) -> bool:
        """Whether a noun names a protest: an event noun whose CAMEO root takes its target from a purpose
        (CAMEO 14: "demonstration", "hunger strike", "manifestation")."""
        return tok.pos_ == "NOUN" and \
            self.lex.event_noun_cameo.get(self.event_key(tok), "")[:2] in self.lex.rules.purpose_target_roots

    def event_noun(self, tok: Token) -> Iterator[Statement]:
        lex = self.lex
        key = self.event_key(tok)
        rel = lex.event_nouns.get(key)
        if rel is None or tok.pos_ != "NOUN" or self.is_instigation(tok):
            return
        partners: list[Ref] = []
        between: list[Ref] = []
        # "réunion avec X", "talks between A and B", "a mediation effort between A and B"
        around = list(tok.head.children) if tok.dep_ == "compound" else []
        if tok.dep_ in syntax.OBJECT_DEPS and tok.head != tok:
            # "a accueilli des pourparlers entre A et B" with the phrase hung on the verb by the parser
            around += [c for c in tok.head.children if c.i > tok.right_edge.i and c.dep_ in syntax.OBLIQUE_DEPS | syntax.PREP_DEPS
                       and (syntax.prep_of(c) if c.dep_ in syntax.OBLIQUE_DEPS else c.lower_) in lex.profile.preps("between")]
        for c in list(tok.children) + around:
            p = syntax.prep_of(c) if c.dep_ in syntax.OBLIQUE_DEPS else (c.lower_ if c.dep_ in syntax.PREP_DEPS else None)
            if p not in lex.participant_preps:
                continue
            heads = [c] if c.dep_ in syntax.OBLIQUE_DEPS else [g for g in c.children if g.dep_ in syntax.POBJ_DEPS]
            refs = self.refs(heads)
            if p in lex.profile.preps("between"):
                if len(refs) < 2 and heads:
                    # "between A and the B chief C", parsed with A hanging inside the second party:
                    # the parties are the entity right after the preposition and the phrase's head
                    first = self.ents.ref_at(min(c.i, heads[0].left_edge.i) + 1) if c.dep_ in syntax.PREP_DEPS \
                        else self.ents.ref_at(heads[0].left_edge.i)
                    refs = list(dict.fromkeys(([first] if first is not None else []) + refs))
                between.extend(r for r in refs if all(r.key != x.key for x in between))
            else:
                partners.extend(refs)
        explicit = {r.key for r in partners + between}  # named as parties, not where
        halt = self.halting(tok)
        halted: str | None = None  # the code of the act halted ("suspended talks with X": 164)
        noun_code = lex.event_noun_cameo.get(key) or relation_cameo().get(rel)
        if halt is not None and any((noun_code or "").startswith(c) for c in halt[1].completes):
            halt = None  # "ended two days of talks": the talks were held
        elif halt is not None:
            halted = lex.rules.halt_code(noun_code)
            if lex.rules.relation_for(halted) is None:
                return  # "suspended the inquiry": an act stopped that is no event kg codes
            own = self.reading(halt[0])
            if own is not None and own.code and own.code.startswith(halted):
                halted = own.code  # finer, by a CAMEO pattern of the verb ("halted attacks": a ceasefire, 0871)
        verb = halt[0] if halt is not None else self.support_verb(tok, rel)
        subjects: list[Ref] = []
        polarity, modality = POSITIVE, ASSERTED
        anchor = tok
        received = False
        if verb is None and tok.head.pos_ in ("VERB", "AUX") and syntax.is_hypothetical(tok.head):
            return  # "si la Russie poursuit son agression": a hypothesis, not an event
        if verb is not None:
            if syntax.is_hypothetical(verb) or self.is_demanded(verb):
                return
            own = self.reading(verb)
            if own is not None and own.relation == "called_for" and rel in lex.rules.asked_of_others and \
                    any(self.refs(syntax.prep_objects(c, lex.profile.preps("of"))) for c in tok.children):
                return  # "a demandé l'aide de la France": an act asked of someone, the request is the statement
            args = syntax.arguments(verb, lex)
            subjects = self.subjects(verb, args)
            # a verb of asking by its own sense, not by a pattern on its object ("launched an effort", 020)
            asking = own is not None and own.relation == "called_for" and halt is None and \
                (own.pattern is None or own.pattern.object is None or noun_matches(tok, own.pattern.object, lex.cameo))
            if asking and rel in lex.rules.asked_of_others and not partners and not between:
                # "a demandé une aide militaire à la France": asked of the party named by the dative, the
                # request is the statement (0232), not the act (the subject gives France no aid)
                asked = [r for r in self.refs([g for c in tok.children for g in syntax.prep_objects(c, lex.profile.preps("dative"))]
                                              or args.get(syntax.IOBJ)) if all(r.key != s.key for s in subjects)]
                if asked:
                    polarity = NEGATIVE if syntax.is_negated(verb, lex) else POSITIVE
                    prov = self.sentence_prov(verb)
                    for s in subjects:
                        for a in asked:
                            st = self.statement(s, "called_for", a, "event", prov, polarity=polarity,
                                                modality=syntax.modality(verb, lex),
                                                cameo=lex.rules.request_code(noun_code), anchors=(tok, verb))
                            if st:
                                yield st
                    return
            polarity = NEGATIVE if syntax.is_negated(verb, lex) else POSITIVE
            modality = syntax.modality(verb, lex)
            if modality == ASSERTED and (verb.lemma_.lower() in lex.plan or verb.lemma_.lower() in lex.intent_verbs):
                modality = PLANNED  # "preparing a major offensive", "plans talks with"
            if modality == ASSERTED and rel in lex.rules.asked_events and (
                    tok.head.pos_ == "ADP" and tok.head.lower_ in lex.profile.preps("purpose") or
                    asking):
                # "called for talks with X", "pressed for a meeting", "a demandé des négociations avec X":
                # asked for, not held
                modality = PLANNED
            anchor = verb
            if not partners:  # "had lunch with X": the partner hangs on the verb
                for p in lex.participant_preps:
                    partners.extend(self.refs(args.get(f"prep:{p}")))
            if not partners and tok.dep_ not in syntax.OBJECT_DEPS and \
                    any(noun_code.startswith(p) for p in lex.rules.state_acts if noun_code):
                # "put X under investigation", "placed X under arrest", "a mis X en examen": an act of
                # state in a phrase after the verb's object is done to that object
                patients = args.get(syntax.OBJ)
                partners.extend(r for r in self.refs(patients) or self.owner_of(patients, {x.key for x in subjects})
                                if all(r.key != x.key for x in subjects))
                if not subjects and partners and syntax.is_passive(verb):
                    subjects = self.state_in(tok) or self.state_in(verb)  # "was placed under arrest in Spain"
            comitative = lex.participant_preps - lex.profile.preps("between")
            received = not partners and (any(lemma in lex.receiving_verbs for lemma in lemma_candidates(verb, lex)) or
                                         (syntax.prep_of(tok) if tok.dep_ in syntax.OBLIQUE_DEPS else
                                          tok.head.lower_ if tok.head.pos_ == "ADP" else None) in comitative)
            if received:
                # "received aid from X", "a obtenu le soutien de X": X does the act, to the subject; so
                # does X in "with the support of X", "avec le soutien de X"
                sources = self.agents_of(tok) or self.refs(
                    [g for c in list(tok.children) + list(verb.children)
                     for g in syntax.prep_objects(c, lex.profile.preps("source", "of"))])
                subjects, partners = sources, subjects
        if verb is None:
            journey = self.journey_for(tok)
            if journey is not None:
                # "arrived in Beijing for talks with X", "s'est rendu à Kiev pour des entretiens avec X":
                # the traveller does what the journey is for, as event coding reads it (with the
                # journey's own modality: "will travel to X for talks" is planned)
                verb, anchor, modality = journey, journey, syntax.modality(journey, lex)
                subjects = self.subjects(journey, syntax.arguments(journey, lex))
                polarity = NEGATIVE if syntax.is_negated(journey, lex) else POSITIVE
        possessor = None if received else self.possessor(tok)  # "received its first aid": the recipient's
        if possessor is not None:
            # "Israel mounted its invasion of X" (its = Israel); "sanctions on the Taliban for its
            # support of X" (its = the Taliban): the possessor acts, whatever the verb above says
            subjects = [possessor]
        elif not subjects:
            # "la visite de X à Y", "the visit of X to Y": X's visit; "X, en visite à Dakar, a salué …",
            # "X, on a visit to Dakar": the person it is said of; "the attack by X", "l'offensive menée
            # par X"; "the Russian invasion", "les frappes américaines": a nationality or a name on the act
            state_of = self.in_the_middle_of(tok)
            subjects = (self.of_agents(tok) if rel in lex.rules.of_agent_events else []) or \
                (self.refs([state_of]) if state_of is not None else []) or self.agents_of(tok) or self.refs(
                [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i in self.ents.token_key
                 and not any(x.dep_ in ("case", "prep") for x in c.children)][:1])
        if not subjects and lex.event_noun_cameo.get(key, "")[:2] in lex.rules.instigated_roots:
            # "une grève à l'appel de X", "a strike at the call of X"; the call may hang on the clause's
            # verb ("une manifestation a eu lieu à l'appel de X")
            subjects = self.instigators(tok) or (self.instigators(verb) if verb is not None else []) or \
                (self.instigators(tok.head) if tok.dep_ in syntax.SUBJECT_DEPS else [])
        if not partners and verb is not None and \
                lex.event_noun_cameo.get(key, "")[:2] in lex.rules.purpose_target_roots:
            # "staged demonstrations to demand reforms by X's government": the purpose names the target
            for c in list(tok.children) + list(verb.children):
                if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ in ("VERB", "AUX") and c.i != tok.i:
                    partners.extend(self.complement_target(c, {x.key for x in subjects}))
        if not partners and rel not in MUTUAL_RELATIONS:
            # "its demand that Israel ease restrictions": the clause's subject is the target (hung on
            # the verb by the parser when it follows the object noun: "repeated its call on Monday that …")
            clauses = list(tok.children)
            if tok.dep_ in syntax.OBJECT_DEPS and tok.head != tok:
                clauses += [c for c in tok.head.children if c.dep_ in syntax.CCOMP_DEPS and c.left_edge.i > tok.i and
                            all(self.doc[j].ent_type_ in ("DATE", "TIME") or self.doc[j].lemma_.lower() in lex.temporal_nouns
                                for j in range(tok.right_edge.i + 1, c.left_edge.i))]
            for c in clauses:
                if c.dep_ in syntax.CCOMP_DEPS | {"acl", "acl:relcl", "relcl"} and \
                        any(m.dep_ in syntax.MARK_DEPS and m.lower_ in lex.profile.complementisers for m in c.children):
                    subj = syntax.subject_of(c)
                    if subj is not None:
                        partners.extend(self.refs([subj]))
            # the object of a nominalised act: "a appelé au rejet de la loi", "called for sanctions
            # against Iran", "l'attaque contre la Syrie"
            for c in tok.children:
                p = syntax.prep_of(c) if c.dep_ in syntax.OBLIQUE_DEPS else (c.lower_ if c.dep_ in syntax.PREP_DEPS else None)
                if p in lex.profile.preps("theme"):
                    heads = [c] if c.dep_ in syntax.OBLIQUE_DEPS else [g for g in c.children if g.dep_ in syntax.POBJ_DEPS]
                    # "sanctions on the ruling military junta", "a suspension of flights to
                    # Chile": through a noun that is not itself an entity
                    found = self.refs(heads) or self.owner_of(heads, {x.key for x in subjects})
                    partners.extend(r for r in found if all(r.key != x.key for x in subjects))
            if not partners and self.is_protest_noun(tok):
                # "went on strike over pay cuts imposed by X": whose the thing the protest is over is
                cause = lex.profile.preps("cause")
                heads = [g for c in list(tok.children) + (list(verb.children) if verb is not None else [])
                         for g in syntax.prep_objects(c, cause)]
                found = self.refs(heads) or self.owner_of(heads, {x.key for x in subjects})
                partners.extend(r for r in found if all(r.key != x.key for x in subjects))
            if not partners and rel in lex.rules.recipient_targets:
                # "aid to Niger", "a accordé une aide au Niger", "offered assistance to X": to whom it is given
                # (or for whom: "une aide de 20 millions d'euros pour la Somalie")
                heads = [g for c in tok.children for g in syntax.prep_objects(c, lex.profile.preps("dative"))] or \
                    [g for c in tok.children for g in syntax.prep_objects(c, lex.profile.preps("beneficiary"))]
                if verb is not None and not heads:
                    heads = list(syntax.arguments(verb, lex).get(syntax.IOBJ, ()))
                partners.extend(r for r in self.refs(heads) if all(r.key != x.key for x in subjects))
            if not partners and (lex.rules.relation_for(halted) if halted else rel) in lex.rules.place_targets \
                    and verb is not None:
                # "imposed a curfew in the town of X": a measure imposed in a place targets it (as does
                # an act stopped there: "suspended aid deliveries in X")
                partners.extend(self.place_of(tok, {x.key for x in subjects}) or
                                self.place_of(verb, {x.key for x in subjects}))
        code = halted or noun_code
        joint: list[Ref] = []
        if code and any(code.startswith(p) for p in lex.rules.joint_acts):
            joint, partners = partners, []  # "held drills with Russia": Russia drilled too, at no one
        third_party = lex.event_noun_cameo.get(key) in lex.third_party_codes
        if between and third_party and subjects:
            # "launched a mediation between A and B": the mediator deals with each side
            pairs = [(s, b) for s in subjects for b in between if s.key != b.key]
        elif len(between) >= 2:
            pairs = [(a, b) for n, a in enumerate(between) for b in between[n + 1:]]
        elif subjects and partners:
            pairs = [(s, p) for s in subjects for p in partners]
        elif 2 <= len(subjects) <= 4 and lex.rules.is_mutual(rel, lex.event_noun_cameo.get(key)):
            pairs = [(a, b) for n, a in enumerate(subjects) for b in subjects[n + 1:]]
        else:
            if not subjects and not partners and not between and verb is None and \
                    any(c.dep_ == "det" and c.lower_ in lex.profile.definite_determiners for c in tok.children):
                self.event_mentions.append(tok)  # "après la réunion de Vienne": the meeting told before
            own = self.reading(verb) if verb is not None else None
            if subjects and not partners and not between and verb is not None and not received and \
                    lex.rules.is_one_party(code) and not self.called_for_by_another(verb) and \
                    (own is None or own.relation != "called_for"):
                # "workers went on strike", "a présenté sa démission": an act of its actor alone (one
                # called for, "a réclamé la démission du ministre", is asked of someone else)
                named = self.named_by(syntax.arguments(verb, lex).get(syntax.SUBJ, ())) | {r.key for r in joint}
                prov = self.sentence_prov(anchor)
                for a in subjects + [r for r in joint if all(r.key != s.key for s in subjects)]:
                    if a.key in named or self.ents.type_of(a.key) == PERSON or a is possessor:
                        st = self.act_alone(a, rel, code, "event", prov, polarity, modality, (tok, verb))
                        if st:
                            yield st
            return
        cameo = lex.event_noun_cameo.get(key)
        light = lex.light_verb_cameo.get(verb.lemma_.lower()) if verb is not None else None
        if light and ((relation_cameo().get(rel) or "")[:2] == light[:2] or lex.rules.relation_for(light) == rel):
            cameo = light  # "lodged a protest with X": a complaint; "signed an agreement": a formal one
        noun_rel = rel
        if halted is not None:
            # "suspended talks with X", "cut aid to X": the halt is the event, between the same parties
            rel, cameo = lex.rules.relation_for(halted), halted
        if rel in lex.rules.negated and polarity == NEGATIVE:
            # "failed to reach an agreement", "n'ont pas conclu d'accord": no agreement is a rejection
            (rel, cameo), polarity = lex.rules.negated[rel], POSITIVE
        prov = self.sentence_prov(anchor)
        for a, b in pairs:
            if self.ents.type_of(b.key) == PLACE and noun_rel in lex.rules.place_is_not_partner and \
                    self.ents.type_of(a.key) == PERSON and b.key not in explicit:
                continue  # "la réunion de Vienne": a place is where, not with whom
            st = self.statement(a, rel, b, "event", prov, polarity=polarity, modality=modality, cameo=cameo,
                                anchors=(tok,) if verb is None else (tok, verb))
            if st:
                yield st

    def of_agents(self, noun: Token) -> list[Ref]:
        """The people or organisations an event noun's "of" complement names ("la visite de X")."""
        heads = [g for c in noun.children for g in syntax.prep_objects(c, self.lex.profile.preps("of"))]
        return [r for r in self.refs(heads) if self.ents.type_of(r.key) != PLACE]

    def in_the_middle_of(self, noun: Token) -> Token | None:
        """The person an event noun after a preposition of state is said of ("X, en visite à Dakar",
        "X, on a visit to Dakar"): the name the phrase modifies."""
        state = self.lex.profile.preps("state")
        if any(c.dep_ in syntax.CASE_DEPS and c.lower_ in state for c in noun.children):
            head = noun.head  # UD: the noun hangs on the name
        elif noun.head.pos_ == "ADP" and noun.head.lower_ in state and noun.dep_ in syntax.POBJ_DEPS:
            head = noun.head.head  # ClearNLP: name -> prep -> noun
            if head.pos_ in ("VERB", "AUX") and head.i > noun.i:
                head = syntax.subject_of(head) or head  # "X, on a visit to Y, praised …": the verb's subject
        else:
            return None
        k = self.ents.key_at(head.i)
        return head if head != noun and k is not None and self.ents.type_of(k) == PERSON else None

    def agents_of(self, noun: Token) -> list[Ref]:
        """Who does the act a noun names, by a "by/par" phrase on it ("the attack by X"), or on a past
        participle on it ("l'offensive menée par X")."""
        agent_preps = self.lex.profile.preps("agent")
        heads: list[Token] = []
        for c in noun.children:
            heads.extend(syntax.prep_objects(c, agent_preps))
            if c.dep_ == "acl" and c.pos_ == "VERB" and "Part" in c.morph.get("VerbForm"):
                for a in c.children:
                    heads.extend(syntax.prep_objects(a, agent_preps))
                    if a.dep_ in syntax.AGENT_DEPS:
                        heads.append(a)
                    if a.dep_ in syntax.AGENT_PREP_DEPS:
                        heads.extend(g for g in a.children if g.dep_ in syntax.POBJ_DEPS)
        return self.refs(heads)

    def possessor(self, noun: Token) -> Ref | None:
        """Who a possessive in front of an event noun names: a name, or for a pronoun ("its",
        "leur") the nearest entity before it in the sentence."""
        for c in noun.children:
            if c.dep_ in ("poss", "nmod:poss") or (c.dep_ == "det" and "Yes" in c.morph.get("Poss")):
                if c.pos_ != "PRON" and c.pos_ != "DET":
                    refs = self.refs([c])
                    return refs[0] if refs else None
                # in a relative clause, what the clause is said of ("a faction that controls X for its
                # support of Y": its = the faction), a person never for a neuter pronoun ("its")
                clause = noun
                for _ in range(6):
                    if clause.pos_ in ("VERB", "AUX") or clause.head == clause:
                        break
                    clause = clause.head
                subj = syntax.subject_of(clause) if clause.pos_ in ("VERB", "AUX") else None
                relative = subj is not None and clause.dep_ in syntax.RELCL_DEPS and \
                    any(x.dep_ in syntax.SUBJECT_DEPS and x.lower_ in self.lex.profile.relative_pronouns
                        for x in clause.children)
                if relative and subj.i < c.i:
                    refs = [r for r in self.refs([subj]) if not ("Neut" in c.morph.get("Gender") and
                                                                 self.ents.type_of(r.key) == PERSON)]
                    if refs:
                        return Ref(refs[0].key, refs[0].cost + 0.2)
                for j in range(c.i - 1, c.sent.start - 1, -1):
                    k = self.ents.key_at(j)
                    if k is not None:
                        return self.ents.ref_at(j, 0.2)
                return None
        return None

    def anaphoric(self, tok: Token) -> Iterator[Statement]:
        """'M. X fera de même avec Y': the previous relation again, with a new subject."""
        lex = self.lex
        first = tok.lemma_.lower()
        for pattern in lex.anaphoric:
            if pattern[0] != first:
                continue
            words = [t.lemma_.lower() for t in self.doc[tok.i:tok.i + len(pattern)]]
            if words != list(pattern):
                continue
            verb = tok if tok.pos_ in ("VERB", "AUX") else None
            if verb is None:
                return
            prev = [st for st in self.history if st.provenance.begin < self.document.original_span(tok.idx, tok.idx)[0]]
            if not prev:
                return
            last = prev[-1]
            args = syntax.arguments(verb, lex)
            subjects = self.refs(args.get(syntax.SUBJ))
            partners: list[Ref] = []
            for p in lex.participant_preps:
                partners.extend(self.refs(args.get(f"prep:{p}")))
            if not partners:
                for c in verb.subtree:  # the parser often hangs "avec X" on "même"
                    if syntax.prep_of(c) in lex.participant_preps:
                        partners.extend(self.refs([c]))
            if not subjects or not partners:
                return
            prov = self.sentence_prov(verb)
            for s in subjects:
                for p in partners:
                    st = self.statement(s, last.relation, p, "anaphora", prov,
                                        polarity=NEGATIVE if syntax.is_negated(verb, lex) else POSITIVE,
                                        modality=syntax.modality(verb, lex), anchors=(verb,))
                    if st:
                        yield st
            return

    # -- speech -----------------------------------------------------------------------------------
    def reporting_verb_near(self, q: Quote) -> tuple[Token | None, str | None]:
        """The reporting verb of a quote and where it stands: 'after', 'before', or 'inside' when the
        quote is a phrase of the verb's own clause (what the verb's frame says stays the verb's own).

        After: « … », a déclaré X / "…," he said / « … » déclare-t-il — only punctuation, auxiliaries
        and clitics between the quote and the verb. Before: X a déclaré : « … » / X said that "…" —
        the quote follows a colon, comma or complementiser and lies in the verb's subtree."""
        doc, lex = self.doc, self.lex
        j = q.end
        # « … », a ensuite précisé X / « … », conclut tout simplement X / "…," the minister, X, told
        # reporters: punctuation, auxiliaries, clitics, adverbs and a short noun phrase may come first
        first_word = True
        ends_sentence = q.end - 2 > q.start and doc[q.end - 2].text in (".", "!", "?")  # '"… tomorrow." The'
        while j < len(doc) and j < q.end + 8 and doc[j].text not in _QUOTE_MARKS:
            t = doc[j]
            if t.text in (".", ";") or (t.is_sent_start and (j > q.end or ends_sentence)):
                break  # the next sentence's verb is not this quote's
            # right after the quote a reporting verb is one whatever the tagger says ("», juge le
            # ministère", "», commente X" tagged as nouns)
            if reporting_lemma(t, lex) and (t.pos_ in ("VERB", "AUX") or first_word and t.pos_ != "PROPN"):
                return t, "after"
            if not (t.is_punct or t.is_space):
                first_word = False
            if not (t.is_punct or t.is_space or t.text.startswith("-") or
                    t.pos_ in ("AUX", "PRON", "ADV", "DET", "NOUN", "PROPN", "ADJ")):
                break
            j += 1
        k = q.start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 0 and reporting_lemma(doc[k], lex) and doc[k].pos_ in ("VERB", "AUX"):
            return doc[k], "before"  # "a indiqué « vouloir procéder … »"
        inner = doc[q.start + 1:q.end - 1]
        if sum(not t.is_punct for t in inner) >= 2:
            # a quoted phrase (not a one-word scare quote) inside the clause of a reporting verb before
            # it, with no reporting verb of its own and not in its subject: the verb's subject's words
            # ('criticised the plan as a "complete failure"', 'a qualifié le projet de « fiasco total »')
            # (in the verb's own clause: no other verb between them; the verb's subject its own)
            first = doc[q.start + 1]
            verb = None
            for a in first.ancestors:
                if a.i in range(q.start, q.end):
                    continue
                if a.pos_ in ("VERB", "AUX"):
                    verb = a if reporting_lemma(a, lex) else None
                    break
            if verb is not None and verb.i < q.start and verb.sent.start == inner.sent.start and \
                    any(c.dep_ in syntax.SUBJECT_DEPS for c in verb.children) and \
                    not any(c.dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS and
                            (c == first or c.is_ancestor(first)) for c in verb.children) and \
                    not any(reporting_lemma(t, lex) for t in inner if t.pos_ in ("VERB", "AUX")):
                return verb, "inside"
        if k < 0 or not (doc[k].text in (":", ",") or doc[k].lower_ in lex.profile.complementisers):
            return None, None
        sent = doc[q.start].sent
        crossed_verb = False
        for j in range(k, max(sent.start, q.start - 15) - 1, -1):
            t = doc[j]
            # the quote depends on the verb, or nothing but adverbials lie between them ("X estime, au
            # contraire, que « … »"); a colon hands the quote to the verb before it anyway
            if reporting_lemma(t, lex) and t.pos_ in ("VERB", "AUX") and \
                    (doc[k].text == ":" or t.is_ancestor(doc[q.start + 1]) or not crossed_verb):
                return t, "before"
            if t.pos_ == "VERB":
                crossed_verb = True
        if doc[k].text == ":":
            # "Denis Baupin a ensuite défendu sa décision : « … »": a colon hands the floor to the
            # subject of the clause it ends
            for j in range(k - 1, max(sent.start, k - 15) - 1, -1):
                t = doc[j]
                if t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj") and syntax.subject_of(t) is not None:
                    return t, "before"
        return None, None

    def source_marker_speaker(self, q: Quote) -> list[Ref]:
        """'Pour X, « … »' / '« … », selon X' / 'according to X'."""
        doc, lex = self.doc, self.lex
        markers = list(lex.source_markers) + [(p,) for p in sorted(lex.profile.preps("topic"))]
        for j in range(max(doc[q.start].sent.start, q.start - 30), q.start):
            for m in markers:
                if tuple(t.lower_ for t in doc[j:j + len(m)]) == m:
                    # "Pour Bernard Thibault, son secrétaire général : « … »", "D'après le ministre du
                    # budget, Jérôme Cahuzac, « … »": the first speaker named before any verb
                    for t in doc[j + len(m):q.start]:
                        if t.pos_ in ("VERB", "AUX"):
                            break
                        refs = self.refs([t])
                        if refs and self.ents.type_of(refs[0].key) != PLACE:
                            return refs[:1]
        j = q.end
        while j < len(doc) and j < q.end + 4 and doc[j].is_punct:
            j += 1
        for m in lex.source_markers:
            if tuple(t.lower_ for t in doc[j:j + len(m)]) == m and j + len(m) < len(doc):
                refs = self.refs([doc[j + len(m)]])
                if refs:
                    return refs[:1]
        return []

    def quoted_speech(self, q: Quote) -> Iterator[Statement]:
        """A quote and its speaker(s): a said statement each ("Premier X and CEO Y said")."""
        lex = self.lex
        verb, where = self.reporting_verb_near(q)
        speakers: list[Ref] = []
        relation = "said"
        args: dict = {}
        if verb is not None:
            args = syntax.arguments(verb, lex)
            speakers = self.refs(args.get(syntax.SUBJ))
            relation = lex.reporting.get(reporting_lemma(verb, lex) or "", "said")
            if not speakers and where == "after":
                speakers = self.name_after(verb)
            if not speakers and where == "before":
                speakers = self.name_before(verb)
        if not speakers and any(t.is_alpha for t in self.doc[q.start:q.end]):
            # (with no verb of speech, a quoted code is a term, not speech: « A3 » à « Baa3 »)
            speakers = self.source_marker_speaker(q)
            verb = None
        if not speakers:
            return
        for i in range(q.start, q.end):
            self.speaker_at[i] = speakers[0].key
            if verb is not None:
                self.speech_verb_at[i] = verb
        self.note_subject(q.start, speakers[0].key)
        span_start = min(q.start, verb.i if verb is not None else q.start)
        span_end = max(q.end, (verb.i + 1) if verb is not None else q.end)
        if verb is not None and where == "after":  # up to the speaker's name
            for t in args.get(syntax.SUBJ, ()):
                span_end = max(span_end, t.right_edge.i + 1)
        prov = self.provenance(span_start, span_end)
        polarity = NEGATIVE if verb is not None and syntax.is_negated(verb, lex) else POSITIVE
        for speaker in speakers:
            st = self.statement(speaker, "said", None, "said", prov, quote=q.text(self.doc), polarity=polarity,
                                anchors=(verb,) if verb is not None else ())
            if st:
                yield st
            if relation != "said" and verb is not None and where != "inside":
                about = self.quote_about(q, speaker.key)
                if about is not None:
                    st = self.statement(speaker, relation, about, "quote_about", prov, polarity=polarity,
                                        modality=syntax.modality(verb, lex), anchors=(verb,))
                    if st:
                        yield st
        if verb is not None:
            yield from self.speech_circumstances(verb, speakers, prov)

    def name_before(self, verb: Token) -> list[Ref]:
        """'Pierre Moscovici, a pour sa part ajouté : « … »': a comma cuts the speaker off the verb
        in the parse; the person named just before the comma (and the verb's auxiliaries) speaks."""
        first = min([verb] + syntax.auxiliaries(verb), key=lambda t: t.i)
        j = first.i - 1
        # over "a pour sa part", "a ensuite", "has also" back to the comma
        while j >= first.sent.start and first.i - j <= 6 and self.doc[j].text != "," and \
                self.doc[j].pos_ in ("AUX", "ADP", "DET", "NOUN", "ADV", "PRON"):
            j -= 1
        if j < first.sent.start or self.doc[j].text != ",":
            return []
        k = self.ents.key_at(j - 1)
        if k is not None and self.ents.type_of(k) != PLACE:
            return [self.ents.ref_at(j - 1, 0.2)]
        return []

    def name_after(self, verb: Token) -> list[Ref]:
        """« … », a expliqué à l'AFP Gilles-Éric Séralini: the parser hangs the inverted subject on
        the oblique; the first person named within a few words after the verb speaks."""
        for j in range(verb.i + 1, min(verb.sent.end, verb.i + 7)):
            k = self.ents.key_at(j)
            if k is not None and self.ents.type_of(k) != PLACE and \
                    (self.ents.type_of(k) == PERSON or self.doc[j].dep_ not in ("pobj", "obl", "obl:arg")):
                # a person, or an organisation that is not the addressee ("a précisé Febelfin", not
                # "a déclaré à l'AFP")
                return [self.ents.ref_at(j, 0.15)]
            if self.doc[j].text in (".", ";", "«", "»", '"', "“", "”"):
                break
        return []

    def quote_about(self, q: Quote, speaker: str) -> Ref | None:
        """The entity a quote is about: the first entity it names other than the speaker, else the
        target of the speaker's last statement (what 'they' / 'ils' refers to)."""
        named = [self.ents.key_at(i) for i in range(q.start, q.end)
                 if self.ents.key_at(i) not in (None, speaker)]
        if named:  # a country or organisation the quote names before any person
            others = [k for k in named if self.ents.type_of(k) != PERSON]
            return Ref((others or named)[0], 0.1)
        for st in reversed(self.history):
            if st.subject == speaker and st.object:
                return Ref(st.object, 0.2)
        return None

    def indirect_speech(self, tok: Token) -> Iterator[Statement]:
        """'X a déclaré que …' / 'X said that …' without quotation marks: a said statement whose
        content is the clause; relations inside it are attributed to X."""
        lex = self.lex
        if tok.lemma_.lower() not in lex.reporting or tok.pos_ not in ("VERB",) or tok.i in self.speaker_at or \
                tok.dep_ in syntax.SUBJECT_DEPS | syntax.OBJECT_DEPS or any(c.dep_ in ("amod", "det") for c in tok.children):
            # (a "verb" that is a subject or object, or has an adjective or an article, is a noun the
            # tagger misread: "Central American states Mexico and Panama attended …")
            return
        args = syntax.arguments(tok, lex)
        clauses = [c for c in args.get(syntax.CCOMP, ())
                   if any(m.dep_ in syntax.MARK_DEPS for m in c.children) or syntax.subject_of(c) is not None]
        if not clauses:
            return
        clause = clauses[0]
        if any(q.start <= clause.i < q.end for q in self.quotes):
            return  # a quote: handled by quoted_speech
        # (with no subject in the parse, the names right before the verb: "En visite à X, Y a déclaré")
        speakers = self.refs(args.get(syntax.SUBJ)) if args.get(syntax.SUBJ) else self.subjects(tok, args)
        if not speakers:
            return
        sub = [t for t in clause.subtree if not (t.dep_ in syntax.MARK_DEPS and t.i == clause.left_edge.i)]
        for t in sub:
            self.speaker_at.setdefault(t.i, speakers[0].key)
        text = self.doc[sub[0].i:sub[-1].i + 1].text
        prov = self.sentence_prov(tok)
        for speaker in speakers:
            st = self.statement(speaker, "said", None, "indirect_said", prov, quote=text,
                                polarity=NEGATIVE if syntax.is_negated(tok, lex) else POSITIVE, anchors=(tok,))
            if st:
                yield st
        yield from self.reports_about(tok, clause, speakers, prov)
        yield from self.speech_circumstances(tok, speakers, prov)
        yield from self.obligation(tok, clause, speakers, prov)

    def reports_about(self, verb: Token, clause: Token, speakers: list[Ref], prov: Provenance) -> Iterator[Statement]:
        """'X reported that Y …' / 'le quotidien X annonce que Y …': who reports, with a verb of
        reporting ("report", "révéler") or as a news medium whatever its verb, reported on the one
        the clause is about, its subject."""
        lex = self.lex
        if syntax.is_negated(verb, lex) or syntax.is_passive(verb):
            return
        reporting = lex.reporting.get(reporting_lemma(verb, lex) or "") == "reported"
        reporters = [s for s in speakers if reporting or self.is_medium(s.key)]
        if not reporters:
            return
        # its grammatical subject, of an active or a passive verb ("que X aurait été tué")
        subjects = [syntax.antecedent(c) for c in clause.children
                    if c.dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS]
        keys = {s.key for s in speakers}
        about = [r for r in self.refs(subjects[:1])
                 if r.key not in keys and (self.ents.type_of(r.key) != PLACE or reporting)]
        for s in reporters:
            for a in about:
                st = self.statement(s, "reported", a, "reported", prov, anchors=(verb,))
                if st:
                    yield st

    def is_medium(self, key: str) -> bool:
        """A news medium: an agency, paper or broadcaster the gazetteer knows as one."""
        entry = self.ents.entry_of(key)
        return entry is not None and entry.sector == "media"

    def speech_circumstances(self, verb: Token, speakers: list[Ref], prov: Provenance) -> Iterator[Statement]:
        """What a statement's circumstances say: who reported it ("…, according to Reuters", "selon
        l'AFP"), and where the speaker was ("a déclaré X dans le Wisconsin", "said in Des Moines": the
        speaker visited the place)."""
        if syntax.is_negated(verb, self.lex):
            return
        keys = {s.key for s in speakers}
        for source in self.source_marker_entities(verb, keys):
            for speaker in speakers:
                st = self.statement(source, "reported", speaker, "reported", prov)
                if st:
                    yield st
        for place in self.place_of(verb, keys):
            for speaker in speakers:
                if self.ents.type_of(speaker.key) == PERSON:
                    st = self.statement(speaker, "visited", place, "reported", prov, modality=syntax.modality(verb, self.lex),
                                        anchors=(verb,))
                    if st:
                        yield st

    def source_marker_entities(self, verb: Token, exclude: set[str]) -> list[Ref]:
        """The sources a statement names with a source marker on its verb ("…, according to X", "selon
        X", "d'après X"); a marker on another clause of the sentence is that clause's."""
        doc, out, sent = self.doc, [], verb.sent
        for j in range(sent.start, sent.end):
            for m in self.lex.source_markers:
                if tuple(t.lower_ for t in doc[j:j + len(m)]) != m:
                    continue
                k = j + len(m)
                while k < sent.end and doc[k].pos_ == "DET":
                    k += 1
                attached = any(x.head == verb or (x.head.head == verb and x.head.pos_ == "ADP")
                               for x in (doc[j], doc[min(k, sent.end - 1)]))
                # set off by a comma at the end of a report, the marker is the report's whoever the
                # parser hangs it on inside ("X claimed that …, according to Reuters")
                attached = attached or (j > sent.start and doc[j - 1].text == "," and j > verb.i and
                                        verb.is_ancestor(doc[j]) and
                                        all(t.is_punct for t in doc[doc[j].right_edge.i + 1:sent.end]))
                if k < sent.end and attached:
                    for r in self.refs([doc[k]]):
                        if r.key not in exclude and self.ents.type_of(r.key) != PLACE and \
                                all(r.key != x.key for x in out):
                            out.append(r)
        return out

    def is_protest_purpose(self, tok: Token) -> bool:
        """Whether a predicate is the purpose of a protest ("staged demonstrations to demand reforms",
        "rioted demanding independence", "a entamé une grève de la faim pour exiger …"): what the
        protesters want is the content of the protest, which takes its target from it, not an event of
        its own, as event coding reads it (CAMEO 14 "demonstrate or rally for …")."""
        if tok.dep_ not in ("advcl", "xcomp", "acl") or tok.head == tok:
            return False
        roots = self.lex.rules.purpose_target_roots
        head = tok.head

        def protest_noun(t: Token) -> bool:
            return self.lex.event_noun_cameo.get(t.lemma_.lower(), "")[:2] in roots
        def protest_verb(t: Token) -> bool:
            reading = self.reading(t) if t.pos_ in ("VERB", "AUX") else None
            return reading is not None and (reading.code or relation_cameo().get(reading.relation) or "")[:2] in roots

        if head.pos_ in ("NOUN", "PROPN"):
            # "a hunger strike to demand …"; "marched through the capital demanding …", the participle
            # hung on the place by the parser
            verb = head.head.head if head.dep_ in syntax.POBJ_DEPS else head.head  # (ClearNLP: via the preposition)
            return protest_noun(head) or (head.dep_ not in syntax.SUBJECT_DEPS and protest_verb(verb))
        if protest_verb(head):
            return True  # "rioted demanding …"
        return any(c.dep_ in syntax.OBJECT_DEPS and protest_noun(c) for c in head.children)

    def is_demanded(self, tok: Token) -> bool:
        """Whether a predicate is what someone demands or must do, not what happened: under an
        obligation ("Israel must ease restrictions", "X doit accepter") or the clause of a demand
        ("demanded that Hamas renounce …", "a exigé que X se retire", "its demand that X ease …")."""
        lex = self.lex
        t = tok
        for _ in range(6):
            if any(c.dep_ in syntax.AUX_DEPS and (c.lower_ in lex.obligation or c.lemma_.lower() in lex.obligation)
                   for c in t.children):
                return True
            head = t.head
            if head == t:
                return False
            if t.dep_ in syntax.CONJ_DEPS or (t.dep_ == "advcl" and head.pos_ in ("VERB", "AUX")):
                t = head  # "must open the border to let …": the purpose of what must be done is not done
                continue
            if t.dep_ in ("ccomp", "xcomp", "acl") and head.pos_ in ("VERB", "AUX", "NOUN"):
                if head.lemma_.lower() in lex.obligation:
                    return True  # "X doit accepter", "X has to accept"
                if head.pos_ == "NOUN":  # "its demand that Israel ease …"
                    return lex.event_nouns.get(head.lemma_.lower()) == "called_for"
                reading = self.reading(head)
                if t.dep_ == "xcomp":
                    if reading is not None and reading.relation == "called_for":
                        # "appelle à voter pour X", "urged Y to support X": a call to do is the caller's
                        # own stand, as event coding reads it
                        return False
                    t = head  # "a exigé que X cesse de soutenir Y": up the chain of verbs
                    continue
                if reading is not None and reading.relation == "called_for":
                    return t.dep_ == "acl" or _untensed(t)
            return False
        return False

    def obligation(self, verb: Token, clause: Token, speakers: list[Ref], prov: Provenance) -> Iterator[Statement]:
        """'X said that Y must …' / 'X a déclaré que Y doit …': X demands something of Y (CAMEO 10)."""
        lex = self.lex
        modal = clause.lemma_.lower() in lex.obligation or any(
            c.dep_ in syntax.AUX_DEPS and (c.lower_ in lex.obligation or c.lemma_.lower() in lex.obligation)
            for c in clause.children)
        if not modal or syntax.is_negated(clause, lex):
            return
        args = syntax.arguments(clause, lex)
        targets = self.refs(args.get(syntax.SUBJ))
        for s in speakers:
            for t in targets:
                st = self.statement(s, "called_for", t, "indirect_said", prov, cameo="100", anchors=(verb,))
                if st:
                    yield st

    def reported_by(self, tok: Token) -> Iterator[Statement]:
        """'a déclaré X, dans des propos rapportés par CNN' / 'X said, as reported by Reuters'."""
        lex = self.lex
        frame = lex.verbs.get(tok.lemma_.lower())
        if frame is None or frame.relation != "reported" or not syntax.is_passive(tok):
            return
        args = syntax.arguments(tok, lex)
        sources = self.refs(args.get(syntax.SUBJ))  # the agent, after the passive swap
        if not sources or args.get(syntax.OBJ):
            return
        t = tok
        for _ in range(6):
            t = t.head
            if t.lemma_.lower() in lex.reporting and t.pos_ in ("VERB", "AUX"):
                speakers = self.refs(syntax.arguments(t, lex).get(syntax.SUBJ))
                for s in sources:
                    for sp in speakers:
                        st = self.statement(s, "reported", sp, "reported", self.sentence_prov(tok))
                        if st:
                            yield st
                return
            if t.head == t:
                return

    def according_to(self, sent: Span) -> Iterator[Statement]:
        """A clause attributed by a source marker, without quotation marks: "Selon X, la Russie va
        attaquer", "Russia will attack, according to X": X said the clause (a speaker named before any
        verb, not a place). A sentence whose words already have a speaker is left alone."""
        doc, lex = self.doc, self.lex
        if any(t.i in self.speaker_at for t in sent) or any(q.start < sent.end and q.end > sent.start for q in self.quotes):
            return
        start, end = sent.start, sent.end
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1

        def speaker_in(lo: int, hi: int) -> Ref | None:
            for t in doc[lo:hi]:
                if t.pos_ in ("VERB", "AUX"):
                    return None
                refs = self.refs([t])
                if refs and self.ents.type_of(refs[0].key) != PLACE:
                    return refs[0]
            return None

        for m in lex.source_markers:
            n = len(m)
            clause = speaker = None
            if tuple(t.lower_ for t in doc[start:start + n]) == m:  # "Selon X, …"
                comma = next((j for j in range(start + n, end) if doc[j].text == ","), None)
                if comma is not None:
                    speaker, clause = speaker_in(start + n, comma), (comma + 1, end)
                    # "Selon X, ministre de Y, …": the title in apposition goes with the source
                    while speaker is not None and clause[0] < end and not any(
                            t.pos_ in ("VERB", "AUX") for t in doc[clause[0]:next(
                                (j for j in range(clause[0], end) if doc[j].text == ","), end)]):
                        nxt = next((j for j in range(clause[0], end) if doc[j].text == ","), None)
                        if nxt is None:
                            break
                        clause = (nxt + 1, end)
            else:
                for j in range(start + 1, end - n):  # "…, according to X." ending the sentence
                    if doc[j - 1].text == "," and tuple(t.lower_ for t in doc[j:j + n]) == m and \
                            not any(t.text == "," or t.pos_ in ("VERB", "AUX") for t in doc[j + n:end]):
                        speaker, clause = speaker_in(j + n, end), (start, j - 1)
                        break
            if speaker is None or clause is None or clause[0] >= clause[1]:
                continue
            words = doc[clause[0]:clause[1]]
            inside = range(clause[0], clause[1])
            subject = any(c.dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS and c.i in inside
                          for t in words for c in t.children)
            # (or, the parser having hung its subject outside, a finite verb after a noun of the clause)
            finite = any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") and
                         any(x.pos_ in ("NOUN", "PROPN", "PRON") for x in doc[clause[0]:t.i]) for t in words)
            if not (subject or finite):
                continue  # a clause, not a phrase or a piece of one
            st = self.statement(speaker, "said", None, "indirect_said", self.sentence_prov(doc[start]),
                                quote=words.text)
            if st:
                yield st
            return

    def blame(self, sent: Span) -> Iterator[Statement]:
        """A speaker who calls an actor's act aggression / invasion accuses that actor."""
        lex = self.lex
        for tok in sent:
            speaker = self.speaker_at.get(tok.i)
            relation = lex.blame_nouns.get(tok.lower_) or lex.blame_nouns.get(tok.lemma_.lower())
            if speaker is None or relation is None:
                continue
            for c in tok.children:
                if c.dep_ in ("nmod", "amod", "poss", "nmod:poss", "compound") or (
                        c.dep_ == "prep" and c.lower_ == "of"):
                    heads = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ in syntax.POBJ_DEPS]
                    if c.dep_ == "nmod" and syntax.prep_of(c) not in ("de", "d'", None):
                        continue
                    verb = self.speech_verb_at.get(tok.i)  # the speech's clause tells when and where it was said
                    for r in self.refs(heads):
                        st = self.statement(Ref(speaker), relation, r, "blame", self.sentence_prov(tok),
                                            anchors=(verb,) if verb is not None else ())
                        if st:
                            yield st


def extract_statements(document: Document, doc: Doc, ents: DocEntities, lex: Lexicon) -> Iterator[Statement]:
    """Every statement the text states, in text order of the rules (see the module docstring)."""
    ex = _Extractor(document, doc, ents, lex)
    statements = _without_acts_stated_with_a_party(list(ex.run()))
    yield from ex.circumstances.from_definite_mentions(statements, ex.event_mentions, document)


def _without_acts_stated_with_a_party(statements: list[Statement]) -> list[Statement]:
    """Leave out an act alone ("students staged demonstrations": criticised, no object) when another
    rule states the same act of the same subject in the same sentence with a party ("demonstrations
    against the government"): the act alone says less and the same."""
    with_party = {(st.subject, st.relation, st.provenance.begin, st.polarity) for st in statements
                  if st.object is not None}
    return [st for st in statements
            if st.object is not None or st.quote is not None or
            (st.subject, st.relation, st.provenance.begin, st.polarity) not in with_party]
