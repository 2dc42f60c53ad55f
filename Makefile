# Two commands matter: `make serve` and `make test`. Both create .venv and install the pinned
# dependencies (requirements.lock, and Pagefind from package-lock.json with npm) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test test-fast lint typecheck unit bench schema clean

$(STAMP): pyproject.toml requirements.lock package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)  ## create .venv with the pinned dependencies and the `gradient` command

serve: $(STAMP)  ## build and serve the site on the bundled catalog at http://127.0.0.1:8000/gradient/
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/
	$(BIN)/gradient build

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	node_modules/.bin/eslint site_templates/overrides/assets/
	node_modules/.bin/stylelint "site_templates/overrides/assets/*.css"

# generator/ strictly; tests/ too, except two codes: BeautifulSoup types every lookup as Tag | NavigableString
# | None and every attribute as str | list, and in a test a wrong assumption fails the test at once.
typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --explicit-package-bases --disable-error-code union-attr --disable-error-code index \
	  --no-warn-unused-ignores tests

# Line coverage is measured on the fast tier (loader, schema, rules, model, derive, render, CLI; 86 % of
# generator/ in December 2026): tracing every site build and browser test as well took 7 min instead of 4.
# The slow tier runs in pytest-xdist workers: its browser tests mostly wait, so two cores halve it.
unit: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" --cov --cov-report=term -q
	$(BIN)/python -m pytest -m slow -n auto --dist loadfile  # one worker per core, a test file per worker

test: lint typecheck unit  ## every check: lint, types, all tests (browser tests need Debian's chromium)

test-fast: $(STAMP)  ## the fast tier while editing: no site build, server or browser
	$(BIN)/python -m pytest -m "not slow" -q

bench: $(STAMP)  ## benchmark on generated catalogs of 1,000 systems
	$(BIN)/gradient bench --systems 1000

schema: $(STAMP)  ## regenerate schema/vocabularies.schema.json after editing a vocabulary
	$(BIN)/gradient schema

clean:
	rm -rf site $(VENV) node_modules
