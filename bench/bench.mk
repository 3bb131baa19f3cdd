# Included by the top-level Makefile: `make bench` (bench/README.md).
# Extra harness options: make bench BENCH_ARGS="--rounds 3 --only matmul,startup"

.PHONY: bench

## Benchmark dz against numpy, PyTorch (CPU) and DeZero; rewrites bench/RESULTS.md.
bench: bootstrap
	@SWIFT="$(SWIFT)" bench/run $(BENCH_ARGS)
