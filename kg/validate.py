"""SHACL validation of kg's RDF against ``ontologies/shapes.ttl``, with pySHACL.

:func:`validate_graph` is pure (an rdflib graph in, a :class:`ValidationReport` out); :func:`read_rdf` and
:func:`store_graph` bring a file or a store in.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

from .errors import OntologyError
from .export import read_graph as read_rdf  # an RDF file as one rdflib graph
from .resources import ontologies_dir

__all__ = ["SHAPES_PATH", "Violation", "ValidationReport", "shapes", "check_offsets", "validate_graph", "read_rdf", "store_graph"]

SHAPES_PATH = ontologies_dir() / "shapes.ttl"



@lru_cache(maxsize=1)
def shapes() -> Graph:
    """The SHACL shapes, loaded once; :class:`~kg.errors.OntologyError` if the file is missing or malformed."""
    g = Graph()
    try:
        g.parse(SHAPES_PATH, format="turtle")
    except FileNotFoundError:
        raise OntologyError(f"SHACL shapes file {SHAPES_PATH} is missing") from None
    except Exception as e:  # rdflib raises several unrelated types for bad syntax
        raise OntologyError(f"SHACL shapes file {SHAPES_PATH} is not valid Turtle: {e}") from None
    return g


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node, the property path (if any), the message and the shape's severity."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"


@dataclass
class ValidationReport:
    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)
    #: documents whose source file was found and whose offsets were checked against it, of all documents
    sources_checked: int = 0
    documents: int = 0

    def format(self, name: str, limit: int | None = 50) -> str:
        sources = (f"; offsets checked against {self.sources_checked} of {self.documents} source file(s)"
                   if self.documents else "")
        if self.conforms:
            return f"kg validate: {name} conforms to the kg shapes ({self.triples} triples{sources})\n"
        shown = self.violations if limit is None else self.violations[:limit]
        lines = [f"kg validate: {name} does not conform: {len(self.violations)} violation(s) in {self.triples} "
                 f"triples{sources}"]
        for v in shown:
            where = f" {v.path}" if v.path else ""
            value = f" (value {v.value})" if v.value else ""
            lines.append(f"  {v.focus}{where}: {v.message}{value}")
        if len(shown) < len(self.violations):
            lines.append(f"  … and {len(self.violations) - len(shown)} more")
        return "\n".join(lines) + "\n"


def _short(term) -> str:
    from .sparql import QUERY_PREFIXES

    if term is None:
        return ""
    text = str(term)
    for prefix, ns in sorted(QUERY_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text if len(text) <= 60 else text[:59] + "…"


def _validate_shapes(graph: Graph) -> ValidationReport:
    from pyshacl import validate

    conforms, results, _ = validate(graph, shacl_graph=shapes(), inference="none", advanced=True,
                                    allow_warnings=False)
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        violations.append(Violation(
            focus=_short(results.value(r, SH.focusNode)),
            path=_short(results.value(r, SH.resultPath)),
            message=str(results.value(r, SH.resultMessage) or "does not conform"),
            value=_short(results.value(r, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        ))
    return ValidationReport(bool(conforms), len(graph), sorted(set(violations)))


def check_offsets(graph: Graph, sources: str | Path) -> tuple[list[Violation], int, int]:
    """Check statements' offsets against their documents' source files, found under ``sources``.

    The RDF does not carry a document's length, so the shapes alone cannot tell whether an offset lies
    inside the document; when the file a document's ``dcterms:source`` names is there, this checks that
    every statement from it ends within the file's text. Returns the violations, the number of documents
    whose file was found, and the number of documents.
    """
    from rdflib.namespace import DCTERMS, PROV

    from .vocab import KGO, NIF

    root = Path(sources).resolve()
    lengths: dict = {}
    docs = list(graph.subjects(RDF.type, KGO.Document))
    for doc in docs:
        src = graph.value(doc, DCTERMS.source)
        path = (root / str(src)).resolve() if src is not None else None
        # only files under the sources folder: the graph may come from elsewhere
        if path is not None and path.is_relative_to(root) and path.is_file():
            lengths[doc] = len(path.read_text(encoding="utf-8", errors="replace"))
        elif src is not None:
            length = _record_length(root, str(src))
            if length is not None:
                lengths[doc] = length
    violations = []
    for st in graph.subjects(RDF.type, KGO.Statement):
        doc = graph.value(st, PROV.wasDerivedFrom)
        end = graph.value(st, NIF.endIndex)
        if doc in lengths and end is not None and int(end) > lengths[doc]:
            violations.append(Violation(_short(st), "nif:endIndex",
                                        f"offset {int(end)} is past the end of {graph.value(doc, DCTERMS.source)} "
                                        f"({lengths[doc]} characters)", str(int(end))))
    return violations, len(lengths), len(docs)


def _record_length(root: Path, source: str) -> int | None:
    """The length of the text of a JSONL record named ``FILE.jsonl:LINE`` (kg's source of a record's
    document: its ``text``, or its ``html``, which is longer than the text the offsets index)."""
    import json
    import re

    m = re.fullmatch(r"(.+\.jsonl):([1-9][0-9]*)", source, flags=re.I)
    if m is None:
        return None
    path = (root / m.group(1)).resolve()
    if not (path.is_relative_to(root) and path.is_file()):
        return None
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            if n == int(m.group(2)):
                try:
                    record = json.loads(line.decode("utf-8-sig" if n == 1 else "utf-8"))
                except (ValueError, RecursionError):
                    return None
                text = record.get("text") if isinstance(record, dict) else None
                text = text if isinstance(text, str) else record.get("html") if isinstance(record, dict) else None
                return len(text) if isinstance(text, str) else None
    return None


def validate_graph(graph: Graph, sources: str | Path | None = None) -> ValidationReport:
    """Validate ``graph`` against the kg shapes (no inference; the graph is not modified) and, with
    ``sources``, its offsets against the source files found there (:func:`check_offsets`)."""
    report = _validate_shapes(graph)
    if sources is not None:
        extra, report.sources_checked, report.documents = check_offsets(graph, sources)
        if extra:
            report.violations = sorted(set(report.violations) | set(extra))
            report.conforms = False
    return report


def store_graph(store) -> Graph:
    """The knowledge graph in a store as one rdflib graph (see :func:`kg.store.graph_of`)."""
    from .store import graph_of

    return graph_of(store)