"""kg build --dask (kg.distributed): partitions, the same bytes as a plain build, a worker killed mid-build,
reruns that skip finished partitions. The cluster is a LocalCluster of two worker processes on the loopback
interface, started once for the module (each worker loads the spaCy models once) and closed after it."""
import json
import re
import os
import signal
from pathlib import Path

import pytest

from kg.corpus import build_corpus, iter_sources
from kg.distributed import Options, build_on_dask, connect, load_results, plan_inputs, read_result
from kg.errors import InputError
from kg.export import DEFAULT_BASE_IRI as BASE
from kg.store import export_store, init_store, open_store

distributed = pytest.importorskip("distributed")

#: short articles that name the same people in several documents ("John Harrowgate", later "Mr. Harrowgate";
#: two Whitcombes), so that cross-document resolution has work to do
ARTICLES = {
    "harrowgate.txt": "Trade envoy John Harrowgate met European Union officials in Geneva on Monday. "
                      "Harrowgate said the talks had been useful.",
    "mary.txt": "Mary Whitcombe, the head of a charity, criticised the Government of Spain in Madrid on Tuesday. "
                "Whitcombe called for more aid.",
    "lavrov.fr.txt": "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré des responsables de "
                     "l'OTAN à Vienne lundi. M. Lavrov a accusé l'OTAN de menacer la Russie.",
}
RECORDS = [
    {"id": "peter", "lang": "en", "text": "Peter Whitcombe, a banker, visited Rome on Friday. Peter Whitcombe met "
                                          "the President of France."},
    {"id": "mr-harrowgate", "text": "Mr. Harrowgate criticised the European Union in Brussels on Monday. "
                                    "He said that the talks had failed."},
    {"id": "lula", "lang": "fr", "text": "Le président brésilien Lula a rencontré le Premier ministre portugais à "
                                         "Lisbonne jeudi. Lula a appelé à un cessez-le-feu en Ukraine."},
    {"id": "peter", "lang": "en", "text": "Peter Whitcombe, a banker, visited Athens on Monday. He met NATO "
                                          "officials."},  # the same id again, another text: replaces the first
]


def write_inputs(root: Path) -> list[str]:
    (root / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (root / "articles" / name).write_text(text + "\n", encoding="utf-8")
    (root / "articles" / "notes.csv").write_text("not an article\n")  # ignored
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    lines.insert(2, '{"id": "broken", "text": ')  # skipped
    lines.insert(1, "")  # a blank line keeps the line numbers of the records after it
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(root / "articles"), str(root / "news.jsonl")]


def all_quads(store) -> set:
    return {str(q) for q in store}


def exports(store, folder: Path) -> dict:
    out = {}
    for ext in (".nq", ".trig", ".nt", ".ttl"):
        export_store(store, folder / f"export{ext}")
        out[ext] = (folder / f"export{ext}").read_bytes()
    return out


# -- the plan (no cluster, no model) -----------------------------------------------------------------------
def test_plan_partitions_in_input_order(tmp_path):
    inputs = write_inputs(tmp_path)
    plan = plan_inputs(inputs, Options(), partition_size=2)
    units = [(u.kind, Path(u.name).name, u.first, u.end) for p in plan.partitions for u in p.units]
    # files of the folder in sorted order, then the JSONL's non-blank lines (5 records, one broken) in
    # ranges of two documents, the first range filling the partition the last file opened
    assert units == [("file", "harrowgate.txt", 1, None), ("file", "lavrov.fr.txt", 1, None),
                     ("file", "mary.txt", 1, None), ("jsonl", "news.jsonl", 1, 3),
                     ("jsonl", "news.jsonl", 3, 5), ("jsonl", "news.jsonl", 5, None)]
    assert [p.documents for p in plan.partitions] == [2, 2, 2, 2]
    assert [Path(i.source).name for i in plan.ignored] == ["notes.csv"]
    # the same inputs give the same keys; a changed file changes its partition's key only
    again = plan_inputs(inputs, Options(), partition_size=2)
    assert [p.key for p in again.partitions] == [p.key for p in plan.partitions]
    os.utime(tmp_path / "articles" / "mary.txt", ns=(1, 1))
    changed = plan_inputs(inputs, Options(), partition_size=2)
    assert [a.key == b.key for a, b in zip(changed.partitions, plan.partitions)] == [True, False, True, True]
    assert plan_inputs(inputs, Options(min_confidence=0.5), partition_size=2).partitions[0].key != plan.partitions[0].key


def test_plan_lists_globs_urls_and_bad_inputs(tmp_path):
    inputs = write_inputs(tmp_path)
    glob = plan_inputs([str(tmp_path / "articles" / "*.txt")], Options())
    assert [Path(u.name).name for u in glob.partitions[0].units] == sorted(ARTICLES)
    url = plan_inputs([f"file://{tmp_path}/articles"], Options())  # read through fsspec
    assert [u.name for u in url.partitions[0].units] == [f"file://{tmp_path}/articles/{n}" for n in sorted(ARTICLES)]
    assert not any(u.local for u in url.partitions[0].units)
    bad = plan_inputs([str(tmp_path / "none.jsonl"), inputs[1], str(tmp_path / "no-*.jsonl")], Options())
    assert [(pos, "no such file" in s.reason or "no file matches" in s.reason) for pos, s in bad.skipped] == \
        [(0, True), (1, True)]
    with pytest.raises(InputError, match="standard input"):
        plan_inputs(["-"], Options())


def fake_extract(docs, min_confidence, background=False, max_sentence_tokens=None):
    """An extraction without spaCy, for the map and the reduce: "Ada_Okonjo met Chad ..." gives a person,
    a place and a 'met' statement."""
    from kg.model import Entity, Provenance, Statement
    from kg.pipeline import Extraction

    out = []
    for d in docs:
        who, _, where = d.text.split()[:3]
        if who == "fail":
            out.append("extraction failed (ValueError: no)")
            continue
        ents = (Entity(who, who.replace("_", " "), "Person", frozenset({(who.replace("_", " "), "en")})),
                Entity(where, where, "Place"))
        sentence = " ".join(d.text.split()[:3])
        out.append(Extraction(d, ents, (Statement(who, "met", where, Provenance(d.id, sentence, 0, len(sentence)),
                                                  confidence=0.9),)))
    return out


FAKE_FILES = {"a.txt": "Okonjo met Chad on Monday.", "b.txt": "Ada_Okonjo met Chad on Tuesday.",
              "c.txt": "Ben_Smith met Mali on Friday.", "d.txt": "fail met Mali today.",
              "e.txt": "Okonjo met Chad on Monday."}  # e.txt: a.txt's text again, in another file
FAKE_RECORDS = [{"id": "r1", "lang": "en", "text": "Smith met Mali on Sunday."},
                {"id": "r2", "lang": "en", "text": "Mary_Smith met Chad on Monday."},
                {"id": "r1", "lang": "en", "text": "John_Smith met Mali on Sunday."}]  # r1 again: replaced


def fake_inputs(root: Path) -> list[str]:
    (root / "files").mkdir(parents=True)
    for name, text in FAKE_FILES.items():
        (root / "files" / name).write_text(text + "\n", encoding="utf-8")
    lines = [json.dumps(r) for r in FAKE_RECORDS]
    lines.insert(1, "{not json")
    (root / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(root / "files"), str(root / "r.jsonl"), str(root / "missing.txt")]


@pytest.mark.parametrize("existing", [False, True], ids=["new store", "existing store"])
def test_map_and_reduce_give_the_plain_build(tmp_path, monkeypatch, existing):
    """The map (run here, without a cluster) and the reduce against build_corpus, with the same extractor:
    the same quads, bookkeeping included, and the same counts."""
    import kg.corpus
    from kg.distributed import extract_partition

    monkeypatch.setattr(kg.corpus, "_extract_batch", fake_extract)
    inputs = fake_inputs(tmp_path)
    plain = open_store(tmp_path / "plain", create=True)
    if existing:
        build_corpus(iter_sources([inputs[0]]), plain, base_iri=BASE)
    expected = build_corpus(iter_sources(inputs), plain, base_iri=BASE)
    options = Options(lang="en")
    plan = plan_inputs(inputs, options, partition_size=2)
    assert len(plan.partitions) > 2
    results = str(tmp_path / "results")
    os.makedirs(results)
    for part in plan.partitions:
        assert not extract_partition(part, options, results)["cached"]
    assert extract_partition(plan.partitions[0], options, results)["cached"]  # done once
    if existing:
        first = open_store(tmp_path / "store", create=True)
        build_corpus(iter_sources([inputs[0]]), first, base_iri=BASE)
        del first
    report = load_results(plan, results, tmp_path / "store", base_iri=BASE)
    store = open_store(tmp_path / "store", read_only=True)
    # the files a document's text came from are bookkeeping (no export has them): kg build notes a second
    # file with the same text only when the first was written before the second was read (not within
    # one batch of 16), the reduce always does
    source = "<urn:kg:build:sourceFile>"
    assert {q for q in all_quads(store) if source not in q} == {q for q in all_quads(plain) if source not in q}
    files = {q.split('"')[1] for q in all_quads(store) if source in q}
    assert files == {str(tmp_path / "files" / name) for name in FAKE_FILES if name != "d.txt"}
    assert exports(store, tmp_path) == exports(plain, tmp_path)
    # kg build lists an input it could not read before the failed extractions of earlier documents (it
    # reads ahead); the reduce lists them in input order
    got = (report.read, report.added, report.replaced, report.unchanged, sorted(s.reason for s in report.skipped))
    assert got == (expected.read, expected.added, expected.replaced, expected.unchanged,
                   sorted(s.reason for s in expected.skipped))
    assert len(report.skipped) == 3  # the missing file, the bad JSON line, the failed extraction
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left


def test_connect_refuses_a_bad_address_and_starts_a_local_cluster():
    with pytest.raises(InputError, match="local:N"):
        connect("local:0")
    client, cluster = connect("local:1")
    try:
        assert client.submit(sum, [1, 2]).result() == 3
        assert all(w.startswith("tcp://127.0.0.1:") for w in client.scheduler_info()["workers"])
    finally:
        client.close()
        cluster.close()


# -- builds on a cluster -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as c, Client(c) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The inputs, and the store a plain 'kg build --store' makes of them."""
    root = tmp_path_factory.mktemp("dask")
    inputs = write_inputs(root)
    plain = open_store(root / "plain", create=True)
    report = build_corpus(iter_sources(inputs), plain, base_iri=BASE)
    assert report.replaced == 1 and len(report.skipped) == 1 and report.added == 6
    return root, inputs, plain


def dask_build(client, inputs, options, results, store_path, **kw):
    plan = plan_inputs(inputs, options, partition_size=2)
    run = build_on_dask(client, plan, options, str(results), **kw)
    return plan, run, load_results(plan, str(results), store_path, base_iri=BASE)


@pytest.mark.model
def test_a_dask_build_is_the_plain_build(cluster, corpus, tmp_path):
    root, inputs, plain = corpus
    plan, run, report = dask_build(cluster, inputs, Options(), tmp_path / "results", tmp_path / "store")
    assert run.workers == 2 and run.cached == 0 and len(run.models_seconds) == 2
    assert (report.read, report.added, report.replaced, report.unchanged) == (7, 6, 1, 0)
    assert [s.source for s in report.skipped] == [f"{inputs[1]}:4"]
    store = open_store(tmp_path / "store", read_only=True)
    assert all_quads(store) == all_quads(plain)  # the bookkeeping too: later builds extend it alike
    assert exports(store, tmp_path) == exports(plain, tmp_path)
    # a rerun finds every partition's result and extracts nothing
    again = build_on_dask(cluster, plan, Options(), str(tmp_path / "results"))
    assert again.cached == len(plan.partitions)
    # a lost result is the only partition done again
    (tmp_path / "results" / f"{plan.partitions[1].key}.jsonl").unlink()
    assert build_on_dask(cluster, plan, Options(), str(tmp_path / "results")).cached == len(plan.partitions) - 1


@pytest.mark.model
def test_a_dask_build_extends_a_store_as_the_plain_build_does(cluster, corpus, tmp_path):
    root, inputs, plain = corpus
    # half the inputs first (a plain build), the rest on the cluster: the store is updated document by
    # document and reconciled ("Mr. Harrowgate" comes after "John Harrowgate" was stored)
    store = open_store(tmp_path / "store", create=True)
    build_corpus(iter_sources([inputs[0]]), store, base_iri=BASE)
    del store
    _, _, report = dask_build(cluster, inputs, Options(), f"file://{tmp_path}/results", tmp_path / "store")
    assert (report.added, report.unchanged, report.replaced) == (3, 3, 1)
    store = open_store(tmp_path / "store", read_only=True)
    assert exports(store, tmp_path) == exports(plain, tmp_path)


class KillOnce(distributed.WorkerPlugin):
    """Kills its worker's process (SIGKILL, as the OOM killer would) when the first kg partition starts
    running on the cluster; a file marks that it was done."""

    name = "kill-once"

    def __init__(self, marker: str):
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and str(key).startswith("kg-partition-"):
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return
            os.write(fd, f"{os.getpid()} {key}".encode())
            os.close(fd)
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.model
def test_a_worker_killed_mid_build_changes_nothing(cluster, corpus, tmp_path):
    root, inputs, plain = corpus
    before = set(cluster.scheduler_info()["workers"])
    marker = tmp_path / "killed"
    cluster.register_plugin(KillOnce(str(marker)))
    try:
        plan, run, report = dask_build(cluster, inputs, Options(), tmp_path / "results", tmp_path / "store")
    finally:
        cluster.unregister_worker_plugin("kill-once")
    pid, key = marker.read_text().split()
    assert key.startswith("kg-partition-")  # a partition was running when its worker died
    assert pid not in {str(p) for p in cluster.run(os.getpid).values()}  # that process is gone
    cluster.wait_for_workers(2, timeout=300)  # its nanny starts another, which loads the models
    assert set(cluster.scheduler_info()["workers"]) != before
    assert all(read_result(str(tmp_path / "results"), p.key) is not None for p in plan.partitions)
    store = open_store(tmp_path / "store", read_only=True)
    assert all_quads(store) == all_quads(plain)


@pytest.mark.model
def test_the_command_line(cluster, corpus, tmp_path, capsys):
    from kg.cli import main

    root, inputs, plain = corpus
    address = cluster.scheduler.address
    out = tmp_path / "graph.nq"
    code = main(["build", *inputs, "--dask", address, "-o", str(out), "--partition-size", "3"])
    captured = capsys.readouterr()
    assert code == 8, captured.err  # the broken JSONL line was skipped
    assert ("Dask dashboard at http" in captured.err) if _has_bokeh() else \
        ("Dask dashboard unavailable (bokeh is not installed" in captured.err)
    assert re.search(r"dask       [12] worker\(s\), 3 partition\(s\), 0 already done", captured.out)
    export_store(plain, tmp_path / "plain.nq")
    assert out.read_bytes() == (tmp_path / "plain.nq").read_bytes()
    assert main(["build", *inputs, "--dask", address, "--workers", "2", "-o", str(out)]) == 2
    assert "not both" in capsys.readouterr().err


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None
