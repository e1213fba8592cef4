"""Hardening of the command line, the push client and input reading (issue 11).

Each bad input or option gives one clear line and a non-zero exit, never a traceback nor a hang; every
command ends quietly on a closed pipe; a build says how many inputs failed. Most tests need no spaCy
model: the ones that parse carry the ``model`` marker and run in this process, so the models load once.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.corpus as corpus
from kg.cli import main
from kg.corpus import Skipped, format_report, iter_inputs, parse_jsonl_record
from kg.errors import InputError, PushError
from kg.ingest import parse_text, read_document
from kgstore import corpus_graph, make_store

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Le ministre a rencontré son homologue à Vienne pour parler de la guerre."
EN = "The minister met his counterpart in Vienna to talk about the war."


def kg(*args, timeout=120, env=None, **kw):
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=full, **kw)


def one_line_error(run, *words):
    """The run failed with one line on stderr, no traceback, no usage text, naming ``words``."""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode != 0, run.stdout
    assert "Traceback" not in run.stderr and len(lines) == 1, run.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@contextlib.contextmanager
def no_hang(seconds=10):
    """Fail instead of hanging (a FIFO blocks a reader that opens it)."""
    def alarm(*_):
        raise TimeoutError(f"still blocked after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("hardening") / "kg", corpus_graph())


# -- 2: push with a bearer token to kg serve --------------------------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``kg serve --writable --token T`` on 127.0.0.1, port 0, over an in-memory graph; stopped afterwards."""
    data = tmp_path_factory.mktemp("serve") / "seed.ttl"
    data.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    token = "s3cret-token-for-tests"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--data", str(data), "--writable",
                             "--token", token, "--port", "0"], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = proc.stderr.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
        assert m, line + (proc.stderr.read() if proc.poll() is not None else "")
        yield m.group(1), token
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


def test_push_sends_a_bearer_token_to_kg_serve(served, store_dir):
    url, token = served
    run = kg("push", "--store", store_dir, "--endpoint", url, "--token", token, "--retries", "0")
    assert run.returncode == 0, run.stderr
    assert "graph(s) replaced" in run.stdout and "MISMATCH" not in run.stdout and "not checked" not in run.stdout
    run = kg("push", "--store", store_dir, "--endpoint", url, "--retries", "0", env={"KG_PUSH_TOKEN": token})
    assert run.returncode == 0, run.stderr


def test_push_with_a_password_to_a_bearer_endpoint_is_one_line(served, store_dir):
    url, _ = served
    run = kg("push", "--store", store_dir, "--endpoint", url, "--user", "U", "--password", "P", "--retries", "0")
    assert run.returncode == 6
    one_line_error(run, "Bearer", "--token")
    run = kg("push", "--store", store_dir, "--endpoint", url, "--retries", "0")
    assert run.returncode == 6
    one_line_error(run, "Bearer", "--token")
    run = kg("push", "--store", store_dir, "--endpoint", url, "--token", "wrong-token-here", "--retries", "0")
    assert run.returncode == 6
    one_line_error(run, "401")


def test_push_token_and_password_exclude_each_other(store_dir):
    run = kg("push", "--store", store_dir, "--endpoint", "http://127.0.0.1:9/sparql", "--token", "abcdefgh",
             "--user", "U", "--password", "P")
    assert run.returncode != 0
    one_line_error(run, "--token", "--user")


def test_an_unsupported_authentication_scheme_is_one_clear_error():
    import http.server
    import threading

    from kg.push import Endpoint

    class Negotiate(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(401)
            self.send_header("WWW-Authenticate", "Negotiate")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Negotiate)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ep = Endpoint(f"http://127.0.0.1:{server.server_address[1]}/sparql", user="u", password="p", retries=0)
        with pytest.raises(PushError, match="Negotiate") as err:
            ep.request("POST", b"update=x", "application/x-www-form-urlencoded")
        assert "Basic" in str(err.value) and "\n" not in str(err.value)
    finally:
        server.shutdown()
        server.server_close()


# -- 3: a closed pipe ends every command quietly ----------------------------------------------------
def closed_pipe_run(*args, env=None):
    """Run kg with its standard output a pipe whose reader is already gone."""
    r, w = os.pipe()
    os.close(r)
    try:
        return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], stdout=w, stderr=subprocess.PIPE,
                              text=True, timeout=300, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **(env or {})})
    finally:
        os.close(w)


@pytest.mark.parametrize("command", [["validate", str(ROOT / "examples" / "blinken-lavrov-vienne.fr.ttl")],
                                     ["push", "--store", "{store}", "--endpoint", "{url}", "--token", "{token}"],
                                     ["--help"], ["--version"], ["build", "--help"]])
def test_a_closed_pipe_ends_quietly(command, store_dir, served):
    args = [a.format(store=store_dir, url=served[0], token=served[1]) for a in command]
    run = closed_pipe_run(*args)
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr, run.stderr
    assert run.returncode == 0, run.stderr


@pytest.mark.model
def test_a_closed_pipe_after_a_build_ends_quietly(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    run = closed_pipe_run("build", tmp_path / "a.txt", "-o", tmp_path / "a.ttl", "--store", tmp_path / "store")
    assert "Traceback" not in run.stderr and run.returncode == 0, run.stderr
    assert (tmp_path / "a.ttl").stat().st_size > 0
    for args in (["stats", "--store", tmp_path / "store"], ["export", "--store", tmp_path / "store", "-o",
                                                           tmp_path / "b.nt"]):
        run = closed_pipe_run(*args)
        assert "Traceback" not in run.stderr and run.returncode == 0, run.stderr
    assert (tmp_path / "b.nt").stat().st_size > 0


# -- 7: only article files count in a folder ---------------------------------------------------------
def test_a_folder_readme_is_no_article(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "README.md").write_text("# Corpus\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "in" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path / "in")], lang="fr"))
    assert [d.source.rsplit("/", 1)[-1] for d, _ in (i for i in items if isinstance(i, tuple))] == ["a.txt"]
    ignored = [i for i in items if isinstance(i, corpus.Ignored)]
    assert [i.source.rsplit("/", 1)[-1] for i in ignored] == ["README.md", "notes.csv"]
    assert "--markdown" in ignored[0].reason
    assert not [i for i in items if isinstance(i, Skipped)]
    # with the option, or named explicitly, a .md file is an article
    items = list(iter_inputs([str(tmp_path / "in")], lang="fr", markdown=True))
    assert sorted(d.source.rsplit("/", 1)[-1] for d, _ in (i for i in items if isinstance(i, tuple))) == [
        "README.md", "a.txt"]
    [(doc, _)] = list(iter_inputs([str(tmp_path / "in" / "README.md")], lang="fr"))
    assert doc.source.endswith("README.md")
    assert corpus.count_inputs([str(tmp_path / "in")]) == 1


def test_the_summary_lists_the_ignored_files():
    report = corpus.BuildReport(read=1, added=1, ignored=[corpus.Ignored("in/README.md", "in/README.md: not an article "
                                                                  "file (.md in a folder: give --markdown)")])
    text = format_report(report)
    assert "ignored" in text and "in/README.md" in text


# -- 8: a JSONL record keeps its file and line as its source ------------------------------------------
def test_a_jsonl_record_source_is_its_file_and_line():
    doc = parse_jsonl_record({"id": "w1", "text": EN, "lang": "en", "source": "en.wikinews.org",
                              "url": "https://en.wikinews.org/wiki/X"}, "corpus.jsonl:3")
    assert doc.source == "corpus.jsonl:3"
    assert doc.meta["publisher"] == "en.wikinews.org" and doc.meta["url"] == "https://en.wikinews.org/wiki/X"


def test_a_jsonl_record_date_is_the_day_of_writing():
    from kg.ingest import document_date

    for key in ("published", "date"):
        doc = parse_jsonl_record({"text": EN, "lang": "en", key: "2012-07-04"}, "corpus.jsonl:1")
        assert doc.meta["date"] == "2012-07-04" and str(document_date(doc)) == "2012-07-04"
    with pytest.raises(InputError, match="'date' must be a string"):
        parse_jsonl_record({"text": EN, "lang": "en", "date": 20120704}, "corpus.jsonl:2")


@pytest.mark.model
def test_validate_checks_the_offsets_of_jsonl_records(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("in.jsonl").write_text(json.dumps({"id": "w1", "text": EN, "lang": "en", "source": "en.wikinews.org"})
                                + "\n", encoding="utf-8")
    assert main(["build", "in.jsonl", "-o", "g.ttl"]) == 0
    text = Path("g.ttl").read_text(encoding="utf-8")
    assert '"in.jsonl:1"' in text and '"en.wikinews.org"' in text
    capsys.readouterr()
    assert main(["validate", "g.ttl", "--sources", "."]) == 0
    assert "offsets checked against 1 of 1 source file(s)" in capsys.readouterr().out


# -- 9: numbers out of range and unknown values -----------------------------------------------------
@pytest.mark.parametrize("args, option", [
    (["build", "x.txt", "-o", "x.ttl", "--min-confidence", "1.5"], "--min-confidence"),
    (["build", "x.txt", "-o", "x.ttl", "--min-confidence", "-0.1"], "--min-confidence"),
    (["build", "x.txt", "-o", "x.ttl", "--min-confidence", "nan"], "--min-confidence"),
    (["build", "x.txt", "-o", "x.ttl", "--min-confidence", "high"], "--min-confidence"),
    (["build", "x.txt", "-o", "x.ttl", "--workers", "0"], "--workers"),
    (["build", "x.txt", "-o", "x.ttl", "--workers", "1000"], "--workers"),
    (["build", "x.txt", "-o", "x.ttl", "--max-chars", "0"], "--max-chars"),
    (["build", "x.txt", "-o", "x.ttl", "--max-sentence-tokens", "1"], "--max-sentence-tokens"),
    (["build", "x.txt", "-o", "x.ttl", "--lang", "de"], "--lang"),
    (["push", "--store", "s", "--endpoint", "http://h/", "--batch-size", "0"], "--batch-size"),
    (["push", "--store", "s", "--endpoint", "http://h/", "--retries", "-1"], "--retries"),
    (["push", "--store", "s", "--endpoint", "http://h/", "--timeout", "0"], "--timeout"),
    (["push", "--store", "s", "--endpoint", "http://h/", "--timeout", "inf"], "--timeout"),
    (["push", "--store", "s", "--endpoint", "http://h/", "--protocol", "ftp"], "--protocol"),
    (["validate", "x.ttl", "--limit", "-1"], "--limit"),
    (["stats", "--store", "s", "--top", "-1"], "--top"),
    (["serve", "--data", "x.ttl", "--port", "99999"], "--port"),
    (["serve", "--data", "x.ttl", "--workers", "0"], "--workers"),
    (["serve", "--data", "x.ttl", "--max-rows", "-5"], "--max-rows"),
    (["serve", "--data", "x.ttl", "--timeout", "-1"], "--timeout"),
    (["query", "ASK {}", "--data", "x.ttl", "--max-width", "-3"], "--max-width"),
    (["query", "ASK {}", "--data", "x.ttl", "--max-depth", "ten"], "--max-depth"),
    (["nosuchcommand"], "nosuchcommand"),
])
def test_bad_option_values_are_one_line(args, option, capsys):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and option in lines[0] and "usage:" not in err, err


def test_a_build_where_every_input_failed_exits_non_zero(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "in" / "b.jsonl").write_text("{oops\n", encoding="utf-8")
    run = kg("build", tmp_path / "in", "-o", tmp_path / "out.ttl")
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "none of the 2" in run.stderr and not (tmp_path / "out.ttl").exists()


@pytest.mark.model
def test_a_build_where_some_inputs_failed_says_so(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01\x02binary")
    code = main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out.ttl")])
    out = capsys.readouterr()
    assert code == 8 and (tmp_path / "out.ttl").exists()
    assert "1 of 2 input(s) failed" in out.out + out.err


# -- 10: the scripts -----------------------------------------------------------------------------------
def test_readme_runs_scripts_with_the_virtualenv_python():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    bare = re.findall(r"(?<!\.venv/bin/)\bpython3? (?:scripts|benchmarks)/\S+", readme)
    assert not bare, bare


def test_scripts_say_to_use_the_virtualenv_without_rdflib(tmp_path):
    # a Python without kg's dependencies: no site-packages at all
    for script in sorted((ROOT / "scripts").glob("*.py")):
        if script.name == "readme_section.py":
            continue
        run = subprocess.run([sys.executable, "-S", "-E", str(script), "--help"], capture_output=True, text=True,
                             timeout=60, cwd=tmp_path, env={"PATH": os.environ.get("PATH", "")})
        assert "Traceback" not in run.stderr, (script.name, run.stderr)
        if run.returncode != 0:
            assert ".venv/bin/python" in run.stderr, (script.name, run.stderr)


# -- 16: inputs that hang or abort a build --------------------------------------------------------------
def test_a_fifo_is_skipped_not_read(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    os.mkfifo(tmp_path / "in" / "feed.jsonl")
    os.mkfifo(tmp_path / "alone.txt")
    with no_hang():
        with pytest.raises(InputError, match="not a regular file"):
            read_document(tmp_path / "alone.txt", lang="fr")
        items = list(iter_inputs([str(tmp_path / "in"), str(tmp_path / "alone.txt")], lang="fr"))
        assert corpus.count_inputs([str(tmp_path / "in")]) is not None
    docs = [i for i in items if isinstance(i, tuple)]
    skipped = sorted(s.source.rsplit("/", 1)[-1] for s in items if isinstance(s, Skipped))
    assert [d.source.rsplit("/", 1)[-1] for d, _ in docs] == ["a.txt"]
    assert skipped == ["alone.txt", "feed.jsonl", "pipe.txt"]
    assert all("not a regular file" in s.reason for s in items if isinstance(s, Skipped))


def test_a_fifo_on_the_command_line_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "feed.jsonl")
    run = kg("build", tmp_path / "feed.jsonl", "-o", tmp_path / "out.ttl", timeout=60)
    assert run.returncode == 2
    one_line_error(run, "not a regular file")


def test_deep_json_and_bad_lines_lose_no_good_record(tmp_path):
    good = json.dumps({"id": "g1", "text": TEXT, "lang": "fr"})
    deep = "[" * 200000 + "]" * 200000
    (tmp_path / "in.jsonl").write_bytes("\n".join([good, deep]).encode("utf-8")
                                       + b"\n{\"text\": \"caf\xe9 \xff\xfe\"}\n"
                                       + json.dumps({"id": "g2", "text": TEXT, "lang": "fr"}).encode() + b"\n")
    items = list(iter_inputs([str(tmp_path / "in.jsonl")], lang="fr"))
    assert [d.id for d, _ in (i for i in items if isinstance(i, tuple))] == ["g1", "g2"]
    reasons = [s.reason for s in items if isinstance(s, Skipped)]
    assert any("in.jsonl:2" in r and "deep" in r for r in reasons), reasons
    assert any("in.jsonl:3" in r and "utf-8" in r.lower() for r in reasons), reasons


def test_a_file_name_that_is_not_utf8_is_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    bad = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(bad, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    items = list(iter_inputs([str(folder)], lang="fr"))
    assert [d.source.rsplit("/", 1)[-1] for d, _ in (i for i in items if isinstance(i, tuple))] == ["a.txt"]
    [skip] = [i for i in items if isinstance(i, Skipped)]
    skip.reason.encode("utf-8")  # printable
    assert "not valid UTF-8" in skip.reason and "caf\\xe9.txt" in skip.reason


def test_stdin_bytes_bad_lines_are_skipped():
    good = [json.dumps({"id": f"s{i}", "text": TEXT, "lang": "fr"}).encode() for i in range(2)]
    stream = io.BytesIO(good[0] + b"\n{\"text\": \"\xff\"}\n" + good[1] + b"\n")
    items = list(iter_inputs(["-"], stdin=stream))
    assert [d.id for d, _ in (i for i in items if isinstance(i, tuple))] == ["s0", "s1"]
    [skip] = [i for i in items if isinstance(i, Skipped)]
    assert "<stdin>:2" in skip.reason
    [skip] = list(iter_inputs(["-"], stdin=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")))
    assert isinstance(skip, Skipped) and "PNG" in skip.reason
    [skip] = list(iter_inputs(["-"], stdin=io.BytesIO(b"caf\xe9 au lait est un texte assez long.\n")))
    assert isinstance(skip, Skipped) and "utf-8" in skip.reason


@pytest.mark.parametrize("data, words", [(b"\x00\x01\x02\x03 binary", ["binary"]),
                                         (b"caf\xe9 au lait\n", ["not valid utf-8"])])
def test_bad_stdin_is_one_line(data, words, tmp_path):
    (tmp_path / "in.bin").write_bytes(data)
    with open(tmp_path / "in.bin", "rb") as stdin:
        run = kg("build", "-", "-o", tmp_path / "out.ttl", stdin=stdin)
    assert run.returncode == 2
    one_line_error(run, *words)
    assert not (tmp_path / "out.ttl").exists()


# -- 17: over-long input ----------------------------------------------------------------------------------
def test_a_document_over_the_size_limit_is_refused_early(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text((TEXT + " ") * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"too long \(7,500 bytes\): the limit is 1,000 characters.*--max-chars"):
        read_document(big, lang="fr", max_chars=1000)  # refused by its size, unread
    with pytest.raises(InputError, match=r"too long \(7,300 characters\): the limit is 2,000 characters"):
        read_document(big, lang="fr", max_chars=2000)
    assert read_document(big, lang="fr", max_chars=100000).text
    with pytest.raises(InputError, match="--max-chars"):
        parse_text((TEXT + " ") * 100, "x.txt", "fr", max_chars=1000)
    with pytest.raises(InputError, match="--max-chars"):
        parse_jsonl_record({"text": (TEXT + " ") * 100, "lang": "fr"}, "x.jsonl:1", max_chars=1000)
    [skip] = list(iter_inputs([str(big)], lang="fr", max_chars=1000))
    assert isinstance(skip, Skipped) and "--max-chars" in skip.reason


def test_cli_size_limit_is_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text((TEXT + " ") * 100, encoding="utf-8")
    run = kg("build", big, "-o", tmp_path / "out.ttl", "--max-chars", "1000")
    assert run.returncode == 2
    one_line_error(run, "--max-chars")
    assert not (tmp_path / "out.ttl").exists()


def test_sentences_are_capped_before_parsing():
    from handparse import VOCAB
    from spacy.tokens import Doc

    from kg.nlp import sentence_bounds

    words = ["mot"] * 500 + ["."] + ["word"] * 30 + [","] + ["word"] * 5
    doc = sentence_bounds(Doc(VOCAB, words=words), max_tokens=40)
    starts = [i for i, t in enumerate(doc) if t.is_sent_start] + [len(doc)]
    runs = [b - a for a, b in zip(starts, starts[1:])]
    assert max(runs) <= 40 and starts[0] == 0
    assert 501 in starts or doc[501].is_sent_start is None  # the full stop still allows a sentence start


@pytest.mark.model
def test_a_sentence_without_punctuation_parses_in_capped_pieces():
    from kg.model import Document
    from kg.nlp import parse

    words = ("the minister said that the talks in Vienna had been useful and that the envoy would come back "
             "soon with a new offer for the partners ").split()
    text = " ".join(words * 60)
    doc = Document(id="d", source="s", lang="en", text=text, offsets=tuple(range(len(text) + 1)))
    started = time.monotonic()
    [(_, parsed)] = list(parse([doc], max_sentence_tokens=60))
    assert max(len(s) for s in parsed.sents) <= 60
    assert time.monotonic() - started < 60


def test_readme_section_says_what_it_wrote(tmp_path, monkeypatch, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import readme_section
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    readme = tmp_path / "README.md"
    readme.write_text("a\n<!-- s -->\nold\n<!-- e -->\nb\n", encoding="utf-8")
    monkeypatch.setattr(readme_section, "README", readme)
    assert readme_section.update_section("<!-- s -->", "<!-- e -->", lambda: "<!-- s -->\nnew\n<!-- e -->", [],
                                         "numbers", "x.py") == 0
    assert "new" in readme.read_text(encoding="utf-8") and f"wrote {readme}" in capsys.readouterr().out
