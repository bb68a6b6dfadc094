# Cairn's build. `make run` builds and opens the example notebook; `make test` runs every test
# and linter. Both install what they need on a fresh Debian/Ubuntu machine (see build/deps.sh).

GO          ?= go
BIN         := build/bin/cairn
VERSION     := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X github.com/cairn-notebook/cairn/app/cli.Version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
EXAMPLE     := notebooks/malware.cairn.md

.PHONY: all deps build run test lint gotest generate bench clean

all: build

deps:
	@build/deps.sh

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

run: build
	$(BIN) run $(EXAMPLE)

test: deps lint gotest

lint:
	@echo "== gofmt"; out=$$(find . -name '*.go' -not -path '*/node_modules/*' -not -path './.git/*' | xargs gofmt -l) || exit 1; \
		if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	@echo "== go vet"; $(GO) vet ./...
	@echo "== staticcheck"; $(GO) run $(STATICCHECK) ./...

gotest:
	@echo "== go test"; $(GO) test -timeout 20m ./...

# Regenerates the yaegi symbol tables of the packages cells can import.
generate:
	$(GO) generate ./kernel/symbols

bench: deps
	$(GO) run ./bench/kernel

clean:
	rm -rf build/bin
