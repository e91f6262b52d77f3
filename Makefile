# Two commands do all setup on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install sysdeps run serve ingest-corpus corpus test test-fast eval lint bench clean

# System packages: tesseract with Vietnamese data for OCR (installed once, needs root/apt).
sysdeps:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx vie; then \
	  echo "installing tesseract-ocr + Vietnamese data"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-vie >/dev/null; \
	fi
	@fc-list 2>/dev/null | grep -qi dejavusans || apt-get install -y -qq fonts-dejavu-core >/dev/null
	@command -v chromium >/dev/null || apt-get install -y -qq chromium >/dev/null  # browser tests

# torch is pinned to the CPU wheel first: a bare `torch` would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "torch==2.13.0"
	$(PY) -m pip install -q -e ".[dev,st]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: sysdeps $(STAMP)

corpus: install
	$(PY) corpus/build.py

ingest-corpus: corpus
	$(VENV)/bin/vanban ingest corpus/docs

run: ingest-corpus
	$(VENV)/bin/vanban serve

serve: install
	$(VENV)/bin/vanban serve

test: install
	$(VENV)/bin/pytest -q

test-fast: install
	$(VENV)/bin/pytest -q -m "not slow"

eval: install
	$(PY) -m eval.run

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) data bench/out
