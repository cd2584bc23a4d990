# Two commands do all set-up: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint site check bench lighthouse clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

serve: $(STAMP)  ## build and serve on http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

test: lint  ## lint, then the whole test suite
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check build_tools tests

site: $(STAMP)  ## strict build into site/ (replaced only when the build succeeds)
	$(PY) -m build_tools site --out site

check: $(STAMP)  ## validate content/ only
	$(PY) -m build_tools check

clean:
	rm -rf site .pytest_cache

bench: $(STAMP)  ## stage timings, overhead against a plain MkDocs build, scaling, page weight
	$(PY) -m build_tools site --out site
	$(PY) -m build_tools.bench

lighthouse: $(STAMP)  ## Lighthouse (mobile) on a module page served like GitHub Pages (needs npm, chromium)
	$(PY) -m build_tools site --out site
	$(PY) -m build_tools.lighthouse
