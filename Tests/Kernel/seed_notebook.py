"""examples/seed.ipynb: the seed notebook's cells written in dz (shared/seed), with the
outputs the dz kernel gives, stored.

    Tests/Kernel/.venv/bin/python Tests/Kernel/seed_notebook.py   # rewrite examples/seed.ipynb

The cells are listed here once; test_seed_notebook.py runs the stored notebook again with
nbclient and compares every output with the stored one.
"""
import os
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PATH = os.path.join(ROOT, "examples", "seed.ipynb")

CELLS = [
    ("markdown", "# Backpropagation of matrix multiplication, in dz\n\n"
                 "The seed notebook's cells, run by the dz kernel. Every number in dz is a float64 tensor."),
    ("markdown", "## Vector multiplication"),
    ("code", "a = [1, 2, 3]\nb = [4, 5, 6]\nc = dot(a, b)\nprint(c)"),
    ("markdown", "## Matrix multiplication"),
    ("code", "a = [[1, 2],\n     [3, 4]]\nb = [[5, 6],\n     [7, 8]]\nc = dot(a, b)\nprint(c)"),
    ("markdown", "When multiplying two matrices we have to check both shapes: `dot` and `@` agree on 2-d arrays."),
    ("code", "c.shape\na @ b"),
    ("markdown", "## Backpropagation of matrix multiplication\n\n"
                 "### $\\mathbf{y} = \\mathbf{xW}$\n\n"
                 "- $\\mathbf{x} : N \\times D$\n- $\\mathbf{W} : D \\times H$\n- $\\mathbf{y} : N \\times H$\n\n"
                 "For a scalar $L$ computed from $\\mathbf{y}$:\n\n"
                 "$\\frac{\\partial L}{\\partial \\mathbf{x}} = \\frac{\\partial L}{\\partial \\mathbf{y}} \\cdot W^{T}$"
                 " $\\quad (N \\times D) = (N \\times H)(H \\times D)$\n\n"
                 "$\\frac{\\partial L}{\\partial \\mathbf{W}} = \\mathbf{x}^{T} \\cdot \\frac{\\partial L}{\\partial \\mathbf{y}}$"
                 " $\\quad (D \\times H) = (D \\times N)(N \\times H)$"),
    ("code", "seed(0)\nx = randn(2, 3)\nW = randn(3, 4)\ny = matmul(x, W)\nbackward(y)\n\nprint(x.grad.shape)\nprint(W.grad.shape)"),
    ("markdown", "The values: `backward(y)` on a non-scalar `y` seeds $\\partial L/\\partial \\mathbf{y}$ with ones, "
                 "as DeZero does, so each row of `x.grad` holds the row sums of `W` and each column of `W.grad` "
                 "the column sums of `x`: the two formulas, computed by hand."),
    ("code", "print(x.grad)\nprint(ones(2, 4) @ W.T)\nprint(W.grad)\nx.T @ ones(2, 4)"),
    ("markdown", "## The backward pass and the graph\n\n`explain` prints the rules `backward` runs, with their shapes; "
                 "`show_graph` draws the graph."),
    ("code", "explain(y)"),
    ("code", "show_graph(y)"),
    ("markdown", "## The rule written by hand: `MatMul` as a Function\n\n"
                 "The seed's own cell: a `Function` whose `backward` states the two formulas. "
                 "`gradcheck` compares it with central differences; `explain` shows it as written."),
    ("code", "class MatMul(Function) {\n  def forward(self, x, W) = dot(x, W)\n  def backward(self, gy) {\n"
             "    x, W = self.inputs\n    gx = matmul(gy, W.T)\n    gW = matmul(x.T, gy)\n    return gx, gW\n  }\n}\n"
             "cleargrads(x, W)\ny = MatMul()(x, W)\nbackward(y)\nprint(x.grad.shape, W.grad.shape)\ngradcheck(MatMul(), x, W)"),
    ("code", "explain(y)"),
    ("code", "show_graph(y)"),
    ("markdown", "## Learning `W` by gradient descent\n\nThe gradient of a squared error through `matmul`, "
                 "used to fit `W` so that `x @ W` approaches a target."),
    ("code", "seed(1)\ntarget = randn(2, 4)\nW = zeros(3, 4)\nlosses = ()\nfor step in range(60) {\n"
             "  loss = sum((x @ W - target) ** 2)\n  backward(loss)\n  no_grad { W -= 0.02 * W.grad }\n"
             "  losses = losses + (float(loss),)\n}\nplot(losses, title=\"squared error\")"),
    ("code", ":vars"),
]


def build():
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "dz", "display_name": "dz", "language": "dz"}
    for kind, source in CELLS:
        nb.cells.append(new_code_cell(source) if kind == "code" else new_markdown_cell(source))
    return nb


def execute(nb):
    from nbclient import NotebookClient
    NotebookClient(nb, kernel_name="dz", timeout=60, coalesce_streams=True).execute()
    return nb


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    import conftest  # noqa: F401  (installs the kernelspec in a temporary Jupyter directory)
    nb = execute(build())
    for i, cell in enumerate(nb.cells):
        cell["id"] = "cell-%d" % i
    nbformat.validate(nb)
    nbformat.write(nb, PATH)
    print("wrote", PATH)
