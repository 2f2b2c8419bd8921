# Two commands set everything up on a fresh machine with Python 3.11 and pip:
#   make run    create .venv, install, run the pipeline on seeds/ into output/
#   make test   create .venv, install, run the test suite
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SOURCE ?= seeds
OUTPUT ?= output

.PHONY: install run test lint validate docs train clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m dateline.geo
	touch $@

run: $(INSTALLED)
	$(BIN)/dateline run $(SOURCE) --output $(OUTPUT)

test: $(INSTALLED)
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: $(INSTALLED)
	$(BIN)/dateline validate $(OUTPUT)

# The data dictionary (docs/tables/) from schemas/, with example rows from a fresh seed run.
docs: $(INSTALLED)
	@tmp=$$(mktemp -d) && $(BIN)/dateline run seeds --output $$tmp/output > /dev/null && \
	  $(BIN)/python -m dateline.dictionary $$tmp/output; status=$$?; rm -rf $$tmp; exit $$status

# The NER (src/dateline/entities/ner/) from CoNLL-2003, then the attribution models
# (src/dateline/quotes/attribution-model.json), whose features read its entities, from PolNeAR;
# both from ../shared/data.
train: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m dateline.entities.train
	$(BIN)/python -m dateline.quotes.train

clean:
	rm -rf $(OUTPUT) .pytest_cache
