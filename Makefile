# Two commands do all set-up on a fresh machine:
#   make demo   - install careboard and run the demo (writes under out/)
#   make test   - install careboard with test tools and run the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The editable install is a plain path entry (editable_mode=compat): setuptools' default import hook
# costs ~15 ms at every start of Python. The package is byte-compiled as a normal install would be,
# so a first run does not compile it (nor every run, where PYTHONDONTWRITEBYTECODE is set).
$(BIN)/careboard: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q careboard
	touch $@

.PHONY: demo test bench
demo: $(BIN)/careboard
	$(BIN)/careboard demo --out out/demo

test: $(BIN)/careboard
	$(BIN)/python -m pytest

bench: $(BIN)/careboard
	$(BIN)/python benchmarks/run.py
