# Kiorex: `make run` serves the platform on http://localhost:8080; `make test` runs every test.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
export KIOREX_SOURCE_DIR := $(CURDIR)
# ccache keys on paths relative to the checkout, so a fresh clone (CI) reuses earlier compilations.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: run test deps configure build build-server web bench clean

run: deps build-server web
	./$(BUILD_DIR)/kiorex demo-data
	KIOREX_DEMO=true KIOREX_METRICS_TOKEN=$${KIOREX_METRICS_TOKEN:-demo-metrics-token-change-me} ./$(BUILD_DIR)/kiorex serve

test: deps build web
	bash scripts/run-tests.sh

deps:
	bash scripts/install-deps.sh

configure:
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release; fi

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# `make run` needs only the server, not the unit-test binary.
build-server: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target kiorex

web:
	bash scripts/build-web.sh

bench: deps build
	bash bench/run.sh

clean:
	rm -rf $(BUILD_DIR) web/dist
