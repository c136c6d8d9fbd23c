# hubchat — `make dev` runs the app, `make test` runs every check and test.
# Both install what they need first (Go modules, npm packages, PostgreSQL).

SHELL := /bin/bash
GO    ?= go
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Front-end files copied from node_modules (pinned by package-lock.json) into the
# embedded static tree.
VENDOR := static/vendor/htmx.min.js static/vendor/hx-sse.min.js static/vendor/polaris-tokens.css

.PHONY: dev test check theme-check fuzz fuzz-short fuzz-targets bench eval generate assets deps postgres chromium thesauri gomod clean

## dev: run the app locally (a private PostgreSQL unless DATABASE_URL is set)
dev: deps assets
	$(GO) run . dev

## test: formatting, vet, generated code and go.mod in sync, then every test
## (go test replays each fuzz target's seeds and saved inputs; the
## fuzzing itself is make fuzz-short / make fuzz: its instrumented build of every
## package and the standard library cost CI minutes on every run).
## The browser tests (app/e2e) run without -race, beside the rest: there the race
## detector doubled the in-process app's CPU while the browsers waited on it, and the
## handler, storage and realtime tests drive the same code under -race with many
## requests at once.
## Tests run 3 at once within a package (-parallel): each has its own database
## (cloned from a template, in memory where /dev/shm has room) and app; a browser
## test a browser context and window of its own in its binary's one Chromium.
## Browser tests wait rather than sleep, so they share the cores.
## A failed browser test's screenshots are kept under _artifacts/ (-artifacts).
test: deps chromium assets check
	@rc=0; $(GO) test -count=1 -timeout 30m -parallel 3 -artifacts ./app/e2e/ & e2e=$$!; \
	  EVAL_ENFORCE=1 $(GO) test -race -count=1 -timeout 30m -parallel 3 -artifacts $$($(GO) list ./... | grep -v '/app/e2e$$') || rc=1; \
	  wait $$e2e || rc=1; exit $$rc

## bench: every performance budget in one table (docs/BENCHMARKS.md): the
## load tool (hubchat load) against hubchat started on a private PostgreSQL,
## with the AI engine's Go benchmarks and make eval's figures (BenchmarkEval);
## profiles land in bin/profiles.
## BENCH_FLAGS adds flags to hubchat load (hubchat load -h).
bench: deps assets
	@mkdir -p bin
	$(GO) build -o bin/hubchat .
	set -o pipefail; $(GO) test -run '^$$' -bench '^(BenchmarkAnswer|BenchmarkShopperPostToAIAnswer)$$' -benchtime=120x -count=1 -timeout 10m \
	  ./app/ ./app/aiagent/builtin/ | tee bin/gobench.txt
	set -o pipefail; $(GO) test -run '^$$' -bench '^BenchmarkEval$$' -benchtime=1x -count=1 -timeout 10m ./app/aiagent/eval/ | tee -a bin/gobench.txt
	bin/hubchat load -go-bench bin/gobench.txt -widget extensions/customer-hub/assets/hub.js -profile-dir bin/profiles $(BENCH_FLAGS)

## faults: the fault suite (docs/RELIABILITY.md), the long scenarios too:
## hubchat built from this tree on a private PostgreSQL on loopback, chatting
## through PostgreSQL restarts and crashes, a killed instance, a terminated
## LISTEN connection and a held lock; killed mid call to the model, SMTP,
## Twilio and Zendesk; those services down or answering garbage; streams
## stalled and vanishing; webhooks shuffled, repeated and late. Each prints
## its figures (FIGURES lines).
## Then the in-process fault tests: workers killed mid-call, streams, webhooks,
## outside services down, slow or answering garbage.
faults: deps assets
	FAULTS=all $(GO) test -count=1 -v -timeout 20m -run '^TestFault' ./app/faults/
	$(GO) test -race -count=1 -timeout 10m $(FAULT_TESTS)

# The in-process fault tests the table in docs/RELIABILITY.md names.
FAULT_TESTS = -run '$(subst $(eval) ,|,$(strip $(FAULT_TEST_NAMES)))' ./app/ ./app/notify/ ./app/jobs/ ./app/realtime/ \
  ./app/storefront/ ./app/webhooks/ ./app/helpdesk/ ./app/twilio/ ./app/aiagent/openai/ ./shopify/adminapi/ ./storage/
FAULT_TEST_NAMES = TestEmailCutOffMidSendIsNotSentAgain TestEmailRefusedForNowIsSentOnTheRetry TestSMSCutOffMidSendIsNotSentTwice TestSMSWithAnUnreadableAnswerIsNotSentTwice \
  TestADeadWorkersJobIsClaimedAgainAfterOneShortLease TestAWorkerThatLostItsClaimStops TestAnAnswerSurvivesTheInstanceThatTookTheMessage \
  TestRetryAfterALostAnswerCreatesNoSecondTicket TestZendeskRetryAfterTheKeyExpiredFindsTheTicket TestListenerLosesNothingWhenItsConnectionIsKilled \
  TestReconnectReplaysWhatWasMissed TestALeftStreamFreesItsSlotAtOnce TestStreamsPerShopperAreCapped TestDuplicateDeliveriesAreProcessedOnce \
  TestOrderWebhooksEndInTheNewestState TestLateProductWebhookAfterUninstall TestServerErrorIsTemporary TestRateLimitIsTemporaryWithTheRetryAfter \
  TestTemporaryFailuresAreWorthARetry TestFallsBackWhenUnreachable TestFallsBackToTheBuiltinEngine TestRunawayStreamIsCut TestStalledSubscriberIsDroppedWithoutDelayingOthers TestAStreamWhoseClientStopsReadingEndsAtItsWriteDeadline TestRetriesTransientFailures TestNetworkErrorIsRetried \
  TestADatabaseThatIsAwayIsAnsweredWithRetryAfter TestAdminRequestWhileTheDatabaseIsAwayIsToldToRetry TestWidgetSessionWhileTheDatabaseIsAwayIsToldToRetry TestSideEffectsLetOneOfManyConcurrentRunsCall

## eval: the AI agent's built-in engine on the question sets (docs/eval.md):
## accuracy, confidently wrong, handoffs and latency per shop and category.
## EVAL_PART=dev asks the dev sets only; EVAL_FAILURES=dev (or all) prints each
## question answered wrong. It fails below the acceptance thresholds; EVAL_ENFORCE=
## (empty) only prints.
EVAL_ENFORCE ?= 1
eval: deps assets
	EVAL_REPORT=1 EVAL_ENFORCE=$(EVAL_ENFORCE) $(GO) test -count=1 -v -run '^TestEval$$' ./app/aiagent/eval/

## fuzz-short: every fuzz target (func Fuzz… in *_fuzz_test.go) for
## FUZZ_SHORT_EXECS inputs each, two packages at a time: about a minute on 2 cores.
## fuzz: the same for FUZZTIME each (FUZZTIME=10m make fuzz). A crasher is
## written under the package's testdata/fuzz/, where go test replays it.
FUZZ_SHORT_EXECS ?= 3000x
FUZZTIME ?= 1m
FUZZ_JOBS ?= 2

# The short run counts inputs rather than seconds: Go 1.26's fuzz coordinator
# can report a spurious "context deadline exceeded" when a time budget ends
# while a worker is mid-input (go.dev/issue/75804, fixed in Go 1.27), and a
# count has no deadline to race.
fuzz-short:
	@$(MAKE) --no-print-directory fuzz-targets FUZZ_EACH=$(FUZZ_SHORT_EXECS)

fuzz: deps assets
	@$(MAKE) --no-print-directory fuzz-targets FUZZ_EACH=$(FUZZTIME)

# fuzz-targets runs each package's targets one after another (a target
# uses one worker) and FUZZ_JOBS packages at once; any failure fails it,
# except that same spurious deadline at the end of a time budget: it has
# no failing input and no panic, and is reported as such.
fuzz-targets:
	@$(call GOFILES,*_fuzz_test.go) | xargs -r dirname | sort -u | \
	  xargs -r -P $(FUZZ_JOBS) -I{} bash -c 'for target in $$(grep -ho "^func Fuzz[A-Za-z0-9_]*" {}/*_fuzz_test.go | cut -c6-); do \
	    out=$$($(GO) test -run "^$$" -fuzz "^$$target\$$" -fuzztime $(FUZZ_EACH) -parallel 1 {} 2>&1) && \
	      { echo "ok   fuzz {} $$target ($(FUZZ_EACH))"; continue; }; \
	    if [[ "$$out" == *"context deadline exceeded"* && "$$out" != *"Failing input written"* && "$$out" != *"panic:"* ]]; then \
	      echo "ok   fuzz {} $$target ($(FUZZ_EACH); Go reported its time-limit race, go.dev/issue/75804, no failing input)"; continue; fi; \
	    echo "$$out"; echo "FAIL fuzz {} $$target"; exit 255; done'

# Go files of the project (not of node_modules or the local clusters).
GOFILES = find . \( -path ./node_modules -o -path ./.data \) -prune -o -name '$(1)' -type f -print

check: theme-check
	@out=$$($(call GOFILES,*.go) | xargs -r gofmt -l); \
	  if [ -n "$$out" ]; then echo "not gofmt-formatted (run gofmt -w):"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@sum() { $(call GOFILES,*_templ.go) | sort | xargs -r sha256sum | sha256sum; }; \
	  before=$$(sum); $(GO) tool templ generate >/dev/null; \
	  if [ "$$before" != "$$(sum)" ]; then echo "templ generate changed the generated *_templ.go files: commit them"; exit 1; fi
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }

## theme-check: Shopify's theme-check on each theme app extension; any offense fails
theme-check: node_modules/.package-lock.json
	@for dir in $$(dirname extensions/*/shopify.extension.toml); do \
	  node node_modules/@shopify/theme-check-node/dist/cli.js $$dir $(THEME_CHECK_CONFIG) 2>/dev/null | \
	    node -e '$(THEME_CHECK_REPORT)' $$dir || exit 1; \
	done

THEME_CHECK_CONFIG = node_modules/@shopify/theme-check-node/configs/theme-app-extension.yml
# theme-check's CLI prints the offenses as a JSON array, then its config and
# file list: this reads the array, prints each offense and fails on any.
THEME_CHECK_REPORT = const dir = process.argv[1], s = require("fs").readFileSync(0, "utf8"); \
  let i = 0, depth = 0, str = false, esc = false; \
  for (; i < s.length; i++) { const c = s[i]; \
    if (str) { if (esc) esc = false; else if (c == "\\") esc = true; else if (c == "\"") str = false; } \
    else if (c == "\"") str = true; else if (c == "[" || c == "{") depth++; \
    else if ((c == "]" || c == "}") && --depth == 0) break; } \
  let found; try { found = JSON.parse(s.slice(0, i + 1)); } \
  catch (e) { console.error(dir + ": theme-check printed no report:\n" + s); process.exit(1); } \
  for (const o of found) console.error(o.uri.replace(/^.*?\/extensions\//, "extensions/") + ":" + \
    (o.start ? o.start.line + 1 : 0) + ": [" + o.check + "] " + o.message); \
  if (found.length) { console.error(dir + ": " + found.length + " theme-check offense(s)"); process.exit(1); } \
  console.log(dir + ": theme-check found no offenses");

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

deps: postgres thesauri gomod node_modules/.package-lock.json

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

# The general thesauri the AI agent's built-in engine reads to understand a
# shopper's word the shop never wrote (Debian's mythes packages, in the
# languages the engine speaks); without them it uses its own synonym lists.
thesauri:
	@if ls /usr/share/mythes/th_en_US_*.idx /usr/share/mythes/th_es_ES_*.idx >/dev/null 2>&1; then :; else \
	  echo "installing the thesauri (Debian packages mythes-en-us mythes-es mythes-fr mythes-it mythes-pl)"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q mythes-en-us mythes-es mythes-fr mythes-it mythes-pl; fi

# Debian's Chromium, which the browser tests drive (CHROME_PATH names another).
chromium:
	@if [ -n "$$CHROME_PATH" ] || command -v chromium >/dev/null; then :; else \
	  echo "installing Chromium (Debian package chromium) for the browser tests"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; fi

## clean: remove built assets and the local PostgreSQL clusters (their data too)
clean:
	rm -rf static/vendor/*.js static/vendor/*.css bin
	rm -rf .data /dev/shm/hubchat-postgres-test-$$(printf %s "$(CURDIR)" | sha256sum | cut -c1-12)
