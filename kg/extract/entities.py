"""Mentions of entities in a parsed document: named entities, nationality adjectives and office titles.

Pure functions over a spaCy ``Doc``. Named-entity spans are cleaned (leading articles and honorifics
dropped, trailing punctuation removed) and junk is rejected by general rules; office titles
("le secrétaire d'État américain", "Brazilian President", "the President of Brazil") are found with the
role lexicon, together with the country or organisation they belong to and the person who holds them.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import NOUN
from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer, GazetteerEntry
from ..lexicon import Lexicon, Role
from ..model import ASSERTED, ORGANIZATION, PERSON, PLACE
from . import syntax

#: spaCy NER labels (French and English models) -> schema.org types; NORP goes through demonyms
NER_TYPES = {
    "PER": PERSON, "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "LOC": PLACE, "GPE": PLACE, "FAC": PLACE,
}
GAZ_KIND_PRIORITY = {"country": 0, "organisation": 1, "person": 2, "city": 3, "region": 4}
TRAILING = " .,;:!?»«\"'“”()[]-–—"


@dataclass(frozen=True)
class Mention:
    """A mention of an entity: tokens ``[start, end)`` of the doc."""

    start: int
    end: int
    text: str  # cleaned surface form
    type: str  # Person / Organization / Place
    gaz: GazetteerEntry | None = None
    kind: str = "name"  # name | demonym | knowledge (from the gazetteer, not the text)
    alias: str | None = None  # the short form actually written, when ``text`` is the full name


@dataclass(frozen=True)
class RoleMention:
    """An office title: tokens ``[start, end)``, its affiliation and, when named, its holder."""

    start: int
    end: int
    role: Role
    affiliation: Mention | None  # the country / organisation the office belongs to
    holder: Mention | None  # the person named with the title
    #: tokens ``[start, end)`` of a party that qualifies the title: a name ("le député PS X", "le maire
    #: UMP de Nice") or an adjective ("le sénateur démocrate X", "Republican Senator X")
    party: tuple[int, int] | None = None


def fold(text: str) -> str:
    """Lowercase without accents: for comparing names."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _is_name_token(t: Token) -> bool:
    return t.is_alpha or any(ch.isalpha() for ch in t.text)


def clean_span(span: Span, lex: Lexicon) -> tuple[int, int] | None:
    """Drop leading articles/honorifics and trailing punctuation; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    for k in range(start, end):  # "van der Laan (D66": a name stops at a parenthesis
        if doc[k].text in ("(", ")", "[", "]") and k > start:
            end = k
            break
    while start < end - 1 and (doc[start].lower_ in lex.honorifics or doc[start].lower_.rstrip(".") in lex.honorifics
                               or doc[start].is_punct or (doc[start].lower_ in lex.determiners and
                                                          (doc[start].is_lower or doc[start].is_sent_start))
                               or (doc[start].is_lower and doc[start].pos_ == "ADP")):  # "au Caire"
        start += 1  # (a capitalised article inside a sentence is part of the name: "à Des Moines", "Le Figaro")
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text.strip(TRAILING) == ""
                           or doc[end - 1].lower_.replace("’", "'") in lex.profile.possessive_markers - {"'"}):
        end -= 1
    if start >= end or not any(_is_name_token(t) for t in doc[start:end]):
        return None
    return start, end


def surface(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip(TRAILING).replace("’", "'")


def gaz_lookup(gaz: Gazetteer, text: str, lang: str, label: str | None = None) -> GazetteerEntry | None:
    """The gazetteer entry a name stands for, if any.

    A dotted abbreviation whose final dot went with the sentence ("the U.S") is looked up with it.
    World knowledge does not overrule the text on the kind of thing named: a name the model read as
    a person only matches a person ("Kito de Pavant" is no Quito, "Allan Wagner" no Wagner Group),
    and a city matches only a name read as a place."""
    hits = gaz.lookup(text, lang)
    if not hits and "." in text and text[-1:].isalpha():
        hits = gaz.lookup(text + ".", lang)
    if label in ("PER", "PERSON"):
        # (a country's one-word name is the country, however the model read it: "Mali's government")
        hits = [h for h in hits if h.type == PERSON or (h.kind == "country" and " " not in text.strip())]
    elif label is not None and label not in ("LOC", "GPE", "FAC") and \
            not (label == "NORP" and gaz.demonym(text, lang) is None):
        # (a nationality label on a known city's name that is no nationality is the model's slip:
        # "areas of Aleppo"; "Somali" stays a nationality)
        hits = [h for h in hits if h.kind not in ("city", "region")]
    if not hits:
        return None
    return sorted(hits, key=lambda e: (GAZ_KIND_PRIORITY.get(e.kind, 9), e.id))[0]


def _word_columns(doc: Doc) -> tuple[list[str], list[str], list[bool]]:
    """Each token's lower-case form and lemma (straight apostrophes) and whether it is a noun, read
    from the document's arrays: ``t.lower_``, ``t.lemma_.lower()`` and ``t.pos_ == "NOUN"``."""
    strings, lowers, lemmas = doc.vocab.strings, [], []
    seen: dict[int, str] = {}
    array = doc.to_array([LOWER, LEMMA, POS])
    for lower, lemma in array[:, :2].tolist():
        text = seen.get(lower)
        if text is None:
            text = seen[lower] = strings[lower].replace("’", "'")
        lowers.append(text)
        form = seen.get(-lemma - 1)  # lemmas are lower-cased: kept apart from the lower-case forms
        if form is None:
            form = seen[-lemma - 1] = strings[lemma].lower().replace("’", "'")
        lemmas.append(form)
    return lowers, lemmas, (array[:, 2] == NOUN).tolist()


def role_matches(doc: Doc, lex: Lexicon, gaz: Gazetteer) -> list[tuple[int, int, Role, int | None]]:
    """Office titles as ``(start, end, role, demonym_token)``; longest match first, no overlaps.

    One nationality adjective may sit inside the title ("ministre russe des Affaires étrangères") or
    right after it ("secrétaire d'État américain"); its token index is returned.
    """
    out = []
    taken: set[int] = set()
    lowers, lemmas, nouns = _word_columns(doc)  # "chefs d'État" -> chef
    i = 0
    while i < len(doc):
        best = None
        # only the titles whose first word is here ("chefs d'État" by its lemma)
        candidates = lex.role_index.get(lowers[i], ())
        if nouns[i] and lemmas[i] != lowers[i]:
            candidates = candidates + lex.role_index.get(lemmas[i], ())
        for role, form in candidates:
            j, k, dem = i, 0, None
            while k < len(form) and j < len(doc):
                if lowers[j] == form[k] or (lemmas[j] == form[k] and nouns[j]):
                    j, k = j + 1, k + 1
                elif k == 1 and dem is None and gaz.demonym(doc[j].text, lex.lang) is not None:
                    dem, j = j, j + 1  # "ministre russe des affaires étrangères"
                else:
                    break
            if k == len(form) and (best is None or j - i > best[1] - best[0]):
                best = (i, j, role, dem)
        if best and best[1] - best[0] == 1 and doc[i].is_title and i > 0 and doc[i - 1].is_title and \
                doc[i - 1].pos_ == "PROPN" and doc[i - 1].ent_type_ in ("PER", "PERSON") and \
                doc[i].ent_iob_ == "I":
            best = None  # a title word after a first name is a surname: "Tom King", "Jean Prince"
        if best and doc[i].ent_type_ == "ORG" and doc[i].ent_iob_ == "B" and doc[i].text[:1].isupper() and best[1] < len(doc) and \
                doc[best[1]].ent_iob_ == "I" and doc[best[1]].is_stop:
            best = None  # a title word opening an organisation's name: "Reporters Without Borders"
        if best and not taken.intersection(range(best[0], best[1])):
            s, e, role, dem = best
            if dem is None and e < len(doc) and gaz.demonym(doc[e].text, lex.lang) is not None \
                    and doc[e].pos_ in ("ADJ", "NOUN", "PROPN") and doc[e].text[:1].islower():
                dem, e = e, e + 1  # "secrétaire d'État américain"
            out.append((s, e, role, dem))
            taken.update(range(s, e))
            i = e
        else:
            i += 1
    return out


NAME_LABELS = frozenset({"PER", "PERSON", "MISC", "ORG"})


def missed_names(doc: Doc, lex: Lexicon, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Names the model left untagged, found by general rules of news writing: an unknown acronym ("the
    IRA's weapons") is an organisation, unless it is a common upper-case word (``common_acronyms``: TV,
    CEO, GDP …); and a capitalised name in a list of organisations, or before a comma and a country, is
    typed by :func:`type_by_context`."""
    tagged = {i for e in doc.ents for i in range(e.start, e.end)}
    out: list[tuple[int, int, str]] = []
    labels = RULER_LABELS_BY_LANG.get(lex.lang, RULER_LABELS_BY_LANG["en"])
    for t in doc:
        if t.i in tagged or not t.is_alpha or t.pos_ not in ("PROPN", "NOUN", "X"):
            continue
        text = t.text
        if text.isupper() and 2 <= len(text) <= 6 and text not in lex.common_acronyms and \
                gaz.demonym(text, lex.lang) is None:
            out.append((t.i, t.i + 1, labels["org"]))
        elif text[:1].isupper() and not t.is_sent_start and text.lower() not in lex.determiners:
            typ = type_by_context(doc, t.i, t.i + 1, lex, gaz)
            if typ is not None:
                out.append((t.i, t.i + 1, labels["org"] if typ == ORGANIZATION else labels["place"]))
    return out


def type_by_context(doc: Doc, start: int, end: int, lex: Lexicon, gaz: Gazetteer) -> str | None:
    """The type the words around a name give it, when the model gave none or a wrong one: a name in a
    list with an organisation ("du MNLA, du Mujao et d'Al-Qaïda") is an organisation; a name before a
    comma and a country ("Samarra, Iraq") is a place."""
    org_labels, place_labels = ("ORG",), ("LOC", "GPE")
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ in place_labels and \
            any(h.kind == "country" for h in gaz.lookup(doc[end + 1].text, lex.lang)):
        return PLACE

    def neighbour(i: int, step: int) -> Token | None:
        """The word across one list separator from position i ("X, du Y", "X et Y")."""
        j = i + step
        while 0 <= j < len(doc) and doc[j].pos_ in ("DET", "ADP") and not doc[j].is_punct:
            j += step
        if not (0 <= j < len(doc)) or not (doc[j].text == "," or doc[j].lower_ in lex.profile.coordinators):
            return None
        j += step
        while 0 <= j < len(doc) and (doc[j].pos_ in ("DET", "ADP") or doc[j].lower_ in lex.profile.coordinators):
            j += step
        return doc[j] if 0 <= j < len(doc) else None

    for tok in (neighbour(start, -1), neighbour(end - 1, 1)):
        if tok is not None and tok.ent_type_ in org_labels:
            return ORGANIZATION
    return None


#: the labels the NER models of each language give organisations and places
RULER_LABELS_BY_LANG = {"fr": {"org": "ORG", "place": "LOC"}, "en": {"org": "ORG", "place": "GPE"}}


def entity_spans(doc: Doc, extra: list[tuple[int, int, str]] = (), lex: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """The NER spans as ``(start, end, label)`` and the ``extra`` spans of names the model missed, with
    two repairs: a lone capitalised first name the model split from the following name ("Michael" MISC +
    "Bloomberg" ORG) is one person; with ``lex``, an institution's name goes on through its name
    complement (:func:`_institution_names`)."""
    ents = _nicknamed(doc, sorted([(e.start, e.end, e.label_) for e in doc.ents] + list(extra)))
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(ents):
        s, e, label = ents[i]
        if i + 1 < len(ents):
            s2, e2, label2 = ents[i + 1]
            if s2 == e and e - s == 1 and label in ("MISC", "PER", "PERSON") and label2 in NAME_LABELS \
                    and e2 - s2 <= 2 and doc[s].is_title and all(t.is_title for t in doc[s2:e2]) \
                    and not doc[s].whitespace_ == "":
                person = "PERSON" if label2 == "PERSON" or label == "PERSON" else "PER"
                out.append((s, e2, person))
                i += 2
                continue
            if s2 == e and label == label2 == "ORG" and doc[e - 1].lower_ in ("'s", "’s") and \
                    doc[s2].is_title and doc[e - 2].is_title:
                # "the People's" + "Party for Freedom": one name the model cut at its possessive
                out.append((s, e2, label))
                i += 2
                continue
        out.append((s, e, label))
        i += 1
    return _institution_names(doc, out, lex) if lex is not None else out


QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "'"})


def nickname_at(doc: Doc, i: int) -> int | None:
    """Where a nickname in quotes inside a name ends (past its closing mark), when one opens at ``i``:
    one or two capitalised words in quotes between capitalised words (Frank "Greg" Ford)."""
    if not (0 < i < len(doc) - 3) or doc[i].text not in QUOTE_MARKS or not doc[i - 1].is_title:
        return None
    for n in (1, 2):
        j = i + 1 + n
        if j + 1 < len(doc) and doc[j].text in QUOTE_MARKS and doc[j + 1].is_title and \
                all(t.is_title and t.is_alpha for t in doc[i + 1:j]):
            return j + 1
    return None


def _nicknamed(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's name with a nickname in quotes, which the model cuts into pieces: one person."""
    person = next((label for _, _, label in spans if label in ("PER", "PERSON")), None)
    for i in range(1, len(doc) - 3):
        close = nickname_at(doc, i)
        if close is None:
            continue
        first = next((sp for sp in spans if sp[0] <= i - 1 < sp[1]), (i - 1, i, ""))
        last = next((sp for sp in spans if sp[0] <= close < sp[1]), (close, close + 1, ""))
        label = person or ("PER" if doc.lang_ == "fr" else "PERSON")
        merged = (min(first[0], i - 1), max(last[1], close + 1), label)
        spans = sorted([sp for sp in spans if sp[1] <= merged[0] or sp[0] >= merged[1]] + [merged])
    return spans


def _institution_names(doc: Doc, spans: list[tuple[int, int, str]], lex: Lexicon) -> list[tuple[int, int, str]]:
    """An institution's name the model cut after its category noun goes on through a name
    complement of capitalised words ("the House Committee | on the Judiciary", "la Cour | des
    Comptes"); the spans it swallows go."""
    orgs = {w for w, typ in lex.type_cues.items() if typ == ORGANIZATION}
    preps = lex.profile.preps("name")
    dets = lex.profile.definite_determiners
    label_at = {i: label for s, e, label in spans for i in range(s, e)}
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        if out and s < out[-1][1]:
            continue  # swallowed by the name before
        last = doc[e - 1]
        j = e
        if label in ("ORG", "MISC") and (last.lemma_.lower() in orgs or last.lower_ in orgs) and \
                j < len(doc) and doc[j].lower_.replace("’", "'") in preps:
            j += 1
            if j < len(doc) and doc[j].lower_.replace("’", "'") in dets:
                j += 1
            k = j
            while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha and \
                    label_at.get(k, "ORG") in ("ORG", "MISC") and not doc[k].is_sent_start:
                k += 1
            if k > j:
                e = k
        out.append((s, e, label))
    return out


def type_from_cue(doc: Doc, start: int, end: int, lex: Lexicon) -> str | None:
    """The type a category noun gives a name the NER could not type ("le collectif la Quadrature du
    Net", "l'association April", "the city of Charlotte")."""
    j = start - 1
    steps = 0
    while j >= 0 and steps < 4:
        t = doc[j]
        cue = lex.type_cues.get(t.lemma_.lower()) or lex.type_cues.get(t.lower_)
        if cue:
            return cue
        if not (t.pos_ in ("DET", "ADP", "ADJ") or t.text in (",", ":")):
            break
        j -= 1
        steps += 1
    head = doc[start:end].root.head
    return lex.type_cues.get(head.lemma_.lower())


def place_by_preposition(doc: Doc, start: int, end: int, lex: Lexicon) -> str | None:
    """A name the model left untyped after a preposition of place ("à Des Moines", "in Samarra") is a
    place."""
    root = doc[start:end].root
    preps = lex.locative_preps
    if any(c.dep_ == "case" and c.lower_ in preps for c in root.children) or \
            (root.head.pos_ == "ADP" and root.head.lower_ in preps and root.dep_ in ("pobj",)):
        return PLACE
    return None


def apposition_cue(doc: Doc, start: int, end: int, lex: Lexicon) -> str | None:
    """The type a category noun gives a name in apposition to it ("la principale association de
    défense des consommateurs, l'UFC-Que Choisir") or right before it ("le syndicat SUD")."""
    root = doc[start:end].root
    k = start - 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    after_comma = k >= 0 and doc[k].text == ","
    # an apposition, or a comma-separated nominal modifier (how parsers often read one)
    if root.dep_ in syntax.APPOS_DEPS or (after_comma and root.dep_ in ("nmod", "conj") and root.head.i < start):
        # (also "la fédération des banques, Febelfin", read as a conjunct of "banques")
        for head in (root.head, root.head.head):
            cue = lex.type_cues.get(head.lemma_.lower())
            if cue:
                return cue
    j = start - 1
    while j >= 0 and doc[j].pos_ == "DET":
        j -= 1
    return lex.type_cues.get(doc[j].lemma_.lower()) if j >= 0 and doc[j].pos_ == "NOUN" else None


def _holds_title(doc: Doc, start: int, end: int, blocked: set[int]) -> bool:
    """Whether a span of capitalised words names the holder of an office title (its ``blocked``
    tokens): right after the title that modifies it ("African Union mediator Thabo Mbeki"), or set off
    by commas after it, as its apposition or as the conjunct a parser often makes of one."""
    root = doc[start:end].root
    if not all(t.is_title or not t.is_alpha for t in doc[start:end]):
        return False
    if start >= 1 and start - 1 in blocked and start <= doc[start - 1].head.i < end:
        return True
    if start < 2 or doc[start - 1].text != ",":
        return False
    if not (end == len(doc) or doc[end].text in (",", ")") or doc[end].pos_ in ("AUX", "VERB")):
        return False
    title = root.head
    return root.dep_ in syntax.APPOS_DEPS | {"conj", "nmod"} and title.i < start and title.i in blocked


def named_mentions(doc: Doc, lex: Lexicon, gaz: Gazetteer, blocked: set[int],
                   demonyms: list[Mention] | None = None) -> list[Mention]:
    """Cleaned named-entity mentions; spans overlapping ``blocked`` tokens (office titles) are junk
    unless the gazetteer knows them."""
    out = []
    # a nationality of several words is no name, nor is part of it ("Sierra" of "Sierra Leonean")
    compound = [(m.start, m.end) for m in demonyms or () if m.end - m.start > 1]
    for s0, e0, label in entity_spans(doc, missed_names(doc, lex, gaz), lex):
        cleaned = clean_span(doc[s0:e0], lex)
        if cleaned is None:
            continue
        s, e = cleaned
        if any(s < de and ds < e and not (s <= ds and de <= e and e - s > de - ds) for ds, de in compound):
            continue
        if label in ("PER", "PERSON"):
            # a title or rank the model took into a person's name: "Chief Constable Hugh Orde",
            # "Sergeant Frank Ford", "le préfet Claude Érignac"; a common noun naming something after
            # a person: "l'affaire Merah"
            titled = False
            while s < e - 1 and (s in blocked or doc[s].lower_.rstrip(".") in lex.ranks or
                                 (doc[s].is_lower and doc[s].pos_ == "NOUN") or
                                 (titled and _complement_opening(doc, s, e, lex, gaz))):
                titled = titled or s in blocked
                s += 1
        elif s in blocked and e - 1 not in blocked:
            # a span that begins inside an office title ("Secretary of | State Blackwell"): what
            # follows the title is its holder's name
            while s < e - 1 and s in blocked:
                s += 1
            while s < e - 1 and _complement_opening(doc, s, e, lex, gaz):
                s += 1  # "ministre des Affaires étrangères | du Brésil": the complement's name
            if s - 1 in blocked and doc[s].is_title and all(_is_name_token(t) for t in doc[s:e]):
                label = "PERSON"
        text = surface(doc, s, e)
        if not any(ch.isupper() for ch in text):
            continue  # names are capitalised: "les amis de lyon en fête"
        entry = gaz_lookup(gaz, text, lex.lang, label)
        if entry is None and label in ("PER", "PERSON", "ORG") and e - s == 1 and place_by_preposition(doc, s, e, lex):
            # "arrived in Lyon", "à Florence", "near Lyon": a one-word name of a known place after a
            # preposition of place is that place, though the model read a person or an organisation
            entry = gaz_lookup(gaz, text, lex.lang, "LOC")
            label = label if entry is None else "LOC"
        if entry is None and e - s >= 2 and e < len(doc) and doc[e].pos_ == "NOUN" and \
                gaz.demonym(doc[e - 1].text, lex.lang) is not None and \
                all(t.pos_ == "ADJ" or t.dep_ == "amod" for t in doc[s:e - 1]):
            continue  # "Radical French farmers", "Angry Greek workers": adjectives and a nationality, no name
        if entry is None and is_capitalised_description(doc[s:e], lex, gaz):
            continue  # "le Parlement russe", "the French Government": a description, see kg.resolve
        if gaz.demonym(text, lex.lang) is not None and entry is None:
            continue  # nationality adjectives are handled as demonyms
        typ = entry.type if entry else NER_TYPES.get(label)
        if typ is None and label in ("MISC", "NORP"):
            typ = type_by_context(doc, s, e, lex, gaz) or (
                type_from_cue(doc, s, e, lex) or place_by_preposition(doc, s, e, lex) if label == "MISC" else None)
        if typ is None and label == "NORP":
            continue  # a people or a faith named as such ("Republicans"): a group, see kg.resolve
        elif entry is None and typ == PLACE and (apposition_cue(doc, s, e, lex) == ORGANIZATION or
                                                 lex.type_cues.get(doc[s:e].root.lemma_.lower()) == ORGANIZATION):
            # "l'association de consommateurs, l'UFC-Que Choisir", "la Cour d'assises", "the Supreme
            # Court": an institution read as a place
            typ = ORGANIZATION
        elif entry is None and typ in (PLACE, ORGANIZATION) and e - s >= 2 and _holds_title(doc, s, e, blocked):
            # "le président du Sri Lanka, Gotabaya Rajapaksa, …": a name of several words in apposition
            # to an office title is its holder's, whatever the model tagged it
            typ = PERSON
        if typ is None:
            continue  # MISC, DATE, MONEY ... unless the gazetteer or a category noun types it
        if entry is None and blocked.intersection(range(s, e)):
            continue  # "État" in "secrétaire d'État", "ministre russe des Affaires"
        if entry is None and not is_plausible_name(doc[s:e], lex) and \
                apposition_cue(doc, s, e, lex) != ORGANIZATION:
            continue  # (a name in apposition to "la fédération des banques" is one: "Febelfin")
        out.append(Mention(s, e, text, typ, entry))
    return _regions_in_context(out, demonyms or [])


def _regions_in_context(mentions: list[Mention], demonyms: list[Mention]) -> list[Mention]:
    """A region is linked to the gazetteer only when the text names its country (by name, nationality
    adjective, or a city or organisation of it), or when the region is known by name in both English and
    French (Corsica, Ohio, Bavaria): the names of lesser regions are often ordinary names elsewhere
    ("Charlotte" is a parish of Saint Vincent), and a wrong identifier is worse than none."""
    countries = set()
    for m in list(mentions) + list(demonyms):
        if m.gaz is not None and m.gaz.kind != "region":  # a region does not vouch for itself
            countries.add(m.gaz.id if m.gaz.kind == "country" else m.gaz.country)
    out = []
    for m in mentions:
        known_widely = len([lg for lg in ("en", "fr") if m.gaz is not None and m.gaz.names.get(lg)]) == 2
        if m.gaz is not None and m.gaz.kind == "region" and m.gaz.country not in countries and not known_widely:
            m = Mention(m.start, m.end, m.text, m.type, None, m.kind, m.alias)
        out.append(m)
    return out


def _complement_opening(doc: Doc, i: int, end: int, lex: Lexicon, gaz: Gazetteer) -> bool:
    """Whether token ``i`` opens a complement of a title inside a person span ("président | de la
    Commission", "ministre | du Brésil", "roi | de Suède"), not a particle of the name ("de Gaulle"):
    a preposition or article followed by an article, or by a name the gazetteer knows as no person."""
    t = doc[i]
    if not t.is_lower or t.pos_ not in ("ADP", "DET"):
        return False
    if t.pos_ == "DET" or (i + 1 < end and doc[i + 1].pos_ == "DET") or "Def" in t.morph.get("Definite"):
        return True
    rest = surface(doc, i + 1, end)
    return any(h.type != PERSON for h in gaz.lookup(rest, lex.lang))


def is_capitalised_description(span: Span, lex: Lexicon, gaz: Gazetteer) -> bool:
    """Whether a capitalised span is only a nationality and an agent noun ("Parlement russe", "the
    French Government", "Armée syrienne"): a state body named by description, not a name of its own
    ("Free Syrian Army" has a word more)."""
    words = [t for t in span if t.lower_ not in lex.determiners and not t.is_punct]
    if len(words) != 2:
        return False
    nationality = [t for t in words if gaz.demonym(t.text, lex.lang) is not None]
    agent = [t for t in words if t not in nationality and
             any(len(a.words) == 1 for a in lex.agents.by_head.get(t.lemma_.lower(), ()) +
                 lex.agents.by_head.get(t.lower_, ()))]
    return len(nationality) == 1 and len(agent) == 1


def is_plausible_name(span: Span, lex: Lexicon) -> bool:
    """General junk rules for a name the gazetteer does not know."""
    first = span[0]
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in span):
        return False  # names are capitalised
    if len(span) == 1:
        if first.pos_ in ("VERB", "AUX", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ") or (
                first.pos_ in ("NOUN", "ADJ") and not (first.text.isupper() and len(first.text) >= 2)):
            return False  # imperatives ("Lire"), common nouns ("État"), function words; acronyms pass
        if first.is_sent_start and first.pos_ not in ("PROPN",) and first.lemma_.lower() != first.lower_:
            return False
        if len(first.text) < 2:
            return False
    if all(t.is_stop or t.is_punct for t in span):
        return False
    return True


#: the longest nationality adjective the gazetteer writes in words ("Papua New Guinean")
MAX_DEMONYM_WORDS = 3


def demonym_mentions(doc: Doc, lex: Lexicon, gaz: Gazetteer) -> list[Mention]:
    """Nationality adjectives (russe, American, South Korean) as mentions of their country; one of
    several capitalised words is read whole before its single words ("Sierra Leonean" is not
    "Sierra")."""
    out = []
    i = 0
    while i < len(doc):
        m = _demonym_words(doc, i, lex, gaz) or _demonym_word(doc[i], lex, gaz)
        if m is not None:
            out.append(m)
            i = m.end
        else:
            i += 1
    return out


def _demonym_words(doc: Doc, i: int, lex: Lexicon, gaz: Gazetteer) -> Mention | None:
    for n in range(min(MAX_DEMONYM_WORDS, len(doc) - i), 1, -1):
        span = doc[i:i + n]
        if all(w.is_alpha and w.text[:1].isupper() for w in span):
            entry = gaz.demonym(span.text, lex.lang)
            if entry is not None:
                return Mention(i, i + n, span.text, entry.type, entry, kind="demonym")
    return None


def _demonym_word(t: Token, lex: Lexicon, gaz: Gazetteer) -> Mention | None:
    if t.pos_ not in ("ADJ", "PROPN", "NOUN") and t.ent_type_ != "NORP":
        return None
    prev = t.doc[t.i - 1] if t.i > 0 else None
    if t.ent_type_ == "NORP" and t.ent_iob_ == "I" and prev.text[:1].isupper() and \
            (not prev.is_sent_start or prev.pos_ == "PROPN") and gaz.demonym(prev.text, lex.lang) is None:
        return None  # the end of a larger name of people: "Latin American", "South American", "African American"
    if prev is not None and prev.text == "-" and not prev.whitespace_ and t.i > 1 and \
            t.doc[t.i - 2].text[:1].isupper() and not t.doc[t.i - 2].whitespace_ and \
            gaz.demonym(t.doc[t.i - 2:t.i + 1].text, lex.lang) is None:
        return None  # "Latin-American", "Afro-American", "Anglo-American": not one country's
    entry = gaz.demonym(t.text, lex.lang)
    if entry is None and t.ent_type_ == "NORP" and t.text[:1].isupper():
        # a country name the model read as a nationality: "the Mozambique government"
        entry = next((h for h in gaz.lookup(t.text, lex.lang) if h.kind == "country"), None)
    if entry is None:
        return None
    return Mention(t.i, t.i + 1, t.text, entry.type, entry, kind="demonym")


def role_mentions(doc: Doc, lex: Lexicon, gaz: Gazetteer, names: list[Mention],
                  demonyms: list[Mention]) -> list[RoleMention]:
    """Office titles with their affiliation and named holder, by surface patterns that hold in both
    languages: title + name ("le président russe Vladimir Poutine", "President Bush"), name + comma +
    title ("Xi Jinping, the President of China"), title + comma + name ("the President of Chile,
    Gabriel Boric"), nationality before the title ("Brazilian President"), possessive
    ("Congo's president", "Airbus and its CEO X") and complements ("le maire de Montréal", "du
    collectif X"); a party may qualify the title ("le député PS X", "Democratic Senator X")."""
    by_start = {m.start: m for m in names}
    by_end = {m.end: m for m in names}
    dem_at = {m.start: m for m in demonyms}
    dem_end = {m.end - 1: m for m in demonyms}  # "South Korean President"
    out = []
    for s, e, role, dem in role_matches(doc, lex, gaz):
        affiliation = dem_at.get(dem) if dem is not None else None
        # a party after the title: "le député PS X", "le maire UMP de Nice, X", "un candidat républicain"
        party = _party_at(doc, e, by_start, lex, gaz)
        if party is not None:
            e = party[1]
        # nationality or country just before: "Brazilian President", "U.S. Secretary of State", "Congo's"
        j = s - 1
        while j >= 0 and (doc[j].lower_ in lex.determiners or doc[j].lower_ in lex.role_modifiers):
            j -= 1  # "Taiwan's Vice Foreign Minister", "the former Brazilian president"
        if party is None and j >= 0 and doc[j].text[:1].isupper() and gaz.is_party_adjective(doc[j].text, lex.lang):
            party = (j, j + 1)  # "Democratic Senator X"
        elif affiliation is None and j >= 0:
            if j in dem_at or j in dem_end:
                affiliation = dem_at.get(j) or dem_end[j]
            elif doc[j].lower_ in lex.profile.organisation_possessives:
                affiliation = _possessor_organisation(doc, j, names)  # "Airbus and its CEO X"
            else:
                k = j - 1 if doc[j].lower_.replace("’", "'") in lex.profile.possessive_markers else j
                m = by_end.get(k + 1)
                if m is not None and m.type in (PLACE, ORGANIZATION):
                    affiliation = m
        end = e
        # complement: "de/du/of (the) (noun) X"
        of = lex.profile.preps("of")
        if affiliation is None and e < len(doc) and doc[e].lower_ in of:
            k = e + 1
            while k < len(doc) and k < e + 4 and k not in by_start and not doc[k].is_punct:
                k += 1
            m = by_start.get(k)
            if m is not None and _is_portfolio(m, doc, lex):
                end = m.end  # "ministre de l'Enseignement supérieur, X": the portfolio, whose it is unsaid
            elif m is not None and m.type in (PLACE, ORGANIZATION):
                affiliation, end = m, m.end
        # the holder: a person named right after the title (optionally after a comma) ...
        holder = None
        k = end
        place = _place_complement(doc, k, by_start, lex)
        if place is not None:  # "l'ambassadeur de France en Afghanistan, X": where the office is held
            k = place.end
        comma = k < len(doc) and doc[k].text == ","
        if comma:
            k += 1
        m = by_start.get(k)
        if m is not None and comma and _complement_of_noun(doc, s, e, lex):
            m = None  # "la veuve du président de X, Y": the name after the comma is the widow's
        if m is None and k < len(doc) and doc[k].lower_ in of:
            # "le chef de l'opposition Raila Odinga": a short complement, then the name
            # ("le ministre français de l'Enseignement supérieur, X": past the portfolio)
            skip = -1
            for k2 in range(k + 1, min(len(doc), k + 8)):
                if k2 < skip:
                    continue
                if doc[k2].is_punct and doc[k2].text != "," or doc[k2].pos_ in ("VERB", "AUX"):
                    break
                if k2 in by_start and _is_portfolio(by_start[k2], doc, lex):
                    skip = by_start[k2].end
                elif k2 in by_start:
                    # ("ministre du régime d'Hosni Moubarak": a name after "de" is the complement's)
                    if doc[k2 - 1].lower_ not in of and doc[k2 - 1].pos_ != "ADP":
                        m = by_start[k2]
                    break
        if m is not None and m.type == PERSON:
            holder = m
        else:
            # ... or right before it: "Xi Jinping, the President of ...", "Jane Doe, Oxfam's director",
            # "Ban Ki-moon, the former UN secretary-general"
            j = s - 1
            while j >= 0 and (doc[j].lower_ in lex.determiners or doc[j].lower_ in lex.role_modifiers or
                              j in dem_at or j in dem_end or
                              (affiliation is not None and affiliation.start <= j < affiliation.end)):
                j -= 1
            if affiliation is not None and affiliation.end <= s and j >= 0 and \
                    doc[j].lower_.replace("’", "'") in lex.profile.possessive_markers:
                j = affiliation.start - 1  # the possessor before the title is part of its phrase
                while j >= 0 and doc[j].lower_ in lex.determiners:
                    j -= 1
            if j >= 0 and doc[j].text == "," and not _plural(doc[s:e]):
                m = by_end.get(j)
                # (not a source with the clause's subject after it: "according to X, members of Y
                # said …"; an apposition closed by a comma is the source's: "selon X, président de Y, …";
                # a state or organisation holds a membership too: "Hungary, a member of NATO, …")
                member = role.relation == "member_of" and m is not None and \
                    (m.type == ORGANIZATION or (m.gaz is not None and m.gaz.kind == "country"))
                if m is not None and (m.type == PERSON or member) and \
                        (not _after_source_marker(doc, m.start, lex) or (end < len(doc) and doc[end].text == ",")):
                    holder = m
        if holder is None:
            # a person followed by the title in parentheses: "Jane Doe (Acme company president)",
            # "John Roe (Acme, state mining company, chairman)"
            open_i = next((k for k in range(s - 1, max(-1, s - 10), -1) if doc[k].text in ("(", ")")), None)
            if open_i is not None and doc[open_i].text == "(":
                m = by_end.get(open_i)
                close = next((k for k in range(e, min(len(doc), e + 10)) if doc[k].text == ")"), None)
                if m is not None and m.type == PERSON and close is not None:
                    holder = m
                    if affiliation is None:
                        inside = [x for x in names if open_i < x.start and x.end <= close
                                  and x.type in (PLACE, ORGANIZATION)]
                        affiliation = inside[0] if inside else None
        if holder is None:
            # "X is the chairman of Y", "X est devenu président de Y", "X was elected president of Y"
            holder = _predicate_holder(doc, s, end, names, lex, members=role.relation == "member_of")
        if holder is None and _plural(doc[s:e]):
            # "Some Brazilian ministers were present: A (Economy), B (Agriculture) …": each named holds it
            colon = next((k for k in range(e, min(doc[s].sent.end, e + 8)) if doc[k].text == ":"), None)
            if colon is not None:
                for m in names:
                    if m.type == PERSON and colon < m.start < doc[s].sent.end:
                        out.append(RoleMention(s, e, role, affiliation, m, party))
                continue
        out.append(RoleMention(s, end, role, affiliation, holder, party))
    return out


def _party_at(doc: Doc, i: int, by_start: Mapping[int, Mention], lex: Lexicon,
              gaz: Gazetteer) -> tuple[int, int] | None:
    """A party qualifying the title that ends before token ``i``: an adjective the gazetteer knows
    for a party ("socialiste", "démocrate") or a party's name ("PS", "UMP"), where a name or a
    complement of the title may follow."""
    if i >= len(doc):
        return None
    t = doc[i]
    if t.pos_ in ("ADJ", "NOUN", "PROPN") and gaz.is_party_adjective(t.text if lex.lang == "en" else t.lower_, lex.lang):
        return i, i + 1
    m = by_start.get(i)
    if m is not None and m.type == ORGANIZATION and m.gaz is not None and m.gaz.kind == "organisation" \
            and m.gaz.sector is None and m.gaz.country is not None and m.end < len(doc) and \
            (m.end in by_start or doc[m.end].text == "," or doc[m.end].lower_ in lex.profile.preps("of")):
        return m.start, m.end  # a national party's name, then the holder or the title's complement
    return None


def _possessor_organisation(doc: Doc, j: int, names: list[Mention]) -> Mention | None:
    """The organisation a possessive determiner at ``j`` stands for: the last named before it in the
    sentence, with no person named between ("Airbus and its CEO", not "Airbus said Smith and his")."""
    sent_start = doc[j].sent.start
    before = [m for m in names if sent_start <= m.start and m.end <= j]
    if before and before[-1].type == ORGANIZATION:
        return before[-1]
    return None


def _is_portfolio(m: Mention, doc: Doc, lex: Lexicon) -> bool:
    """Whether a name after a title is the title's portfolio ("de l'Enseignement supérieur")."""
    return m.gaz is None and m.type == ORGANIZATION and doc[m.start].lemma_.lower() in lex.profile.portfolio_nouns


def _complement_of_noun(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a title is the "of" complement of a noun of a person before it ("la veuve du président",
    "the spokesman of the president"): a name in apposition after the whole phrase names that person
    (but after "la position du président de X, Y" it names the president)."""
    head = next((doc[i] for i in range(start, end) if not (start <= doc[i].head.i < end)), None)
    if head is None or head.head.i >= start:
        return False
    of = lex.profile.preps("of")
    outer = None
    if head.dep_ in syntax.OBLIQUE_DEPS and any(c.dep_ in syntax.CASE_DEPS and c.lower_ in of for c in head.children):
        outer = head.head
    elif head.dep_ in syntax.POBJ_DEPS and head.head.lower_ in of and head.head.head.i < start:
        outer = head.head.head
    if outer is None or outer.pos_ not in ("NOUN", "PROPN"):
        return False
    words = (outer.lower_, outer.lemma_.lower())
    return any(w in lex.profile.relative_nouns or w in lex.role_index or
               any(a.person for a in lex.agents.by_head.get(w, ())) for w in words)


def _predicate_holder(doc: Doc, start: int, end: int, names: list[Mention], lex: Lexicon,
                      members: bool = False) -> Mention | None:
    """The person a title is said of as a predicate: the subject of a copula whose predicate noun it
    is ("X is the chairman of Y"; UD: the title heads the clause with a 'cop' child), or of a
    passive naming verb ("X was elected president"). Only an asserted, affirmative clause; a relative
    pronoun subject stands for its antecedent ("X, who is the chairman of Y"). With ``members``, a
    state or organisation may be the holder too ("Chile is a member of Mercosur")."""
    prof = lex.profile
    head = next((doc[i] for i in range(start, end) if not (start <= doc[i].head.i < end) or doc[i].head.i == i), None)
    if head is None:
        return None
    verb, subj = None, None
    if any(c.dep_ == "cop" and c.lemma_.lower() in prof.copular_verbs for c in head.children):
        verb = head  # UD: "X est le président de Y"
    elif head.dep_ in ("attr", "oprd", "xcomp", "acomp") and head.head != head:
        lemma = head.head.lemma_.lower()
        if lemma in prof.copular_verbs or (lemma in prof.naming_verbs and syntax.is_passive(head.head)):
            verb = head.head
    if verb is None or syntax.is_negated(verb, lex) or syntax.modality(verb, lex) != ASSERTED:
        return None
    for c in verb.children:
        if c.dep_ in syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS:
            subj = syntax.antecedent(c)
            break
    if subj is None:
        return None
    m = next((m for m in names if m.start <= subj.i < m.end), None)
    if m is not None and members and (m.type == ORGANIZATION or (m.gaz is not None and m.gaz.kind == "country")):
        return m
    return m if m is not None and m.type == PERSON else None


def _place_complement(doc: Doc, k: int, by_start: Mapping[int, Mention], lex: Lexicon) -> Mention | None:
    """A place complement right after a title ("en Afghanistan", "to Afghanistan", "à Paris"): a
    preposition, an article maybe, and a place named."""
    if k >= len(doc) or doc[k].pos_ != "ADP" or doc[k].lower_ in lex.profile.preps("of"):
        return None
    j = k + 1
    if j < len(doc) and doc[j].lower_ in lex.determiners:
        j += 1
    m = by_start.get(j)
    return m if m is not None and m.type == PLACE else None


def _after_source_marker(doc: Doc, start: int, lex: Lexicon) -> bool:
    """Whether a name is the source a marker introduces ("according to X", "selon X")."""
    j = start
    while j > 0 and doc[j - 1].lower_ in lex.determiners:
        j -= 1
    return any(tuple(t.lower_ for t in doc[max(0, j - len(m)):j]) == m for m in lex.source_markers)


def _plural(span: Span) -> bool:
    return any("Plur" in t.morph.get("Number") for t in span if t.pos_ == "NOUN")
