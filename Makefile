# The course's commands. Plain Python (3.10 or newer, 3.11 preferred) and pip; no conda needed.
#
#   make lab       work through the notebooks in JupyterLab
#   make test      run the tests
#
# The first use creates .venv/ in the repository and installs the course into it (torch is
# large: a few minutes); later runs start at once, and re-install only when pyproject.toml
# changes. Nothing needs activating: every command runs .venv/bin/python.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP_FLAGS ?= --progress-bar off
PYTEST_ARGS ?= -ra --timeout=1800
LAB_ARGS ?=
# Jupyter refuses to run as root unless told (containers often run as root)
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
OFFLINE ?=

# A stamp per extra: .venv/.installed-lab, -grade, -dev; newer than pyproject.toml = up to date.
STAMP = $(VENV)/.installed-$(1)

.PHONY: help lab test data release release-check venv clean grade-demo

help:
	@echo "make lab            set up .venv (first time), prepare data/, open JupyterLab on notebooks/"
	@echo "                    (headless or remote: make lab LAB_ARGS='--no-browser --ip=0.0.0.0')"
	@echo "make test           set up .venv with the dev tools (first time), run the tests"
	@echo "                    (PYTEST_ARGS='-x -k data' to choose; '-n 2' runs them on two cores)"
	@echo "make data           prepare data/ (MNIST; OFFLINE=1: the 5,000-digit offline subset)"
	@echo "make release        regenerate notebooks/ from solutions/ with nbgrader"
	@echo "make release-check  fail if notebooks/ is not what release would write"
	@echo "make grade-demo     grade a small sample class in sandboxes and print the table"
	@echo "make venv           set up .venv with everything (lab, grading and test tools)"
	@echo "make clean          remove .venv, caches and generated data (never notebooks/, solutions/, gradebook.db)"

# ---- the virtual environment ------------------------------------------------------------------

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
		{ echo "error: '$(PYTHON)' is not Python 3.10 or newer; run e.g. make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Installs the course (editable) with one extra, and a Jupyter kernel `python3` running .venv's
# Python. dev includes lab and grade, so installing it brings their stamps up to date too.
$(VENV)/.installed-%: pyproject.toml | $(PY)
	@echo "Installing the course with its '$*' extra into $(VENV) (the first time takes a few minutes) ..."
	$(PY) -m pip install $(PIP_FLAGS) -e ".[$*]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (pytorch-course)" > /dev/null
	@if [ "$*" = dev ]; then touch $(call STAMP,lab) $(call STAMP,grade); fi
	@touch $@

venv: $(call STAMP,dev)

# ---- students ---------------------------------------------------------------------------------

lab: $(call STAMP,lab) data
	@mkdir -p notebooks
	$(VENV)/bin/jupyter lab notebooks/ $(ALLOW_ROOT) $(LAB_ARGS)

data: $(call STAMP,lab)
	$(PY) -m autograder data $(if $(OFFLINE),--offline)

# ---- tests ------------------------------------------------------------------------------------

# The tests prepare their own data (offline, in a temporary folder): no `make data` needed.
test: $(call STAMP,dev)
	$(PY) -m pytest $(PYTEST_ARGS)

# ---- instructors ------------------------------------------------------------------------------

release: $(call STAMP,grade)
	$(PY) -m autograder release

release-check: $(call STAMP,grade)
	$(PY) -m autograder release --check

# ---- grading ----------------------------------------------------------------------------------

# A small class (correct, blank, partly wrong, cheating, crashing) graded end to end (README "Grading").
grade-demo: $(call STAMP,grade)
	$(PY) -m autograder.grading.demo

# ---- housekeeping -----------------------------------------------------------------------------

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	find data -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
