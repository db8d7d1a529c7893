# The front door. `make help` lists what is here.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ADDRESS := 127.0.0.1:8000
# The browser tests drive Debian's Chromium; `make test` installs it when missing.
CHROMIUM ?= /usr/bin/chromium
# The shared-cache test starts a throwaway Redis; `make test` installs it when missing.
REDIS_SERVER := /usr/bin/redis-server
# The translations are compiled with GNU gettext's msgfmt (Debian's gettext package).
MSGFMT := /usr/bin/msgfmt
# The deployment tests check deploy/ with Debian's nginx and systemd-analyze (systemd).
NGINX := /usr/sbin/nginx
SYSTEMD_ANALYZE := /usr/bin/systemd-analyze
# The accessibility scans also run the W3C HTML checker (vnu.jar) on Debian's Java.
JAVA := /usr/bin/java
# The single sign-on tests run a real OpenID Connect provider (npm's oidc-provider, on
# Node.js), installed from tests/oidc/package-lock.json by `make test`.
OIDC_PROVIDER := tests/oidc/node_modules/.package-lock.json
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/django.po locale/libraries/*/LC_MESSAGES/django.po)

.DEFAULT_GOAL := help
.PHONY: help install run test bench lint format migrate demo messages clean

help: ## Show this list
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check ".[dev]"
	touch $@

install: $(INSTALLED) ## Create .venv and install everything (only when pyproject.toml changed)

$(CHROMIUM) $(REDIS_SERVER) $(MSGFMT) $(NGINX) $(SYSTEMD_ANALYZE) $(JAVA):
	@echo "Installing Debian's $(notdir $@)"
	if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(if $(filter $(CHROMIUM),$@),chromium,$(if $(filter $(MSGFMT),$@),gettext,$(if $(filter $(NGINX),$@),nginx,$(if $(filter $(SYSTEMD_ANALYZE),$@),systemd,$(if $(filter $(JAVA),$@),default-jre-headless,redis-server)))))

$(OIDC_PROVIDER): tests/oidc/package.json tests/oidc/package-lock.json
	npm ci --prefix tests/oidc --no-audit --no-fund --silent
	touch $@

# Each catalogue's .mo is built next to its .po whenever the .po changed.
%.mo: %.po | $(MSGFMT)
	$(MSGFMT) --check -o $@ $<

messages: $(CATALOGUES:.po=.mo) ## Compile the translations (locale/*/LC_MESSAGES/django.po, locale/libraries/*/...)

run: export DEBUG ?= true
run: install messages ## Set up, load the demo content and serve the site on http://127.0.0.1:8000
	mkdir -p var/static
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_demo_content
	@echo ""
	@echo "  Cocreatie draait op http://$(ADDRESS)/  (beheer: http://$(ADDRESS)/beheer/)"
	@echo "  Stoppen: Ctrl+C"
	@echo ""
	$(BIN)/python manage.py runserver $(ADDRESS)

test: export DJANGO_SETTINGS_MODULE = cocreatie.settings_test
test: install messages $(CHROMIUM) $(REDIS_SERVER) $(NGINX) $(SYSTEMD_ANALYZE) $(JAVA) $(OIDC_PROVIDER) ## Set up and run the whole test suite (lint, checks, migrations, pytest, browser)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest --numprocesses=2

SCALE ?= small
bench: install messages ## Benchmark on PostgreSQL + gunicorn + wrk (SCALE=small|full); results in bench/results/
	$(BIN)/python -m pip install --quiet --disable-pip-version-check ".[dev,bench]"
	$(BIN)/python bench/run.py --scale $(SCALE)

lint: install ## Check the code style
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix the code style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: export DEBUG ?= true
migrate: install ## Apply database migrations and create the cache table
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

demo: export DEBUG ?= true
demo: install ## Load the demo content again (safe to repeat)
	$(BIN)/python manage.py load_demo_content

clean: ## Remove .venv and the local database under var/
	rm -rf $(VENV) var
