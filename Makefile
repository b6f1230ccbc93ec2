PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PORT

.PHONY: run test lint install migrate seed bench bench-renewals bench-calls bench-analytics eval-agent clean

$(BIN)/propertyhub: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c requirements.lock -e ".[dev]"
	touch $@

install: $(BIN)/propertyhub

run: install
	$(BIN)/propertyhub migrate
	$(BIN)/propertyhub serve

migrate: install
	$(BIN)/propertyhub migrate

seed: install
	$(BIN)/propertyhub migrate
	$(BIN)/propertyhub seed --listings $${LISTINGS:-2000} --users $${USERS:-200}

# The whole suite, once on SQLite (the embedded default) and once on PostgreSQL.
test: install
	./scripts/ensure-services.sh
	PH_TEST_DB=sqlite $(BIN)/python -m pytest -q -p no:cacheprovider
	PH_TEST_DB=postgres $(BIN)/python -m pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check .

bench: install
	./scripts/ensure-services.sh
	$(BIN)/python -m bench.search

bench-renewals: install
	./scripts/ensure-services.sh
	$(BIN)/python -m bench.renewals

bench-calls: install
	./scripts/ensure-services.sh
	$(BIN)/python -m bench.calls

bench-analytics: install
	./scripts/ensure-services.sh
	$(BIN)/python -m bench.analytics

# Hire latency (the request waits for its first charge), production and embedded.
.PHONY: bench-hires
bench-hires: install
	./scripts/ensure-services.sh
	$(BIN)/python -m bench.hires

# The voice agent against its conversation set (bench/agent_eval): per-category accuracy,
# written to bench/results/agent.json.
eval-agent: install
	$(BIN)/python -m bench.eval_agent

clean:
	rm -rf $(VENV) var .pytest_cache
