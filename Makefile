# mediamon — every target installs what it needs. Start with `make demo` or `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
MM := $(BIN)/mediamon
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install stack-up stack-down stack-status setup demo test test-faults test-fast eval bench lint clean

help: ## show this help
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	@touch $(STAMP)

# Any change under analysis/ re-runs the in-place build, which recompiles only the modules setup.py compiles
# and that changed (an edit of a module it leaves as Python costs a no-op build).
ENGINE_SOURCES := $(wildcard analysis/*.py)
COMPILED := $(VENV)/.compiled

$(COMPILED): $(STAMP) setup.py $(ENGINE_SOURCES)
	$(BIN)/python setup.py -q build_ext --inplace -j 2 2>&1 | grep -v -e '_BetaConfiguration' -e 'warnings.warn' || true
	$(BIN)/python -c "from mediamon.analysis.build import describe, stale_modules; print(describe()); raise SystemExit(bool(stale_modules()))"
	@touch $(COMPILED)

install: $(COMPILED) ## create .venv and install mediamon with its dev tools (engine compiled with Cython)

stack-up: $(COMPILED) ## fetch (once) and start Kafka + Elasticsearch, wait until healthy
	$(MM) stack up

stack-down: $(STAMP) ## stop Kafka + Elasticsearch
	$(MM) stack down

stack-status: $(STAMP) ## pids, health, addresses and log files of the stack
	$(MM) stack status

setup: stack-up ## create topics and the index template (idempotent)
	$(MM) setup

demo: stack-up ## run the whole pipeline on the bundled demo feed and show what it found
	$(MM) demo

test: stack-up ## all tests against the real stack (starts it if needed)
	$(BIN)/pytest

test-faults: stack-up ## the fault-injection scenarios at full length (tests/faults; docs/faults.md), about 40 min
	MEDIAMON_FAULTS_FULL=1 $(BIN)/pytest tests/faults --durations=0

test-fast: $(COMPILED) ## tests that need no stack
	$(BIN)/pytest -m "not stack"

eval: $(COMPILED) ## precision/recall/F1 of the analysis engine (eval/) and B-cubed of the stories (eval/stories/)
	$(BIN)/python -m mediamon.analysis.evaluate eval
	$(BIN)/python -m mediamon.processors.stories.evaluate eval/stories --check

bench: stack-up ## every benchmark of issue 15 (~25 min, quiet machine): figures to docs/bench/RESULTS.md
	$(BIN)/python bench/run_all.py $(ARGS)

bench-analysis: $(COMPILED) ## analysis throughput alone (articles/s, one core)
	$(BIN)/python bench/analysis_bench.py $(ARGS)

# mypy and import-linter read the package as installed (mediamon.analysis lives in analysis/, ...): a plain copy of
# it in .cache/lint-tree (pure Python, no build), so both see the one import package `mediamon`.
LINT_TREE := .cache/lint-tree

lint: $(STAMP) ## ruff, mypy and the import layers (import-linter)
	$(BIN)/ruff check .
	@rm -rf $(LINT_TREE)
	@MEDIAMON_PURE_PYTHON=1 $(BIN)/pip install -q --no-deps --no-build-isolation --target $(LINT_TREE) . 2>&1 \
		| grep -v -e '_BetaConfiguration' -e 'warnings.warn' -e 'BuildBackendWarning' || true
	cd $(LINT_TREE) && ../../$(BIN)/mypy --config-file ../../pyproject.toml -p mediamon
	cd $(LINT_TREE) && PYTHONPATH=. ../../$(BIN)/lint-imports ../../pyproject.toml

clean: $(STAMP) ## stop the stack and delete its data and logs, and the demo state (keeps downloads)
	$(MM) stack clean
	rm -rf var
