#!/usr/bin/env python3
"""Writes the .npz fixtures of Tests/DZTensorTests/Fixtures/npz/.

    python3 scripts/gen_npz_fixtures.py

  savez.npz             np.savez (stored, uncompressed) of the arrays in EXPECTED, with
                        DeZero-style keys ("l0/W", ...): dz's NPZ.read must return them;
  savez_compressed.npz  the same with np.savez_compressed (deflate), as DeZero's
                        save_weights writes;
  compressed_large.npz  np.savez_compressed of LARGE (dynamic Huffman blocks, long matches).
  dezero_mlp.npz        np.savez of DEZERO_MLP, the float32 weights of DeZero's
                        MLP((1000, 10)) on 10 inputs: larger than 64 KiB, so its zip directory
                        is not in the file's first read;
  dezero_mlp_compressed.npz  the same with np.savez_compressed (DeZero's save_weights).

It also checks that numpy reads dz_written.npz (written by dz's NPZ.write in the Swift
tests, committed, never regenerated here) when it exists.
"""
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/DZTensorTests/Fixtures/npz"

# Keep in sync with NPZTests.swift.
EXPECTED = {
    "l0/W": np.arange(6, dtype=np.float64).reshape(2, 3) / 7,
    "l0/b": np.array([0.5, -1.25, 3.0]),
    "l1/W": np.array([[1e-300], [-2.5], [np.pi]]),
    "l1/b": np.array([2.0], dtype=np.float32),
    "scalar": np.array(42.0),
}


# Keep in sync with NPZTests.swift: 20000 values, i * 7 % 13 as float64, shape (100, 200).
LARGE = {"big": (np.arange(20000) * 7 % 13).astype(np.float64).reshape(100, 200), "zeros": np.zeros(5000)}



def dezero_values(shape, salt):
    """Keep in sync with NPZTests.swift: ((i * 7919 + salt) % 10007) / 10007 - 0.5 as float32."""
    i = np.arange(int(np.prod(shape)))
    return (((i * 7919 + salt) % 10007) / 10007 - 0.5).astype(np.float32).reshape(shape)


DEZERO_MLP = {
    "l0/W": dezero_values((10, 1000), 0),
    "l0/b": dezero_values((1000,), 1),
    "l1/W": dezero_values((1000, 10), 2),
    "l1/b": dezero_values((10,), 3),
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez(OUT / "savez.npz", **EXPECTED)
    np.savez_compressed(OUT / "savez_compressed.npz", **EXPECTED)
    np.savez_compressed(OUT / "compressed_large.npz", **LARGE)
    np.savez(OUT / "dezero_mlp.npz", **DEZERO_MLP)
    np.savez_compressed(OUT / "dezero_mlp_compressed.npz", **DEZERO_MLP)
    for name in ["dezero_mlp.npz", "dezero_mlp_compressed.npz"]:
        assert (OUT / name).stat().st_size > 65536, name
    written = OUT / "dz_written.npz"
    if written.exists():
        with np.load(written) as z:
            assert sorted(z.files) == ["a", "b/c"], z.files
            assert np.array_equal(z["a"], np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]]))
            assert np.array_equal(z["b/c"], np.array(-0.125))
        print("numpy reads dz_written.npz")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
