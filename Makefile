# Two commands do all set-up: `make serve` and `make test`. Both create .venv on first use;
# building the site needs only the runtime packages, testing adds the test extra.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-stamp
TESTING := $(VENV)/.test-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint site check bench lighthouse lock clean

# Every Python package at the version build_tools/locks/python.txt holds (pip, setuptools and the
# build backend too: no build isolation, so nothing newer slips in); `make lock` updates the lock.
LOCK    := build_tools/locks/python.txt
INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --constraint $(LOCK)

$(RUNTIME): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(INSTALL) pip setuptools
	$(INSTALL) --no-build-isolation -e .
	touch $@

$(TESTING): $(RUNTIME)
	$(INSTALL) --no-build-isolation -e '.[test]'
	touch $@

serve: $(RUNTIME)  ## build and serve on http://127.0.0.1:8000/cart-course/ with live reload
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

site: $(RUNTIME)  ## strict build into site/ (replaced only when the build succeeds)
	$(PY) -m build_tools site --out site

check: $(RUNTIME)  ## validate content/ and quizbank/ only
	$(PY) -m build_tools check

test: lint  ## lint, then the whole test suite
	$(PY) -m pytest

lint: $(TESTING)  ## ruff's lint rules, then its format check (CI runs both through `make test`)
	$(VENV)/bin/ruff check build_tools tests
	$(VENV)/bin/ruff format --check build_tools tests

bench: $(TESTING)  ## stage timings, overhead against a plain MkDocs build, scaling, page weight
	$(PY) -m build_tools site --out site
	$(PY) -m build_tools.bench

lighthouse: $(RUNTIME)  ## Lighthouse (mobile) on a module page served like GitHub Pages (needs npm, chromium)
	$(PY) -m build_tools site --out site
	$(PY) -m build_tools.lighthouse

lock:  ## update the Python and Node locks to the newest versions allowed and print what changed (KEEP=1: only add what is new)
	$(PYTHON) -m build_tools.lock $(if $(KEEP),--keep)

clean:
	rm -rf site .pytest_cache
