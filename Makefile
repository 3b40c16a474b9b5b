# The commands a user types.  CMake does the building; this file only names the
# workflows and makes sure the machine has what they need (scripts/install-deps.sh).
#
#   make demo         install missing packages, build, code examples/ into dyad.db, show it
#   make check        install missing packages, build, run every test (CTest)
#   make conformance  TABARI and PETRARCH validation suites (needs ../shared)
#   make accuracy     real-news accuracy on ../shared/corpus/dev (needs ../shared)
#   make bench        throughput figures (see bench/README.md)
#   make asan         `make check` in a second build with -fsanitize=address,undefined

BUILD   ?= build
SHARED  ?= $(abspath ../shared)
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
DYAD    := $(BUILD)/dyad

.PHONY: all deps build demo check conformance accuracy bench asan clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYAD_SHARED_DIR=$(SHARED)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@rm -f dyad.db dyad.db-wal dyad.db-shm
	$(DYAD) code --db dyad.db examples/*.txt examples/*.jsonl examples/*.html
	$(DYAD) summary --db dyad.db

check: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

conformance: build
	@sh bench/conformance.sh $(DYAD) $(SHARED)

accuracy: build
	@sh bench/accuracy.sh $(DYAD) $(SHARED)

bench: build
	@sh bench/bench.sh $(DYAD) $(SHARED)

asan: deps
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON -DDYAD_SHARED_DIR=$(SHARED)
	cmake --build $(BUILD)-asan -j $(JOBS)
	cd $(BUILD)-asan && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) $(BUILD)-asan
