# make demo: build the bundled articles into out/   make test: run the tests (installs Chromium)
# make score: score extraction on the shared gold sets and tests/corpus   make clean: remove outputs
# make bench: the stage benchmark on generated corpora of 1k and 10k articles (bench/results/)
# make quality: the scorer's F1 on generated corpora of 1k and 100k articles (bench/results/quality.md)
# make robust: only the tests of bad input, faults and hostile text, and the counts of what they tried
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
# stamps: reinstall only when pyproject.toml changes
INSTALLED := $(VENV)/.installed
INSTALLED_TEST := $(VENV)/.installed-test

.PHONY: demo test robust browser score bench quality clean

demo: $(INSTALLED)
	$(BIN)/cadregraph build --out out

test: $(INSTALLED_TEST) browser
	$(BIN)/python -m pytest -q

robust: $(INSTALLED_TEST)
	PYTHONPATH=tests $(BIN)/python -m pytest -q -m robust -p robust_counts

# headless Chromium and its driver for tests/test_browser_site.py: Debian's packages, installed
# only when missing and only where apt-get is (CI runs as root on Debian; elsewhere sudo -n is
# tried, and without it the browser tests are skipped, or fail when $$CI is set)
APT_BROWSER := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then echo "make browser: no chromium and no apt-get" >&2; \
	elif [ "$$(id -u)" = 0 ]; then sh -c '$(APT_BROWSER)' >/dev/null; \
	else sudo -n sh -c '$(APT_BROWSER)' >/dev/null || echo "make browser: installing chromium needs root" >&2; fi

score: $(INSTALLED)
	$(BIN)/cadregraph build $(SHARED)/seeds --out out/eval/seeds
	$(BIN)/cadregraph build $(SHARED)/dev --out out/eval/dev
	$(PYTHON) $(SHARED)/eval/score.py --tables out/eval/seeds/tables --gold $(SHARED)/gold/seeds
	$(PYTHON) $(SHARED)/eval/score.py --tables out/eval/dev/tables --gold $(SHARED)/gold/dev
	for set in provinces districts state mixed cities regions national coast sampler committees towns papers borders centre assorted; do \
	  $(BIN)/cadregraph build tests/corpus/$$set --out out/eval/$$set >/dev/null && echo "$$set" && \
	  $(PYTHON) $(SHARED)/eval/score.py --tables out/eval/$$set/tables --gold tests/corpus/gold/$$set || exit 1; done

BENCH_N ?= 1000 10000
bench: $(INSTALLED)
	$(BIN)/python bench/stages.py $(foreach n,$(BENCH_N),--n $(n)) --out bench/results

QUALITY_N ?= 1000 100000
quality: $(INSTALLED)
	$(BIN)/python bench/quality.py $(foreach n,$(QUALITY_N),--n $(n)) --out bench/results --shared $(SHARED)

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
