# Allot: the two set-up commands of the README, and helpers.
#   make run    installs what is missing (GLPK, zlib), builds, and solves the default plan (PLAN=...)
#   make test   installs what is missing and runs the whole test suite
#   make check  what CI runs: make test first, then CI's further checks

SWIFT ?= swift
PLAN ?= models/northwind.json

.PHONY: run test check check-more check-asan check-browser chromium glpsol fuzz deps build release bench report screenshot clean

run: deps
	$(SWIFT) build -c release --product allot
	.build/release/allot solve $(PLAN)

test: deps
	$(SWIFT) test

# CI runs exactly this (.ci/run): the README's test command, then the checks that only CI needs.
check: test
	$(MAKE) --no-print-directory check-more

# The release build and the command line run as a user runs it (a built binary, not in-process);
# the report's what-if slider in headless Chromium; the tests again under the address sanitizer
# (C guard included); 30 s of fuzzing; the domain's public surface held at 60 declarations.
check-more: deps
	sh scripts/public-api-count --max 60 Sources/Allot
	$(SWIFT) build -c release --product allot
	sh .ci/smoke .build/release/allot
	$(MAKE) --no-print-directory check-browser
	$(MAKE) --no-print-directory check-asan
	sh .ci/fuzz 30

check-asan: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build-asan

# libFuzzer over plan reading, formulation and small solves, and MPS/LP reading (SECONDS in all).
SECONDS ?= 60
fuzz: deps
	sh .ci/fuzz $(SECONDS)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Each phase of the pinned plans in-process, then the command line beside glpsol on the same
# programs (glpk-utils installed when glpsol is missing). The pinned plans missing from bench/
# are written there (git ignores it); LARGE=1 adds allot check on the 1,000,000-request plan.
bench: deps glpsol
	$(SWIFT) build -c release --product allot-bench
	$(SWIFT) build -c release --product allot
	mkdir -p bench
	.build/release/allot-bench --write bench
	.build/release/allot-bench --plans bench $(if $(LARGE),--large,)

# Debian's glpk-utils (glpsol, which the benchmark compares against), installed when missing.
glpsol:
	@command -v glpsol >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; $$SUDO apt-get install -y -qq glpk-utils >/dev/null; }

# The stakeholder report of the default plan in every format, in out/ (git ignores it).
report: deps
	$(SWIFT) build -c release --product allot
	mkdir -p out
	.build/release/allot report $(PLAN) -o out/report.html --per-team out/teams
	.build/release/allot report $(PLAN) -o out/report.md
	.build/release/allot report $(PLAN) -o out/report.csv

# Debian's chromium, installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The report's what-if slider in headless Chromium: at breakpoints and midpoints of a linear plan
# and at the computed levels of a whole-unit plan, each team's figure against allot solve --budget.
check-browser: deps chromium
	$(SWIFT) build -c release --product allot
	python3 .ci/check-browser .build/release/allot Tests/Fixtures/slider-linear.json Tests/Fixtures/slider-integer.json

# A picture of the HTML report as a browser renders it (headless Chromium, installed if missing).
screenshot: report chromium
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,5200 \
	  --screenshot=out/report.png file://$(CURDIR)/out/report.html 2>/dev/null
	@echo "wrote out/report.png"

# GLPK's headers and library come from Debian's libglpk-dev (Homebrew's glpk on macOS), zlib's
# from zlib1g-dev (part of macOS's SDK); Swift
# packages from ../shared/mirrors when that folder is beside the clone and no mirror is set.
deps:
	@sh .ci/install-deps
	@sh .ci/use-mirrors

clean:
	rm -rf .build .build-asan .build-fuzz
