# Allot: the two set-up commands of the README, and helpers.
#   make run    installs what is missing, builds, and solves the default plan (PLAN=...)
#   make test   installs what is missing and runs the whole test suite

SWIFT ?= swift
PLAN ?= models/northwind.json

.PHONY: run test deps build release bench clean

run: deps
	$(SWIFT) build -c release --product allot
	.build/release/allot solve $(PLAN)

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

bench: deps
	$(SWIFT) build -c release --product allot-bench
	.build/release/allot-bench

# GLPK's headers and library come from Debian's libglpk-dev (Homebrew's glpk on macOS).
deps:
	@sh .ci/install-deps

clean:
	rm -rf .build
