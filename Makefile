# The two commands: `make site` builds the sample site, `make test` runs every check.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site check serve edit test install lint typecheck unit browser bench vendor-decap clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,scale]'
	touch $(STAMP)

install: $(STAMP)

site: $(STAMP)
	$(BIN)/site-builder build
	@echo "网站已生成: $(CURDIR)/site/index.html  (site built into $(CURDIR)/site/)"

# The staff's two everyday commands, as docs/content-guide.md names them.
check: $(STAMP)
	$(BIN)/site-builder check

serve: $(STAMP)
	$(BIN)/site-builder serve

# The web editor in the browser (docs/setup.md): edit, import, preview, check, publish.
edit: $(STAMP)
	$(BIN)/site-builder edit

lint: $(STAMP)
	$(BIN)/ruff check site_builder tests benchmarks
	$(BIN)/ruff format --check site_builder tests benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy site_builder

unit: $(STAMP)
	$(BIN)/pytest -n 2 -m "not browser"

browser: $(STAMP)
	$(BIN)/pytest -m browser

test: lint typecheck $(STAMP)
	$(BIN)/pytest -n 2

# `make bench SCALE=10000`: only the memory point at 10 000 stories / 500 000 records.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(if $(SCALE),--scale $(SCALE))

# Developers only: bring in (or, after changing PINNED, update) the vendored Decap CMS (needs npm).
vendor-decap: $(STAMP)
	$(BIN)/python -m site_builder.editor.vendor_decap

clean:
	rm -rf site .cache
