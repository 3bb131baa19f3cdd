"""Import DeZero 0.0.13 on numpy 2: restore `np.int`, and stub matplotlib and PIL, which only
its datasets and transforms modules use (and `import dezero` imports them).

Usage: `from dezero_shim import dezero, F` (or `import dezero_shim` before `import dezero`).
"""
import sys
import types

import numpy as np

if not hasattr(np, "int"):
    np.int = int  # removed in numpy 1.24; dezero.datasets/transforms still name it


def stub(package, module, **attributes):
    """Install empty `package` and `package.module` modules unless the real ones import."""
    try:
        __import__(f"{package}.{module}")
        return
    except ImportError:
        pass
    top = types.ModuleType(package)
    sub = types.ModuleType(f"{package}.{module}")
    for name, value in attributes.items():
        setattr(sub, name, value)
    setattr(top, module, sub)
    sys.modules[package] = top
    sys.modules[f"{package}.{module}"] = sub


stub("matplotlib", "pyplot")
stub("PIL", "Image", BILINEAR=2)

import dezero  # noqa: E402
import dezero.functions as F  # noqa: E402

__all__ = ["dezero", "F"]
