# Two commands for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  ?= ../shared/corpus/seeds
DB     ?= sqlite:///dyads.db

.PHONY: install run test bench clean

$(BIN)/dyads: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/dyads

run: install
	$(BIN)/dyads ingest $(SEEDS) --db $(DB)
	$(BIN)/dyads summary --db $(DB)
	$(BIN)/dyads timeline KAZ CHN --db $(DB)

test: install
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/tempeval.py
	$(BIN)/python benchmarks/stories.py

clean:
	rm -rf $(VENV) dyads.db build src/*.egg-info
