# The edition's commands. Every target installs what it needs first (.venv), so a fresh clone
# only needs `make all` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
TEI    := $(BIN)/tei

.PHONY: all setup convert validate cmif schema guidelines test fuzz evaluate accuracy benchmark clean

all: convert validate guidelines cmif

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

# the Office of the Historian's people and chiefs-of-mission data, when ../shared is there
AUTHORITY ?= $(wildcard $(SHARED)/authority)

convert: $(STAMP)
	$(TEI) convert corpus/transcripts -o corpus/tei $(if $(AUTHORITY),--authority $(AUTHORITY))

cmif: $(STAMP)
	$(TEI) export cmif -o build/cmif.xml

validate: $(STAMP)
	$(TEI) validate

# Regenerate schemas/*.rng, *.sch, *.xsd from the ODD (needs the TEI P5 sources; they are committed,
# so validating never does)
schema: $(STAMP)
	$(TEI) schema build --sources $(SHARED)/tei-p5/Specs

guidelines: $(STAMP)
	@mkdir -p build
	$(BIN)/python -c "from pathlib import Path; from tei.schema import guidelines_from_committed as g; g(Path('schemas/diplomatic.odd'), Path('build/guidelines.html'))"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The property-based tests with thousands of examples (minutes; not part of `make test`)
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_properties.py --hypothesis-show-statistics

evaluate: $(STAMP)
	$(BIN)/python scripts/evaluate.py $(SHARED)/frus-dev

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

accuracy: $(STAMP)
	$(BIN)/python scripts/validation_accuracy.py

clean:
	rm -rf build .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
