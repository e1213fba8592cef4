"""A wheel of kg carries its data (issue 11): ``pip wheel .`` used to leave ``ontologies/`` out, and the first
build of a wheel install failed with "data file .../ontologies/boilerplate.json is missing".

The wheel is built from a copy of the files it is made of, without build isolation and from no index, so
nothing is downloaded (the ``test`` extra brings setuptools >= 77); it is then installed, not editable, in
a fresh virtual environment that sees this environment's packages only as dependencies, and ``kg build``
runs there on a tiny text."""
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.packaging


def _setuptools_version() -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in metadata.version("setuptools").split(".")[:2] if p.isdigit())
    except metadata.PackageNotFoundError:
        return ()


def _clean_env() -> dict:
    """This environment less what would import kg from the source tree."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if _setuptools_version() < (77,):
        pytest.skip("building the wheel needs setuptools >= 77 in this environment (pip install -e '.[test]')")
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("kg", "ontologies"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                          "--quiet", "-w", str(tmp / "dist"), str(src)],
                         capture_output=True, text=True, timeout=300, cwd=tmp, env=_clean_env())
    assert run.returncode == 0, run.stdout + run.stderr
    (built,) = (tmp / "dist").glob("kg-*.whl")
    return built


def test_the_wheel_holds_every_module_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = sorted(p.relative_to(ROOT / "ontologies").as_posix() for p in (ROOT / "ontologies").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)
    assert "boilerplate.json" in data and "kg.ttl" in data
    assert [d for d in data if f"kg/ontologies/{d}" not in names] == []
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*.py") if "__pycache__" not in p.parts)
    assert [m for m in modules if m not in names] == []  # a new subpackage must be listed in pyproject.toml
    assert "kg/templates/viz.html" in names
    assert not any(n.startswith("ontologies/") for n in names)  # no top-level package named "ontologies"


@pytest.mark.model
def test_a_wheel_install_builds_a_graph(wheel, tmp_path):
    venv = tmp_path / "venv"
    # a fresh environment with no pip of its own; this environment's pip installs into it
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    run = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                          "--quiet", str(wheel)], capture_output=True, text=True, timeout=300, env=_clean_env())
    assert run.returncode == 0, run.stdout + run.stderr
    # the dependencies (spaCy and its models, rdflib, …) come from this environment, after the venv's own
    # packages; a path line in a .pth file adds a folder without running the .pth files in it, so an
    # editable install of kg here is not seen there
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True, env=_clean_env()).stdout.strip()
    deps = [p for p in dict.fromkeys([sysconfig.get_paths()["purelib"], *sys.path]) if p.endswith("site-packages")]
    Path(site, "zz_test_dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import kg, kg.resources; print(kg.__file__); "
                            "print(kg.resources.ontologies_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, env=_clean_env())
    assert where.returncode == 0, where.stderr
    module, data = where.stdout.split("\n")[:2]
    assert Path(module).is_relative_to(venv) and Path(data) == Path(module).parent / "ontologies", where.stdout

    text = tmp_path / "tiny.txt"
    text.write_text("NATO condemned Russia on Monday. Antony Blinken met Sergei Lavrov in Vienna.\n", encoding="utf-8")
    out = tmp_path / "tiny.ttl"
    build = subprocess.run([str(venv / "bin" / "kg"), "build", str(text), "-o", str(out)],
                           capture_output=True, text=True, timeout=300, cwd=tmp_path, env=_clean_env())
    assert build.returncode == 0, build.stderr
    ttl = out.read_text(encoding="utf-8")
    assert "/entity/Antony_Blinken" in ttl or "ent:Antony_Blinken" in ttl
