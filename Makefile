# newsgraph — `make run` and `make test` are all a newcomer needs (see README.md).
SAN ?= 0
JOBS ?= $(shell nproc)
ifeq ($(SAN),1)
  BUILD := build/san
  CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_SANITIZE=ON
else
  BUILD := build/release
  CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=Release
endif
NG := $(BUILD)/newsgraph

.PHONY: all deps build run test test-unit bench-extract fuzz format clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled sample corpus: every page to a clean article.
run: build
	$(NG) extract corpus --format markdown --quiet -o $(BUILD)/corpus.md
	@$(NG) extract corpus --format jsonl --quiet | /usr/bin/python3 scripts/summary.py
	@echo "Full articles (markdown): $(BUILD)/corpus.md"
	@echo "Try: $(NG) extract corpus/seed-page.html --format json"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -L unit

bench-extract: build
	bench/extract/install.sh
	/usr/bin/python3 bench/extract/bench.py --newsgraph $(NG)

# libFuzzer targets (clang). FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 600
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_FUZZ=ON -DNG_TESTS=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	mkdir -p build/fuzz/corpus-extract && cp corpus/*.html build/fuzz/corpus-extract/
	build/fuzz/tests/fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=1048576 build/fuzz/corpus-extract tests/fuzz/regressions

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
