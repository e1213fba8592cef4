"""Streaming exports (kg.stream) give the bytes of the in-memory exports, in bounded memory; kg validate
and kg viz select a part of a store too big to hold (kg.select). No spaCy model needed."""
import random

import pytest
from rdflib import Graph

from kg import stream
from kg.cli import main
from kg.errors import InputError, QueryError, StoreError
from kg.export import serialize
from kg.merge import EntityIndex
from kg.model import NEGATIVE, PLANNED, Document, Entity, Provenance, Statement
from kg.select import graph_for, select_graph
from kg.store import (_dataset_bytes, content_hash, count_documents, count_quads, document_graph, export_store,
                      init_store, open_store, reconcile, store_to_graph, write_document)
from kg.stream import LineSorter, stream_export
from kg.validate import validate_graph

BASE = "https://kg.example.org/"
#: extension -> the syntax name export_store uses
STREAMED = {".nq": "nq", ".trig": "trig", ".nt": "nt", ".ttl": "turtle"}
#: what no test string may lose: quotes, backslashes, tabs, newlines, accents, non-BMP characters, markup
TRICKY = ['He said "no".', "a\\b", "tab\there", "two\nlines", "Сергей Лавров", "Genève 🇨🇭", "<b>&amp;</b>",
          "carriage\rreturn", "ends with a dot."]


def person(key, label, **kw):
    return Entity(key, label, "Person", frozenset({(label, "en")}), **kw)


def in_memory(store, fmt: str) -> bytes:
    """The export as it was made before streaming: the whole graph in memory, sorted there."""
    return _dataset_bytes(store, fmt) if fmt in ("nq", "trig") else serialize(store_to_graph(store), fmt)


def build(store, docs) -> None:
    index = EntityIndex()
    for d, entities, statements in docs:
        index.add(entities)
        write_document(store, BASE, d, entities, statements, content_hash(d, 0.0), index)
    reconcile(store, BASE)


def corpus(n: int = 12):
    """Hand-made extractions: people sharing surnames across documents, quotes, negated and planned
    statements, roles, odd document ids, and every kind of awkward text."""
    rng = random.Random(7)
    people = [person("Ada_Okonjo", "Ada Okonjo", wikidata="Q1"), person("Okonjo", "Okonjo"),
              person("Ben_Smith", "Ben Smith"), person("Lavrov", "Сергей Лавров"),
              person("J._Smith_Jr.", "J. Smith Jr."),  # an IRI ending in a dot has no Turtle prefixed name
              Entity("NATO", "NATO", "Organization", frozenset({("OTAN", "fr"), ("NATO", "en")}), wikidata="Q7184"),
              Entity("Chad", "Chad", "Place", geonames=2434508),
              Entity("Government_of_Chad", "Government of Chad", "Organization", part_of="Chad")]
    docs = []
    for i in range(n):
        doc_id = ["d/%d" % i, "doc %d é" % i, "d%d?x=1&y" % i][i % 3]
        text = " ".join(TRICKY)
        d = Document(id=doc_id, source=f"files/{i}.txt", lang="en" if i % 2 else "fr", text=text,
                     offsets=tuple(range(len(text) + 1)), title=TRICKY[i % len(TRICKY)],
                     meta={"date": "2024-03-0%d" % (1 + i % 9), "publisher": "Agence \"X\""})
        ents = rng.sample(people, 4)
        sts = []
        for j in range(5):
            a, b = rng.sample(ents, 2)
            sentence = TRICKY[(i + j) % len(TRICKY)]
            prov = Provenance(doc_id, sentence, j * 7, j * 7 + len(sentence))
            sts.append(Statement(a.key, rng.choice(["met", "accused", "criticised"]), b.key, prov,
                                 confidence=rng.choice([0.9, 0.125, 1.0, 0.5]),
                                 polarity=NEGATIVE if j == 3 else "Positive", modality=PLANNED if j == 4 else "Asserted"))
        sts.append(Statement(ents[0].key, "said", None, Provenance(doc_id, "q", 0, 1, ents[1].key),
                             quote=TRICKY[i % len(TRICKY)], lang="en"))
        docs.append((d, ents, sts))
    return docs


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store", create=True)
    init_store(s, BASE)
    build(s, corpus())
    # what a writable 'kg serve' may have added: a predicate outside kg's namespaces, a class
    s.update(f"INSERT DATA {{ GRAPH <{document_graph(BASE, 'd/0')}> {{ <{BASE}entity/Chad> "
             f"<http://example.org/vocab#rank> 3 . <http://example.org/C> a <http://www.w3.org/2000/01/rdf-schema#Class> "
             f". }} }}")
    return s


@pytest.mark.parametrize("ext", list(STREAMED))
def test_streamed_exports_are_the_in_memory_bytes(store, tmp_path, monkeypatch, ext):
    expected = in_memory(store, STREAMED[ext])
    export_store(store, tmp_path / f"big{ext}")
    assert (tmp_path / f"big{ext}").read_bytes() == expected
    # tiny chunks and batches: many sorted runs, merged in several passes, Turtle written in many groups
    monkeypatch.setattr(stream, "MERGE_FAN_IN", 3)
    monkeypatch.setattr(stream, "BATCH", 7)
    stream_export(store, tmp_path / f"small{ext}", STREAMED[ext], base=BASE, chunk_bytes=2_000)
    assert (tmp_path / f"small{ext}").read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_streamed_turtle_and_trig_parse_back_to_the_graph(store, tmp_path):
    import pyoxigraph
    from rdflib.compare import to_isomorphic

    for ext in (".ttl", ".trig", ".nq"):
        export_store(store, tmp_path / f"g{ext}")
    union = Graph().parse(tmp_path / "g.ttl")
    assert to_isomorphic(union) == to_isomorphic(store_to_graph(store))
    # pyoxigraph reads the TriG (rdflib's parser rejects a local name ending in an escaped dot, 'ent:Jr\.')
    trig = set(pyoxigraph.parse(path=str(tmp_path / "g.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert trig == set(pyoxigraph.parse(path=str(tmp_path / "g.nq"), format=pyoxigraph.RdfFormat.N_QUADS))


def test_export_reports_progress(store, tmp_path):
    seen = []
    export_store(store, tmp_path / "g.nq", progress=seen.append)
    assert seen and seen[-1] == count_quads(store) and seen == sorted(seen)


def test_line_sorter_sorts_in_bounded_runs(tmp_path, monkeypatch):
    rng = random.Random(1)
    lines = [("%d\t%s\n" % (rng.randrange(500), "é" * rng.randrange(3))).encode() for _ in range(5_000)]
    monkeypatch.setattr(stream, "MERGE_FAN_IN", 4)
    s = LineSorter(tmp_path, chunk_bytes=4_000)
    most = 0
    for line in lines:
        s.add(line)
        most = max(most, s._size)
    assert len(s._runs) > 16 and most < 4_000 + 100  # at most one chunk in memory
    assert list(s) == sorted(lines)
    assert list(tmp_path.iterdir()) == []  # runs removed once merged
    u = LineSorter(tmp_path, chunk_bytes=4_000, unique=True)
    u.extend(lines)
    assert list(u) == sorted(set(lines))


def test_a_failed_export_leaves_nothing(store, tmp_path):
    store.update(f"INSERT DATA {{ GRAPH <{document_graph(BASE, 'd/0')}> {{ _:b <http://example.org/p> 1 }} }}")
    for ext in (".nt", ".ttl"):
        with pytest.raises(StoreError, match="blank nodes"):
            export_store(store, tmp_path / f"out{ext}")
    assert list(tmp_path.glob("out*")) == [] and list(tmp_path.glob(".out*")) == []


def test_in_memory_syntaxes_refuse_a_store_over_the_limit(store, tmp_path):
    with pytest.raises(StoreError, match=r"more than 100 triples \(12 documents\).*\.nt, \.nq, \.ttl or \.trig"):
        export_store(store, tmp_path / "g.jsonld", max_triples=100)
    assert not (tmp_path / "g.jsonld").exists()
    export_store(store, tmp_path / "g.jsonld", max_triples=count_quads(store))
    assert len(Graph().parse(tmp_path / "g.jsonld")) == len(store_to_graph(store))


def test_count_quads_stops_at_the_limit(store):
    total = count_quads(store)
    assert total > 100 and count_quads(store, limit=100) == 101 and count_documents(store) == 12


# -- selections ------------------------------------------------------------------------------------------
def test_a_document_selection_is_its_graph_and_its_entities(store):
    g = select_graph(store, document="doc 1 é")
    docs = {str(s) for s in g.subjects(predicate=None, object=None) if "/document/" in str(s)}
    assert docs == {BASE + "document/doc%201%20%C3%A9"}
    whole = store_to_graph(store)
    assert set(g) <= set(whole)  # the same literals as the export
    assert validate_graph(g).conforms  # every entity it names is described
    # the IRI works as well as the id
    assert set(select_graph(store, document=BASE + "document/doc%201%20%C3%A9")) == set(g)


def test_an_entity_neighbourhood_grows_with_hops(store):
    from rdflib import URIRef
    from rdflib.namespace import RDF

    one = select_graph(store, entity="Chad")
    chad = URIRef(BASE + "entity/Chad")
    statements = set(one.subjects(RDF.subject, chad)) | set(one.subjects(RDF.object, chad))
    assert statements and all((s, None, None) in one for s in statements)
    assert validate_graph(one).conforms
    two = select_graph(store, entity=BASE + "entity/Chad", hops=2)
    assert set(one) < set(two) <= set(store_to_graph(store))


def test_a_construct_selection(store):
    g = select_graph(store, construct="CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a schema:Person ; rdfs:label ?l }")
    assert len(g) == len({s for s in g.subjects()}) >= 3
    everything = select_graph(store, construct="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert set(everything) == set(store_to_graph(store))  # the bookkeeping is left out, literals restored


def test_selection_errors(store):
    with pytest.raises(InputError, match="no document 'nope'"):
        select_graph(store, document="nope")
    with pytest.raises(InputError, match="no entity 'Nobody'"):
        select_graph(store, entity="Nobody")
    with pytest.raises(QueryError, match="CONSTRUCT"):
        select_graph(store, construct="SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match=r"neighbourhood of 'Chad' \(2 hop\(s\)\) holds more than 50 triples"):
        select_graph(store, entity="Chad", hops=2, limit=50)
    with pytest.raises(InputError, match=r"more than 100 triples \(12 documents\).*--document ID.*--entity KEY"
                                         r".*--construct QUERY"):
        graph_for(store, "validate", limit=100)
    assert len(graph_for(store, "viz", limit=None)) == len(store_to_graph(store))


def test_validate_and_viz_commands_select_a_part(tmp_path, capsys):
    s = open_store(tmp_path / "store", create=True)
    init_store(s, BASE)
    build(s, corpus(4))
    del s
    store = str(tmp_path / "store")
    assert main(["validate", "--store", store, "--max-triples", "50"]) == 2
    err = capsys.readouterr().err
    assert "more than 50 triples (4 documents), the limit" in err and "--entity KEY" in err
    assert main(["validate", "--store", store, "--max-triples", "50", "--document", "d/0"]) == 2  # still too big
    assert main(["validate", "--store", store, "--document", "d/0", "--sources", str(tmp_path)]) == 0
    assert "conforms" in capsys.readouterr().out
    assert main(["viz", "--store", store, "--entity", "Chad", "-o", str(tmp_path / "chad.html")]) == 0
    assert "Chad" in (tmp_path / "chad.html").read_text(encoding="utf-8")
    export = tmp_path / "g.ttl"
    assert main(["export", "--store", store, "-o", str(export)]) == 0
    assert main(["viz", "--store", str(export), "--entity", "Chad", "-o", str(tmp_path / "x.html")]) == 2
    assert "give --store DIR (a store folder), not an RDF file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:  # one selection at a time
        main(["validate", "--store", store, "--document", "d/0", "--entity", "Chad"])
    assert exit_.value.code == 2 and "not allowed with argument --document" in capsys.readouterr().err
