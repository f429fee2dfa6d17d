# Build and test harness for the hwcloud.dbaas Ansible collection.
#
# The repository root is the collection root.  Everything runs from a local
# virtual environment (.venv) created by `make venv`; only python3 (3.11 or
# newer), GNU make, bash and git are needed on the host.
#
#   make help       list the targets
#   make test       unit, integration, sanity, lint and changelog-lint

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

# --- Settings (override on the command line: make demo EMULATOR_PORT=9001) ---

PYTHON ?= python3
COLLECTION_NAMESPACE := hwcloud
COLLECTION_NAME := dbaas
COLLECTION_FQCN := $(COLLECTION_NAMESPACE).$(COLLECTION_NAME)

VENV := $(CURDIR)/.venv
VENV_BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.requirements-installed

BUILD_DIR := $(CURDIR)/build
COLLECTIONS_DIR := $(BUILD_DIR)/collections
COLLECTION_LINK := $(COLLECTIONS_DIR)/ansible_collections/$(COLLECTION_NAMESPACE)/$(COLLECTION_NAME)
SANITY_ROOT := $(BUILD_DIR)/sanity/ansible_collections/$(COLLECTION_NAMESPACE)/$(COLLECTION_NAME)
DOCS_LINT_ROOT := $(BUILD_DIR)/docs-lint/ansible_collections/$(COLLECTION_NAMESPACE)/$(COLLECTION_NAME)

EMULATOR_HOST := 127.0.0.1
EMULATOR_PORT ?= 8999
EMULATOR_READY_DELAY ?= 0
EMULATOR_START_TIMEOUT ?= 20
EMULATOR_URL = http://$(EMULATOR_HOST):$(EMULATOR_PORT)
EMULATOR_DIR := $(BUILD_DIR)/emulator
EMULATOR_STATE := $(EMULATOR_DIR)/state.db
EMULATOR_PIDFILE := $(EMULATOR_DIR)/emulator.pid
EMULATOR_LOG := $(EMULATOR_DIR)/emulator.log

DEMO_PLAYBOOK := examples/site.yml
DEMO_ENV := examples/demo.env
DEMO_DIR := $(BUILD_DIR)/demo
DEMO_FRESH_STATE ?= 1

# Python version for ansible-test sanity; empty means the version of .venv.
SANITY_PYTHON ?=
SANITY_ARGS ?=
PYTEST_ARGS ?=
# Integration tests run ansible-playbook processes that mostly wait for the emulator clock; three pytest workers (each with
# its own emulator) keep both cores busy.
INTEGRATION_WORKERS ?= 3
LINT_ARGS ?=
# Set to 1 to accept a test directory without any tests (pytest exit code 5).
ALLOW_NO_TESTS ?= 0

TEST_STEPS := unit typecheck integration sanity lint changelog-lint molecule matrix

# --- Environment for every recipe ---

export PATH := $(VENV_BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS_DIR)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONUNBUFFERED := 1

# Extra environment for commands that execute modules or import the collection:
# modules run with the venv's interpreter (it has `requests`), and Python code
# can import both `ansible_collections.hwcloud.dbaas...` and `tests...`.
RUN_ENV = ANSIBLE_PYTHON_INTERPRETER="$(VENV_BIN)/python" \
	PYTHONPATH="$(COLLECTIONS_DIR):$(CURDIR)$${PYTHONPATH:+:$$PYTHONPATH}" \
	EMULATOR_PORT="$(EMULATOR_PORT)" EMULATOR_URL="$(EMULATOR_URL)"

.PHONY: typecheck help venv collection-link emulator-start emulator-stop emulator-status demo \
	unit integration sanity lint docs-lint changelog-lint test bench stress docs molecule clean

help:
	@printf '%s\n' \
		'Targets:' \
		'  venv             create .venv and install requirements-dev.txt (re-runs when it changes)' \
		'  collection-link  link build/collections/ansible_collections/$(COLLECTION_NAMESPACE)/$(COLLECTION_NAME) to this tree' \
		'  emulator-start   start the fake cloud on $(EMULATOR_URL) (no-op when running)' \
		'  emulator-stop    stop it' \
		'  demo             run $(DEMO_PLAYBOOK) twice against a fresh emulator and check idempotence' \
		'  unit             pytest tests/unit (the collection) and tests/emulator/tests (the emulator)' \
		'  typecheck        mypy --strict over plugins/module_utils' \
		'  integration      pytest tests/integration and tests/contract (SDK models; the tests start their own emulator)' \
		'  sanity           ansible-test sanity on a staged copy in build/sanity' \
		'  lint             ansible-lint (production profile), ansible-doc for every module, docs-lint' \
		'  docs-lint        antsibull-docs lint-collection-docs --plugin-docs (documentation markup)' \
		'  changelog-lint   antsibull-changelog lint' \
		'  test             venv, collection-link, then $(TEST_STEPS)' \
		'  bench / stress   tests/benchmarks/run.py / tests/benchmarks/stress.py' \
		'  docs             render module and role documentation into build/docs (antsibull-docs, RST)' \
		'  build            build the collection tarball into build/dist (galaxy.yml manifest allow-list)' \
		'  matrix           sanity and smoke runs on the oldest and newest ansible-core (MATRIX=$(MATRIX))' \
		'  live             live tests in a real cloud account (billed; HW_* and HW_LIVE_* variables, docs/live-tests.md)' \
		'  molecule         molecule test --all in extensions/ (each scenario starts its own emulator)' \
		'  clean            stop the emulator, remove build/ and .venv' \
		'' \
		'Variables: PYTHON=$(PYTHON) EMULATOR_PORT=$(EMULATOR_PORT) SANITY_PYTHON=<venv version> SANITY_ARGS= PYTEST_ARGS= LINT_ARGS= ALLOW_NO_TESTS=0'

# --- Virtual environment ---

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements-dev.txt requirements.txt
	@if [ ! -x "$(VENV_BIN)/python" ]; then
		echo ">> creating $(VENV) with $$(command -v $(PYTHON)) ($$($(PYTHON) --version 2>&1))"
		$(PYTHON) -m venv "$(VENV)"
	fi
	echo ">> installing requirements-dev.txt into $(VENV)"
	# The machine's pip configuration may list local indexes that lack some
	# projects; pip warns about each of them.  Those lines are dropped.
	quiet() { "$$@" 2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }; }
	quiet "$(VENV_BIN)/python" -m pip install --quiet --upgrade pip
	quiet "$(VENV_BIN)/python" -m pip install --quiet -r requirements-dev.txt
	"$(VENV_BIN)/python" -m pip check || echo "warning: pip check reported the problems above"
	touch "$@"

# --- Collection path ---

collection-link:
	@mkdir -p "$(dir $(COLLECTION_LINK))"
	if [ -L "$(COLLECTION_LINK)" ] && [ "$$(readlink -f "$(COLLECTION_LINK)")" = "$$(readlink -f "$(CURDIR)")" ]; then
		exit 0
	fi
	rm -rf "$(COLLECTION_LINK)"
	# Relative, so the link survives moving the checkout.
	ln -s ../../../.. "$(COLLECTION_LINK)"
	echo ">> $(COLLECTION_LINK) -> $(CURDIR)"

# --- Emulator ---

emulator-start: venv
	@mkdir -p "$(EMULATOR_DIR)"
	if pid=$$(cat "$(EMULATOR_PIDFILE)" 2>/dev/null) && [ -n "$$pid" ] && kill -0 "$$pid" 2>/dev/null; then
		echo ">> emulator already running (pid $$pid) on $(EMULATOR_URL)"
		exit 0
	fi
	rm -f "$(EMULATOR_PIDFILE)"
	if python tests/tools/wait_http.py "$(EMULATOR_URL)/_admin/config" 0 >/dev/null 2>&1; then
		echo "error: something else already answers on $(EMULATOR_URL) (no pidfile at $(EMULATOR_PIDFILE));" >&2
		echo "       stop it or use another port: make $(MAKECMDGOALS) EMULATOR_PORT=..." >&2
		exit 1
	fi
	echo ">> starting emulator on $(EMULATOR_URL) (log: $(EMULATOR_LOG))"
	setsid python -m tests.emulator --host "$(EMULATOR_HOST)" --port "$(EMULATOR_PORT)" \
		--state "$(EMULATOR_STATE)" --ready-delay "$(EMULATOR_READY_DELAY)" --pidfile "$(EMULATOR_PIDFILE)" \
		>"$(EMULATOR_LOG)" 2>&1 </dev/null &
	pid=$$!
	if ! python tests/tools/wait_http.py "$(EMULATOR_URL)/_admin/config" "$(EMULATOR_START_TIMEOUT)" "$$pid" || ! kill -0 "$$pid" 2>/dev/null; then
		echo "error: emulator did not answer on $(EMULATOR_URL)/_admin/config within $(EMULATOR_START_TIMEOUT)s; log:" >&2
		cat "$(EMULATOR_LOG)" >&2 || true
		kill -TERM -- "-$$pid" 2>/dev/null || kill -TERM "$$pid" 2>/dev/null || true
		rm -f "$(EMULATOR_PIDFILE)"
		exit 1
	fi
	[ -s "$(EMULATOR_PIDFILE)" ] || echo "$$pid" >"$(EMULATOR_PIDFILE)"
	echo ">> emulator running (pid $$(cat "$(EMULATOR_PIDFILE)")) on $(EMULATOR_URL)"

emulator-stop:
	@if [ ! -f "$(EMULATOR_PIDFILE)" ]; then
		echo ">> emulator not running (no $(EMULATOR_PIDFILE))"
		exit 0
	fi
	pid=$$(cat "$(EMULATOR_PIDFILE)")
	if [ -n "$$pid" ] && kill -0 "$$pid" 2>/dev/null; then
		# The emulator was started with setsid: it leads its own process group.
		kill -TERM -- "-$$pid" 2>/dev/null || kill -TERM "$$pid" 2>/dev/null || true
		for _ in $$(seq 50); do kill -0 "$$pid" 2>/dev/null || break; sleep 0.2; done
		if kill -0 "$$pid" 2>/dev/null; then
			kill -KILL -- "-$$pid" 2>/dev/null || kill -KILL "$$pid" 2>/dev/null || true
		fi
		echo ">> emulator stopped (pid $$pid)"
	else
		echo ">> emulator was not running (stale pidfile removed)"
	fi
	rm -f "$(EMULATOR_PIDFILE)"

emulator-status:
	@if pid=$$(cat "$(EMULATOR_PIDFILE)" 2>/dev/null) && [ -n "$$pid" ] && kill -0 "$$pid" 2>/dev/null; then
		echo "emulator running (pid $$pid) on $(EMULATOR_URL)"
	else
		echo "emulator not running"
		exit 1
	fi

# --- Demo: the example playbook must change something, then nothing ---

# The first run must create resources, so by default the emulator is restarted
# with an empty state (DEMO_FRESH_STATE=0 keeps a running emulator and its state).
demo: venv collection-link
	@if [ ! -f "$(DEMO_PLAYBOOK)" ]; then echo "error: $(DEMO_PLAYBOOK) not found" >&2; exit 1; fi
	if [ "$(DEMO_FRESH_STATE)" = 1 ]; then
		$(MAKE) --no-print-directory emulator-stop
		rm -f "$(EMULATOR_STATE)" "$(EMULATOR_STATE)"-*
	fi
	$(MAKE) --no-print-directory emulator-start
	export EMULATOR_PORT="$(EMULATOR_PORT)" EMULATOR_URL="$(EMULATOR_URL)"
	if [ -f "$(DEMO_ENV)" ]; then set -a; . "./$(DEMO_ENV)"; set +a; fi
	export $(RUN_ENV) ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
	mkdir -p "$(DEMO_DIR)"
	changed_sum() { awk '/^PLAY RECAP/ { recap = 1; next } recap && /changed=/ { for (i = 1; i <= NF; i++) if ($$i ~ /^changed=/) { split($$i, kv, "="); sum += kv[2] } } END { print sum + 0 }' "$$1"; }
	recap() { sed -n '/^PLAY RECAP/,$$p' "$$1"; }
	for run in 1 2; do
		echo ">> demo run $$run: ansible-playbook -i localhost, -c local $(DEMO_PLAYBOOK)"
		ansible-playbook -i localhost, -c local "$(DEMO_PLAYBOOK)" 2>&1 | tee "$(DEMO_DIR)/run$$run.log"
	done
	first=$$(changed_sum "$(DEMO_DIR)/run1.log")
	second=$$(changed_sum "$(DEMO_DIR)/run2.log")
	echo
	echo "== run 1 recap"; recap "$(DEMO_DIR)/run1.log"
	echo "== run 2 recap"; recap "$(DEMO_DIR)/run2.log"
	status=0
	if [ "$$first" -ge 1 ]; then echo "OK: run 1 changed=$$first (>= 1)"; else echo "FAIL: run 1 changed=$$first, expected >= 1"; status=1; fi
	if [ "$$second" -eq 0 ]; then echo "OK: run 2 changed=0 (idempotent)"; else echo "FAIL: run 2 changed=$$second, expected 0"; status=1; fi
	echo
	echo "The emulator is still running on $(EMULATOR_URL) (log: $(EMULATOR_LOG)); stop it with: make emulator-stop"
	exit $$status

# --- Tests ---

unit: venv collection-link
	@rc=0
	# tests/emulator/tests: the emulator's own tests and the agreement of the collection's input rules with it.
	dirs=$$(for dir in tests/unit tests/emulator/tests; do [ ! -d "$$dir" ] || echo "$$dir"; done)
	if [ -n "$$dirs" ]; then env $(RUN_ENV) pytest -q $$dirs $(PYTEST_ARGS) || rc=$$?; else rc=5; fi
	if [ "$$rc" -eq 5 ]; then
		echo "pytest collected no tests in tests/unit and tests/emulator/tests"
		if [ "$(ALLOW_NO_TESTS)" = 1 ]; then rc=0; fi
	fi
	exit $$rc

# mypy --strict over plugins/module_utils, imported as the collection's package from build/collections.
typecheck: venv collection-link
	@echo ">> mypy --strict plugins/module_utils"
	cd "$(COLLECTIONS_DIR)"
	mypy --strict --ignore-missing-imports --follow-imports=silent --no-error-summary \
		-p ansible_collections.$(COLLECTION_NAMESPACE).$(COLLECTION_NAME).plugins.module_utils
	echo ">> mypy: no findings"

integration: venv collection-link
	@rc=0
	# tests/contract: the Huawei Cloud SDK against the emulator, and the SDK models the module request bodies are checked with.
	dirs=$$(for dir in tests/integration tests/contract; do [ ! -d "$$dir" ] || echo "$$dir"; done)
	if [ -n "$$dirs" ]; then env $(RUN_ENV) pytest -q -n $(INTEGRATION_WORKERS) $$dirs $(PYTEST_ARGS) || rc=$$?; else rc=5; fi
	if [ "$$rc" -eq 5 ]; then
		echo "pytest collected no tests in tests/integration"
		if [ "$(ALLOW_NO_TESTS)" = 1 ]; then rc=0; fi
	fi
	exit $$rc

# ansible-test needs the collection at .../ansible_collections/NS/NAME/ and
# downloads a pip bootstrap script for every test venv it creates.  The source
# files are staged into build/sanity (its output stays there too) and an
# offline bootstrap script is put into ansible-test's cache directory.
sanity: venv
	@shopt -s nullglob
	entries=$$(cat /dev/null tests/sanity/ignore-*.txt | grep -cvE '^[[:space:]]*(#|$$)' || true)
	if [ "$$entries" -ne 0 ]; then
		echo "error: tests/sanity/ignore-*.txt contain $$entries entries; fix the findings instead:" >&2
		grep -HnvE '^[[:space:]]*(#|$$)' tests/sanity/ignore-*.txt >&2 || true
		exit 1
	fi
	python tests/tools/install_get_pip.py >/dev/null
	python tests/tools/stage_collection.py "$(CURDIR)" "$(SANITY_ROOT)"
	# Without its own .git, ansible-test would find the enclosing repository,
	# where build/ is ignored, and skip every file.
	git -C "$(SANITY_ROOT)" init --quiet
	py="$(SANITY_PYTHON)"
	if [ -z "$$py" ]; then py=$$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); fi
	cd "$(SANITY_ROOT)"
	echo ">> ansible-test sanity --python $$py --requirements $(SANITY_ARGS) (in $(SANITY_ROOT))"
	ansible-test sanity --python "$$py" --requirements $(SANITY_ARGS)
	# Modules and module_utils run on managed nodes: compile and import them with every
	# Python this ansible-core supports there that the machine has (pyenv keeps them).
	pybin="$(BUILD_DIR)/managed-pythons"
	others=$$(python "$(CURDIR)/tests/tools/managed_pythons.py" "$$pybin" "$$py")
	if [ -n "$$others" ]; then
		echo ">> ansible-test sanity --test compile --test import (Python $$py $$others)"
		PATH="$$pybin:$$PATH" ansible-test sanity --test compile --test import --requirements
	else
		echo ">> no other managed-node Python found: compile/import checked on $$py only"
	fi

lint: venv collection-link
	@lint_status=0
	color=; [ -t 1 ] || color=--nocolor
	echo ">> ansible-lint --profile production $(LINT_ARGS)"
	ansible-lint --profile production $$color $(LINT_ARGS) || lint_status=$$?
	echo ">> ansible-doc for every module in plugins/modules and every role in roles"
	mkdir -p "$(BUILD_DIR)/ansible-doc"
	shopt -s nullglob
	failed=0 count=0
	for path in plugins/modules/*.py; do
		name=$$(basename "$$path" .py)
		[ "$$name" = __init__ ] && continue
		count=$$((count + 1))
		out="$(BUILD_DIR)/ansible-doc/$$name.txt"
		err="$(BUILD_DIR)/ansible-doc/$$name.err"
		if ANSIBLE_NOCOLOR=1 ansible-doc -t module "$(COLLECTION_FQCN).$$name" >"$$out" 2>"$$err" \
				&& [ -s "$$out" ] && ! grep -qE '\[(WARNING|ERROR)\]' "$$err"; then
			echo "   ok   $(COLLECTION_FQCN).$$name"
		else
			echo "   FAIL $(COLLECTION_FQCN).$$name"
			cat "$$err" "$$out" | sed 's/^/        /' | head -40
			failed=$$((failed + 1))
		fi
	done
	for path in roles/*/meta/argument_specs.yml; do
		name=$$(basename "$$(dirname "$$(dirname "$$path")")")
		count=$$((count + 1))
		out="$(BUILD_DIR)/ansible-doc/role-$$name.txt"
		err="$(BUILD_DIR)/ansible-doc/role-$$name.err"
		if ANSIBLE_NOCOLOR=1 ansible-doc -t role "$(COLLECTION_FQCN).$$name" >"$$out" 2>"$$err" \
				&& [ -s "$$out" ] && ! grep -qE '\[(WARNING|ERROR)\]' "$$err"; then
			echo "   ok   $(COLLECTION_FQCN).$$name (role)"
		else
			echo "   FAIL $(COLLECTION_FQCN).$$name (role)"
			cat "$$err" "$$out" | sed 's/^/        /' | head -40
			failed=$$((failed + 1))
		fi
	done
	echo ">> ansible-doc: $$count module(s) and role(s), $$failed failure(s)"
	docs_status=0
	$(MAKE) --no-print-directory docs-lint || docs_status=$$?
	if [ "$$lint_status" -ne 0 ]; then echo ">> ansible-lint failed (exit code $$lint_status)"; fi
	if [ "$$docs_status" -ne 0 ]; then echo ">> docs-lint failed"; fi
	[ "$$failed" -eq 0 ] && [ "$$lint_status" -eq 0 ] && [ "$$docs_status" -eq 0 ]

# Plugin and role documentation markup (references to options/modules, RST)
# checked by antsibull-docs on a staged copy (it needs .../ansible_collections/NS/NAME).
docs-lint: venv collection-link
	@python tests/tools/stage_collection.py "$(CURDIR)" "$(DOCS_LINT_ROOT)" >/dev/null
	echo ">> antsibull-docs lint-collection-docs --plugin-docs"
	cd "$(DOCS_LINT_ROOT)"
	antsibull-docs lint-collection-docs --plugin-docs .
	echo ">> documentation markup OK"

# `antsibull-changelog generate` refuses to run before the first release;
# CHANGELOG.rst is written by `antsibull-changelog release` at release time.
changelog-lint: venv
	@echo ">> antsibull-changelog lint"
	antsibull-changelog lint
	antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
	echo ">> changelog fragments OK"

test: venv collection-link
	@steps=($(TEST_STEPS))
	results=()
	status=0
	for step in "$${steps[@]}"; do
		if [ "$$status" -ne 0 ]; then results+=("SKIP  $$step"); continue; fi
		echo
		echo "==================== $$step ===================="
		start=$$SECONDS
		if $(MAKE) --no-print-directory "$$step"; then
			results+=("PASS  $$step ($$((SECONDS - start))s)")
		else
			results+=("FAIL  $$step ($$((SECONDS - start))s)")
			status=1
		fi
	done
	echo
	echo "==================== summary ===================="
	printf '  %s\n' "$${results[@]}"
	if [ "$$status" -eq 0 ]; then echo "  all steps passed"; else echo "  FAILED"; fi
	exit $$status

# --- Benchmarks, documentation ---

bench: venv collection-link
	@env $(RUN_ENV) python tests/benchmarks/run.py $(BENCH_ARGS)

stress: venv collection-link
	@env $(RUN_ENV) python tests/benchmarks/stress.py $(STRESS_ARGS)

docs: venv collection-link
	@rm -rf "$(BUILD_DIR)/docs"
	mkdir -p "$(BUILD_DIR)/docs"
	antsibull-docs collection --use-current --dest-dir "$(BUILD_DIR)/docs" $(COLLECTION_FQCN)
	# Every module and every role must have its page.
	pages="$(BUILD_DIR)/docs/collections/$(COLLECTION_NAMESPACE)/$(COLLECTION_NAME)"
	shopt -s nullglob
	missing=0 count=0
	for path in plugins/modules/*.py roles/*/; do
		name=$$(basename "$$path" .py)
		[ "$$name" = __init__ ] && continue
		case "$$path" in roles/*) page="$$pages/$${name}_role.rst" ;; *) page="$$pages/$${name}_module.rst" ;; esac
		count=$$((count + 1))
		if [ ! -s "$$page" ]; then echo "error: no documentation page $$page" >&2; missing=$$((missing + 1)); fi
	done
	[ "$$missing" -eq 0 ]
	echo ">> RST documentation of $$count modules and roles written to $(BUILD_DIR)/docs"

# Molecule scenarios under extensions/molecule (default driver, localhost only).
molecule: venv collection-link
	@if [ ! -d extensions/molecule ]; then echo "no extensions/molecule directory: nothing to run"; exit 0; fi
	cd extensions
	env $(RUN_ENV) molecule test --all

# --- Release: the collection artifact ---

DIST_DIR := $(BUILD_DIR)/dist

.PHONY: build

# The collection tarball, built from the work tree into build/dist. galaxy.yml's `manifest:` is an allow-list, so
# whatever else the tree holds (tests, .venv, build/, editor settings, clouds.yaml, .env) is never shipped.
build: venv
	@mkdir -p "$(DIST_DIR)"
	rm -f "$(DIST_DIR)"/$(COLLECTION_NAMESPACE)-$(COLLECTION_NAME)-*.tar.gz
	ansible-galaxy collection build --force --output-path "$(DIST_DIR)" .
	python -c 'import os, sys, tarfile; path = sys.argv[1]; names = [m.name for m in tarfile.open(path) if m.isfile()]; print(">> %s: %d files, %.1f KiB" % (os.path.relpath(path), len(names), os.path.getsize(path) / 1024.0))' "$$(ls "$(DIST_DIR)"/$(COLLECTION_NAMESPACE)-$(COLLECTION_NAME)-*.tar.gz)"
	echo "   install it with: ansible-galaxy collection install $$(ls "$(DIST_DIR)"/$(COLLECTION_NAMESPACE)-$(COLLECTION_NAME)-*.tar.gz)"

# --- The ansible-core matrix ---

# CORE=PYTHON pairs: the oldest ansible-core that meta/runtime.yml claims (requires_ansible) and the newest that
# PyPI serves, each on a Python its controller supports (2.16: 3.10-3.12; 2.21: 3.12-3.14), from pyenv.
MATRIX ?= 2.16=3.11 2.21=3.13
MATRIX_ARGS ?=

.PHONY: matrix

# Each version in its own venv under build/matrix/CORE (kept between runs): the ansible-core-dependent sanity
# tests, then examples/site.yml twice (changed, then ok) and the database_tier role once against an emulator.
matrix: venv collection-link
	@python tests/matrix/run.py $(MATRIX_ARGS) $(MATRIX)

# --- Live tests: a real cloud account, never in CI ---

LIVE_TARGETS ?= rds_instance rds_replica dds_instance gauss_restore

.PHONY: live

# tests/integration/targets/TARGET against the account, region and network of the HW_* and HW_LIVE_* variables
# (docs/live-tests.md). Creates billed resources and deletes them again; refuses to start when settings are missing.
live: venv collection-link
	@python tests/tools/live.py $(LIVE_TARGETS)

# --- Cleanup ---

clean: emulator-stop
	@rm -rf "$(BUILD_DIR)" "$(VENV)"
