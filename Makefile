# Everyday commands. Each one first runs scripts/bootstrap.sh, which is quick
# when the machine is already set up.
#
#   make setup   system packages, .venv/, editable install with all extras
#   make test    ruff, mypy, then the test suite (offscreen Qt)
#   make lint    ruff and mypy only
#   make bench   the benchmarks (ARGS="--quick" or ARGS="hub_fanout")
#   make fuzz    the long fuzz run, 100,000 inputs per target (ARGS="--atheris 100000")
#   make demo    a hub serving the demo meeting (ARGS="--port 8765" etc.)
#   make clean   caches and build output (keeps .venv/); distclean removes .venv/ too

VENV := .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: setup test lint bench fuzz demo clean distclean

setup:
	bash scripts/bootstrap.sh

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m bench $(ARGS)

fuzz: setup
	$(BIN)/python -m bench.fuzz $(ARGS)

demo: setup
	$(BIN)/rsi-hub demo $(ARGS)

clean:
	rm -rf .pytest_cache .ruff_cache .mypy_cache .hypothesis build dist artifacts *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
