# Everyday commands. Each one first runs scripts/bootstrap.sh, which is quick
# when the machine is already set up.
#
#   make setup   system packages, .venv/, editable install with all extras
#   make test    ruff (check and format), mypy, then the test suite (offscreen Qt; the 25 slowest listed)
#   make lint    ruff (check and format) and mypy only
#   make bench   the benchmarks (ARGS="--quick" or ARGS="hub_fanout")
#   make soak    30 min, 500 listeners, 6 booths handing over (ARGS="--seconds 600" etc.)
#                ARGS="--cluster": core + 3 edges over NATS, 1,000 listeners, an edge killed every 10 min
#   make fuzz    the long fuzz run, 100,000 inputs per target (ARGS="--atheris 100000")
#   make translations   extract the console's strings into resources/i18n/*.ts, build the
#                .qm, list what is untranslated as JSON (scripts/translations.py says how to fill it)
#   make demo    the console in the demo meeting: hub, floor, booths, partner (ARGS="--booth zh")
#   make clean   caches and build output (keeps .venv/); distclean removes .venv/ too

VENV := .venv
BIN := $(VENV)/bin
ARGS ?=

.PHONY: setup test lint bench soak fuzz demo translations clean distclean

setup:
	bash scripts/bootstrap.sh

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider --durations=25

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m bench $(ARGS)

soak: setup
	$(BIN)/python -m bench.soak $(ARGS)

fuzz: setup
	$(BIN)/python -m bench.fuzz $(ARGS)

translations: setup
	$(BIN)/python scripts/translations.py

# With no display (a server, CI), the demo runs offscreen for 15 s and saves what it showed.
demo: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/rsi-console demo $(ARGS); \
	else \
		echo "make demo: no display here; running the demo offscreen for 15 s, window saved to demo.png"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/rsi-console demo --screenshot demo.png --quit-after 15 $(ARGS) \
			&& echo "make demo: see demo.png (on a desktop, make demo opens the window)"; \
	fi

clean:
	rm -rf .pytest_cache .ruff_cache .mypy_cache .hypothesis build dist artifacts *.egg-info
	rm -f resources/i18n/*.qm
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
