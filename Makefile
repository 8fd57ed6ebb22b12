# Cotejo — the two commands the README opens with, and a few more.
#   make run    build in release mode and run pipelines/default.yaml on fixtures/ → output/
#   make test   build and run every test
# Each target installs the Debian packages it needs when they are missing (apt-get, as root or via sudo).

SWIFT ?= swift
PIPELINE ?= pipelines/default.yaml
# Libraries the build links (poppler-glib, cairo, libxml2, SQLite, Tesseract and Leptonica for OCR),
# the OCR language data (Spanish, English, orientation detection), and tools the tests call.
BUILD_DEPS = libpoppler-glib-dev libpoppler-private-dev libcairo2-dev libxml2-dev libsqlite3-dev pkg-config \
	libtesseract-dev libleptonica-dev tesseract-ocr-spa tesseract-ocr-eng tesseract-ocr-osd
# chromium: the report test opens a page headless and screenshots it (skipped when absent).
# qpdf: the rotation test turns the fixtures' pages.
# postgresql: the shared-store tests start a throwaway server on loopback (scripts/test-postgres.sh).
TEST_DEPS = poppler-utils chromium qpdf postgresql

.PHONY: run test deps test-deps build clean bench bench-tables corpus

define apt_install
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_DEPS))

# Datasette (PyPI): the store test opens the store in it, as the README tells users to.
test-deps: deps
	$(call apt_install,$(TEST_DEPS))
	@python3 -c "import datasette" 2>/dev/null || python3 -m pip install -q datasette \
	  || python3 -m pip install -q --break-system-packages datasette

build: deps
	$(SWIFT) build -c release --product cotejo

run: build
	@mkdir -p output
	$$($(SWIFT) build -c release --show-bin-path)/cotejo run $(PIPELINE)

# The real-document corpus (../shared/corpus) into output/corpus/, then both scores: the corpus
# truth (read, recall, false alarms) and the seed fixtures (fields, recall, precision).
SHARED ?= ../shared
corpus: build
	@mkdir -p output/corpus
	rm -f output/corpus/cotejo.sqlite*
	$$($(SWIFT) build -c release --show-bin-path)/cotejo run pipelines/corpus.yaml || true
	python3 $(SHARED)/tools/score_cases.py output/corpus/export.json $(SHARED)/corpus/cases.json
	rm -f output/cotejo.sqlite*
	$$($(SWIFT) build -c release --show-bin-path)/cotejo run $(PIPELINE) > /dev/null 2>&1 || true
	python3 $(SHARED)/tools/score.py output/export.json $(SHARED)/truth | tail -1

# OpenMP reads its thread limit when Tesseract loads: one thread each, as the batch runs them.
# A throwaway PostgreSQL server runs on loopback for the shared-store tests, and stops afterwards.
test: test-deps
	@url=$$(scripts/test-postgres.sh start) && trap 'scripts/test-postgres.sh stop' EXIT && \
	  COTEJO_TEST_POSTGRES=$$url OMP_THREAD_LIMIT=1 $(SWIFT) test

# Table stage in page mode over the table benchmark (BENCH=DIR to use another copy), scored by its
# score.py; prints the scores and the pages per second, reading included.
BENCH ?= ../shared/bench/tables
bench-tables: deps
	$(SWIFT) build -c release --product cotejo-bench
	$$($(SWIFT) build -c release --show-bin-path)/cotejo-bench $(BENCH) $(BENCH_ARGS)

# Corpus-scale figures (pages per second against pdftotext -layout, peak memory at 10, 100 and
# 1,000 documents, unchanged re-run, 1 → 2 jobs): DOCS documents of 5 to 60 pages.
DOCS ?= 200
bench: deps
	scripts/bench.sh $(DOCS)

clean:
	rm -rf .build output/*.sqlite* output/export.json output/report.html output/report/
