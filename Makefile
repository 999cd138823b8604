# One command runs every check: `make check` (ruff, mypy strict on the package, pytest).
PY ?= python

.PHONY: check lint type test bench

check: lint type test

lint:
	$(PY) -m ruff check src tests benchmarks

type:
	$(PY) -m mypy

test:
	$(PY) -m pytest -q

bench:
	$(PY) benchmarks/run_all.py
