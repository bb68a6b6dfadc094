# Cairn's build. `make run` builds and opens the example notebook; `make test` runs every test
# and linter. Both install what they need on a fresh Debian/Ubuntu machine (build/deps.sh).

GO          ?= go
BIN         := build/bin/cairn
DESKTOP_BIN := build/bin/cairn-desktop
DESKTOP     := desktop,production,webkit2_41,duckdb_arrow
VERSION     := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X github.com/cairn-notebook/cairn/app/cli.Version=$(VERSION) -X github.com/cairn-notebook/cairn/ml.Version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
EXAMPLE     := notebooks/malware.cairn.md
NPM         := npm --prefix frontend

# Frames read query results through duckdb-go's Arrow interface, which it compiles only with
# this tag (kernel/frame/arrow.go; without it frames fall back to rows.Scan, 6-8x slower).
# Commands given their own -tags (the desktop build) list it again.
export GOFLAGS := -tags=duckdb_arrow

.PHONY: all deps frontend runtimes build build-desktop run test lint gotest uitest e2e desktop-smoke generate bench clean

all: build

deps:
	@build/deps.sh

# The binary embeds frontend/dist: build it before anything compiles Go.
frontend: deps
	$(NPM) run build

# The exported model service's runtime (service/), cross-compiled pure Go and embedded gzipped
# by app/export. File targets: rebuilt only when the service's or ml's sources change.
RUNTIME_TARGETS := linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64
RUNTIMES        := $(RUNTIME_TARGETS:%=app/export/runtimes/cairn-service-%.gz)
# The module's Go files the runtime is built from (service, ml, ml/linear, ml/tree, internals).
RUNTIME_SRC     := $(shell CGO_ENABLED=0 GOFLAGS= $(GO) list -deps -f '{{if and .Module .Module.Main}}{{range .GoFiles}}{{$$.Dir}}/{{.}} {{end}}{{end}}' ./service/cmd/cairn-service) go.mod go.sum

runtimes: $(RUNTIMES)

app/export/runtimes/cairn-service-%.gz: $(RUNTIME_SRC)
	@tmp=$@.$$$$; CGO_ENABLED=0 GOOS=$(word 1,$(subst -, ,$*)) GOARCH=$(word 2,$(subst -, ,$*)) GOFLAGS= \
		$(GO) build -trimpath -ldflags "-s -w -X github.com/cairn-notebook/cairn/service.Version=$(VERSION)" \
		-o $$tmp.bin ./service/cmd/cairn-service && gzip -9 -n -c $$tmp.bin > $$tmp.tmp && mv $$tmp.tmp $@; \
		st=$$?; rm -f $$tmp.bin $$tmp.tmp; [ $$st = 0 ] && echo "runtime $* → $@ ($$(wc -c < $@) bytes)"

build: frontend runtimes
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

build-desktop: frontend runtimes
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
	$(GO) run ./bench/service -cairn $(BIN)
	$(GO) run ./bench/ml

clean:
	rm -rf build/bin frontend/dist app/export/runtimes/*.gz
