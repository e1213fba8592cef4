"""kg's graph for Neo4j and other property-graph databases: a Cypher script, and CSV files for
``neo4j-admin database import full``.

Both start from :func:`kg.propertygraph.to_property_graph` and describe the same graph:

- an entity is a node labelled ``Entity`` and its type (``Person``, ``Organization`` or ``Place``), keyed
  by its IRI in the property ``iri``, with ``label``, ``names`` (every name with its language, the
  property graph's ``labels``), ``wikidata``, ``geonames`` and ``quotes`` (how many quotes it said);
- a statement between two entities is a relationship whose type is the relation in upper case (``MET``,
  ``CALLED_FOR``), keyed by the statement IRI in ``iri``, with every attribute of the statement
  (``polarity``, ``modality``, ``confidence``, ``document``, ``document_title``, ``sentence``, ``begin``,
  ``end``...) and ``negated`` (true for a negative statement: negated statements are kept, marked);
- a ``said`` statement whose object is a quote is a ``SAID`` relationship to a ``Quote`` node (``iri``:
  the statement IRI, ``text``: the quote);
- a statement without object, an act of its subject alone ("X resigned"), is a relationship to an
  ``Act`` node (``iri``: the statement IRI, ``cameo``: the act's CAMEO code).

:func:`cypher_batches` gives parameterised statements (``UNWIND $rows AS row MERGE ...``) for a driver;
:func:`generate_cypher` gives the same statements as one script with the rows written in as literal
lists, which ``cypher-shell -f`` runs as it is and which needs no ``:param``. :func:`neo4j_import_files`
gives the CSV files. All are pure and deterministic; :func:`write_neo4j_import` is the file edge.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
from pathlib import Path

import networkx as nx

from .errors import StoreError

__all__ = ["ENTITY_LABEL", "QUOTE_LABEL", "ACT_LABEL", "BATCH_SIZE", "SCHEMA_STATEMENTS", "IMPORT_FILES", "cypher_literal",
           "relationship_type", "cypher_batches", "cypher_statements", "generate_cypher", "neo4j_import_files",
           "neo4j_import_command", "write_neo4j_import"]

#: the label every entity node has (besides its type), the label of quote nodes and of act nodes
ENTITY_LABEL, QUOTE_LABEL, ACT_LABEL = "Entity", "Quote", "Act"
#: rows per UNWIND statement
BATCH_SIZE = 500
#: Neo4j (4.4 and 5) uniqueness constraints on ``iri``; run first, they also give MERGE its index
SCHEMA_STATEMENTS = (
    f"CREATE CONSTRAINT kg_entity_iri IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.iri IS UNIQUE",
    f"CREATE CONSTRAINT kg_quote_iri IF NOT EXISTS FOR (n:{QUOTE_LABEL}) REQUIRE n.iri IS UNIQUE",
    f"CREATE CONSTRAINT kg_act_iri IF NOT EXISTS FOR (n:{ACT_LABEL}) REQUIRE n.iri IS UNIQUE",
)
#: the files :func:`neo4j_import_files` gives, in the order neo4j-admin takes them
IMPORT_FILES = ("entities.csv", "quotes.csv", "relationships.csv", "constraints.cypher")

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Cypher string escapes that Neo4j and FalkorDB both read; other characters go as they are (UTF-8), except
# NUL, which Neo4j reads as \u0000 (FalkorDB, whose strings end at NUL, keeps those six characters)
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
            "\0": "\\u0000"}
_ESCAPE = re.compile("[\\\\'\n\r\t\b\f\0]")
_SURROGATE = re.compile("[\ud800-\udfff]")


# -- the records both outputs describe (pure) ---------------------------------------------------------
def relationship_type(relation: str) -> str:
    """The relationship type of a relation: its name in upper case (``called_for`` -> ``CALLED_FOR``)."""
    return relation.upper()


def _entity(iri: str, attrs: dict) -> tuple[str, tuple[str, ...], dict]:
    props = {("names" if key == "labels" else key): value for key, value in attrs.items() if key != "type"}
    kind = attrs.get("type", ENTITY_LABEL)
    return iri, (ENTITY_LABEL,) if kind == ENTITY_LABEL else (ENTITY_LABEL, kind), props


def _statement(attrs: dict) -> dict:
    props = {k: v for k, v in attrs.items() if k != "statement"}
    props["negated"] = attrs.get("polarity") == "Negative"
    return props


def _records(pg: nx.MultiDiGraph) -> tuple[list, list, list]:
    """What both outputs describe, sorted by IRI: entities ``(iri, labels, props)``, quote and act nodes
    ``(iri, label, props)`` and relationships ``(type, start, end label, end, iri, props)``; ``props``
    never hold the ``iri``, which every output writes first."""
    entities = sorted(_entity(n, d) for n, d in pg.nodes(data=True))
    quotes, rels = [], []
    for u, v, key, d in pg.edges(keys=True, data=True):
        rels.append((relationship_type(d["relation"]), u, ENTITY_LABEL, v, key, _statement(d)))
    for what, label in (("quotes", QUOTE_LABEL), ("acts", ACT_LABEL)):
        for speaker, items in pg.graph.get(what, {}).items():
            for q in items:
                iri = q.get("statement")
                if iri is None:
                    raise StoreError(f"a statement of {speaker} without an entity object has no statement IRI; "
                                     f"make the property graph with kg.propertygraph.to_property_graph")
                props = {"text": q.get("quote", "")} if label == QUOTE_LABEL else {"cameo": q.get("cameo", "")}
                quotes.append((iri, label, props))
                rels.append((relationship_type(q["relation"]), speaker, label, iri, iri, _statement(q)))
    quotes.sort(key=lambda q: q[0])
    rels.sort(key=lambda r: (r[0], r[4]))
    return entities, quotes, rels


# -- Cypher (pure) ------------------------------------------------------------------------------------
def _name(name: str) -> str:
    """A label, relationship type or property key: as it is when it is a plain identifier, else quoted."""
    return name if _NAME.match(name) else "`" + name.replace("`", "``") + "`"


def _string(text: str) -> str:
    if _SURROGATE.search(text):
        raise StoreError(f"text {text[:40]!r} has a lone surrogate, which no Cypher engine can store")
    return "'" + _ESCAPE.sub(lambda m: _ESCAPES[m.group()], text) + "'"


def cypher_literal(value) -> str:
    """``value`` (a string, bool, int, float, None, list or dict) as a Cypher literal: strings in single
    quotes with backslash, quote, line feed, carriage return, tab, backspace and form feed escaped, maps
    with their keys sorted and their None values left out.

    >>> print(cypher_literal({"label": "l'OTAN\\n", "x": 0.5, "ok": True, "no": None}))
    {label: 'l\\'OTAN\\n', ok: true, x: 0.5}
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"the number {value} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_name(str(k))}: {cypher_literal(v)}" for k, v in sorted(value.items())
                               if v is not None) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise StoreError(f"a {type(value).__name__} has no Cypher literal; allowed: str, int, float, bool, list, dict")


def _chunks(rows: list, size: int):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _loads(pg: nx.MultiDiGraph, batch_size: int) -> list[tuple[str, list[dict]]]:
    """``(what follows "UNWIND ... AS row", rows)`` per statement that loads data."""
    if batch_size < 1:
        raise StoreError(f"batch size {batch_size}; it must be 1 or more")
    entities, quotes, rels = _records(pg)
    out: list[tuple[str, list[dict]]] = []
    by_labels: dict[tuple, list] = {}
    for iri, labels, props in entities:
        by_labels.setdefault(labels, []).append({"iri": iri, "props": props})
    for labels in sorted(by_labels):
        extra = "".join(f", n:{_name(label)}" for label in labels[1:])
        rest = f"MERGE (n:{_name(labels[0])} {{iri: row.iri}}) SET n = row.props, n.iri = row.iri{extra}"
        out += [(rest, chunk) for chunk in _chunks(by_labels[labels], batch_size)]
    for label in (QUOTE_LABEL, ACT_LABEL):
        rest = f"MERGE (n:{_name(label)} {{iri: row.iri}}) SET n = row.props, n.iri = row.iri"
        rows = [{"iri": iri, "props": props} for iri, lab, props in quotes if lab == label]
        out += [(rest, chunk) for chunk in _chunks(rows, batch_size)]
    by_type: dict[tuple, list] = {}
    for rel_type, start, end_label, end, iri, props in rels:
        by_type.setdefault((rel_type, end_label), []).append({"from": start, "to": end, "iri": iri, "props": props})
    for rel_type, end_label in sorted(by_type):
        rest = (f"MATCH (a:{_name(ENTITY_LABEL)} {{iri: row.from}}) MATCH (b:{_name(end_label)} {{iri: row.to}}) "
                f"MERGE (a)-[r:{_name(rel_type)} {{iri: row.iri}}]->(b) SET r = row.props, r.iri = row.iri")
        out += [(rest, chunk) for chunk in _chunks(by_type[rel_type, end_label], batch_size)]
    return out


def cypher_batches(pg: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> list[tuple[str, dict]]:
    """The statements that load ``pg``, as ``(query, parameters)`` pairs for a driver
    (``session.run(query, parameters)``): the uniqueness constraints first (no parameters), then
    ``UNWIND $rows AS row MERGE ...`` for the entities per type, the quotes, the acts, and the relationships per
    type, at most ``batch_size`` rows each. Every statement MERGEs on ``iri``, so running them again
    updates the graph instead of duplicating it."""
    loads = _loads(pg, batch_size)
    return [(s, {}) for s in SCHEMA_STATEMENTS] + [(f"UNWIND $rows AS row {rest}", {"rows": rows})
                                                   for rest, rows in loads]


def cypher_statements(pg: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> list[str]:
    """The statements of :func:`cypher_batches` with their rows written in as literal lists (no
    parameters), one row a line, each statement without its final ``;``."""
    loads = _loads(pg, batch_size)
    out = list(SCHEMA_STATEMENTS)
    for rest, rows in loads:
        out.append("UNWIND [\n  " + ",\n  ".join(cypher_literal(row) for row in rows) + "\n] AS row\n" + rest)
    return out


def generate_cypher(pg: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> bytes:
    """A Cypher script (UTF-8) that loads ``pg`` into Neo4j 4.4 or 5 (``cypher-shell -f graph.cypher``,
    or pasted into Neo4j Browser): the statements of :func:`cypher_statements`, each ending with ``;``
    and a line break. The same graph gives the same bytes. For FalkorDB, leave out the first three
    statements (Neo4j's constraint syntax) and create an index with ``CREATE INDEX FOR (n:Entity) ON
    (n.iri)`` instead."""
    entities, quotes, rels = _records(pg)
    n_quotes = sum(label == QUOTE_LABEL for _, label, _ in quotes)
    head = (f"// kg graph: {len(entities)} entities, {n_quotes} quotes, {len(quotes) - n_quotes} acts, "
            f"{len(rels)} statements\n"
            "// load into Neo4j 4.4 or 5 with: cypher-shell -u neo4j -p PASSWORD -f graph.cypher\n"
            "// every statement MERGEs on iri: running the script again updates, it does not duplicate\n"
            "// negated statements are kept, with negated: true; planned and possible ones carry their modality\n")
    return (head + "".join(s + ";\n" for s in cypher_statements(pg, batch_size))).encode("utf-8")


# -- neo4j-admin import (pure) ------------------------------------------------------------------------
_CSV_TYPES = {bool: "boolean", int: "long", float: "double", str: ""}


def _columns(rows: list[dict]) -> list[tuple[str, str]]:
    """(key, neo4j-admin type) of every property the rows have, sorted: ``long``, ``double``,
    ``boolean`` or ``""`` (string); ints and floats together are ``double``, other mixes strings."""
    kinds: dict[str, set] = {}
    for row in rows:
        for key, value in row.items():
            if value is not None:
                kinds.setdefault(key, set()).add(type(value))
    out = []
    for key in sorted(kinds):
        if ":" in key:
            raise StoreError(f"property name {key!r} has a ':', which neo4j-admin's CSV header cannot hold")
        types = kinds[key]
        if len(types) == 1:
            kind = _CSV_TYPES.get(next(iter(types)), "")
        else:
            kind = "double" if types <= {int, float} else ""
        out.append((key, kind))
    return out


def _cell(value, kind: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and kind == "double":
        value = float(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"the number {value} cannot be imported")
        return repr(value)
    text = str(value)
    if _SURROGATE.search(text):
        raise StoreError(f"text {text[:40]!r} has a lone surrogate, which no CSV file can hold")
    return text


def _csv(fixed: list[str], columns: list[tuple[str, str]], rows: list[tuple[list, dict]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(fixed + [f"{key}:{kind}" if kind else key for key, kind in columns])
    writer.writerows([_cell(v) for v in first] + [_cell(props.get(key), kind) for key, kind in columns]
                     for first, props in rows)
    return buf.getvalue().encode("utf-8")


def neo4j_import_files(pg: nx.MultiDiGraph) -> dict[str, bytes]:
    """The files for ``neo4j-admin database import full`` (see :func:`neo4j_import_command`): name ->
    bytes, for the names of :data:`IMPORT_FILES`. CSV with a header line: ``iri:ID`` and ``:LABEL``
    (labels separated by ``;``) for nodes, ``:START_ID``, ``:END_ID``, ``:TYPE`` and ``iri`` for
    relationships, then every property, typed when it is not a string (``confidence:double``,
    ``begin:long``, ``negated:boolean``). Fields with a comma, a quote or a line break are quoted, quotes
    doubled; an absent property is an empty field. ``constraints.cypher`` holds the uniqueness
    constraints to run once the import is done (neo4j-admin creates none). ``quotes.csv`` holds the
    ``Quote`` and the ``Act`` nodes."""
    entities, quotes, rels = _records(pg)
    ent = _csv(["iri:ID", ":LABEL"], _columns([p for _, _, p in entities]),
               [([iri, ";".join(labels)], props) for iri, labels, props in entities])
    quo = _csv(["iri:ID", ":LABEL"], _columns([p for _, _, p in quotes]),
               [([iri, label], props) for iri, label, props in quotes])
    rel = _csv([":START_ID", ":END_ID", ":TYPE", "iri"], _columns([r[5] for r in rels]),
               [([start, end, rel_type, iri], props) for rel_type, start, _, end, iri, props in rels])
    schema = "".join(s + ";\n" for s in SCHEMA_STATEMENTS).encode("utf-8")
    return dict(zip(IMPORT_FILES, (ent, quo, rel, schema)))


def neo4j_import_command(directory: str | os.PathLike = "import", database: str = "neo4j") -> str:
    """The command that loads the files of :func:`neo4j_import_files` in ``directory`` into an empty (or
    to be replaced) Neo4j 5 database, with the Neo4j server stopped."""
    d = os.fspath(directory).rstrip("/") or "/"
    return (f"neo4j-admin database import full {database} --overwrite-destination --multiline-fields=true "
            f"--nodes={d}/entities.csv --nodes={d}/quotes.csv --relationships={d}/relationships.csv")


def write_neo4j_import(pg: nx.MultiDiGraph, directory: str | os.PathLike) -> list[Path]:
    """Write the files of :func:`neo4j_import_files` into ``directory`` (created when its parent exists),
    each atomically; nothing is written when the graph cannot be, and files of other names are left
    alone. Returns the paths written."""
    from .export import write_bytes

    files = neo4j_import_files(pg)  # every error before the first file
    d = Path(directory)
    if d.exists() and not d.is_dir():
        raise StoreError(f"cannot write the import files into {os.fspath(directory)!r}: it is not a directory")
    if not d.parent.is_dir():
        raise StoreError(f"cannot write {os.fspath(directory)!r}: directory {os.fspath(d.parent)!r} does not exist")
    try:
        d.mkdir(exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create {os.fspath(directory)!r}: {e.strerror or e}") from e
    return [write_bytes(d / name, data) for name, data in files.items()]
