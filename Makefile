# The two commands a newcomer needs: `make run` (set up and open the app) and
# `make test` (set up and run the whole test suite). .ci/run calls `make test`.
# Each target is a task of tasks.py, so `python tasks.py run|test|bench` (Windows, no make)
# does exactly the same. Pass pytest options with ARGS, e.g. make test ARGS='-m "not slow"'.
PYTHON ?= python3

.PHONY: run test setup bench lint clean

run:
	$(PYTHON) tasks.py run $(ARGS)

test:
	$(PYTHON) tasks.py test $(ARGS)

bench:
	$(PYTHON) tasks.py bench $(ARGS)

setup:
	$(PYTHON) tasks.py setup

lint: setup
	.venv/bin/ruff check .

clean:
	$(PYTHON) tasks.py clean
