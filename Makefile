# Jiayuan's build. `make run` and `make test` work on a fresh Debian 12 machine
# as root: each installs the Debian packages it needs, then builds.

BIN      ?= jiayuan
# Go 1.26 (go.mod): from PATH, else the usual /usr/local/go.
GO       ?= $(shell command -v go 2>/dev/null || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || echo go)
DATA     ?=
export CGO_ENABLED = 1
# Tests and packaging scripts run `go` themselves.
export PATH := $(patsubst %/,%,$(dir $(GO))):$(PATH)

# Debian packages: to build (cgo, OpenGL/X11 headers) and to test
# (Xvfb for the real-window test, ImageMagick for its screenshot,
# poppler and qpdf to check the PDFs, PostgreSQL for the office-server
# pass: its tests start a throwaway cluster of their own).
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_DEPS  := $(BUILD_DEPS) xvfb x11-utils imagemagick poppler-utils qpdf postgresql

# ensure installs the missing ones among the Debian packages $(1) (asked with
# the machine's architecture too: after an arm64 cross build a package
# installed for both is ambiguous to a plain dpkg -s).
define ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || dpkg -s $$p:$$(dpkg --print-architecture) >/dev/null 2>&1 || \
	  missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then echo "missing packages:$$missing (install them by hand)"; exit 1; fi; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "installing:$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: all build run test test-server race bench fuzz deps test-deps gocheck vet clean

all: build

deps:
	$(call ensure,$(BUILD_DEPS))

test-deps:
	$(call ensure,$(TEST_DEPS))

gocheck:
	@$(GO) version >/dev/null 2>&1 || { echo "Go 1.26 is needed (go.mod); Debian 12's golang-go is too old. Install it in /usr/local/go."; exit 1; }

build: deps gocheck
	$(GO) build -o $(BIN) .

# Opens the window on the per-user data folder (or DATA=dir).
run: build
	./$(BIN) $(if $(DATA),-data $(DATA))

vet:
	$(GO) vet ./...

# What CI runs (.ci/run): every test, UI tests on Fyne's test driver and one
# real-window test under its own Xvfb; then the data layer's tests again on
# the office server's store (PostgreSQL: a throwaway cluster in a temporary
# folder, socket only, started and stopped by the tests); then the fuzzers.
test: test-deps gocheck
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 40m ./...
	$(MAKE) --no-print-directory test-server
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(CI_FUZZTIME)

# The data layer's whole suite on PostgreSQL, the command line's server jobs,
# and the window on the server (LISTEN/NOTIFY refresh, conflicts, start window).
test-server: gocheck
	JIAYUAN_TEST_STORE=postgres $(GO) test -count=1 -timeout 40m ./data/...
	JIAYUAN_TEST_STORE=postgres $(GO) test -count=1 -run Server ./ui/cli
	JIAYUAN_TEST_STORE=postgres $(GO) test -count=1 -run 'OfficeServer|OnTheServer' ./ui ./ui/records

# The readers of files that come from outside under Go's fuzzer (.xlsx, .xls
# and its BIFF records, .csv, .jyx, .jyb): no panic, bounded memory, no English
# reaching the clerk. `make test` runs each for CI_FUZZTIME; `make fuzz` for
# FUZZTIME (longer, by hand).
FUZZTIME    ?= 5m
CI_FUZZTIME ?= 10s
FUZZ_TARGETS := FuzzReadXLSX:./data/sheet FuzzReadXLS:./data/sheet FuzzParseBIFF:./data/sheet FuzzReadCSV:./data/sheet \
                FuzzReadExchange:./data/exchange FuzzVerifyBackup:./data
fuzz: gocheck
	@set -e; for t in $(FUZZ_TARGETS); do \
	  name=$${t%%:*}; pkg=$${t#*:}; \
	  echo "fuzz $$name $$pkg ($(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s $$pkg; \
	done

# Every test under the race detector (not part of CI's run: slower; clean as of this writing).
race: test-deps gocheck
	$(GO) test -race -count=1 -timeout 40m ./...

# Speed targets, as benchmarks. See README.md for the comparisons with LibreOffice.
bench: test-deps gocheck
	$(GO) test -run '^$$' -bench . -benchmem -timeout 40m ./...

clean:
	rm -f $(BIN)
	rm -rf dist

-include packaging/packaging.mk
