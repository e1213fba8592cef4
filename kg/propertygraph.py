"""kg's RDF as a property graph: entities as nodes, statements as edges, for Gephi, Cytoscape and yEd.

:func:`to_property_graph` turns the RDF that :mod:`kg.export` writes (or any graph or dataset following
the same contract) into a :class:`networkx.MultiDiGraph` (pure); :func:`generate_graphml`,
:func:`generate_gexf` and :func:`generate_cytoscape` give deterministic bytes; :func:`write_property_graph`
writes a file atomically, choosing the format from its extension. :func:`read_rdf` and :func:`read_store`
are the input edge: an RDF file kg writes, or a pyoxigraph store folder.

The property graph, for ``Blinken met Lavrov``::

    node "https://kg.example.org/entity/Antony_Blinken"
        type="Person" label="Antony Blinken" labels="Antony Blinken@en | M. Blinken@fr" wikidata="Q4773712"
    edge Antony_Blinken -> Sergei_Lavrov, key "https://kg.example.org/statement/2b0c..."
        relation="met" polarity="Positive" modality="Asserted" confidence=0.8
        document="https://kg.example.org/document/doc-..." sentence="Blinken et Lavrov concluent ..."

Every attribute is a string, an int or a float, so GraphML and GEXF keep them as they are. A ``said``
statement whose object is the quote itself is not an edge (there is no entity to point at): it is kept
in ``graph.graph["quotes"][node]`` and counted in the node's ``quotes`` attribute. Nor is a statement
without object, an act of its subject alone ("X resigned"): it is kept in ``graph.graph["acts"][node]``
and counted in the node's ``acts`` attribute.
"""
from __future__ import annotations

import json
import math
import os
from io import BytesIO
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from .cypher import generate_cypher
from .errors import InputError, StoreError
from .export import READ_EXTENSIONS, read_graph
from .model import ENTITY_TYPES
from .vocab import GEONAMES, KGO, KGO_NS, NIF, SCHEMA, WIKIDATA

__all__ = [
    "RDF_FORMATS", "WRITERS", "read_rdf", "read_store", "to_property_graph", "layout", "generate_graphml",
    "generate_gexf", "generate_cytoscape", "write_bytes", "write_property_graph",
]

#: file extension -> rdflib parser name, for the RDF files kg writes
#: file extension -> rdflib syntax name of the RDF files read
RDF_FORMATS = READ_EXTENSIONS
_TYPES = {SCHEMA[t]: t for t in ENTITY_TYPES}


# -- input edge ---------------------------------------------------------------------------------------
def read_store(path: str | os.PathLike) -> Graph:
    """The knowledge graph of a store folder as one rdflib graph (see :func:`kg.store.graph_of`)."""
    from .errors import StoreError
    from .store import graph_of, open_store

    try:
        return graph_of(open_store(path, read_only=True))
    except StoreError as e:
        raise InputError(str(e)) from None


def _merge(ds: Graph) -> Graph:
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def read_rdf(path: str | os.PathLike) -> Graph:
    """The RDF at ``path``: a store folder, or a file whose extension is a key of :data:`RDF_FORMATS`.
    Raises :class:`~kg.errors.InputError` for anything else."""
    if Path(path).is_dir():
        return read_store(path)
    return read_graph(path)


# -- RDF -> property graph (pure) ---------------------------------------------------------------------
def _local(iri, ns: str | None = None) -> str:
    s = str(iri)
    if ns and s.startswith(ns):
        return s[len(ns):]
    return unquote(s.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def _label(g: Graph, node) -> str:
    labels = sorted(g.objects(node, RDFS.label), key=lambda l: (getattr(l, "language", None) != "en", str(l)))
    return str(labels[0]) if labels else _local(node)


def _entity(g: Graph, node) -> dict:
    types = sorted(_TYPES[t] for t in g.objects(node, RDF.type) if t in _TYPES)
    label = _label(g, node)
    names = {(str(l), l.language or "") for p in (RDFS.label, SKOS.altLabel) for l in g.objects(node, p)
             if isinstance(l, Literal)}
    attrs: dict = {"type": types[0] if types else "Entity", "label": label,
                   "labels": " | ".join(f"{t}@{lang}" if lang else t for t, lang in sorted(names))}
    for same in sorted(map(str, g.objects(node, OWL.sameAs))):
        if same.startswith(str(WIKIDATA)):
            attrs.setdefault("wikidata", same[len(str(WIKIDATA)):])
        elif same.startswith(str(GEONAMES)):
            attrs.setdefault("geonames", same[len(str(GEONAMES)):].strip("/"))
    return attrs


def _one(g: Graph, s, p):
    return min(g.objects(s, p), default=None, key=str)


def _statement(g: Graph, st, titles: dict[str, str]) -> dict:
    a: dict = {"relation": _local(_one(g, st, RDF.predicate), KGO_NS),
               "polarity": _local(_one(g, st, KGO.polarity) or KGO.Positive, KGO_NS),
               "modality": _local(_one(g, st, KGO.modality) or KGO.Asserted, KGO_NS)}
    conf = _one(g, st, KGO.confidence)
    try:
        a["confidence"] = round(float(conf), 4) if conf is not None else 1.0
    except ValueError:
        a["confidence"] = 1.0
    doc = _one(g, st, PROV.wasDerivedFrom) or _one(g, st, NIF.referenceContext)
    if doc is not None:
        a["document"] = str(doc)
        a["document_title"] = titles.get(str(doc)) or _local(doc)
    optional = {"sentence": NIF.anchorOf, "quote": KGO.quote, "role": KGO.role, "cameo": KGO.cameoCode,
                "begin": NIF.beginIndex, "end": NIF.endIndex}
    for key, pred in optional.items():
        value = _one(g, st, pred)
        if value is not None:
            a[key] = int(value) if key in ("begin", "end") else str(value)
    speaker = _one(g, st, KGO.attributedTo)
    if speaker is not None:
        a["attributed_to"] = str(speaker)
    when, where = _one(g, st, KGO.date), _one(g, st, KGO.place)
    if when is not None:
        a["date"] = str(when)  # ISO: "2022-01-21", or "2022-01" / "2022" when the text names only that
    if where is not None:
        a["place"] = str(where)  # the place entity's IRI
    return a


def to_property_graph(rdf: Graph) -> nx.MultiDiGraph:
    """Entities and statements of ``rdf`` as a MultiDiGraph; pure, deterministic (sorted insertion order).

    Nodes are keyed by entity IRI, with ``type`` (Person, Organization, Place or Entity), ``label``,
    ``labels``, ``wikidata``, ``geonames``, ``quotes``, ``acts``; edges are keyed by statement IRI, with ``relation``,
    ``polarity``, ``modality``, ``confidence``, ``document``, ``document_title``, ``sentence`` and, when
    present, ``quote``, ``role``, ``cameo``, ``begin``, ``end``, ``attributed_to``, ``date`` (ISO) and ``place``
    (the place entity's IRI). Statements whose object is a literal (quotes) go to ``graph.graph["quotes"]``,
    a dict of node -> list of attribute dicts (the same attributes, and ``statement``: the statement IRI);
    statements without object (acts of their subject alone) go to ``graph.graph["acts"]`` in the same way.

    >>> to_property_graph(Graph()).number_of_nodes()
    0
    """
    rdf = _merge(rdf)
    entities = set(rdf.subjects(RDF.type, KGO.Entity)) | {s for t in _TYPES for s in rdf.subjects(RDF.type, t)}
    statements = sorted({s for s in rdf.subjects(RDF.type, RDF.Statement)
                         if _one(rdf, s, RDF.subject) is not None and _one(rdf, s, RDF.predicate) is not None},
                        key=str)
    titles = {str(d): str(t) for d, t in rdf.subject_objects(DCTERMS.title)}
    nodes: dict[str, dict] = {str(e): _entity(rdf, e) for e in entities if isinstance(e, URIRef)}
    edges: list[tuple[str, str, str, dict]] = []
    quotes: dict[str, list[dict]] = {}
    acts: dict[str, list[dict]] = {}
    for st in statements:
        subj, obj = _one(rdf, st, RDF.subject), _one(rdf, st, RDF.object)
        attrs = _statement(rdf, st, titles)
        for end in (subj, obj):
            if isinstance(end, URIRef) and str(end) not in nodes:
                nodes[str(end)] = _entity(rdf, end)
        if isinstance(obj, URIRef):
            edges.append((str(subj), str(obj), str(st), attrs))
        elif obj is None and "quote" not in attrs:
            attrs["statement"] = str(st)
            acts.setdefault(str(subj), []).append(attrs)
        else:
            if obj is not None and "quote" not in attrs:
                attrs["quote"] = str(obj)
            attrs["statement"] = str(st)
            quotes.setdefault(str(subj), []).append(attrs)
    pg = nx.MultiDiGraph(quotes={n: quotes[n] for n in sorted(quotes)}, acts={n: acts[n] for n in sorted(acts)})
    for n in sorted(nodes):
        pg.add_node(n, **nodes[n], quotes=len(quotes.get(n, ())), acts=len(acts.get(n, ())))
    for u, v, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        pg.add_edge(u, v, key=key, **attrs)
    return pg


# -- layout (pure) ------------------------------------------------------------------------------------
# networkx lays out the components of up to _SMALL_COMPONENT nodes (spring_layout, its dense numpy solver).
# The rest is kg's own because networkx has no equivalent that runs here: spring_layout needs scipy from
# 500 nodes on (not a dependency), forceatlas2_layout and arf_layout hold n x n arrays (about 190 MB and
# 0.5 s an iteration at 2,000 nodes on this project's machine), and it has no rotation of a component,
# no overlap removal and no packing of components (rescale_layout only scales into a box).
_SMALL_COMPONENT = 300


def _sampled_layout(g: nx.Graph, seed: int, iterations: int = 80, sample: int = 40) -> dict:
    """A force-directed layout for a large component: attraction along edges, repulsion from a random
    sample of nodes; O(n * sample) per step where networkx's exact one needs O(n^2) memory or scipy."""
    import numpy as np

    rng = np.random.default_rng(seed)
    nodes = list(g)
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    pos = rng.uniform(-1, 1, (n, 2))
    edges = np.array([(index[u], index[v]) for u, v in g.edges() if u != v] or [(0, 0)])
    k = 2.0 / math.sqrt(n)
    temp = 0.2
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        others = rng.integers(0, n, (n, sample))
        delta = pos[:, None, :] - pos[others]
        dist2 = np.maximum((delta ** 2).sum(-1), 1e-6)
        disp += (delta * (k * k / dist2)[..., None]).sum(1) * (n / sample) / n ** 0.5
        d = pos[edges[:, 0]] - pos[edges[:, 1]]
        dist = np.maximum(np.sqrt((d ** 2).sum(-1)), 1e-6)
        f = d * (dist / k)[:, None]
        np.add.at(disp, edges[:, 0], -f)
        np.add.at(disp, edges[:, 1], f)
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp *= 0.96
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def _component_layout(g: nx.Graph, seed: int) -> dict:
    if len(g) == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if len(g) <= _SMALL_COMPONENT:
        pos = nx.spring_layout(g, seed=seed, iterations=200 if len(g) < 50 else 60)
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    return _sampled_layout(g, seed)


def _flatten(pos: dict) -> dict:
    """Rotate a component so that its longest axis is horizontal: pictures and screens are wide."""
    import numpy as np

    if len(pos) < 3:
        return pos
    keys = list(pos)
    xy = np.array([pos[k] for k in keys])
    xy -= xy.mean(0)
    _, vectors = np.linalg.eigh(np.cov(xy.T))
    major = vectors[:, -1]
    if major[np.argmax(np.abs(major))] < 0:  # a fixed sign, so the picture does not flip between runs
        major = -major
    rot = np.array([major, [-major[1], major[0]]])
    out = xy @ rot.T
    return {k: (float(out[i, 0]), float(out[i, 1])) for i, k in enumerate(keys)}


#: layout units: about one pixel of the page at zoom 1; a typical edge and the closest two nodes may be
EDGE_LENGTH, MIN_DISTANCE = 220.0, 150.0


def _spread(pos: dict, min_distance: float, rounds: int = 60) -> dict:
    """Push apart nodes closer than ``min_distance`` (their labels would overlap); O(n^2), small parts only."""
    import numpy as np

    keys = list(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1)) + np.eye(len(keys)) * 1e9
        close = dist < min_distance
        if not close.any():
            break
        push = np.where(close, (min_distance - dist) / 2 / np.maximum(dist, 1e-6), 0.0)
        xy += (delta * push[..., None]).sum(1) * 0.5
    return {k: (float(xy[i, 0]), float(xy[i, 1])) for i, k in enumerate(keys)}


def layout(pg: nx.Graph, seed: int = 6) -> dict[str, tuple[float, float]]:
    """Node -> (x, y), the same for the same graph. Each connected component is laid out on its own
    (force-directed, seeded), turned so that its long axis is horizontal, scaled so that its median edge
    is :data:`EDGE_LENGTH` long, with nodes pushed at least :data:`MIN_DISTANCE` apart (up to a few hundred
    nodes); the components are then packed in rows, largest first, lone nodes last in a grid whose cells
    fit their labels. Units are about a pixel of the page at zoom 1; y grows downwards; 2 decimals."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(pg))
    simple.add_edges_from(sorted((u, v) for u, v in pg.edges() if u != v))
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[dict, float, float]] = []
    for comp in comps:
        if len(comp) == 1:
            label = str(pg.nodes[comp[0]].get("label", comp[0]))
            placed.append(({comp[0]: (0.0, 0.0)}, max(MIN_DISTANCE, 12.0 * len(label) + 40), 110.0))
            continue
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from(sorted(simple.subgraph(comp).edges()))
        raw = _flatten(_component_layout(sub, seed))
        lengths = sorted(math.dist(raw[u], raw[v]) for u, v in sub.edges())
        scale = EDGE_LENGTH / max(lengths[len(lengths) // 2], 1e-9)
        pos = {n: (x * scale, y * scale) for n, (x, y) in raw.items()}
        if len(comp) <= _SMALL_COMPONENT:
            pos = _spread(pos, MIN_DISTANCE)
        x0, y0 = min(p[0] for p in pos.values()), min(p[1] for p in pos.values())
        pos = {n: (x - x0, y - y0) for n, (x, y) in pos.items()}
        placed.append((pos, max(p[0] for p in pos.values()) + 190, max(p[1] for p in pos.values()) + 120))
    row_width = max(math.sqrt(sum(w * h for _, w, h in placed)) * 1.5, max((w for _, w, _ in placed), default=0))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, width, height in placed:  # shelf packing
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        left = x + (width - max(p[0] for p in pos.values())) / 2  # centred in its cell
        for n, (px, py) in pos.items():
            out[n] = (round(left + px, 2), round(y + 60 + py, 2))
        x += width
        row_height = max(row_height, height)
    return out


# -- writers (pure) -----------------------------------------------------------------------------------
def _plain(pg: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without graph-level attributes (the quotes and acts), which GraphML and GEXF cannot hold."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(pg.nodes(data=True))
    out.add_edges_from(pg.edges(keys=True, data=True))
    return out


def generate_graphml(pg: nx.MultiDiGraph) -> bytes:
    """GraphML (yEd, Cytoscape, Gephi); ``networkx.read_graphml`` reads back the same graph."""
    buf = BytesIO()
    # a multigraph's edge keys (the statement IRIs) become the GraphML edge ids
    nx.write_graphml(_plain(pg), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def generate_gexf(pg: nx.MultiDiGraph, positions: dict | None = None) -> bytes:
    """GEXF 1.2 (Gephi), with each node's position and type colour as ``viz`` data."""
    from xml.etree.ElementTree import tostring

    from networkx.readwrite.gexf import GEXFWriter

    from .viz import TYPE_COLOURS

    g = _plain(pg)
    for u, v, k, d in g.edges(keys=True, data=True):
        d["id"] = k  # the GEXF edge id, read back as the edge key
    positions = layout(pg) if positions is None else positions
    for n, d in g.nodes(data=True):
        colour = TYPE_COLOURS.get(d.get("type"), TYPE_COLOURS["Entity"]).lstrip("#")
        x, y = positions.get(n, (0.0, 0.0))
        d["viz"] = {"position": {"x": x, "y": -y, "z": 0.0}, "size": 10.0 + 2 * g.degree(n),
                    "color": {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16),
                              "a": 1.0}}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(g)
    meta = writer.xml.find("meta")
    if meta is not None:  # the writer stamps today's date; kg's output depends on its input only
        meta.attrib.pop("lastmodifieddate", None)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(writer.xml, encoding="utf-8",
                                                                   xml_declaration=False) + b"\n"


def generate_cytoscape(pg: nx.MultiDiGraph, positions: dict | None = None) -> bytes:
    """Cytoscape.js elements JSON (``cy.add(data.elements)``, or Cytoscape desktop's "cyjs" import),
    with the layout's positions."""
    positions = layout(pg) if positions is None else positions
    nodes = [{"data": {"id": n, **d}, "position": {"x": positions[n][0], "y": positions[n][1]}}
             for n, d in pg.nodes(data=True)]
    edges = [{"data": {**d, "id": k, "source": u, "target": v}} for u, v, k, d in pg.edges(keys=True, data=True)]
    data = {"format_version": "1.0", "generated_by": "kg", "target_cytoscapejs_version": "~3",
            "data": {"quotes": pg.graph.get("quotes", {}), "acts": pg.graph.get("acts", {})},
            "elements": {"nodes": nodes, "edges": edges}}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


#: file extension -> writer of a property graph (.cypher: a script for Neo4j, see :mod:`kg.cypher`)
WRITERS: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
    ".graphml": generate_graphml,
    ".gexf": generate_gexf,
    ".json": generate_cytoscape,
    ".cypher": generate_cypher,
}


def write_bytes(data: bytes, path: str | os.PathLike) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`kg.export.write_bytes`)."""
    from .export import write_bytes as _write

    return _write(path, data)


def write_property_graph(rdf: Graph, path: str | os.PathLike) -> Path:
    """Write the property graph of ``rdf`` to ``path`` (.graphml, .gexf, .json or .cypher, see :data:`WRITERS`),
    atomically; the same RDF gives the same bytes."""
    ext = Path(path).suffix.lower()
    writer = WRITERS.get(ext)
    if writer is None:
        raise StoreError(f"cannot tell the graph format of {os.fspath(path)!r} from its extension "
                         f"{ext or '(none)'!r}; allowed: {', '.join(WRITERS)}")
    return write_bytes(writer(to_property_graph(rdf)), path)
