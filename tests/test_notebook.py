"""examples/kg-notebook.ipynb runs in a local Jupyter kernel (nbclient and ipykernel, from the test extra)
and shows what the command line builds from the same articles.

The kernel is this interpreter's own ipykernel, talking over loopback; nbclient starts it and shuts it
down. Its outputs are checked against ``kg build`` run here on the same articles and against the gold
annotation of the seed article.
"""
import ast
import html
import json
import re

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from conftest import ROOT, SEED_GOLD
from kg.vocab import KGO

NOTEBOOK = ROOT / "examples" / "kg-notebook.ipynb"


def _text(output) -> str:
    if output["output_type"] == "stream":
        return output["text"]
    return output.get("data", {}).get("text/plain", "")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    tmp = tmp_path_factory.mktemp("kernel")
    with pytest.MonkeyPatch.context() as mp:
        # the kernel imports this checkout's kg and keeps its Jupyter files in the test's folder
        import os

        mp.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
        for var in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR"):
            mp.setenv(var, str(tmp / var.lower()))
        mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                         resources={"metadata": {"path": str(ROOT / "examples")}})
        client.execute()
    return {tag: cell for cell in nb.cells if cell.cell_type == "code" for tag in cell.metadata.get("tags", [])}


@pytest.fixture(scope="module")
def cli_counts(tmp_path_factory):
    """Documents, entities and statements of ``kg build examples/*.txt -o FILE``."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("cli") / "examples.ttl"
    assert main(["build", *map(str, sorted((ROOT / "examples").glob("*.txt"))), "-o", str(out)]) == 0
    g = Graph().parse(out)
    return tuple(len(set(g.subjects(RDF.type, t))) for t in (KGO.Document, KGO.Entity, KGO.Statement))


def test_the_notebook_is_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


@pytest.mark.model
def test_the_graph_shows_its_summary_and_page(executed, cli_counts):
    documents, entities, statements = cli_counts
    (result,) = [o for o in executed["build"].outputs if o["output_type"] == "execute_result"]
    assert result["data"]["text/plain"] == f"<kg.Graph: {documents} documents, {entities} entities, " \
                                           f"{statements} statements>"
    page = result["data"]["text/html"]
    assert f"{documents} documents, {entities} entities, {statements} statements" in page
    frame = re.search(r"srcdoc=\"([^\"]*)\"", page)
    assert frame and "vis.Network" in html.unescape(frame.group(1))


@pytest.mark.model
def test_the_dataframes_hold_every_entity_and_statement(executed, cli_counts):
    _, entities, statements = cli_counts
    printed = "".join(_text(o) for o in executed["pandas"].outputs if o["output_type"] == "stream")
    assert printed.strip() == f"{entities} entities, {statements} statements"
    table = "".join(_text(o) for o in executed["pandas"].outputs if o["output_type"] == "execute_result")
    counts = dict(re.findall(r"^(Organization|Person|Place)\s+(\d+)$", table, flags=re.M))
    assert sum(map(int, counts.values())) == entities


def gold_meetings() -> dict[tuple[str, str], str]:
    """The seed article's gold "met" relations (tests/data) and their modality."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return {(r["source"], r["target"]): r.get("modality", "asserted") for r in gold["relations"]
            if "met" in [r["relation"], *r.get("alternatives", [])]}


@pytest.mark.model
def test_the_seed_articles_meetings_are_found(executed):
    table = "".join(_text(o) for o in executed["met"].outputs if o["output_type"] == "execute_result")
    (sparql,) = [o for o in executed["sparql"].outputs if o["output_type"] == "execute_result"]
    direct = set(ast.literal_eval(sparql["data"]["text/plain"]))
    wanted = gold_meetings()
    assert "asserted" in wanted.values()
    for (who, whom), modality in wanted.items():
        assert who in table and whom in table  # every meeting, planned ones too, is a row of the DataFrame
        if modality == "asserted":  # only asserted ones are direct kgo:met triples
            assert (who, whom) in direct or (whom, who) in direct


@pytest.mark.model
def test_networkx_and_write_cells_ran(executed):
    (top,) = [o for o in executed["networkx"].outputs if o["output_type"] == "execute_result"]
    ranked = ast.literal_eval(top["data"]["text/plain"])
    assert len(ranked) == 5 and all(isinstance(label, str) and 0 < c <= 1 for label, c in ranked)
    printed = "".join(_text(o) for o in executed["write"].outputs if o["output_type"] == "stream")
    assert printed.strip() == "examples.graphml True"
