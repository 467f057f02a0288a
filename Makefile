# The two commands a newcomer needs: `make run` (set up and open the app) and
# `make test` (set up and run the whole test suite). .ci/run calls `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test setup bench lint clean

run: setup
	$(BIN)/clerkdesk

test: setup
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

setup: $(VENV)/.installed

# Reinstall when the dependencies change; the project itself is installed editable.
$(VENV)/.installed: pyproject.toml installer/linux/qt-system-packages.sh
	bash installer/linux/qt-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .ruff_cache
