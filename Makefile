# Two commands do all set-up on a fresh machine:
#   make demo   - install careboard and run the demo (writes under out/)
#   make test   - install careboard with test tools and run the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/careboard: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

.PHONY: demo test bench
demo: $(BIN)/careboard
	$(BIN)/careboard demo --out out/demo

test: $(BIN)/careboard
	$(BIN)/python -m pytest

bench: $(BIN)/careboard
	$(BIN)/python benchmarks/run.py
