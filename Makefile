# Allot: the two set-up commands of the README, and helpers.
#   make run    installs what is missing, builds, and solves the default model
#   make test   installs what is missing and runs the whole test suite

SWIFT ?= swift
MODEL ?= models/lp/product-mix.lp

.PHONY: run test deps build release bench clean

run: deps
	$(SWIFT) build -c release --product allot
	.build/release/allot lp solve $(MODEL)

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

bench: deps
	$(SWIFT) run -c release allot-bench

# GLPK's headers and library come from Debian's libglpk-dev (Homebrew's glpk on macOS).
deps:
	@sh .ci/install-deps

clean:
	rm -rf .build
