# hubchat — `make dev` runs the app, `make test` runs every check and test.
# Both install what they need first (Go modules, npm packages, PostgreSQL).

SHELL := /bin/bash
GO    ?= go
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Front-end files copied from node_modules (pinned by package-lock.json) into the
# embedded static tree.
VENDOR := static/vendor/htmx.min.js static/vendor/hx-sse.min.js static/vendor/polaris-tokens.css

.PHONY: dev test check bench generate assets deps postgres chromium gomod clean

## dev: run the app locally (a private PostgreSQL unless DATABASE_URL is set)
dev: deps assets
	$(GO) run . dev

## test: formatting, vet, generated code and go.mod in sync, then every test with -race
test: deps chromium assets check
	$(GO) test -race -count=1 ./...

## bench: the performance benchmarks, with figures
bench: deps assets
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./...

# Go files of the project (not of node_modules or the local clusters).
GOFILES = find . \( -path ./node_modules -o -path ./.data \) -prune -o -name '$(1)' -type f -print

check:
	@out=$$($(call GOFILES,*.go) | xargs -r gofmt -l); \
	  if [ -n "$$out" ]; then echo "not gofmt-formatted (run gofmt -w):"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@sum() { $(call GOFILES,*_templ.go) | sort | xargs -r sha256sum | sha256sum; }; \
	  before=$$(sum); $(GO) tool templ generate >/dev/null; \
	  if [ "$$before" != "$$(sum)" ]; then echo "templ generate changed the generated *_templ.go files: commit them"; exit 1; fi
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }

## generate: regenerate the templ components' Go code
generate:
	$(GO) tool templ generate

## assets: copy the pinned front-end libraries into static/vendor
assets: $(VENDOR)

static/vendor/htmx.min.js: node_modules/.package-lock.json
	cp node_modules/htmx.org/dist/htmx.min.js $@
static/vendor/hx-sse.min.js: node_modules/.package-lock.json
	cp node_modules/htmx.org/dist/ext/hx-sse.min.js $@
static/vendor/polaris-tokens.css: node_modules/.package-lock.json
	cp node_modules/@shopify/polaris-tokens/dist/css/styles.css $@

deps: postgres gomod node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20 or newer"; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

gomod:
	$(GO) mod download

# PostgreSQL's server programs, from Debian, unless already installed.
postgres:
	@if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; else \
	  echo "installing PostgreSQL (Debian package postgresql)"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q postgresql; fi

# Debian's Chromium, which the browser tests drive (CHROME_PATH names another).
chromium:
	@if [ -n "$$CHROME_PATH" ] || command -v chromium >/dev/null; then :; else \
	  echo "installing Chromium (Debian package chromium) for the browser tests"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; fi

## clean: remove built assets and the local PostgreSQL clusters (their data too)
clean:
	rm -rf static/vendor/*.js static/vendor/*.css bin
	rm -rf .data
