# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make demo   - create .venv, install kg and its spaCy models, build the example's graph
#   make test   - the same set-up, then the test suite
#   make wheel  - the same set-up, then dist/kg-*.whl (with the ontologies/ data as kg/ontologies)
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install wheel clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build examples/blinken-lavrov-vienne.fr.txt -o examples/blinken-lavrov-vienne.fr.ttl
	@echo "Turtle written to $(CURDIR)/examples/blinken-lavrov-vienne.fr.ttl"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# no build isolation: the setuptools the test extra put in .venv builds it, nothing is downloaded
wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .
	@ls dist/kg-*.whl

clean:
	rm -rf $(VENV) .pytest_cache build dist
