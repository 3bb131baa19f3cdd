# dz: the README's two commands are `make run` and `make test`.
SWIFT ?= swift
FILE ?=

.PHONY: run test build release bootstrap clean docs bench fuzz sanitize rss install notebook
PREFIX ?= /usr/local

bootstrap:
	@scripts/bootstrap

## Build in release mode and start dz (the REPL, or FILE=examples/x.dz to run a script).
run: bootstrap
	@$(SWIFT) build -c release --product dz --quiet >/dev/null
	@./.build/release/dz $(FILE)

## Build in debug mode and run every test: Swift's, then the Jupyter kernel's with real
## clients (Tests/Kernel, in the venv the bootstrap makes).
test: bootstrap
	$(SWIFT) test
	Tests/Kernel/run

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release --product dz
	$(SWIFT) build -c release --product dz-kernel

## Install dz and its Jupyter kernel program in $(PREFIX)/bin and the kernelspec in
## $(PREFIX)/share/jupyter/kernels/dz (PREFIX=/usr/local by default).
install: release
	install -d $(PREFIX)/bin
	install -m 755 .build/release/dz .build/release/dz-kernel $(PREFIX)/bin/
	$(PREFIX)/bin/dz kernel install --prefix $(PREFIX)

## Rerun examples/seed.ipynb with the dz kernel and store its outputs.
notebook: bootstrap
	@$(SWIFT) build --product dz >/dev/null && $(SWIFT) build --product dz-kernel >/dev/null
	@Tests/Kernel/.venv/bin/python Tests/Kernel/seed_notebook.py

clean:
	rm -rf .build

## Regenerate the builtin reference in docs/language.md from the registry, and the
## tutorial's graph picture docs/images/matmul-graph.png.
docs: bootstrap
	@$(SWIFT) build --product dz >/dev/null
	@scripts/gen-docs .build/debug/dz

## Build the libFuzzer targets (Tests/Fuzz) and run each for FUZZ_SECONDS (default 60).
fuzz: bootstrap
	@scripts/fuzz

## The whole test suite under AddressSanitizer, then under UndefinedBehaviorSanitizer
## (separate build directories .build-asan and .build-ubsan; slow). LeakSanitizer is off:
## Swift keeps enum case tags in the spare bits of pointers, which hides those references
## from it, so syntax trees still reachable from user functions at exit are reported as
## leaked (and XCTest and libedit leave a few hundred bytes at exit). Leaks are covered by
## RetainCycleTests, REPLMemoryTests and make rss instead. swiftc has no
## -sanitize=undefined on Linux ("unsupported option"), so UBSan instruments the C code
## (CEditLineShim, through -Xcc); Swift's own checks (overflow, bounds, unwrapping) trap
## in the debug build either way.
sanitize: bootstrap
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --scratch-path .build-ubsan -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined \
		-Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined

## dz's resident memory over a 10,000-iteration training loop and around the REPL's :reset
## (bench/rss/rss.py, sampled from outside through /proc).
rss: release
	@bench/rss/rss.py

include bench/bench.mk
