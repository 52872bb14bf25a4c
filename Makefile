# make demo: build the bundled articles into out/   make test: run the tests
# make score: score extraction on the shared gold sets   make clean: remove outputs
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
# stamps: reinstall only when pyproject.toml changes
INSTALLED := $(VENV)/.installed
INSTALLED_TEST := $(VENV)/.installed-test

.PHONY: demo test score clean

demo: $(INSTALLED)
	$(BIN)/cadregraph build --out out

test: $(INSTALLED_TEST)
	$(BIN)/python -m pytest -q

score: $(INSTALLED)
	$(BIN)/cadregraph build $(SHARED)/seeds --out out/eval/seeds
	$(BIN)/cadregraph build $(SHARED)/dev --out out/eval/dev
	$(PYTHON) $(SHARED)/eval/score.py --tables out/eval/seeds/tables --gold $(SHARED)/gold/seeds
	$(PYTHON) $(SHARED)/eval/score.py --tables out/eval/dev/tables --gold $(SHARED)/gold/dev

clean:
	rm -rf out build dist *.egg-info .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(INSTALLED_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(INSTALLED)
