# Two commands for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  ?= ../shared/corpus/seeds
DB     ?= sqlite:///dyads.db
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: install browser run test bench clean test-services

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
	@echo
	@echo "Workspace: $(BIN)/dyads serve --db $(DB)"
	@echo "  then open http://127.0.0.1:8000/ (timeline: http://127.0.0.1:8000/timeline?actors=KAZ,CHN; API docs: http://127.0.0.1:8000/docs)"

# The browser tests drive Debian's Chromium (never a downloaded one); CI runs as root on a clean machine.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "installing chromium and chromium-driver (Debian packages) for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

# The store tests start their own PostgreSQL server (initdb/pg_ctl) and the Spark tests a
# local Spark (Java 17): install what is missing from Debian's packages.
test-services:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; }
	@command -v java >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq openjdk-17-jre-headless; }

test: install browser test-services
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/tempeval.py
	$(BIN)/python benchmarks/stories.py

clean:
	rm -rf $(VENV) dyads.db build src/*.egg-info
