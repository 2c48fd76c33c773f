# Two commands on a fresh machine: `make site` and `make test`.
# Both install exactly the set in uv.lock (hashes checked); `make lock` regenerates it
# after a change to pyproject.toml's dependencies.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# uv uses the Python that made the venv, never one it downloads; --locked refuses a lock
# that no longer matches pyproject.toml instead of quietly resolving anew. Compiled at
# install: where bytecode is not written (PYTHONDONTWRITEBYTECODE, a read-only venv), every
# build and test process would compile its imports again, about 2 s of CPU each.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
SYNC := $(UV) sync --locked --quiet --compile-bytecode --python $(PYTHON)

.PHONY: site test lint bench lock chromium clean

site: $(VENV)/.installed
	$(BIN)/disclose build

test: $(VENV)/.installed-test chromium
	$(BIN)/ruff check generator tests benchmarks tools
	UV="$(abspath $(UV))" $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests benchmarks tools

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

# After editing pyproject.toml's dependencies: the one command that renews uv.lock, and
# requirements-lock.txt from it (the runtime set with hashes, which the GitHub Action installs)
# and the versions alone, which `disclose init` writes into a new registry's requirements.txt.
lock: $(UV)
	$(UV) lock
	$(UV) export --frozen --no-emit-project --no-dev --quiet -o requirements-lock.txt
	$(UV) export --frozen --no-emit-project --no-dev --quiet --no-hashes --no-annotate --no-header \
	  -o generator/defaults/registry/pinned.txt

# uv itself, pinned with hashes, in a venv of its own so that syncing .venv never removes it.
$(UV): requirements-uv.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --require-hashes --no-deps -r requirements-uv.txt
	touch $@

# --inexact: `make site` after `make test` keeps the test tools.
$(VENV)/.installed: uv.lock pyproject.toml $(UV)
	$(SYNC) --inexact
	touch $@

$(VENV)/.installed-test: uv.lock pyproject.toml $(UV)
	$(SYNC) --extra test
	touch $(VENV)/.installed $@

# Debian's chromium, driven by Playwright through executable_path: never a browser download.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) $(TOOLS) site .pytest_cache dist build
