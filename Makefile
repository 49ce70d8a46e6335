# newsgraph — `make run` and `make test` are all a newcomer needs (see README.md).
SAN ?= 0
TSAN ?= 0
JOBS ?= $(shell nproc)
ifeq ($(TSAN),1)
  BUILD := build/tsan
  CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_TSAN=ON
else ifeq ($(SAN),1)
  BUILD := build/san
  CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_SANITIZE=ON
else
  BUILD := build/release
  CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=Release
endif
NG := $(BUILD)/newsgraph

.PHONY: all deps build install deb run test test-unit bench-python bench-dask train-syntax bench-syntax train-pagetype fuzz-parser bench-extract bench-html bench-analyze bench-ingest bench-store bench-serve bench-events fuzz fuzz-html fuzz-ingest fuzz-serve faults format clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The whole pipeline on the bundled sample corpus: ingest -> extract -> analyze -> code -> store
# into newsgraph.db (made afresh), then a summary, the seed article's events and what to try next.
run: build
	@rm -f newsgraph.db newsgraph.db-wal newsgraph.db-shm
	$(NG) ingest corpus --db newsgraph.db --quiet
	@echo
	@$(NG) query --db newsgraph.db --summary
	@echo
	@echo "Events of the seed article (corpus/seed-page.html), with their evidence:"
	@$(NG) query --db newsgraph.db --article seed-page.html
	@echo
	@echo "Query:  $(NG) query --db newsgraph.db --cameo 19          (also --text, --actor, --country, --plover, --from/--to, --place; --articles; --format jsonl|csv)"
	@echo "Export: $(NG) export --db newsgraph.db --format gdelt-events -o events.tsv   (gdelt-mentions, gkg, jsonl, csv)"
	@echo "PostgreSQL: the same commands with --db postgresql://user@host/dbname (see docs/STORE.md)"
	@echo "Browse: $(NG) serve --db newsgraph.db    (then http://127.0.0.1:8080/; the API: /api/openapi.json)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Fault injection at full size (issue 18, docs/RELIABILITY.md): 120 SIGKILLs of `ingest --db` into
# SQLite and into PostgreSQL, plus the disk-full, read-only, restart and fetch faults that
# `make test` also runs. NG_FAULT_SEED=… for other kill points.
faults: build
	cd $(BUILD) && NG_FAULT_KILLS=$(or $(KILLS),120) ctest --output-on-failure -j $(JOBS) -L faults

# The binary, its data, man page and bash completion under PREFIX (DESTDIR=… stages them).
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# A Debian package in this directory: sudo apt install ./newsgraph_*.deb
deb: build
	cd $(BUILD) && cpack --config CPackConfig.cmake -B $(CURDIR)/$(BUILD)/package >/dev/null
	cp $(BUILD)/package/newsgraph_*.deb .
	@ls newsgraph_*.deb

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -L unit

bench-extract: build
	bench/extract/install.sh
	/usr/bin/python3 bench/extract/bench.py --newsgraph $(NG)

# Flat memory + parallel speed-up on a generated 2 GB WARC in /tmp/ng-bench (not committed).
bench-ingest: build
	/usr/bin/python3 bench/ingest/bench.py --newsgraph $(NG)

# The store at scale: 1,000,000 generated events into SQLite (/tmp/ng-bench, not committed), ingest
# rate, bytes per event and p50/p95 of the ten most common queries. EVENTS=… to change the size.
bench-store: build
	@mkdir -p /tmp/ng-bench
	$(BUILD)/bench/store/ng_bench_store --db /tmp/ng-bench/store.db --events $(or $(EVENTS),1000000) --json /tmp/ng-bench/store.json

# The HTTP API under load: wrk on loopback against the most used endpoints over EVENTS generated
# events (default 1,000,000; /tmp/ng-bench, not committed), 1,000 idle connections held, RSS after.
bench-serve: build
	/usr/bin/python3 bench/serve/bench.py --newsgraph $(NG) --events $(or $(EVENTS),1000000)

# Full analysis, one thread: sentences/s over the scrapinghub-aeb gold texts (read in place).
bench-analyze: build
	$(BUILD)/bench/analyze/ng_bench_analyze --min-seconds 5 $(or $(BENCH_DIR),../shared/bench/extraction/scrapinghub-aeb/gold)

# The tagger and parser models (data/syntax/*.model) from UD English-EWT, deterministically
# (same bytes on a rerun); the next build copies them into $(BUILD)/data/syntax.
SYNTAX_CORPUS ?= ../shared/corpora/ud-english-ewt
# The page-type model (data/page_type_model.tsv) from the tune half of wcxb-dev; prints both halves.
WCXB_DEV ?= ../shared/bench/extraction/wcxb-dev
train-pagetype: build
	/usr/bin/python3 tools/train_page_type.py --signals $(BUILD)/page_type_signals --data $(WCXB_DEV) --articles scrapinghub-aeb,dragnet-dev --out data/page_type_model.tsv
	@cmake --build $(BUILD) -j $(JOBS) >/dev/null
	/usr/bin/python3 tools/train_page_type.py --signals $(BUILD)/page_type_signals --data $(WCXB_DEV) --report

train-syntax: build
	$(BUILD)/train_syntax --corpus $(SYNTAX_CORPUS) --out data/syntax --jackknife 10
	sha256sum data/syntax/*.model
	@cmake --build $(BUILD) -j $(JOBS) >/dev/null

# UPOS/XPOS/UAS/LAS on EWT dev+test (gold tokens and our tokeniser on the raw text), tagging +
# parsing sentences/s on the scrapinghub-aeb news texts, peak RSS, model load time.
bench-syntax: build
	$(BUILD)/bench/syntax/ng_bench_syntax --min-seconds 5 $(SYNTAX_CORPUS) $(or $(BENCH_DIR),../shared/bench/extraction/scrapinghub-aeb/gold)

# Event coding: every dev set in its fixed tune/confirm halves in one table (bench_all.py,
# halves.py), exact-match rate on the TABARI/PETRARCH validation suites with their own
# dictionaries, PLOVER precision/recall per category on plover-gsr-dev, and coding sentences/s.
bench-events: build
	/usr/bin/python3 bench/events/bench_all.py --bin $(NG)
	/usr/bin/python3 bench/events/validate.py --bin $(BUILD)/bench/events/ng_bench_validate --failures 0
	/usr/bin/python3 bench/events/plover_gsr.py --bin $(NG)
	$(BUILD)/bench/events/ng_bench_code --min-seconds 5 $(or $(BENCH_DIR),../shared/bench/extraction/scrapinghub-aeb/gold)

# The Python module against the CLI: extract() pages/s on one core (>= 90% of the CLI), 2 threads vs
# 1 (>= 1.7x), RSS over 100,000 calls (flat). BENCH_DIR = a directory of pages.
bench-python: build
	/usr/bin/python3 bench/python/bench.py --newsgraph $(NG) $(if $(BENCH_DIR),--pages $(BENCH_DIR))

# newsgraph.dask on a LocalCluster of 1 and 2 workers vs `newsgraph ingest --jobs 1/2` over a
# generated >= 500 MB WARC set in /tmp/ng-bench/dask (not committed): docs/s, ratios, peak RSS per
# worker. SIZE_MB=… to change the size.
bench-dask: build
	/usr/bin/python3 bench/dask/bench.py --newsgraph $(NG) --size-mb $(or $(SIZE_MB),512)

# The HTML parser's speed: fast vs gumbo, parse MB/s and extraction pages/s (one core).
bench-html: build
	/usr/bin/python3 bench/html/bench.py --bin $(BUILD)/newsgraph $(BENCH_DIR)

# libFuzzer targets (clang). FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 600
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_FUZZ=ON -DNG_TESTS=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	mkdir -p build/fuzz/corpus-extract && cp corpus/*.html build/fuzz/corpus-extract/
	build/fuzz/tests/fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=1048576 build/fuzz/corpus-extract tests/fuzz/regressions
	$(MAKE) fuzz-html FUZZ_SECONDS=$(FUZZ_SECONDS)

# The HTML tokenizer and tree builder alone (faster iterations than the whole extractor).
fuzz-html: deps
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_FUZZ=ON -DNG_TESTS=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS) --target fuzz_tokenizer fuzz_tree_builder
	mkdir -p build/fuzz/corpus-tokenizer build/fuzz/corpus-tree && cp corpus/*.html build/fuzz/corpus-tokenizer/ && cp corpus/*.html build/fuzz/corpus-tree/
	build/fuzz/tests/fuzz/fuzz_tokenizer -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=262144 -artifact_prefix=build/fuzz/ build/fuzz/corpus-tokenizer tests/fuzz/regressions
	build/fuzz/tests/fuzz/fuzz_tree_builder -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=262144 -artifact_prefix=build/fuzz/ build/fuzz/corpus-tree tests/fuzz/regressions

# The WARC reader and the feed parser (seed inputs: tests/fuzz/seeds; our own small files).
fuzz-ingest: deps
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_FUZZ=ON -DNG_TESTS=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS) --target fuzz_warc fuzz_feed
	mkdir -p build/fuzz/corpus-warc build/fuzz/corpus-feed && cp tests/fuzz/seeds/warc/* build/fuzz/corpus-warc/ && cp tests/fuzz/seeds/feed/* build/fuzz/corpus-feed/
	build/fuzz/tests/fuzz/fuzz_warc -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=262144 -artifact_prefix=build/fuzz/ build/fuzz/corpus-warc tests/fuzz/regressions
	build/fuzz/tests/fuzz/fuzz_feed -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=262144 -artifact_prefix=build/fuzz/ build/fuzz/corpus-feed

# The dependency parser: bytes as words+tags, as a model file and as CoNLL-U (tests/fuzz/fuzz_parser.cc).
fuzz-parser: deps
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_FUZZ=ON -DNG_TESTS=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS) --target fuzz_parser
	mkdir -p build/fuzz/corpus-parser
	build/fuzz/tests/fuzz/fuzz_parser -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=65536 -artifact_prefix=build/fuzz/ build/fuzz/corpus-parser

# The HTTP API's request handling: parameters, routes, review bodies (tests/fuzz/fuzz_api.cc).
fuzz-serve: deps
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_FUZZ=ON -DNG_TESTS=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS) --target fuzz_api
	mkdir -p build/fuzz/corpus-api && cp tests/fuzz/seeds/api/* build/fuzz/corpus-api/
	build/fuzz/tests/fuzz/fuzz_api -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=65536 -artifact_prefix=build/fuzz/ build/fuzz/corpus-api

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
