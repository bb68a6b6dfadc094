# Cairn's build. `make run` builds and opens the example notebook; `make test` runs every test
# and linter. Both install what they need on a fresh Debian/Ubuntu machine (build/deps.sh).

GO          ?= go
BIN         := build/bin/cairn
DESKTOP_BIN := build/bin/cairn-desktop
DESKTOP     := desktop,production,webkit2_41,duckdb_arrow
VERSION     := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X github.com/cairn-notebook/cairn/app/cli.Version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
EXAMPLE     := notebooks/malware.cairn.md
NPM         := npm --prefix frontend

# Frames read query results through duckdb-go's Arrow interface, which it compiles only with
# this tag (kernel/frame/arrow.go; without it frames fall back to rows.Scan, 3x slower).
# Commands given their own -tags (the desktop build) list it again.
export GOFLAGS := -tags=duckdb_arrow

.PHONY: all deps frontend build build-desktop run test lint gotest uitest e2e desktop-smoke generate bench clean

all: build

deps:
	@build/deps.sh

# The binary embeds frontend/dist: build it before anything compiles Go.
frontend: deps
	$(NPM) run build

build: frontend
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

build-desktop: frontend
	$(GO) build -tags $(DESKTOP) -ldflags "$(LDFLAGS)" -o $(DESKTOP_BIN) .

# The desktop window on the example; without a display it falls back to the browser.
run: build-desktop
	$(DESKTOP_BIN) open $(EXAMPLE)

test: frontend lint gotest uitest e2e desktop-smoke

lint:
	@echo "== gofmt"; out=$$(find . -name '*.go' -not -path '*/node_modules/*' -not -path './.git/*' | xargs gofmt -l) || exit 1; \
		if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	@echo "== go vet"; $(GO) vet ./... && $(GO) vet -tags $(DESKTOP) ./app/desktop/
	@echo "== staticcheck"; $(GO) run $(STATICCHECK) ./... && $(GO) run $(STATICCHECK) -tags $(DESKTOP) ./app/desktop/
	@echo "== svelte-check"; $(NPM) run check

# Tests start kernels from the built binary, so that only it and the kernel's own packages link
# DuckDB (kernel/kerneltest).
gotest: build
	@echo "== go test"; CAIRN_TEST_BIN=$(abspath $(BIN)) $(GO) test -timeout 20m ./...

uitest:
	@echo "== vitest"; $(NPM) test

e2e: build
	@echo "== end-to-end (headless Chromium)"; $(NPM) run e2e

desktop-smoke:
	@echo "== desktop smoke test (Xvfb)"; build/desktop-smoke.sh

# Regenerates the yaegi symbol tables of the packages cells can import.
generate:
	$(GO) generate ./kernel/symbols

bench: build
	$(GO) run ./bench/kernel
	$(GO) run ./bench/serve -cairn $(BIN)
	$(GO) run ./bench/data -cairn $(BIN)

clean:
	rm -rf build/bin frontend/dist
