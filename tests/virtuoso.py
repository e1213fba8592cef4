"""Test helper: a throw-away Virtuoso open source server on loopback.

:func:`ensure_installed` installs the Debian package ``virtuoso-opensource`` when ``virtuoso-t`` is missing
(non-interactive, waiting for the dpkg lock); :class:`Virtuoso` starts a server with its database in a
temporary directory, its SQL and HTTP ports on 127.0.0.1 only, and stops it. Every failure is a
:class:`VirtuosoUnavailable` whose message says why, so that the tests can skip with the reason.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

PACKAGE = "virtuoso-opensource"
INI_TEMPLATE = Path("/usr/share/virtuoso-opensource-7/virtuoso.ini")
VSP_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")
DBA_PASSWORD = "dba"  # a fresh database's default; the server listens on loopback only


class VirtuosoUnavailable(RuntimeError):
    """Virtuoso cannot be installed or started here; the message says why."""


def _run(cmd: list[str], timeout: float, env: dict | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise VirtuosoUnavailable(f"{' '.join(cmd[:3])} failed: {e}") from None


def ensure_installed(timeout: float = 900) -> str:
    """The path of ``virtuoso-t``, installing the Debian package first if needed."""
    found = shutil.which("virtuoso-t")
    if found and shutil.which("isql-vt"):
        return found
    if not shutil.which("apt-get"):
        raise VirtuosoUnavailable("virtuoso-t is not installed and there is no apt-get to install it")
    if os.geteuid() != 0:
        raise VirtuosoUnavailable("virtuoso-t is not installed and installing it needs root")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # the package asks for the dba password; preseed it so that the install never waits for input
    # (the server the tests start has its own fresh database, whose dba password is the default one)
    selections = "".join(f"virtuoso-opensource-7 virtuoso-opensource-7/{q} password {DBA_PASSWORD}\n"
                         for q in ("dba-password", "dba-password-again"))
    if shutil.which("debconf-set-selections"):
        subprocess.run(["debconf-set-selections"], input=selections, text=True, capture_output=True, timeout=60)
    lock = ["-o", "DPkg::Lock::Timeout=600"]
    run = _run(["apt-get", *lock, "install", "-y", "--no-install-recommends", PACKAGE], timeout, env)
    if run.returncode != 0:
        upd = _run(["apt-get", *lock, "update"], timeout, env)
        run = _run(["apt-get", *lock, "install", "-y", "--no-install-recommends", PACKAGE], timeout, env)
        if run.returncode != 0:
            tail = (run.stderr or run.stdout or upd.stderr).strip().splitlines()[-1:]
            raise VirtuosoUnavailable(f"apt-get install {PACKAGE} failed: {' '.join(tail)}")
    found = shutil.which("virtuoso-t")
    if not found or not shutil.which("isql-vt"):
        raise VirtuosoUnavailable(f"{PACKAGE} installed but virtuoso-t or isql-vt is not on the PATH")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ini(template: str, workdir: Path, sql_port: int, http_port: int) -> str:
    text = template.replace("/var/lib/virtuoso-opensource-7/db", str(workdir))
    sections = re.split(r"(?m)^(?=\[)", text)
    out = []
    for sec in sections:
        name = sec.split("]", 1)[0].lstrip("[") if sec.startswith("[") else ""
        if name == "Parameters":
            sec = re.sub(r"(?m)^ServerPort\s*=.*$", f"ServerPort = 127.0.0.1:{sql_port}", sec)
            sec = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {workdir}", sec)
        elif name == "HTTPServer":
            sec = re.sub(r"(?m)^ServerPort\s*=.*$", f"ServerPort = 127.0.0.1:{http_port}", sec)
        elif name == "URIQA":
            sec = re.sub(r"(?m)^DefaultHost\s*=.*$", f"DefaultHost = 127.0.0.1:{http_port}", sec)
        elif name == "Plugins":
            sec = re.sub(r"(?m)^Load\d+\s*=.*$", "", sec)
        out.append(sec)
    return "".join(out)


class Virtuoso:
    """A Virtuoso server in ``workdir``; ``start()`` waits until its SPARQL endpoint answers."""

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.sql_port = free_port()
        self.http_port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def sparql_auth(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def start(self, timeout: float = 120) -> "Virtuoso":
        binary = ensure_installed()
        if not INI_TEMPLATE.is_file():
            raise VirtuosoUnavailable(f"{INI_TEMPLATE} is missing")
        self.workdir.mkdir(parents=True, exist_ok=True)
        ini = self.workdir / "virtuoso.ini"
        ini.write_text(_ini(INI_TEMPLATE.read_text(encoding="utf-8"), self.workdir, self.sql_port, self.http_port),
                       encoding="utf-8")
        self.log = open(self.workdir / "stdout.log", "w")
        self.proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=self.workdir,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = (self.workdir / "virtuoso.log")
                tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
                raise VirtuosoUnavailable(f"virtuoso-t exited with code {self.proc.returncode}: {' | '.join(tail)}")
            try:
                with urllib.request.urlopen(self.sparql + "?query=ASK%7B%7D", timeout=5) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise VirtuosoUnavailable(f"Virtuoso did not answer on 127.0.0.1:{self.http_port} within {timeout:.0f} s")

    def isql(self, sql: str, timeout: float = 60) -> str:
        run = _run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", DBA_PASSWORD, f"exec={sql}"], timeout)
        if run.returncode != 0 or "*** Error" in run.stdout + run.stderr:
            raise VirtuosoUnavailable(f"isql {sql!r} failed: {(run.stdout + run.stderr).strip()[-300:]}")
        return run.stdout

    def stop(self, timeout: float = 30) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if getattr(self, "log", None):
            self.log.close()
