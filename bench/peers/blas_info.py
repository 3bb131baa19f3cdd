"""Prints, as one JSON object, the BLAS each peer runs: numpy's (and so DeZero's) and torch's.

numpy's bundled OpenBLAS and torch's MKL/OpenMP are read with threadpoolctl after a small
product has started their thread pools.
"""
import json

import numpy as np
from threadpoolctl import threadpool_info


def pools():
    keep = ("user_api", "internal_api", "prefix", "version", "architecture", "threading_layer", "num_threads")
    return [{k: p[k] for k in keep if k in p} for p in threadpool_info()]


def main():
    a = np.ones((64, 64))
    a @ a
    info = {"numpy": {"version": np.__version__, "pools": pools()}}
    import torch

    t = torch.ones(64, 64, dtype=torch.float64)
    t @ t
    info["torch"] = {
        "version": torch.__version__,
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "blas": "MKL (linked in)" if torch.backends.mkl.is_available() else "?",
        "threads": torch.get_num_threads(),
        "pools": [p for p in pools() if p.get("prefix") != "libscipy_openblas"],
    }
    import dezero_shim

    info["dezero"] = {"version": getattr(dezero_shim.dezero, "__version__", "?"), "blas": "numpy's"}
    print(json.dumps(info))


if __name__ == "__main__":
    main()
