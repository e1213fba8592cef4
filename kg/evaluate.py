"""Score kg against gold annotations: precision, recall and F1 for entities and relations.

Two gold formats are read, one record per line of a JSONL file (or one record in a ``.json`` file):

**Articles** (the format of ``eval/score.py``): ``id``, ``lang``, ``text``, ``entities`` (``name``,
``aliases``), ``optional_entities``, ``excluded_entities``, ``relations`` (``source``, ``relation``,
``target``, ``symmetric``, ``alternatives``), ``optional_relations``, ``statements`` (``speaker``),
``forbidden_relations``. A record without ``text`` names its article file in ``document``.
Each article becomes a one-document knowledge graph, exported in memory with
:func:`kg.export.to_rdf`, and :func:`score_graph` scores the RDF with the rules of ``score.py``:

- an entity node is any IRI with a label (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``,
  ``schema:name``, ``foaf:name``); names compare after :func:`norm`;
- a gold entity is found by its primary name, else by one of its aliases; found on more than one node,
  it is *fragmented*;
- an edge is a direct triple between entity nodes, or a reified statement that is not negative,
  whatever its modality; relations compare by :func:`local_name`;
- a gold relation is found when an edge has its relation (or an alternative) between its entities,
  either way round when ``symmetric``;
- relation precision is ``1 - wrong / among_gold``: among the edges between gold entities, those that
  match no gold relation are wrong; edges that match an optional relation, and the reverse of a
  matched edge, are neither rewarded nor penalised;
- a forbidden (negated or denied) relation present as an edge is counted;
- a statement (``speaker``) is found when the speaker is the subject of a ``said`` edge or statement;
- a gold relation may give the ``date`` (ISO: ``2012-07-04``, ``2012-01`` or ``2012``) and the ``place``
  (a gold entity's name) of its event: among the reified statements that match it, its date is *found*
  when one carries a ``kgo:date``, *correct* when one carries that date; its place likewise with
  ``kgo:place`` and the place's nodes. Date and place precision is correct / found, recall correct / gold.

*Entity precision* is not in ``score.py``; here it is the share of entity nodes whose names match a
gold entity, an optional entity or one of their aliases (an alias match counts even when it makes a
fragment). The gold lists the entities that matter to its relations, not every place the article
mentions, so this is a lower bound.

Totals are micro-averaged over records exactly as ``eval/run_jsonl.py`` does: the counts are summed,
then ``entity_recall = found / entities``, ``relation_recall = found / relations``,
``relation_precision = 1 - wrong / among_gold`` and so on.

**PLOVER sentences** (``plover-gsr-dev.jsonl``): ``id``, ``text`` and ``expected`` triples (``source``,
``target``, ``cameo_root``, ``plover_event``, ``relation_category``, ``symmetric``). See
:func:`score_plover` for what counts as found, and :func:`actor_matches` for how an actor text matches
an entity.

:func:`evaluate_records` is pure (records and extractions in, a report dict out); :func:`evaluate` runs
the pipeline over the records, with the models loaded once; :func:`read_gold` is the only I/O;
:func:`format_report` renders a report as text.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from .errors import InputError
from .model import EVENT_RELATIONS, NEGATIVE, RELATIONS, Document, Entity, Statement

__all__ = [
    "ARTICLE", "PLOVER", "PLOVER_RENAMES", "PLOVER_NON_EVENTS", "norm", "local_name", "entity_names",
    "graph_edges", "score_graph", "record_graph", "RelationCode", "relation_codes", "fold", "actor_matches",
    "relation_matches", "score_plover", "record_kind", "check_record", "document_for", "evaluate_records",
    "evaluate", "read_gold", "format_report",
]

#: the two kinds of gold record
ARTICLE, PLOVER = "article", "plover"

SCHEMA = Namespace("https://schema.org/")
SCHEMA_HTTP = Namespace("http://schema.org/")
#: the predicates whose literal objects name an entity node
LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, SCHEMA_HTTP.name, FOAF.name)
#: predicates (by local name) that link entity nodes without being relations
NOT_RELATIONS = frozenset({
    "type", "sameas", "label", "preflabel", "altlabel", "name", "seealso", "subclassof", "subpropertyof",
    "equivalentclass", "equivalentproperty", "differentfrom", "member", "haspart", "ispartof", "mentions",
    "about",
})
#: relations (by local name) that make a statement: a speaker is found through them
SAID = frozenset({"said", "stated", "declared"})
_LEADING = re.compile(r"^(l'|le |la |les |the |m\. |mme |mr\.? |mrs\.? |president )")

#: PLOVER categories of the older gold records -> the PLOVER 0.7 names used in ontologies/kg.ttl
#: (0.7 merges DISAPPROVE and INVESTIGATE into ACCUSE, FIGHT into ASSAULT, and renames DEMAND REQUEST)
PLOVER_RENAMES = {"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT", "DEMAND": "REQUEST"}
#: relations that are not events for PLOVER precision: states, and comments PLOVER does not code
PLOVER_NON_EVENTS = frozenset({"role_in", "member_of", "located_in", "said", "reported"})

_WORD = re.compile(r"\w+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


# =====================================================================================================
# articles: the rules of eval/score.py on an rdflib graph

def norm(text: str) -> str:
    """A name as gold and graph names are compared: NFKC, lower case, straight apostrophes, no leading
    article or honorific (l', le, la, les, the, M., Mme, Mr, Mrs, President), no accents, no final
    punctuation.

    >>> norm("Le Président  Émile Zola.")
    'president emile zola'
    >>> norm("M. Lavrov")
    'lavrov'
    """
    text = unicodedata.normalize("NFKC", str(text)).replace("\u2019", "'").replace("\u00a0", " ")
    text = " ".join(text.lower().split())
    prev = None
    while prev != text:
        prev, text = text, _LEADING.sub("", text)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).strip(" .,;:")


def local_name(iri) -> str:
    """The last segment of an IRI, lower-cased, without ``_`` or ``-``: ``kgo:called_for`` -> ``calledfor``."""
    s = re.split(r"[#/:]", str(iri))[-1]
    return s.lower().replace("_", "").replace("-", "")


def entity_names(g: Graph) -> dict:
    """Entity node -> the set of its normalised names (every IRI with a label is an entity node)."""
    names: dict = defaultdict(set)
    for pred in LABELS:
        for s, o in g.subject_objects(pred):
            if isinstance(o, Literal) and not isinstance(s, BNode):
                names[s].add(norm(o))
    return dict(names)


def _negated(g: Graph, st) -> bool:
    return any(local_name(v) in ("negative", "negated") or (str(v).lower() == "true" and local_name(q) == "negated")
               for q, v in g.predicate_objects(st) if local_name(q) in ("polarity", "negated"))


def graph_edges(g: Graph, nodes) -> set[tuple]:
    """Edges ``(subject, relation local name, object)`` between entity nodes: direct triples and the
    reified statements that are not negative, whatever their modality."""
    found = set()
    for s, p, o in g:
        if s in nodes and o in nodes and s != o and local_name(p) not in NOT_RELATIONS:
            found.add((s, local_name(p), o))
    for st in set(g.subjects(RDF.subject, None)):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s in nodes and o in nodes and p is not None and not _negated(g, st):
            found.add((s, local_name(p), o))
    return found


def _labels(rel: Mapping) -> set[str]:
    return {local_name(rel["relation"])} | {local_name(a) for a in rel.get("alternatives", [])}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def score_graph(g: Graph, gold: Mapping) -> dict:
    """Score the RDF graph of one article against its gold record, with the rules of ``score.py``.

    Returns a dict with ``counts`` (the numbers ``run_jsonl.py`` sums), ``summary`` (per-record
    ratios), per-label counts in ``by_label`` and the details: ``entities`` (gold name -> the nodes that
    match it), ``missing`` / ``found`` relations, ``extra`` (wrong edges), ``forbidden``,
    ``fragmented``, ``excluded_found`` and ``unmatched_nodes``.
    """
    names = entity_names(g)

    def display(node) -> str:
        label = g.value(node, RDFS.label)
        return str(label) if label is not None else str(node)

    def nodes_for(entity: Mapping) -> list:
        primary = {norm(entity["name"])}
        wanted = primary | {norm(a) for a in entity.get("aliases", [])}
        hits = [n for n, ns in names.items() if ns & primary]
        return hits or [n for n, ns in names.items() if ns & wanted]

    node_of: dict[str, set] = {}
    entities: dict[str, list[str]] = {}
    fragmented: list[str] = []
    for ent in gold["entities"]:
        hits = nodes_for(ent)
        entities[ent["name"]] = sorted(display(h) for h in hits)
        if hits:
            node_of[ent["name"]] = set(hits)
        if len(hits) > 1:
            fragmented.append(ent["name"])
    found_entities = sum(1 for ent in gold["entities"] if ent["name"] in node_of)
    for ent in gold.get("optional_entities", []):
        hits = nodes_for(ent)
        if hits:
            node_of[ent["name"]] = set(hits)
    excluded = {norm(x) for x in gold.get("excluded_entities", [])}
    excluded_found = []
    for n, ns in names.items():
        bad = ns & excluded
        if bad and not any(n in hs for hs in node_of.values()):
            excluded_found.append(sorted(bad)[0])

    # entity precision (not in score.py): a node is right when it matches a gold or optional entity or alias
    gold_names = {norm(e["name"]) for e in gold["entities"] + list(gold.get("optional_entities", []))}
    gold_names |= {norm(a) for e in gold["entities"] + list(gold.get("optional_entities", []))
                   for a in e.get("aliases", [])}
    matched_nodes = set().union(*node_of.values()) if node_of else set()
    unmatched_nodes = sorted(display(n) for n, ns in names.items() if n not in matched_nodes and not ns & gold_names)

    predicted = graph_edges(g, set(names))
    gold_nodes = matched_nodes
    matched_pred: set[tuple] = set()
    relations = []
    for rel in gold["relations"]:
        labels = _labels(rel)
        src, tgt = node_of.get(rel["source"], set()), node_of.get(rel["target"], set())
        ok = False
        for s, p, o in predicted:
            if p in labels and ((s in src and o in tgt) or (rel.get("symmetric") and s in tgt and o in src)):
                ok = True
                matched_pred.add((s, p, o))
        relations.append({"relation": f'{rel["source"]} {rel["relation"]} {rel["target"]}', "label": rel["relation"],
                          "found": ok})
    forbidden = []
    for rel in gold.get("forbidden_relations", []):
        src, tgt = node_of.get(rel["source"], set()), node_of.get(rel["target"], set())
        p_name = local_name(rel["relation"])
        if any(p == p_name and s in src and o in tgt for s, p, o in predicted):
            forbidden.append(f'{rel["source"]} {rel["relation"]} {rel["target"]}')
    optional = set()
    for rel in gold.get("optional_relations", []):
        labels = _labels(rel)
        src, tgt = node_of.get(rel["source"], set()), node_of.get(rel["target"], set())
        optional |= {(s, p, o) for s, p, o in predicted
                     if p in labels and ((s in src and o in tgt) or (s in tgt and o in src))}
    among_gold = {(s, p, o) for s, p, o in predicted if s in gold_nodes and o in gold_nodes} - optional
    symmetric_dupes = {(o, p, s) for s, p, o in matched_pred}
    wrong = among_gold - matched_pred - symmetric_dupes

    circumstances = _circumstances(g)
    timed = {"dates": 0, "dates_found": 0, "dates_correct": 0, "places": 0, "places_found": 0, "places_correct": 0}
    circumstance_details: list[str] = []
    for rel in gold["relations"]:
        if not (rel.get("date") or rel.get("place")):
            continue
        labels = _labels(rel)
        src, tgt = node_of.get(rel["source"], set()), node_of.get(rel["target"], set())
        values = [v for (s, p, o), vs in circumstances.items() for v in vs
                  if p in labels and ((s in src and o in tgt) or (rel.get("symmetric") and s in tgt and o in src))]
        name = f'{rel["source"]} {rel["relation"]} {rel["target"]}'
        if rel.get("date"):
            dates = sorted({str(d) for d, _ in values if d is not None})
            ok = str(rel["date"]) in dates
            timed["dates"] += 1
            timed["dates_found"] += bool(dates)
            timed["dates_correct"] += ok
            if not ok:
                circumstance_details.append(f"{name}: date {', '.join(dates) or 'none'} (gold {rel['date']})")
        if rel.get("place"):
            places = {pl for _, pl in values if pl is not None}
            ok = bool(places & node_of.get(rel["place"], set()))
            timed["places"] += 1
            timed["places_found"] += bool(places)
            timed["places_correct"] += ok
            if not ok:
                shown = ", ".join(sorted(display(pl) for pl in places)) or "none"
                circumstance_details.append(f"{name}: place {shown} (gold {rel['place']})")

    speakers_found = 0
    for st in gold.get("statements", []):
        nodes = node_of.get(st["speaker"], set())
        said = any(local_name(p) in SAID for n in nodes for p in g.predicates(n, None))
        said = said or any(g.value(x, RDF.predicate) is not None and local_name(g.value(x, RDF.predicate)) in SAID
                           for n in nodes for x in g.subjects(RDF.subject, n))
        speakers_found += said

    by_label: dict[str, Counter] = defaultdict(Counter)
    for r in relations:
        by_label[r["label"]]["gold"] += 1
        by_label[r["label"]]["found"] += r["found"]
    for s, p, o in among_gold:
        label = _RELATION_BY_LOCAL_NAME.get(p, p)
        by_label[label]["predicted"] += 1
        by_label[label]["wrong"] += (s, p, o) in wrong

    n_ent, n_rel, n_st = len(gold["entities"]), len(gold["relations"]), len(gold.get("statements", []))
    counts = {
        "entities": n_ent, "entities_found": found_entities,
        "relations": n_rel, "relations_found": sum(r["found"] for r in relations),
        "edges_among_gold": len(among_gold), "edges_wrong": len(wrong),
        "statements": n_st, "statements_found": speakers_found,
        "entity_nodes": len(names), "entity_nodes_matched": len(names) - len(unmatched_nodes),
        "forbidden": len(forbidden), "excluded": len(excluded_found), "fragmented": len(fragmented),
        **timed,
    }
    summary = _summary(counts)
    summary["edges_total"] = len(predicted)
    return {
        "counts": counts, "summary": summary, "by_label": {k: dict(v) for k, v in sorted(by_label.items())},
        "entities": entities, "relations": relations,
        "missing": [r["relation"] for r in relations if not r["found"]],
        "extra": sorted(f"{display(s)} {_RELATION_BY_LOCAL_NAME.get(p, p)} {display(o)}" for s, p, o in wrong),
        "forbidden": forbidden, "fragmented": fragmented, "excluded_found": excluded_found,
        "unmatched_nodes": unmatched_nodes, "circumstances": circumstance_details,
    }


def _circumstances(g: Graph) -> dict[tuple, list[tuple]]:
    """(subject, relation local name, object) -> the (kgo:date, kgo:place) of each statement between two
    entities that is not negative."""
    from .vocab import KGO

    out: dict[tuple, list[tuple]] = defaultdict(list)
    for st in sorted(g.subjects(RDF.type, RDF.Statement), key=str):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s is None or p is None or o is None or isinstance(o, Literal) or _negated(g, st):
            continue
        out[(s, local_name(p), o)].append((g.value(st, KGO.date), g.value(st, KGO.place)))
    return out


def _circumstance_summary(c: Mapping[str, int]) -> dict:
    """Date and place scores from summed counts: precision correct / found, recall correct / gold."""
    out = {}
    for kind in ("dates", "places"):
        gold, found, correct = c.get(kind, 0), c.get(f"{kind}_found", 0), c.get(f"{kind}_correct", 0)
        p, r = _ratio(correct, found), _ratio(correct, gold)
        out[kind] = {"gold": gold, "found": found, "correct": correct, "precision": p, "recall": r, "f1": _f1(p, r)}
    return out


_RELATION_BY_LOCAL_NAME = {local_name(r): r for r in RELATIONS}


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _summary(c: Mapping[str, int]) -> dict:
    """Ratios from summed counts, with the conventions of ``run_jsonl.py``'s TOTAL line."""
    er = c["entities_found"] / max(c["entities"], 1)
    ep = _ratio(c["entity_nodes_matched"], c["entity_nodes"])
    rr = c["relations_found"] / c["relations"] if c["relations"] else 0.0
    rp = 1 - c["edges_wrong"] / c["edges_among_gold"] if c["edges_among_gold"] else 0.0
    return {
        "entity_precision": ep, "entity_recall": er, "entity_f1": _f1(ep, er),
        "relation_precision": rp, "relation_recall": rr, "relation_f1": _f1(rp, rr) or 0.0,
        "statement_recall": c["statements_found"] / max(c["statements"], 1),
        "forbidden": c["forbidden"], "excluded": c["excluded"], "fragmented": c["fragmented"],
    }


def record_graph(document: Document, entities: Iterable[Entity], statements: Iterable[Statement]) -> Graph:
    """The RDF of a one-document knowledge graph, as ``kg build`` would write it for that article, without
    the statements that rest on background knowledge (``Statement.basis``): what is scored is what the
    text states."""
    from .export import to_rdf
    from .graph import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.add_document(document)
    kg.update(entities, [st for st in statements if st.basis is None])
    return to_rdf(kg)


# =====================================================================================================
# PLOVER sentences

@dataclass(frozen=True)
class RelationCode:
    """The event codes of a kgo relation property, from ``ontologies/kg.ttl``."""

    cameo: str | None
    plover: str | None


@lru_cache(maxsize=1)
def relation_codes() -> dict[str, RelationCode]:
    """Relation name -> its ``kgo:cameoCode`` and ``kgo:ploverCategory`` in the ontology (static
    relations have neither)."""
    from .vocab import KGO, ontology

    g = ontology()
    out = {}
    for rel in RELATIONS:
        cameo, plover = g.value(KGO[rel], KGO.cameoCode), g.value(KGO[rel], KGO.ploverCategory)
        out[rel] = RelationCode(str(cameo) if cameo is not None else None, str(plover) if plover is not None else None)
    return out


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the form actor texts and entity names compare in.

    >>> fold("Sécurité  Générale")
    'securite  generale'
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _contains(outer: Sequence[str], inner: Sequence[str]) -> bool:
    n = len(inner)
    return n > 0 and any(list(outer[i:i + n]) == list(inner) for i in range(len(outer) - n + 1))


def actor_matches(actor: str | None, names: Iterable[str], gazetteer=None) -> bool:
    """True when the actor text of a PLOVER triple stands for the entity with these names (its label
    and alt labels).

    After :func:`fold`, a name matches when it shares the head (last) word with the actor text, when
    one contains the other (as whole words), or when a word of the actor text is a nationality
    adjective of a country whose gazetteer label is one of the names ("Senior Hungarian officials"
    stands for Hungary, "South Korean army officers" for South Korea). A missing actor (``None``)
    matches anything.

    >>> actor_matches("the United States", ["United States"])
    True
    >>> actor_matches("President Bush", ["George W. Bush"])
    True
    >>> actor_matches("Russia", ["Belarus"])
    False
    """
    if actor is None:
        return True
    words = _WORD.findall(fold(actor))
    if not words:
        return False
    folded = set()
    for name in names:
        n_words = _WORD.findall(fold(name))
        if not n_words:
            continue
        folded.add(" ".join(n_words))
        if n_words[-1] == words[-1] or _contains(words, n_words) or _contains(n_words, words):
            return True
    if gazetteer is None:
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    words = _WORD.findall(actor)
    for n in (3, 2, 1):  # "South Korean army officers": South Korea
        for i in range(len(words) - n + 1):
            country = gazetteer.demonym(" ".join(words[i:i + n]), "en")
            if country is not None and " ".join(_WORD.findall(fold(country.label))) in folded:
                return True
    return False


def relation_matches(relation: str, cameo_root: str | None, plover_event: str | None,
                     codes: Mapping[str, RelationCode] | None = None) -> bool:
    """True when a kg relation codes the expected event: its CAMEO code starts with ``cameo_root``, or
    its PLOVER category is ``plover_event`` (old names mapped by :data:`PLOVER_RENAMES`).

    >>> relation_matches("met", "04", None), relation_matches("criticised", None, "DISAPPROVE")
    (True, True)
    >>> relation_matches("role_in", "04", "CONSULT")
    False
    """
    code = (codes if codes is not None else relation_codes()).get(relation)
    if code is None:
        return False
    if cameo_root and code.cameo and code.cameo.startswith(str(cameo_root)):
        return True
    if plover_event and code.plover:
        event = str(plover_event).upper()
        return PLOVER_RENAMES.get(event, event) == code.plover
    return False


def _triple_found_by(triple: Mapping, st: Statement, names: Callable[[str | None], list[str]],
                     gazetteer, codes) -> bool:
    if st.polarity == NEGATIVE:
        return False
    if st.event_code:  # the event's own code, finer than its relation's
        if not (triple.get("cameo_root") and st.event_code.startswith(str(triple["cameo_root"]))):
            return False
    elif not relation_matches(st.relation, triple.get("cameo_root"), triple.get("plover_event"), codes):
        return False
    src, tgt = triple.get("source"), triple.get("target")
    subj, obj = names(st.subject), names(st.object)

    def pair(a, b) -> bool:
        return (actor_matches(a, subj, gazetteer) if a is not None else True) and \
               (actor_matches(b, obj, gazetteer) if b is not None else True)

    return pair(src, tgt) or (bool(triple.get("symmetric")) and pair(tgt, src))


def score_plover(record: Mapping, entities: Iterable[Entity], statements: Iterable[Statement],
                 gazetteer=None, codes: Mapping[str, RelationCode] | None = None) -> dict:
    """Score the statements extracted from one PLOVER sentence against its ``expected`` triples.

    A triple is found when a statement that is not negative (any modality) has a relation that codes
    the event (:func:`relation_matches`) and a subject and an object that match the source and target
    actors (:func:`actor_matches`), either way round when the triple is ``symmetric``; a missing actor
    matches any entity, or none. Precision is over the *event* statements: distinct (subject, relation,
    object) of statements between two entities or of one entity's act alone ("X resigned", no
    object, which finds only a triple without target), not negative, whose relation is not in
    :data:`PLOVER_NON_EVENTS`; one is correct when it finds some expected triple of the sentence.
    """
    if gazetteer is None:
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    by_key = {e.key: e for e in entities}

    def names(key: str | None) -> list[str]:
        if key is None:
            return []
        e = by_key.get(key)
        return [key] if e is None else [e.label] + sorted(text for text, _ in e.alt_labels)

    statements = [st for st in statements if st.basis is None]  # what the text states, not the gazetteer
    triples = []
    for t in record["expected"]:
        found = any(_triple_found_by(t, st, names, gazetteer, codes) for st in statements)
        triples.append({"triple": f'{t.get("source")} {t.get("plover_event") or t.get("cameo_root")} {t.get("target")}',
                        "category": _category(t), "found": found})
    events: dict[tuple, list[Statement]] = {}
    for st in statements:
        if (st.object is not None or st.quote is None) and st.polarity != NEGATIVE and st.relation in EVENT_RELATIONS \
                and st.relation not in PLOVER_NON_EVENTS:
            events.setdefault((st.subject, st.relation, st.object), []).append(st)
    correct, extra = 0, []
    for (s, rel, o), group in sorted(events.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or "")):
        if any(_triple_found_by(t, st, names, gazetteer, codes) for t in record["expected"] for st in group):
            correct += 1
        else:
            extra.append(f"{names(s)[0]} {rel} {names(o)[0] if o is not None else None}")
    counts = {"triples": len(triples), "triples_found": sum(t["found"] for t in triples),
              "events": len(events), "events_correct": correct}
    return {"counts": counts, "triples": triples, "missing": [t["triple"] for t in triples if not t["found"]],
            "extra": extra}


def _category(triple: Mapping) -> str:
    root, name = triple.get("cameo_root"), triple.get("relation_category")
    return " ".join(str(x) for x in (root, name) if x) or "?"


def _plover_summary(c: Mapping[str, int]) -> dict:
    r = _ratio(c["triples_found"], c["triples"])
    p = _ratio(c["events_correct"], c["events"])
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


# =====================================================================================================
# records

_REQUIRED = {ARTICLE: ("entities", "relations"), PLOVER: ("expected",)}


def record_kind(record: Mapping) -> str:
    """:data:`PLOVER` for a record with ``expected`` triples, else :data:`ARTICLE`."""
    return PLOVER if "expected" in record else ARTICLE


def check_record(record, where: str) -> None:
    """Raise :class:`~kg.errors.InputError` naming ``where`` when a record is not a usable gold record."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object (one gold record), found {type(record).__name__}")
    kind = record_kind(record)
    if kind == ARTICLE and not any(k in record for k in _REQUIRED[ARTICLE]):
        raise InputError(f"{where}: not a gold record: expected 'entities' and 'relations' (an article) or "
                         f"'expected' (a PLOVER sentence); found keys {', '.join(sorted(record)) or '(none)'}")
    for key in _REQUIRED[kind]:
        if not isinstance(record.get(key), list):
            raise InputError(f"{where}: the {'article' if kind == ARTICLE else 'PLOVER'} record has no list "
                             f"'{key}'")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise InputError(f"{where}: the record has no 'text' to extract from")
    if record.get("lang") is not None and record["lang"] not in ("fr", "en"):
        raise InputError(f"{where}: language {record['lang']!r} is not supported; use fr or en")
    fields = {ARTICLE: {"entities": ("name",), "optional_entities": ("name",),
                        "relations": ("source", "relation", "target"),
                        "optional_relations": ("source", "relation", "target"),
                        "forbidden_relations": ("source", "relation", "target"), "statements": ("speaker",)},
              PLOVER: {"expected": ("source", "target")}}[kind]
    for key, needed in fields.items():
        for i, item in enumerate(record.get(key, [])):
            if not isinstance(item, dict) or any(k not in item for k in needed):
                raise InputError(f"{where}: {key}[{i}] must be an object with {', '.join(repr(k) for k in needed)}")
    if kind == ARTICLE:
        from .dates import iso_datatype

        names = {e["name"] for e in record["entities"] + list(record.get("optional_entities", []))}
        for i, rel in enumerate(record["relations"]):
            if "date" in rel and not (isinstance(rel["date"], str) and iso_datatype(rel["date"])):
                raise InputError(f"{where}: relations[{i}] has date {rel['date']!r}; expected YYYY-MM-DD, YYYY-MM or YYYY")
            if "place" in rel and rel["place"] not in names:
                raise InputError(f"{where}: relations[{i}] has place {rel['place']!r}, which is not one of the "
                                 f"record's entities")
    if kind == PLOVER:
        for i, t in enumerate(record["expected"]):
            if not (t.get("cameo_root") or t.get("plover_event")):
                raise InputError(f"{where}: expected[{i}] has neither 'cameo_root' nor 'plover_event'")


def document_for(record: Mapping) -> Document:
    """The record's text as a :class:`~kg.model.Document` (an HTML page when the text is one)."""
    from .ingest import parse_html, parse_text

    from dataclasses import replace

    from .ingest import document_date

    text, source = record["text"], str(record["id"])
    if text.lstrip("\ufeff \t\r\n")[:9].lower().startswith(("<!doctype", "<html")):
        doc = parse_html(text, source, lang=record.get("lang"))
    else:
        doc = parse_text(text, source, lang=record.get("lang"))
    if isinstance(record.get("date"), str) and record["date"].strip() and document_date(doc) is None:
        # the record's date when the text gives none with its year: relative words count from it
        doc = replace(doc, meta={**doc.meta, "date": record["date"].strip()})
    return doc


def evaluate_records(records: Sequence[Mapping], extractions: Iterable) -> dict:
    """The report for gold records and their extractions (one :class:`~kg.pipeline.Extraction` per
    record, in order). Pure.

    The report has ``records`` (the count), ``articles`` and ``plover`` (``None`` when the file has no
    record of that kind). ``articles`` holds ``records`` (per-record scores), ``counts`` and ``total``
    (micro-averaged), ``by_label`` and ``by_language``; ``plover`` holds ``records``, ``counts``,
    ``total`` and ``by_category``.
    """
    from .gazetteer import load_gazetteer

    gazetteer, codes = None, relation_codes()
    articles, plover = [], []
    n = 0
    for record, ex in zip(records, extractions, strict=True):
        n += 1
        if record_kind(record) == PLOVER:
            if gazetteer is None:
                gazetteer = load_gazetteer()
            rep = score_plover(record, ex.entities, ex.statements, gazetteer, codes)
            rep.update(id=record["id"], lang=ex.document.lang, text=record["text"])
            plover.append((record, rep))
        else:
            rep = score_graph(record_graph(ex.document, ex.entities, ex.statements), record)
            rep.update(id=record["id"], lang=record.get("lang") or ex.document.lang)
            articles.append((record, rep))
    return {"records": n, "articles": _article_totals(articles) if articles else None,
            "plover": _plover_totals(plover) if plover else None}


def _article_totals(scored: list[tuple[Mapping, dict]]) -> dict:
    total: Counter = Counter()
    by_lang: dict[str, Counter] = defaultdict(Counter)
    by_label: dict[str, Counter] = defaultdict(Counter)
    for _, rep in scored:
        total.update(rep["counts"])
        by_lang[rep["lang"]].update(rep["counts"])
        for label, c in rep["by_label"].items():
            by_label[label].update(c)
    labels = {}
    for label, c in sorted(by_label.items()):
        r = _ratio(c["found"], c["gold"])
        p = 1 - c["wrong"] / c["predicted"] if c["predicted"] else None
        labels[label] = {"gold": c["gold"], "found": c["found"], "predicted": c["predicted"], "wrong": c["wrong"],
                         "recall": r, "precision": p, "f1": _f1(p, r)}
    return {
        "records": [rep for _, rep in scored],
        "counts": dict(total), "total": _summary(total), "by_label": labels,
        "circumstances": _circumstance_summary(total),
        "by_language": {lang: {"records": sum(1 for _, r in scored if r["lang"] == lang), "counts": dict(c),
                               **_summary(c)} for lang, c in sorted(by_lang.items())},
    }


def _plover_totals(scored: list[tuple[Mapping, dict]]) -> dict:
    total: Counter = Counter()
    by_cat: dict[str, Counter] = defaultdict(Counter)
    for _, rep in scored:
        total.update(rep["counts"])
        for t in rep["triples"]:
            by_cat[t["category"]]["triples"] += 1
            by_cat[t["category"]]["found"] += t["found"]
    return {
        "records": [rep for _, rep in scored], "counts": dict(total), "total": _plover_summary(total),
        "by_category": {cat: {"triples": c["triples"], "found": c["found"], "recall": c["found"] / c["triples"]}
                        for cat, c in sorted(by_cat.items())},
    }


def evaluate(records: Sequence[Mapping], progress: Callable[[Iterable], Iterable] | None = None) -> dict:
    """Extract every record's text in one run of the pipeline (each model loads once) and score it.

    ``progress`` may wrap the stream of documents (a progress bar). Raises
    :class:`~kg.errors.InputError` when a record's text cannot be read as an article.
    """
    from .pipeline import extract

    def documents() -> Iterator[Document]:
        for record in records:
            yield document_for(record)

    docs = documents()
    return evaluate_records(records, extract(progress(docs) if progress is not None else docs))


# =====================================================================================================
# reading gold files (the I/O of this module)

def read_gold(path: str | Path, articles: str | Path | None = None) -> list[dict]:
    """Read a gold file: JSONL (one record a line), or a ``.json`` file holding one record or a list.

    A record without ``text`` but with ``document`` (the seed's gold) gets the text of that article
    file, looked up first in ``articles`` (by file name), then relative to the gold file's folder and
    each folder above it, then by file name in the ``seeds/`` and ``examples/`` folders of those
    folders. A record without ``id`` is named after its article or the gold file.

    Raises :class:`~kg.errors.InputError` for a missing or unreadable file, bad JSON (with the line),
    or a record that is not a gold record.
    """
    from .ingest import decode_bytes

    path = Path(path)
    if not path.is_file():
        raise InputError(f"gold file {path} {'is a directory' if path.is_dir() else 'does not exist'}; "
                         f"expected a .jsonl file of gold records or a .json file holding one")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"gold file {path} is not UTF-8 text: {e}") from None
    except OSError as e:
        raise InputError(f"cannot read gold file {path}: {e.strerror or e}") from None
    if not text.strip():
        raise InputError(f"gold file {path} is empty; expected one JSON gold record a line")
    entries: list[tuple[str, object]] = []
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
        for i, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entries.append((f"{path}, line {i}", json.loads(line)))
            except json.JSONDecodeError as e:
                raise InputError(f"{path}, line {i}: not valid JSON ({e.msg} at column {e.colno}); "
                                 f"expected one gold record a line") from None
    if whole is not None:
        items = whole if isinstance(whole, list) else [whole]
        entries = [(f"{path}, record {i}" if isinstance(whole, list) else str(path), item)
                   for i, item in enumerate(items, 1)]
    records = []
    seen: set[str] = set()
    for where, item in entries:
        if isinstance(item, dict) and "text" not in item and isinstance(item.get("document"), str):
            article = _find_article(item["document"], path, articles, where)
            item = dict(item, text=decode_bytes(article.read_bytes(), str(article)))
            item.setdefault("id", article.name)
        if isinstance(item, dict):
            item.setdefault("id", path.stem if len(entries) == 1 else f"{path.stem}-{len(records) + 1}")
        check_record(item, where)
        if str(item["id"]) in seen:
            raise InputError(f"{where}: id {item['id']!r} is used by an earlier record")
        seen.add(str(item["id"]))
        records.append(item)
    return records


def _find_article(name: str, gold: Path, articles: str | Path | None, where: str) -> Path:
    rel = Path(name)
    tried: list[Path] = []
    if articles is not None:
        tried.append(Path(articles) / rel.name)
    folders = [gold.resolve().parent, *gold.resolve().parent.parents]
    tried += [folder / rel for folder in folders]
    tried += [folder / sub / rel.name for folder in folders for sub in ("seeds", "examples")]
    for candidate in tried:
        if candidate.is_file():
            return candidate
    raise InputError(f"{where}: the record has no 'text' and its document {name!r} was not found next to the gold "
                     f"file or above it (nor in a seeds/ or examples/ folder); give its folder with --articles")


# =====================================================================================================
# rendering

def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _table(rows: list[list[str]], right: Iterable[int] = ()) -> list[str]:
    right = set(right)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            for r in rows]


def format_report(report: Mapping, by_label: bool = False, verbose: bool = False) -> str:
    """The report as aligned text: per-record lines, totals, per language, and optionally per label and
    the details of each record."""
    out: list[str] = []
    art, plo = report.get("articles"), report.get("plover")
    if art:
        rows = [["article", "lang", "entities", "nodes ok", "relations", "wrong", "forbidden", "split", "said"]]
        for rep in art["records"]:
            c = rep["counts"]
            rows.append([str(rep["id"]), rep["lang"], f'{c["entities_found"]}/{c["entities"]}',
                         f'{c["entity_nodes_matched"]}/{c["entity_nodes"]}',
                         f'{c["relations_found"]}/{c["relations"]}', f'{c["edges_wrong"]}/{c["edges_among_gold"]}',
                         str(c["forbidden"]), str(c["fragmented"]), f'{c["statements_found"]}/{c["statements"]}'])
        out += _table(rows, right=range(2, 9))
        if verbose:
            for rep in art["records"]:
                details = ([f"  missing    {x}" for x in rep["missing"]] + [f"  extra      {x}" for x in rep["extra"]]
                           + [f"  FORBIDDEN  {x}" for x in rep["forbidden"]]
                           + [f"  split      {x}: {', '.join(rep['entities'][x])}" for x in rep["fragmented"]]
                           + [f"  no entity  {x}" for x, v in rep["entities"].items() if not v]
                           + [f"  junk       {x}" for x in rep["excluded_found"]]
                           + [f"  when/where {x}" for x in rep.get("circumstances", [])])
                if details:
                    out += ["", f'{rep["id"]}:'] + details
        t, c = art["total"], art["counts"]
        out += ["", "articles: micro-averaged over %d record(s)" % len(art["records"])]
        rows = [["", "precision", "recall", "F1", ""],
                ["entities", _num(t["entity_precision"]), _num(t["entity_recall"]), _num(t["entity_f1"]),
                 f'found {c["entities_found"]}/{c["entities"]}, nodes matching gold '
                 f'{c["entity_nodes_matched"]}/{c["entity_nodes"]}'],
                ["relations", _num(t["relation_precision"]), _num(t["relation_recall"]), _num(t["relation_f1"]),
                 f'found {c["relations_found"]}/{c["relations"]}, wrong {c["edges_wrong"]}/{c["edges_among_gold"]}'
                 ' among gold entities'],
                ["statements", "", _num(t["statement_recall"]), "", f'{c["statements_found"]}/{c["statements"]}']]
        for kind, s in art.get("circumstances", {}).items():
            if s["gold"]:  # only for gold that gives dates or places
                rows.append([kind, _num(s["precision"]), _num(s["recall"]), _num(s["f1"]),
                             f'correct {s["correct"]}/{s["gold"]}, given {s["found"]}/{s["gold"]} of the gold '
                             f'{"relations with a " + kind[:-1]}'])
        out += _table(rows, right=(1, 2, 3))
        out.append(f'forbidden edges present {t["forbidden"]}, split entities {t["fragmented"]}, '
                   f'junk nodes {t["excluded"]}')
        out += ["", "by language"]
        rows = [["lang", "records", "ent P", "ent R", "ent F1", "rel P", "rel R", "rel F1", "forbidden", "split"]]
        for lang, s in art["by_language"].items():
            rows.append([lang, str(s["records"]), _num(s["entity_precision"]), _num(s["entity_recall"]),
                         _num(s["entity_f1"]), _num(s["relation_precision"]), _num(s["relation_recall"]),
                         _num(s["relation_f1"]), str(s["forbidden"]), str(s["fragmented"])])
        out += _table(rows, right=range(1, 10))
        if by_label:
            out += ["", "by relation label (precision over edges between gold entities)"]
            rows = [["label", "gold", "found", "recall", "edges", "wrong", "precision", "F1"]]
            for label, s in art["by_label"].items():
                rows.append([label, str(s["gold"]), str(s["found"]), _num(s["recall"]), str(s["predicted"]),
                             str(s["wrong"]), _num(s["precision"]), _num(s["f1"])])
            out += _table(rows, right=range(1, 8))
    if plo:
        if out:
            out.append("")
        c, t = plo["counts"], plo["total"]
        out.append(f'PLOVER: {len(plo["records"])} sentence(s), {c["triples"]} expected triple(s)')
        rows = [["", "precision", "recall", "F1", ""],
                ["triples", _num(t["precision"]), _num(t["recall"]), _num(t["f1"]),
                 f'found {c["triples_found"]}/{c["triples"]}, event statements matching '
                 f'{c["events_correct"]}/{c["events"]}']]
        out += _table(rows, right=(1, 2, 3))
        out += ["", "by category (recall)"]
        rows = [["category", "found", "recall"]]
        for cat, s in plo["by_category"].items():
            rows.append([cat, f'{s["found"]}/{s["triples"]}', _num(s["recall"])])
        out += _table(rows, right=(1, 2))
        if verbose:
            for rep in plo["records"]:
                if rep["missing"] or rep["extra"]:
                    out += ["", f'{rep["id"]}: {rep["text"]}']
                    out += [f"  missing    {x}" for x in rep["missing"]] + [f"  extra      {x}" for x in rep["extra"]]
    return "\n".join(out) + "\n"
