# Rantai: `make run` serves the demo; `make test` runs the whole suite.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: run test install system-deps assets db demo lint clean messages

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) assets

# Debian packages: chromium for the browser test, gettext to compile translations.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium gettext >/dev/null; \
	  else echo "please install: sudo apt-get install -y chromium gettext"; fi; fi

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.package-lock.json

messages: $(STAMP) system-deps
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

db: install messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_reference

demo: db
	$(BIN)/python manage.py seed_demo

run: demo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo
	@echo "Rantai is running at http://$(HOST):$(PORT)/   (Ctrl+C to stop)"
	@$(BIN)/python manage.py demo_logins
	@# The background worker (imports, …) starts first and stops when runserver stops.
	$(BIN)/python manage.py run_worker --quiet & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0

test: install system-deps messages lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules var
