#!/usr/bin/env python3
"""Writes the .npy fixtures of Tests/DZTensorTests/Fixtures/npy/ and their expectations.

    python3 scripts/gen_npy_fixtures.py

Creates, in Tests/DZTensorTests/Fixtures/npy/:
  valid/*.npy        numpy-written arrays: every supported dtype, both byte orders, C and
                     Fortran order, format versions 1.0/2.0/3.0, 0-d, empty, 3-d, special
                     values, and a Python 2 style header;
  write/*.npy        numpy's np.lib.format.write_array(..., version=(1, 0)) of float64 arrays
                     in C order: dz's NPY.encode must reproduce these bytes exactly;
  corrupt/*.npy      files dz must refuse (bad magic, truncated, object and structured
                     dtypes, malformed headers, huge shapes, ...);
  expected.json      for each valid/ and write/ file: shape and row-major float64 values
                     (float.hex strings); for each corrupt/ file: why it is corrupt and
                     whether numpy itself loads it.

It also checks that numpy loads dz_written.npy (written by dz's NPY.write in the Swift
tests, committed, never regenerated here) and gets DZ_WRITTEN_VALUES.
"""
import io
import json
import os
import shutil
import struct
import warnings

import numpy as np
from numpy.lib import format as npformat

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DZTensorTests",
                    "Fixtures", "npy")

# The array that NPYTests writes to dz_written.npy: np.arange(24).reshape(2, 3, 4) * 0.5 - 3,
# with element [0, 0, 0] = -0.0, [1, 2, 3] = inf and [1, 0, 0] = 1e-310 (subnormal).
def dz_written_values():
    a = np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.5 - 3
    a[0, 0, 0] = -0.0
    a[1, 2, 3] = np.inf
    a[1, 0, 0] = 1e-310
    return a


def hexes(a):
    return [float(x).hex() for x in np.asarray(a, dtype=np.float64).ravel(order="C")]


def dz_dtype(dt):
    """The dtype dz reads a file dtype as: f8 float64, f4/f2 float32, integers int64, bool."""
    dt = np.dtype(dt)
    if dt.kind == "f":
        return "float64" if dt.itemsize == 8 else "float32"
    return "bool" if dt.kind == "b" else "int64"


def dz_case(arr):
    """What dz must read from a file holding `arr`: its dtype, the values as float64 hex
    strings, and for int64 the exact integers (numpy's astype(int64); uint64 wraps)."""
    target = dz_dtype(arr.dtype)
    cast = arr.astype(np.dtype(target))
    case = {"dtype": target, "values": hexes(cast)}
    if target == "int64":
        case["ints"] = [str(int(x)) for x in cast.ravel(order="C")]
    return case


def save(path, arr, version=None, fortran=None):
    if fortran:
        arr = np.asfortranarray(arr)
    with open(path, "wb") as f:
        npformat.write_array(f, arr, version=version, allow_pickle=True)


def main():
    if os.path.isdir(ROOT):
        for sub in ("valid", "write", "corrupt"):
            shutil.rmtree(os.path.join(ROOT, sub), ignore_errors=True)
    for sub in ("valid", "write", "corrupt"):
        os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
    expected = {"numpy_version": np.__version__, "valid": [], "write": [], "corrupt": []}

    def with_header(hdr, data=b"", version=(1, 0)):
        if isinstance(hdr, str):
            hdr = hdr.encode("latin1")
        size = 2 if version == (1, 0) else 4
        hdr = hdr + b" " * (64 - (8 + size + len(hdr) + 1) % 64) + b"\n"
        fmt = "<H" if size == 2 else "<I"
        return b"\x93NUMPY" + bytes(version) + struct.pack(fmt, len(hdr)) + hdr + data

    def valid_raw(name, raw, want, fortran, note):
        """A hand-written file that numpy loads as `want`."""
        path = os.path.join(ROOT, "valid", name + ".npy")
        with open(path, "wb") as f:
            f.write(raw)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = np.load(path)
        assert got.shape == want.shape and (got.astype(np.float64).tobytes() == want.astype(np.float64).tobytes()), name
        expected["valid"].append({"file": "valid/" + name + ".npy", "descr": got.dtype.str, "fortran_order": fortran,
                                  "version": list(raw[6:8]), "shape": list(want.shape), **dz_case(got),
                                  "note": note})

    def valid(name, arr, version=(1, 0), fortran=False, note=""):
        path = os.path.join(ROOT, "valid", name + ".npy")
        save(path, arr, version=version, fortran=fortran)
        back = np.load(path)
        assert back.dtype == arr.dtype and back.shape == arr.shape
        with open(path, "rb") as f:
            raw = f.read()
        header = raw[:raw.index(b"\n") + 1]
        is_fortran = b"'fortran_order': True" in header
        # numpy writes C order whenever the array is also C-contiguous (1-d, empty, ...).
        assert is_fortran == bool(fortran and not np.asfortranarray(arr).flags.c_contiguous), name
        expected["valid"].append({
            "file": "valid/" + name + ".npy", "descr": arr.dtype.str, "fortran_order": is_fortran,
            "version": list(raw[6:8]), "shape": list(arr.shape), **dz_case(arr), "note": note,
        })

    r = np.arange(6).reshape(2, 3)
    # Every dtype, little-endian, C order.
    for code in ["f8", "f4", "f2", "i8", "i4", "i2", "i1", "u8", "u4", "u2", "u1"]:
        dt = np.dtype("<" + code) if np.dtype(code).itemsize > 1 else np.dtype(code)
        vals = (r - 2) * 3 if code[0] != "u" else r * 7
        if code[0] == "f":
            vals = (r - 2.25) * 1.5
        valid(f"{code}_c", vals.astype(dt))
    valid("b1_c", np.array([[True, False, True], [False, False, True]]))
    # Big-endian.
    for code in ["f8", "f4", "f2", "i8", "i4", "i2", "u8", "u4", "u2"]:
        vals = (r - 2.25) * 1.5 if code[0] == "f" else ((r - 2) * 5 if code[0] == "i" else r * 11)
        valid(f"be_{code}_c", vals.astype(">" + code))
    # Fortran order.
    valid("f8_f", (np.arange(6.0).reshape(2, 3) + 0.5), fortran=True)
    valid("f4_f_3d", np.arange(24, dtype="<f4").reshape(2, 3, 4) - 7, fortran=True)
    valid("i4_f", np.arange(6, dtype="<i4").reshape(3, 2) * -3, fortran=True)
    valid("be_f8_f_3d", (np.arange(24.0).reshape(4, 3, 2) / 8).astype(">f8"), fortran=True)
    valid("f8_f_4d", np.arange(120.0).reshape(2, 3, 4, 5) * 0.25, fortran=True)
    # Versions.
    valid("f8_c_v2", np.arange(6.0).reshape(2, 3) - 1.5, version=(2, 0))
    valid("f8_c_v3", np.arange(6.0).reshape(2, 3) + 0.125, version=(3, 0))
    valid("i8_f_v3", np.arange(12, dtype="<i8").reshape(3, 4), version=(3, 0), fortran=True)
    # 0-d, empty, 3-d, 1-d.
    valid("f8_0d", np.array(3.75))
    valid("i4_0d", np.array(-42, dtype="<i4"))
    valid("b1_0d", np.array(True))
    valid("f8_empty", np.zeros((0,)))
    valid("f8_empty_2x0", np.zeros((2, 0)))
    valid("i4_empty_0x3_f", np.zeros((0, 3), dtype="<i4"), fortran=True)  # written as C order
    valid("f8_3d", np.arange(24.0).reshape(2, 3, 4) * 1.25 - 9)
    valid("f8_1d", np.array([1.0, -2.5, 1e300]))
    # Special values.
    valid("f8_special", np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, np.finfo(np.float64).max,
                                  np.finfo(np.float64).tiny, 0.1]))
    valid("f4_special", np.array([np.inf, -np.inf, -0.0, 1e-45, np.finfo(np.float32).max, 0.1],
                                 dtype="<f4"))
    valid("f2_special", np.array([np.inf, -0.0, 6e-8, 65504, 0.1, -2.5], dtype="<f2"))
    valid("i8_extremes", np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max, -1, 2**53 + 1],
                                  dtype="<i8"))
    valid("u8_extremes", np.array([0, np.iinfo(np.uint64).max, 2**53 + 1], dtype="<u8"))
    valid("i1_extremes", np.array([-128, 127, 0, -1], dtype="i1"))

    # Hand-written headers that numpy reads.
    body = (np.arange(6.0).reshape(2, 3) - 4)
    valid_raw("py2_header", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }",
                                        body.astype("<f8").tobytes()), body, False, "python 2 long suffixes")
    valid_raw("double_quotes", with_header('{"shape": (2, 3), "fortran_order": False, "descr": "<f8"}',
                                           body.astype("<f8").tobytes()), body, False,
              "double-quoted keys, other key order, no trailing comma")
    valid_raw("fortran_empty", with_header("{'descr': '<f8', 'fortran_order': True, 'shape': (0, 3), }"),
              np.zeros((0, 3)), True, "fortran_order True on an empty array")
    valid_raw("fortran_1d", with_header("{'descr': '<i2', 'fortran_order': True, 'shape': (3,), }",
                                        np.array([5, -6, 7], dtype="<i2").tobytes()),
              np.array([5.0, -6.0, 7.0]), True, "fortran_order True on a 1-d array")
    valid_raw("v2_bool_f", with_header("{'descr': '|b1', 'fortran_order': True, 'shape': (2, 2), }",
                                       bytes([1, 0, 0, 1]), version=(2, 0)),
              np.array([[1.0, 0.0], [0.0, 1.0]]), True, "version 2.0 bool in fortran order")

    # numpy's own bytes for C-order arrays of dz's dtypes, version 1.0: dz's encode must match.
    def write_ref(name, arr, dtype=np.float64):
        arr = np.ascontiguousarray(arr, dtype=dtype)
        path = os.path.join(ROOT, "write", name + ".npy")
        save(path, arr, version=(1, 0))
        expected["write"].append({"file": "write/" + name + ".npy", "shape": list(arr.shape), **dz_case(arr)})

    write_ref("scalar", np.array(3.5))
    write_ref("empty", np.zeros((0,)))
    write_ref("vector", np.array([1.0, -2.0, 0.1]))
    write_ref("matrix", np.arange(6.0).reshape(2, 3) / 3)
    write_ref("cube", np.arange(24.0).reshape(2, 3, 4) - 11.5)
    write_ref("ones5d", np.ones((1, 1, 1, 1, 1)))
    write_ref("wide_empty", np.zeros((1234567, 0)))
    write_ref("special", np.array([np.nan, -np.inf, -0.0, 5e-324]))
    write_ref("f4_matrix", np.arange(6.0).reshape(2, 3) / 3, np.float32)
    write_ref("f4_special", np.array([np.nan, -np.inf, -0.0, 1e-45, 0.1]), np.float32)
    write_ref("i8_vector", np.array([np.iinfo(np.int64).min, -1, 0, 2**53 + 1, np.iinfo(np.int64).max]), np.int64)
    write_ref("i8_scalar", np.array(7), np.int64)
    write_ref("b1_matrix", np.array([[True, False, True], [False, False, True]]), np.bool_)
    write_ref("b1_empty", np.zeros((0, 2), dtype=bool), np.bool_)
    # A shape whose header is exactly 64-aligned before padding: numpy then pads 64 spaces.
    for n in range(1, 40):
        shape = (1,) * n
        h = ("{'descr': '<f8', 'fortran_order': False, 'shape': %r, }" % (shape,)) + " " * (21 - 1)
        if (10 + len(h) + 1) % 64 == 0:
            write_ref(f"aligned_{n}d", np.ones(shape))
            break
    else:
        raise SystemExit("no shape with a 64-aligned header found")

    # Corrupt files.
    def corrupt(name, raw, why):
        path = os.path.join(ROOT, "corrupt", name + ".npy")
        with open(path, "wb") as f:
            f.write(raw)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                np.load(path, allow_pickle=False)
            numpy_loads = True
        except Exception:
            numpy_loads = False
        expected["corrupt"].append({"file": "corrupt/" + name + ".npy", "why": why, "numpy_loads": numpy_loads})

    def npy_bytes(arr, version=(1, 0), fortran=False):
        b = io.BytesIO()
        if fortran:
            arr = np.asfortranarray(arr)
        npformat.write_array(b, arr, version=version, allow_pickle=True)
        return b.getvalue()


    good = npy_bytes(np.arange(6.0).reshape(2, 3))
    corrupt("empty_file", b"", "zero bytes")
    corrupt("bad_magic", b"\x93NUMPZ" + good[6:], "magic string is not \\x93NUMPY")
    corrupt("text_file", b"hello, world\n", "not a .npy file at all")
    corrupt("magic_only", good[:6], "ends after the magic string")
    corrupt("no_header_length", good[:9], "ends inside the header length")
    corrupt("truncated_header", good[:40], "ends inside the header")
    corrupt("truncated_data", good[:-5], "data is 5 bytes short")
    corrupt("trailing_data", good + b"\0" * 8, "8 bytes after the data (numpy ignores them, dz refuses)")
    corrupt("bad_version", good[:6] + b"\x04\x00" + good[8:], "format version 4.0")
    corrupt("object_dtype", npy_bytes(np.array([1, "a", None], dtype=object)), "object dtype (pickled data)")
    corrupt("structured_dtype", npy_bytes(np.zeros(3, dtype=[("a", "<i4"), ("b", "<f8")])), "structured dtype")
    corrupt("unicode_dtype", npy_bytes(np.array(["ab", "c"])), "unicode string dtype")
    corrupt("complex_dtype", npy_bytes(np.array([1 + 2j])), "complex dtype")
    corrupt("datetime_dtype", npy_bytes(np.array(["2020-01-01"], dtype="datetime64[D]")), "datetime dtype")
    corrupt("header_not_dict", with_header("['descr', '<f8']"), "header is a list")
    corrupt("header_missing_key", with_header("{'descr': '<f8', 'shape': (2,), }", b"\0" * 16), "no fortran_order")
    corrupt("header_extra_key", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1, }",
                                            b"\0" * 16), "unexpected key 'x'")
    corrupt("header_syntax", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ",
                                         b"\0" * 16), "unterminated dictionary")
    corrupt("header_float_shape", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,), }",
                                              b"\0" * 16), "shape has a float")
    corrupt("header_shape_not_tuple", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': 2, }",
                                                  b"\0" * 16), "shape is an int")
    corrupt("header_bad_fortran", with_header("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }",
                                              b"\0" * 16), "fortran_order is 0")
    corrupt("header_bad_descr", with_header("{'descr': '<x9', 'fortran_order': False, 'shape': (2,), }",
                                            b"\0" * 16), "unknown dtype code")
    corrupt("negative_shape", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }"),
            "negative dimension")
    corrupt("huge_shape", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, 1099511627776), }"),
            "2**80 elements, no data")
    corrupt("bigint_shape", with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000000000000000000000,), }"),
            "a dimension beyond 64 bits")
    corrupt("shape_mismatch", with_header("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", b"\0" * 16),
            "3 int32 need 12 bytes, file has 16")
    corrupt("v3_bad_utf8", with_header(b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), '\xff': 0}",
                                       b"\0" * 8, version=(3, 0)), "invalid utf-8 in a version 3.0 header")

    # The file dz wrote (committed by hand from the Swift test run): numpy must load it.
    dz = os.path.join(ROOT, "dz_written.npy")
    if os.path.exists(dz):
        got = np.load(dz)
        want = dz_written_values()
        assert got.dtype == np.float64 and got.shape == want.shape, (got.dtype, got.shape)
        assert got.tobytes() == want.tobytes(), "dz_written.npy values differ"
        with open(dz, "rb") as f:
            assert f.read() == npy_bytes(want), "dz_written.npy bytes differ from np.save's"
        print("dz_written.npy: numpy loads it, bytes identical to numpy's")
    else:
        print("dz_written.npy missing: run the Swift tests and copy it (see NPYTests)")
    expected["dz_written"] = {"file": "dz_written.npy", "shape": [2, 3, 4], "values": hexes(dz_written_values())}

    with open(os.path.join(ROOT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(ROOT) for n in ns)
    print(f"{len(expected['valid'])} valid, {len(expected['write'])} write, "
          f"{len(expected['corrupt'])} corrupt; {total} bytes in {os.path.normpath(ROOT)}")


if __name__ == "__main__":
    main()
