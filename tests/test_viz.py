"""kg viz: the self-contained page in headless Chromium (offline, nodes, edges, panel, hover, 5,000 nodes),
the PNG, determinism and bad input.

Chromium comes from Debian (``chromium``); the session fixture installs it when it is missing and skips
the browser tests, with the reason, when it cannot.
"""
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from kg.export import to_rdf
from kg.graph import KnowledgeGraph
from kg.model import ENTITY_TYPES, NEGATIVE, PLANNED, RELATIONS, Document, Entity, Provenance, Statement
from kg.propertygraph import read_rdf, to_property_graph
from kg.viz import generate_html, generate_png, write_viz

SEED_TTL = ROOT / "examples" / "blinken-lavrov-vienne.fr.ttl"
ENT = "https://kg.example.org/entity/"
CHROMIUM = os.environ.get("KG_TEST_CHROMIUM", "/usr/bin/chromium")


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


# -- without a browser --------------------------------------------------------------------------------
def test_page_is_self_contained_and_deterministic(tmp_path):
    out = tmp_path / "seed.html"
    run = kg("viz", "--store", SEED_TTL, "-o", out)
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "vis-network" in html and "@version 9.1.2" in html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "Content-Security-Policy" in html
    again = tmp_path / "again.html"
    assert kg("viz", "--store", SEED_TTL, "-o", again).returncode == 0
    assert again.read_bytes() == out.read_bytes()


#: the vendored vis-network files and their sha256 (kg/templates/vis-network-9.1.2/README.md)
VIS_FILES = {"vis-network.min.js": "6e30a2350474cdf92a0932c6d55b8adcb91929066817ed3eec7b87907a4612f3",
             "vis-network.min.css": "2e82d445ad5878ea881652470ce632601f8f55f1b99e6ebecdff8614600e6d0e"}


def test_vis_network_is_vendored_with_its_licences():
    import hashlib

    from kg.viz import VIS_DIR, vis_assets

    folder = ROOT / "kg" / "templates" / VIS_DIR
    for name, digest in VIS_FILES.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (folder / "LICENSE-MIT").read_text(encoding="utf-8")
    assert "Apache License" in (folder / "LICENSE-APACHE-2.0").read_text(encoding="utf-8")
    js, css = vis_assets()
    assert js == (folder / "vis-network.min.js").read_text(encoding="utf-8") and ".vis-network" in css
    # the page is made without pyvis: a child process where importing it fails still writes it
    code = ("import sys; sys.modules['pyvis'] = None; from kg.propertygraph import read_rdf, to_property_graph; "
            "from kg.viz import generate_html; sys.stdout.buffer.write(generate_html(to_property_graph("
            "read_rdf(sys.argv[1]))))")
    run = subprocess.run([sys.executable, "-c", code, str(SEED_TTL)], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout == generate_html(to_property_graph(read_rdf(SEED_TTL)))


def test_labels_cannot_break_out_of_the_page():
    kgraph = KnowledgeGraph()
    kgraph.add_entity(Entity("X", "</script><script>alert(1)</script>", ENTITY_TYPES[0], frozenset()))
    html = generate_html(to_property_graph(to_rdf(kgraph))).decode("utf-8")
    assert "<script>alert(1)" not in html


def test_png_is_drawn_without_a_browser(tmp_path):
    out = tmp_path / "seed.png"
    run = kg("viz", "--store", SEED_TTL, "--png", out)
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert generate_png(to_property_graph(read_rdf(SEED_TTL))) == generate_png(to_property_graph(read_rdf(SEED_TTL)))


@pytest.mark.parametrize("args, message", [
    (["--store", "missing.ttl", "-o", "out.html"], "does not exist"),
    (["--store", "README.md", "-o", "out.html"], "allowed: .ttl"),
    (["--store", str(SEED_TTL), "-o", "out.svg"], "allowed: .html, .htm, .png"),
    (["--store", str(SEED_TTL)], "nothing to write"),
    (["--store", str(SEED_TTL), "--png", "out.jpg"], "must end in .png"),
])
def test_bad_input_is_one_error_line_and_no_file(tmp_path, args, message):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "viz", *args], capture_output=True, text=True,
                         timeout=300, cwd=ROOT if "README" in args[1] else tmp_path)
    assert run.returncode != 0
    assert run.stderr.count("\n") == 1 and message in run.stderr and "Traceback" not in run.stderr
    assert not list(tmp_path.iterdir())


def test_empty_graph_is_refused(tmp_path):
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")
    run = kg("viz", "--store", tmp_path / "empty.ttl", "-o", tmp_path / "out.html")
    assert run.returncode != 0 and "no entity" in run.stderr
    assert not (tmp_path / "out.html").exists()


# -- in Chromium --------------------------------------------------------------------------------------
def _install_chromium() -> str | None:
    """Install Debian's chromium if missing; the reason it cannot be, or None."""
    if os.path.exists(CHROMIUM):
        return None
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return "chromium is not installed and apt-get as root is not available to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    lock = ["-o", "DPkg::Lock::Timeout=600"]
    for cmd in (["apt-get", *lock, "update", "-q"], ["apt-get", *lock, "install", "-y", "-q", "chromium"]):
        try:
            run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        except subprocess.TimeoutExpired:
            return f"'{' '.join(cmd)}' timed out"
        if run.returncode != 0:
            return f"'{' '.join(cmd)}' failed: {run.stderr.strip().splitlines()[-1:] or run.returncode}"
    return None if os.path.exists(CHROMIUM) else f"apt-get installed chromium but {CHROMIUM} is missing"


def _skip(request, reason):
    # printed on the terminal even under output capture, then in the summary's skip line
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nSKIP browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(request):
    reason = _install_chromium()
    if reason:
        _skip(request, reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip(request, "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                  args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        except Exception as e:  # noqa: BLE001 - any launch failure means: cannot test here
            _skip(request, f"cannot start {CHROMIUM}: {str(e).splitlines()[0]}")
        yield b
        b.close()


def open_page(browser, path, requests, problems):
    page = browser.new_page(viewport={"width": 1500, "height": 900})
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
    return page


def test_seed_page_in_chromium(browser, tmp_path):
    out = tmp_path / "seed.html"
    assert kg("viz", "--store", SEED_TTL, "-o", out).returncode == 0
    requests, problems = [], []
    page = open_page(browser, out, requests, problems)
    try:
        assert requests == [out.as_uri()], "the page made a network request"
        assert problems == []
        labels = page.evaluate("kgViz.nodeView.get().map(n => n.label)")
        assert {"Antony Blinken", "Sergei Lavrov", "NATO", "Vienna", "Ukraine"} <= set(labels)
        # the met edge between Blinken and Lavrov: in the view, connected, and both ends on screen
        met = page.evaluate("""() => {
            const net = kgViz.network, box = document.getElementById('network').getBoundingClientRect();
            const ends = ['%(e)sAntony_Blinken', '%(e)sSergei_Lavrov'];
            const ids = kgViz.edgeView.getIds().filter(id => {
                const e = kgViz.data.edges.find(x => x.id === id);
                return e.relation === 'met' && ends.includes(e.from) && ends.includes(e.to);
            });
            const drawn = ids.filter(id => net.body.edges[id] && net.body.edges[id].connected);
            const onScreen = ends.every(n => { const p = net.canvasToDOM(net.getPositions([n])[n]);
                return p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height; });
            let mid = null;
            if (drawn.length) { const c = net.body.edges[drawn[0]].edgeType.getPoint(0.5); mid = net.canvasToDOM(c); }
            return {ids, drawn, onScreen, mid, left: box.left, top: box.top};
        }""" % {"e": ENT})
        assert met["drawn"] and met["onScreen"], met
        # negated statements are hidden by default
        hidden = page.evaluate("kgViz.data.edges.filter(e => e.polarity === 'Negative')"
                               ".every(e => kgViz.edgeView.get(e.id) === null)")
        assert hidden
        # clicking a node shows its names, identifiers, statements and quotes
        def click(key):
            pos = page.evaluate("(() => { const n = '%s%s'; "
                                "return kgViz.network.canvasToDOM(kgViz.network.getPositions([n])[n]); })()" % (ENT, key))
            page.mouse.click(met["left"] + pos["x"], met["top"] + pos["y"])
            return page.inner_text("#panel")

        panel = click("Antony_Blinken")
        assert "met" in panel and "Sergei Lavrov" in panel and "quotes (6)" in panel and "l'OTAN" in panel
        panel = click("Ukraine")
        assert "Wikidata Q212" in panel and "GeoNames" in panel and "Ukraine" in panel
        assert page.get_attribute("#panel a", "href") == "https://www.wikidata.org/wiki/Q212"
        # hovering the met edge shows its evidence
        page.mouse.move(met["left"] + met["mid"]["x"], met["top"] + met["mid"]["y"])
        page.wait_for_function("document.getElementById('hover').style.display === 'block'", timeout=5_000)
        hover = page.inner_text("#hover")
        assert "met" in hover and "confidence" in hover and "source:" in hover
        # filters: hiding the Person type hides Blinken
        page.uncheck("#types input[data-type=Person]")
        assert "Antony Blinken" not in page.evaluate("kgViz.nodeView.get().map(n => n.label)")
        page.check("#types input[data-type=Person]")
        relations = "kgViz.edgeView.get().map(e => kgViz.data.edges.find(x => x.id === e.id).relation)"
        assert "met" in page.evaluate(relations)
        page.uncheck("#relations input[data-relation=met]")
        assert "met" not in page.evaluate(relations)
        page.check("#relations input[data-relation=met]")
        page.check("#negated")
        assert page.evaluate("kgViz.edgeView.get().some(e => "
                             "kgViz.data.edges.find(x => x.id === e.id).polarity === 'Negative')")
        page.uncheck("#negated")
        page.fill("#confidence", "0.85")
        page.dispatch_event("#confidence", "input")
        assert page.evaluate("kgViz.edgeView.get().every(e => "
                             "kgViz.data.edges.find(x => x.id === e.id).confidence >= 0.85)")
        page.fill("#confidence", "0")
        page.dispatch_event("#confidence", "input")
        documents = page.evaluate("[...document.querySelectorAll('#document option')].map(o => o.value)")
        assert documents == ["", "https://kg.example.org/document/doc-3b6b7ec84430a362"]
        page.select_option("#document", documents[1])
        assert "NATO" not in page.evaluate("kgViz.nodeView.get().map(n => n.label)")  # no statement there
        page.select_option("#document", "")
        page.fill("#search", "Lavrov")
        page.dispatch_event("#search", "change")
        assert page.inner_text("#panel h1") == "Sergei Lavrov"
        page.screenshot(path=str(tmp_path / "seed-graph.png"))
        assert requests == [out.as_uri()], "the page made a network request"
    finally:
        page.close()
    assert (tmp_path / "seed-graph.png").stat().st_size > 10_000


def synthetic_graph(n_entities=5000, n_statements=6000) -> KnowledgeGraph:
    import random

    rnd = random.Random(6)
    kgraph = KnowledgeGraph()
    docs = [f"doc{i}.txt" for i in range(50)]
    for d in docs:
        kgraph.add_document(Document(d, d, "en", "x", (0, 1), title=f"Article {d}"))
    for i in range(n_entities):
        kgraph.add_entity(Entity(f"E{i}", f"Entity {i}", ENTITY_TYPES[i % 3], frozenset()))
    for i in range(n_statements):
        # a few hubs and many small stars, like news: countries and leaders collect the edges
        s = rnd.randrange(n_entities) if rnd.random() < 0.7 else rnd.randrange(50)
        o = rnd.randrange(n_entities) if rnd.random() < 0.5 else rnd.randrange(200)
        if s == o:
            continue
        kgraph.add_statement(Statement(f"E{s}", rnd.choice(RELATIONS), f"E{o}",
                                       Provenance(rnd.choice(docs), f"Sentence {i}.", i, i + 10),
                                       polarity=NEGATIVE if i % 17 == 0 else "Positive",
                                       modality=PLANNED if i % 11 == 0 else "Asserted",
                                       confidence=round(rnd.uniform(0.3, 0.95), 2)))
    return kgraph


def test_five_thousand_nodes_render(browser, tmp_path):
    t0 = time.monotonic()
    (out,) = write_viz(to_rdf(synthetic_graph()), tmp_path / "big.html")
    built = time.monotonic() - t0
    requests, problems = [], []
    t0 = time.monotonic()
    page = open_page(browser, out, requests, problems)
    try:
        loaded = time.monotonic() - t0
        assert page.get_attribute("body", "data-nodes") == "5000"
        assert problems == [] and requests == [out.as_uri()]
        # a filter change on the whole graph comes back (the page stays usable)
        t0 = time.monotonic()
        page.fill("#confidence", "0.9")
        page.dispatch_event("#confidence", "input")
        shown = int(page.get_attribute("body", "data-edges"))
        filtered = time.monotonic() - t0
        assert 0 < shown < 6000
        page.screenshot(path=str(tmp_path / "big.png"))
    finally:
        page.close()
    print(f"5,000 nodes: page written in {built:.1f}s, rendered in {loaded:.1f}s, filter applied in {filtered:.2f}s")


def test_store_folder_through_the_command_line(tmp_path):
    from test_propertygraph import make_store

    store = make_store(tmp_path / "store")
    run = kg("viz", "--store", store, "-o", tmp_path / "store.html", "--png", tmp_path / "store.png")
    assert run.returncode == 0, run.stderr
    from_file = tmp_path / "file.html"
    assert kg("viz", "--store", SEED_TTL, "-o", from_file, "--title", "store").returncode == 0
    assert (tmp_path / "store.html").read_bytes() == from_file.read_bytes()
    (tmp_path / "not-a-store").mkdir()
    run = kg("viz", "--store", tmp_path / "not-a-store", "-o", tmp_path / "x.html")
    assert run.returncode != 0 and "not a kg store" in run.stderr
    assert not (tmp_path / "x.html").exists()
