"""Resolution across documents: the entities of many documents -> one node per real-world entity.

Each document is resolved on its own first (:mod:`kg.resolve`); its entities carry *local* keys
derived from a gazetteer label or from the name the text gives. :class:`EntityIndex` gathers the
entities of every document of a corpus and maps each local key to a *canonical* key, conservatively:

1. the same key is the same entity (keys come from gazetteer labels or exact canonical names, so
   "NATO" and "OTAN" already share a key through the gazetteer), and so is the same name of two words or
   more written with other capitals ("Assemblée nationale", "Assemblée Nationale");
2. the same Wikidata or GeoNames identifier is the same entity;
3. a one-word person name ("Okonjo") is the person whose longer name ends with that word (a surname,
   never a first name: "Bruce" is not Bruce Springsteen, nor a word inside the name: "David" is not
   "Jababeka David Quentin", a place the NER glued to a name), only when exactly one person of the corpus
   does, and no document names both as different people. Two people who share a surname ("John Smith",
   "Mary Smith") are never merged with each other, and the bare "Smith" then stays apart from both;
4. middle initials are variants of one name: a person named without them ("John Public") and the person
   named with them ("John Q. Public") are one entity when each is the only match of the other. Different
   initials are different people ("George W. Bush", "George H. W. Bush"), and "George Bush" then stays
   apart from both.

The result depends only on the *set* of documents, not on their order, so an interrupted and resumed
build, or a build with several workers, gives the same graph as a single uninterrupted one.

Pure: no I/O. :mod:`kg.store` feeds it from the store.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .model import ENTITY_TYPES, PERSON, Document, Entity, Provenance, Statement

__all__ = ["EntityIndex", "label_clashes", "name_form", "extraction_to_json", "extraction_from_json", "map_statement"]


@dataclass
class _Info:
    """What the corpus says about one local key, summed over documents."""

    labels: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    alt_labels: set = field(default_factory=set)
    wikidata: set = field(default_factory=set)
    geonames: set = field(default_factory=set)
    part_of: set = field(default_factory=set)  # local keys of what an actor named by description belongs to
    local_to: set = field(default_factory=set)  # the document of an actor named only by description

    def label(self) -> str:
        # the most frequent form, ties broken by the string: independent of document order
        return min(self.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def type(self) -> str:
        return min(self.types.items(), key=lambda kv: (-kv[1], ENTITY_TYPES.index(kv[0])
                                                       if kv[0] in ENTITY_TYPES else len(ENTITY_TYPES)))[0]


def fold(text: str) -> str:
    """Lowercase without accents, as :func:`kg.extract.entities.fold` (not imported: it loads spaCy)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _tokens(label: str) -> list[str]:
    return fold(label).replace(".", " ").split()


def _middle_initials(toks: list[str]) -> bool:
    return len(toks) >= 3 and any(len(t) == 1 and t.isalpha() for t in toks[1:-1])


def _without_initials(toks: list[str]) -> str:
    """A name's form without its middle initials: "john q public" -> "john public"."""
    return " ".join([toks[0]] + [t for t in toks[1:-1] if not (len(t) == 1 and t.isalpha())] + [toks[-1]])


def name_form(label: str) -> str:
    """The form names are compared by: lowercase, no accents, dots as spaces ("Viktor F. Yanukovych" ->
    "viktor f yanukovych")."""
    return " ".join(_tokens(label))


def label_clashes(entities: Iterable[Entity]) -> dict[str, list[str]]:
    """Names that two nodes hold, as ``{name form: sorted keys}``: the invariant of a build is that there
    are none.

    A clash is a name of two words or more that is one node's own label and a label or alternative label
    of another ("Viktor F. Yanukovych" as a node and as another node's alternative label: one person split
    in two). One-word forms are no clash (a surname alone may name several people, "Whitcombe" beside Mary
    and Peter Whitcombe), nor are alternative labels no node has as its own label (a title such as
    "Ukrainian Prime Minister", held by several people over the years); nodes local to one document (a
    group named by description, "the rebels") are left out."""
    ents = [e for e in entities if not e.local_to]
    holders: dict[str, set[str]] = {}
    for e in ents:
        for text in {e.label} | {t for t, _ in e.alt_labels}:
            holders.setdefault(name_form(text), set()).add(e.key)
    out = {}
    for e in ents:
        form = name_form(e.label)
        if len(form.split()) >= 2 and len(holders.get(form, ())) > 1:
            out[form] = sorted(holders[form])
    return dict(sorted(out.items()))


class EntityIndex:
    """Every entity of a corpus by local key, and the map from local keys to canonical keys.

    Add documents with :meth:`add`; then :meth:`canonical` maps a local key and :meth:`describe` gives the
    merged :class:`~kg.model.Entity` of a canonical key. Adding more documents may change earlier answers
    (a second "Smith" makes a bare "Smith" ambiguous): callers recompute what they derived.

    Examples
    --------
    >>> idx = EntityIndex()
    >>> idx.add([Entity("Marta_Ruiz_Okonjo", "Marta Ruiz Okonjo", "Person")])
    >>> idx.add([Entity("Okonjo", "Okonjo", "Person")])
    >>> idx.canonical("Okonjo")
    'Marta_Ruiz_Okonjo'
    >>> idx.add([Entity("Pedro_Okonjo", "Pedro Okonjo", "Person")])
    >>> idx.canonical("Okonjo")
    'Okonjo'
    """

    def __init__(self) -> None:
        self.info: dict[str, _Info] = {}
        self._parent: dict[str, str] = {}
        self._by_id: dict[tuple[str, str], str] = {}
        self._by_form: dict[str, str] = {}  # name form of 2+ words -> the first key seen with it
        self._persons_by_token: dict[str, set[str]] = {}  # folded word -> longer person names it ends
        self._conflicts: set[tuple[str, str]] = set()  # (short key, long key) named apart in one document
        self._short: dict[str, set[str]] = {}  # folded word -> keys of one-word person names
        self._initialled: dict[str, set[str]] = {}  # name form without initials -> person names with them
        self._bare: dict[str, set[str]] = {}  # name form -> person names of 2+ words without middle initials
        self._members: dict[str, set[str]] = {}  # cluster root -> its keys (only for clusters of 2+)
        self._cache: dict[str, str] | None = None

    # -- building ---------------------------------------------------------------------------------
    def add(self, entities: Iterable[Entity]) -> None:
        """Add the entities of one document."""
        entities = list(entities)
        self._cache = None
        for e in entities:
            info = self.info.get(e.key)
            if info is None:
                info = self.info[e.key] = _Info()
                self._parent[e.key] = e.key
            info.labels[e.label] += 1
            info.types[e.type] += 1
            info.alt_labels |= set(e.alt_labels)
            if e.part_of:
                info.part_of.add(e.part_of)
            if e.local_to:
                info.local_to.add(e.local_to)
            for scheme, value in (("wd", e.wikidata), ("gn", e.geonames)):
                if value:
                    (info.wikidata if scheme == "wd" else info.geonames).add(value)
                    other = self._by_id.setdefault((scheme, str(value)), e.key)
                    self._union(other, e.key)
            toks = _tokens(e.label)
            if len(toks) >= 2 and not e.local_to:
                # (never a group local to its document: "two gunmen" here are not those of another text)
                self._union(self._by_form.setdefault(" ".join(toks), e.key), e.key)
            if e.type == PERSON and len(toks) >= 2:
                # the last word only: "Bruce" alone is no evidence for Bruce Springsteen, nor "David" for
                # "Jababeka David Quentin"
                self._persons_by_token.setdefault(toks[-1], set()).add(e.key)
                if _middle_initials(toks):
                    self._initialled.setdefault(_without_initials(toks), set()).add(e.key)
                else:
                    self._bare.setdefault(" ".join(toks), set()).add(e.key)
            elif len(toks) == 1:
                self._short.setdefault(toks[0], set()).add(e.key)
        # the document's own resolution kept a short name apart from a longer one holding it: evidence
        # that they are different people (or that the text could not tell)
        longer = [e for e in entities if e.type == PERSON and len(_tokens(e.label)) >= 2]
        for e in entities:
            toks = _tokens(e.label)
            if e.type == PERSON and len(toks) == 1:
                for f in longer:
                    if toks[0] == _tokens(f.label)[-1]:
                        self._conflicts.add((e.key, f.key))
            elif e.type == PERSON and len(toks) >= 2 and not _middle_initials(toks):
                for f in longer:  # "John Public" kept apart from "John Q. Public"
                    ft = _tokens(f.label)
                    if _middle_initials(ft) and _without_initials(ft) == " ".join(toks):
                        self._conflicts.add((e.key, f.key))

    def _find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # the root is the smaller key, so the structure itself does not depend on order
            lo, hi = sorted((ra, rb))
            self._parent[hi] = lo
            self._members.setdefault(lo, {lo}).update(self._members.pop(hi, {hi}))

    # -- reading ----------------------------------------------------------------------------------
    def _cluster(self, key: str) -> set[str]:
        root = self._find(key)
        return self._members.get(root, {root})

    def _rank(self, key: str) -> tuple:
        info = self.info[key]
        return (not (info.wikidata or info.geonames), -len(_tokens(info.label())), key)

    def _type(self, members: Iterable[str]) -> str:
        types = Counter()
        for m in members:
            types.update(self.info[m].types)
        return min(types.items(), key=lambda kv: (-kv[1], ENTITY_TYPES.index(kv[0])
                                                   if kv[0] in ENTITY_TYPES else len(ENTITY_TYPES)))[0]

    def _best(self, members: Iterable[str]) -> str:
        return min(members, key=self._rank)

    def _variant_roots(self, root: str) -> set[str]:
        """The person clusters that name the same person as cluster ``root`` with or without middle
        initials (rule 4): for a cluster named with initials, those named without them, and the reverse."""
        members = self._cluster(root)
        forms = [_tokens(self.info[m].label()) for m in members]
        if self._type(members) != PERSON or not any(len(t) >= 2 for t in forms):
            return set()
        if any(_middle_initials(t) for t in forms):
            keys = {k for t in forms if _middle_initials(t) for k in self._bare.get(_without_initials(t), ())}
        else:
            keys = {k for t in forms if len(t) >= 2 for k in self._initialled.get(" ".join(t), ())}
        roots = {self._find(k) for k in keys} - {root}
        return {r for r in roots if self._type(self._cluster(r)) == PERSON}

    def _variant_of(self, root: str) -> str | None:
        """The one cluster that is the same person as ``root`` by rule 4, when each is the only match of
        the other and no document named them apart."""
        others = self._variant_roots(root)
        if len(others) != 1:
            return None
        other = next(iter(others))
        if self._variant_roots(other) != {root}:
            return None
        a, b = self._cluster(root), self._cluster(other)
        if any((x, y) in self._conflicts or (y, x) in self._conflicts for x in a for y in b):
            return None
        return other

    def canonical(self, key: str) -> str:
        """The canonical key of a local key (the key itself when the index does not know it)."""
        if key not in self.info:
            return key
        if self._cache is not None and key in self._cache:
            return self._cache[key]
        members = self._cluster(key)
        target = self._best(members)
        single = all(len(_tokens(self.info[m].label())) == 1 for m in members)
        ids = any(self.info[m].wikidata or self.info[m].geonames for m in members)
        root = self._find(key)
        if single and not ids and self._type(members) == PERSON:
            word = _tokens(self.info[target].label())[0]
            # the persons whose name ends with the word, each as its canonical entity (rule 4 may make
            # "John Public" and "John Q. Public" one)
            cands: dict[str, set[str]] = {}
            for k in self._persons_by_token.get(word, ()):
                r = self._find(k)
                if r != root and self._type(self._cluster(r)) == PERSON:
                    cands.setdefault(self.canonical(k), set()).update(self._cluster(r))
            if len(cands) == 1:
                (other_target, other), = cands.items()
                if not any((m, k) in self._conflicts for m in members for k in other):
                    target = other_target
        elif not single:
            other = self._variant_of(root)
            if other is not None:
                target = self._best(members | self._cluster(other))
        if self._cache is None:
            self._cache = {}
        for m in members:
            self._cache[m] = target
        return target

    def mapping(self) -> dict[str, str]:
        """Local key -> canonical key, for every key of the corpus."""
        return {key: self.canonical(key) for key in sorted(self.info)}

    def members(self) -> dict[str, list[str]]:
        """Canonical key -> the local keys it merges, sorted."""
        out: dict[str, list[str]] = {}
        for local, canon in self.mapping().items():
            out.setdefault(canon, []).append(local)
        return out

    def describe(self, canonical: str, members: Iterable[str] | None = None) -> Entity:
        """The merged entity of a canonical key: its own label, the type most documents give, every
        other form as an alternative label, and its identifiers.

        ``members`` are the local keys merged into it (default: its cluster, and the one-word names that
        resolve to it)."""
        if members is None:
            cluster = set(self._cluster(canonical))
            other = self._variant_of(self._find(canonical))
            if other is not None:
                cluster |= self._cluster(other)
            words = {w for m in cluster for w in _tokens(self.info[m].label())}
            shorts = {k for w in words for k in self._short.get(w, ())}
            members = [k for k in cluster | shorts if self.canonical(k) == canonical]
        members = sorted(members)
        own = self.info[canonical]
        alt: set = set()
        for m in members:
            alt |= self.info[m].alt_labels
        wikidata = min(own.wikidata) if own.wikidata else min(
            (w for m in members for w in self.info[m].wikidata), default=None)
        geonames = min(own.geonames) if own.geonames else min(
            (g for m in members for g in self.info[m].geonames), default=None)
        owners = sorted({self.canonical(k) for m in members for k in self.info[m].part_of} - {canonical})
        return Entity(canonical, own.label(), self._type(members), frozenset(alt), wikidata, geonames,
                      owners[0] if owners else None, min(own.local_to) if own.local_to else None)


def map_statement(st: Statement, mapping: Mapping[str, str]) -> Statement:
    """A statement with its entity keys replaced by canonical ones."""
    p = st.provenance
    attributed = mapping.get(p.attributed_to, p.attributed_to) if p.attributed_to else None
    return Statement(
        subject=mapping.get(st.subject, st.subject), relation=st.relation,
        object=mapping.get(st.object, st.object) if st.object else None,
        provenance=Provenance(p.document, p.sentence, p.begin, p.end, attributed),
        quote=st.quote, lang=st.lang, polarity=st.polarity, modality=st.modality,
        confidence=st.confidence, role=st.role, event_code=st.event_code, basis=st.basis,
        date=st.date, place=mapping.get(st.place, st.place) if st.place else None)


# -- a document's extraction as JSON (the store keeps it to re-derive the graph) --------------------
def extraction_to_json(document: Document, entities: Iterable[Entity], statements: Iterable[Statement]) -> str:
    """Everything the graph of a document is made from, as deterministic JSON (the text itself is not
    needed: statements carry their evidence and original offsets)."""
    data = {
        "document": {"id": document.id, "source": document.source, "lang": document.lang,
                     "title": document.title, "meta": dict(sorted(document.meta.items()))},
        "entities": [{"key": e.key, "label": e.label, "type": e.type, "alt": sorted(e.alt_labels),
                      "wikidata": e.wikidata, "geonames": e.geonames, "part_of": e.part_of,
                      "local_to": e.local_to} for e in entities],
        "statements": [{"s": st.subject, "r": st.relation, "o": st.object,
                        "p": [st.provenance.document, st.provenance.sentence, st.provenance.begin,
                              st.provenance.end, st.provenance.attributed_to],
                        "q": st.quote, "lang": st.lang, "pol": st.polarity, "mod": st.modality,
                        "c": st.confidence, "role": st.role, "code": st.event_code,
                        **({"basis": st.basis} if st.basis else {}),
                        **({"date": st.date} if st.date else {}),
                        **({"place": st.place} if st.place else {})} for st in statements],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def extraction_from_json(text: str) -> tuple[Document, list[Entity], list[Statement]]:
    """The inverse of :func:`extraction_to_json` (the document comes back without its text)."""
    data = json.loads(text)
    d = data["document"]
    doc = Document(id=d["id"], source=d["source"], lang=d["lang"], text="", offsets=(0,), title=d["title"],
                   meta=d["meta"])
    entities = [Entity(e["key"], e["label"], e["type"], frozenset(tuple(a) for a in e["alt"]), e["wikidata"],
                       e["geonames"], e.get("part_of"), e.get("local_to")) for e in data["entities"]]
    statements = [Statement(subject=s["s"], relation=s["r"], object=s["o"], provenance=Provenance(*s["p"]),
                            quote=s["q"], lang=s["lang"], polarity=s["pol"], modality=s["mod"],
                            confidence=s["c"], role=s["role"], event_code=s["code"], basis=s.get("basis"),
                            date=s.get("date"), place=s.get("place"))
                  for s in data["statements"]]
    return doc, entities, statements
