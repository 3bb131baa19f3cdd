"""Test set-up for the dz Jupyter kernel: installs the kernelspec with `dz kernel install
--prefix` into a temporary directory, and points Jupyter's data, runtime and config
directories there, so that nothing is read from or left in the home directory.

The dz build used is DZ_BUILD (default: .build/debug of the repository).
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("DZ_BUILD", os.path.join(ROOT, ".build", "debug"))
DZ = os.path.join(BUILD, "dz")

_home = tempfile.mkdtemp(prefix="dz-jupyter-")
for name in ("JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR"):
    os.environ[name] = os.path.join(_home, name.lower())
os.environ["JUPYTER_PATH"] = os.path.join(_home, "share", "jupyter")
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
subprocess.run([DZ, "kernel", "install", "--prefix", _home], check=True, stdout=subprocess.DEVNULL)
