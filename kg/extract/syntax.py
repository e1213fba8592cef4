"""One place that maps both dependency schemes to one set of argument roles.

spaCy's French models label dependencies in Universal Dependencies (obj, obl + case, obl:agent,
nsubj:pass); its English models in the ClearNLP scheme (dobj, prep + pobj, agent, nsubjpass). Every rule
in kg asks this module for a predicate's arguments, so it serves both languages. The module also absorbs
the parser errors seen on real news: an inverted clitic subject parsed as a passive subject ("a-t-il
averti"), a coordinated verb attached to the embedded clause instead of the main verb, relative pronouns
as subjects.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Token

from ..lexicon import Lexicon, Profile, load_profile

# argument roles
SUBJ, OBJ, IOBJ, AGENT, XCOMP, CCOMP, LOC = "subj", "obj", "iobj", "agent", "xcomp", "ccomp", "loc"
# circumstantial roles: where and when the predicate's event happened (:func:`circumstantials`)
WHERE, WHEN = "where", "when"

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubj:pass", "nsubjpass", "csubj:pass", "csubjpass"})
OBJECT_DEPS = frozenset({"obj", "dobj"})
DATIVE_DEPS = frozenset({"iobj", "dative"})
AGENT_DEPS = frozenset({"obl:agent"})  # UD: the agent noun itself
AGENT_PREP_DEPS = frozenset({"agent"})  # ClearNLP: 'by', with the noun as its pobj
OBLIQUE_DEPS = frozenset({"obl", "obl:arg", "obl:mod", "nmod", "nmod:poss"})  # UD: noun with a 'case' child
PREP_DEPS = frozenset({"prep"})  # ClearNLP: the preposition, with the noun as pobj
POBJ_DEPS = frozenset({"pobj", "pcomp"})
XCOMP_DEPS = frozenset({"xcomp"})
CCOMP_DEPS = frozenset({"ccomp"})
CONJ_DEPS = frozenset({"conj"})
APPOS_DEPS = frozenset({"appos"})
NAME_DEPS = frozenset({"flat:name", "flat", "compound", "flat:foreign"})
PASSIVE_AUX_DEPS = frozenset({"aux:pass", "auxpass"})
AUX_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "auxpass", "cop"})
NEG_DEPS = frozenset({"neg"})
RELCL_DEPS = frozenset({"acl:relcl", "relcl"})
MARK_DEPS = frozenset({"mark"})
CASE_DEPS = frozenset({"case"})
#: a bare noun phrase or adverb of time on a predicate: UD obl:mod / obl:tmod / advmod ("vendredi", "hier"),
#: ClearNLP npadvmod ("Friday", "last week", "yesterday")
BARE_ADJUNCT_DEPS = frozenset({"obl:mod", "obl:tmod", "obl", "nmod", "nmod:tmod", "npadvmod", "tmod", "advmod"})
#: named-entity labels of a person or an organisation, in both models: a name that a place or a time
#: complement hangs on does not restrict it ("met Lavrov in Geneva")
ACTOR_NAME_LABELS = frozenset({"PER", "PERSON", "ORG"})
#: named-entity label of a date (English model only; the French one has none)
DATE_LABELS = frozenset({"DATE"})


def profile(token: Token) -> Profile:
    """The grammar words of the token's language (of every language for a parse built by hand in
    spaCy's multi-language vocabulary)."""
    return load_profile(token.doc.lang_)


def prep_of(token: Token) -> str | None:
    """The (lowercase) preposition introducing a UD oblique, or None; a contracted one ("au") as its
    preposition ("à")."""
    cases = [c for c in token.children if c.dep_ in CASE_DEPS and c.i < token.i]
    if not cases and token.left_edge.dep_ in CASE_DEPS and token.left_edge.i < token.i:
        # the preposition hung on a word of the phrase (a first name read as a modifier: "avec Hakan
        # Fidan" with "avec" on "Hakan"): the phrase's first word
        cases = [token.left_edge]
    if not cases:
        return None
    words = " ".join(c.lower_ for c in cases)
    return profile(token).base_preposition(words)


#: the dependents of a noun that may give its age: a complement ("de 17 ans"), an adjective or participle
#: ("17-year-old", "âgé de", "aged"), a compound; never a subject, a relative clause or a coordinate
AGE_DEPS = frozenset({"nmod", "amod", "compound", "acl", "npadvmod", "prep"})


def age_of(noun: Token) -> Token | None:
    """The number giving a person's age in the noun's own phrase, or None: "a 17-year-old student",
    "a man aged 40", "un lycéen de 17 ans", "une femme âgée de 40 ans". Relative clauses are not the
    noun's own phrase."""
    prof = profile(noun)
    for c in noun.children:
        if c.dep_ not in AGE_DEPS:
            continue  # not the subject of a noun used as a predicate ("X, 17 ans, a été victime …")
        sub = [t for t in c.subtree if abs(t.i - noun.i) <= 8]
        for n in sub:
            if not n.like_num:
                continue
            j = n.i + 1
            while j < len(noun.doc) and noun.doc[j].text in ("-", "‐"):
                j += 1
            if j < len(noun.doc) and noun.doc[j].lower_ in prof.age_units:
                return n
            if c.lower_ in prof.age_adjectives and n.head == c:
                return n  # "aged 40"
    return None


def prep_objects(child: Token, preps: Iterable[str]) -> list[Token]:
    """The nouns a child of a noun or verb introduces with one of ``preps``, in either scheme: a UD
    oblique or nominal modifier with its 'case' ("de réfugiés"), or a ClearNLP 'prep' with its pobj
    ("of refugees")."""
    preps = set(preps)
    if child.dep_ in PREP_DEPS and child.lower_ in preps:
        return [g for g in child.children if g.dep_ in POBJ_DEPS]
    if child.dep_ in OBLIQUE_DEPS and (prep_of(child) in preps or
                                       any(c.lower_ in preps for c in child.children if c.dep_ in CASE_DEPS)):
        return [child]
    return []


CLAUSE_BREAKS = frozenset({"«", "»", "“", "”", '"', ";", ":", "(", ")"})


def orphan_auxiliary(pred: Token) -> Token | None:
    """The auxiliary of a participle that the parser attached elsewhere.

    An adverbial between auxiliary and participle ("n'a jamais, nulle part, menacé", "a une nouvelle
    fois nié") often makes the parser hang the auxiliary, with the subject and the negation, on
    another word. Found by looking left from the participle within the clause."""
    if any(c.dep_ in AUX_DEPS for c in pred.children):
        return None
    aux_lemmas = profile(pred).auxiliaries
    head = pred.head
    if head.i < pred.i and head.lemma_.lower() in aux_lemmas and head.pos_ in ("AUX", "VERB") \
            and pred.dep_ not in OBJECT_DEPS | CCOMP_DEPS:
        return head  # "a une nouvelle fois nié": the participle hangs on its own auxiliary
    if "Part" not in pred.morph.get("VerbForm"):
        return None
    for j in range(pred.i - 1, max(pred.sent.start, pred.i - 8) - 1, -1):
        t = pred.doc[j]
        if t.text in CLAUSE_BREAKS or t.dep_ in MARK_DEPS or t.pos_ in ("SCONJ", "CCONJ"):
            return None
        if t.lemma_.lower() in aux_lemmas and t.pos_ in ("AUX", "VERB") and t.head != pred:
            if t.head.pos_ in ("VERB", "AUX") and t.dep_ in AUX_DEPS:
                return None  # the auxiliary of another verb
            return t
        if t.pos_ in ("VERB",) and t.head != pred:
            return None
    return None


def auxiliaries(pred: Token) -> list[Token]:
    """The auxiliaries of a predicate, including one the parser attached elsewhere."""
    out = [c for c in pred.children if c.dep_ in AUX_DEPS]
    orphan = orphan_auxiliary(pred)
    if orphan is not None:
        out.append(orphan)
    return out


def is_passive(pred: Token) -> bool:
    """A passive predicate: its subject is the patient."""
    kids = list(pred.children)
    if any(c.dep_.startswith("expl") and "Yes" in c.morph.get("Reflex") for c in kids) and \
            not any(c.dep_ in AGENT_PREP_DEPS | AGENT_DEPS for c in kids):
        # a pronominal verb's perfect ("l'armée s'est retirée", "il s'est rendu à"): the parser reads
        # the reflexive clitic and "être" as a passive, but the subject acts
        return False
    if any(c.dep_ in PASSIVE_AUX_DEPS for c in kids):
        return True
    if any(c.dep_ in AUX_DEPS and c.lemma_.lower() in profile(pred).perfect_auxiliaries for c in kids):
        return False  # "a-t-il averti": a clitic subject misparsed as nsubj:pass
    if any(c.dep_ in AGENT_PREP_DEPS | AGENT_DEPS for c in kids):
        return True
    if pred.dep_ in ("acl", "amod") and "Part" in pred.morph.get("VerbForm") and \
            "Pres" not in pred.morph.get("Tense") and "Ger" not in pred.morph.get("VerbForm"):
        return True  # a participle modifying a noun: "propos rapportés par X", "talks held by X"
    return "Pass" in pred.morph.get("Voice") and pred.dep_ not in ("ROOT",)


def is_mistagged_participle(tok: Token, lex: Lexicon) -> bool:
    """A past participle the tagger read as a noun or adjective, recognised by the perfect auxiliary
    before it and its subject ("X a téléphoné à Y" with "téléphoné" a NOUN): a verb for extraction."""
    if tok.pos_ not in ("NOUN", "ADJ"):
        return False
    perfect = lex.profile.perfect_auxiliaries
    return any(c.dep_ in AUX_DEPS - {"cop"} and c.i < tok.i and c.lemma_.lower() in perfect for c in tok.children) and \
        any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def arguments(pred: Token, lex: Lexicon) -> dict[str, list[Token]]:
    """The arguments of a predicate by role: subj, obj, iobj, agent, xcomp, ccomp and ``prep:P``.

    Subjects missing from the parse are inherited along conj and xcomp (control) chains; relative
    pronouns are replaced by their antecedent.
    """
    args: dict[str, list[Token]] = {}
    prof = lex.profile
    dative, agent_preps = prof.preps("dative"), prof.preps("agent")

    def add(role: str, tok: Token) -> None:
        args.setdefault(role, []).append(tok)

    passive = is_passive(pred)
    orphan = orphan_auxiliary(pred)
    for aux in auxiliaries(pred):
        for c in aux.children:  # "la Russie a une nouvelle fois nié": the subject hangs on "a"
            if c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS:
                add(OBJ if passive and c.dep_ in PASSIVE_SUBJECT_DEPS else SUBJ, c)
    children = []
    for c in pred.children:
        if c.pos_ == "NOUN" and c.lemma_.lower() in lex.temporal_nouns and c.dep_ not in SUBJECT_DEPS:
            # "attendu mercredi à Charlotte": a time word is no argument; what hangs on it is the verb's
            children.extend(g for g in c.children if g.dep_ in OBLIQUE_DEPS | PREP_DEPS)
            continue
        children.append(c)
    # a passive clause has one grammatical subject: an active-subject label beside a passive subject
    # is the parser splitting a coordination ("A, and B, C and D were each suspended")
    split_patient = passive and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in children)
    for c in children:
        dep = c.dep_
        if dep in SUBJECT_DEPS and orphan is not None and c.i > pred.i and SUBJ in args:
            add(OBJ, c)  # with the real subject on the detached auxiliary, a post-verbal "subject" is the object
        elif dep in SUBJECT_DEPS and split_patient and c.i < pred.i:
            add(OBJ, c)
        elif dep in SUBJECT_DEPS:
            add(SUBJ, c)
        elif dep in PASSIVE_SUBJECT_DEPS:
            add(OBJ if passive else SUBJ, c)
        elif dep in OBJECT_DEPS:
            add(OBJ, c)
        elif dep in ("advmod", "xcomp") and c.pos_ == "PROPN" and c.i > pred.i and c.ent_type_ and \
                not any(x.dep_ in OBJECT_DEPS for x in children):
            add(OBJ, c)  # a name after the verb the parser read as an adverb or a complement: "ont critiqué Sony"
        elif dep in DATIVE_DEPS and c.pos_ == "ADP":
            # ClearNLP labels the preposition of a recipient "dative" ("providing intelligence to X"):
            # the recipient is its object
            for g in c.children:
                if g.dep_ in POBJ_DEPS:
                    add(IOBJ, g)
                    add(f"prep:{c.lower_}", g)
        elif dep in DATIVE_DEPS:
            add(IOBJ, c)
        elif dep in AGENT_DEPS:
            add(AGENT, c)
        elif dep in AGENT_PREP_DEPS:
            for g in c.children:
                if g.dep_ in POBJ_DEPS:
                    add(AGENT, g)
        elif dep in PREP_DEPS:
            p = c.lower_
            idiom = c.i > 0 and f"{c.doc[c.i - 1].lower_} {p}" in prof.quantity_idioms
            for g in c.children:
                if g.dep_ in POBJ_DEPS and idiom and (g.pos_ == "NUM" or any(n.dep_ == "nummod" for n in g.children)):
                    add(OBJ, g)  # "kidnapped up to 16 advisers": a bound on a number, not a preposition
                elif g.dep_ in POBJ_DEPS:
                    add(f"prep:{p}", g)
                    if p in dative:
                        add(IOBJ, g)
                    if p in agent_preps and passive:
                        add(AGENT, g)
        elif dep in OBLIQUE_DEPS and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X"):
            p = prep_of(c)
            if p:
                add(f"prep:{p}", c)
                if p in dative:
                    add(IOBJ, c)
                if p in agent_preps and passive:
                    add(AGENT, c)
        elif dep == "prt":  # "kidnapped up to 16 advisers" read as particle "up" with "to 16 advisers" on it
            for x in c.children:
                if x.dep_ in PREP_DEPS and f"{c.lower_} {x.lower_}" in prof.quantity_idioms:
                    counted = [g for g in x.children if g.dep_ in POBJ_DEPS and
                               (g.pos_ == "NUM" or any(n.dep_ == "nummod" for n in g.children))]
                    for g in counted:
                        add(OBJ, g)
        elif dep in XCOMP_DEPS:
            add(XCOMP, c)
        elif dep in CCOMP_DEPS:
            add(CCOMP, c)
    # "en Bretagne, où la ministre se rendra" / "the city where he arrived": the antecedent is the place
    # (the parser often attaches the clause to the main verb instead: take the noun before "où")
    for c in pred.children:
        if c.lower_ in prof.relative_adverbs and c.i < pred.i:
            if pred.dep_ in RELCL_DEPS:
                add(LOC, pred.head)
            else:
                j = c.i - 1
                while j >= 0 and pred.doc[j].is_punct:
                    j -= 1
                if j >= 0 and pred.doc[j].pos_ in ("PROPN", "NOUN"):
                    add(LOC, pred.doc[j])
    if SUBJ not in args:
        stolen = stolen_subject(pred)
        if stolen is not None:
            add(SUBJ, stolen)
    if SUBJ not in args:
        inherited = inherited_subject(pred)
        if inherited is not None:
            add(SUBJ, inherited)
    # relative pronoun subject -> antecedent ("Georgia, which denied ...")
    if SUBJ in args:
        args[SUBJ] = [antecedent(t) for t in args[SUBJ]]
        args[SUBJ] = [parenthetical_repair(t, pred) for t in args[SUBJ]]
    if passive and AGENT not in args:
        # the parser hung the agent on the oblique before it: "accusé de corruption par X"
        for c in children:
            if c.dep_ in OBLIQUE_DEPS and c.i > pred.i:
                for g in c.children:
                    if g.dep_ in OBLIQUE_DEPS and g.i > c.i and prep_of(g) in agent_preps:
                        add(AGENT, g)
    if passive and AGENT in args:
        args[SUBJ] = args.pop(AGENT)
    return args


def antecedent(tok: Token) -> Token:
    """What a relative pronoun stands for: the noun its clause hangs on, or in a cleft sentence the
    focus ("ce sont trois jeunes à scooter qui ont tiré", "it was the army that fired"), wherever in the
    focus phrase the parser hung the clause."""
    if tok.lower_ in profile(tok).relative_pronouns and tok.head.dep_ in RELCL_DEPS:
        return cleft_focus(tok.head.head) or tok.head.head
    return tok


def cleft_focus(tok: Token) -> Token | None:
    """The focus of a cleft sentence whose phrase ``tok`` is in: a noun with an expletive or cleft
    pronoun subject and a copula (UD: "ce sont X"), or the attribute of "be" with the cleft pronoun
    subject (ClearNLP: "it was X")."""
    cleft = profile(tok).cleft_pronouns
    x = tok
    for _ in range(4):
        kids = list(x.children)
        if any(c.dep_ in ("expl:subj", "expl") or (c.dep_ in SUBJECT_DEPS and c.lower_ in cleft) for c in kids) and \
                any(c.dep_ == "cop" for c in kids):
            return x
        if x.dep_ == "attr" and any(c.dep_ in ("expl", "nsubj") and c.lower_ in cleft for c in x.head.children):
            return x
        if x.dep_ in ("nmod", "obl", "pobj", "prep", "compound", "amod") and x.head != x:
            x = x.head
        else:
            return None
    return None


def subject_of(pred: Token) -> Token | None:
    for c in pred.children:
        if c.dep_ in SUBJECT_DEPS or (c.dep_ in PASSIVE_SUBJECT_DEPS and not is_passive(pred)):
            return antecedent(c)
    return None


def inherited_subject(pred: Token, depth: int = 0) -> Token | None:
    """The subject a predicate shares with the verb it is coordinated with or controlled by.

    A coordinated verb with its own auxiliary that the parser attached to an embedded clause ("a
    assuré que X était prêt, mais a demandé ...", "a insisté sur le fait que « … » et a offert ...")
    shares the subject of the first verb above it that is not itself subordinate; a clause reported
    before its reporting verb ("X opened its borders but was refusing …, police said") is the
    sentence's statement, not subordinate."""
    if depth > 6:
        return None
    head = pred.head
    if pred.dep_ == "acl" and head.dep_ in OBJECT_DEPS and "Part" in pred.morph.get("VerbForm") \
            and "Pres" in pred.morph.get("Tense") and head.head != head:
        # "issued a declaration demanding that …", "a publié un communiqué exigeant …": a present
        # participle on the object says what the verb's subject does through it
        verb = head.head
        return subject_of(verb) or inherited_subject(verb, depth + 1)
    if pred.dep_ == "advcl" and head != pred and ("Inf" in pred.morph.get("VerbForm") or (
            "Part" in pred.morph.get("VerbForm") and "Pres" in pred.morph.get("Tense"))):
        # a purpose infinitive or a gerund: "blocked roads to demand …", "a manifesté pour exiger …",
        # "defended the plan, saying …", "en affirmant que …"
        return subject_of(head) or inherited_subject(head, depth + 1)
    if pred.dep_ == "advcl" and head != pred and pred.i < head.i and "Part" in pred.morph.get("VerbForm") \
            and "Past" in pred.morph.get("Tense") and not any(c.dep_ in MARK_DEPS for c in pred.children) \
            and not any(c.dep_ in AGENT_DEPS | AGENT_PREP_DEPS or
                        any(x.dep_ in CASE_DEPS and x.lower_ in ("par", "by") for x in c.children)
                        for c in pred.children):
        # a participle opening the sentence, said of the clause's subject: "Arrivé lundi à Kiev, X a
        # rencontré Y", "Elected in 2010, X …" (one with an agent is passive: "Interrogé par Y, X")
        return subject_of(head) or inherited_subject(head, depth + 1)
    if head == pred or pred.dep_ not in CONJ_DEPS | XCOMP_DEPS | {"acomp"}:
        return None  # ("acomp": "it is willing to withdraw", through the adjective to the copula)
    if pred.dep_ in CONJ_DEPS and any(c.dep_ in AUX_DEPS for c in pred.children):
        h = head
        for _ in range(8):
            subordinate = (h.dep_ in CCOMP_DEPS and not h.i < h.head.i) or h.dep_ in RELCL_DEPS | {"acl", "advcl", "conj"} or \
                any(c.dep_ in MARK_DEPS for c in h.children) or h.pos_ not in ("VERB", "AUX", "ADJ")
            if not subordinate and subject_of(h) is not None:
                return subject_of(h)
            if h.head == h:
                break
            h = h.head
        return subject_of(head)
    return subject_of(head) or inherited_subject(head, depth + 1)


def conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it, in order ("A, B et C")."""
    out = [tok]
    appos = [c for c in tok.children if c.dep_ in APPOS_DEPS]
    for c in tok.children:
        if c.dep_ in CONJ_DEPS and c.pos_ in ("PROPN", "NOUN", "PRON", "X") and stolen_by(c) is None:
            out.extend(conjuncts(c))
        elif c.dep_ in APPOS_DEPS:  # "le secrétaire … Antony Blinken et le ministre …": conj on the name
            out.extend(x for x in conjuncts(c) if x != c)
    # two names in apposition to one head with a coordinator between them are coordinated
    # ("le président français E. Macron et le chancelier allemand O. Scholz" parsed as two appositions)
    if len(appos) >= 2 and any(t.dep_ == "cc" for t in tok.doc[appos[0].i:appos[-1].i]):
        out.extend(appos[1:])
    return sorted(set(out), key=lambda t: t.i)


def stolen_by(noun: Token) -> Token | None:
    """The verb whose subject the parser took as a conjunct of an object ("A a condamné l'Iran et
    l'ONU a soutenu la Jordanie": ONU parsed as conj of Iran): a conjunct directly followed by an
    auxiliary or verb whose predicate has no subject of its own."""
    nxt = noun.right_edge.i + 1
    if noun.dep_ not in CONJ_DEPS or nxt >= len(noun.doc):
        return None
    t = noun.doc[nxt]
    if t.pos_ not in ("AUX", "VERB") or t.ent_type_ or (t.pos_ == "VERB" and "Fin" not in t.morph.get("VerbForm")):
        return None  # a name mis-tagged as a verb ("Nasser") is no predicate
    verb = t.head if t.dep_ in AUX_DEPS else t
    if verb == noun.head or any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in verb.children):
        return None
    return verb


def stolen_subject(pred: Token) -> Token | None:
    """The inverse of :func:`stolen_by`: the conjunct just before a subjectless predicate."""
    first = min([pred] + [c for c in pred.children if c.dep_ in AUX_DEPS], key=lambda t: t.i)
    j = first.i - 1
    if j < 0:
        return None
    cand = pred.doc[j]
    while cand.head != cand and cand.head.i > cand.i and cand.head.i < first.i:
        cand = cand.head  # from the last word of a name to its head
    if cand.dep_ in CONJ_DEPS and stolen_by(cand) == pred:
        return cand
    return None


def is_negated(pred: Token, lex: Lexicon) -> bool:
    """True when the predicate (or its auxiliary) carries a negation."""
    for c in [k for a in auxiliaries(pred) for k in a.children] + list(pred.children):
        if c.dep_ in NEG_DEPS:
            return True
        prof = lex.profile
        if c.lower_ in prof.negation_needs_particle:
            if any(k.lower_ in prof.negation_particles for k in c.head.children):
                return True  # "ne … plus"; "plus" alone is "more"
        elif c.lower_ in lex.negation and c.dep_ in ("advmod", "mark", "case", "neg", "det"):
            return True
    # controlled by a negating verb: "refuse de menacer", "failed to meet", "nié vouloir envahir"
    t = pred
    while t.dep_ in XCOMP_DEPS and t.head != t:
        t = t.head
        if t.lemma_.lower() in lex.negating_verbs:
            return True
    return False


def is_future(t: Token) -> bool:
    """A verb in the future tense, as the tagger says and its ending confirms."""
    endings = profile(t).future_endings
    return "Fut" in t.morph.get("Tense") and (not endings or t.lower_.endswith(endings))


def modality(pred: Token, lex: Lexicon) -> str:
    """``Planned`` (future, intention), ``Possible`` (conditional, modal) or ``Asserted``."""
    from ..model import ASSERTED, PLANNED, POSSIBLE

    chain = [pred] + auxiliaries(pred)
    for t in chain:
        if "Cnd" in t.morph.get("Mood"):
            return POSSIBLE
        low = t.lower_
        if t != pred and low in lex.possibility:
            return POSSIBLE
    for t in chain:
        if is_future(t) or (t != pred and t.lemma_.lower() in lex.plan):
            return PLANNED
    head = pred.head
    if pred.dep_ in XCOMP_DEPS and head != pred:
        hl = head.lemma_.lower()
        if hl in lex.possibility or "Cnd" in head.morph.get("Mood"):
            return POSSIBLE
        if hl in lex.plan or hl in lex.intent_verbs or is_future(head):
            return PLANNED  # "threatened to ban", "a promis de retirer": intended, not done
        return modality(head, lex) if head.dep_ in XCOMP_DEPS else ASSERTED
    return ASSERTED


def clause_tokens(pred: Token) -> Iterator[Token]:
    """The tokens of the predicate's own clause (its subtree without nested finite clauses)."""
    stack = [pred]
    while stack:
        t = stack.pop()
        yield t
        for c in t.children:
            if c.dep_ in CCOMP_DEPS | RELCL_DEPS | {"advcl", "parataxis"} and t != pred:
                continue
            stack.append(c)


def condition_of(pred: Token, lex: Lexicon) -> Token | None:
    """The adverbial clause that makes a predicate conditional on another party's act ("… unless the
    president steps down", "… à moins que Moscou ne retire ses troupes"), or None."""
    for c in pred.children:
        if c.dep_ not in ("advcl", "ccomp") or c.i < pred.i:
            continue
        words = tuple(t.lower_ for t in c.doc[c.left_edge.i:c.left_edge.i + 3])
        if any(words[:len(m)] == m for m in lex.threat_conditions):
            return c
    return None


def is_hypothetical(pred: Token) -> bool:
    """Whether a predicate is a condition or an open question ("si la Russie poursuit son agression",
    "if Hamas runs", "whether X will attend"): a hypothesis the text does not state as an event. The
    marker may sit on the first of coordinated verbs ("si cela s'avère impossible et que X …")."""
    prof = profile(pred)
    markers = prof.conditional_markers
    t = pred
    for _ in range(4):
        if any(c.dep_ in MARK_DEPS and c.lower_ in markers for c in t.children):
            return True
        if any(c.dep_ in MARK_DEPS and c.lower_ in prof.complementisers for c in t.children) and \
                any(c.dep_ == "cc" for c in t.children):
            # "si A et que B": a complementiser after a coordinator stands for the subordinator before
            # it, which the parser does not link
            for j in range(t.left_edge.i - 1, t.sent.start - 1, -1):
                m = t.doc[j]
                if m.dep_ in MARK_DEPS and m.lower_ not in prof.complementisers:
                    return m.lower_ in markers
        if t.dep_ not in CONJ_DEPS or t.head == t:
            return False
        t = t.head
    return False


def parenthetical_repair(subj: Token, pred: Token) -> Token:
    """The subject a parser gave a verb when it took a parenthetical for it: in "500 habitants du village,
    inquiets des projets miniers, notamment ceux de la société X, qui …, ont défilé", the noun
    after the focus adverb only singles out part of a complement. The real subject is then the caseless
    noun phrase the parser hung on the verb before it."""
    prof = profile(subj)
    if not any(c.lower_ in prof.focus_adverbs for c in subj.children) or subj.i == 0 or \
            subj.doc[subj.left_edge.i - 1].text != ",":
        return subj
    for c in pred.children:
        if c.i < subj.i and c.dep_ in OBLIQUE_DEPS | {"npadvmod"} and c.pos_ in ("NOUN", "PROPN") and \
                not any(k.dep_ in CASE_DEPS for k in c.children):
            return c
    return subj


def _time_phrase(head: Token, time_words: frozenset[str]) -> bool:
    """Whether a phrase names a time: a time word or a year in it, or a date entity (English)."""
    for t in head.subtree:
        if t.ent_type_ in DATE_LABELS or t.lower_ in time_words or t.lemma_.lower() in time_words or \
                (t.like_num and len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("19", "20")):
            return True
    return False


def circumstantials(pred: Token, locative_preps: Iterable[str], time_preps: Iterable[str],
                    time_words: Iterable[str]) -> dict[str, list[tuple[Token | None, Token]]]:
    """The circumstantial complements of a predicate, by role, each as (preposition token or None, head):
    :data:`WHERE`, its locative complements ("à Vienne", "in Vienna", "en Virginie, où X se rendra": the
    noun the preposition introduces); :data:`WHEN`, its time complements ("vendredi", "on Friday", "le 6
    février 1998", "hier", "in March 2011": the head of the time phrase).

    In both schemes: a UD oblique or nominal modifier with its 'case', a ClearNLP 'prep' with its pobj,
    a bare noun phrase or adverb of time (obl:mod, npadvmod, advmod) that contains one of
    ``time_words``, a year or a date entity. Besides the predicate's own complements, those the parser
    hung on a time word ("attendu mercredi à Charlotte") and on the name of a person or organisation
    among its arguments, after the name ("met Lavrov in Geneva on Friday", "rencontrera le chancelier
    Olaf Scholz à Berlin"): a proper name is not restricted by a place or a time, so they are the
    clause's. A common noun's own complements are not ("the ambassador in Vienna").
    """
    locative, timed, words = frozenset(locative_preps), frozenset(time_preps), frozenset(time_words)
    out: dict[str, list[tuple[Token | None, Token]]] = {WHERE: [], WHEN: []}
    hosts = [pred]
    for c in pred.children:
        if c.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() in words and c.dep_ not in SUBJECT_DEPS:
            hosts.append(c)  # "attendu mercredi à Charlotte"
        names = [g for g in c.children if g.dep_ in POBJ_DEPS] if c.dep_ in PREP_DEPS | DATIVE_DEPS else [c]
        for n in names:
            if n.pos_ == "PROPN" and n.ent_type_ in ACTOR_NAME_LABELS and n.dep_ not in CONJ_DEPS:
                hosts.append(n)
    seen: set[int] = set()
    for c in pred.children:
        if c.pos_ in ("NOUN", "PROPN") and c.dep_ not in SUBJECT_DEPS | CASE_DEPS and c not in hosts:
            # a bare time noun does not modify a noun ("une aide financière mardi"): it is the clause's
            for g in c.children:
                if g.i > c.i and g.lemma_.lower() in words and g.pos_ == "NOUN" and \
                        not any(k.dep_ in CASE_DEPS for k in g.children) and g.dep_ in BARE_ADJUNCT_DEPS:
                    out[WHEN].append((None, g))
                    seen.add(g.i)
    for host in hosts:
        for c in host.children:
            if host is not pred and (c.i < host.i or c.ent_type_ == host.ent_type_ and c.ent_type_):
                continue  # on a name: what follows it, not its own words
            if c.i in seen:
                continue
            seen.add(c.i)
            if c.dep_ in PREP_DEPS:  # ClearNLP: the preposition, with its object
                p = c.lower_
                for g in c.children:
                    if g.dep_ not in POBJ_DEPS:
                        continue
                    if p in locative:
                        out[WHERE].append((c, g))
                    if p in timed and _time_phrase(g, words):
                        out[WHEN].append((c, g))
                continue
            if c.pos_ not in ("NOUN", "PROPN", "NUM", "ADV", "X"):
                continue
            cases = [k for k in c.children if k.dep_ in CASE_DEPS and k.i < c.i]
            if cases and c.dep_ in OBLIQUE_DEPS:
                p = " ".join(k.lower_ for k in cases)
                base = profile(c).base_preposition(p)
                if p in locative or base in locative:
                    out[WHERE].append((cases[0], c))
                if (p in timed or base in timed) and _time_phrase(c, words):
                    out[WHEN].append((cases[0], c))
            elif not cases and c.dep_ in BARE_ADJUNCT_DEPS and _time_phrase(c, words):
                out[WHEN].append((None, c))
            elif not cases and c.dep_ not in SUBJECT_DEPS and c.lemma_.lower() in words and c.pos_ == "NOUN":
                out[WHEN].append((None, c))  # "est arrivé lundi" parsed with "lundi" as an object
    # "la ville où X se rendra", "the city where he arrived": the relative clause's antecedent
    prof = profile(pred)
    if pred.dep_ in RELCL_DEPS and any(c.lower_ in prof.relative_adverbs and c.i < pred.i for c in pred.children):
        out[WHERE].append((None, pred.head))
    for role in out:
        out[role].sort(key=lambda pair: pair[1].i)
    return out
