"""Resolution within a document: mentions -> one entity per real-world referent.

Full names, surnames and titled forms of a person become one entity (Antony Blinken = Blinken =
M. Blinken); gazetteer entries unify acronyms and translations (OTAN = NATO, Vienne = Vienna,
Poutine = Putin); office titles bind to their holder, and a later bare title ("le président
américain") refers to whoever holds that office in the text. Contextual references (he/il, "son
homologue", first-person pronouns in quotes) are resolved on demand by :class:`DocEntities.refer`.
"""
from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .extract.entities import (GAZ_KIND_PRIORITY, Mention, RoleMention, demonym_mentions, fold, named_mentions,
                               role_matches, role_mentions, surface)
from .extract import syntax
from .gazetteer import Gazetteer, GazetteerEntry
from .lexicon import Agent, Lexicon, load_roles, stem
from .model import ORGANIZATION, PERSON, PLACE, Document, Entity


def _word_char(c: str) -> bool:
    """A letter, digit, mark or underscore of any script: what a key keeps (the rest separates words)."""
    return c.isalnum() or c == "_" or unicodedata.category(c).startswith("M")


def slug(label: str) -> str:
    """A stable local name from a label, the entity key: "Antony Blinken" -> "Antony_Blinken".

    Words are joined by "_". A letter that folds to ASCII loses its accents ("Viktor Orbán" ->
    "Viktor_Orban", the key of "Viktor Orban" too); any other letter (Cyrillic, Greek, Arabic, CJK, and
    Latin letters with no ASCII base such as "ł" or "ß") is kept as it is, in NFC, for the IRI to
    %-encode: "Сергей Лавров" -> "Сергей_Лавров", never the key of another name, "Аlex" with a Cyrillic
    "А" not that of "Alex". A label with no letter or digit is "entity_" and a hash of it.

    >>> slug("Inès Álvarez Núñez"), slug("Алексей Навальный")
    ('Ines_Alvarez_Nunez', 'Алексей_Навальный')
    """
    out = []
    for c in unicodedata.normalize("NFC", label):
        folded = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        # (the names kg always read, Latin with or without accents, keep exactly the keys they had)
        ascii_only = all(x.isascii() or not _word_char(x) for x in folded)
        out.append(folded if ascii_only or not _word_char(c) else c)
    text = "".join(x if (x.isascii() and (x.isalnum() or x == "_")) or (not x.isascii() and _word_char(x))
                   else "\0" for x in "".join(out))
    text = re.sub("\0+", "_", text).strip("_")
    if text:
        return text
    return "entity_" + hashlib.sha1(unicodedata.normalize("NFC", label).encode("utf-8")).hexdigest()[:12]


_INITIAL = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_]")


def _is_initial(word: str) -> bool:
    """One letter, or letters each with a dot: "F.", "H.W.", "Q"."""
    return bool(_INITIAL.fullmatch(word))


def _initials(words: list[str]) -> tuple[str, ...]:
    """The middle initials of a name's words, folded: ("h", "w") for "George H. W. Bush"."""
    return tuple(c for w in words[1:-1] if _is_initial(w) for c in fold(w) if c.isalpha())


@dataclass
class _Builder:
    key: str
    label: str
    type: str
    labels: set[tuple[str, str]] = field(default_factory=set)
    wikidata: str | None = None
    geonames: int | None = None
    gaz_id: str | None = None
    named: bool = False  # has a proper-name mention (not only demonyms or titles)
    part_of: str | None = None  # for an actor named by description: the key of what it belongs to
    local: bool = False  # an actor named only by description, local to this document


def _title(text: str) -> str:
    """Title case for an English name, small words kept low: "ministry of defence" -> "Ministry of Defence"."""
    small = {"of", "the", "and", "for", "in", "on", "de"}
    return " ".join(w if (w in small and i) else w[:1].upper() + w[1:] for i, w in enumerate(text.split()))


def _plural_en(phrase: str) -> str:
    """The English plural of a noun phrase whose last word is its head ("rebel" -> "rebels",
    "gunman" -> "gunmen", "aid agency" -> "aid agencies"); a phrase already plural stays."""
    words = phrase.split()
    if not words:
        return phrase
    w = words[-1]
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w.endswith("s") and not w.endswith("ss"):
        pass
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        w = w[:-1] + "ies"
    elif w.endswith(("ss", "x", "ch", "sh")):
        w += "es"
    else:
        w += "s"
    return " ".join(words[:-1] + [w])


@dataclass(frozen=True)
class Ref:
    """A resolved argument: the entity key and how indirect the resolution was (0 = a name)."""

    key: str
    cost: float = 0.0


@dataclass
class Discourse:
    """What extraction has read so far in a document, for the references that depend on it: the persons
    seen as subjects or speakers (who "il" / "he" is) and the parties of two-party exchanges (who "son
    homologue" is). The extractor owns and writes it; resolution only reads it."""

    subjects: list[tuple[int, str]] = field(default_factory=list)  # (token index, person key)
    partners: list[tuple[int, str, str]] = field(default_factory=list)  # (token index, a, b)

    def note_subject(self, i: int, key: str) -> None:
        self.subjects.append((i, key))

    def note_partners(self, i: int, a: str, b: str) -> None:
        self.partners.append((i, a, b))


class DocEntities:
    """The entities of one document and the map from tokens to them: built once from the parse, then
    only read. The public API: :meth:`key_at`, :meth:`ref_at`, :meth:`type_of`, :meth:`entry_of`,
    :meth:`is_named`, :meth:`offices`, :meth:`refer`, :meth:`entities`."""

    def __init__(self, doc: Doc, lex: Lexicon, gaz: Gazetteer, document: Document | None = None):
        self.doc, self.lex, self.gaz = doc, lex, gaz
        self.meta = dict(document.meta) if document is not None else {}
        self.document_id = document.id if document is not None else "document"
        #: a short stable suffix for the keys of entities local to this document
        self.scope = hashlib.sha1((document.id if document is not None else doc.text).encode("utf-8")).hexdigest()[:8]
        self._home: str | None = None
        self._local: set[str] = set()  # keys of entities local to this document (groups no place names)
        self.builders: dict[str, _Builder] = {}
        self.token_key: dict[int, str] = {}
        self.token_cost: dict[int, float] = {}
        self.roles: list[tuple[RoleMention, str, str | None]] = []  # (mention, holder key, affiliation key)
        self.person_mentions: list[tuple[int, str]] = []  # (token index, key) in text order
        self.also: dict[int, list[str]] = {}  # token -> further entities it stands for
        self.known_affiliations: set[int] = set()  # titles whose affiliation the gazetteer supplied
        self._by_folded_name: dict[tuple[str, str], str] = {}  # (folded key, type) -> key of a name
        self.described_spans: list[tuple[int, int, str]] = []  # actors named by description: (start, end, key)
        self._title_tokens: set[int] = set()  # words of office titles
        self._described_people: dict[str, str] = {}  # agent head noun -> the last person described by it
        self._resolve()

    # -- building ---------------------------------------------------------------------------------
    def _entity_for(self, m: Mention) -> str:
        lang = self.lex.lang
        if m.gaz is not None:
            g = m.gaz
            key = slug(g.label)
            b = self.builders.get(key)
            if b is None:
                b = self.builders[key] = _Builder(key, g.label, g.type, wikidata=g.wikidata,
                                                  geonames=g.geonames, gaz_id=g.id)
                for lg in ("en", lang):
                    for name in g.names.get(lg, ())[:3]:
                        b.labels.add((name, lg))
        else:
            # the same name written with other capitals is the same entity ("Frères Musulmans",
            # "Frères musulmans"); the first spelling met names it
            key = self._by_folded_name.setdefault((slug(m.text).casefold(), m.type), slug(m.text))
            b = self.builders.get(key)
            if b is None:
                b = self.builders[key] = _Builder(key, m.text, m.type)
        if m.kind in ("name", "abbreviation"):
            b.named = True
        if m.kind == "name":
            b.labels.add((m.text, lang))
            if m.alias:
                b.labels.add((m.alias, lang))
        return key

    def _resolve(self) -> None:
        doc, lex, gaz = self.doc, self.lex, self.gaz
        demonyms = demonym_mentions(doc, lex, gaz)
        # office titles block their own words from becoming names ("État" in "secrétaire d'État")
        blocked: set[int] = set()
        for s, e, _role, dem in role_matches(doc, lex, gaz):
            blocked.update(i for i in range(s, e) if i != dem)
        self._title_tokens = blocked
        names = named_mentions(doc, lex, gaz, blocked, demonyms)
        names = self._split_glued_places(names)
        names = self._link_initialled_names(names)
        names = self._merge_short_names(names)
        for m in names:
            key = self._entity_for(m)
            self._map(m.start, m.end, key, 0.0)
            if m.type == PERSON:
                self.person_mentions.append((m.start, key))
        self._propagate_names(names)
        self._party_letters()
        for m in demonyms:
            if m.start not in self.token_key:
                self._map(m.start, m.end, self._entity_for(m), 0.1)
        self._organisation_anaphors()
        self._described_actors()
        self._collective_nouns(demonyms)
        self._collective_nouns(demonyms)  # again: "leaders of Romania's government" needs the government
        self._instruments(names)
        # actors named by description may be what an office belongs to ("président de la communauté juive
        # de Toulouse"), never its holder
        described = [Mention(s, e, self.builders[k].label, ORGANIZATION, None, kind="description")
                     for s, e, k in self.described_spans]
        for rm in role_mentions(doc, lex, gaz, sorted(names + described, key=lambda m: m.start), demonyms):
            aff = self.token_key.get(rm.affiliation.start) if rm.affiliation else None
            if rm.holder is not None:
                holder = self.token_key[rm.holder.start]
                if aff is None:
                    aff = self._office_affiliation(holder, rm.role.label)
                    if aff is not None:
                        self.known_affiliations.add(rm.start)
                if aff is None and rm.role.national and self.builders[holder].type == PERSON:
                    # "le ministre de l'Intérieur, X" in an article about one country: that country's
                    aff = self.home_country()
                self.roles.append((rm, holder, aff))
                party = self._party_of(rm, aff) if rm.party is not None and self.builders[holder].type == PERSON else None
                if party is not None:  # "le député PS X", "Democratic Senator X": X is a member of the party
                    self.roles.append((RoleMention(rm.party[0], rm.party[1], self._member_role, None, rm.holder),
                                       holder, party))
                self._map(rm.start, rm.end, holder, 0.0, keep=True)
                self._add_title_label(rm, holder)
                continue
            # a bare title: whoever holds that office in the text so far, else the country it stands for
            holder = None if self._indefinite(rm) else self.holder_of(rm.role.label, aff, rm.start)
            if holder is not None:
                self._map(rm.start, rm.end, holder, 0.2, keep=True)
                self.person_mentions.append((rm.start, holder))
                self._add_title_label(rm, holder)
            elif self._indefinite(rm):
                # "an Argentine judge ordered …": someone who holds that office, unnamed, this document's
                label = self._unnamed_holder_label(rm, aff)
                key = f"{slug(label)}_{self.scope}"
                self._local.add(key)
                if key not in self.builders:
                    self.builders[key] = _Builder(key, label, PERSON, local=True)
                self.builders[key].labels.add((surface(self.doc, rm.start, rm.end), self.lex.lang))
                self._map(rm.start, rm.end, key, 0.1, keep=True)
            elif rm.role.head and aff is not None and self.builders[aff].type == PLACE:
                self._map(rm.start, rm.end, aff, 0.3, keep=True)
        self.person_mentions.sort()

    def _indefinite(self, rm: RoleMention) -> bool:
        """Whether an office title is introduced by an indefinite article ("an Argentine judge", "un
        ministre"): someone, not the holder named before."""
        for i in range(rm.start, rm.end):
            for c in self.doc[i].children:
                if c.dep_ == "det" and c.i < rm.start and "Ind" in c.morph.get("Definite"):
                    return True
        return False

    def _unnamed_holder_label(self, rm: RoleMention, aff: str | None) -> str:
        """The English name of someone named only by an office: "Argentine judge", "minister of X"."""
        office = rm.role.label[:1].lower() + rm.role.label[1:]
        if aff is None:
            return office[:1].upper() + office[1:]
        b = self.builders[aff]
        entry = self.gaz.get(b.gaz_id) if b.gaz_id else None
        demonyms = entry.demonyms.get("en") if entry is not None and entry.kind == "country" else None
        if demonyms:
            return f"{_title(demonyms[0])} {office}"
        return f"{office[:1].upper() + office[1:]} of {b.label}"

    def _party_of(self, rm: RoleMention, aff: str | None) -> str | None:
        """The party that qualifies a title: the one named there, or the one its adjective names in the
        country of the office (or of the article)."""
        start, end = rm.party
        k = self.token_key.get(start)
        if k is not None and self.builders[k].type == ORGANIZATION and end - start >= 1 and \
                self.token_key.get(end - 1) == k:
            return k
        country = None
        for key in (aff, self.home_country()):
            gaz_id = self.builders[key].gaz_id if key is not None else None
            if gaz_id is not None:
                entry = self.gaz.get(gaz_id)
                country = entry.id if entry.kind == "country" else entry.country
                if country is not None:
                    break
        word = self.doc[start].text if self.lex.lang == "en" else self.doc[start].lower_
        entry = self.gaz.party(word, self.lex.lang, country)
        if entry is None:
            return None
        return self._entity_for(Mention(-1, -1, entry.label, entry.type, entry, kind="knowledge"))

    @property
    def _member_role(self):
        return next(r for r in load_roles(self.lex.lang) if r.label == "Member")

    def _add_title_label(self, rm: RoleMention, holder: str) -> None:
        """The title the text names a person by is one of their labels ("le secrétaire d'État américain",
        "Japanese Foreign Minister"), with the country or organisation written just before it; a bare
        title ("le président") names too many people to be one."""
        start = rm.start
        if rm.affiliation is not None and rm.affiliation.end <= rm.start and rm.start - rm.affiliation.end <= 2:
            start = rm.affiliation.start  # "Congo's president", "Brazilian President"
        text = self.doc[start:rm.end].text.strip(" ,")
        if text and rm.affiliation is not None and self.builders[holder].type == PERSON:
            self.builders[holder].labels.add((text, self.lex.lang))

    def _office_affiliation(self, holder: str, role_label: str, create: bool = True) -> str | None:
        """World knowledge for a title without its country: "Prime Minister Viktor Yanukovich" is
        Prime Minister of Ukraine if the gazetteer says he held that office (and only one). The entity
        key, or with ``create=False`` the gazetteer id of the country, without making it an entity."""
        gaz_id = self.builders[holder].gaz_id
        if gaz_id is None:
            return None
        places = {o.of for o in self.gaz.get(gaz_id).offices if o.role == role_label}
        if len(places) != 1:
            return None
        entry = self.gaz.get(places.pop())
        if not create:
            return entry.id
        return self._entity_for(Mention(-1, -1, entry.label, entry.type, entry, kind="knowledge"))

    def _propagate_names(self, names: list[Mention]) -> None:
        """A surname the NER missed elsewhere in the text ("Merkel then met …") is the same person."""
        surnames: dict[str, set[str]] = {}
        for m in names:
            if m.type == PERSON and len(m.text.split()) >= 2:
                surnames.setdefault(m.text.split()[-1], set()).add(self.token_key[m.start])
        for t in self.doc:
            keys = surnames.get(t.text)
            if t.i in self.token_key or not keys or len(keys) != 1 or not t.text[:1].isupper():
                continue
            if t.pos_ in ("PROPN", "NOUN", "X", "ADJ"):
                key = next(iter(keys))
                self._map(t.i, t.i + 1, key, 0.05)
                self.person_mentions.append((t.i, key))

    def _map(self, start: int, end: int, key: str, cost: float, keep: bool = False) -> None:
        for i in range(start, end):
            if keep and i in self.token_key:
                continue
            self.token_key[i] = key
            self.token_cost[i] = cost

    def _split_glued_places(self, names: list[Mention]) -> list[Mention]:
        """A place or organisation the NER glued to the name after it ("le directeur du site de Jakarta
        David Quentin", a person or place span to the model): a span of three words or more, after a
        preposition, whose first word alone is a country, city or organisation of the gazetteer (and no
        person it knows), and that the parse reads as two phrases (neither part hangs on the other), is that
        place and the name after it, a person's when the model read a person or the name is all proper
        nouns (else it is dropped). One phrase ("Berlin Brandenburg Airport", "Chad Michael Murray") is
        left whole."""
        doc, out = self.doc, []
        for m in names:
            s, e = m.start, m.end
            if m.gaz is None and e - s >= 3 and s > 0 and doc[s - 1].pos_ == "ADP" and \
                    doc[s].text[:1].isupper() and doc[s + 1].text[:1].isupper() and doc[e - 1].text[:1].isupper() and \
                    not s <= doc[s].head.i < e and not any(doc[i].head.i == s for i in range(s + 1, e)):
                hits = self.gaz.lookup(doc[s].text, self.lex.lang)
                places = [h for h in hits if h.kind in ("country", "city", "organisation")]
                if places and not any(h.type == PERSON for h in hits):
                    entry = sorted(places, key=lambda x: (GAZ_KIND_PRIORITY.get(x.kind, 9), x.id))[0]
                    out.append(Mention(s, s + 1, surface(doc, s, s + 1), entry.type, entry, m.kind))
                    if m.type == PERSON or all(t.pos_ == "PROPN" for t in doc[s + 1:e]):
                        out.append(Mention(s + 1, e, surface(doc, s + 1, e), PERSON, None, m.kind))
                    continue
            out.append(m)
        return out

    def _link_initialled_names(self, names: list[Mention]) -> list[Mention]:
        """Middle initials are variants of one name: "Viktor F. Yanukovych" is the gazetteer's Viktor
        Yanukovych, unless one of that person's names has other initials ("George H. W. Bush" is not the
        George Bush whose names include "George W. Bush")."""
        out = []
        for m in names:
            words = m.text.split()
            if m.type == PERSON and m.gaz is None and len(words) >= 3 and any(map(_is_initial, words[1:-1])):
                bare = [words[0]] + [w for w in words[1:-1] if not _is_initial(w)] + [words[-1]]
                mine = _initials(words)
                hits = [h for h in self.gaz.lookup(" ".join(bare), self.lex.lang) if h.type == PERSON and
                        all(_initials(n.split()) in ((), mine) for ns in h.names.values() for n in ns)]
                if len(hits) == 1:
                    m = Mention(m.start, m.end, m.text, m.type, hits[0], m.kind, m.alias)
            out.append(m)
        return out

    def _merge_short_names(self, names: list[Mention]) -> list[Mention]:
        """Give a short form the full name it abbreviates, in this text.

        A surname ("Blinken") or initialled form ("B. Obama") names the person whose full name the
        text gives; when several full names share the surname, the one introduced first wins. A
        one-word organisation or place equal to a person's surname is that person ("Michael
        Bloomberg … Bloomberg pense que"), and a one-word place equal to the last word of a longer
        place named before is that place ("the Republic of Korea … Korea's").

        Near-linear: the longer names are indexed by their last word (the only word a short form can
        be compared with first), so a text with thousands of names costs no pairwise comparison."""
        doc = self.doc
        folded = {id(m): fold(m.text).split() for m in names}  # (a name's words, once)
        full = [m for m in names if m.type == PERSON and len(m.text.split()) >= 2]
        longer = [m for m in names if m.type != PERSON and len(m.text.split()) >= 2]
        full_by_last: dict[str, list[Mention]] = {}
        for f in full:
            full_by_last.setdefault(folded[id(f)][-1], []).append(f)
        longer_by_last: dict[tuple[str, str], list[Mention]] = {}
        longer_by_end: dict[int, list[Mention]] = {}
        for f in longer:
            longer_by_last.setdefault((folded[id(f)][-1], f.type), []).append(f)
            longer_by_end.setdefault(f.end, []).append(f)

        lowest: dict[int, list[int]] = {}  # id of a list of names -> minus the lowest start so far, by position

        def first_before(cands: list[Mention], start: int) -> Mention | None:
            """The first of ``cands`` (in their order) that starts before ``start``, by bisection."""
            if id(cands) not in lowest:
                lowest[id(cands)] = list(itertools.accumulate((-f.start for f in cands), max))
            i = bisect.bisect_right(lowest[id(cands)], -start)
            return cands[i] if i < len(cands) else None

        def abbreviates(short: list[str], f: Mention) -> bool:
            ft = folded[id(f)]
            if ft[-1] != short[-1] or ft == short:
                return False
            return all(any(x == y or (len(x) == 1 and y.startswith(x)) for y in ft[:-1]) for x in short[:-1])

        # an acronym of an organisation named in the text: its initials ("Christian Democratic Appeal
        # (CDA)", "l'Organisation mondiale de la santé … l'OMS")
        initials = {}
        for f in longer:
            caps = "".join(w[0] for w in f.text.replace("-", " ").split() if w[:1].isupper())
            if len(caps) >= 2:
                initials.setdefault(caps, f)
        # "l'Organisation mondiale de la santé (OMS)": a long name followed by an
        # acronym in parentheses that the gazetteer knows is that entity, whatever variant the long name is
        by_start = {m.start: m for m in names}
        known_acronym = {}
        for m in names:
            if m.gaz is None and m.type != PERSON and m.end + 2 < len(doc) and doc[m.end].text == "(":
                acr = by_start.get(m.end + 1)
                if acr is not None and acr.gaz is not None and acr.text.isupper() and \
                        acr.end < len(doc) and doc[acr.end].text == ")":
                    known_acronym[m.start] = acr.gaz
        names = [Mention(m.start, m.end, m.text, known_acronym[m.start].type, known_acronym[m.start], m.kind, m.alias)
                 if m.start in known_acronym else m for m in names]
        people_of: dict[str, Mention | None] = {}  # a surname -> the one full name ending with it, if one
        cands_of: dict[tuple[str, ...], list[Mention]] = {}  # a short form -> the full names it abbreviates
        out = []
        for m in names:
            short = fold(m.text).replace(".", " ").split()
            before = longer_by_end.get(m.start - 1, []) if m.start > 0 and \
                doc[m.start - 1].text == "(" and m.end < len(doc) and doc[m.end].text == ")" else []
            if m.type != PERSON and m.gaz is None and m.text.isupper() and (m.text in initials or before):
                f = before[0] if before else initials[m.text]  # "… for Freedom and Democracy (VVD)"
                out.append(Mention(m.start, m.end, f.text, f.type, f.gaz, m.kind, alias=m.text))
                continue
            if m.type != PERSON:
                if len(short) == 1:
                    if short[0] not in people_of:
                        people = full_by_last.get(short[0], [])
                        people_of[short[0]] = people[0] if len({" ".join(folded[id(f)]) for f in people}) == 1 \
                            else None
                    f = people_of[short[0]]
                    if f is not None:
                        out.append(Mention(m.start, m.end, f.text, PERSON, f.gaz, m.kind, alias=m.text))
                        continue
                    f = first_before(longer_by_last.get((short[0], m.type), []), m.start)
                    if f is not None and not (m.gaz is not None and f.gaz is None):
                        # (a place the gazetteer knows is not a longer unknown name ending with it:
                        # "la place Tahrir du Caire … au Caire" is Cairo)
                        out.append(Mention(m.start, m.end, f.text, f.type, f.gaz, m.kind, alias=m.text))
                        continue
                out.append(m)
                continue
            if not short:
                out.append(m)
                continue
            key = tuple(short)
            if key not in cands_of:
                cands_of[key] = [f for f in full_by_last.get(short[-1], []) if abbreviates(short, f)]
            cands = cands_of[key]
            if not cands:
                out.append(m)
                continue
            best = first_before(cands, m.start) or cands[0]
            out.append(Mention(m.start, m.end, best.text, m.type, best.gaz or m.gaz, m.kind, alias=m.text))
        return out

    def _party_letters(self) -> None:
        """"John Smith (D-MI)": a party's letter and a state's code in parentheses name the party."""
        spec = self.lex.party_letters
        letters, country = spec.get("letters", {}), spec.get("country")
        doc = self.doc
        for i in range(1, len(doc) - 4):
            if doc[i - 1].text != "(" or doc[i].text not in letters or doc[i + 1].text not in ("-", "–") \
                    or doc[i + 3].text != ")" or i in self.token_key:
                continue
            if self.gaz.region_by_code(country, doc[i + 2].text) is None:
                continue
            entry = self.gaz.get(letters[doc[i].text])
            self._map(i, i + 1, self._entity_for(Mention(i, i + 1, entry.label, entry.type, entry,
                                                         kind="abbreviation")), 0.1)

    # -- actors named by description --------------------------------------------------------------
    def _described_actors(self) -> None:
        """Actors named by description, as event coding reads them (CAMEO agents): a body of a state
        or organisation ("le gouvernement malien", "the Turkish army", "la police colombienne", "the
        opposition") is an organisation of its own, named in English ("Government of Mali", "Turkish
        Army") and part of what its description names; a group of people ("les rebelles touareg",
        "Syrian rebels", "three gunmen", "protesters") is an organisation too. The same description
        of the same country is one entity across documents; a group named by no place ("the rebels",
        "deux agresseurs") is an entity of its document only.

        Plural members of a state body ("Hungarian officials", "soldats russes") are not actors of
        their own: :meth:`_collective_nouns` makes them stand for their country."""
        lex, rules = self.lex, self.lex.agent_rules
        collective = lex.collective_nouns
        for t in self.doc:
            if t.i in self.token_key or t.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            if t.lemma_.lower() in collective or t.lower_ in collective:
                found = self._identity_group(t)  # "Moslem forces": a side named by its identity
                if found is None:
                    # "Afghan rebel leaders", "opposition leaders": members of a group, not of the state
                    found = self._agent_at(t)
                    if found is not None and (len(found[0].words) < 2 or rules.is_representative(found[0].code)):
                        found = None
            else:
                found = self._agent_at(t)
            if found is None:
                continue
            agent, start, end = found
            if any(i in self._title_tokens for i in range(start, end)) and \
                    {t.lemma_.lower(), t.lower_, t.lower_.rstrip("s")} & lex.profile.portfolio_nouns:
                continue  # the portfolio of an office title: "le ministre ghanéen des Finances"
            if t.dep_ == "compound" and t.head.pos_ == "PROPN" and t.head.i > t.i and t.text[:1].isupper() and \
                    t.head.text[:1].isupper():
                continue  # a word of a name: "the U.S. Environmental Protection Agency"
            if self._names_itself(t, start, end) or self._owned_by_someone(t):
                continue  # "le quotidien Le Figaro"; "his ruling party", "the government of President X"
            code = agent.code
            plural = self._is_plural(t, agent)
            one_person = agent.person and not plural
            if agent.person and plural and rules.is_representative(code):
                continue  # state members stand for their country
            owner, owner_toks = self._owner_of(range(start, end), people=agent.person or plural)
            modifiers = [c for c in t.children if c.lower_ in lex.group_modifiers and c.i not in range(start, end)]
            if one_person:
                # one person described by what they are and where or whom they belong to ("an Argentine
                # judge", "a Christian missionary from Calgary"): a person of this document only
                if t.i in self._title_tokens:
                    continue  # a title names an office and its holder, not someone unnamed
                if owner is None and not modifiers:
                    # a body noun before the person noun says whose they are ("an army psychiatrist")
                    modifiers = [c for c in t.children if c.dep_ == "compound" and c.i < start and c.pos_ == "NOUN"
                                 and any(not a.person for a in lex.agents.by_head.get(c.lemma_.lower(), ()))]
                age = syntax.age_of(t) if owner is None and not modifiers else None
                aged = age is not None  # "un lycéen de 17 ans", "a 17-year-old student": someone in particular
                if owner is None and not modifiers and not aged:
                    earlier = self._described_people.get(agent.head)
                    if earlier is not None and self._definite(t):
                        # "an army psychiatrist … the psychiatrist": the one described before
                        self._map(start, end, earlier, 0.2)
                        self.described_spans.append((start, end, earlier))
                    continue
                label, _ = self._actor_name(agent, owner, modifiers, False)
                # two people of different ages are two people ("un homme de 21 ans … un homme de 29 ans")
                key = f"{slug(label)}_{slug(age.text)}_{self.scope}" if aged else f"{slug(label)}_{self.scope}"
                self._local.add(key)
                b = self.builders.get(key)
                if b is None:
                    b = self.builders[key] = _Builder(key, label, PERSON, local=True)
                if aged:
                    b.named = True  # someone in particular: a node of the story, in a statement or not
                forms = self._surface_forms(t, start, end, owner_toks + modifiers)
                if aged:  # "homme de 21 ans", "17-year-old student", not any "homme"
                    lo = min(t.i, age.i)
                    while self.doc[lo].lower_ in lex.determiners:
                        lo += 1
                    forms = [f for f in forms if re.search(rf"(?<!\w){re.escape(age.text)}(?!\w)", f)] or \
                        [self.doc[lo:max(t.i, age.i) + 1].text]
                for text in forms:
                    b.labels.add((text, lex.lang))
                self._map(start, end, key, 0.1)
                self.described_spans.append((start, end, key))
                self._described_people[agent.head] = key
                continue
            cost = 0.1
            if not agent.person and rules.parts(code)[:1] == ("GOV",) and \
                    any(c.dep_ == "det" and "Ind" in c.morph.get("Definite") for c in t.children):
                continue  # "a new government", "une junte birmane": a kind of government, not one that rules
            if not agent.person and plural and t.lower_ != agent.head:
                if rules.is_state_body(code):
                    continue  # "27 gouvernements", "the ministries": several bodies, not one actor
                agent = replace(agent, person=True)  # "aid agencies", "opposition parties": a group
            if owner is None and not agent.person:
                if rules.parts(code)[:1] == ("GOV",):
                    owner = self.home_country()  # "le gouvernement" in an article about one country
                    cost = 0.25
                    if owner is None:
                        continue
                elif "OPP" not in rules.parts(code) or not self._definite(t):
                    continue  # "the army", "a hospital": whose, the text does not say
            elif owner is None and code and not rules.is_actor(code):
                continue
            label, scoped = self._actor_name(agent, owner, modifiers, plural)
            where = self._located_at(t, owner) if agent.en.lower() in rules.located_bodies and not scoped else None
            if where is not None:  # "l'ambassade d'Italie à Kaboul": the Embassy of Italy in Kabul
                label = f"{label} in {self.builders[where].label}"
            key = slug(label) if not scoped else f"{slug(label)}_{self.scope}"
            if scoped:
                self._local.add(key)
            b = self.builders.get(key)
            if b is None:
                # an actor its description ties to a country, place or organisation is a node of the
                # graph ("Government of Mali"); one local to the document only when it takes part in
                # a statement
                b = self.builders[key] = _Builder(key, label, ORGANIZATION, part_of=owner, local=scoped,
                                                  named=not scoped)
            if scoped and not code and self._group_name(t):
                b.named = True  # "Unionists", "Republicans": a group the text names, a node of its own
            if scoped and t.lower_ in lex.perpetrator_nouns and self._counted(t):
                b.named = True  # "three gunmen": people counted by what they did, someone the story follows
            for text in self._surface_forms(t, start, end, owner_toks + modifiers):
                b.labels.add((text, lex.lang))
            self._map(start, end, key, cost)
            self.described_spans.append((start, end, key))
            if owner is not None and not scoped:
                self._coordinated_owners(t, agent, owner_toks, modifiers, plural, start, end)

    def _coordinated_owners(self, t: Token, agent: Agent, owner_toks: list[Token], modifiers: list[Token],
                            plural: bool, start: int, end: int) -> None:
        """Nationality adjectives coordinated on one noun ("Sudanese and Eritrean migrants", "les armées
        française et malienne"): one described actor each. The phrase maps to the first; the others
        stand beside it wherever the phrase is an argument (:meth:`refer`)."""
        lex = self.lex
        self._elliptical_nationality(t, agent, modifiers, plural, start, end)
        for g in owner_toks:
            if g.dep_ not in ("amod", "compound"):
                continue
            for x in g.children:
                k = self.token_key.get(x.i)
                if x.dep_ not in syntax.CONJ_DEPS or k is None or self.builders[k].type == PERSON or \
                        not self.builders[k].gaz_id:
                    continue
                key = self._actor_of_country(agent, k, modifiers, plural, t)
                if key is None:
                    continue
                b = self.builders[key]
                phrase, nationality = self.doc[start:end].text, self._span_of(x.i, k).text
                b.labels.add((f"{nationality} {phrase}" if x.i < t.i else f"{phrase} {nationality}", lex.lang))
                also = self.also.setdefault(t.i, [])
                if key not in also:
                    also.append(key)

    #: how many sentences back a definite description may find its organisation
    ANAPHOR_SENTENCES = 3

    def _organisation_anaphors(self) -> None:
        """Definite category nouns that refer back to a named organisation ("Toyota … the Japanese
        carmaker", "Nintendo … le géant japonais", "… the group said"): the organisation named last
        before, within a few sentences, of the nationality the phrase gives when the gazetteer knows
        its country. A phrase with a name, a complement or a possessor of its own is not one ("the
        company Apple", "the group of experts", "its parent company")."""
        lex, doc = self.lex, self.doc
        sents = {s.start: n for n, s in enumerate(doc.sents)}
        sent_of = [0] * len(doc)
        for s in doc.sents:
            for i in range(s.start, s.end):
                sent_of[i] = sents[s.start]
        for t in doc:
            if t.i in self.token_key or t.pos_ != "NOUN" or \
                    (t.lemma_.lower() not in lex.organisation_anaphors and t.lower_ not in lex.organisation_anaphors):
                continue
            if "Plur" in t.morph.get("Number") or not self._definite(t):
                continue
            if any(c.dep_ in syntax.APPOS_DEPS | syntax.NAME_DEPS | syntax.PREP_DEPS | syntax.OBLIQUE_DEPS |
                   {"poss", "nmod:poss", "acl:relcl", "relcl"} or (c.dep_ == "det" and "Yes" in c.morph.get("Poss"))
                   for c in t.children):
                continue
            j = t.i + 1
            while j < len(doc) and (doc[j].dep_ == "amod" or doc[j].pos_ == "ADJ"):
                j += 1
            if j < len(doc) and j in self.token_key:
                continue  # "the company Apple", "le constructeur allemand Volkswagen": the name is the entity
            nationality = {self.token_key[c.i] for c in t.children if c.dep_ == "amod" and c.i in self.token_key}
            country = None
            for k in nationality:
                gid = self.builders[k].gaz_id
                if gid and gid.startswith("country:"):
                    country = gid
            antecedent = None
            for i in range(t.i - 1, -1, -1):
                if sent_of[t.i] - sent_of[i] > self.ANAPHOR_SENTENCES:
                    break
                k = self.token_key.get(i)
                if k is None or k in self._local:
                    continue
                b = self.builders[k]
                if b.type != ORGANIZATION or not b.named or b.part_of is not None:
                    continue
                entry = self.gaz.get(b.gaz_id) if b.gaz_id else None
                if country is not None and entry is not None and entry.country not in (None, country):
                    continue
                antecedent = k
                break
            if antecedent is not None:
                self._map(t.i, t.i + 1, antecedent, 0.3)

    def _located_at(self, t: Token, owner: str | None) -> str | None:
        """The place a locative complement on an agent noun names ("à Damas", "in Damascus")."""
        for c in t.children:
            for g in syntax.prep_objects(c, self.lex.locative_preps):
                k = self.token_key.get(g.i)
                if k is not None and k != owner and self.builders[k].type == PLACE:
                    return k
        return None

    def _actor_of_country(self, agent: Agent, country: str, modifiers: list[Token], plural: bool,
                          t: Token) -> str | None:
        """The key of the actor an agent phrase names for another country of a coordination ("Eritrean
        migrants" beside "Sudanese migrants"), made if new; None when it would be local or is the
        phrase's own."""
        label, scoped = self._actor_name(agent, country, modifiers, plural)
        key = slug(label)
        if scoped or key == self.token_key.get(t.i):
            return None
        if key not in self.builders:
            self.builders[key] = _Builder(key, label, ORGANIZATION, part_of=country, named=True)
        return key

    def _span_of(self, i: int, key: str) -> Span:
        """The run of tokens around ``i`` that all stand for ``key`` ("Sierra Leonean")."""
        lo, hi = i, i + 1
        while lo > 0 and self.token_key.get(lo - 1) == key:
            lo -= 1
        while hi < len(self.doc) and self.token_key.get(hi) == key:
            hi += 1
        return self.doc[lo:hi]

    def _elliptical_nationality(self, t: Token, agent: Agent, modifiers: list[Token], plural: bool,
                                start: int, end: int) -> None:
        """A nationality adjective the parser took for the head of a coordination whose second member is
        the agent phrase ("Chilean and Peruvian miners" read as "[Chilean] and [Peruvian
        miners]"): the adjective is short for the same noun, so it names the same kind of actor of
        its own country."""
        h = t.head
        k = self.token_key.get(h.i)
        if t.dep_ not in syntax.CONJ_DEPS or h.i > t.i or k is None or self.builders[k].type == PERSON or \
                not (self.builders[k].gaz_id or "").startswith("country:") or \
                not any(c.dep_ == "cc" and h.i < c.i < t.i for c in h.children):
            return
        span = self._span_of(h.i, k)
        if self.gaz.demonym(span.text, self.lex.lang) is None or span.end != h.i + 1:
            return  # a country's name ("Sierra Leone and Liberian refugees") is the country
        key = self._actor_of_country(agent, k, modifiers, plural, t)
        if key is None:
            return
        self.builders[key].labels.add((f"{span.text} {self.doc[start:end].text}", self.lex.lang))
        self._map(span.start, span.end, key, self.token_cost.get(h.i, 0.1))
        self.described_spans.append((span.start, span.end, key))

    def _group_name(self, t: Token) -> bool:
        """Whether a plural group noun is written as a name: capitalised inside the sentence and tagged
        by the model as a group or an organisation ("les Unionistes", "more militant Republicans")."""
        return t.text[:1].isupper() and not t.is_sent_start and t.ent_type_ in ("NORP", "ORG", "MISC") and \
            t.i > 0 and not self.doc[t.i - 1].is_punct

    def _identity_group(self, t: Token):
        """A plural member noun with an identity word and no country ("Moslem forces", "forces
        chiites"): a side of its own, not a country."""
        lex = self.lex
        if "Plur" not in t.morph.get("Number") or any(c.i in self.token_key for c in t.children):
            return None
        if not any(c.lower_ in lex.group_modifiers for c in t.children):
            return None
        # named in English by the agent noun the head is alone, when the lexicon has it ("forces" ->
        # "forces"), never by a longer phrase of the same head ("terrorist leader" for "leaders")
        known = lex.agents.by_head.get(t.lemma_.lower()) or lex.agents.by_head.get(t.lower_) or ()
        alone = [a for a in known if len(a.words) == 1]
        en = alone[-1].en if alone else t.lower_
        return Agent((t.lower_,), t.lower_, "", True, en), t.i, t.i + 1

    def _owned_by_someone(self, t: Token) -> bool:
        """A body or group said to be a person's, or someone's by a possessive pronoun ("his ruling
        party", "leur armée", "the government of President X"): not an actor of its own here."""
        for c in t.children:
            if c.dep_ in ("poss", "nmod:poss") and c.pos_ == "PRON":
                return True
            if c.dep_ == "det" and "Yes" in c.morph.get("Poss"):
                return True
            heads = [c] if c.dep_ in ("nmod", "poss", "nmod:poss", "compound") else \
                [g for g in c.children if g.dep_ in syntax.POBJ_DEPS] if c.dep_ == "prep" else []
            for g in heads:
                k = self.token_key.get(g.i)
                if k is not None and self.builders[k].type == PERSON:
                    return True
        return False

    def _agent_at(self, t: Token):
        """The agent phrase whose head is ``t`` ("riot police", "forces de l'ordre", "aid agencies"),
        longest first, as ``(agent, start, end)``; a group noun of the lexicon without an agents entry
        counts as a group of people of no particular code."""
        lex = self.lex
        cands: dict = {}
        # a plural the lemmatizer left alone on a proper noun ("Rebels" opening a sentence) by its stem
        for w in (t.lower_, t.lemma_.lower()) + ((stem(t.lower_),) if t.pos_ == "PROPN" else ()):
            for a in lex.agents.by_head.get(w, ()):
                cands.setdefault(a, None)
        for a in sorted(cands, key=lambda a: (-len(a.words), a.words)):
            span = self._phrase_span(t, a)
            if span is not None:
                if a.en == a.en.lower() and lex.lang == "en" and self._as_written(t) != t.lower_:
                    # the field's dictionary writes every word low: "Iraqi Christians", not "christians"
                    words = a.en.split()
                    a = replace(a, en=" ".join(words[:-1] + [words[-1][:1].upper() + words[-1][1:]]))
                return a, span[0], span[1]
        if t.lower_ in lex.group_nouns and "Plur" in t.morph.get("Number", ["Plur"]):
            return Agent((t.lower_,), t.lower_, "", True, self._as_written(t)), t.i, t.i + 1
        if (t.lower_ in lex.counted_group_nouns or t.lower_ in lex.perpetrator_nouns) and self._counted(t):
            # "deux hommes à bord d'une moto", "three men": people counted are a group
            return Agent((t.lower_,), t.lower_, "", True, t.lower_), t.i, t.i + 1
        if t.ent_type_ in ("NORP", "ORG", "MISC") and t.text[:1].isupper() and t.lower_.endswith("s") and \
                t.ent_iob_ == "B" and (t.i + 1 >= len(self.doc) or self.doc[t.i + 1].ent_iob_ != "I") and \
                self.gaz.demonym(t.text, lex.lang) is None and not self.gaz.lookup(t.text, lex.lang):
            # a political or social group the model tagged by its name ("Unionists", "Republicans")
            return Agent((t.lower_,), t.lower_, "", True, t.lower_), t.i, t.i + 1
        return None

    def _as_written(self, t: Token) -> str:
        """A group noun as an English name writes it: capitalised when the text capitalises it inside
        the sentence ("Kurds", "Shiites"), else low ("miners"). Other languages write such nouns low."""
        if self.lex.lang == "en" and t.text[:1].isupper() and t.i != t.sent.start and not t.is_upper:
            return t.text
        return t.lower_

    def _phrase_span(self, t: Token, agent: Agent) -> tuple[int, int] | None:
        """Where the agent phrase lies around its head ``t``, or None when the words around differ.
        Hyphens are word breaks ("anti-riot police")."""
        words = [w for word in agent.words for w in word.replace("-", " ").split()]
        head = agent.head.replace("-", " ").split()[-1] if agent.head else words[-1]
        heads = [i for i, w in enumerate(words) if w == head]
        if not heads:
            return None
        h = heads[0]

        def walk(seq: list[str], step: int) -> int | None:
            j = t.i + step
            for w in seq:
                while 0 <= j < len(self.doc) and self.doc[j].text in ("-", "‐"):
                    j += step
                if not (0 <= j < len(self.doc)):
                    return None
                tok = self.doc[j]
                parts = [x for x in tok.lower_.split("-") if x]
                if w not in (tok.lower_, tok.lemma_.lower()) and w not in parts:
                    return None
                j += step
            return j

        left = walk(list(reversed(words[:h])), -1)
        right = walk(words[h + 1:], 1)
        if left is None or right is None:
            return None
        return left + 1, right

    def _counted(self, t: Token) -> bool:
        """Whether a number above one counts the noun ("deux agresseurs", "three gunmen")."""
        return any(c.dep_ == "nummod" and c.lower_ not in self.lex.profile.numbers_one for c in t.children)

    def _is_plural(self, t: Token, agent: Agent) -> bool:
        """A noun in the plural, or counted ("deux agresseurs", "three gunmen")."""
        if "Plur" in t.morph.get("Number") or t.lower_ in agent.plural:
            return True
        if t.lower_ != agent.head and stem(t.lower_) == agent.head:
            return True  # "Rebels" opening a sentence, tagged a singular proper noun
        return self._counted(t)

    def _names_itself(self, t: Token, start: int, end: int) -> bool:
        """Whether the description is in apposition to a name, or is a category noun right before one
        ("le syndicat Force Ouvrière", "the party Fidesz"): the name is the entity."""
        for c in t.children:
            if c.dep_ in syntax.APPOS_DEPS | syntax.NAME_DEPS and c.i in self.token_key and \
                    self.builders[self.token_key[c.i]].named and \
                    not (c.dep_ == "compound" and c.i < t.i and self.builders[self.token_key[c.i]].type == PLACE):
                return True  # (a place before the noun says whose it is: "the US embassy")
        j = end  # "le syndicat Force Ouvrière", "l'agence de presse officielle russe Sputnik"
        while j < len(self.doc) and (self.doc[j].pos_ in ("DET", "ADJ") or self.doc[j].dep_ == "amod"):
            j += 1
        k = self.token_key.get(j)
        if k is not None and self.builders[k].named and self.builders[k].type == ORGANIZATION and \
                not any(x.dep_ == "case" for x in self.doc[j].children):
            return True
        for i in range(start, end):  # "l'association …, l'UFC-Que Choisir": a name hung on the noun
            for c in self.doc[i].children:
                k = self.token_key.get(c.i)
                if c.dep_ in syntax.CONJ_DEPS and any(x.dep_ == "cc" and x.i < c.i
                                                      for x in list(c.children) + list(self.doc[i].children)):
                    continue  # "the Colombian government and the FARC": another party, not its name
                if c.i >= end and k is not None and self.builders[k].named and \
                        self.builders[k].type == ORGANIZATION and c.dep_ not in ("prep",) and \
                        not any(x.dep_ in ("case", "mark") for x in c.children):
                    return True
        if t.dep_ in syntax.APPOS_DEPS and t.head.i in self.token_key and self.builders[self.token_key[t.head.i]].named:
            return True
        return False

    def _definite(self, t: Token) -> bool:
        return any(c.dep_ in ("det", "poss", "nmod:poss") and
                   (c.lower_ in self.lex.profile.definite_determiners or c.dep_ != "det") for c in t.children)

    def _after_locative(self, c: Token) -> bool:
        """Whether a complement's preposition follows a locative word ("près de Kidal"): it says where,
        not whose."""
        cases = [x for x in c.children if x.dep_ == "case" and x.i < c.i]
        return bool(cases) and cases[0].i > 0 and self.doc[cases[0].i - 1].lower_ in self.lex.locative_preps

    def _owner_of(self, phrase: range, people: bool = True) -> tuple[str | None, list[Token]]:
        """The country, place or organisation an agent phrase belongs to, from a nationality adjective
        or a name on it ("gouvernement malien", "Iraq's government", "the Mozambique government"), or a
        complement ("the government of Iraq", "les rebelles de Homs", "rebels in Mali"). People are from
        where they are; a body (not ``people``) is where it is, but belongs only to what an "of"
        complement names ("an embassy in Tehran" is no embassy of Tehran)."""
        prof = self.lex.profile
        of = prof.preps("of") | (prof.preps("origin") if people else frozenset())
        for i in phrase:
            for c in self.doc[i].children:
                if c.i in phrase:
                    continue
                cands: list[Token] = []
                if c.dep_ in ("amod", "compound", "nmod:poss", "poss", "flat", "flat:name"):
                    cands = [c]
                elif c.dep_ in ("nmod", "obl") and (syntax.prep_of(c) in of or syntax.prep_of(c) is None) and \
                        not self._after_locative(c):
                    cands = [c]
                elif c.dep_ == "prep" and c.lower_ in of:
                    cands = [g for g in c.children if g.dep_ in syntax.POBJ_DEPS]
                for g in cands:
                    k = self.token_key.get(g.i)
                    if k is not None and self.builders[k].type != PERSON and \
                            (self.builders[k].gaz_id or self.builders[k].named) and k not in self._local:
                        toks = [x for x in g.subtree if self.token_key.get(x.i) == k] + \
                            [x for x in c.subtree if x.i < g.i and x.dep_ == "case"]
                        return k, sorted(set(toks + ([c] if c.dep_ == "prep" else [])), key=lambda x: x.i)
        return None, []

    def home_country(self) -> str | None:
        """The country a document is about: its dateline's, else the country it names most often (twice
        at least, and more often than any other)."""
        if self._home is not None:
            return self._home or None
        self._home = ""
        place = self.meta.get("place")
        # a headline that opens with its place ("Égypte : …", "France: …") names it as a dateline does
        title = self.meta.get("title") or ""
        if not place and ":" in title[:40]:
            place = title.split(":", 1)[0].strip()
        if place:
            for e in self.gaz.lookup(place, self.lex.lang):
                if e.kind == "region":
                    break  # "Québec : …": a region with a government of its own may be what it is about
                country = e if e.kind == "country" else (self.gaz.get(e.country) if e.country else None)
                if country is not None and e.type == PLACE:
                    self._home = self._entity_for(Mention(-1, -1, country.label, PLACE, country, kind="knowledge"))
                    return self._home
        counts: dict[str, int] = {}
        for i, k in self.token_key.items():
            b = self.builders[k]
            if b.gaz_id and b.gaz_id.startswith("country:") and (i == 0 or self.token_key.get(i - 1) != k):
                counts[k] = counts.get(k, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            self._home = ranked[0][0]
        return self._home or None

    def _actor_name(self, agent: Agent, owner: str | None, modifiers: list[Token], plural: bool) -> tuple[str, bool]:
        """The English name of an actor named by description, and whether it is local to the document
        (a group or body that no place names)."""
        rules = self.lex.agent_rules
        en = agent.en.lower()
        # written as the lexicon writes it ("Christian", "Kurd"): a proper noun keeps its capital
        phrase = _plural_en(agent.en) if agent.person and plural else agent.en
        head = en.split(" of ")[0].split()[-1] if en else en
        template = rules.names.get(en) or rules.names.get(head)
        if owner is not None:
            b = self.builders[owner]
            entry = self.gaz.get(b.gaz_id) if b.gaz_id else None
            country = b.label if entry is not None and entry.kind == "country" else None
            demonym = _title(entry.demonyms.get("en", ("",))[0]) if entry is not None and entry.demonyms.get("en") else None
            identity = " ".join(w[:1].upper() + w[1:] for w in
                                (self.lex.group_modifiers.get(m.lower_, m.lower_) for m in modifiers))
            identity = identity + " " if identity else ""
            if template and ("{country}" not in template or country) and ("{demonym}" not in template or demonym):
                return template.format(country=country, demonym=demonym, owner=b.label), False
            if demonym:
                return f"{demonym} {identity}{phrase if agent.person else _title(phrase)}", False
            body = _title(phrase) if not agent.person else phrase
            return f"{identity}{body} of {b.label}"[:1].upper() + f"{identity}{body} of {b.label}"[1:], False
        words = [self.lex.group_modifiers.get(m.lower_, m.lower_) for m in modifiers]
        label = " ".join([w[:1].upper() + w[1:] for w in words] + [phrase])
        return label[:1].upper() + label[1:], True

    def _surface_forms(self, head: Token, start: int, end: int, extra: list[Token]) -> list[str]:
        """How the text names an actor: the phrase with its owner and modifiers ("gouvernement malien",
        "rebelles de Homs"), with a number or quantifier before it ("deux agresseurs", "Several aid
        agencies"), and the whole noun phrase up to a clause or a comma ("l'ambassade de France à
        Damas", "citoyens maliens du nord")."""
        doc = self.doc
        toks = set(range(start, end)) | {x.i for x in extra}
        toks |= {c.i for c in head.children if c.dep_ == "amod" and c.i > head.i  # "communauté juive"
                 and c.lower_ not in self.lex.profile.age_adjectives}  # not "homme âgé" without its age
        lo, hi = min(toks), max(toks) + 1
        while lo < hi and (doc[lo].lower_ in self.lex.determiners or doc[lo].is_punct):
            lo += 1
        forms = [doc[lo:hi].text]
        j = lo - 1
        while j >= 0 and j >= head.left_edge.i and j not in self.token_key and \
                (doc[j].pos_ in ("NUM", "ADJ", "DET") or doc[j].dep_ in ("nummod", "amod", "det")) and \
                doc[j].lower_ not in self.lex.determiners:
            j -= 1
        if j + 1 < lo:
            # a modifier the walk reached is whole ("a 17-year-old student", not "old student")
            while j + 1 < lo and j >= head.left_edge.i and doc[j + 1].left_edge.i <= j and \
                    all(k not in self.token_key for k in range(doc[j + 1].left_edge.i, j + 1)):
                j = doc[j + 1].left_edge.i - 1
            forms.append(doc[j + 1:hi].text)
        # with a short complement of its own: "citoyens maliens du nord"
        of = self.lex.profile.preps("of") | self.lex.profile.preps("origin")
        for c in head.children:
            if c.i < hi or c.dep_ not in ("nmod", "obl") or syntax.prep_of(c) not in of or c.i in self.token_key:
                continue
            # (UD: the noun and its preposition and article, right after the phrase)
            if all(doc[k].head == c and doc[k].dep_ in ("case", "det") for k in range(hi, c.i)) and c.i - hi <= 2:
                forms.append(doc[lo:c.i + 1].text)
            break
        # the noun phrase: the head's subtree, up to a relative or participial clause, a comma or a quote
        right = hi
        while right <= head.right_edge.i:
            t = doc[right]
            if t.text in (",", ";", ":", "(", "«", "»", '"') or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or \
                    t.dep_ in syntax.RELCL_DEPS | {"acl", "appos", "conj", "cc"}:
                break
            right += 1
        # not a phrase cut inside ("army psychiatrist for a" before a quote): back to a whole child
        for k in range(hi, right):
            if doc[k].right_edge.i >= right:
                right = doc[k].left_edge.i
                break
        while right > hi and doc[right - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT"):
            right -= 1
        if right > hi and right - lo <= 10:
            forms.append(doc[lo:right].text)
            if j + 1 < lo:  # with its number: "deux hommes à bord d'une moto"
                forms.append(doc[j + 1:right].text)
        return list(dict.fromkeys(f.strip() for f in forms if f.strip()))

    def _collective_nouns(self, demonyms: list[Mention]) -> None:
        """'le peuple ukrainien', 'Russian troops', 'Belarus's rulers', 'the government of Iraq',
        'Ivory Coast rebels' stand for the country (or organisation) they belong to."""
        collective = self.lex.collective_nouns
        for t in self.doc:
            if t.i in self.token_key or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if self._names_itself(t, t.i, t.i + 1):
                continue  # "Colombian rebels, the Popular Front, …": the name is the entity
            # a listed collective ("government", "army"), or any plural with a nationality: "Israeli
            # tanks", "Palestinian refugees", "Afghan guerillas" stand for their country in event coding
            plural = "Plur" in t.morph.get("Number")
            if not (t.lemma_.lower() in collective or t.lower_ in collective or plural):
                continue
            owner = None
            for c in t.children:
                k = self.token_key.get(c.i)
                if plural and t.lemma_.lower() not in collective and t.lower_ not in collective and \
                        c.dep_ not in ("amod", "compound"):
                    continue  # a plain plural takes only a nationality adjective
                if k is not None and self.builders[k].type != PERSON and (
                        c.dep_ in ("amod", "nmod:poss", "poss", "compound") or
                        (c.dep_ == "nmod" and syntax.prep_of(c) in ("de", "d'", None))):
                    owner = k
                    # "Senior Czech and Slovak officials": both countries
                    others = [self.token_key[x.i] for x in c.children
                              if x.dep_ in syntax.CONJ_DEPS and x.i in self.token_key]
                    if others:
                        self.also[t.i] = [o for o in others if o != k]
                    break
                prof = self.lex.profile
                if c.dep_ == "amod" and c.lower_ in prof.leading_participles and c.i < t.i:
                    # "Saudi-led coalition", "US-led forces": the leader written before the hyphen
                    lead = [self.token_key[g.i] for g in c.children if g.i < c.i and g.i in self.token_key
                            and self.doc[g.i + 1].text in ("-", "‐") and self.builders[self.token_key[g.i]].type != PERSON]
                    if lead:
                        owner = lead[0]
                        break
                if c.dep_ == "prep" and (c.lower_ in prof.preps("of") or (c.lower_ in prof.preps("origin") and not plural)):
                    # "the government of Peru", "Security forces in Chad", "Rebels in Mali"
                    for g in c.children:
                        k = self.token_key.get(g.i)
                        if k is not None and self.builders[k].type != PERSON:
                            owner = k
            if owner is not None:
                self._map(t.i, t.i + 1, owner, 0.2)

    def _instruments(self, names: list[Mention]) -> None:
        """'le projet Schengen … Le traité avait été ratifié': a bare definite description of a treaty, law or
        plan refers to the last one the text named as such (by a noun before the name, or the name's
        own last word: 'the Kyoto Protocol … the protocol')."""
        nouns = self.lex.instrument_nouns
        named: list[tuple[int, str]] = []  # (token index, key) of names known to be instruments
        for m in names:
            before = self.doc[m.start - 1] if m.start > 0 else None
            last = self.doc[m.end - 1]
            if (before is not None and before.lemma_.lower() in nouns and before.pos_ == "NOUN") or \
                    last.lemma_.lower() in nouns:
                named.append((m.start, self.token_key[m.start]))
        if not named:
            return
        for t in self.doc:
            if t.i in self.token_key or t.pos_ != "NOUN" or t.lemma_.lower() not in nouns:
                continue
            dets = [c for c in t.children if c.dep_ in ("det", "case")]
            if not any(d.lower_ in self.lex.profile.definite_determiners for d in dets):
                continue
            if any(c.i in self.token_key or c.dep_ in syntax.APPOS_DEPS | syntax.NAME_DEPS for c in t.children):
                continue  # "l'accord de Paris" names its own instrument
            earlier = [k for i, k in named if i < t.i]
            if earlier:
                self._map(t.i, t.i + 1, earlier[-1], 0.25)

    # -- queries ----------------------------------------------------------------------------------
    def holder_of(self, role_label: str, aff: str | None, before: int) -> str | None:
        """The person who holds an office in this text, as named before token ``before``."""
        people = [(rm, h, a) for rm, h, a in self.roles if self.builders[h].type == PERSON]  # not "Chile, a member"
        hits = [h for rm, h, a in people if rm.role.label == role_label and a == aff and rm.start < before]
        if not hits and aff is not None:
            hits = [h for rm, h, a in people if rm.role.label == role_label and a == aff]
        if not hits and aff is None:
            # a title alone ("le président") is the last holder of that office named before, whatever
            # the office's country
            hits = [h for rm, h, a in people if rm.role.label == role_label and rm.start < before]
        return hits[-1] if hits else None

    def entities(self) -> list[Entity]:
        out = []
        for b in self.builders.values():
            out.append(Entity(b.key, b.label, b.type, frozenset(b.labels), b.wikidata, b.geonames, b.part_of,
                              self.document_id if b.local else None))
        return sorted(out, key=lambda e: e.key)

    def is_named(self, key: str) -> bool:
        """Whether the entity has a proper-name mention (not only nationality adjectives or titles)."""
        return self.builders[key].named

    def key_at(self, i: int) -> str | None:
        """The entity token ``i`` belongs to, if any."""
        return self.token_key.get(i)

    def ref_at(self, i: int, extra: float = 0.0) -> Ref | None:
        """The entity token ``i`` belongs to, as a reference whose cost adds ``extra`` to the token's own."""
        key = self.token_key.get(i)
        return None if key is None else Ref(key, self.token_cost.get(i, 0.0) + extra)

    def type_of(self, key: str) -> str:
        """The entity type (Person, Organization, Place) of an entity key."""
        return self.builders[key].type

    def entry_of(self, key: str) -> GazetteerEntry | None:
        """The gazetteer entry an entity was linked to, if any."""
        gaz_id = self.builders[key].gaz_id
        return self.gaz.get(gaz_id) if gaz_id else None

    def offices(self) -> list[tuple[RoleMention, str, str | None]]:
        """Office titles with a named holder: (title mention, holder key, affiliation key or None)."""
        return list(self.roles)

    def affiliation_basis(self, rm: RoleMention) -> str | None:
        """None when the text names a title's affiliation; "gazetteer" when world knowledge supplied it
        ("Prime Minister X": the office the gazetteer says X held)."""
        return "gazetteer" if rm.start in self.known_affiliations else None

    def last_person(self, before: int, exclude: str | None = None,
                    discourse: Discourse | None = None) -> str | None:
        """The most salient person before a token: the last subject or speaker, else the last named."""
        sent_start = self.doc[before].sent.start
        subjects = discourse.subjects if discourse is not None else []
        window = [k for i, k in subjects if i < before and k != exclude]
        recent_names = [(i, k) for i, k in self.person_mentions if i < before and k != exclude]
        if window:
            last_subj_i = max(i for i, k in subjects if i < before and k != exclude)
            # a person named in between, in this very sentence or as the subject of a later clause
            # ("Bruno Le Roux … est ensuite intervenu … « … », a-t-il affirmé"), is more salient
            later = [k for i, k in recent_names if i > last_subj_i and (i >= sent_start or self._is_subject(i, k))]
            return later[-1] if later else window[-1]
        return recent_names[-1][1] if recent_names else None

    def _is_subject(self, i: int, key: str) -> bool:
        """Whether the name mentioned at token ``i`` is the subject of its clause."""
        if self.doc[i].is_sent_start:
            return True  # a name opening its sentence is its subject, however the parser read it
        j = i
        while j < len(self.doc) and self.token_key.get(j) == key:
            if self.doc[j].dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS:
                return True
            j += 1
        return False

    def counterpart(self, of: str | None, at: int, discourse: Discourse | None = None) -> str | None:
        """'son homologue' / 'his counterpart': the other party of the current two-party exchange."""
        if of is None:
            return None
        for i, a, b in reversed(discourse.partners if discourse is not None else []):
            if i <= at and of in (a, b):
                return b if a == of else a
        # else the last other person who holds an office
        for rm, h, _ in reversed(self.roles):
            if h != of and rm.start < at and self.builders[h].type == PERSON:
                return h
        return None

    def refer(self, tok: Token, *, subject: str | None = None, speaker: str | None = None,
              discourse: Discourse | None = None) -> list[Ref]:
        """The entities a syntactic argument refers to (coordinated arguments give several). ``subject``
        is the clause's subject (for "son homologue"), ``speaker`` the speaker of a quote the token is in
        (for "je"), ``discourse`` what extraction has read so far (for "il")."""
        out: list[Ref] = []
        if tok.i not in self.token_key:
            members = self._named_members(tok)
            if members:  # "other lawmakers, including A and B": the members named
                return [r for m in members for r in self.refer(m, subject=subject, speaker=speaker,
                                                                  discourse=discourse)]
        for t in syntax.conjuncts(tok):
            r = self._refer_one(t, subject=subject, speaker=speaker, discourse=discourse)
            found = [r] if r is not None else []
            found += [Ref(k, 0.2) for k in self.also.get(t.i, ())]
            for g in self._counted_nouns(t) if t.i not in self.token_key else ():
                found += [Ref(k, 0.25) for k in self.also.get(g.i, ())]
                for c in syntax.conjuncts(g)[1:]:  # "scores of A and B": each counted
                    r = self._refer_one(c, subject=subject, speaker=speaker, discourse=discourse)
                    found += [Ref(r.key, r.cost + 0.05)] if r is not None else []
            for x in found:
                if all(x.key != y.key for y in out):
                    out.append(x)
        return out

    def _named_members(self, tok: Token) -> list[Token]:
        """The named members a plural noun phrase lists ("Congressmen including A, B and C", "des
        députés, dont A et B"): the head tokens of the names after an inclusion marker on the noun."""
        if "Plur" not in tok.morph.get("Number"):
            return []
        markers = self.lex.profile.inclusion_markers
        for c in tok.children:
            if c.lower_ in markers or any(g.lower_ in markers for g in c.children if g.dep_ in ("case", "mark", "advmod")):
                heads = [g for g in c.children if g.dep_ in syntax.POBJ_DEPS | syntax.OBJECT_DEPS] or \
                    ([c] if c.i in self.token_key else [])
                found = [h for h in heads if h.i in self.token_key]
                if found:
                    return found
        return []

    def _reporter_of(self, t: Token) -> Ref | None:
        """The subject of the reporting verb whose complement clause holds a pronoun ("X said it
        would …", "X a affirmé qu'il …"), when that subject is an entity."""
        child = t
        for anc in t.ancestors:
            if child.dep_ in syntax.CCOMP_DEPS and anc.lemma_.lower() in self.lex.reporting:
                subj = syntax.subject_of(anc)
                if subj is not None and subj.i != t.i and subj.pos_ != "PRON":
                    r = self._refer_one(subj, subject=None, speaker=None, discourse=None)
                    return Ref(r.key, r.cost + 0.2) if r is not None else None
                return None
            child = anc
        return None

    def _refer_one(self, t: Token, *, subject: str | None, speaker: str | None,
                   discourse: Discourse | None) -> Ref | None:
        lex = self.lex
        if t.i in self.token_key:
            return Ref(self.token_key[t.i], self.token_cost.get(t.i, 0.0))
        low = t.lower_.lstrip("-")
        if t.pos_ == "PRON" or low in lex.he_she or low in lex.first_person:
            if speaker is not None and low in lex.first_person:
                return Ref(speaker, 0.2)
            if t.lower_ in lex.third_person:
                reporter = self._reporter_of(t)
                if reporter is not None:  # "Chile says it is ready …": it = Chile
                    return reporter
            if low in {p.lstrip("-") for p in lex.he_she}:
                # the same pronoun as the subject of an earlier clause of the sentence is the same
                # person ("Il arrivera … à X, où il rencontrera Y, et où il sera reçu …")
                for j in range(t.sent.start, t.i):
                    e = self.doc[j]
                    if e.lower_.lstrip("-") == low and e.dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS:
                        return self._refer_one(e, subject=subject, speaker=speaker, discourse=discourse)
                k = self.last_person(t.i, discourse=discourse)
                return Ref(k, 0.25) if k else None
            return None
        if t.lemma_.lower() in lex.counterpart_nouns or low in lex.counterpart_nouns:
            # "his Ukrainian counterpart Dmytro Kuleba": the counterpart named
            # (a name the parser hung on it as a bare nominal modifier too: "son homologue péruvien X")
            named = next((c for c in t.children if c.i > t.i and c.i in self.token_key and
                          (c.dep_ in syntax.APPOS_DEPS | syntax.NAME_DEPS or
                           (c.dep_ == "nmod" and not any(x.dep_ in syntax.CASE_DEPS for x in c.children))) and
                          self.builders[self.token_key[c.i]].type == PERSON), None)
            if named is not None:
                return Ref(self.token_key[named.i], self.token_cost.get(named.i, 0.0))
            k = self.counterpart(subject, t.i, discourse)
            if k is None:
                # "son homologue allemand" with no one named: the counterpart of that nationality stands
                # for their country, as an office title does
                k = next((self.token_key[c.i] for c in t.children if c.dep_ == "amod" and c.i in self.token_key
                          and self.builders[self.token_key[c.i]].type == PLACE), None)
                return Ref(k, 0.3) if k else None
            return Ref(k, 0.2)
        # a noun with a name as apposition or flat child ("le secrétaire ... Antony Blinken")
        # (a place before a singular noun of no state body only qualifies it: "a US veteran" is no
        # country, "a U.S. official", "Ivory Coast rebels" stand for theirs)
        qualifier = "Plur" not in t.morph.get("Number") and t.lemma_.lower() not in lex.collective_nouns and \
            low not in lex.collective_nouns
        for c in t.children:
            if c.dep_ in syntax.APPOS_DEPS | syntax.NAME_DEPS and c.i in self.token_key and \
                    not (qualifier and c.dep_ == "compound" and c.i < t.i and
                         self.builders[self.token_key[c.i]].type == PLACE):
                return Ref(self.token_key[c.i], self.token_cost.get(c.i, 0.0))
        # "the Umma party", "le syndicat SUD": a party's name read as a nominal modifier of the noun
        for c in t.children:
            if c.dep_ == "nmod" and (c.i < t.i or t.lemma_.lower() in lex.type_cues) and \
                    c.pos_ == "PROPN" and c.i in self.token_key and \
                    self.builders[self.token_key[c.i]].type == ORGANIZATION:
                return Ref(self.token_key[c.i], self.token_cost.get(c.i, 0.0) + 0.05)
        # a participle read as the subject, with the real subject under it: "The Red Cross operating
        # in Iraq said …"
        if t.pos_ == "VERB" and t.dep_ in syntax.SUBJECT_DEPS:
            subj = syntax.subject_of(t)
            if subj is not None and subj.i != t.i:
                return self._refer_one(subj, subject=subject, speaker=speaker, discourse=discourse)
        # "thousands of Iraqi Kurds", "un groupe de réfugiés tchétchènes": the counted noun
        for g in self._counted_nouns(t):
            r = self._refer_one(g, subject=subject, speaker=speaker, discourse=discourse)
            if r is not None:
                return Ref(r.key, r.cost + 0.05)
        return None

    def _counted_nouns(self, t: Token) -> list[Token]:
        """The nouns a quantity noun counts ("thousands of Iraqi Kurds": Kurds), if ``t`` is one."""
        lex = self.lex
        if t.lower_.lstrip("-") not in lex.quantity_nouns and t.lemma_.lower() not in lex.quantity_nouns:
            return []
        return [g for c in t.children for g in syntax.prep_objects(c, lex.profile.preps("of"))]
