"""The Python API (kg.api): kg.build, kg.open_store and the Graph they give.

The first tests read stores made from hand-written extractions (no spaCy model); the ones marked
``model`` build real articles and check that the API gives what the command line gives.
"""
import doctest
import html
import inspect
import re
import subprocess
import sys
import tomllib
import warnings

import pyoxigraph
import pytest
from rdflib import Graph as RDFGraph
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF

import kg
import kg.api
from conftest import ROOT, SEED, SEED_GOLD
from kg.errors import InputError, KGError, StoreError
from kg.export import serialize, to_rdf
from kg.merge import EntityIndex
from kg.model import Document, Entity, Provenance, Statement
from kg.propertygraph import to_property_graph
from kg.store import content_hash, export_store, init_store, reconcile, write_document
from kg.vocab import KGO

BASE = "https://kg.example.org/"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


# -- a store from hand-written extractions ----------------------------------------------------------------
def person(key, label, **kw):
    return Entity(key, label, "Person", frozenset({(label, "en")}), **kw)


def document(doc_id, title=None):
    return Document(id=doc_id, source=f"{doc_id}.txt", lang="en", text="x", offsets=(0, 1), title=title)


def met(doc_id, who, whom, begin=0, **kw):
    return Statement(who, "met", whom, Provenance(doc_id, f"{who} met {whom}.", begin, begin + 10),
                     confidence=0.9, **kw)


def fill(store):
    """Two documents; the first names "Okonjo" alone, whom the second's "Ada Okonjo" merges with."""
    init_store(store, BASE)
    index = EntityIndex()
    chad = Entity("Chad", "Chad", "Place", frozenset({("Chad", "en"), ("Tchad", "fr")}), wikidata="Q657",
                  geonames=2434508)
    for d, ents, sts in (
            (document("d1", "Okonjo in Chad"), [person("Okonjo", "Okonjo"), chad],
             [met("d1", "Okonjo", "Chad"), met("d1", "Okonjo", "Chad", begin=20, polarity="Negative"),
              Statement("Okonjo", "said", None, Provenance("d1", '"No," said Okonjo.', 40, 58), quote="No",
                        lang="en")]),
            (document("d2"), [person("Ada_Okonjo", "Ada Okonjo"), chad],
             [met("d2", "Ada_Okonjo", "Chad", modality="Planned")])):
        index.add(ents)
        write_document(store, BASE, d, ents, sts, content_hash(d, 0.0), index)
    reconcile(store, BASE)
    return store


@pytest.fixture
def graph():
    return kg.api.Graph(fill(pyoxigraph.Store()))


def test_import_kg_is_cheap():
    code = ("import sys, kg; heavy = [m for m in ('spacy', 'rdflib', 'pyoxigraph', 'pandas', 'networkx', 'kg.api') "
            "if m in sys.modules]; print(heavy); print(kg.build.__module__, kg.Graph.__name__, kg.Statement.__name__)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["[]", "kg.api Graph Statement"]


def test_records_use_the_keys_of_the_whole_store(graph):
    entities = graph.entities()
    assert [e.key for e in entities] == ["Ada_Okonjo", "Chad"]
    ada = entities[0]
    assert ("Okonjo", "en") in ada.alt_labels
    statements = graph.statements()
    assert len(statements) == 4 and {st.subject for st in statements} == {"Ada_Okonjo"}
    said = [st for st in statements if st.relation == "said"]
    assert [(st.object, st.quote) for st in said] == [(None, "No")]
    assert sorted((st.polarity, st.modality) for st in statements if st.relation == "met") == [
        ("Negative", "Asserted"), ("Positive", "Asserted"), ("Positive", "Planned")]


def test_records_give_back_the_stored_rdf(graph):
    """The records are the graph: kg's own export of them is the store's export, triple for triple."""
    assert to_isomorphic(to_rdf(graph._model(), BASE)) == to_isomorphic(graph.to_rdf())


def test_to_rdf_is_the_export(graph, tmp_path):
    export_store(graph.store, tmp_path / "x.ttl")
    assert serialize(graph.to_rdf(), "turtle") == (tmp_path / "x.ttl").read_bytes()
    ds = graph.to_rdf(dataset=True)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {BASE + "graph/document/d1", BASE + "graph/document/d2", BASE + "graph/entities"} <= names
    assert BASE + "graph/meta" not in names


@pytest.mark.parametrize("name", ["g.ttl", "g.nt", "g.jsonld", "g.rdf", "g.nq", "g.trig", "g.graphml", "g.gexf",
                                  "g.json", "g.cypher"])
def test_write_is_kg_export(graph, tmp_path, name):
    from kg.cli import main

    store_dir = tmp_path / "store"
    fill(kg.store.open_store(store_dir, create=True))
    assert main(["export", "--store", str(store_dir), "-o", str(tmp_path / ("cli-" + name))]) == 0
    assert graph.write(tmp_path / name) == tmp_path / name
    assert (tmp_path / name).read_bytes() == (tmp_path / ("cli-" + name)).read_bytes()


def test_write_refuses_an_unknown_extension(graph, tmp_path):
    with pytest.raises(StoreError, match=r"'\.csv'.*allowed: \.ttl"):
        graph.write(tmp_path / "g.csv")
    assert list(tmp_path.iterdir()) == []


def test_to_networkx_is_the_property_graph(graph):
    g = graph.to_networkx()
    assert sorted(g.nodes) == [BASE + "entity/Ada_Okonjo", BASE + "entity/Chad"]
    assert g.number_of_edges() == 3  # the three met statements; the quote hangs on its speaker
    assert len(g.graph["quotes"][BASE + "entity/Ada_Okonjo"]) == 1
    assert {d["relation"] for _, _, d in g.edges(data=True)} == {"met"}
    assert set(g.edges(keys=True)) == set(to_property_graph(graph.to_rdf()).edges(keys=True))


def test_to_pandas_columns_and_rows(graph):
    pytest.importorskip("pandas")
    entities, statements = graph.to_pandas()
    assert tuple(entities.columns) == kg.api.ENTITY_COLUMNS
    assert tuple(statements.columns) == kg.api.STATEMENT_COLUMNS
    assert list(entities["key"]) == [e.key for e in graph.entities()]
    chad = entities.set_index("key").loc["Chad"]
    assert (chad["wikidata"], int(chad["geonames"]), chad["alt_labels"]) == ("Q657", 2434508, "Tchad@fr")
    assert len(statements) == len(graph.statements())
    rdf = graph.to_rdf()
    assert set(statements["iri"]) == {str(s) for s in rdf.subjects(RDF.type, KGO.Statement)}
    assert set(entities["iri"]) == {str(s) for s in rdf.subjects(RDF.type, KGO.Entity)}
    import pandas as pd

    row = statements[statements["relation"] == "said"].iloc[0]
    assert (row["subject_label"], row["quote"], row["document_title"]) == ("Ada Okonjo", "No", "Okonjo in Chad")
    assert pd.isna(row["object"]) and pd.isna(row["object_label"])
    numbers = {"confidence": "float64", "begin": "int64", "end": "int64", "geonames": "Int64"}
    for frame in (entities, statements):  # every other column is text, even when it holds no value
        for column in frame.columns:
            assert str(frame[column].dtype) == numbers.get(column, "str"), column


def test_to_pandas_without_pandas_names_the_extra(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(KGError, match=r"pip install 'kg\[pandas\]'"):
        graph.to_pandas()


def test_pandas_extra_is_declared():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = meta["optional-dependencies"]
    pins = [d for d in extras[kg.api.PANDAS_EXTRA] if d.startswith("pandas==")]
    assert pins and (pins[0] in extras["test"] or f"kg[{kg.api.PANDAS_EXTRA}]" in extras["test"])
    assert "pandas" not in " ".join(meta["dependencies"])


def test_repr_and_notebook_display(graph):
    assert repr(graph) == "<kg.Graph: 2 documents, 2 entities, 4 statements>"
    page = graph._repr_html_()
    assert "2 documents, 2 entities, 4 statements" in page
    assert re.search(r"<td>Person</td><td>1</td>.*<td>Place</td><td>1</td>", page)
    assert re.search(r"<td>met</td><td>3</td>.*<td>said</td><td>1</td>", page)
    assert "<td>Okonjo in Chad</td><td>en</td><td>3</td>" in page
    frame = re.search(r"<iframe class='kg-viz' sandbox='allow-scripts' srcdoc=\"([^\"]*)\"", page)
    assert frame, "the interactive page is embedded"
    inner = html.unescape(frame.group(1))
    assert inner == graph.to_html()
    assert "Content-Security-Policy" in inner and "default-src 'none'" in inner
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", inner), "no resource is fetched"
    assert "Ada Okonjo" in inner


@pytest.fixture
def chromium():
    """Headless Chromium as tests/test_viz.py gets it (skipped when it cannot run), started and stopped here:
    test_viz's own session-wide browser must not overlap with another Playwright."""
    from test_viz import CHROMIUM, _install_chromium

    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                  args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        except Exception as e:  # noqa: BLE001 - any launch failure means: cannot test here
            pytest.skip(f"cannot start {CHROMIUM}: {str(e).splitlines()[0]}")
        yield b
        b.close()


def test_the_notebook_display_runs_offline_in_chromium(graph, chromium, tmp_path):
    """The summary and the page as a notebook shows them: the page draws the graph in its frame, and
    nothing is fetched."""
    cell = tmp_path / "cell.html"
    cell.write_text(f"<!DOCTYPE html><html><body>{graph._repr_html_()}</body></html>", encoding="utf-8")
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(cell.as_uri())
        assert "2 documents, 2 entities, 4 statements" in page.inner_text("table.kg-summary")
        (frame,) = [f for f in page.frames if f != page.main_frame]
        frame.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
        assert sorted(frame.evaluate("kgViz.nodeView.get().map(n => n.label)")) == ["Ada Okonjo", "Chad"]
        assert requests == [cell.as_uri()] and problems == []
    finally:
        page.close()


def test_a_closed_graph_refuses_to_read(tmp_path):
    store_dir = tmp_path / "store"
    fill(kg.store.open_store(store_dir, create=True))
    with kg.open_store(store_dir) as g:
        assert len(g.statements()) == 4
        assert g.name == str(store_dir)
    assert repr(g) == f"<kg.Graph {str(store_dir)!r}: closed>"
    with pytest.raises(StoreError, match="closed"):
        g.entities()


def test_open_store_refuses_what_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        kg.open_store(tmp_path / "nowhere")
    kg.store.open_store(tmp_path / "empty", create=True)
    with pytest.raises(StoreError, match="empty"):
        kg.open_store(tmp_path / "empty")


@pytest.mark.parametrize("kwargs, message", [
    ({"lang": "de"}, "language 'de' is not supported; allowed: fr, en"),
    ({"errors": "ignore"}, "allowed: 'raise', 'skip'"),
    ({"min_confidence": 1.5}, "from 0 to 1"),
    ({"workers": 0}, "whole number from 1"),
])
def test_build_refuses_bad_options(kwargs, message):
    with pytest.raises(InputError, match=re.escape(message)):
        kg.build("Olaf Scholz met Donald Tusk.", **kwargs)


@pytest.mark.parametrize("inputs, message", [
    (b"bytes", "not bytes"),
    (42, "cannot read a int"),
    ([42], "input 1 is a int"),
    ([], "the inputs hold no document"),
    ("missing-article.txt", "missing-article.txt: no such file or folder"),
])
def test_build_refuses_bad_inputs_before_parsing(inputs, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=re.escape(message)):
        kg.build(inputs)


def test_build_refuses_a_missing_path(tmp_path):
    with pytest.raises(InputError, match="does not exist|no such file"):
        kg.build(tmp_path / "gone.txt")


def test_public_api_is_typed():
    assert (ROOT / "kg" / "py.typed").is_file()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["kg"]
    functions = [kg.api.build, kg.api.open_store, kg.api.check_output, kg.api.write_output]
    functions += [f for name, f in inspect.getmembers(kg.api.Graph, inspect.isfunction) if not name.startswith("__")
                  or name in ("__init__", "__enter__", "__repr__")]
    for f in functions:
        sig = inspect.signature(f)
        missing = [p for p in sig.parameters if p != "self" and sig.parameters[p].annotation is inspect.Parameter.empty
                   and sig.parameters[p].kind not in (inspect.Parameter.VAR_POSITIONAL,)]
        assert not missing, f"{f.__qualname__}: parameters without a type: {missing}"
        assert sig.return_annotation is not inspect.Signature.empty, f"{f.__qualname__} has no return type"


def test_cli_check_output_is_the_api_one():
    from kg.cli import main

    run = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--store", "nowhere", "-o", "g.csv"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT, env={"PYTHONPATH": str(ROOT),
                                                                                       "PATH": "/usr/bin:/bin"})
    assert run.returncode == StoreError.exit_code
    with pytest.raises(StoreError) as e:
        kg.api.check_output("g.csv")
    assert run.stderr.strip() == f"kg: error: {e.value}"
    assert main  # the command line's own entry point is importable beside the API


# -- real articles ----------------------------------------------------------------------------------------
def _doctests(module, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, extraglobs={"kg": kg}) if t.examples]
    for t in tests:
        runner.run(t)
    return runner.summarize(verbose=False)


@pytest.mark.model
def test_the_docstring_examples_run(tmp_path, monkeypatch):
    result = _doctests(kg.api, tmp_path, monkeypatch)
    assert result.failed == 0 and result.attempted >= 15, result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example articles built by the API and by the command line (kg build -o FILE, --store DIR)."""
    from kg.cli import main

    tmp = tmp_path_factory.mktemp("built")
    graph = kg.build(EXAMPLES)
    assert main(["build", *map(str, EXAMPLES), "-o", str(tmp / "cli.trig"), "--store", str(tmp / "store")]) == 0
    return graph, tmp


@pytest.mark.model
def test_build_writes_what_kg_build_writes(built):
    from kg.cli import main

    graph, tmp = built
    assert graph.report.added == len(EXAMPLES) and graph.report.skipped == []
    graph.write(tmp / "api.trig")
    assert (tmp / "api.trig").read_bytes() == (tmp / "cli.trig").read_bytes()
    for name in ("g.ttl", "g.graphml"):  # the command line's store gives the same bytes as kg build -o
        assert main(["export", "--store", str(tmp / "store"), "-o", str(tmp / f"cli-{name}")]) == 0
        graph.write(tmp / f"api-{name}")
        assert (tmp / f"api-{name}").read_bytes() == (tmp / f"cli-{name}").read_bytes()
    assert to_isomorphic(graph.to_rdf()) == to_isomorphic(RDFGraph().parse(tmp / "cli-g.ttl"))


@pytest.mark.model
def test_build_and_open_store_read_alike(built):
    graph, tmp = built
    with kg.open_store(tmp / "store") as stored:
        assert stored.stats() == graph.stats()
        assert stored.statements() == graph.statements()
        assert stored.entities() == graph.entities()
    assert to_isomorphic(to_rdf(graph._model(), BASE)) == to_isomorphic(graph.to_rdf())


def gold_meetings() -> set[tuple[str, str]]:
    """The seed article's gold "met" relations (tests/data), as (label, label), both ways when symmetric."""
    import json

    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    pairs = set()
    for r in gold["relations"]:
        if "met" in [r["relation"], *r.get("alternatives", [])]:
            pairs.add((r["source"], r["target"]))
    return pairs


@pytest.mark.model
def test_the_seed_article_gold_meetings_are_statements(built):
    graph, _ = built
    labels = {e.key: e.label for e in graph.entities()}
    found = {(labels[st.subject], labels[st.object]) for st in graph.statements()
             if st.relation == "met" and st.object and st.polarity == "Positive"}
    wanted = gold_meetings()
    assert wanted and all(pair in found or pair[::-1] in found for pair in wanted), (wanted, found)


@pytest.mark.model
def test_build_takes_texts_paths_documents_and_streams(tmp_path):
    from kg.ingest import parse_text, read_document

    text = "Olaf Scholz met Donald Tusk in Warsaw on Friday."
    doc = parse_text("Antony Blinken a rencontré Sergueï Lavrov à Vienne.", "vienne.txt", "fr")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    stream = (x for x in [text, doc, folder, str(folder / "a.txt")])
    graph = kg.build(stream, lang=None, progress=False)
    assert graph.stats()["documents"] == 3  # the same article twice is one document
    sources = {d.source for d in graph._model().documents.values()}
    assert sources == {"<text 1>", "vienne.txt", str(folder / "a.txt")}
    found = {(st.subject, st.relation, st.object) for st in graph.statements()}
    assert {("Olaf_Scholz", "met", "Donald_Tusk"), ("Antony_Blinken", "met", "Sergei_Lavrov")} <= found
    assert read_document(folder / "a.txt").id in {d.id for d in graph._model().documents.values()}


@pytest.mark.model
def test_build_skips_bad_inputs_when_asked(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt"):
        kg.build([SEED, tmp_path / "empty.txt"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph = kg.build([tmp_path / "empty.txt", SEED], errors="skip")
    assert [s.source for s in graph.report.skipped] == [str(tmp_path / "empty.txt")]
    assert any("1 of 2 input(s)" in str(w.message) for w in caught)
    assert graph.stats()["documents"] == 1
    with pytest.raises(InputError, match="none of the 1 input"):
        kg.build([tmp_path / "empty.txt"], errors="skip")


@pytest.mark.model
def test_to_pandas_gives_when_and_where():
    pytest.importorskip("pandas")
    graph = kg.build("Olaf Scholz met Donald Tusk in Warsaw on Friday.", lang="en")
    _, statements = graph.to_pandas()
    met = statements[statements["relation"] == "met"].iloc[0]
    assert (met["place_label"], met["place"]) == ("Warsaw", "Warsaw")
    import pandas as pd

    assert pd.isna(met["date"])  # "on Friday" in a text with no date of its own is no day
    dated = kg.build([Document(id="d1", source="s", lang="en", text="Olaf Scholz met Donald Tusk in Warsaw on Friday.",
                               offsets=tuple(range(49)), meta={"date": "2024-03-06"})])
    _, statements = dated.to_pandas()
    # a past tense looks back: the Friday before Wednesday 6 March
    assert statements[statements["relation"] == "met"].iloc[0]["date"] == "2024-03-01"
