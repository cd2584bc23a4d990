# Two commands do all set-up: `make serve` and `make test`. Both create .venv on first use;
# building the site needs only the runtime packages, testing adds the test extra.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-stamp
TESTING := $(VENV)/.test-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint site check bench lighthouse clean

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TESTING): $(RUNTIME)
	$(PY) -m pip install --quiet -e '.[test]'
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

clean:
	rm -rf site .pytest_cache
