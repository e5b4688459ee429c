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
.PHONY: help html serve clean test lint format system-packages

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

clean: ## remove built files (not the virtual environment)
	rm -rf $(OUTPUT) previews .build .cache reports

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
